//! The same document in another format gives the same structure: every corpus document rendered
//! by real writers (corpus/renderings/, made by tools/make_renderings.sh: LibreOffice .docx, .doc,
//! .rtf and gov-website HTML pages) must give the .txt's items, units, dates, targets, notice and
//! title.

use gongwen::Item;
use std::path::{Path, PathBuf};

type Flat = Vec<(String, String, Vec<String>, Vec<(Option<String>, Option<String>)>, usize)>;

fn flatten(items: &[Item], out: &mut Flat) {
    for i in items {
        let prefix: String = i.text.chars().filter(|c| !c.is_whitespace()).take(16).collect();
        let units = i.responsible.as_ref().map(|r| r.units.clone()).unwrap_or_default();
        let dates = i.dates.iter().map(|d| (d.start.clone(), d.end.clone())).collect();
        out.push((i.path.clone(), prefix, units, dates, i.targets.len()));
        flatten(&i.children, out);
    }
}

/// The notice as text with whitespace removed (HTML folds runs of spaces, as browsers show them).
fn summary(path: &Path) -> (Flat, Option<String>, String, usize) {
    let doc = gongwen::parse(&std::fs::read(path).unwrap(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut flat = Vec::new();
    flatten(&doc.items, &mut flat);
    let tasks = doc.table_tasks.len() + doc.attachments.iter().map(|a| a.table_tasks.len()).sum::<usize>();
    let notice: String = format!("{:?}", doc.notice).chars().filter(|c| !c.is_whitespace()).collect();
    (flat, doc.title, notice, tasks)
}

#[test]
fn every_rendering_matches_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut checked = 0;
    let mut failures = Vec::new();
    for format in ["docx", "doc", "rtf", "html"] {
        let dir = root.join("renderings").join(format);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
            let txt = summary(&root.join("docs").join(format!("{stem}.txt")));
            let other = summary(&f);
            checked += 1;
            if txt != other {
                let first = txt.0.iter().zip(&other.0).find(|(a, b)| a != b);
                failures.push(format!(
                    "{format}/{stem}: first difference {first:?}; items {} vs {}; title {:?} vs {:?}",
                    txt.0.len(),
                    other.0.len(),
                    txt.1,
                    other.1
                ));
            }
        }
    }
    assert!(checked >= 130, "only {checked} renderings found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
