//! `cargo bench --bench pdf`: PDF parse-to-JSON speed, single thread, against poppler's
//! `pdftotext` run as a process per file (as a batch script would run it), when it is installed.
//!
//! - the 10-page text PDF tests/fixtures/pdf/made/ten_pages.pdf (a 公文 set by reportlab in
//!   STSong-Light, tools/make_pdf_fixtures.py): files/s and pages/s;
//! - 200 files of pdf.js's suite (../shared/fixtures/pdfjs: the first 200 in name order that
//!   gongwen reads, the decompression bombs bomb_*.pdf left out: pdftotext spends over a minute on
//!   bomb_giant.pdf), parsed one after another as `batch --jobs 1` does, against pdftotext's loop.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gongwen_json(data: &[u8]) -> bool {
    match gongwen::parse(data, &gongwen::Options::default()) {
        Ok(doc) => {
            black_box(serde_json::to_vec(&doc).unwrap());
            true
        }
        Err(_) => false,
    }
}

/// Seconds per round of `f`, over at least `min` of rounds.
fn time(min: Duration, mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < min {
        f();
        rounds += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(rounds)
}

fn pdftotext_available() -> bool {
    Command::new("pdftotext").arg("-v").stderr(Stdio::null()).stdout(Stdio::null()).status().is_ok()
}

fn pdftotext(paths: &[PathBuf]) {
    for p in paths {
        let _ = Command::new("pdftotext")
            .args(["-q", "-enc", "UTF-8"])
            .arg(p)
            .arg("-")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ten = root.join("tests/fixtures/pdf/made/ten_pages.pdf");
    let data = std::fs::read(&ten).unwrap();
    let g = time(Duration::from_secs(3), || assert!(gongwen_json(&data)));
    println!(
        "gongwen ten_pages.pdf         {:>8.1} files/s {:>8.0} pages/s  ({:.2} ms a file)",
        1.0 / g,
        10.0 / g,
        g * 1e3
    );
    let peers = pdftotext_available();
    if peers {
        let p = time(Duration::from_secs(3), || pdftotext(std::slice::from_ref(&ten)));
        println!(
            "pdftotext ten_pages.pdf       {:>8.1} files/s {:>8.0} pages/s  ({:.2} ms a file): gongwen {:.1}x",
            1.0 / p,
            10.0 / p,
            p * 1e3,
            p / g
        );
    }
    let dir = root.join("../shared/fixtures/pdfjs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("(../shared not present: no pdf.js run)");
        return;
    };
    let mut all: Vec<PathBuf> =
        entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
    all.sort();
    let mut chosen = Vec::new();
    let mut blobs = Vec::new();
    for p in all.into_iter().filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("bomb")) {
        let d = std::fs::read(&p).unwrap();
        if gongwen_json(&d) {
            chosen.push(p);
            blobs.push(d);
        }
        if chosen.len() == 200 {
            break;
        }
    }
    let mb = blobs.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let g = time(Duration::from_secs(5), || {
        blobs.iter().for_each(|d| black_box(gongwen_json(d)).then_some(()).unwrap_or(()))
    });
    println!("gongwen 200 pdf.js files      {:>8.1} files/s ({mb:.1} MB, {:.2} s a round)", 200.0 / g, g);
    if peers {
        let p = time(Duration::from_secs(5), || pdftotext(&chosen));
        println!(
            "pdftotext 200 pdf.js files    {:>8.1} files/s ({:.2} s a round): gongwen {:.1}x",
            200.0 / p,
            p,
            p / g
        );
    }
}
