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
use crate::chars::{
    after_last, digit_value, is_close_bracket, is_han, is_open_bracket, is_sentence_punct, strip_space,
};
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
            // A glued 附件 line is read whole: the body it runs into starts at its last cut.
            let seg = match attachment_colon(&text[l.start..l.end]) {
                Some(_) => &text[l.start..l.end],
                None => &text[l.start..end],
            };
            for c in cuts(seg) {
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
    if let Some(after) = attachment_colon(seg) {
        return attachment_cuts(seg, after);
    }
    // Cheap test first: a head has a 文号 bracket year or a subject, or (a reprint from its 主送
    // on) the 印发 of its first sentence.
    if !may_hold_head(seg) && !may_hold_addressees(seg) {
        return Vec::new();
    }
    let subject = subject_and_addressees(seg);
    let limit = match subject {
        Some(s) => s.addr_start,
        None => seg.find('。').unwrap_or(seg.len()),
    };
    let mut numbers = numbers_in(seg, limit, subject.map(|s| (s.start, s.end)));
    if numbers.is_empty() {
        numbers.extend(collapsed_number(seg, limit, subject.map(|s| s.addr_start)));
    }
    // A page that starts at the 文号 prints the 主送 right after it: "许政 [2020] 20号 各县…：".
    // (where the 主送 starts, just after its colon).
    let number_addressees = match (subject, numbers.first()) {
        (None, Some(&(_, e))) => addressees_after(&seg[e..], data::list("addressee_words")).map(|(from, ci)| {
            let colon_len = seg[e + ci..].chars().next().map_or(1, char::len_utf8);
            (e + from, e + ci + colon_len)
        }),
        _ => None,
    };
    // A notice reprinted without its 主送: the subject, then the plan it names (glued, or after
    // the page's information).
    let titled = subject.is_none().then(|| subject_then_title(seg)).flatten();
    // Neither: a page whose heading is the plan's title may still print the 主送.
    let bare = (subject.is_none() && titled.is_none() && numbers.is_empty()).then(|| bare_addressees(seg)).flatten();
    let date_from = subject
        .map(|s| s.addr_end)
        .or(number_addressees.map(|a| a.1))
        .or_else(|| numbers.last().map(|n| n.1))
        .or(bare.map(|b| b.1));
    let date = date_from.and_then(|f| signature_date(seg, f));
    if subject.is_none()
        && titled.is_none()
        && bare.is_none()
        && (numbers.is_empty() || (date.is_none() && number_addressees.is_none()))
    {
        return Vec::new();
    }
    let mut out: Vec<usize> = Vec::new();
    out.extend(titled.into_iter().flatten());
    out.extend(bare.map_or([None, None], |(a, b)| [Some(a), Some(b)]).into_iter().flatten());
    if let (Some((from, end)), Some(&(_, e))) = (number_addressees, numbers.first()) {
        out.push(end);
        // Page information passed over between the 文号 and the 主送 is a line of its own.
        if !seg[e..from].trim().is_empty() {
            out.push(from);
        }
    }
    if let Some(s) = subject {
        out.extend([subject_line_start(seg, s.start), s.end, s.addr_end]);
        // Issuers a space before 关于 stand on a line of their own, as a printed head sets them.
        if seg[..s.start].ends_with(char::is_whitespace) {
            out.push(s.start);
        }
        out.extend(s.number_end);
        // A date in brackets between the subject and its 文号 is a line of its own
        // ("…的通知(2019年1月29日)青政发〔2019〕1号").
        if s.number_end.is_some() {
            out.extend(bracketed_date_end(seg, s.end));
        }
        // Page information passed over before the 主送 is a line of its own.
        if !seg[s.number_end.unwrap_or(s.end)..s.addr_start].trim().is_empty() {
            out.push(s.addr_start);
        }
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

/// Where the subject's line starts: its issuers before 关于 are on it, glued ("甲市人民政府办公厅关于
/// 印发…") or as names a space apart ("中共甲县委办公室 甲县人民政府办公室 关于…"); what ends
/// before them is not. The text after the last space or sentence mark within 60 characters
/// before 关于, taking in the space-separated organ names before it (0: nothing to cut).
fn subject_line_start(seg: &str, about: usize) -> usize {
    let stop = |c: char| c.is_whitespace() || is_sentence_punct(c) || matches!(c, '|' | '>' | '#');
    let token_start = |end: usize| match seg[..end].char_indices().rev().take(60).find(|&(_, c)| stop(c)) {
        Some((i, c)) => i + c.len_utf8(),
        None => 0,
    };
    let mut start = token_start(about);
    // A heading glued after an earlier copy of it ("…的通知甲区人民政府办公室关于…"): its issuers
    // start after that copy's 通知.
    if let Some(k) = seg[start..about].rfind("通知") {
        return start + k + "通知".len();
    }
    // A 文号 glued before the issuers, whole or with its brackets and 号 lost ("赣市府办字〔2015118
    // 赣州市人民政府办公厅关于…"): they start after its digits.
    if let Some(after) = glued_number_end(&seg[start..about]) {
        return start + after;
    }
    // A heading quoted in title marks ("…2010.10.13《中国银监会办公厅关于…的通知》"): its issuers
    // start after the 《.
    if let Some(k) = seg[start..about].rfind('《') {
        let names = &seg[start + k + '《'.len_utf8()..about];
        if names.trim().is_empty() || organs_in_line(names.trim()).is_some() {
            return start + k + '《'.len_utf8();
        }
    }
    // At most four names: a joint notice's issuers.
    for _ in 0..4 {
        let before = seg[..start].trim_end();
        if before.len() == start || before.is_empty() {
            break; // a sentence mark, not a space, ends what comes before
        }
        let from = token_start(before.len());
        if organs_in_line(&before[from..]).is_none() {
            break;
        }
        start = from;
    }
    start
}

/// The end of the last 文号 year bracket in `s` with its digits ("〔2015〕118号", "〔2015118"), when
/// issuers' names, not more digits, follow it; None when `s` holds no year bracket.
fn glued_number_end(s: &str) -> Option<usize> {
    let open = s.rfind(['〔', '[', '［', '【', '〖'])?;
    let rest = &s[open..];
    let mut at = rest.chars().next().map_or(1, char::len_utf8);
    let digits = |from: usize| {
        rest[from..].chars().take_while(|&c| crate::chars::is_digit(c)).map(char::len_utf8).sum::<usize>()
    };
    let year = digits(at);
    if year < 4 {
        return None;
    }
    at += year;
    if let Some(c) = rest[at..].chars().next().filter(|&c| matches!(c, '〕' | ']' | '］' | '】' | '〗')) {
        at += c.len_utf8();
        at += digits(at);
        if let Some(c) = rest[at..].chars().next().filter(|&c| matches!(c, '号' | '號')) {
            at += c.len_utf8();
        }
    }
    let names = &rest[at..];
    (!names.trim().is_empty() && organs_in_line(names.trim()).is_some()).then_some(open + at)
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
            // A 文号's year bracket outside any other: the subject before it ended (a page that
            // prints "…的通知开府办发〔2023〕3号 …关于印发…的通知" holds two copies, not one subject).
            '〔' if depth == 0 => return None,
            // A 关于 after the end tried before opens another subject (a page's two copies of one
            // heading, glued: "…的通知区人民政府办公室关于印发…的通知").
            '关' | '關' if depth == 0 && skip > 0 && i >= skip && ABOUT.iter().any(|a| s[i..].starts_with(a)) => {
                return None
            }
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
            && (ends_with_notice(&s[..end]) || kinds.iter().any(|k| s[..end].ends_with(k)))
        {
            return Some(end);
        }
    }
    None
}

/// Whether `s` ends with 通知, or with 通 知 spaced as a heading sets it ("……的 通 知").
fn ends_with_notice(s: &str) -> bool {
    s.strip_suffix('知').is_some_and(|r| r.trim_end().ends_with('通'))
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
            let Some((from, ci)) = addressees_after(rest, words) else {
                continue;
            };
            let colon_len = rest[ci..].chars().next().map_or(1, char::len_utf8);
            return Some(FlatSubject { start: p, end, number_end, addr_start: q + from, addr_end: q + ci + colon_len });
        }
    }
    None
}

