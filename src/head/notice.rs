//! The notice's own parts: subject line (关于印发……的通知) with the issuer prefix, 主送
//! (addressees), 附件 list, organ names (发文机关), and the scraper metadata block
//! (文号/发文机关/成文日期 labels) used as a fallback.

use super::organs::{ends_like_organ, names_start, organs_in_line, split_organs};
use super::{doc_number, drop_pinyin, label, Line};
use crate::chars::{is_close_bracket, is_open_bracket, is_sentence_punct, strip_space};
use crate::grammar::data;
use crate::grammar::dates::{full_date as parse_date, iso_ymd};
use crate::grammar::pattern::Pattern;
use crate::grammar::words::CharBloom;
use std::sync::OnceLock;

/// "About": the subject of a notice starts here (simplified and traditional forms).
const ABOUT: [&str; 4] = ["关于", "關于", "關於", "关於"];

/// The verbs of a subject without 关于, printed right after its issuers: "中共XX区委办公室
/// XX区人民政府办公室印发《……》的通知" (the joint 办公室/办公厅 form).
const ISSUE_VERBS: [&str; 4] = ["印发", "印發", "转发", "轉發"];

/// The subject line.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// 关于……的通知, whitespace removed.
    pub value: String,
    /// Issuers printed before 关于 (or on the lines just above), validated.
    pub issuers: Vec<String>,
    /// True when the line is the document's own title (关于……的实施意见) rather than a notice
    /// (……的通知): such a head counts only with a 文号 or addressees.
    pub own_text: bool,
    /// Byte range of 关于……通知 in the text.
    pub start: usize,
    pub end: usize,
    /// Where the heading (标题) starts as printed: its issuers, on the subject's line or on the
    /// lines above, else `start`.
    pub heading_start: usize,
}

/// Finds the subject in the head: the first 关于 … 通知 standing as a head line (not inside a
/// sentence or a cited 《…》), preferring the document's own line over a metadata 名称/标题.
pub fn find_subject(text: &str, lines: &[Line], body_start: usize) -> Option<Subject> {
    // Priority: a notice line of the text, a notice in metadata, the document's own title line.
    let mut best: [Option<Subject>; 3] = [None, None, None];
    for (li, l) in lines.iter().enumerate() {
        // A page title often repeats the heading without its issuer above the document's own
        // heading: a notice line without issuers is kept only until the same subject with them.
        if l.start >= body_start || best[0].as_ref().is_some_and(|s| !s.issuers.is_empty()) {
            break;
        }
        let line = &text[l.start..l.end.min(body_start)];
        let label_len = label::label_len(line);
        let is_meta = line[..label_len].contains([':', '：']);
        // Where 关于 (true) or a verb without it (false) starts, in order.
        let hits = subject_words(line);
        // A subject is among the first 关于 of its line; the cap keeps a long line linear.
        for (p, about) in hits.into_iter().take(16) {
            if p < label_len {
                continue;
            }
            let Some(prefix) = issuer_prefix(&line[label_len..p]) else {
                continue;
            };
            // Without 关于 the verb must follow the issuers themselves: "现将《X》印发" and
            // "关于印发" are not this form.
            if !about && (!ends_like_organ(prefix) || organs_ending(prefix).is_empty()) {
                continue;
            }
            let Some((end, own_text)) = subject_end(text, l.start + p, body_start, l.end) else {
                continue;
            };
            let (issuers, heading_start) = if prefix.trim().is_empty() {
                if is_meta {
                    (Vec::new(), l.start + p)
                } else {
                    organ_lines_above(text, lines, li).unwrap_or((Vec::new(), l.start + p))
                }
            } else {
                let issuers = organs_ending(prefix);
                let at = if issuers.is_empty() { l.start + p } else { issuers_start(l.start + p, prefix) };
                (issuers, at)
            };
            let value = strip_space(&text[l.start + p..end]);
            let s = Subject { value, issuers, own_text, start: l.start + p, end, heading_start };
            let rank = if own_text {
                2
            } else if is_meta {
                1
            } else {
                0
            };
            let same_with_issuers = |b: &Subject| b.issuers.is_empty() && !s.issuers.is_empty() && b.value == s.value;
            if best[rank].as_ref().is_none_or(same_with_issuers) {
                best[rank] = Some(s);
            }
        }
    }
    best.into_iter().flatten().next()
}

