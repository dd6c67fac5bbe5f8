//! `cargo bench --bench formats`: files/s and MB/s of parse-to-JSON per input format, single
//! thread, on the corpus rendered by real writers (corpus/renderings/: LibreOffice .docx/.doc/.rtf,
//! gov-website HTML) and the .txt originals; and, where installed, the same files through
//! antiword and catdoc (.doc) and pandoc (.docx) as processes, for comparison.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == ext)).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn report(name: &str, n: usize, bytes: usize, secs: f64) {
    println!(
        "{name:<28} {:>9.0} files/s {:>7.1} MB/s  ({n} files, mean {:.1} KB)",
        n as f64 / secs,
        bytes as f64 / secs / 1e6,
        bytes as f64 / n.max(1) as f64 / 1e3
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let sets = [
        ("txt", root.join("docs"), "txt"),
        ("docx", root.join("renderings/docx"), "docx"),
        ("doc", root.join("renderings/doc"), "doc"),
        ("rtf", root.join("renderings/rtf"), "rtf"),
        ("html", root.join("renderings/html"), "html"),
    ];
    for (name, dir, ext) in &sets {
        let paths = files(dir, ext);
        let data: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
        let bytes: usize = data.iter().map(Vec::len).sum();
        let run = || {
            for d in &data {
                let doc = gongwen::parse(d, &gongwen::Options::default()).unwrap();
                black_box(serde_json::to_vec(&doc).unwrap());
            }
        };
        run();
        let start = Instant::now();
        let mut rounds = 0;
        while start.elapsed() < Duration::from_secs(2) {
            run();
            rounds += 1;
        }
        report(&format!("gongwen {name}"), data.len() * rounds, bytes * rounds, start.elapsed().as_secs_f64());
    }
    let peers: [(&str, &str, &[&str]); 3] = [
        ("antiword", "doc", &["-w", "0", "-m", "UTF-8.txt"]),
        ("catdoc", "doc", &["-w", "-d", "utf-8"]),
        ("pandoc", "docx", &["-f", "docx", "-t", "plain", "--wrap=none"]),
    ];
    for (tool, ext, args) in peers {
        if Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
            println!("{tool:<28} not installed (apt-get install {tool})");
            continue;
        }
        let paths = files(&root.join("renderings").join(ext), ext);
        let bytes: usize = paths.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len() as usize)).sum();
        let start = Instant::now();
        for p in &paths {
            let _ = Command::new(tool).args(args).arg(p).stdout(Stdio::null()).stderr(Stdio::null()).status();
        }
        report(&format!("{tool} {ext} (one process a file)"), paths.len(), bytes, start.elapsed().as_secs_f64());
    }
}
