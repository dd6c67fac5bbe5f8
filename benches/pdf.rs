//! `cargo bench --bench pdf`: PDF parse-to-JSON speed, single thread, against poppler's
//! `pdftotext` run as a process per file writing a text file (as a batch script would run it),
//! when it is installed.
//!
//! - the 10-page text PDF tests/fixtures/pdf/made/ten_pages.pdf (a 公文 set by reportlab in
//!   STSong-Light, tools/make_pdf_fixtures.py): files/s and pages/s;
//! - 200 PDFs parsed one after another as `batch --jobs 1` does, and by the binary's `batch
//!   --jobs 1` itself (one process writing a JSON a file), against pdftotext's loop: the
//!   corpus's PDF renderings (corpus/renderings/pdf-*/, or the folder in GONGWEN_BENCH_PDFS),
//!   taken in turn until there are 200;
//! - 200 files of pdf.js's suite (../shared/fixtures/pdfjs: the first 200 in name order that
//!   gongwen reads, the decompression bombs bomb_*.pdf left out: pdftotext spends over a minute on
//!   bomb_giant.pdf): real-world oddities, a few of them large (a 65,000-object file, a 350-page
//!   book), and those of them pdftotext reads (exit status 0), so that the two tools are also
//!   compared on the same work.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary's allocator (src/bin/gongwen/main.rs), so that the times are those of `gongwen`.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// A new folder for one round's outputs, under a folder of this run removed at the end: each
/// round of either tool writes its files afresh, as a first run over an archive does (on this
/// machine's file system a new file costs about 0.25 ms, an overwritten one a tenth of that, so
/// both tools must do the same).
fn fresh_folder(tool: &str) -> PathBuf {
    static ROUND: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = ROUND.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = bench_dir().join(format!("{tool}-{n}"));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn bench_dir() -> PathBuf {
    std::env::temp_dir().join(format!("gongwen-bench-pdf-{}", std::process::id()))
}

/// pdftotext over the files as a user's loop runs it, writing each file's text to a file of a
/// new folder (as `gongwen batch` writes a JSON a file).
fn pdftotext(paths: &[PathBuf]) {
    let out = fresh_folder("pdftotext");
    for (i, p) in paths.iter().enumerate() {
        let _ = Command::new("pdftotext")
            .args(["-q", "-enc", "UTF-8"])
            .arg(p)
            .arg(out.join(format!("{i}.txt")))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn main() {
    run();
    let _ = std::fs::remove_dir_all(bench_dir());
}

fn run() {
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
    let renderings: Vec<PathBuf> = match std::env::var_os("GONGWEN_BENCH_PDFS") {
        Some(dir) => pdfs(Path::new(&dir)),
        None => rendering_pdfs(&root.join("corpus/renderings")),
    };
    if renderings.is_empty() {
        println!("(no PDF renderings: no 200-rendering run)");
    } else {
        batch_of_200("renderings", renderings.iter().cycle().take(200).cloned().collect(), peers);
    }
    let dir = root.join("../shared/fixtures/pdfjs");
    if !dir.is_dir() {
        println!("(../shared not present: no pdf.js run)");
        return;
    }
    let mut chosen = Vec::new();
    for p in pdfs(&dir).into_iter().filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("bomb")) {
        if gongwen_json(&std::fs::read(&p).unwrap()) {
            chosen.push(p);
        }
        if chosen.len() == 200 {
            break;
        }
    }
    batch_of_200("pdf.js files", chosen.clone(), peers);
    if peers {
        // The same selection without the files pdftotext cannot read (it exits 1 within
        // milliseconds on the Brotli file and on bug1978317's broken trailer, where gongwen reads
        // them whole): the two tools compared on the same work.
        let both: Vec<PathBuf> = chosen.into_iter().filter(|p| pdftotext_reads(p)).collect();
        batch_of_200("both read", both, peers);
    }
}

/// Whether pdftotext reads `path` (exit status 0).
fn pdftotext_reads(path: &Path) -> bool {
    Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The PDFs of corpus/renderings/pdf-*/ (each writer's folder), in order.
fn rendering_pdfs(root: &Path) -> Vec<PathBuf> {
    let Ok(d) = std::fs::read_dir(root) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = d
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("pdf-")))
        .collect();
    dirs.sort();
    dirs.iter().flat_map(|d| pdfs(d)).collect()
}

/// gongwen over the files one after another, then pdftotext as a process per file.
fn batch_of_200(what: &str, paths: Vec<PathBuf>, peers: bool) {
    let blobs: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let mb = blobs.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let n = paths.len();
    let g = time(Duration::from_secs(5), || {
        for d in &blobs {
            black_box(gongwen_json(d));
        }
    });
    println!("gongwen {n} {what:<14} {:>8.1} files/s ({mb:.1} MB, {g:.2} s a round)", n as f64 / g);
    let b = batch_binary(&paths);
    if let Some(b) = b {
        println!("gongwen batch --jobs 1 {what:<14} {:>8.1} files/s ({b:.2} s a round)", n as f64 / b);
    }
    if peers {
        let p = time(Duration::from_secs(5), || pdftotext(&paths));
        print!("pdftotext {n} {what:<12} {:>8.1} files/s ({p:.2} s a round): gongwen {:.1}x", n as f64 / p, p / g);
        match b {
            Some(b) => println!(", gongwen batch --jobs 1 {:.1}x", p / b),
            None => println!(),
        }
    }
}

/// Seconds a round of the `gongwen` binary itself, `batch --jobs 1` writing a JSON per file into
/// a new folder as a user runs it (reading the files, the index, one process for all): what issue 12
/// compares with pdftotext's loop. None when the binary is not built (no `cli` feature).
fn batch_binary(paths: &[PathBuf]) -> Option<f64> {
    let bin = option_env!("CARGO_BIN_EXE_gongwen")?;
    let run = || {
        let status = Command::new(bin)
            .args(["batch", "--jobs", "1", "--quiet", "--output"])
            .arg(fresh_folder("gongwen"))
            .args(paths)
            .stdout(Stdio::null())
            .status()
            .expect("gongwen runs");
        assert!(status.success(), "gongwen batch failed: {status}");
    };
    Some(time(Duration::from_secs(5), run))
}