/// A subject (关于印发《X》的通知) that no 主送 follows, but the plan it names: X right after it, or
/// after the page's information ("…的通知来源:甲市委组织部 日期:2022-06-06 浏览量:X为深入贯彻…",
/// a reprint's heading, source line and plan title with nothing between). The cuts: the subject
/// line's start, its end, X's start and end.
fn subject_then_title(seg: &str) -> Option<[usize; 4]> {
    let head = &seg[..super::floor_boundary(seg, 406)];
    let p = ABOUT.iter().filter_map(|a| head.find(a)).min()?;
    // The subject may end at a plan kind before its 通知 ("关于印发甲市行动方案" / "的通知"): each
    // possible end is tried, as for a subject with its 主送.
    let mut skip = 0;
    for _ in 0..6 {
        let end = p + subject_word_end(&seg[p..], skip)?;
        skip = end - p;
        let Some(named) = super::title::from_subject(&seg[p..end]).filter(|n| n.chars().count() >= 4) else {
            continue;
        };
        // The named title within a short reach after the subject: what stands between is page
        // information, or nothing.
        let reach = super::floor_boundary(seg, (end + 600).min(seg.len()));
        let Some(at) = seg[end..reach].find(named.as_str()).map(|k| end + k) else { continue };
        if at == end || holds_page_info(&seg[end..at]) {
            return Some([subject_line_start(seg, p), end, at, at + named.len()]);
        }
    }
    None
}

/// Whether `s` starts with `word` once white space is left out.
fn starts_squeezed(s: &str, word: &str) -> bool {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    word.chars().all(|w| chars.next() == Some(w))
}

/// Whether `s` holds a grammar/page_info.txt label, white space left out.
fn holds_page_info(s: &str) -> bool {
    let squeezed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    data::list("page_info").iter().any(|w| squeezed.contains(w))
}

/// The 主送 span at the start of `rest` (after spaces and the `|` of a page's layout table),
/// closed by a colon within 150 characters: (its start, the colon), both relative to `rest`. Page
/// information first (grammar/page_info.txt) is passed over: then the 主送 is the run before a later
/// colon that follows a space or a `|`.
fn addressees_after(rest: &str, words: &[&str]) -> Option<(usize, usize)> {
    let lead = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == '|').len();
    let is_addressees = |content: &str| {
        !names_the_subject(content) && !holds_page_info(content) && addressee_parts(content, words).is_some()
    };
    let colon = |(i, c): (usize, char)| matches!(c, '：' | ':').then_some(i);
    // Not past another copy of the heading (its 关于): its own 主送 follows that copy. Only the
    // reach of the search is looked at (a flattened line may run to megabytes).
    let reach = &rest[..rest.char_indices().nth(300).map_or(rest.len(), |(i, _)| i)];
    let another = ABOUT.iter().filter_map(|a| reach.find(a)).min().unwrap_or(rest.len());
    let mut colons = reach.char_indices().filter_map(colon).take_while(|&i| i < another).peekable();
    let ci = *colons.peek()?;
    let from = lead.min(ci) + value_before_addressees(&rest[lead.min(ci)..ci]);
    if is_addressees(&rest[from..ci]) {
        return Some((from, ci));
    }
    // Page information: a label, or the time the page was published ("2023-01-05 10:00", whose
    // colon is no 主送's).
    if !data::list("page_info").iter().any(|w| starts_squeezed(&rest[lead..], w)) && !opens_with_a_date(&rest[lead..]) {
        return None;
    }
    // After page information, the 主送 is the run after the last space, bar or colon before a
    // colon (a table's last value may stand just before it: "有 效 性 有效 各街道办事处……:"; a
    // label whose value is empty, glued: "字体:各乡(镇)人民政府……:").
    colons.find_map(|ci| {
        let from = rest[..ci].rfind(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | '：'))?;
        let from = from + rest[from..].chars().next().map_or(1, char::len_utf8);
        let from = from + value_before_addressees(&rest[from..ci]);
        let content = &rest[from..ci];
        (!content.is_empty() && is_addressees(content)).then_some((from, ci))
    })
}

