//! Character-level repairs: conversion artifacts (grammar/artifacts.txt), pinyin glued after a
//! character by a reprint site ("印發(fā)"), HTML tags and entities left in scraped text.

use super::Edit;
use crate::chars::is_han;
use crate::grammar::data;
use crate::grammar::pattern::Pattern;
use crate::grammar::words::{CharBloom, CharSet};
use std::sync::OnceLock;

fn table() -> &'static [(char, &'static str)] {
    static T: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        data::pairs("artifacts")
            .into_iter()
            .filter_map(|(k, v)| {
                let c = k.chars().next()?;
                Some((c, if v == "\\n" { "\n" } else { v }))
            })
            .collect()
    })
}

/// Anything that may need a repair: a tag or entity opener, "(" before a lower-case letter, or
/// a character of the table. One search instead of a pass per table entry; the regex crate turns
/// this alternation of literals into a vectorized multi-literal search.
fn trigger() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        let mut alts = vec![r"[<&]".to_string(), r"\([a-z]".to_string()];
        alts.extend(table().iter().map(|(k, _)| regex::escape(&k.to_string())));
        Pattern::new(&alts.join("|"))
    })
}

/// Texts up to this many bytes are scanned by character; longer ones by the regex crate's
/// vectorized search for the trigger's literals.
const SCAN_LIMIT: usize = 4096;

/// True when some line of `text` may need a repair; most documents need none, and one search
/// over the whole text spares a test per line. A short text is scanned character by character
/// instead: that costs less than compiling the pattern.
pub(crate) fn any_in(text: &str) -> bool {
    if text.len() > SCAN_LIMIT {
        return trigger().is_match(text);
    }
    scan(text)
}

/// [`any_in`] by one pass over the characters that may be triggers (the Bloom filter of a
/// [`CharSet`] and "("), each tested in full.
fn scan(text: &str) -> bool {
    static CHARS: OnceLock<(CharSet, CharBloom)> = OnceLock::new();
    let (chars, stops) = CHARS.get_or_init(|| {
        let set = CharSet::new(['<', '&'].into_iter().chain(table().iter().map(|(k, _)| *k)));
        let stops = set.bloom().with('(');
        (set, stops)
    });
    let after_paren = |at: usize| text.as_bytes().get(at + 1).is_some_and(u8::is_ascii_lowercase);
    stops.hits(text).any(|(at, c)| chars.contains(c) || (c == '(' && after_paren(at)))
}

fn is_latin_or_cyrillic(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0x0400..=0x04FF)
}

/// The repairs of one line.
pub(crate) fn edits(line: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    // Most lines need nothing: skip the per-character pass unless a trigger is present.
    // "(" matters only before pinyin ("(fā)"), which starts with a lower-case letter.
    if !any_in(line) {
        return out;
    }
    // One pass with the previous and next char at hand (no per-line char table: a 20 MB line
    // would cost 16 bytes a char). `skip_to`: the end of the last repair.
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if at < skip_to {
            prev = Some(c);
            continue;
        }
        let mut repaired = None;
        if c == '<' {
            if let Some(len) = html_tag(&line[at..]) {
                let tag = &line[at..at + len];
                out.push(Edit { start: at, end: at + len, with: if is_block_tag(tag) { "\n" } else { "" } });
                repaired = Some(len);
            }
        }
        if repaired.is_none() && c == '&' {
            if let Some((len, with)) = entity(&line[at..]) {
                out.push(Edit { start: at, end: at + len, with });
                repaired = Some(len);
            }
        }
        if repaired.is_none() && c == '(' && prev.is_some_and(is_han) {
            if let Some(len) = pinyin(&line[at..]) {
                out.push(Edit { start: at, end: at + len, with: "" });
                repaired = Some(len);
            }
        }
        if let Some(len) = repaired {
            skip_to = at + len;
            prev = Some(c);
            continue;
        }
        if let Some(&(_, with)) = table().iter().find(|(k, _)| *k == c) {
            let prev_ok = !prev.is_some_and(is_latin_or_cyrillic);
            let next_ok = !iter.peek().is_some_and(|&(_, n)| is_latin_or_cyrillic(n));
            if prev_ok && next_ok {
                out.push(Edit { start: at, end: at + c.len_utf8(), with });
            }
        }
        prev = Some(c);
    }
    out
}

/// Length of an HTML tag at the start of `s` ("<p>", "</strong>", "<br/>", "<p style=…>").
fn html_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.get(1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    let close = s[1..].find(['>', '<', '\n'])? + 1;
    if b[close] != b'>' || close > 300 {
        return None;
    }
    // The tag name must be ASCII letters/digits: "<2023年>" is not a tag.
    let name: &str = s[1..close].trim_start_matches('/').split([' ', '/', '>']).next().unwrap_or("");
    if first != b'!' && (name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric())) {
        return None;
    }
    Some(close + 1)
}

fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "p" | "br" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" | "section"
    )
}

fn entity(s: &str) -> Option<(usize, &'static str)> {
    const ENTITIES: &[(&str, &str)] = &[
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&mdash;", "—"),
        ("&emsp;", " "),
        ("&ensp;", " "),
    ];
    ENTITIES.iter().find(|(e, _)| s.starts_with(e)).map(|(e, w)| (e.len(), *w))
}

/// Length of a parenthesized pinyin syllable "(fā)" at the start of `s`.
fn pinyin(s: &str) -> Option<usize> {
    let inner_end = s[1..].find(')')? + 1;
    let inner = &s[1..inner_end];
    let ok = !inner.is_empty()
        && inner.chars().count() <= 7
        && inner.chars().all(|c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c))
        // Require a tone mark or ü: "(a)" or "(ii)" in a list are not pinyin.
        && !inner.is_ascii();
    ok.then_some(inner_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_and_the_pattern_agree() {
        crate::grammar::pattern::verify(trigger().written()).unwrap();
        let samples = ["一、总体要求", "印發(fā)通知", "a &amp; b", "<p>段落</p>", "( 一)", "(A)", "设臵", "〞引号"];
        for s in samples {
            assert_eq!(any_in(s), trigger().is_match(s), "{s}");
        }
        let long = format!("{}印發(fā)", "一、总体要求".repeat(400));
        assert!(long.len() > SCAN_LIMIT && any_in(&long));
    }

    fn apply(line: &str) -> String {
        let mut m = super::super::MappedText::default();
        super::super::emit(&mut m, line, 0, line, edits(line));
        m.text
    }

    #[test]
    fn repairs() {
        assert_eq!(apply("“三个芦溪〞目标"), "“三个芦溪”目标");
        assert_eq!(apply("投诉和处臵机制"), "投诉和处置机制");
        assert_eq!(apply("關于印發(fā)2023年"), "關于印發2023年");
        assert_eq!(apply("區(qū)人民政府"), "區人民政府");
        assert_eq!(apply("第(a)项"), "第(a)项");
        assert_eq!(apply("整齐。Р四、实施步骤"), "整齐。\n四、实施步骤");
        assert_eq!(apply("<strong>方案</strong>"), "方案");
        assert_eq!(apply("a&nbsp;b"), "a b");
        assert_eq!(apply("x<2023年>y"), "x<2023年>y");
        assert_eq!(apply("２０２３年底前满意度达９０％"), "2023年底前满意度达90％", "full-width digits");
    }
}
