//! The signature (落款): the signing organ(s) on the line(s) above the date, and the date of
//! issue (成文日期) "2023年5月10日", "2023年5月 日" (day left blank), "二〇二三年五月十日", or
//! run together by a converter ("201825" = 2018-02-05). A date counts only when it stands alone:
//! at the start of its line or after 。 or the signer, and followed by a line end or space;
//! "于2024年3月15日前报…" inside a sentence is a deadline, not a signature.

use super::organs::{organs_in_line, split_organs};
use super::{floor_boundary, Line};
use crate::chars::digit_value;
use crate::grammar::dates::{full_date as parse_date, iso_ymd};
use crate::grammar::numerals::cn_digit;
use crate::grammar::pattern::Pattern;
use std::sync::OnceLock;

/// A signature found after the notice body.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// ISO partial date: 2023-05-10 or 2023-05.
    pub date: Option<String>,
    /// The signing organs, one per line (joint notices), validated as organ names.
    pub signers: Vec<String>,
    /// Start of the signature (signer line or date).
    pub start: usize,
    /// End of the notice: after the date and a following （此件公开发布）.
    pub end: usize,
}

/// A date whose 年月日 were lost: "201825" (2018-2-5), "20180205". Ambiguous lengths give None.
pub fn parse_collapsed(s: &str) -> Option<(u32, u32, Option<u32>)> {
    if !(6..=8).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = s[..4].parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let rest = &s[4..];
    let valid = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let splits: Vec<(u32, u32)> = (1..rest.len())
        .filter(|&k| k <= 2 && rest.len() - k <= 2)
        .filter(|&k| !rest[k..].starts_with('0') || rest.len() - k == 2)
        .filter(|&k| !rest[..k].starts_with('0') || k == 2)
        .filter_map(|k| Some((rest[..k].parse().ok()?, rest[k..].parse().ok()?)))
        .filter(|&(m, d)| valid(m, d))
        .collect();
    match splits.as_slice() {
        [(m, d)] => Some((y, *m, Some(*d))),
        _ => None,
    }
}

fn public_mark() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"^\s*[（(]\s*此件[^）)\n]{0,10}[）)]"))
}

/// The organ names on the non-empty lines just above line `li` (joint signers: one per line).
fn signer_lines(text: &str, lines: &[Line], li: usize, from: usize) -> (Vec<String>, Option<usize>) {
    let mut out = Vec::new();
    let mut start = None;
    let mut k = li;
    // Joint notices are signed by up to a dozen or more organs, often two to a line.
    while k > 0 && out.len() < 30 {
        k -= 1;
        let l = lines[k];
        if l.start < from {
            break;
        }
        let t = l.text(text).trim();
        if t.is_empty() {
            continue;
        }
        match organs_in_line(t) {
            Some(names) => {
                out.splice(0..0, names);
                start = Some(l.start);
            }
            None => break,
        }
    }
    (out, start)
}

/// The first signature after `from`. Before `body_start` any standalone date counts; after it (a
/// notice whose requirements are numbered, so the body finder started inside the notice) only a
/// date under a signer line, and only when `past_body` (the notice had addressees).
pub fn find(text: &str, lines: &[Line], from: usize, body_start: usize, past_body: bool) -> Option<Signature> {
    let from = floor_boundary(text, from);
    for (li, l) in lines.iter().enumerate() {
        if l.end < from {
            continue;
        }
        if l.start >= body_start && !past_body {
            break;
        }
        let s0 = l.start.max(from);
        let line = &text[s0..l.end];
        let trimmed = line.trim();
        // A run-together date alone on its line.
        let date_at = if let Some((y, m, d)) = parse_collapsed(trimmed) {
            let at = s0 + (line.len() - line.trim_start().len());
            Some((at, at + trimmed.len(), iso_ymd(y, m, d)))
        } else {
            standalone_date(line).map(|(a, b, v)| (s0 + a, s0 + b, v))
        };
        let Some((ds, de, value)) = date_at else {
            continue;
        };
        let line_prefix = text[l.start..ds].trim();
        let (signers, sstart) = if line_prefix.is_empty() {
            signer_lines(text, lines, li, from)
        } else {
            // The signers on the same line, as in a text flattened to one line.
            match same_line_signers(line_prefix) {
                Some((v, at)) => (v, Some(text[..ds].trim_end().len() - (line_prefix.len() - at))),
                None => (Vec::new(), None),
            }
        };
        if ds >= body_start && signers.is_empty() {
            continue;
        }
        let mut end = de;
        if let Some(m) = public_mark().find(&text[de..]) {
            end = de + m.end();
        }
        return Some(Signature { date: Some(value), signers, start: sstart.unwrap_or(ds), end });
    }
    None
}

/// A date in `line` that stands alone (see the module doc): (start, end, ISO).
/// The date printed in brackets on its own line under a heading ("（2019年1月29日）", as laws and
/// government gazettes print it): the 成文日期 when the text has no signature date. Searched
/// between `from` and `to` (the heading's end and the 主送).
pub fn heading_date(text: &str, lines: &[Line], from: usize, to: usize) -> Option<String> {
    lines.iter().filter(|l| l.start >= from && l.end <= to).find_map(|l| {
        let t = l.text(text).trim();
        let inner = t.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?.trim();
        match parse_date(inner) {
            Ok((rest, (y, m, d))) if rest.trim().is_empty() => Some(iso_ymd(y, m, d)),
            _ => None,
        }
    })
}