/// Whether `s` opens with a date written in digits ("2023-01-05", "2023/1/5", "2023年1月"): a
/// page's time of publication.
fn opens_with_a_date(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let mut rest = s.get(digits..).unwrap_or("").chars();
    digits == 4
        && rest.next().is_some_and(|c| matches!(c, '-' | '/' | '年' | '.'))
        && rest.next().is_some_and(|c| c.is_ascii_digit())
}

/// Values of page information that a glued page leaves before the 主送 ("浏览次数:次各县…",
/// "有 效 性:有效各街道…"), besides numbers, 文号 and a breadcrumb's year ("> 2021年各镇…").
const INFO_VALUES: [&str; 4] = ["次", "有效", "无效", "失效"];

/// The length of a page-information value glued before a 主送 that starts with 各: a number
/// ("58", "2021年", the 文号 "咸政办发〔2015〕21号") or a value of [`INFO_VALUES`]; 0 when there is
/// none (a 主送 such as "市直各单位" keeps what stands before its 各).
fn value_before_addressees(content: &str) -> usize {
    let Some(k) = content.find('各') else { return 0 };
    let value = &content[..k];
    let numeric = value.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // Glued: a value a space apart, or one that holds the subject's words, is no such value.
    let glued = !value.contains(char::is_whitespace) && !NOT_ADDRESSEE.iter().any(|w| value.contains(w));
    if k > 0 && glued && value.chars().count() <= 24 && (numeric || INFO_VALUES.contains(&value)) {
        k
    } else {
        0
    }
}

/// True when `content` holds a word of [`NOT_ADDRESSEE`] once its spaces are left out ("的通 知"):
/// it is no 主送.
fn names_the_subject(content: &str) -> bool {
    let squeezed = strip_space(content);
    NOT_ADDRESSEE.iter().any(|w| squeezed.contains(w))
}

/// A 主送 with neither subject (关于) nor 文号 before it: the run after a space or `|` up to a colon among
/// the line's first 600 characters, read as addressees, when the notice's 印发 follows within 80
/// characters ("…三年行动方案(2024—2026年) 各县(区)安委会,市级有关部门(单位): 现将《…》印发你们"):
/// (its start, just after the colon).
fn bare_addressees(seg: &str) -> Option<(usize, usize)> {
    if !may_hold_addressees(seg) {
        return None;
    }
    let words = data::list("addressee_words");
    let colons = seg.char_indices().take(600).filter(|&(_, c)| matches!(c, '：' | ':'));
    colons.into_iter().find_map(|(ci, c)| {
        let from = after_last(&seg[..ci], |c| c.is_whitespace() || matches!(c, '|' | ':' | '：'));
        let from = from + title_before_addressees(&seg[from..ci]);
        let content = &seg[from..ci];
        let after: String = seg[ci + c.len_utf8()..].chars().take(80).collect();
        let issues = after.contains("印发") || after.contains("印發");
        // A subject before it whose 主送 was not found stays so (see subject_and_addressees).
        let ok = issues
            && !ABOUT.iter().any(|a| seg[..from].contains(a))
            && content.chars().nth(150).is_none()
            && !names_the_subject(content)
            && !holds_page_info(content)
            && addressee_parts(content, words).is_some();
        ok.then_some((from, ci + c.len_utf8()))
    })
}

/// The length of a plan's title glued before a 主送 that starts with 各 ("…三年行动方案(2024—2026
/// 年)各县(区)安委会…:", a page that prints the title over the notice): it ends with a plan kind
/// or a year range's bracket and holds no sentence; 0 when there is none.
fn title_before_addressees(content: &str) -> usize {
    let Some(k) = content.find('各').filter(|&k| k > 0) else { return 0 };
    let value = &content[..k];
    let titled = data::list("plan_kinds").iter().any(|w| value.ends_with(w))
        || value.ends_with("年)")
        || value.ends_with("年）");
    let sentence = value.contains(['。', '，', ',', '；', ';']);
    if titled && !sentence && value.chars().count() <= 60 {
        k
    } else {
        0
    }
}

/// True when `seg` holds 印发 (印發) among its first 700 characters: the test before
/// [`bare_addressees`] looks for a 主送.
fn may_hold_addressees(seg: &str) -> bool {
    let head = &seg[..super::floor_boundary(seg, 700 * 3)];
    head.contains("印发") || head.contains("印發")
}

/// A 文号 right after the subject: "（X〔2019〕39号）" or " X〔2019〕39号". Returns (its end if
/// any, where the 主送 may start).
fn number_after_subject(seg: &str, end: usize) -> (Option<usize>, usize) {
    // A page's heading may show the subject in book-title marks: "《甲市…的通知》 甲政办发〔2019〕39号".
    let end = match seg[end..].strip_prefix(['》', '〉']) {
        Some(r) => seg.len() - r.len(),
        None => end,
    };
    // A date in brackets may stand between them: "…的通知 (2019年1月29日) 青政发〔2019〕1号".
    let end = bracketed_date_end(seg, end).unwrap_or(end);
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
        // A 文号's abbreviation never holds the heading's 通知: "…方案的通知国办发〔2018〕128号",
        // glued, is a subject that ends later.
        Ok((after, n)) if !n.contains("通知") => {
            let e = seg.len() - after.len();
            (Some(e), repeats_end(seg, &seg[seg.len() - t.len()..e], e))
        }
        _ => (None, end),
    }
}

