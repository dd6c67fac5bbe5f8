//! Texts in traditional characters parse as their simplified originals do ("parse them as they
//! are"): every corpus document is converted character by character with the grammar's own table
//! (grammar/traditional.txt: 县 → 縣, 条 → 條, 阶段 → 階段, 内 → 內…) and must give the same
//! items (paths), the same number of units, lead units, dates and targets in each, and the same
//! notice fields and title found. Converted again with each character's other form where the
//! table has one (its fourth column: 为 → 爲, 布 → 佈, 钟 → 鐘, as OpenCC's s2t writes), it must
//! too.

use gongwen::Item;
use std::collections::HashMap;
use std::path::Path;

/// Simplified → traditional, by the table's main form (column 2) or, with `other`, by its first
/// other form (column 4) where it has one.
fn table(other: bool) -> HashMap<char, char> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("grammar/traditional.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let main = cols.get(1)?.chars().next()?;
            let alt = cols.get(3).and_then(|c| c.chars().next()).filter(|_| other);
            Some((cols[0].chars().next()?, alt.unwrap_or(main)))
        })
        .collect()
}

type Shape = Vec<(String, usize, usize, usize, usize)>;

fn shape(items: &[Item], out: &mut Shape) {
    for i in items {
        let r = i.responsible.as_ref();
        out.push((
            i.path.clone(),
            r.map_or(0, |r| r.units.len()),
            r.map_or(0, |r| r.lead.len()),
            i.dates.len(),
            i.targets.len(),
        ));
        shape(&i.children, out);
    }
}

fn summary(text: &str) -> (Shape, [bool; 6]) {
    let doc = gongwen::parse(text.as_bytes(), &Default::default()).unwrap();
    let mut s = Vec::new();
    shape(&doc.items, &mut s);
    let n = doc.notice.as_ref();
    let found = [
        doc.title.is_some(),
        n.is_some_and(|n| n.subject.is_some()),
        n.is_some_and(|n| n.doc_number.is_some()),
        n.is_some_and(|n| n.date.is_some()),
        n.is_some_and(|n| !n.issuers.is_empty()),
        n.is_some_and(|n| !n.addressees.is_empty()),
    ];
    (s, found)
}

#[test]
fn traditional_texts_parse_as_their_originals() {
    check(&table(false));
}

#[test]
fn texts_with_the_other_traditional_forms_parse_as_their_originals() {
    check(&table(true));
}

fn check(table: &HashMap<char, char>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let mut differ = Vec::new();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        let converted: String = text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect();
        let (a, b) = (summary(&text), summary(&converted));
        if a != b {
            let first = a.0.iter().zip(&b.0).find(|(x, y)| x != y);
            differ.push(format!(
                "{}: {} vs {} items, first {first:?}, found {:?} vs {:?}",
                p.display(),
                a.0.len(),
                b.0.len(),
                a.1,
                b.1
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
