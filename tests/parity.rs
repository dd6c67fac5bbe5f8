//! Format parity (issue 3): a document rendered in another format parses as its .txt does.
//! tests/fixtures/parity/<format>/NAME.<ext> are renderings of corpus/docs/NAME.txt made by the
//! generators in shared/tools: gov-website pages (mk_html.py: nav, breadcrumb, information
//! table, footer around a TRS_Editor article; html-gbk-entities is the GBK page with the
//! characters GBK lacks written as character references, as real sites do), python-docx
//! notices (pydocx), their LibreOffice .doc (doc-fmt), and the "rich" renderings (footer PAGE
//! field, split runs, an 附件 table and a tracked deletion and insertion in the 抄送 line, which
//! NAME.expect.json describes). For each, the flattened items (path and opening text), the
//! notice fields and the title must equal those parsed from the .txt.

use gongwen::{parse, Options};
use serde_json::Value;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Characters of an item's text compared (the scorer matches items by path and text prefix).
const PREFIX: usize = 16;

fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn doc(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let d = parse(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(d).expect("a document serializes")
}

/// (path, text prefix, units) of every item, depth first.
fn items(v: &Value, out: &mut Vec<(String, String, Vec<String>)>) {
    for it in v.as_array().into_iter().flatten() {
        let text: String = norm(it["text"].as_str().unwrap_or("")).chars().take(PREFIX).collect();
        let units =
            it["responsible"]["units"].as_array().into_iter().flatten().filter_map(|u| u.as_str().map(norm)).collect();
        out.push((it["path"].as_str().unwrap_or("").to_string(), text, units));
        items(&it["children"], out);
    }
}

/// The notice and title, texts normalized (renderings may differ in spaces and widths).
fn head(d: &Value) -> Value {
    fn n(v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(norm(s)),
            Value::Array(a) => Value::Array(a.iter().map(n).collect()),
            Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), n(v))).collect()),
            v => v.clone(),
        }
    }
    serde_json::json!({ "title": n(&d["title"]), "notice": n(&d["notice"]) })
}

#[test]
fn renderings_parse_as_their_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures/parity");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut formats: Vec<_> =
        std::fs::read_dir(&dir).expect("tests/fixtures/parity").flatten().map(|e| e.path()).collect();
    formats.sort();
    for fmt in formats {
        let mut files: Vec<_> = std::fs::read_dir(&fmt).expect("a format folder").flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.into_iter().filter(|f| f.extension().is_some_and(|e| e != "json")) {
            let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            let txt = doc(&root.join("corpus/docs").join(format!("{name}.txt")));
            let got = doc(&f);
            let label = format!("{}/{}", fmt.file_name().and_then(|s| s.to_str()).unwrap_or(""), name);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            items(&txt["items"], &mut a);
            items(&got["items"], &mut b);
            if a.is_empty() {
                failures.push(format!("{label}: the .txt has no items to compare"));
            }
            if a != b {
                let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
                failures.push(format!("{label}: items differ at #{first}: {:?} vs {:?}", a.get(first), b.get(first)));
            }
            if head(&txt) != head(&got) {
                failures.push(format!("{label}: head {} vs {}", head(&txt), head(&got)));
            }
            checked += 1;
        }
    }
    // The LibreOffice and gov-page renderings of every corpus document are in corpus/renderings
    // (tests/renderings.rs); these are the python-docx, GBK and rich ones.
    assert!(checked >= 7, "only {checked} renderings found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rich renderings read as Word shows them: the tracked deletion gone, the insertion kept,
/// the 附件 table's cells and the 印发 line there, the footer's page number not in the text.
#[test]
fn rich_renderings_read_with_revisions_accepted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parity");
    for (file, expect) in
        [("docx-rich/047.docx", "docx-rich/047.expect.json"), ("doc-rich/042.doc", "doc-rich/042.expect.json")]
    {
        let bytes = std::fs::read(root.join(file)).expect("fixture");
        let src = gongwen::testing::read(&bytes, None).expect("readable");
        let x: Value = serde_json::from_slice(&std::fs::read(root.join(expect)).expect("expect")).expect("json");
        let lines: Vec<String> = src.text.lines().map(norm).filter(|l| !l.is_empty()).collect();
        let mut want: Vec<String> = x["body_lines"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str().map(norm))
            .filter(|l| !l.is_empty())
            .collect();
        want.push("附件".into());
        for row in x["table_rows"].as_array().into_iter().flatten() {
            want.extend(
                row.as_array().into_iter().flatten().filter_map(|c| c.as_str().map(norm)).filter(|c| !c.is_empty()),
            );
        }
        want.push(norm(x["cc_line"].as_str().unwrap_or("")));
        want.push(norm(x["issue_line"].as_str().unwrap_or("")));
        assert_eq!(lines, want, "{file}");
        assert!(!src.text.contains(x["deleted_marker"].as_str().unwrap_or("?")), "{file}: deleted text shown");
    }
}