/// The signers that end `prefix` (the text before a date on its line, trimmed), as a flattened
/// notice sets them: organ names a space apart ("中共甲区委办公室 甲区人民政府办公室"), the first of
/// them possibly glued to the sentence before it ("…贯彻落实。安顺市人民政府"); with where the
/// first starts in `prefix`.
fn same_line_signers(prefix: &str) -> Option<(Vec<String>, usize)> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = prefix;
    let mut at = None;
    while names.len() < 30 {
        let tok = rest.rsplit(char::is_whitespace).next().unwrap_or("");
        let glued = glued_signer(tok);
        let Some(v) = split_organs(glued) else { break };
        names.splice(0..0, v);
        at = Some(rest.len() - glued.len());
        // A name glued after a sentence's end is the first.
        if glued.len() < tok.len() {
            break;
        }
        rest = rest[..rest.len() - tok.len()].trim_end();
    }
    at.map(|at| (names, at))
}

/// The organ name glued right before a date in a flattened notice: what follows the last
/// sentence end ("…贯彻落实。安顺市人民政府").
fn glued_signer(before: &str) -> &str {
    // Organ names are short: only the last 60 characters are looked at, so a long flattened line
    // with many dates costs no more than a short one.
    let from = before.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    before[from..].rsplit(['。', '！', '；']).next().unwrap_or("").trim()
}

fn standalone_date(line: &str) -> Option<(usize, usize, String)> {
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let starts = digit_value(c).is_some() || cn_digit(c).is_some();
        let after_number = prev.is_some_and(|p| digit_value(p).is_some() || cn_digit(p).is_some());
        prev = Some(c);
        if !starts || after_number {
            continue;
        }
        let Ok((rest, (y, m, d))) = parse_date(&line[i..]) else {
            continue;
        };
        let end = line.len() - rest.len();
        let follows_ok = rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == '（' || c == '(');
        let before = line[..i].trim_end();
        let precedes_ok = before.is_empty()
            || before.ends_with(['。', '！', '.'])
            || (line[..i].ends_with(char::is_whitespace)
                && split_organs(before.rsplit(char::is_whitespace).next().unwrap_or("")).is_some())
            // A flattened notice: "…贯彻落实。安顺市人民政府2023年9月5日（此件公开发布）".
            || split_organs(glued_signer(before)).is_some();
        if follows_ok && precedes_ok {
            return Some((i, end, iso_ymd(y, m, d)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_read_the_pattern_alike() {
        crate::grammar::pattern::verify(public_mark().written()).unwrap();
    }

    fn date(s: &str) -> Option<String> {
        parse_date(s).ok().map(|(_, (y, m, d))| iso_ymd(y, m, d))
    }

    #[test]
    fn date_forms() {
        assert_eq!(date("2023年5月10日"), Some("2023-05-10".into()));
        assert_eq!(date("2023年5月 日"), Some("2023-05".into()));
        assert_eq!(date("二〇二三年五月十日"), Some("2023-05-10".into()));
        assert_eq!(date("二〇一九年十二月三十一日"), Some("2019-12-31".into()));
        assert_eq!(date("2018 年 12 月 29 日"), Some("2018-12-29".into()));
        assert_eq!(date("2023年13月1日"), None);
        assert_eq!(parse_collapsed("201825").map(|(y, m, d)| iso_ymd(y, m, d)), Some("2018-02-05".into()));
        assert_eq!(parse_collapsed("20180205").map(|(y, m, d)| iso_ymd(y, m, d)), Some("2018-02-05".into()));
        assert_eq!(parse_collapsed("2018125"), None, "2018-1-25 or 2018-12-5");
        assert_eq!(parse_collapsed("2018"), None);
    }

    #[test]
    fn standalone_only() {
        assert!(standalone_date(" \u{a0}2018年10月27日 \u{a0} ").is_some());
        assert!(standalone_date("抓好落实。 2023年5月 日 XX县区创立").is_some());
        assert!(standalone_date("组织实施。 山西省人民政府 2018年3月27日 (此件公开发布)").is_some());
        assert!(standalone_date("于2024年3月15日前报市安办备案").is_none());
        assert!(standalone_date("2023年5月10日召开").is_none());
    }

    #[test]
    fn signer_above_date() {
        let t = "各单位：\n现印发给你们。\n中共河北雄安新区工作委员会\n河北雄安新区管理委员会\n2021年3月15日\n(此件公开发布)\n标题";
        let ls = super::super::lines(t);
        let s = find(t, &ls, 0, t.len(), false).unwrap();
        assert_eq!(s.date.as_deref(), Some("2021-03-15"));
        assert_eq!(s.signers, vec!["中共河北雄安新区工作委员会", "河北雄安新区管理委员会"]);
        assert!(t[s.end..].starts_with("\n标题"));
    }

    /// A flattened text: joint signers a space apart before the date, the first glued to the
    /// sentence before it or not.
    #[test]
    fn signers_on_the_date_line() {
        for t in [
            "认真贯彻执行。 中共甲区委办公室 甲区人民政府办公室 2019 年 4 月 16 日 甲区方案",
            "认真贯彻执行。中共甲区委办公室 甲区人民政府办公室 2019年4月16日 甲区方案",
        ] {
            let ls = super::super::lines(t);
            let s = find(t, &ls, 0, t.len(), false).unwrap();
            assert_eq!(s.signers, vec!["中共甲区委办公室", "甲区人民政府办公室"], "{t}");
            assert!(t[s.start..].starts_with("中共甲区委办公室"), "{t}");
        }
    }

    #[test]
    fn spam_signer_is_dropped() {
        let t = "各县:\n    咸宁江南体育官方网站入\n\n  2015年4月15日\n";
        let ls = super::super::lines(t);
        let s = find(t, &ls, 0, t.len(), false).unwrap();
        assert_eq!(s.date.as_deref(), Some("2015-04-15"));
        assert!(s.signers.is_empty());
    }
}
