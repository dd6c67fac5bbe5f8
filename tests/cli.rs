//! The command line as a user meets it: outputs, exit codes (0 done, 1 unreadable input, 2 usage)
//! and messages that name the file and the reason.

#[path = "support/cli.rs"]
mod support;

fn gongwen(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let (code, out, err) = support::run(None, args, stdin);
    (code, String::from_utf8_lossy(&out).into_owned(), err)
}

fn corpus(name: &str) -> String {
    format!("{}/corpus/docs/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn parse_prints_the_document() {
    let (code, out, err) = gongwen(&["parse", &corpus("000.txt")], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], "1");
    assert_eq!(v["source"]["format"], "txt");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    assert_eq!(v["items"][1]["children"][0]["children"][0]["path"], "2.1.1");
    assert!(err.is_empty());
}

#[test]
fn stdin_and_pretty() {
    let (code, out, _) = gongwen(&["parse", "-", "--pretty"], Some("一、总体要求\n二、重点任务\n".as_bytes()));
    assert_eq!(code, 0);
    assert!(out.starts_with("{\n"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["source"]["path"], "-");
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
}

#[test]
fn gbk_input_is_detected_and_overridable() {
    let (bytes, _, _) = encoding_rs_gbk("一、总体要求\n（一）目标。责任单位：县委办。\n");
    let (code, out, _) = gongwen(&["parse", "-"], Some(&bytes));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["source"]["encoding"], "gb18030");
    assert!(v["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "encoding_guessed"));
    let (code, out, _) = gongwen(&["parse", "-", "--encoding", "gbk"], Some(&bytes));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["items"][0]["children"][0]["responsible"]["units"][0], "县委办");
}

fn encoding_rs_gbk(s: &str) -> (Vec<u8>, (), ()) {
    let (b, _, _) = encoding_rs::GBK.encode(s);
    (b.into_owned(), (), ())
}

#[test]
fn unreadable_inputs_exit_1_naming_the_file() {
    let missing = tmp("no-such-file.txt");
    let (code, out, err) = gongwen(&["parse", missing.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("no-such-file.txt") && err.contains("cannot read"), "{err}");

    let dir = std::env::temp_dir();
    let (code, _, err) = gongwen(&["parse", dir.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(err.contains("directory"), "{err}");

    let empty = tmp("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let (code, _, err) = gongwen(&["parse", empty.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");

    let bin = tmp("random.bin");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&bin, &bytes).unwrap();
    let (code, _, err) = gongwen(&["parse", bin.to_str().unwrap()], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("random.bin"));
}

/// An Excel workbook under a Word name (openpyxl, tools/make_not_word.py) is refused as one.
#[test]
fn a_workbook_named_docx_exits_1_saying_what_it_is() {
    let path = format!("{}/tests/fixtures/docx/workbook-as.docx", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = gongwen(&["parse", &path], None);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("workbook-as.docx: not a document: an Excel workbook, not a Word document"), "{err}");
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let out = tmp("out.json");
    let (code, stdout, _) = gongwen(&["parse", &corpus("001.txt"), "-o", out.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["notice"]["doc_number"], "国办函〔2018〕71号");

    let bad = tmp("bad-out.json");
    let empty = tmp("empty2.txt");
    std::fs::write(&empty, b"").unwrap();
    let (code, _, _) = gongwen(&["parse", empty.to_str().unwrap(), "-o", bad.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(!bad.exists());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(gongwen(&[], None).0, 2);
    assert_eq!(gongwen(&["parse"], None).0, 2);
    assert_eq!(gongwen(&["frobnicate"], None).0, 2);
    let (code, _, err) = gongwen(&["parse", "-", "--encoding", "klingon"], Some(b"x"));
    assert_eq!(code, 2);
    assert!(err.contains("klingon"));
}

#[test]
fn text_and_schema_commands() {
    let (code, out, _) = gongwen(&["text", "-"], Some("一、目标\r\n二、任务".as_bytes()));
    assert_eq!(code, 0);
    assert!(out.contains("二、任务"));
    let (code, out, _) = gongwen(&["schema"], None);
    assert_eq!(code, 0);
    assert_eq!(out, gongwen::document_schema());
}