/// The part of a head line before 关于 that may hold issuers: after an optional 文号 and an
/// opening 《 (a page title printed in 《》). None when that part is a sentence.
fn issuer_prefix(before: &str) -> Option<&str> {
    let mut p = before.trim_start();
    // A law database's line "2010.10.13《X关于……的通知》X〔2010〕309号": the date goes first.
    if let Some(m) = leading_date_re().find(p) {
        p = &p[m.end()..];
    }
    if let Ok((rest, _)) = doc_number::parse(p) {
        p = rest.trim_start();
    }
    if let Some(rest) = p.strip_prefix('《') {
        p = rest;
    }
    let clean =
        |q: &str| !q.chars().any(|c| is_sentence_punct(c) || is_open_bracket(c) || is_close_bracket(c) || c == '|');
    // Pinyin glued in by converters ("監(jiān)會(huì)") is not a bracket of the text.
    clean(&drop_pinyin(p)).then_some(p)
}

fn leading_date_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"^[0-9０-９]{4}[.\-/][0-9０-９]{1,2}[.\-/][0-9０-９]{1,2}\s*"))
}

/// Issuers at the end of a prefix: whitespace-separated names (each may be several glued
/// names), taken from the last one backwards while they are organ names.
fn organs_ending(prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tok in prefix.split_whitespace().rev() {
        match split_organs(tok) {
            Some(v) => {
                out.splice(0..0, v);
            }
            None => break,
        }
    }
    out
}

/// Where the words a subject starts at stand in `line`, in order and not overlapping: 关于 (four
/// spellings: true) and the verbs of the form without it (false).
fn subject_words(line: &str) -> Vec<(usize, bool)> {
    // Only where one of the words' first characters stands is a word tried.
    const FIRSTS: CharBloom = CharBloom::EMPTY.with_all(&['关', '關', '印', '转', '轉']);
    let mut out = Vec::new();
    let mut next = 0;
    for (at, _) in FIRSTS.hits(line) {
        if at < next {
            continue;
        }
        let rest = &line[at..];
        let word = ABOUT
            .iter()
            .map(|w| (w, true))
            .chain(ISSUE_VERBS.iter().map(|w| (w, false)))
            .find(|(w, _)| rest.starts_with(**w));
        if let Some((w, about)) = word {
            out.push((at, about));
            next = at + w.len();
        }
    }
    out
}

/// Where the issuers printed before 关于 start: `prefix` ends at `at` (the subject's start); the
/// organ names at its end (see [`organs_ending`]) start at the returned offset.
fn issuers_start(at: usize, prefix: &str) -> usize {
    let mut start = prefix.len();
    let mut rest = prefix.trim_end();
    while !rest.is_empty() {
        let tok_start = rest.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        if split_organs(&rest[tok_start..]).is_none() {
            break;
        }
        start = tok_start;
        rest = rest[..tok_start].trim_end();
    }
    at - prefix.len() + start
}

/// Joint issuers printed each on its own line above a subject line that starts with 关于, and
/// where the first of those lines starts; None when the line above names no organ.
fn organ_lines_above(text: &str, lines: &[Line], li: usize) -> Option<(Vec<String>, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for l in lines[..li].iter().rev() {
        let t = l.text(text).trim();
        if t.is_empty() {
            continue;
        }
        match organs_in_line(t) {
            Some(v) if out.len() < 6 => {
                out.splice(0..0, v);
                start = Some(l.start + names_start(l.text(text)));
            }
            _ => break,
        }
    }
    start.map(|s| (out, s))
}

