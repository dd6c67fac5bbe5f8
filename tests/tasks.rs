//! Task rows: the committed schema is current, every corpus document's rows validate against it,
//! and `gongwen tasks` / `gongwen units` give RFC 4180 CSV, reproducible XLSX and the per-unit view.
//! Regenerate the schema with: GONGWEN_WRITE_SCHEMA=1 cargo test --test tasks

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn gongwen(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-tasks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn committed_task_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/task.schema.json");
    let now = gongwen::task_schema();
    if std::env::var_os("GONGWEN_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == now, "schema/task.schema.json is stale: run GONGWEN_WRITE_SCHEMA=1 cargo test --test tasks");
}

#[test]
fn every_corpus_row_validates_against_the_committed_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/task.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut total = 0;
    for p in corpus() {
        let doc = gongwen::parse(
            &std::fs::read(&p).unwrap(),
            &gongwen::Options { path: p.display().to_string(), ..Default::default() },
        )
        .unwrap();
        let rows = gongwen::task_rows(&doc);
        // Every leaf item is a row (044.txt is a notice without numbered items).
        let leaves = count_leaves(&doc.items) + doc.attachments.iter().map(|a| count_leaves(&a.items)).sum::<usize>();
        assert!(rows.len() >= leaves, "{}", p.display());
        for r in &rows {
            let v = serde_json::to_value(r).unwrap();
            let first = validator.iter_errors(&v).next().map(|e| e.to_string());
            if let Some(e) = first {
                panic!("{} {}: {e}", p.display(), r.path);
            }
        }
        total += rows.len();
    }
    assert!(total > 200, "{total} rows");
    // And a row that breaks the contract is caught.
    let bad = serde_json::json!({"source": 1});
    assert!(!validator.is_valid(&bad));
}

fn count_leaves(items: &[gongwen::Item]) -> usize {
    items.iter().map(|i| if i.children.is_empty() { 1 } else { count_leaves(&i.children) }).sum()
}

#[test]
fn inherited_units_are_flagged_on_the_corpus() {
    let p = &corpus()[0];
    let doc = gongwen::parse(&std::fs::read(p).unwrap(), &Default::default()).unwrap();
    let rows = gongwen::task_rows(&doc);
    // 000.txt: 2.1.2 has its own units; its phase 2.1 gives it the period 2023-05..2023-08.
    let r = rows.iter().find(|r| r.path == "2.1.2").unwrap();
    assert!(!r.units_inherited && r.dates_inherited);
    assert_eq!((r.period_start.as_deref(), r.period_end.as_deref()), (Some("2023-05"), Some("2023-08")));
    let r = rows.iter().find(|r| r.path == "2.1.6").unwrap();
    assert_eq!((r.deadline.as_deref(), r.dates_inherited), (Some("2023-07"), false));
    // Group headings without their own responsibility (2.2.1 创立廉洁高效的政务环境) are no rows.
    assert!(rows.iter().all(|r| r.path != "2.2.1" && r.path != "2"));
}

#[test]
fn csv_is_rfc_4180_with_an_optional_bom_and_reproducible() {
    let files: Vec<String> = corpus().iter().take(6).map(|p| p.display().to_string()).collect();
    let mut args = vec!["tasks", "--format", "csv"];
    args.extend(files.iter().map(String::as_str));
    let (code, a, err) = gongwen(&args);
    assert_eq!(code, 0, "{err}");
    let (_, b, _) = gongwen(&args);
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(text.starts_with("source,title,doc_number,attachment,kind,path,heading,text,lead,support,units,units_inherited,deadline,period_start,period_end,dates_inherited,targets,roles,unit_keys\r\n"));
    assert!(text.contains("、"), "several units joined by 、");
    // Every record has 19 fields (quoted fields may hold commas and line breaks).
    let mut fields = 1;
    let mut quoted = false;
    let mut records = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields += 1,
            ('\r', false) => {
                assert_eq!(chars.next(), Some('\n'));
                assert_eq!(fields, 19, "record {records}");
                records += 1;
                fields = 1;
            }
            _ => {}
        }
    }
    let (_, jsonl, _) = gongwen(&[&["tasks"][..], &files.iter().map(String::as_str).collect::<Vec<_>>()].concat());
    assert_eq!(records - 1, jsonl.iter().filter(|&&b| b == b'\n').count());
    args.push("--excel");
    let (_, c, _) = gongwen(&args);
    assert!(c.starts_with("\u{feff}source,".as_bytes()));
}

#[test]
fn xlsx_is_byte_identical_across_runs() {
    let dir = tmp("xlsx");
    let (a, b) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    for out in [&a, &b] {
        let (code, _, err) =
            gongwen(&["tasks", "--format", "xlsx", "-o", out.to_str().unwrap(), docs.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    let (x, y) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(x.starts_with(b"PK\x03\x04") && x.len() > 10_000);
    assert!(x == y, "XLSX differs between two runs");
}

#[test]
fn units_view_counts_roles_only_where_stated() {
    // 000 names its units with no 牵头/配合 anywhere: every task is "responsible", none led.
    let p = corpus()[0].display().to_string();
    let (code, out, err) = gongwen(&["units", &p]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let office = v.as_array().unwrap().iter().find(|u| u["unit"] == "县委办").unwrap();
    assert!(office["lead"].as_array().unwrap().is_empty());
    assert!(office["support"].as_array().unwrap().is_empty());
    assert!(!office["responsible"].as_array().unwrap().is_empty());
    assert_eq!(office["key"], "县委办公室");
    assert!(office["deadlines"].as_array().is_some());
    // 004 says 牵头 and 配合: its offices lead and support.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs/004.txt");
    let (_, out, _) = gongwen(&["units", p.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let office = v.as_array().unwrap().iter().find(|u| u["unit"] == "市委组织部").unwrap();
    assert!(!office["lead"].as_array().unwrap().is_empty());
    assert!(!office["support"].as_array().unwrap().is_empty());
    assert!(office["responsible"].as_array().unwrap().is_empty());
    // Unreadable input: named, it failed: exit 3, as in batch.
    let (code, _, err) = gongwen(&["units", "/nonexistent/x.txt"]);
    assert_eq!(code, 3);
    assert!(err.contains("/nonexistent/x.txt"));
}