/// Past the repeats of `number` right after `at` ("京政办发〔2016〕26号 京政办发〔2016〕26号 各区…":
/// a page prints the 文号 in its information table and again over the text): where the 主送 may
/// start.
fn repeats_end(seg: &str, number: &str, mut at: usize) -> usize {
    for _ in 0..3 {
        let t = seg[at..].trim_start();
        if number.is_empty() || !t.starts_with(number) {
            break;
        }
        at = seg.len() - t.len() + number.len();
    }
    at
}

/// The end of a date in brackets at `at` (after spaces): "(2019年1月29日)", "（2019年1月29日）".
fn bracketed_date_end(seg: &str, at: usize) -> Option<usize> {
    let inner = seg[at..].trim_start().strip_prefix(['(', '（'])?.trim_start();
    let (after, _) = parse_date(inner).ok()?;
    let r = after.trim_start().strip_prefix([')', '）'])?;
    Some(seg.len() - r.len())
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
            if let Some(pair) = titled_number(seg, i, end) {
                out.push(pair);
                from = pair.1;
            }
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

/// A 文号 whose brackets and 号 were lost ("株政发  20182", "赣市府办字〔2015118": see
/// [`doc_number::parse_collapsed`]) before `limit`, starting after a space, and standing as the
/// document's own: a space, then the 主送 (at `addressees`) or the heading (issuer names, 关于).
fn collapsed_number(seg: &str, limit: usize, addressees: Option<usize>) -> Option<(usize, usize)> {
    let head = &seg[..super::floor_boundary(seg, limit)];
    let mut prev = ' ';
    for (i, c) in head.char_indices() {
        let starts = prev.is_whitespace() && is_han(c);
        prev = c;
        let Some(rest) = starts.then(|| doc_number::parse_collapsed(&seg[i..]).ok()).flatten().map(|(r, _)| r) else {
            continue;
        };
        let next = rest.trim_start();
        let at = seg.len() - next.len();
        if next.len() < rest.len() && (addressees == Some(at) || doc_number::heading_follows(next)) {
            return Some((i, seg.len() - rest.len()));
        }
    }
    None
}

/// A 文号 in brackets closing a title a page prints as its heading, "2021年县政府重点工作任务
/// (华政发〔2021〕2号) 来源:…" (the year bracket at `bracket`, the 号 ending at `end`): the title
/// and its number as one pseudo-line, (start, end), as a printed head sets them. A 文号 cited in a
/// sentence is not taken: the title holds no sentence mark and does not end with a book title
/// (》), and a space follows the closing bracket.
fn titled_number(seg: &str, bracket: usize, end: usize) -> Option<(usize, usize)> {
    // The opening bracket stands just before the abbreviation (at most 24 characters and a few
    // spaces): only that far back is looked at, so a long line's brackets cost no more than that.
    let near = super::floor_boundary(seg, bracket.saturating_sub(32 * 3));
    let open = near + seg[near..bracket].rfind(['(', '（'])?;
    let inner = &seg[open + seg[open..].chars().next()?.len_utf8()..];
    let (r, _) = doc_number::parse(inner.trim_start()).ok()?;
    let after = seg[end..].trim_start().strip_prefix([')', '）'])?;
    if r.len() != seg.len() - end || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let start = after_last(&seg[..open], |c| c.is_whitespace() || c == '|');
    let title = &seg[start..open];
    let plain = title.chars().any(is_han)
        && title.chars().nth(60).is_none()
        && !title.chars().any(is_sentence_punct)
        && !title.ends_with(['》', '〉']);
    plain.then_some((start, seg.len() - after.len()))
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
    // The last organ ending, 通知, or the 红头's closing 文件 ("…办公厅文件湘政办发〔2009〕24号")
    // inside the run that leaves at least two characters: no abbreviation holds any of them.
    let strong: Vec<&str> =
        data::list("org_suffixes").iter().copied().filter(|x| x.chars().count() >= 3).chain(["通知", "文件"]).collect();
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

/// Just after the colon of a line that starts "附件：" or "附件1：" (None for any other line).
fn attachment_colon(seg: &str) -> Option<usize> {
    let t = seg.trim_start();
    let r = t.strip_prefix("附件")?.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let r = r.strip_prefix(['：', ':'])?;
    Some(seg.len() - r.len())
}

/// Cut offsets of a flattened 附件 line (relative to `seg`; the list ends at `after`): a scraper
/// glued the notice's attachment title, its signers and date, and then the attachment itself —
/// "附件：XX方案XX办公厅二〇一〇年十一月二日附件：XX方案一、时间安排……". Cut before the signers
/// (organ names right after a title's plan kind), before and after the date, and before a first
/// heading marker right after a plan title. Nothing is cut unless the signature is there.
fn attachment_cuts(seg: &str, after: usize) -> Vec<usize> {
    let Some((signers, ds, de)) = attachment_signature(seg, after) else {
        return Vec::new();
    };
    let mut out = vec![signers, ds, de];
    out.extend(first_heading_after_title(seg, de));
    out
}

/// The signature in a flattened 附件 line after `after`: (start of the signers, date start, date
/// end). The signers follow the attachment title directly: the title ends with a plan kind
/// (方案, 计划…) and the rest up to the date reads as organ names.
fn attachment_signature(seg: &str, after: usize) -> Option<(usize, usize, usize)> {
    let kinds = data::list("plan_kinds");
    let mut prev: Option<char> = None;
    // Within the first 200 characters: a glued signature follows a title, not a page of text.
    for (i, c) in seg[after..].char_indices().take(200).map(|(k, c)| (after + k, c)) {
        let after_number = prev.is_some_and(|p| digit_value(p).is_some() || cn_digit(p).is_some());
        prev = Some(c);
        if after_number || (digit_value(c).is_none() && cn_digit(c).is_none()) {
            continue;
        }
        let Ok((rest, _)) = parse_date(&seg[i..]) else { continue };
        let span = &seg[after..i];
        let start = span
            .char_indices()
            .map(|(k, ch)| k + ch.len_utf8())
            .filter(|&k| k < span.len() && kinds.iter().any(|w| span[..k].ends_with(w)))
            .find(|&k| organs_in_line(&span[k..]).is_some());
        return start.map(|k| (after + k, i, seg.len() - rest.len()));
    }
    None
}

/// Where a first heading marker (一、 or （一）) follows a plan title glued to it in
/// `seg[from..]` ("附件：XX方案一、时间安排"): the marker's offset.
fn first_heading_after_title(seg: &str, from: usize) -> Option<usize> {
    let kinds = data::list("plan_kinds");
    let rest = &seg[from..];
    let at = ["一、", "（一）", "(一)"].iter().filter_map(|m| rest.find(m)).min()?;
    let title = rest[..at].trim_end();
    let title = title
        .strip_prefix("附件")
        .map_or(title, |r| r.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '：' | ':')));
    let plain =
        !title.is_empty() && title.chars().count() <= 60 && !title.chars().any(|c| is_sentence_punct(c) && c != ':');
    (plain && kinds.iter().any(|k| title.ends_with(k))).then_some(from + at)
}

