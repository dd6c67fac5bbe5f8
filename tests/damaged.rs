//! Damaged files: every committed Word/RTF/HTML fixture (tests/fixtures/**) truncated at 50
//! points, and copies with bytes corrupted by a seeded generator (a failure prints the file, the
//! seed and the case, and replays exactly). Never a panic: a truncated file gives a clean error or
//! a partial document that says so (a `truncated` or `damaged` warning); a corrupted one gives a
//! clean error or a document.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The Word, RTF and HTML fixtures (not the plain-text ones nor expected-output .txt files).
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("doc" | "docx" | "wps" | "rtf" | "html" | "htm" | "mht")
            ) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut out);
    out.sort();
    assert!(out.len() >= 20, "only {} fixtures", out.len());
    out
}

/// Parses without letting a panic escape: Err(message) for a panic.
fn parse(bytes: &[u8]) -> Result<Result<gongwen::Document, gongwen::Error>, String> {
    catch_unwind(AssertUnwindSafe(|| gongwen::parse(bytes, &gongwen::Options::default()))).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

fn codes(doc: &gongwen::Document) -> Vec<&str> {
    doc.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn truncated_fixtures_give_an_error_or_a_document_that_says_so() {
    let mut failures = Vec::new();
    let mut counts = [0usize; 3]; // errors, marked documents, whole-looking documents
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for k in 0..50 {
            // 50 cut points spread over the file (never the whole file).
            let cut = bytes.len() * k / 50 + (bytes.len() / 100).min(k);
            let cut = cut.min(bytes.len() - 1);
            match parse(&bytes[..cut]) {
                Err(panic) => failures.push(format!("{name} cut at {cut}: panic {panic}")),
                Ok(Err(_)) => counts[0] += 1,
                Ok(Ok(doc)) => {
                    let c = codes(&doc);
                    if c.contains(&"truncated") || c.contains(&"damaged") {
                        counts[1] += 1;
                    } else {
                        counts[2] += 1;
                        failures.push(format!(
                            "{name} cut at {cut} of {}: a document without a warning {c:?}",
                            bytes.len()
                        ));
                    }
                }
            }
        }
    }
    eprintln!("truncations: {} errors, {} marked documents, {} unmarked", counts[0], counts[1], counts[2]);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corrupted_fixtures_never_panic() {
    let mut failures = Vec::new();
    let mut counts = [0usize; 3]; // errors, damaged documents, other documents
    for (i, path) in fixtures().into_iter().enumerate() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for copy in 0..40u64 {
            let seed = 0x9E37_79B9_7F4A_7C15 ^ ((i as u64) << 32 | copy);
            let mut rng = Rng(seed | 1);
            let mut b = bytes.clone();
            // 1 to 64 bytes: set to a random value, zeroed, or set to 0xFF (lengths and offsets
            // in binary containers are the most fragile).
            let n = 1 + rng.below(64);
            for _ in 0..n {
                let at = rng.below(b.len());
                b[at] = match rng.below(3) {
                    0 => rng.next() as u8,
                    1 => 0,
                    _ => 0xFF,
                };
            }
            match parse(&b) {
                Err(panic) => failures.push(format!("{name} seed {seed:#x}: panic {panic}")),
                Ok(Err(_)) => counts[0] += 1,
                Ok(Ok(doc)) if codes(&doc).contains(&"damaged") => counts[1] += 1,
                Ok(Ok(_)) => counts[2] += 1,
            }
        }
    }
    eprintln!("corruptions: {} errors, {} damaged documents, {} other documents", counts[0], counts[1], counts[2]);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