/// End of the subject starting at `start` (at 关于): just after the first 通知 outside brackets,
/// within 160 characters and at most 3 lines, when it closes the head line (`line_end`: the end
/// of the line, which for a flattened head is a pseudo-line cut, see [`super::flat`]). Failing
/// that, a plan kind closing a line (关于……的实施意见: the document's own head, also wrapped over
/// up to three lines), flagged `true`.
fn subject_end(text: &str, start: usize, limit: usize, line_end: usize) -> Option<(usize, bool)> {
    let s = &text[start..super::floor_boundary(text, limit.max(start))];
    let kinds = data::list("plan_kinds");
    let mut depth = 0i32;
    let mut breaks = 0;
    // Where the current line started: a blank line between a heading's lines (a page that puts
    // one between every two paragraphs) is no line of it.
    let mut line_start = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n > 160 {
            return None;
        }
        match c {
            '\n' => {
                breaks += usize::from(!s[line_start..i].trim().is_empty());
                line_start = i + 1;
                if breaks > 2 || repeated_below(&s[..i], &s[i + 1..]) {
                    return None;
                }
            }
            '。' | '：' | ':' | '；' => return None,
            c if is_open_bracket(c) => depth += 1,
            c if is_close_bracket(c) => depth -= 1,
            '通' if depth <= 0 && notice_word_len(&s[i..]).is_some() => {
                let end = i + notice_word_len(&s[i..]).unwrap_or(0);
                let rest = &s[end..];
                let next = rest.chars().next();
                // A 文号 glued after it closes the line too: a layout that joined the heading's
                // last line and the number centred below it ("…的通知渝粮规范〔2023〕2号").
                let ok = start + end == line_end
                    || next.is_none_or(|c| c.is_whitespace() || matches!(c, '（' | '(' | '》' | '|' | '〔' | '['))
                    || doc_number::parse(rest)
                        .is_ok_and(|(after, _)| after.split('\n').next().is_some_and(|l| l.trim().is_empty()));
                return ok.then_some((start + end, false));
            }
            _ => {}
        }
        let end = i + c.len_utf8();
        // A heading wraps over up to three lines ("XX关于推进" / "……发展的意见").
        if depth == 0
            && super::title::kind_last_chars().binary_search(&c).is_ok()
            && kinds.iter().any(|k| s[..end].ends_with(k))
            && (start + end == line_end || s[end..].chars().take_while(|&c| c != '\n').all(char::is_whitespace))
        {
            return Some((start + end, true));
        }
    }
    None
}

/// The length of 通知 at the start of `s`, spaced as a heading may set it ("通 知", up to three
/// spaces on the line between): None when `s` does not open with it.
fn notice_word_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('通')?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{3000}', '\t']).len();
    let spaces = rest[..gap].chars().count();
    (spaces <= 3 && rest[gap..].starts_with('知')).then(|| s.len() - rest.len() + gap + '知'.len_utf8())
}

/// Whether the next line starts the heading read so far over again: a printed web page sets its
/// title (the page's <h1>, cut to one line) above the document's own heading, and the two must
/// not be read as one heading wrapped over lines.
fn repeated_below(so_far: &str, rest: &str) -> bool {
    let so_far = so_far.rsplit('\n').next().unwrap_or(so_far).trim();
    let next = rest.split('\n').next().unwrap_or("");
    so_far.chars().count() >= 6 && next.contains(so_far)
}

/// True when the subject issues or forwards another document (关于印发…的通知, 转发…的通知):
/// the document is a covering notice, not the text itself.
pub fn issues_a_document(subject: &str) -> bool {
    let s = ABOUT.iter().find_map(|a| subject.strip_prefix(a)).unwrap_or(subject);
    ISSUE_VERBS.iter().any(|v| s.starts_with(v))
}

