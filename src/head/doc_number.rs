//! 文号 (document number): issuer abbreviation + year in brackets + serial + 号, e.g.
//! 国办函〔2018〕71号, 许政 [2020] 20号, 常政發(fā)〔2023〕1號, 宝政办发(2019)39号.
//! Kept exactly as printed. Only the head is searched, and only where a 文号 stands as such:
//! alone on its line, at the start of a line ("宝政办发〔2019〕39号《…》"), or closing a head line
//! ("…的通知（宝政办发〔2019〕39号）", "…的通知 常政發(fā)〔2023〕1號"); a 文号 cited inside a
//! sentence ("…》（厅字〔2016〕42号）精神") is not the document's own.

use super::{is_pinyin_letter, Line};
use crate::chars::{is_digit, is_han, is_inline_space};
use crate::grammar::Found;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize, verify};
use nom::multi::many1_count;
use nom::{IResult, Parser};

/// Issuer abbreviation: ideographs, with pinyin glued by converters ("發(fā)") and single spaces.
fn prefix(i: &str) -> IResult<&str, &str> {
    let pinyin = recognize((char('('), take_while1(is_pinyin_letter), char(')')));
    // "X"/"XX" stand for a masked name in templates and sharing sites ("XX县区").
    let han = take_while1(|c| is_han(c) || c == 'X' || c == 'x');
    verify(recognize(many1_count(alt((han, pinyin)))), |s: &str| s.chars().count() <= 24 && s.chars().any(is_han))
        .parse(i)
}

fn year_in_brackets(i: &str) -> IResult<&str, &str> {
    recognize((
        satisfy(|c| matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '〖')),
        take_while(is_inline_space),
        take_while_m_n(4, 4, is_digit),
        take_while(is_inline_space),
        satisfy(|c| matches!(c, '〕' | ']' | '］' | ')' | '）' | '】' | '〗')),
    ))
    .parse(i)
}

/// A complete 文号: `prefix [spaces] (year) [spaces] serial 号`.
pub fn parse(i: &str) -> IResult<&str, &str> {
    recognize((prefix, take_while(is_inline_space), tail)).parse(i)
}

/// The part of a 文号 after the issuer abbreviation: `(year) [spaces] serial 号`, e.g. "〔2017〕54号".
/// Used to find a 文号 glued inside a flattened line, where the abbreviation's start must be
/// found backwards (see [`super::flat`]).
pub fn tail(i: &str) -> IResult<&str, &str> {
    recognize((
        year_in_brackets,
        take_while(is_inline_space),
        take_while_m_n(1, 5, is_digit),
        take_while(is_inline_space),
        alt((tag("号"), tag("號"))),
        opt(recognize((char('('), take_while1(is_pinyin_letter), char(')')))),
    ))
    .parse(i)
}

/// A 文号 whose brackets and 号 were lost in conversion: prefix, then the year and serial run
/// together, after spaces ("株政发  20182") or after the opening bracket that survived
/// ("赣市府办字〔2015118", the page drew 〕 and 号 as images). Only trusted alone on its line.
pub fn parse_collapsed(i: &str) -> IResult<&str, &str> {
    let year_serial = verify(take_while_m_n(5, 9, is_digit), |d: &str| d.starts_with("19") || d.starts_with("20"));
    let opening = satisfy(|c| matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '〖'));
    let gap = alt((recognize((take_while(is_inline_space), opening)), take_while1(is_inline_space)));
    recognize((prefix, gap, year_serial)).parse(i)
}

/// True when only whitespace and layout pipes remain.
fn ends_line(rest: &str) -> bool {
    rest.chars().all(|c| c.is_whitespace() || c == '|')
}

