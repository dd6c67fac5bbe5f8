//! Flattened heads: a scraper that lost the line breaks prints the whole head on one line —
//! "中共XX县委办公室 XX县人民政府办公室XX办字〔2024〕8号中共XX县委办公室XX县人民政府办公室关于印发
//! XX实施方案的通知各乡镇党委、政府,县直各单位:经县委研究同意,……抓好落实。中共XX县委办公室 XX县人民
//! 政府办公室 2024年4月27日XX实施方案 一、……".
//!
//! The field scanners read the head line by line (文号 alone on its line, 主送 ending its line,
//! date on its own line under the signer…). Rather than teach each of them a second layout, such a
//! line is cut into pseudo-lines at the boundaries of the head's parts, each part recognized by
//! its own grammar:
//! - the subject 关于……通知 (or 关于……的实施意见 of a document that is itself the official text;
//!   no 。：; outside brackets), then optionally its 文号, then the 主送
//!   (addressees) span up to the first ：/: — cut after 通知, after that 文号, after the colon;
//! - a 文号 before the 主送, outside the subject and not in brackets (a cited 文号 "…》（厅字
//!   〔2016〕42号）" is inside a bracket), its issuer abbreviation found backwards from the year
//!   bracket and separated from a glued organ name ("…人民政府办公室芦办字〔2024〕87号") — cut on
//!   both sides;
//! - the signature date after the 主送: a full date preceded (since the last sentence mark) by
//!   organ names only, or by nothing and then followed by a space, a bracket or the plan title —
//!   cut before the signers, before and after the date.
//!
//! A line is cut only when it holds a head for sure: a subject with its 主送, or a 文号 and a
//! signature date. The text itself is untouched: pseudo-lines are byte ranges like lines.

use super::doc_number;
use super::notice::addressee_parts;
use super::organs::organs_in_line;
use super::{is_pinyin_letter, Line};
use crate::chars::{digit_value, is_close_bracket, is_han, is_open_bracket, is_sentence_punct};
use crate::grammar::data;
use crate::grammar::dates::full_date as parse_date;
use crate::grammar::numerals::cn_digit;
use crate::grammar::words::CharBloom;

/// "About": a subject starts here (simplified and traditional forms).
const ABOUT: [&str; 4] = ["关于", "關于", "關於", "关於"];

/// Words a 主送 never holds: their presence means the span after 通知 is not the addressees.
const NOT_ADDRESSEE: [&str; 5] = ["关于", "關于", "通知", "印发", "印發"];

/// `lines` with every flattened head line (see the module doc) cut into pseudo-lines. Only the
/// part before `body_start` is cut; the last pseudo-line runs to the end of the original line.
pub fn split(text: &str, lines: Vec<Line>, body_start: usize) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let end = super::floor_boundary(text, l.end.min(body_start));
        let mut s = l.start;
        if l.start < end {
            for c in cuts(&text[l.start..end]) {
                let c = l.start + c;
                if c > s && c < l.end && text.is_char_boundary(c) {
                    out.push(Line { start: s, end: c });
                    s = c;
                }
            }
        }
        out.push(Line { start: s, end: l.end });
    }
    out
}

/// The subject and 主送 of a flattened head, as byte offsets into the line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FlatSubject {
    /// At 关于.
    start: usize,
    /// Just after 通知 (or the plan kind).
    end: usize,
    /// Just after a 文号 printed after the subject, if any.
    number_end: Option<usize>,
    /// Start of the addressees (after spaces).
    addr_start: usize,
    /// Just after the colon that closes the addressees.
    addr_end: usize,
}

/// True when `seg` holds a bracket of a 文号 year (〔 [ ［ ( （ 【 〖) or a subject's 关于: one pass
/// that stops at those characters only (every line of a head is tested).
fn may_hold_head(seg: &str) -> bool {
    const MARKS: CharBloom = CharBloom::EMPTY.with_all(&['〔', '[', '［', '(', '（', '【', '〖', '关', '關']);
    MARKS.hits(seg).any(|(i, c)| match c {
        '关' | '關' => ABOUT.iter().any(|a| seg[i..].starts_with(a)),
        '〔' | '[' | '［' | '(' | '（' | '【' | '〖' => true,
        _ => false,
    })
}