/// The 主送 line.
#[derive(Debug, Clone, PartialEq)]
pub struct Addressees {
    pub parts: Vec<String>,
    pub start: usize,
    /// After the colon.
    pub end: usize,
}

fn meta_label_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(r"^(?:索引号|发布机构|发文机关|发文单位|发布单位|来源|文号|名称|标题|主题分类|有效性|生成日期|发布日期|成文日期|发文日期|信息分类|内容分类)$")
    })
}

/// The 主送 after `from` and before `body_start`: text ending with ：/: (at the line end or before a
/// space), no sentence inside, at least one organ word; printed on one line, or over several
/// lines each ending with a comma ("各市公安局，" / "各有关单位："). On the first line after the
/// heading the notice's first sentence may follow the colon at once (a flattened page).
pub fn find_addressees(text: &str, lines: &[Line], from: usize, body_start: usize) -> Option<Addressees> {
    let words = data::list("addressee_words");
    let mut first = true;
    // Lines ending with a comma that may open a list continued below: (start, content).
    let mut pending: Option<(usize, String)> = None;
    for l in lines {
        if l.end < from {
            continue;
        }
        if l.start >= body_start {
            break;
        }
        let s0 = l.start.max(from);
        let seg = &text[s0..l.end.min(body_start).max(s0)];
        let lead = seg.len() - seg.trim_start_matches(|c: char| c.is_whitespace() || c == '|').len();
        let seg_t = &seg[lead..];
        if seg_t.trim().is_empty() {
            continue;
        }
        let start = s0 + lead;
        let glued_ok = std::mem::take(&mut first);
        if let Some((ci, colon_len)) = addressee_colon(seg_t, glued_ok) {
            let (open, mut content) = pending.take().unwrap_or((start, String::new()));
            content.push_str(&seg_t[..ci]);
            if let Some(parts) = addressee_parts(&content, words) {
                return Some(Addressees { parts, start: open, end: start + ci + colon_len });
            }
            continue;
        }
        pending = continued_list(seg_t, words).map(|c| match pending.take() {
            Some((open, before)) => (open, before + c),
            None => (start, c.to_string()),
        });
    }
    None
}

/// Where the colon closing a 主送 stands in `seg` (byte offset, colon length): followed by the
/// line's end or a space, or by the notice's first sentence when `glued_ok`.
fn addressee_colon(seg: &str, glued_ok: bool) -> Option<(usize, usize)> {
    let ci = seg.find([':', '：'])?;
    let colon_len = seg[ci..].chars().next().map_or(1, char::len_utf8);
    let after = &seg[ci + colon_len..];
    if !(after.trim().is_empty() || after.starts_with(char::is_whitespace) || glued_ok) {
        return None;
    }
    // "解读单位: 后湖管理区 来源: …": label/value pairs of a metadata line, not 主送.
    if after.chars().take(24).any(|c| matches!(c, ':' | '：')) {
        return None;
    }
    Some((ci, colon_len))
}

/// A line of a 主送 printed over several lines: addressees ending with a comma, no colon.
fn continued_list<'a>(seg: &'a str, words: &[&str]) -> Option<&'a str> {
    let t = seg.trim_end();
    let ends_comma = t.ends_with(['，', ',', '、']);
    (ends_comma && !t.contains([':', '：']) && addressee_parts(t.trim_end_matches(['，', ',', '、']), words).is_some())
        .then_some(t)
}

pub fn addressee_parts(content: &str, words: &[&str]) -> Option<Vec<String>> {
    let sq = strip_space(content);
    if sq.is_empty()
        || sq.contains(['。', '！', '？', '《', '|'])
        || ["如下", "现将", "現將"].iter().any(|w| sq.contains(w))
        || meta_label_re().is_match(&sq)
    {
        return None;
    }
    let parts = split_top_level(content);
    // A long part is a sentence, unless it is a 、 list of short names ("北京市、天津市、…人民政府").
    let too_long = |p: &String| p.chars().count() > 50 && p.split('、').any(|x| x.chars().count() > 20);
    if parts.iter().any(too_long) || !parts.iter().any(|p| words.iter().any(|w| p.contains(w))) {
        return None;
    }
    Some(parts)
}