/// The 文号 standing in `line` (see the module doc), with its range relative to `line`.
pub fn in_line(line: &str) -> Option<Found<String>> {
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    // Alone on the line, or opening it before a title in 《》.
    if let Ok((rest, m)) = parse(t) {
        let r = rest.trim_start();
        // "X政发〔2023〕5号    签发人：张三" (the signer of a 上行文 on the 文号 line).
        if ends_line(rest)
            || r.starts_with('《')
            || r.starts_with("签发人")
            || r.starts_with("簽發人")
            || heading_follows(r)
        {
            return Some(found(m, lead));
        }
    }
    if let Ok((rest, m)) = parse_collapsed(t) {
        if ends_line(rest) {
            return Some(found(m, lead));
        }
    }
    // Closing the line, after a space or inside a bracket: "…的通知（X〔2019〕39号）".
    if line.contains('。') {
        return None;
    }
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        // After a space, inside a bracket, or right after the title it numbers ("《…的通知》X〔2010〕9号",
        // "…的通知X〔2023〕2号" as a layout joins the heading and the number below it).
        let after_title = prev == '知' && line[..i].ends_with("通知");
        if i > lead && (prev.is_whitespace() || matches!(prev, '（' | '(' | '|' | '》') || after_title) && is_han(c) {
            if let Ok((rest, m)) = parse(&line[i..]) {
                let rest = if matches!(prev, '（' | '(') {
                    rest.trim_start().strip_prefix(['）', ')']).unwrap_or("x")
                } else {
                    rest
                };
                // A 文号's abbreviation never holds the heading's 通知 ("》的通知X〔2023〕2号").
                if ends_line(rest) && !m.contains("通知") {
                    return Some(found(m, i));
                }
            }
        }
        prev = c;
    }
    None
}

/// True when `rest` opens a heading: 关于…, or organ names then 关于 ("X〔2023〕3号 XX县人民政府
///办公室关于印发…的通知", a page that prints the 文号 before the heading on one line; the organ
/// names may stand a space before 关于).
pub fn heading_follows(rest: &str) -> bool {
    let head: String = rest.chars().take(40).collect();
    ["关于", "關于", "關於", "关於"]
        .iter()
        .filter_map(|a| head.find(a))
        .min()
        .is_some_and(|p| p == 0 || super::organs::split_organs(head[..p].trim_end()).is_some())
}

fn found(m: &str, at: usize) -> Found<String> {
    Found { value: m.trim_end().to_string(), start: at, end: at + m.trim_end().len() }
}

/// The first 文号 of the head: lines starting before `head_end`. Ranges are into `text`.
pub fn find(text: &str, lines: &[Line], head_end: usize) -> Option<Found<String>> {
    lines.iter().take_while(|l| l.start < head_end).find_map(|l| {
        let end = l.end.min(super::floor_boundary(text, head_end.max(l.start)));
        in_line(&text[l.start..end.max(l.start)]).map(|f| Found {
            value: f.value,
            start: l.start + f.start,
            end: l.start + f.end,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(line: &str) -> Option<String> {
        in_line(line).map(|f| f.value)
    }

    #[test]
    fn standalone_and_spaced() {
        assert_eq!(v(" 国办函〔2018〕71号"), Some("国办函〔2018〕71号".into()));
        assert_eq!(v("许政 [2020] 20号"), Some("许政 [2020] 20号".into()));
        assert_eq!(v("  咸政办发〔2015〕21号"), Some("咸政办发〔2015〕21号".into()));
        assert_eq!(v("盤政辦發〔2021〕1號"), Some("盤政辦發〔2021〕1號".into()));
        assert_eq!(v("株政发  20182"), Some("株政发  20182".into()));
        assert!(heading_follows("甲市人民政府办公厅 关于印发甲市要点的通知"));
        assert!(!heading_follows("现将有关事项通知如下 关于印发"));
        assert_eq!(v("X政发（2023）5号    签发人：张三"), Some("X政发（2023）5号".into()));
    }

    #[test]
    fn in_head_lines() {
        assert_eq!(
            v("宝政办发〔2019〕39号《宝鸡市人民政府办公室关于印发…的通知》"),
            Some("宝政办发〔2019〕39号".into())
        );
        assert_eq!(v("2021年县政府重点工作任务(华政发〔2021〕2号)"), Some("华政发〔2021〕2号".into()));
        assert_eq!(
            v("關于印發(fā)2023年《政府工作報告》重點任務分解落實方案的通知 常政發(fā)〔2023〕1號 |"),
            Some("常政發(fā)〔2023〕1號".into())
        );
        assert_eq!(v("…的通知（宝政办发〔2019〕39号）"), Some("宝政办发〔2019〕39号".into()));
        assert_eq!(v("关于印发《细则》的通知渝粮规范〔2023〕2号"), Some("渝粮规范〔2023〕2号".into()));
    }

    #[test]
    fn cited_numbers_are_not_the_documents_own() {
        assert_eq!(v("为深入贯彻落实《…的通知》(厅字〔2016〕42号)精神,建立健全河湖"), None);
        assert_eq!(v("为贯彻落实市政府《关于印发…的通知》(深府〔9〕193)精神"), None);
        assert_eq!(v("株洲市人民政府 关于印发《株洲市…实施办法》的通知"), None);
        assert_eq!(v("2017-08-07 来源:本站 | 阅读量:3126"), None);
    }
}
