//! A document's own short forms (简称): "成立县创建全国文明城市工作领导小组办公室（以下简称“县创建办”）",
//! "（简称“市创建办”）", "（下称“创建办”）". The full form is the name written right before the
//! bracket, back to the previous punctuation, without the verb that introduces it (成立, 设立…).

use crate::chars::{is_han, strip_space};
use crate::grammar::gated::Gated;
use crate::model::GlossaryEntry;
use std::sync::OnceLock;

/// The words before the short form, in simplified and traditional characters; compiled only
/// for a text that holds one of them.
fn marker_re() -> &'static Gated {
    static RE: OnceLock<Gated> = OnceLock::new();
    RE.get_or_init(|| Gated::new(MARKER, Some(&MARKER_WORDS)))
}

const MARKER: &str = r"[（(]\s*(?:以下|下文)?(?:简称|簡稱|下称|下稱)\s*[:：]?\s*[“「\x22]?([^”」\x22（）()，。；\n]{1,16})[”」\x22]?\s*[）)]";

/// The words every match of [`MARKER`] holds one of (a test checks them against the pattern).
const MARKER_WORDS: [&str; 4] = ["简称", "簡稱", "下称", "下稱"];

/// Verbs that introduce the full name ("成立…办公室（以下简称…）"): not part of it.
const LEADS: [&str; 12] = ["成立", "设立", "组建", "设置", "建立", "由", "在", "设", "经", "将", "对", "为"];

/// Every short form declared in `text`, in order (byte offsets into `text`).
pub fn glossary(text: &str) -> Vec<GlossaryEntry> {
    let mut out: Vec<GlossaryEntry> = Vec::new();
    let gated = marker_re();
    // Only the lines that say 简称/下称 are searched: a plan has a handful in megabytes.
    let lines = gated.lines_with_words(text);
    let Some(re) = (!lines.is_empty()).then(|| gated.get()) else { return out };
    for (at, c) in lines.into_iter().flat_map(|(at, line)| re.captures_iter(line).map(move |c| (at, c))) {
        let (Some(all), Some(short)) = (c.get(0), c.get(1)) else { continue };
        let Some((full, start)) = full_before(text, at + all.start()) else { continue };
        let short = strip_space(short.as_str());
        if short.chars().count() < 2 || full.chars().count() <= short.chars().count() {
            continue;
        }
        if !out.iter().any(|e| e.short == short) {
            out.push(GlossaryEntry { short, full, span: [start, at + all.end()] });
        }
    }
    out
}

/// The name that ends at `end`: ideographs (and brackets inside the name) back to the previous
/// punctuation, at most 40 characters, without a leading verb.
fn full_before(text: &str, end: usize) -> Option<(String, usize)> {
    let before = &text[..end];
    let mut start = end;
    for (i, c) in before.char_indices().rev().take(40) {
        if !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '（' | '）' | '(' | ')')) {
            break;
        }
        start = i;
    }
    let mut name = &text[start..end];
    while let Some(rest) = LEADS.iter().find_map(|l| name.strip_prefix(l)) {
        start += name.len() - rest.len();
        name = rest;
    }
    (name.chars().count() >= 3).then(|| (name.to_string(), start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_words_are_those_the_pattern_requires() {
        crate::grammar::pattern::verify(MARKER).unwrap();
        let mut found = crate::grammar::required::required_words(MARKER).unwrap();
        found.sort();
        let mut listed = MARKER_WORDS.map(String::from).to_vec();
        listed.sort();
        assert_eq!(found, listed);
    }

    #[test]
    fn declared_short_forms() {
        let t = "成立县创建全国文明城市工作领导小组办公室（以下简称“县创建办”），负责日常工作。由县住房和城乡建设局（简称县住建局）牵头。";
        let g = glossary(t);
        let pairs: Vec<(&str, &str)> = g.iter().map(|e| (e.short.as_str(), e.full.as_str())).collect();
        assert_eq!(pairs, [("县创建办", "县创建全国文明城市工作领导小组办公室"), ("县住建局", "县住房和城乡建设局")]);
        assert_eq!(&t[g[0].span[0]..g[0].span[1]], "县创建全国文明城市工作领导小组办公室（以下简称“县创建办”）");
    }

    #[test]
    fn not_a_declaration() {
        assert!(glossary("推进“放管服”改革（简称）。").is_empty());
        assert!(glossary("（以下简称“方案”）").is_empty());
    }
}
