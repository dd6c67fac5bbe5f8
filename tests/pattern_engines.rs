//! The grammar's patterns search short haystacks with regex-lite and long ones with the regex
//! crate (src/grammar/pattern): both engines must find the same. Every corpus document and
//! rendering parses to the same JSON with every search sent to regex-lite and with every search
//! sent to regex. (One test: the switch is a process-wide setting.)

use std::path::{Path, PathBuf};

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for dir in ["docs", "renderings/html", "renderings/docx"] {
        let mut f: Vec<PathBuf> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        f.sort();
        out.extend(f);
    }
    out
}

fn parse_all(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            let doc = gongwen::parse(&std::fs::read(f).unwrap(), &Default::default());
            doc.map(|d| serde_json::to_string(&d).unwrap()).unwrap_or_else(|e| e.to_string())
        })
        .collect()
}

#[test]
fn regex_lite_and_regex_give_the_same_documents() {
    let files = files();
    assert!(files.len() >= 100, "{} files", files.len());
    gongwen::testing::set_lite_limit(usize::MAX);
    let lite = parse_all(&files);
    gongwen::testing::set_lite_limit(0);
    let full = parse_all(&files);
    gongwen::testing::set_lite_limit(4096);
    for ((f, a), b) in files.iter().zip(&lite).zip(&full) {
        assert!(a == b, "{}: the engines disagree", f.display());
    }
}
