//! The hostile PDFs (tests/hostile/pdf, made by tools/make_hostile_pdf.py) through the CLI: each
//! ends in a result or a one-line error naming the limit, within bounded time (a child still
//! running after 20 s is killed and the test fails) and, for the Flate bomb, bounded memory.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

fn gongwen(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
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
    (status.code().unwrap_or(-1), t_out.join().unwrap(), t_err.join().unwrap())
}

fn hostile(name: &str) -> String {
    format!("{}/tests/hostile/pdf/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Read: the loops and cycles are followed once, the deep object is dropped by lopdf's own bound.
#[test]
fn loops_and_cycles_read_once() {
    for name in ["xref_loop.pdf", "objstm_loop.pdf", "page_tree_cycle.pdf", "nested_object.pdf", "many_ops.pdf"] {
        let (code, out, err) = gongwen(&["text", &hostile(name)]);
        assert_eq!((code, out.as_str()), (0, "Hostile but readable.\n"), "{name}: {err}");
    }
}

#[test]
fn flate_bomb_stops_at_the_stream_limit() {
    let (code, _, err) = gongwen(&["parse", &hostile("flate_bomb.pdf")]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("a PDF stream decompresses to more than the 256 MB limit (--max-pdf-stream-size)\n"),
        "{err}"
    );
    let (code, _, err) = gongwen(&["parse", "--max-pdf-stream-size", "8", &hostile("flate_bomb.pdf")]);
    assert_eq!(code, 1);
    assert!(err.contains("more than the 8 MB limit (--max-pdf-stream-size)"), "{err}");
    let (code, _, err) = gongwen(&["parse", "--max-pdf-inflated-size", "4", &hostile("flate_bomb.pdf")]);
    assert_eq!(code, 1);
    assert!(err.contains("(--max-pdf-stream-size)") || err.contains("(--max-pdf-inflated-size)"), "{err}");
}

#[test]
fn million_nested_arrays_stop_at_the_depth_limit() {
    let (code, out, err) = gongwen(&["parse", &hostile("nested_content.pdf")]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.ends_with("arrays in a content stream nest deeper than the limit of 256 (--max-pdf-depth)\n"), "{err}");
}

#[test]
fn operators_per_page() {
    let (code, _, err) = gongwen(&["parse", "--max-pdf-operators", "1000", &hostile("many_ops.pdf")]);
    assert_eq!(code, 1);
    assert!(err.ends_with("a PDF page runs more than 1000 content-stream operators (--max-pdf-operators)\n"), "{err}");
}

#[test]
fn truncated_files() {
    // Cut before its page tree: nothing to read, one line saying why.
    let (code, _, err) = gongwen(&["parse", &hostile("truncated.pdf")]);
    assert_eq!(code, 1);
    assert!(err.contains("not a document: damaged .pdf:"), "{err}");
    assert_eq!(err.lines().count(), 1);
    // Cut before its cross-reference table: rebuilt, read, and marked damaged.
    let (code, out, err) = gongwen(&["parse", &hostile("truncated_xref.pdf")]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["title"], "某市数字政府建设实施方案");
    assert!(doc["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "damaged"));
}

#[test]
fn wrong_password() {
    let file = format!("{}/tests/fixtures/pdf/made/aes256_user.pdf", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = gongwen(&["parse", "--password", "wrong", &file]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.ends_with("not a document: the document is encrypted (password-protected)\n"), "{err}");
}