/// Splits at top-level ，, ；; (not inside brackets, not at 、), whitespace removed, empties dropped.
pub fn split_top_level(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth -= 1;
        }
        if depth <= 0 && matches!(c, '，' | ',' | '；' | ';') {
            out.push(std::mem::take(&mut cur));
        } else if !c.is_whitespace() {
            cur.push(c);
        }
    }
    out.push(cur);
    out.retain(|p| !p.is_empty());
    out
}

/// What a scraper metadata block says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub doc_number: Option<String>,
    /// 发文机关 (issuing organ); 发布机构 (the publishing office of the web site) is not used.
    pub issuer: Option<String>,
    /// 成文日期/发文日期, never 发布日期 (web publication).
    pub date: Option<String>,
}

fn meta_re() -> &'static [Pattern; 3] {
    static RE: OnceLock<[Pattern; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let sp = r"[^\S\n]*";
        let val = r"[:：][^\S\n|]*\|?[^\S\n]*([^|\n]*)";
        let mk = |label: &str| Pattern::new(&format!("{label}{sp}{val}"));
        // Simplified and traditional spellings of the labels (文號, 發文機關).
        [
            mk(&format!("文{sp}[号號]")),
            mk(&format!("[发發]{sp}文{sp}(?:[机機]{sp}[关關]|[单單]{sp}位)")),
            mk(&format!("(?:成{sp}文|[发發]{sp}文){sp}日{sp}期")),
        ]
    })
}

fn first_value(re: &Pattern, head: &str) -> Option<String> {
    value_text(re.captures(head)?.get(1)?.as_str()).map(str::to_string)
}

/// A label's value up to the next wide gap (where the next label's column starts), if any.
fn value_text(v: &str) -> Option<&str> {
    let v = v.trim();
    let v = v[..wide_gap(v).unwrap_or(v.len())].trim();
    (!v.is_empty()).then_some(v)
}

/// Where the first run of two or more whitespace characters starts.
fn wide_gap(v: &str) -> Option<usize> {
    let mut run = None;
    for (i, c) in v.char_indices() {
        match (c.is_whitespace(), run) {
            (true, None) => run = Some(i),
            (true, Some(start)) => return Some(start),
            (false, _) => run = None,
        }
    }
    None
}

/// The first 文号 label whose value is one: a web page prints several metadata blocks, the site's
/// (its 文号 cell empty, or holding the attachment's file name: "2023年…实施方案.doc") and the
/// article's own. A value that does not parse is taken as printed when it still ends with 号.
fn labelled_doc_number(re: &Pattern, head: &str) -> Option<String> {
    let values = || {
        re.captures_iter(head)
            .filter_map(|c| value_text(c.get(1)?.as_str()))
            .filter(|v| v.chars().any(|c| c.is_ascii_digit()))
    };
    values()
        .find_map(|v| doc_number::parse(v).ok().map(|(_, m)| m.trim_end().to_string()))
        .or_else(|| values().find(|v| v.ends_with(['号', '號'])).map(str::to_string))
}

/// Reads the labelled metadata of the head (before the body).
pub fn metadata(head: &str) -> Metadata {
    if !has_label_word(head) {
        return Metadata::default();
    }
    let [num, org, date] = meta_re();
    // The 文号 itself when the value parses as one (a label may follow on the line: "文 號: X〔2019〕2號
    // 主 題 詞:"), else the value as printed.
    let doc_number = labelled_doc_number(num, head);
    let issuer = first_value(org, head).and_then(|v| split_organs(&v)).map(|v| v.join(""));
    let date = first_value(date, head).and_then(|v| {
        if let Ok((_, (y, m, d))) = parse_date(&v) {
            return Some(iso_ymd(y, m, d));
        }
        let p: Vec<&str> = v.split(['-', '/', '.']).collect();
        let n = |s: &str| s.trim().parse::<u32>().ok();
        match p.as_slice() {
            [y, m, d, ..] => Some(iso_ymd(n(y)?, n(m)?, Some(n(d.get(..2).unwrap_or(d))?))),
            _ => None,
        }
    });
    Metadata { doc_number, issuer, date }
}

