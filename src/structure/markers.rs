//! Marker candidates (编号): every place in the text that looks like an item number, with its
//! style, value and the context it stands in. A candidate is only a candidate — "1.5倍" never
//! becomes one, but "统一、" or a reference "第(3)项" might look like one; the depth solver in
//! [`super::solve`] decides.

use crate::chars::{is_digit, is_han, is_space};
use crate::grammar::numerals::{enclosed_value, parse_cn_number, parse_digits, EnclosedKind};
use crate::grammar::words::CharBloom;
use crate::model::MarkerStyle;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{map, map_opt, opt, recognize};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

/// Where a candidate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// Glued to the previous word ("社会宣传1、制作").
    Glued,
    /// After sentence punctuation or a space, mid-line (text flattened to one line).
    AfterBreak,
    /// At the start of a line.
    LineStart,
}

/// A possible item marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Byte offset of the marker in the cleaned text.
    pub start: usize,
    /// Byte offset just past the marker (and its separator, e.g. the 、 or the ：after 第一阶段).
    pub end: usize,
    pub style: MarkerStyle,
    pub number: u32,
    pub context: Context,
    /// A reading that is only plausible in sequence: "11.121人才" could be 11.121, so it becomes
    /// item 11. only where 11 is exactly the number expected.
    pub doubtful: bool,
}

/// Numerals that number items: the plain forms only. The financial forms (壹…玖, 伍) and 两 occur in
/// running text ("人才队伍、") far more often than as numbers of items. (Numbers in dates and
/// targets take every form: `grammar::numerals::is_item_numeral`.)
fn is_item_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零' | '百')
}

fn digits(s: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(1, 3, is_digit), parse_digits).parse(s)
}

fn cn_number(s: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(1, 4, is_item_numeral), parse_cn_number).parse(s)
}

fn open(s: &str) -> IResult<&str, char> {
    one_of("（(").parse(s)
}

fn close(s: &str) -> IResult<&str, char> {
    one_of("）)").parse(s)
}

fn ordinal(s: &str) -> IResult<&str, u32> {
    preceded(ch('第'), alt((cn_number, digits))).parse(s)
}

/// The marker grammar, tried at one position: (style, number, rest).
fn marker(s: &str) -> IResult<&str, (MarkerStyle, u32)> {
    use MarkerStyle::*;
    let sep = || opt(alt((tag("："), tag(":"), tag("　"), tag(" "), tag("、"))));
    alt((
        // 一、 and the 一． / 一. some documents type instead.
        map(terminated(cn_number, one_of("、．.")), |n| (CnComma, n)),
        map(delimited(open, cn_number, close), |n| (CnParen, n)),
        map(delimited(open, digits, close), |n| (NumParen, n)),
        map(terminated(digits, one_of(".．")), |n| (NumDot, n)),
        map(terminated(digits, ch('、')), |n| (NumComma, n)),
        map(terminated(terminated(ordinal, ch('章')), sep()), |n| (Chapter, n)),
        // 条 and 阶段 in traditional texts too (條, 階段).
        map(terminated(terminated(ordinal, one_of("条條")), sep()), |n| (Article, n)),
        map(terminated(terminated(ordinal, tag("部分")), sep()), |n| (Part, n)),
        map(terminated(terminated(ordinal, alt((tag("阶段"), tag("階段")))), sep()), |n| (Stage, n)),
        map_opt(recognize(nom::character::complete::anychar), |c: &str| {
            let (n, kind) = enclosed_value(c.chars().next()?)?;
            Some(match kind {
                EnclosedKind::Circled => (Circled, n),
                EnclosedKind::Paren => (NumParen, n),
                EnclosedKind::FullStop => (NumDot, n),
                EnclosedKind::CnParen => (CnParen, n),
            })
        }),
    ))
    .parse(s)
}

fn could_start(c: char) -> bool {
    // ASCII first: most characters of a line are settled by one comparison.
    if c.is_ascii() {
        return c.is_ascii_digit() || c == '(';
    }
    is_item_numeral(c) || matches!(c, '（' | '第') || ('０'..='９').contains(&c) || enclosed_value(c).is_some()
}