/// The signature date after `from`: (start of the signers, date start, date end).
fn signature_date(seg: &str, from: usize) -> Option<(usize, usize, usize)> {
    let from = super::floor_boundary(seg, from);
    let mut stop = from;
    let mut prev: Option<char> = None;
    for (k, c) in seg[from..].char_indices() {
        let i = from + k;
        let before = prev;
        let after_number = prev.is_some_and(|p| digit_value(p).is_some() || cn_digit(p).is_some());
        prev = Some(c);
        if is_sentence_punct(c) || c == '\n' {
            stop = i + c.len_utf8();
            continue;
        }
        if after_number || (digit_value(c).is_none() && cn_digit(c).is_none()) {
            continue;
        }
        let (end, alone) = match parse_date(&seg[i..]) {
            Ok((rest, _)) => (seg.len() - rest.len(), stands_alone(rest)),
            Err(_) => match collapsed_date(seg, i, before) {
                Some(end) => (end, true),
                None => continue,
            },
        };
        let rest = &seg[end..];
        let signers = seg[stop..i].trim();
        // A sentence whose full stop was lost runs into the signers ("……认真组织实施 甲区人民
        // 政府办公室 202091"): the organ names a space before a date that stands alone.
        let trailing = || alone.then(|| trailing_organs(seg, stop, i)).flatten();
        let start = if signers.is_empty() {
            (alone || super::title::title_in(rest).is_some()).then_some(stop)
        } else if let Some(t) = trailing() {
            Some(t)
        } else {
            // Counting stops early, so that a long run of text costs nothing here.
            (signers.chars().nth(80).is_none() && organs_in_line(signers).is_some()).then_some(stop)
        };
        if let Some(start) = start {
            return Some((start, i, end));
        }
    }
    None
}

/// True when what follows a date leaves it standing alone: nothing, a space or a bracket.
fn stands_alone(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '（' | '('))
}

/// The end of a date run together by a converter at `at` ("2015917" = 2015-09-17: see
/// [`super::signature::parse_collapsed`]), standing as a word of its own: after a space or a
/// sentence mark, before a space, a bracket or the end.
fn collapsed_date(seg: &str, at: usize, before: Option<char>) -> Option<usize> {
    if !before.is_some_and(|c| c.is_whitespace() || is_sentence_punct(c)) {
        return None;
    }
    let len = seg[at..].bytes().take_while(u8::is_ascii_digit).take(9).count();
    let end = at + len;
    (stands_alone(&seg[end..]) && super::signature::parse_collapsed(&seg[at..end]).is_some()).then_some(end)
}

