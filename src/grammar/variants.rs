//! How the word lists of grammar/ become the tables the binary holds: each phrase followed by its
//! traditional forms (繁体), and the traditional → simplified (繁→简) character table of unit
//! names. Pure functions of the files' text, run by build.rs at compile time (it includes this
//! file), so that no table is built when the program starts.

use std::collections::BTreeMap;

/// The entries of a list file: trimmed lines, without blank lines and `#` comments.
pub fn entries(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// grammar/traditional.txt: simplified → its traditional form (`main`: the form, and whether
/// traditional texts also write the character unconverted: the "=" column), and the other forms
/// some texts write (`alt`: the fourth column, 为 → 爲 beside 為).
#[derive(Debug, Default)]
pub struct Traditional {
    pub main: BTreeMap<char, (char, bool)>,
    pub alt: BTreeMap<char, Vec<char>>,
}

pub fn traditional_table(text: &str) -> Traditional {
    let mut table = Traditional::default();
    for l in entries(text) {
        let mut cols = l.split('\t');
        let (Some(s), Some(t)) =
            (cols.next().and_then(|c| c.chars().next()), cols.next().and_then(|c| c.chars().next()))
        else {
            continue;
        };
        table.main.insert(s, (t, cols.next() == Some("=")));
        let alt: Vec<char> = cols.next().map(|c| c.chars().collect()).unwrap_or_default();
        if !alt.is_empty() {
            table.alt.insert(s, alt);
        }
    }
    table
}

/// The traditional forms of one phrase: every mapped character converted; when some character is
/// also written unconverted in traditional texts ("關于"), a form that keeps those; and for each
/// other form of a character (爲), the converted phrase with it. Forms equal to the phrase are
/// left out.
pub fn traditional_forms(phrase: &str, table: &Traditional) -> Vec<String> {
    let main = &table.main;
    let full: String = phrase.chars().map(|c| main.get(&c).map_or(c, |t| t.0)).collect();
    let kept: String = phrase.chars().map(|c| main.get(&c).map_or(c, |t| if t.1 { c } else { t.0 })).collect();
    let width = phrase.chars().filter_map(|c| table.alt.get(&c)).map(Vec::len).max().unwrap_or(0);
    let alts = (0..width).map(|k| {
        let pick = |c: char| table.alt.get(&c).and_then(|a| a.get(k)).copied();
        phrase.chars().map(|c| pick(c).unwrap_or_else(|| main.get(&c).map_or(c, |t| t.0))).collect::<String>()
    });
    let mut out = Vec::new();
    for form in [full, kept].into_iter().chain(alts) {
        if form != phrase && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// A list's entries in file order, each followed by those of its traditional forms that are not
/// already in the list (责任单位, 責任單位); `plain` lists (regular expressions, character
/// repairs) are taken as written.
pub fn with_variants(text: &str, table: &Traditional, plain: bool) -> Vec<String> {
    let written = entries(text);
    let mut out: Vec<String> = Vec::new();
    for &e in &written {
        out.push(e.to_string());
        if plain {
            continue;
        }
        for form in traditional_forms(e, table) {
            if !out.contains(&form) && !written.contains(&form.as_str()) {
                out.push(form);
            }
        }
    }
    out
}

/// A `key<TAB>value` (or `key value`) entry, both sides trimmed.
pub fn pair(entry: &str) -> Option<(&str, &str)> {
    let mut it = entry.splitn(2, ['\t', ' ']);
    Some((it.next()?.trim(), it.next()?.trim()))
}

/// The pairs of a list as a table sorted by key, a later entry winning over an earlier one with
/// its key, and the sorted values without repeats.
pub fn sorted_pairs<'a>(entries: &[&'a str]) -> (Vec<(&'a str, &'a str)>, Vec<&'a str>) {
    let map: BTreeMap<&str, &str> = entries.iter().filter_map(|e| pair(e)).collect();
    let mut values: Vec<&str> = map.values().copied().collect();
    values.sort_unstable();
    values.dedup();
    (map.into_iter().collect(), values)
}

/// Traditional → simplified, sorted by the traditional character: OpenCC's table
/// (grammar/simplified.txt, "T<TAB>S" lines), where the grammar's own table (traditional.txt)
/// wins for a character both hold.
pub fn simplified_pairs(simplified: &str, traditional: &str) -> Vec<(char, char)> {
    let mut map: BTreeMap<char, char> = BTreeMap::new();
    for l in entries(simplified) {
        let mut c = l.chars();
        if let (Some(t), Some(s)) = (c.next(), c.nth(1)) {
            map.insert(t, s);
        }
    }
    for (s, (t, _)) in traditional_table(traditional).main {
        if s != t {
            map.insert(t, s);
        }
    }
    map.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_keep_the_characters_traditional_texts_keep() {
        let t = traditional_table("关\t關\n于\t於\t=\n");
        assert_eq!(traditional_forms("关于", &t), vec!["關於".to_string(), "關于".to_string()]);
        // A form the file writes itself keeps its own place.
        assert_eq!(with_variants("关于\n關於\n", &t, false), vec!["关于", "關于", "關於"]);
        assert_eq!(with_variants("关于\n", &t, true), vec!["关于"]);
        // Another form some texts write: 为 → 為, and 爲.
        let t = traditional_table("为\t為\t\t爲\n了\t了\n");
        assert_eq!(traditional_forms("为了", &t), vec!["為了".to_string(), "爲了".to_string()]);
    }

    #[test]
    fn a_later_pair_wins_and_values_are_listed_once() {
        let (table, full) =
            sorted_pairs(&["住建局\t住房和城乡建设局", "发改局 发展和改革局", "住建局\t住房城乡建设局", "x"]);
        assert_eq!(table, vec![("住建局", "住房城乡建设局"), ("发改局", "发展和改革局")]);
        assert_eq!(full, vec!["住房城乡建设局", "发展和改革局"]);
    }

    #[test]
    fn the_grammars_own_table_wins() {
        let pairs = simplified_pairs("乾\t干\n縣\t县\n", "干\t幹\n");
        assert_eq!(pairs, vec![('乾', '干'), ('幹', '干'), ('縣', '县')]);
    }
}
