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
    "role_trailing",
    "role_first_lead",
    "unit_suffixes",
    "non_units",
    "deadline_words",
    "ongoing_words",
    "recurring_words",
    "ongoing_cell_words",
    "deadline_prefixes",
    "deadline_labels",
    "since_words",
    "completion_verbs",
    "date_now_words",
    "comparators",
    "chrome",
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
    "preamble_openers",
    "addressee_words",
];

fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The entries of `grammar/NAME.txt`, in file order. Panics only for a name that has no file,
/// which is a programming error caught by the tests.
pub fn list(name: &str) -> &'static [&'static str] {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let map = MAP.get_or_init(|| FILES.iter().map(|(n, t)| (*n, parse(t))).collect());
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
    fn every_list_loads() {
        for (name, _) in super::FILES {
            assert!(!super::list(name).is_empty(), "grammar/{name}.txt is empty");
        }
    }
}