/// True when `head` may hold one of the labels: each has 文 after 发/發/成 or before 号/號, spaces
/// allowed between (文号, 发文机关, 成文日期); most heads have none, and are searched no further.
fn has_label_word(head: &str) -> bool {
    head.match_indices('文').any(|(at, _)| {
        let before = head[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n').chars().next_back();
        let after =
            head[at + '文'.len_utf8()..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n').chars().next();
        matches!(before, Some('发' | '發' | '成')) || matches!(after, Some('号' | '號'))
    })
}

/// The 附件： list of a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentList {
    pub titles: Vec<String>,
    pub start: usize,
    pub end: usize,
}

fn marker_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"(?:^|\s)([0-9０-９]{1,2})\s*[.．、]"))
}

/// Finds the first "附件：…" list: one title after the colon, or numbered titles "1.… 2.…" on
/// that line and the next ones, a title wrapped over two lines joined again.
pub fn attachment_list(text: &str, lines: &[Line]) -> Option<AttachmentList> {
    let (li, rest_start) = lines.iter().enumerate().find_map(|(i, l)| {
        let t = l.text(text);
        let lead = t.len() - t.trim_start().len();
        let r = t[lead..].strip_prefix("附件").or_else(|| t[lead..].strip_prefix("附表"))?;
        let r2 = r.trim_start();
        let c = r2.chars().next().filter(|c| matches!(c, '：' | ':'))?;
        Some((i, l.end - r2.len() + c.len_utf8()))
    })?;
    let start = lines[li].start + (lines[li].text(text).len() - lines[li].text(text).trim_start().len());
    let first = text[rest_start..lines[li].end].trim();
    let mut titles: Vec<String> = Vec::new();
    let mut end = lines[li].end;
    let numbered = |s: &str| marker_re().captures(s).is_some_and(|c| c.get(0).is_some_and(|m| m.start() == 0));
    if !first.is_empty() && !numbered(first) {
        titles.push(strip_space(first));
        return Some(AttachmentList { titles, start, end });
    }
    let mut expect = 1u32;
    let push_items = |s: &str, titles: &mut Vec<String>, expect: &mut u32| -> bool {
        // Split a line at its markers; text before the first marker continues the last title.
        let caps: Vec<(usize, usize, u32)> = marker_re()
            .captures_iter(s)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((m.start(), m.end(), c.get(1)?.as_str().parse().ok()?))
            })
            .collect();
        let mut pos = 0;
        let mut any = false;
        for (k, &(ms, me, n)) in caps.iter().enumerate() {
            if n != *expect {
                continue;
            }
            if ms > pos {
                if let Some(t) = titles.last_mut() {
                    t.push_str(&strip_space(&s[pos..ms]));
                }
            }
            let next = caps[k + 1..].iter().find(|c| c.2 == n + 1).map_or(s.len(), |c| c.0);
            titles.push(strip_space(&s[me..next]));
            *expect += 1;
            pos = next;
            any = true;
        }
        any
    };
    if !first.is_empty() {
        push_items(first, &mut titles, &mut expect);
    }
    for l in &lines[li + 1..] {
        let t = l.text(text).trim();
        if t.is_empty() {
            continue;
        }
        if numbered(t) {
            if !push_items(t, &mut titles, &mut expect) {
                break;
            }
        } else if !titles.is_empty() && is_wrapped_tail(t) {
            if let Some(last) = titles.last_mut() {
                last.push_str(&strip_space(t));
            }
        } else {
            break;
        }
        end = l.end;
    }
    (!titles.is_empty()).then_some(AttachmentList { titles, start, end })
}