/// Cut offsets (sorted, relative to `seg`) of a flattened head line; empty for any other line.
fn cuts(seg: &str) -> Vec<usize> {
    // Cheap test first: a head has a 文号 bracket year or a subject.
    if !may_hold_head(seg) {
        return Vec::new();
    }
    let subject = subject_and_addressees(seg);
    let limit = match subject {
        Some(s) => s.addr_start,
        None => seg.find('。').unwrap_or(seg.len()),
    };
    let numbers = numbers_in(seg, limit, subject.map(|s| (s.start, s.end)));
    let date_from = subject.map(|s| s.addr_end).or_else(|| numbers.last().map(|n| n.1));
    let date = date_from.and_then(|f| signature_date(seg, f));
    if subject.is_none() && (numbers.is_empty() || date.is_none()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(s) = subject {
        out.extend([s.end, s.addr_end]);
        out.extend(s.number_end);
    }
    for (a, b) in numbers {
        out.extend([a, b]);
    }
    if let Some((signers, ds, de)) = date {
        out.extend([signers, ds, de]);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The next possible end of a subject starting `s` (relative to `s`), after `skip`: just after a
/// 通知, or after a plan kind (关于……的实施意见, the document's own head), outside brackets,
/// within 160 characters of the start, with no sentence or colon before it.
fn subject_word_end(s: &str, skip: usize) -> Option<usize> {
    let kinds = data::list("plan_kinds");
    let mut depth = 0i32;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n > 160 {
            return None;
        }
        match c {
            '\n' | '。' | '：' | ':' | '；' | ';' | '！' | '？' => return None,
            c if is_open_bracket(c) => depth += 1,
            c if is_close_bracket(c) => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            _ => {}
        }
        let end = i + c.len_utf8();
        // Only the last character of 通知 or of a plan kind can end a subject: tested first.
        if depth == 0
            && end > skip
            && (c == '知' || super::title::kind_last_chars().binary_search(&c).is_ok())
            && (s[..end].ends_with("通知") || kinds.iter().any(|k| s[..end].ends_with(k)))
        {
            return Some(end);
        }
    }
    None
}

/// The first 关于……通知 (or 关于……<plan kind>) of `seg` followed (after an optional 文号, bracketed or not) by a 主送
/// span closed by a colon.
fn subject_and_addressees(seg: &str) -> Option<FlatSubject> {
    let words = data::list("addressee_words");
    // Where a 关于 (any form) starts, in order, in one pass.
    const FIRST: CharBloom = CharBloom::EMPTY.with_all(&['关', '關']);
    let hits = FIRST.hits(seg).map(|(p, _)| p).filter(|&p| ABOUT.iter().any(|a| seg[p..].starts_with(a)));
    // The subject is among the first 关于 of its line; the caps keep a long line linear.
    for p in hits.take(16) {
        let mut skip = 0;
        for _ in 0..6 {
            let Some(e) = subject_word_end(&seg[p..], skip) else {
                break;
            };
            skip = e;
            let end = p + e;
            let (number_end, q) = number_after_subject(seg, end);
            let rest = &seg[q..];
            let lead = rest.len() - rest.trim_start().len();
            let Some(ci) = rest.char_indices().take(150).find(|&(_, c)| matches!(c, '：' | ':')).map(|(i, _)| i)
            else {
                continue;
            };
            let content = &rest[lead.min(ci)..ci];
            if NOT_ADDRESSEE.iter().any(|w| content.contains(w)) || addressee_parts(content, words).is_none() {
                continue;
            }
            let colon_len = rest[ci..].chars().next().map_or(1, char::len_utf8);
            return Some(FlatSubject {
                start: p,
                end,
                number_end,
                addr_start: q + lead.min(ci),
                addr_end: q + ci + colon_len,
            });
        }
    }
    None
}

/// A 文号 right after the subject: "（X〔2019〕39号）" or " X〔2019〕39号". Returns (its end if
/// any, where the 主送 may start).
fn number_after_subject(seg: &str, end: usize) -> (Option<usize>, usize) {
    let rest = &seg[end..];
    let t = rest.trim_start();
    if let Some(inner) = t.strip_prefix(['（', '(']) {
        let inner_t = inner.trim_start();
        if let Ok((after, _)) = doc_number::parse(inner_t) {
            if let Some(after) = after.trim_start().strip_prefix(['）', ')']) {
                let e = seg.len() - after.len();
                return (Some(e), e);
            }
        }
        return (None, end);
    }
    match doc_number::parse(t) {
        Ok((after, _)) => {
            let e = seg.len() - after.len();
            (Some(e), e)
        }
        Err(_) => (None, end),
    }
}

/// The 文号 of `seg[..limit]` outside `skip` (the subject) that stand as such (see the module
/// doc): (start, end) pairs.
fn numbers_in(seg: &str, limit: usize, skip: Option<(usize, usize)>) -> Vec<(usize, usize)> {
    let limit = super::floor_boundary(seg, limit);
    let head = &seg[..limit];
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in head.char_indices() {
        if i < from || !matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '〖') {
            continue;
        }
        if skip.is_some_and(|(a, b)| i >= a && i < b) {
            continue;
        }
        let Ok((rest, _)) = doc_number::tail(&seg[i..]) else {
            continue;
        };
        let end = seg.len() - rest.len();
        let Some(start) = abbreviation_start(seg, i) else {
            continue;
        };
        // The whole must read as one 文号 (abbreviation, year, serial, 号).
        if doc_number::parse(&seg[start..]).is_ok_and(|(r, _)| r.len() == rest.len()) {
            out.push((start, end));
            from = end;
        }
    }
    out
}

/// Start of the issuer abbreviation before the year bracket at `bracket`: the ideographs just
/// before it (a pinyin "(fā)" and single spaces allowed). When an organ name or a subject is glued
/// in front ("…人民政府办公室芦办字", "…的通知芦办字"), the abbreviation starts after it;
/// otherwise it must follow the line start, a space or a layout pipe — not a bracket, which marks
/// a cited 文号.
fn abbreviation_start(seg: &str, bracket: usize) -> Option<usize> {
    let before = &seg[..bracket];
    let mut j = before.trim_end_matches([' ', '\u{3000}']).len();
    if bracket - j > 6 {
        return None;
    }
    let mut run_start = j;
    let mut count = 0;
    while count < 24 {
        let b = &seg[..j];
        // A converter's pinyin after a character: "發(fā)".
        if let Some(x) = b.strip_suffix(')') {
            let letters = x.trim_end_matches(is_pinyin_letter);
            if letters.len() < x.len() {
                if let Some(y) = letters.strip_suffix('(') {
                    j = y.len();
                    continue;
                }
            }
            break;
        }
        match b.chars().next_back() {
            Some(c) if is_han(c) || c == 'X' || c == 'x' => {
                j -= c.len_utf8();
                run_start = j;
                count += 1;
            }
            _ => break,
        }
    }
    let run = &seg[run_start..bracket];
    if !run.chars().any(is_han) {
        return None;
    }
    // The last organ ending or 通知 inside the run that leaves at least two characters.
    let strong: Vec<&str> =
        data::list("org_suffixes").iter().copied().filter(|x| x.chars().count() >= 3).chain(["通知"]).collect();
    let glued = run
        .char_indices()
        .map(|(k, c)| k + c.len_utf8())
        .rfind(|&k| run[k..].trim().chars().count() >= 2 && strong.iter().any(|x| run[..k].ends_with(x)));
    if let Some(k) = glued {
        return Some(run_start + k);
    }
    let prev = seg[..run_start].chars().next_back();
    prev.is_none_or(|c| c.is_whitespace() || c == '|').then_some(run_start)
}

/// The signature date after `from`: (start of the signers, date start, date end).
fn signature_date(seg: &str, from: usize) -> Option<(usize, usize, usize)> {
    let from = super::floor_boundary(seg, from);
    let mut stop = from;
    let mut prev: Option<char> = None;
    for (k, c) in seg[from..].char_indices() {
        let i = from + k;
        let after_number = prev.is_some_and(|p| digit_value(p).is_some() || cn_digit(p).is_some());
        prev = Some(c);
        if is_sentence_punct(c) || c == '\n' {
            stop = i + c.len_utf8();
            continue;
        }
        if after_number || (digit_value(c).is_none() && cn_digit(c).is_none()) {
            continue;
        }
        let Ok((rest, _)) = parse_date(&seg[i..]) else {
            continue;
        };
        let end = seg.len() - rest.len();
        let signers = seg[stop..i].trim();
        let ok = if signers.is_empty() {
            rest.is_empty()
                || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '（' | '('))
                || super::title::title_in(rest).is_some()
        } else {
            // Counting stops early, so that a long run of text costs nothing here.
            signers.chars().nth(80).is_none() && organs_in_line(signers).is_some()
        };
        if ok {
            return Some((stop, i, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<String> {
        split(t, super::super::lines(t), t.find("一、").unwrap_or(t.len()))
            .iter()
            .map(|l| l.text(t).trim().to_string())
            .collect()
    }

    #[test]
    fn flattened_head_is_cut_at_its_parts() {
        let t = "甲市人民政府办公室甲政办发〔2022〕15号甲市人民政府办公室关于印发甲市夜间经济提升行动方案的通知各区人民政府，市直各单位：经市政府同意，现印发给你们。甲市人民政府办公室 2022年6月8日 甲市夜间经济提升行动方案 一、目标";
        assert_eq!(
            pieces(t),
            vec![
                "甲市人民政府办公室",
                "甲政办发〔2022〕15号",
                "甲市人民政府办公室关于印发甲市夜间经济提升行动方案的通知",
                "各区人民政府，市直各单位：",
                "经市政府同意，现印发给你们。",
                "甲市人民政府办公室",
                "2022年6月8日",
                "甲市夜间经济提升行动方案 一、目标",
            ]
        );
    }

    #[test]
    fn ordinary_lines_are_left_alone() {
        for t in [
            "株洲市人民政府 关于印发《株洲市实施办法》的通知",
            "为深入贯彻落实《…的通知》(厅字〔2016〕42号)精神,各县区要于2024年3月15日前报送。",
            "国办函〔2018〕71号",
            "各省、自治区、直辖市人民政府，国务院各部委：",
        ] {
            assert_eq!(split(t, super::super::lines(t), t.len()).len(), 1, "{t}");
        }
    }

    #[test]
    fn cited_number_is_not_cut() {
        // 主送 found, but the 文号 in brackets after a cited title stays inside its sentence.
        let t = "关于印发乙县方案的通知 各乡镇：根据《丙市方案》（丙政发〔2021〕3号）要求，现印发。乙县人民政府 2021年5月1日 乙县方案";
        let p = pieces(t);
        assert!(p.iter().all(|x| x != "丙政发〔2021〕3号"), "{p:?}");
        assert!(p.contains(&"2021年5月1日".to_string()), "{p:?}");
    }

    #[test]
    fn long_flattened_line_is_fast() {
        let t = "关于印发甲县方案的通知 各乡镇：".to_string()
            + &"甲县人民政府办公室甲办字〔2023〕1号".repeat(20_000)
            + &"经研究同意 2023年5月1日起".repeat(20_000)
            + &"（".repeat(20_000);
        let start = std::time::Instant::now();
        let _ = split(&t, super::super::lines(&t), t.len());
        let _ = super::super::extract_head(&t, t.len());
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn abbreviation_after_glued_organ() {
        let s = "乙县人民政府办公室乙府办字〔2020〕7号";
        let b = s.find('〔').unwrap();
        assert_eq!(&s[abbreviation_start(s, b).unwrap()..b], "乙府办字");
        let s = "见《规定》（乙府办字〔2020〕7号）";
        assert_eq!(abbreviation_start(s, s.find('〔').unwrap()), None);
        let s = "常政發(fā)〔2023〕1號";
        assert_eq!(abbreviation_start(s, s.find('〔').unwrap()), Some(0));
    }
}