/// A cheap necessary condition for [`marker`]: a run of numerals or digits must be followed by the
/// separator of its style (一、 1. 1、). Most numerals in running text (进一步, 2023年) fail here,
/// before the whole grammar is tried.
fn plausible(rest: &str, first: char) -> bool {
    let (max, seps): (usize, &[char]) = if is_item_numeral(first) {
        (4, &['、', '．', '.'])
    } else if is_digit(first) {
        (3, &['.', '．', '、'])
    } else {
        return true;
    };
    let in_run = |c: char| if is_digit(first) { is_digit(c) } else { is_item_numeral(c) };
    // At most `max` characters of the run and the one after it are looked at, so a long run of
    // numerals costs a bounded amount per position.
    for c in rest.chars().skip(1).take(max) {
        if !in_run(c) {
            return seps.contains(&c);
        }
    }
    false
}

/// How far (bytes) after an unclosed opening bracket numbers are taken as inside it.
const MAX_BRACKET_REACH: usize = 120;

/// Words after a bracketed number that make it a reference, not a marker: 第(3)项, (2)款.
const REFERENCE_AFTER: &[char] = &['项', '款'];

/// The characters [`scan`] stops at (a marker's first character, a bracket, a line break) in one
/// Bloom filter: nearly every character of a text is passed with one bit test.
const STOPS: CharBloom = {
    let mut b = CharBloom::EMPTY
        .with_all(&['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '（', '第', '\n'])
        .with_all(&['０', '１', '２', '３', '４', '５', '６', '７', '８', '９'])
        .with_all(&['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零', '百'])
        .with_all(&['（', '(', '〔', '【', '[', '［', '）', ')', '〕', '】', ']', '］']);
    // The enclosed numbers (see `enclosed_value`).
    let ranges = [(0x2460, 0x249B), (0x3251, 0x325F), (0x32B1, 0x32BF), (0x3220, 0x3229)];
    let mut r = 0;
    while r < ranges.len() {
        let mut u = ranges[r].0;
        while u <= ranges[r].1 {
            b = b.with(match char::from_u32(u) {
                Some(c) => c,
                None => panic!("not a character"),
            });
            u += 1;
        }
        r += 1;
    }
    b
};

/// All candidates in `text`, in order. Linear: each position is tried once with a bounded parser.
pub fn scan(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut skip_until = 0;
    // Open round/square brackets of this line not yet closed, and where the innermost opened: a
    // number just inside a parenthesis is a reference or an inline list ("（填报样式见附表1、2）",
    // "（包括：1.…；2.…）"), not an item. Only a bracket opened shortly before counts, so an
    // unclosed one cannot hide the items of the rest of a long flattened line.
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (at, c) in STOPS.hits(text) {
        let inside = open.last().is_some_and(|&(o, _)| at - o <= MAX_BRACKET_REACH);
        if at >= skip_until && !inside && could_start(c) {
            let (prev, prev_solid, line_start) = before(text, at);
            if let Some(cand) = try_at(text, at, prev, prev_solid, line_start) {
                skip_until = cand.end;
                // "（一）第一阶段：集中攻坚": an ordinal right after another marker is the
                // heading's own words, not a deeper item.
                let heading_words =
                    matches!(
                        cand.style,
                        MarkerStyle::Stage | MarkerStyle::Part | MarkerStyle::Chapter | MarkerStyle::Article
                    ) && out.last().is_some_and(|p: &Candidate| p.end <= at && text[p.end..at].trim().is_empty());
                if !heading_words {
                    out.push(cand);
                }
            }
        }
        match c {
            '（' | '(' | '〔' | '【' | '[' | '［' if open.len() < 8 => open.push((at, bracket_kind(c))),
            // A closing bracket closes the last one of its kind and any left open inside it: a
            // converter that lost a 〕 ("(国发〔201640号)") leaves nothing open. One of no open
            // kind is a stray.
            '）' | ')' | '〕' | '】' | ']' | '］' if !open.is_empty() => {
                let kind = bracket_kind(c);
                if let Some(k) = open.iter().rposition(|&(_, o)| o == kind) {
                    open.truncate(k);
                }
            }
            '\n' => open.clear(),
            _ => {}
        }
    }
    out
}

/// Whether a line opens with a sure item marker (not "1.5倍" or a reference "（3）项"): where a
/// hard-wrapped text's line break is kept as a paragraph's end (`clean::unwrap`).
pub fn opens_line(line: &str) -> bool {
    let t = line.trim_start();
    t.chars().next().is_some_and(could_start) && try_at(t, 0, None, None, true).is_some_and(|c| !c.doubtful)
}

/// A bracket's kind, the same for its opening and closing forms, full- and half-width: round 0,
/// tortoise-shell 1 (〔〕), lenticular 2 (【】), square 3 (and 4 for any other character).
#[inline]
fn bracket_kind(c: char) -> u8 {
    match c {
        '（' | '(' | '）' | ')' => 0,
        '〔' | '〕' => 1,
        '【' | '】' => 2,
        '[' | '［' | ']' | '］' => 3,
        _ => 4,
    }
}

/// What stands before byte `at`: the previous character, the previous character that is not
/// space (on this line), and whether only spaces stand between the line's start and `at`. Read
/// back from `at` only where a marker may start, over the spaces before it: each run of spaces
/// is read once, as it precedes one position only.
fn before(text: &str, at: usize) -> (Option<char>, Option<char>, bool) {
    let mut back = text[..at].chars().rev();
    let prev = back.clone().next();
    for c in back.by_ref() {
        if c == '\n' {
            return (prev, None, true);
        }
        if !is_space(c) {
            return (prev, Some(c), false);
        }
    }
    (prev, None, true)
}

fn try_at(text: &str, at: usize, prev: Option<char>, prev_solid: Option<char>, line_start: bool) -> Option<Candidate> {
    let rest = &text[at..];
    let first = rest.chars().next()?;
    // Inside a number or a word of digits/letters: "2023.5", "A1.", "12、" seen from its "2".
    if let Some(p) = prev {
        if is_digit(p) || p.is_ascii_alphabetic() || p == '.' || p == '．' {
            return None;
        }
        if is_item_numeral(first) && (is_item_numeral(p) || p == '第') {
            return None;
        }
        if p == '第' && matches!(first, '（' | '(') {
            return None;
        }
    }
    if !plausible(rest, first) {
        return None;
    }
    let (after, (style, number)) = marker(rest).ok()?;
    let end = text.len() - after.len();
    let next = after.chars().next();
    use MarkerStyle::*;
    let mut doubtful = false;
    match style {
        NumDot => {
            // 1.5倍, 3.2万, and "2." that ends a sentence about a number; at a line start the
            // digits may still be an item glued to a title that starts with a number.
            if next.is_some_and(|n| n == '%' || n == '％') {
                return None;
            }
            if next.is_some_and(is_digit) {
                // Likewise after a sentence's end, where a flattening put the line start
                // ("……各有关单位） 11.121人才梯队项目", or glued: "……单位）11.121人才").
                let after_sentence = prev_solid.is_some_and(|p| "。；;！!？?）)”】」』".contains(p));
                if !line_start && !after_sentence {
                    return None;
                }
                // A line that is only a number ("4.42", a cell of a flattened table) is no item.
                let line = after.split('\n').next().unwrap_or("");
                if line.trim().chars().all(|c| is_digit(c) || matches!(c, '.' | '．' | '%' | '％' | ',')) {
                    return None;
                }
                doubtful = true;
            }
        }
        // "（3）项" reads as a reference (按（3）项规定), but "（二）项目资金保障" is an item: an
        // item only where its number is the one expected.
        CnParen | NumParen if next.is_some_and(|n| REFERENCE_AFTER.contains(&n)) => doubtful = true,
        _ => {}
    }
    if number == 0 || number > 199 {
        return None;
    }
    // The marker must be followed by text on the same line, not end it ("（一）" alone is a
    // heading waiting for its text only when something follows).
    if after.trim().is_empty() {
        return None;
    }
    let context = if line_start {
        Context::LineStart
    } else if prev.is_some_and(char::is_whitespace)
        || prev_solid.is_some_and(|p| "。；;！!？?：:）)”】」』，,".contains(p))
    {
        Context::AfterBreak
    } else if prev_solid.is_some_and(|p| is_han(p) || !p.is_alphanumeric()) {
        Context::Glued
    } else {
        return None;
    };
    Some(Candidate { start: at, end, style, number, context, doubtful })
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarkerStyle::*;

    fn styles(text: &str) -> Vec<(MarkerStyle, u32, Context)> {
        scan(text).into_iter().map(|c| (c.style, c.number, c.context)).collect()
    }

    #[test]
    fn every_style() {
        assert_eq!(styles("一、目标"), vec![(CnComma, 1, Context::LineStart)]);
        assert_eq!(styles("二．目标"), vec![(CnComma, 2, Context::LineStart)]);
        assert_eq!(styles("（十二）任务"), vec![(CnParen, 12, Context::LineStart)]);
        assert_eq!(styles("(3)任务"), vec![(NumParen, 3, Context::LineStart)]);
        assert_eq!(styles("（３）任务"), vec![(NumParen, 3, Context::LineStart)]);
        assert_eq!(styles("12.任务"), vec![(NumDot, 12, Context::LineStart)]);
        assert_eq!(styles("2．任务"), vec![(NumDot, 2, Context::LineStart)]);
        assert_eq!(styles("3、任务"), vec![(NumComma, 3, Context::LineStart)]);
        assert_eq!(styles("⑷任务"), vec![(NumParen, 4, Context::LineStart)]);
        assert_eq!(styles("②任务"), vec![(Circled, 2, Context::LineStart)]);
        assert_eq!(styles("第十条 任务"), vec![(Article, 10, Context::LineStart)]);
        assert_eq!(styles("第二章 职责"), vec![(Chapter, 2, Context::LineStart)]);
        assert_eq!(styles("第一部分 总体"), vec![(Part, 1, Context::LineStart)]);
        assert_eq!(styles("第十條 任務"), vec![(Article, 10, Context::LineStart)]);
        assert_eq!(styles("第二階段：實施"), vec![(Stage, 2, Context::LineStart)]);
        assert_eq!(styles("第三阶段：总结"), vec![(Stage, 3, Context::LineStart)]);
    }

    #[test]
    fn not_markers() {
        assert!(styles("提高1.5倍").is_empty());
        assert!(styles("马陆社区\n4.42\n2028年").is_empty(), "a table cell that is a number");
        assert!(styles("第（3）项指标").is_empty());
        assert!(styles("2023.5").is_empty());
        assert!(styles("一是加强领导，二是完善").is_empty());
        assert!(styles("达到80%").is_empty());
        assert!(styles("十二、").is_empty());
        assert!(styles("二、基本原则\n(一)\n").len() == 1, "a bare number at the end opens nothing");
        assert!(styles("人才队伍、人才政策").is_empty());
        // "（3）项" may be a reference: a candidate only in sequence ("（二）项目资金保障").
        assert!(scan("（3）项").iter().all(|c| c.doubtful));
        // An ordinal right after a marker belongs to the heading.
        assert_eq!(styles("（一）第一阶段：集中攻坚"), vec![(CnParen, 1, Context::LineStart)]);
        assert_eq!(styles("（一）目标任务").len(), 1);
        // Just inside a parenthesis: a reference or an inline list, not an item.
        assert!(styles("报市督查室（填报样式见附表1、2）。").is_empty());
        assert!(styles("（包括：1.制度建设；2.队伍建设）").is_empty());
        // A bracket left open long before does not hide later items of a flattened line.
        let long = format!("（未闭合{}。 2.大力开展", "很长的说明".repeat(10));
        assert_eq!(styles(&long), vec![(NumDot, 2, Context::AfterBreak)]);
        // Closed brackets and line ends reset it.
        assert_eq!(styles("（市财政局负责）2.推进").len(), 1);
        // A number glued to the marker (11.121人才) is a doubtful item at a line start, and after
        // a sentence's end and a space where a flattening put the line start; inside a sentence
        // it is a decimal.
        let c = scan("各有关单位） 11.121人才梯队项目");
        assert!(c.len() == 1 && c[0].number == 11 && c[0].doubtful, "{c:?}");
        assert!(scan("投资增长 11.121倍").is_empty());
        let c = scan("各有关单位）11.121人才梯队项目");
        assert!(c.len() == 1 && c[0].number == 11 && c[0].doubtful, "{c:?}");
        // A 〔 whose 〕 a converter lost is closed with the bracket around it; a stray closing
        // bracket closes nothing.
        assert_eq!(styles("意见》(国发〔201640号)精神。 一、指导思想").len(), 1);
        assert!(styles("（详见附件1)、2）").is_empty());
        assert_eq!(styles("（未闭合\n2.推进").len(), 1);
    }

    #[test]
    fn contexts() {
        let c = styles("部署。 2.大力开展 (一)社会宣传1、制作");
        assert_eq!(
            c,
            vec![(NumDot, 2, Context::AfterBreak), (CnParen, 1, Context::AfterBreak), (NumComma, 1, Context::Glued)]
        );
        // 统一、 is glued: a candidate the solver will only take in sequence.
        assert_eq!(styles("统一、规范"), vec![(CnComma, 1, Context::Glued)]);
    }
}