/// Where the organ names that end `seg[from..to]` start, when they stand after a space (a
/// signer set after a sentence; joint signers a space apart, up to 30 as [`super::signature`]
/// reads them) — None when nothing before
/// them was left out (the span is all names, which the caller reads as such).
fn trailing_organs(seg: &str, from: usize, to: usize) -> Option<usize> {
    let span = seg[from..to].trim_end();
    let mut start = None;
    let mut rest = span;
    for _ in 0..30 {
        let Some(k) = rest.rfind(char::is_whitespace) else {
            // Names from the span's start: nothing was left out.
            return start.filter(|_| organs_in_line(rest).is_none());
        };
        let name = rest[k..].trim_start();
        if name.chars().nth(40).is_some() || organs_in_line(name).is_none() {
            break;
        }
        start = Some(from + rest.len() - name.len());
        rest = rest[..k].trim_end();
    }
    start
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

    /// Asserts that each of `wanted` is one of `t`'s pieces.
    fn assert_pieces(t: &str, wanted: &[&str]) {
        let p = pieces(t);
        for w in wanted {
            assert!(p.iter().any(|x| x == w), "{w}: {p:?}");
        }
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
    fn text_before_the_subject_is_cut_off() {
        let t = "依著作权法，政府文件不适用著作权法。 甲市人民政府办公厅关于印发甲市方案的通知 各区人民政府：现印发给你们。";
        assert_eq!(
            pieces(t)[..2],
            ["依著作权法，政府文件不适用著作权法。", "甲市人民政府办公厅关于印发甲市方案的通知"]
        );
        // Issuers a space apart before 关于 are cut from what precedes them (a title) and stand on
        // a line of their own over the subject, as a printed head sets them.
        let t = "甲县方案 中共甲县委办公室 甲县人民政府办公室 关于印发甲县方案的通知 各乡镇：经研究同意。";
        assert_eq!(pieces(t)[..3], ["甲县方案", "中共甲县委办公室 甲县人民政府办公室", "关于印发甲县方案的通知"]);
    }

    #[test]
    fn page_information_is_not_passed_over_into_another_copy_of_the_heading() {
        let t = "名 称: 甲区办公室 关于印发甲区分解的通知索 引 号: 0001/2020-1 发布日期: 2020-06-28 所属机构:甲区办公室 关于印发甲区分解的通知甲区办公室关于印发甲区分解的通 知各新区、区政府各部门:《分解》已经同意。";
        assert!(pieces(t).contains(&"各新区、区政府各部门:".to_string()), "{:?}", pieces(t));
    }

    #[test]
    fn a_bracketed_date_between_the_subject_and_its_number() {
        let t = "甲市人民政府关于办好10件实事的通知(2019年1月29日)甲政发〔2019〕1号各区、市人民政府,市直各单位:市政府决定。";
        let p = pieces(t);
        assert!(p.contains(&"(2019年1月29日)".to_string()) && p.contains(&"甲政发〔2019〕1号".to_string()), "{p:?}");
    }

    #[test]
    fn a_heading_quoted_in_title_marks() {
        let t = "银监办法[2010]309号2010.10.13《甲银监会办公厅关于做好清查工作的通知》甲办发〔2010〕309号各银监局,各政策性银行:根据工作要求,现印发给你们。";
        let p = pieces(t);
        assert!(p.iter().any(|x| x.starts_with("甲银监会办公厅关于做好清查工作的通知")), "{p:?}");
    }

    #[test]
    fn a_title_glued_before_the_addressees() {
        let t = "政策解读:甲市三年行动方案(2024—2026年)各县(区)安委会,市级有关部门:现将《甲市三年行动方案》印发你们,请认真落实。";
        let p = pieces(t);
        assert!(p.contains(&"各县(区)安委会,市级有关部门:".to_string()), "{p:?}");
        assert_eq!(title_before_addressees("市直各单位"), 0);
    }

    #[test]
    fn a_reprint_from_its_addressees_on_is_cut() {
        // No subject and no 文号: the 主送, the notice's sentence, the signature, the plan's title.
        let t = "各县、区人民政府,市政府各部门:《甲市工作方案》已经市政府同意,现印发给你们,请认真贯彻落实。甲市人民政府办公室2023年8月15日甲市工作方案为全面贯彻落实。";
        let p = pieces(t);
        assert!(p.contains(&"各县、区人民政府,市政府各部门:".to_string()), "{p:?}");
        assert!(p.contains(&"2023年8月15日".to_string()), "{p:?}");
    }

    #[test]
    fn a_publication_time_before_the_addressees_is_passed_over() {
        let t = "甲区办公室关于印发甲区方案的通知2023-01-05 10:00 甲区办公室索 引 号 MB15/2023-05 文    号 甲政办〔2023〕1号有 效 性 有效各街道办事处、乡人民政府:现印发给你们。";
        assert!(pieces(t).contains(&"各街道办事处、乡人民政府:".to_string()), "{:?}", pieces(t));
        assert!(opens_with_a_date("2023-01-05 10:00") && opens_with_a_date("2023年1月5日"));
        assert!(!opens_with_a_date("20230") && !opens_with_a_date("2023 年"));
    }

    #[test]
    fn issuers_glued_after_a_number() {
        let t =
            "访问量:甲市府办字〔2015118甲市人民政府办公厅关于印发甲市工作要点的通知各县(市、区)人民政府:现印发给你们。";
        assert!(pieces(t).contains(&"甲市人民政府办公厅关于印发甲市工作要点的通知".to_string()), "{:?}", pieces(t));
        assert_eq!(glued_number_end("甲政发〔2019〕1号甲市人民政府"), Some("甲政发〔2019〕1号".len()));
        // Digits that run on, or no names after them: no cut.
        assert_eq!(glued_number_end("见〔2019〕12"), None);
        assert_eq!(glued_number_end("甲市"), None);
    }

    #[test]
    fn a_reprint_without_addressees_is_cut_at_the_plan_it_names() {
        // Glued: the subject, the plan's title, the body.
        let t =
            "甲市人民政府办公室关于印发甲市营商环境行动方案的通知甲市营商环境行动方案为深入贯彻落实精神,制定本方案。";
        assert_eq!(
            pieces(t),
            [
                "甲市人民政府办公室关于印发甲市营商环境行动方案的通知",
                "甲市营商环境行动方案",
                "为深入贯彻落实精神,制定本方案。"
            ]
        );
        // The page's source line between them.
        let t = "甲市人民政府办公室关于印发甲市营商环境行动方案的通知来源:甲市委组织部 日期:2022-06-06 浏览量:甲市营商环境行动方案为深入贯彻。";
        assert_eq!(pieces(t)[2..], ["甲市营商环境行动方案", "为深入贯彻。"]);
        // A sentence between them is no page information: nothing is cut.
        let t = "甲市人民政府办公室关于印发甲市营商环境行动方案的通知要求各地认真落实甲市营商环境行动方案。";
        assert_eq!(pieces(t).len(), 1);
    }

    #[test]
    fn information_table_before_the_addressees_is_passed_over() {
        // A 政府信息公开 table between the 文号 and the 主送, its labels spaced apart.
        let t = "文    号 甲政办〔2023〕1号 分   类 政务公开 有 效 性 有效 各街道办事处、乡人民政府,区人民政府各部门: 现印发给你们。";
        assert!(pieces(t).contains(&"各街道办事处、乡人民政府,区人民政府各部门:".to_string()), "{:?}", pieces(t));
        // A label after the subject is not the 主送 ("政策 发布部门:"): the subject printed again is.
        let t = "甲区办公室关于落实甲区规划的通知 政策 发布部门:甲区办公室 甲区办公室关于落实甲区规划的通知 各镇人民政府,各委、局: 甲区第十六届会议。";
        assert!(pieces(t).contains(&"各镇人民政府,各委、局:".to_string()), "{:?}", pieces(t));
        // A page's font-size and sharing labels, their options lost, before the 文号 and 主送.
        let t = "甲市办公室 关于转发甲市建设方案的通知 字号: 分享到: 甲政办发〔2015〕21号 各县、市、区人民政府,市直有关部门: 现转发给你们。";
        assert!(pieces(t).contains(&"甲政办发〔2015〕21号".to_string()), "{:?}", pieces(t));
        assert!(pieces(t).contains(&"各县、市、区人民政府,市直有关部门:".to_string()), "{:?}", pieces(t));
    }

    #[test]
    fn spaced_notice_word_ends_the_subject() {
        let t = "区人民政府办公室 关于印发2020年重点工作责任分解的 通 知 各新区、区政府各部门: 现印发给你们。";
        assert!(pieces(t).contains(&"关于印发2020年重点工作责任分解的 通 知".to_string()), "{:?}", pieces(t));
        assert!(pieces(t).contains(&"各新区、区政府各部门:".to_string()), "{:?}", pieces(t));
    }

    #[test]
    fn page_information_before_the_addressees_is_passed_over() {
        let t = "甲市人民政府办公室关于印发甲市方案的通知 发布时间: 2022-04-22 15:40:24 浏览次数:次 各县、区人民政府,市政府各工作部门: 现印发给你们。";
        assert_eq!(
            pieces(t)[..4],
            [
                "甲市人民政府办公室关于印发甲市方案的通知",
                "发布时间: 2022-04-22 15:40:24 浏览次数:次",
                "各县、区人民政府,市政府各工作部门:",
                "现印发给你们。"
            ]
        );
        // A label whose value is empty glued to the 主送 (lines joined with nothing between).
        let t = "甲县人民政府办公室关于印发甲县方案的通知发布时间:  字体:各乡(镇)人民政府,各街道办事处:现印发给你们。";
        assert!(pieces(t).contains(&"各乡(镇)人民政府,各街道办事处:".to_string()), "{:?}", pieces(t));
        // Without page information first, a colon that closes no 主送 ends the search.
        let t = "甲市人民政府办公室关于印发甲市方案的通知 附件: 各县、区人民政府: 现印发。";
        assert_eq!(split(t, super::super::lines(t), t.len()).len(), 1);
    }

    #[test]
    fn number_in_front_of_the_addressees() {
        // The subject in book-title marks, then its 文号; a page that starts at the 文号.
        let t = "《甲市人民政府办公室关于印发甲市方案的通知》 甲政办发〔2019〕39号 各县、区人民政府: 现印发。";
        assert!(pieces(t).contains(&"甲政办发〔2019〕39号".to_string()), "{:?}", pieces(t));
        assert!(pieces(t).contains(&"各县、区人民政府:".to_string()), "{:?}", pieces(t));
        let t =
            "青岛市人民政府 关于办好10件实事的通知 (2019年1月29日) 青政发〔2019〕1号 各区、市人民政府: 市政府决定。";
        assert!(pieces(t).contains(&"青政发〔2019〕1号".to_string()), "{:?}", pieces(t));
        let t = "许政 [2020] 20号 各县(市、区)人民政府,市人民政府各部门: 现将任务予以分解。";
        assert_eq!(pieces(t)[..2], ["许政 [2020] 20号", "各县(市、区)人民政府,市人民政府各部门:"]);
        // The 文号 printed twice (the page's information table, then over the text).
        let t = "《甲市人民政府办公厅关于印发甲市要点的通知》 甲政办发〔2016〕26号 甲政办发〔2016〕26号 各区人民政府,市属机构: 现印发。";
        assert!(pieces(t).contains(&"各区人民政府,市属机构:".to_string()), "{:?}", pieces(t));
    }

    /// A page that drew the 文号's brackets and 号 and the date's 年月日 as images: what is left
    /// of them is cut out where it stands as the document's own, before the 主送 or the heading,
    /// and after the signers.
    #[test]
    fn collapsed_number_and_date() {
        let t = "甲市人民政府 关于印发《甲市方案》的通知 作者: 发布时间:2018-03-07 访问量: 甲政发  20182 各县市区人民政府、甲市管委会: 现将《甲市方案》印发给你们,请认真组织实施。 甲市人民政府 201825 甲市方案 一、目标";
        assert_pieces(t, &["甲政发  20182", "甲市人民政府", "201825"]);
        let t = "访问量: 甲市府办字〔2015118 甲市人民政府办公厅 关于印发2015年甲市工作要点的通知 各县(市、区)人民政府,市政府有关部门: 现印发给你们,请认真组织实施。 2015917 (此件主动公开) 2015年甲市工作要点 一、目标";
        assert_pieces(t, &["甲市府办字〔2015118", "2015917"]);
        // The full stop lost before the signer: the organ names a space before the date.
        let t = "甲区人民政府办公室关于印发甲区方案的通知 各镇人民政府,各街道办事处: 现印发给你们,请认真组织实施 甲区人民政府办公室 202091 甲区方案 一、目标";
        assert_pieces(t, &["甲区人民政府办公室", "202091"]);
        // Two signers a space apart, after the full stop.
        let t = "甲区人民政府办公室关于印发甲区方案的通知 各镇人民政府: 现印发给你们。 中共甲区委办公室 甲区人民政府办公室 202091 甲区方案 一、目标";
        assert_pieces(t, &["中共甲区委办公室 甲区人民政府办公室"]);
        // Digits that are no date (2018125: 1-25 or 12-5), or a number inside a sentence, are not cut.
        let t = "甲区人民政府办公室关于印发甲区方案的通知 各镇人民政府: 现印发给你们。 甲区人民政府办公室 2018125 甲区方案 一、目标";
        assert!(!pieces(t).contains(&"2018125".to_string()), "{:?}", pieces(t));
        let t = "甲区人民政府办公室关于印发甲区方案的通知 各镇人民政府: 共投入资金 201825 万元。 甲区方案 一、目标";
        assert!(!pieces(t).contains(&"201825".to_string()), "{:?}", pieces(t));
    }

    /// A page-information value glued before a 主送 is no part of it; a 主送's own words before
    /// its 各 are.
    #[test]
    fn value_glued_before_the_addressees() {
        for (content, value) in [
            ("次各县、区人民政府", "次"),
            ("58各乡镇人民政府", "58"),
            ("2021年各镇人民政府", "2021年"),
            ("咸政办发〔2015〕21号各县、市、区人民政府", "咸政办发〔2015〕21号"),
            ("有效各街道办事处", "有效"),
            ("市直各单位", ""),
            ("区政府各委、办、局", ""),
            ("的通知 国办发〔2018〕128号 各省", ""),
        ] {
            assert_eq!(&content[..value_before_addressees(content)], value, "{content}");
        }
        let t = "甲区人民政府办公室关于印发甲区方案的通知发布时间:2021-09-09浏览次数:次各镇人民政府,各街道办事处:现印发给你们。";
        assert_pieces(t, &["各镇人民政府,各街道办事处:"]);
    }

    /// A subject glued to its 文号: the subject ends at 通知, not at the plan kind before it.
    #[test]
    fn subject_glued_to_its_number() {
        let t = "国务院办公厅关于印发“无废城市”建设试点工作方案的通知国办发〔2018〕128号各省、自治区、直辖市人民政府，国务院各部委：《方案》已经国务院同意，现印发给你们。国务院办公厅2018年12月29日一、总体要求";
        assert_pieces(t, &["国务院办公厅关于印发“无废城市”建设试点工作方案的通知", "国办发〔2018〕128号"]);
    }

    /// A page that prints its heading twice, glued: two subjects, not one running over both.
    #[test]
    fn two_copies_of_the_heading() {
        let t = "甲县人民政府办公室关于印发《甲县方案》的通知甲府办发〔2023〕3号 甲县人民政府办公室关于印发《甲县方案》的通知发布时间:  字体:各乡(镇)人民政府,各街道办事处:现印发给你们。";
        assert_pieces(t, &["甲县人民政府办公室关于印发《甲县方案》的通知", "各乡(镇)人民政府,各街道办事处:"]);
        let t = "甲区人民政府办公室关于印发甲区要点的通知甲区人民政府办公室关于印发甲区要点的通 知各新区、区政府各部门:现印发给你们。";
        assert_pieces(t, &["甲区人民政府办公室关于印发甲区要点的通 知"]);
    }

    /// A page's layout table leaves `|` between the subject (or its 文号) and the 主送.
    #[test]
    fn bars_before_the_addressees() {
        let t = "名 称: | 市人民政府办公室关于印发甲市行动方案的通知 | 各县、区人民政府,市政府各部门: 经市人民政府同意,现印发给你们。 (此件公开发布) 甲市行动方案 一、目标";
        assert_pieces(t, &["各县、区人民政府,市政府各部门:"]);
        let t = "| ||| 關于印發甲市方案的通知 甲政發〔2023〕1號 | ||||| 各轄市、區人民政府,市各委辦局: 現將方案印發給你們。 甲市方案 一、目标";
        assert_pieces(t, &["甲政發〔2023〕1號", "各轄市、區人民政府,市各委辦局:"]);
    }

    /// A page headed by the plan's title, with no subject or 文号 before the 主送; a 文号 in brackets
    /// closing that title.
    #[test]
    fn addressees_under_a_title() {
        let t = "政策解读:甲市三年行动方案(2024—2026年) 各县(区)安委会,市级有关部门(单位): 现将《甲市三年行动方案(2024—2026年)》印发你们,请认真抓好贯彻落实。 甲市安全生产委员会 2024年3月1日 一、目标";
        assert_pieces(t, &["各县(区)安委会,市级有关部门(单位):"]);
        let t = "2021年县政府重点工作任务(华政发〔2021〕2号) 来源:华容县政府 2021-03-23 浏览量:1 | | 各乡镇人民政府、县直各单位: 《2021年县政府重点工作任务分解》已经县人民政府同意,现印发给你们。 一、强化责任落实。";
        assert_pieces(t, &["2021年县政府重点工作任务(华政发〔2021〕2号)", "各乡镇人民政府、县直各单位:"]);
        // An ideographic space before the 主送 or the title (three bytes in UTF-8).
        let t = "甲市三年行动方案(2024—2026年)\u{3000}各县(区)安委会,市级有关部门(单位): 现将《甲市三年行动方案》印发你们。 一、目标";
        assert_pieces(t, &["各县(区)安委会,市级有关部门(单位):"]);
        let t = "来源\u{3000}2021年县政府重点工作任务(华政发〔2021〕2号) 浏览量:1 各乡镇人民政府、县直各单位: 现印发给你们。 一、强化";
        assert_pieces(t, &["2021年县政府重点工作任务(华政发〔2021〕2号)"]);
        // A cited 文号 and a colon with no notice after it are left alone.
        let t = "为贯彻落实《甲市方案的通知》(甲政发〔2021〕2号) 精神,各单位: 要抓好落实。 一、目标";
        assert_eq!(pieces(t).len(), 1, "{:?}", pieces(t));
    }

    #[test]
    fn flattened_attachment_line_is_cut_at_the_signature() {
        let t = "各银监局：\n现将工作方案印发给你们。\n附件:“三个办法一个指引”检查和督促整改工作方案中国银行业监督管理委员会办公厅二0一0年十一月二日附件:“三个办法一个指引”检查和督促整改工作方案一、时间安排2010年11月-12月。";
        assert_eq!(
            pieces(t)[2..],
            [
                "附件:“三个办法一个指引”检查和督促整改工作方案",
                "中国银行业监督管理委员会办公厅",
                "二0一0年十一月二日",
                "附件:“三个办法一个指引”检查和督促整改工作方案",
                "一、时间安排2010年11月-12月。",
            ]
        );
        // An attachment list with no signature glued to it stays one line.
        for t in ["附件：1.任务清单 2.责任分工表", "附件：甲县实施方案一、目标", "附件:2023年工作计划"]
        {
            assert_eq!(split(t, super::super::lines(t), t.len()).len(), 1, "{t}");
        }
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
        // The 红头 "…文件" glued before it.
        let s = "湖南省人民政府办公厅文件湘政办发〔2009〕24号";
        let b = s.find('〔').unwrap();
        assert_eq!(&s[abbreviation_start(s, b).unwrap()..b], "湘政办发");
    }
}
