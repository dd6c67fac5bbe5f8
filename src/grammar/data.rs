//! Word lists of the grammar, kept as data in `grammar/*.txt` (one phrase a line, `#` comments),
//! so that a new phrase is a one-line change. build.rs writes them into the binary as statics,
//! each phrase followed by its traditional forms (src/grammar/variants.rs): nothing is built when
//! the program starts.

include!(concat!(env!("OUT_DIR"), "/grammar_tables.rs"));

/// The entries of `grammar/NAME.txt`, in file order, each followed by its traditional forms
/// (责任单位, 責任單位): the lists are written once, in simplified characters, and texts in
/// traditional characters match them as written.
pub fn list(name: &str) -> &'static [&'static str] {
    LISTS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l).unwrap_or_else(|| panic!("no grammar list {name}"))
}

/// The simplified form of a traditional character (縣 → 县), from grammar/simplified.txt (OpenCC)
/// and the grammar's own traditional.txt, which wins where both have the character.
pub fn simplified(c: char) -> Option<char> {
    SIMPLIFIED.binary_search_by_key(&c, |p| p.0).ok().map(|i| SIMPLIFIED[i].1)
}

/// `s` with each traditional character in its simplified form (see [`simplified`]), where the two
/// take the same bytes (nearly all do), so that byte offsets into the result are offsets into
/// `s`: for patterns written in simplified characters only (chrome). Borrowed when nothing maps.
pub fn simplified_text(s: &str) -> std::borrow::Cow<'_, str> {
    let fold = |c: char| simplified(c).filter(|t| t.len_utf8() == c.len_utf8());
    // ASCII and the characters below the CJK blocks never map: most lines are settled quickly.
    let Some(first) = s.char_indices().find(|&(_, c)| c >= '\u{3400}' && fold(c).is_some()).map(|(i, _)| i) else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    out.extend(s[first..].chars().map(|c| if c >= '\u{3400}' { fold(c).unwrap_or(c) } else { c }));
    std::borrow::Cow::Owned(out)
}

/// The required words of each pattern of a pattern list (chrome, chrome_inline), in list order,
/// found at compile time (src/grammar/required.rs): None for a pattern without any.
pub fn required_words(name: &str) -> &'static [Option<&'static [&'static str]>] {
    REQUIRED.iter().find(|(n, _)| *n == name).map(|(_, w)| *w).unwrap_or_else(|| panic!("no pattern list {name}"))
}

/// The characters every match of each pattern of a pattern list starts with, in list order,
/// found at compile time (src/grammar/required.rs): None for a pattern without a short list.
pub fn first_chars(name: &str) -> &'static [Option<&'static [char]>] {
    FIRSTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or_else(|| panic!("no pattern list {name}"))
}

/// Entries of a list whose lines hold `key<TAB>value` (or `key value`) pairs.
pub fn pairs(name: &str) -> Vec<(&'static str, &'static str)> {
    list(name).iter().filter_map(|l| super::variants::pair(l)).collect()
}

/// The full form of a unit's short form in grammar/unit_aliases.txt (住建局 → 住房和城乡建设局),
/// from a table build.rs sorted.
pub fn unit_alias(short: &str) -> Option<&'static str> {
    ALIASES.binary_search_by_key(&short, |p| p.0).ok().map(|i| ALIASES[i].1)
}

/// True when `name` is the full form of some short form of grammar/unit_aliases.txt.
pub fn is_alias_target(name: &str) -> bool {
    FULL_FORMS.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::super::variants;

    #[test]
    fn phrases_match_traditional_texts() {
        let labels = super::pairs("role_labels");
        assert!(labels.iter().any(|(k, _)| *k == "責任單位"));
        let any = super::list("role_any");
        assert!(any.contains(&"按職責分工負責"));
        // Written once in the file: 牽頭 is not added a second time.
        assert_eq!(super::list("role_lead").iter().filter(|w| **w == "牽頭").count(), 1);
        // Regular expressions are left alone.
        assert_eq!(super::list("chrome").len(), variants::entries(include_str!("../../grammar/chrome.txt")).len());
    }

    #[test]
    fn the_tables_are_those_of_the_files() {
        let table = variants::traditional_table(include_str!("../../grammar/traditional.txt"));
        let lead = variants::with_variants(include_str!("../../grammar/role_lead.txt"), &table, false);
        assert_eq!(super::list("role_lead"), lead.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(super::simplified('縣'), Some('县'));
        assert_eq!(super::simplified('县'), None);
        let aliases: std::collections::HashMap<_, _> = super::pairs("unit_aliases").into_iter().collect();
        assert_eq!(super::ALIASES.len(), aliases.len());
        assert!(aliases.iter().all(|(k, v)| super::unit_alias(k) == Some(*v) && super::is_alias_target(v)));
    }

    #[test]
    fn folds_traditional_text() {
        assert_eq!(super::simplified_text("下載文檔 2023"), "下载文档 2023");
        assert!(matches!(super::simplified_text("下载文档"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn every_list_loads() {
        for (name, _) in super::LISTS {
            assert!(!super::list(name).is_empty(), "grammar/{name}.txt is empty");
        }
    }
}