/// A short line continuing a wrapped attachment title (not a heading, a date or a signer).
fn is_wrapped_tail(t: &str) -> bool {
    t.chars().count() <= 40
        && !t.starts_with("附件")
        && !t.chars().any(is_sentence_punct)
        && split_organs(t).is_none()
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_words_start_with_the_filtered_characters() {
        for w in ABOUT.iter().chain(&ISSUE_VERBS) {
            assert!(['关', '關', '印', '转', '轉'].contains(&w.chars().next().unwrap()), "{w}");
        }
        assert_eq!(subject_words("中共某委关于印发某方案的通知转发"), vec![(12, true), (18, false), (42, false)]);
    }

    #[test]
    fn both_engines_read_the_patterns_alike() {
        let [a, b, c] = meta_re();
        for p in [leading_date_re(), meta_label_re(), marker_re(), a, b, c] {
            crate::grammar::pattern::verify(p.written()).unwrap();
        }
    }

    #[test]
    fn organs() {
        assert_eq!(
            split_organs("中共XX县区委办公室XX县区人民政府办公室").unwrap(),
            vec!["中共XX县区委办公室", "XX县区人民政府办公室"]
        );
        assert_eq!(
            split_organs("中共河北雄安新区工作委员会河北雄安新区管理委员会").unwrap(),
            vec!["中共河北雄安新区工作委员会", "河北雄安新区管理委员会"]
        );
        assert_eq!(split_organs("XX市人民政府国有资产监督管理委员会").unwrap().len(), 1);
        assert_eq!(split_organs("盤錦市人民政府辦公室").unwrap(), vec!["盤錦市人民政府辦公室"]);
        assert_eq!(split_organs("韶關市政務服務數據管理局").unwrap().len(), 1);
        assert!(split_organs("咸宁江南体育官方网站入").is_none());
        assert!(split_organs("betway必威").is_none());
        assert!(split_organs("2021年9月9日").is_none());
    }

    #[test]
    fn subjects() {
        let t = "株洲市人民政府 关于印发《株洲市统筹推进县域内城乡义务教育一体化改革发展的实施办法》的通知\n作者:";
        let s = find_subject(t, &super::super::lines(t), t.len()).unwrap();
        assert_eq!(s.value, "关于印发《株洲市统筹推进县域内城乡义务教育一体化改革发展的实施办法》的通知");
        assert_eq!(s.issuers, vec!["株洲市人民政府"]);

        let t = "雄安发〔2021〕5号\n中共河北雄安新区工作委员会\n河北雄安新区管理委员会\n关于印发《全面推进乡村振兴加快农业农村现代化的实施方案》的通知\n";
        let s = find_subject(t, &super::super::lines(t), t.len()).unwrap();
        assert_eq!(s.issuers, vec!["中共河北雄安新区工作委员会", "河北雄安新区管理委员会"]);

        // A cited notice inside a sentence is not the subject.
        let t = "为深入贯彻落实《中共中央办公厅、国务院办公厅印发〈关于全面推行河长制的意见〉的通知》(厅字〔2016〕42号)精神";
        assert!(find_subject(t, &super::super::lines(t), t.len()).is_none());

        // A page title in 《》 after its 文号.
        let t = "宝政办发〔2019〕39号《宝鸡市人民政府办公室关于印发优化提升营商环境五大专项行动和“零投诉”创建及宣传工作实施方案的通知》";
        let s = find_subject(t, &super::super::lines(t), t.len()).unwrap();
        assert_eq!(s.issuers, vec!["宝鸡市人民政府办公室"]);
        assert!(s.value.ends_with("实施方案的通知"));

        // The 文号 centred below the heading, joined to it by a layout.
        // 通知 spaced as a heading sets it.
        assert_eq!(notice_word_len("通 知 各区"), Some("通 知".len()));
        assert_eq!(notice_word_len("通知"), Some("通知".len()));
        assert_eq!(notice_word_len("通报"), None);
        let t = "重庆市粮食局 重庆市财政局\n关于印发《举报奖励实施细则》的通知渝粮规范〔2023〕2号\n";
        let s = find_subject(t, &super::super::lines(t), t.len()).unwrap();
        assert_eq!(s.value, "关于印发《举报奖励实施细则》的通知");

        // A heading over two lines with blank lines between them (a page that doubles its breaks).
        let t = "\n\n国务院办公厅关于复制推广\n\n\n\n营商环境创新试点改革举措的通知\n\n\n\n国办发〔2022〕35号\n";
        let s = find_subject(t, &super::super::lines(t), t.len()).unwrap();
        assert_eq!(s.value.replace(char::is_whitespace, ""), "关于复制推广营商环境创新试点改革举措的通知");
        assert_eq!(s.issuers, vec!["国务院办公厅"]);
    }

    #[test]
    fn addressees() {
        let t = "各县、区人民政府,市政府各工作部门、各直属机构,各开发区(园区):\n\n《X》已经市政府同意";
        let a = find_addressees(t, &super::super::lines(t), 0, t.len()).unwrap();
        assert_eq!(a.parts, vec!["各县、区人民政府", "市政府各工作部门、各直属机构", "各开发区(园区)"]);
        let t = "温馨提示:\n1. 部分包含数学公式";
        assert!(find_addressees(t, &super::super::lines(t), 0, t.len()).is_none());
        let t = "解读单位: 后湖管理区 来源: 后湖管理区 发布日期: 2025年03月03日";
        assert!(find_addressees(t, &super::super::lines(t), 0, t.len()).is_none());
        let t = "发布机构: | 生成日期: | 2022-12-02 08:54:33 | |";
        assert!(find_addressees(t, &super::super::lines(t), 0, t.len()).is_none());
    }

    #[test]
    fn metadata_block() {
        let m = metadata(
            "有 效 性:有效   文  号:宝政办函〔2022〕21号  \n发布机构:宝鸡市人民政府办公室   发布日期:2022-04-22",
        );
        assert_eq!(m.doc_number.as_deref(), Some("宝政办函〔2022〕21号"));
        assert_eq!(m.issuer, None, "发布机构 is the web publisher");
        let m = metadata("  • 发文单位:咸宁江南体育官方网站入\n  • 发文日期:2015年04月15日");
        assert_eq!(m.issuer, None);
        assert_eq!(m.date.as_deref(), Some("2015-04-15"));
    }

    #[test]
    fn attachments() {
        let t = "附件：1.2019年宝山区生活垃圾分类减量推进工作联席会\n\n议成员单位工作任务清单\n\n2.2019年街镇（园区）生活垃圾分类目标任务分解表\n\n3.2019年宝山区生活垃圾分类减量推进工作指标\n\n附件1\n";
        let a = attachment_list(t, &super::super::lines(t)).unwrap();
        assert_eq!(
            a.titles,
            vec![
                "2019年宝山区生活垃圾分类减量推进工作联席会议成员单位工作任务清单",
                "2019年街镇（园区）生活垃圾分类目标任务分解表",
                "2019年宝山区生活垃圾分类减量推进工作指标"
            ]
        );
        assert!(t[a.end..].trim_start().starts_with("附件1"));
        let t = "附件：1.XXX清单 2.YYY表\n宝鸡市人民政府办公室";
        assert_eq!(attachment_list(t, &super::super::lines(t)).unwrap().titles, vec!["XXX清单", "YYY表"]);
        let t = "附件：2021年崇明区级城市体检指标体系\n";
        assert_eq!(attachment_list(t, &super::super::lines(t)).unwrap().titles.len(), 1);
        let t = "附件:\n\n扫一扫在手机上查看当前页面";
        assert!(attachment_list(t, &super::super::lines(t)).is_none());
    }
}
