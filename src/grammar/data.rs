//! Word lists of the grammar, kept as data in `grammar/*.txt` (one phrase a line, `#` comments),
//! so that a new phrase is a one-line change. They are compiled into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

macro_rules! lists {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../grammar/", $name, ".txt")))),*]
    };
}

/// Every list file, by name (without `.txt`).
const FILES: &[(&str, &str)] = lists![
    "role_lead",
    "role_support",
    "role_labels",
    "role_any",
    "role_guide",
    "role_trailing",
    "role_first_lead",
    "role_modifiers",
    "role_with",
    "role_rule_onward",
    "role_no_order",
    "unit_suffixes",
    "non_units",
    "non_unit_words",
    "deadline_words",
    "ongoing_words",
    "recurring_words",
    "ongoing_cell_words",
    "deadline_prefixes",
    "deadline_labels",
    "since_words",
    "completion_verbs",
    "date_now_words",
    "date_not_task",
    "comparators",
    "chrome",
    "chrome_inline",
    "artifacts",
    "table_headers",
    "org_suffixes",
    "plan_kinds",
    "target_units",
    "target_unit_stops",
    "target_denominators",
    "target_magnitudes",
    "target_indicators",
    "target_indicator_skip",
    "target_per_ok",
    "target_bounded_units",
    "target_not_counts",
    "target_indicator_bounds",
    "preamble_openers",
    "addressee_words",
    "unit_aliases",
];

/// Lists that are not vocabulary and get no traditional variants: regular expressions
/// (chrome) and character repairs (artifacts).
const NO_VARIANTS: &[&str] = &["chrome", "chrome_inline", "artifacts", "unit_aliases"];

/// grammar/traditional.txt: simplified → traditional characters of the phrases, with "=" where
/// the simplified form is also written in traditional texts.
const TRADITIONAL: &str = include_str!("../../grammar/traditional.txt");

fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The traditional forms of one phrase (繁体): every mapped character converted, and, when some
/// character is also written unconverted in traditional texts ("關于"), a second form that keeps
/// those. Forms equal to the phrase are left out.
fn traditional_forms(phrase: &str, table: &HashMap<char, (char, bool)>) -> Vec<String> {
    let full: String = phrase.chars().map(|c| table.get(&c).map_or(c, |t| t.0)).collect();
    let kept: String = phrase.chars().map(|c| table.get(&c).map_or(c, |t| if t.1 { c } else { t.0 })).collect();
    let mut out = Vec::new();
    for form in [full, kept] {
        if form != phrase && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

fn traditional_table() -> HashMap<char, (char, bool)> {
    parse(TRADITIONAL)
        .into_iter()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let s = cols.next()?.chars().next()?;
            let t = cols.next()?.chars().next()?;
            Some((s, (t, cols.next() == Some("="))))
        })
        .collect()
}

/// The entries of `grammar/NAME.txt`, in file order, each followed by its traditional forms
/// (责任单位, 責任單位): the lists are written once, in simplified characters, and texts in
/// traditional characters match them as written. The derived forms are made once and live for
/// the whole run.
/// grammar/simplified.txt: traditional → simplified characters of OpenCC's table, for unit names
/// (open vocabulary, unlike the phrases of traditional.txt).
const SIMPLIFIED: &str = include_str!("../../grammar/simplified.txt");

/// Traditional → simplified (繁→简): how unit names in traditional characters are keyed. The
/// grammar's own table wins where both have a character.
pub fn simplified_table() -> HashMap<char, char> {
    let general = parse(SIMPLIFIED).into_iter().filter_map(|l| {
        let mut c = l.chars();
        let t = c.next()?;
        Some((t, c.nth(1)?))
    });
    let own = traditional_table().into_iter().filter(|(s, (t, _))| s != t).map(|(s, (t, _))| (t, s));
    general.chain(own).collect()
}

pub fn list(name: &str) -> &'static [&'static str] {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let table = traditional_table();
        FILES
            .iter()
            .map(|(n, t)| {
                let written = parse(t);
                let mut entries: Vec<&'static str> = Vec::new();
                for &e in &written {
                    entries.push(e);
                    if NO_VARIANTS.contains(n) {
                        continue;
                    }
                    for form in traditional_forms(e, &table) {
                        if !entries.contains(&form.as_str()) && !written.contains(&form.as_str()) {
                            entries.push(Box::leak(form.into_boxed_str()));
                        }
                    }
                }
                (*n, entries)
            })
            .collect()
    });
    map.get(name).map(Vec::as_slice).unwrap_or_else(|| panic!("no grammar list {name}"))
}

/// Entries of a list whose lines hold `key<TAB>value` (or `key value`) pairs.
pub fn pairs(name: &str) -> Vec<(&'static str, &'static str)> {
    list(name)
        .iter()
        .filter_map(|l| {
            let mut it = l.splitn(2, ['\t', ' ']);
            Some((it.next()?.trim(), it.next()?.trim()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrases_match_traditional_texts() {
        let labels = super::pairs("role_labels");
        assert!(labels.iter().any(|(k, _)| *k == "責任單位"));
        let any = super::list("role_any");
        assert!(any.contains(&"按職責分工負責"));
        // Written once in the file: 牽頭 is not added a second time.
        assert_eq!(super::list("role_lead").iter().filter(|w| **w == "牽頭").count(), 1);
        // 关于 also as 關于, the form machine conversion leaves.
        let t = super::traditional_table();
        let forms = super::traditional_forms("关于", &t);
        assert_eq!(forms, vec!["關於".to_string(), "關于".to_string()]);
        // Regular expressions are left alone.
        assert_eq!(super::list("chrome").len(), super::parse(include_str!("../../grammar/chrome.txt")).len());
    }

    #[test]
    fn every_list_loads() {
        for (name, _) in super::FILES {
            assert!(!super::list(name).is_empty(), "grammar/{name}.txt is empty");
        }
    }
}
