//! The hostile corpus (tests/hostile/, made by tools/make_hostile.py) and hostile inputs made at
//! test time (a directory, a dangling symlink, a FIFO, an oversized file), each through the CLI:
//! its exit code, its message, and that it finishes. Every run is bounded: a child still running
//! after 20 s is killed and the test fails, so a hang cannot block CI.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the CLI with a bounded wait; stdin is closed (never a terminal the child could wait on).
fn gongwen(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // Drain the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gongwen {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
    }
}

fn hostile(name: &str) -> String {
    format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit 1 and a message naming the file and containing `why`.
fn refused(args: &[&str], file: &str, why: &str) {
    let r = gongwen(args);
    assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{args:?}: no output on refusal");
    assert!(r.stderr.contains(file), "{args:?}: the message names the file: {}", r.stderr);
    assert!(r.stderr.contains(why), "{args:?}: expected {why:?} in {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
}

fn refused_file(name: &str, why: &str) {
    let f = hostile(name);
    refused(&["parse", &f], &f, why);
}

/// Exit 0 with a document; returns its JSON.
fn parsed(args: &[&str]) -> serde_json::Value {
    let r = gongwen(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

fn warning_codes(doc: &serde_json::Value) -> Vec<String> {
    doc["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn zip_bomb_is_refused_by_its_ratio() {
    refused_file(
        "zip_bomb.docx",
        "a ZIP bomb: the part word/document.xml inflates 1028:1 (300.0 MB from 305978 bytes)",
    );
    refused_file("zip_bomb.docx", "over the 100:1 limit (--max-compression-ratio)");
}

#[test]
fn zip_bomb_is_refused_by_size_when_the_ratio_is_allowed() {
    let f = hostile("zip_bomb.docx");
    let args = ["parse", "--max-compression-ratio", "100000", "--max-unpacked-size", "100", &f];
    refused(
        &args,
        &f,
        "a ZIP bomb: its entries would inflate to 300.0 MB, over the 100 MB limit (--max-unpacked-size)",
    );
}

#[test]
fn zip_entry_lying_about_its_size_is_refused() {
    // Declares 1 KB, inflates to 50 MB: caught while inflating, never spent.
    refused_file("zip_lying.docx", "word/document.xml");
}

#[test]
fn zip_with_too_many_entries_is_refused() {
    let f = hostile("zip_many.docx");
    refused(
        &["parse", "--max-zip-entries", "100", &f],
        &f,
        "the ZIP archive lists 503 entries, more than the limit of 100 (--max-zip-entries)",
    );
    // Within the default limit it is a document.
    parsed(&["parse", &f]);
}

#[test]
fn external_entities_are_never_resolved() {
    let doc = parsed(&["parse", &hostile("xxe.docx")]);
    let s = doc.to_string();
    assert!(!s.contains("root:"), "the external entity was resolved: {s}");
    assert!(s.contains("外部实体"), "the text around the entity is kept");
}

#[test]
fn billion_laughs_are_never_expanded() {
    let doc = parsed(&["parse", &hostile("billion_laughs.docx")]);
    assert!(!doc.to_string().contains("lol"));
    assert_eq!(doc["items"].as_array().unwrap().len(), 2);
}

#[test]
fn xml_nested_past_the_limit_is_read_up_to_it_and_marked_damaged() {
    let doc = parsed(&["parse", &hostile("deep_xml.docx")]);
    assert!(warning_codes(&doc).contains(&"damaged".to_string()), "{doc}");
    let w = doc["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "damaged").unwrap();
    assert!(w["message"].as_str().unwrap().contains("--max-xml-depth"));
    assert_eq!(doc["items"][0]["marker"], "一、");
    // With a higher limit the whole part is read.
    let doc = parsed(&["parse", "--max-xml-depth", "100000", &hostile("deep_xml.docx")]);
    assert!(!warning_codes(&doc).contains(&"damaged".to_string()), "{doc}");
    assert_eq!(doc["items"].as_array().unwrap().len(), 2);
}

#[test]
fn rtf_nested_past_the_limit_is_refused() {
    refused_file("deep.rtf", "RTF groups nest deeper than the limit of 1000 (--max-rtf-depth)");
}

#[test]
fn cfb_sector_chain_loop_is_an_error() {
    refused_file("cfb_loop.doc", "damaged .doc: its OLE2 container is corrupt");
}

#[test]
fn cfb_sector_out_of_range_is_an_error() {
    refused_file("cfb_out_of_range.doc", "damaged .doc: its OLE2 container is corrupt");
}

#[test]
fn excel_workbook_named_doc_is_refused() {
    refused_file("xls_renamed.doc", "an Excel workbook, not a Word document");
}

#[test]
fn encrypted_docx_is_refused() {
    refused_file("encrypted.docx", "the document is encrypted (password-protected)");
}

#[test]
fn empty_file_is_refused() {
    refused_file("empty.txt", "the file is empty");
}

#[test]
fn random_bytes_are_refused() {
    refused_file("random.bin", "binary data, not text");
}

#[test]
fn directory_is_refused() {
    let dir = tmp_dir("dir");
    let d = dir.to_str().unwrap();
    refused(&["parse", d], d, "a directory, not a file");
}

#[test]
fn dangling_symlink_is_refused() {
    let dir = tmp_dir("symlink");
    let link = dir.join("link.docx");
    std::os::unix::fs::symlink(dir.join("nowhere.docx"), &link).unwrap();
    let l = link.to_str().unwrap();
    refused(&["parse", l], l, "a symbolic link whose target does not exist");
}

#[test]
fn fifo_without_writer_is_refused_without_hanging() {
    let dir = tmp_dir("fifo");
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let f = fifo.to_str().unwrap();
    refused(&["parse", f], f, "not a regular file");
}

#[test]
fn missing_file_is_refused() {
    let dir = tmp_dir("missing");
    let f = dir.join("absent.docx");
    let f = f.to_str().unwrap();
    refused(&["parse", f], f, "cannot read the file");
}

#[test]
fn oversized_input_is_refused_before_it_is_read() {
    let dir = tmp_dir("big");
    let big = dir.join("big.txt");
    let line = "一、加强组织领导，明确责任分工。\n".repeat(40_000); // about 1.9 MB
    std::fs::write(&big, line).unwrap();
    let b = big.to_str().unwrap();
    refused(&["parse", "--max-input-size", "1", b], b, "the file is larger than the 1 MB limit (--max-input-size)");
    parsed(&["parse", b]);
}

#[test]
fn every_committed_hostile_file_finishes() {
    // Whatever is added to tests/hostile/ later: it ends (0 or 1, never a crash) within the bound.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let p = path.to_str().unwrap();
        let r = gongwen(&["parse", p]);
        assert!(r.code == 0 || r.code == 1, "{p}: exit {} {}", r.code, r.stderr);
    }
}

/// A .doc whose piece table lists 5,000 pieces of 32,768 characters each, all stored at the same
/// 64 KB of the WordDocument stream: read naively it gives 160 million characters from a 130 KB
/// file. The text read is capped at the stream's own size and the document marked damaged.
#[test]
fn doc_piece_table_repeating_the_same_bytes_is_capped() {
    use std::io::Write;
    const PIECES: u32 = 5_000;
    const CHARS: u32 = 32_768;
    let mut word = vec![0u8; 0x400];
    let put16 = |b: &mut Vec<u8>, at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut word, 0x00, 0xA5EC); // wIdent
    put16(&mut word, 0x02, 0x00C1); // nFib: Word 97
    put16(&mut word, 0x0A, 0x0200); // fWhichTblStm: 1Table
    put16(&mut word, 0x20, 14); // csw
    put16(&mut word, 0x3E, 22); // cslw
    put32(&mut word, 0x40 + 3 * 4, PIECES * CHARS); // ccpText
    put16(&mut word, 0x98, 93); // cbRgFcLcb
    let text: Vec<u8> =
        "一、加强领导。".encode_utf16().cycle().take(CHARS as usize).flat_map(u16::to_le_bytes).collect();
    word.extend_from_slice(&text);
    let mut plc = Vec::new();
    for i in 0..=PIECES {
        plc.extend_from_slice(&(i * CHARS).to_le_bytes());
    }
    for _ in 0..PIECES {
        plc.extend_from_slice(&[0, 0]);
        plc.extend_from_slice(&0x400u32.to_le_bytes()); // every piece at the same bytes
        plc.extend_from_slice(&[0, 0]);
    }
    let mut clx = vec![2u8];
    clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    clx.extend_from_slice(&plc);
    put32(&mut word, 0x9A + 33 * 8, 0); // fcClx
    put32(&mut word, 0x9A + 33 * 8 + 4, clx.len() as u32); // lcbClx
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cf.create_stream("WordDocument").unwrap().write_all(&word).unwrap();
    cf.create_stream("1Table").unwrap().write_all(&clx).unwrap();
    cf.flush().unwrap();
    let bytes = cf.into_inner().into_inner();
    let src = gongwen::testing::read(&bytes, None).expect("the text that is there is read");
    assert!(src.text.len() < 4 * word.len(), "{} bytes of text from a {} byte stream", src.text.len(), word.len());
    assert!(src.text.starts_with("一、加强领导。"));
    assert!(src.damage.is_some_and(|d| d.contains("piece table")));
}
