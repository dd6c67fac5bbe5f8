//! The same document in another format gives the same structure: every corpus document rendered
//! by real writers (corpus/renderings/, made by tools/make_renderings.sh: LibreOffice .docx, .doc,
//! .rtf and gov-website HTML pages; and by tools/make_pdf_renderings.py: PDF from LibreOffice,
//! Chromium and reportlab) must give the .txt's items, units, dates, targets, notice and title.

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

/// A table task as score.py reads it: 序号, the text's start, units, lead units and dates.
type Task = (Option<String>, String, Vec<String>, Vec<String>, Vec<(Option<String>, Option<String>)>);

fn task(t: &gongwen::TableTask) -> Task {
    let prefix: String = t.text.chars().filter(|c| !c.is_whitespace()).take(16).collect();
    let r = t.responsible.as_ref();
    let units = r.map(|r| r.units.clone()).unwrap_or_default();
    let lead = r.map(|r| r.lead.clone()).unwrap_or_default();
    let dates = t.dates.iter().map(|d| (d.start.clone(), d.end.clone())).collect();
    (t.no.clone(), prefix, units, lead, dates)
}

/// The notice as text with whitespace removed (HTML folds runs of spaces, as browsers show them).
fn summary(path: &Path) -> (Flat, Option<String>, String, Vec<Task>) {
    let doc = gongwen::parse(&std::fs::read(path).unwrap(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut flat = Vec::new();
    flatten(&doc.items, &mut flat);
    let all = doc.table_tasks.iter().chain(doc.attachments.iter().flat_map(|a| &a.table_tasks));
    let tasks = all.map(task).collect();
    let notice: String = format!("{:?}", doc.notice).chars().filter(|c| !c.is_whitespace()).collect();
    (flat, doc.title, notice, tasks)
}

/// How a rendering differs from its .txt, or None when it scores the same.
fn difference(root: &Path, format: &str, f: &Path) -> Option<String> {
    let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
    let txt = summary(&root.join("docs").join(format!("{stem}.txt")));
    let other = summary(f);
    if txt == other {
        return None;
    }
    let first = txt.0.iter().zip(&other.0).find(|(a, b)| a != b);
    let what = if txt.0 != other.0 {
        format!("items {} vs {}, first difference {first:?}", txt.0.len(), other.0.len())
    } else if txt.1 != other.1 {
        format!("title {:?} vs {:?}", txt.1, other.1)
    } else if txt.2 != other.2 {
        format!("notice {} vs {}", txt.2, other.2)
    } else {
        let first = txt.3.iter().zip(&other.3).find(|(a, b)| a != b);
        format!("table tasks {} vs {}, first difference {first:?}", txt.3.len(), other.3.len())
    };
    Some(format!("{format}/{stem}: {what}"))
}

fn renderings(root: &Path, format: &str) -> Vec<PathBuf> {
    let dir = root.join("renderings").join(format);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The PDF renderings score as their .txt, but for the differences recorded with their reason in
/// corpus/renderings/pdf-differences.tsv (writer/NNN, reason): a recorded rendering that scores
/// the same again must leave the list, so the record stays true.
#[test]
fn every_pdf_rendering_matches_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let recorded: Vec<(String, String)> = std::fs::read_to_string(root.join("renderings/pdf-differences.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, why)| (k.to_string(), why.to_string()))
        .collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    for format in ["pdf-lo", "pdf-chromium", "pdf-reportlab"] {
        for f in renderings(&root, format) {
            checked += 1;
            let key = format!("{format}/{}", f.file_stem().unwrap().to_str().unwrap());
            let known = recorded.iter().any(|(k, _)| *k == key);
            match difference(&root, format, &f) {
                Some(d) if !known => failures.push(d),
                None if known => failures.push(format!("{key}: scores as its .txt now: take it off the list")),
                _ => {}
            }
        }
    }
    assert!(checked >= 222, "only {checked} PDF renderings found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
    assert!(checked >= 296, "only {checked} renderings found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Task tables as real ruled tables (python-docx, then LibreOffice) running over pages: at least
/// three LibreOffice renderings whose .txt holds table tasks are printed on two pages or more (their
/// tasks are checked against the .txt's by the test above).
#[test]
fn ruled_task_tables_run_over_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut found = Vec::new();
    for f in renderings(&root, "pdf-lo") {
        let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
        let (_, _, _, tasks) = summary(&root.join("docs").join(format!("{stem}.txt")));
        let bytes = std::fs::read(&f).unwrap();
        let pages = gongwen::testing::pdf::read_pages(&bytes, &gongwen::Limits::default(), None).unwrap().pages.len();
        if !tasks.is_empty() && pages >= 2 {
            found.push(stem);
        }
    }
    assert!(found.len() >= 3, "{found:?}");
}
