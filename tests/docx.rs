//! The Word (.docx) reader: committed fixtures made by python-docx (tools/make_docx_fixtures.py)
//! with exact expected text, the cn-word oracle (what LibreOffice shows) and the POI corpus
//! (never a panic) read from ../shared when it is there.

use gongwen::read::docx;
use gongwen::read::Cell;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared(sub: &str) -> Option<PathBuf> {
    let p = manifest().join("../shared/fixtures").join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: ../shared not present ({})", p.display());
        None
    }
}

/// Whitespace is layout (LibreOffice puts spaces after a list label, Word a tab): compare
/// without it.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line of LibreOffice's export as we compare it: whitespace out; a bullet LibreOffice draws is
/// dropped (we render no label for bullets); a footer page number ("—0—") is dropped (we leave
/// headers and footers out).
fn lo_line(line: &str) -> Option<String> {
    let s = squeeze(line);
    let s = s.trim_start_matches(['•', '●', '▪', '◦', '\u{F0B7}']);
    let page = s.trim_matches(['—', '-', '－']);
    if s.is_empty() || (page.len() < s.len() && !page.is_empty() && page.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    Some(s.to_string())
}

fn is_ooxml(path: &Path) -> bool {
    std::fs::read(path).map(|b| b.starts_with(b"PK\x03\x04")).unwrap_or(false)
}

/// Every OOXML file of cn-word against LibreOffice's text. Paragraph lists are compared without
/// whitespace and without empty paragraphs (LibreOffice drops anchored text boxes and adds blank
/// lines for frames).
#[test]
fn cn_word_matches_libreoffice() {
    let Some(dir) = shared("cn-word") else { return };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    let (mut exact, mut total) = (0, 0);
    let mut failures = Vec::new();
    for path in names {
        if !path.is_file() || !is_ooxml(&path) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = dir.join("expected-lo").join(format!("{name}.txt"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        total += 1;
        let options = docx::Options { text_boxes: false, notes: true };
        let paras =
            docx::paragraphs_with(&std::fs::read(&path).unwrap(), options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours: Vec<String> = paras.iter().map(|p| squeeze(&p.text)).filter(|s| !s.is_empty()).collect();
        let theirs: Vec<String> = expected.lines().filter_map(lo_line).collect();
        if ours == theirs {
            exact += 1;
        } else {
            let first = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
            failures.push(format!(
                "{name}: {} vs {} paragraphs, first difference at {first}: ours {:?} / LibreOffice {:?}",
                ours.len(),
                theirs.len(),
                ours.get(first),
                theirs.get(first)
            ));
        }
    }
    println!("cn-word: {exact}/{total} OOXML files match LibreOffice exactly");
    for f in &failures {
        println!("  {f}");
    }
    assert!(failures.is_empty(), "{} of {total} cn-word files differ from LibreOffice", failures.len());
}

/// Every POI test document (Word 2007+ ones, many of them odd or damaged on purpose) gives Ok or a
/// clean error, never a panic; the whole reader entry point is used so a non-ZIP goes elsewhere.
#[test]
fn poi_word_never_panics() {
    let Some(dir) = shared("poi-word") else { return };
    let (mut ok, mut err, mut total) = (0, 0, 0);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if !is_ooxml(&path) {
            continue;
        }
        total += 1;
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let result = std::panic::catch_unwind(|| docx::paragraphs(&bytes));
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => {
                println!("  {name}: {e}");
                err += 1
            }
            Err(_) => panic!("{name}: the reader panicked"),
        }
    }
    println!("poi-word: {total} OOXML files, {ok} read, {err} refused cleanly");
    assert!(total == 0 || ok * 10 >= total * 9, "too many refusals");
}

/// Prints the paragraphs of the file named by DOCX_DUMP (a development aid).
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("DOCX_DUMP") else { return };
    let paras = docx::paragraphs(&std::fs::read(path).unwrap()).unwrap();
    for p in paras {
        println!("{:?} {:?}", p.cell.map(|c| (c.table, c.row, c.col)), p.text);
    }
}
