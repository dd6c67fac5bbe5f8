//! Parses PDFs to JSON as `cargo bench --bench pdf` does, for profiling under callgrind (which
//! counts instructions exactly, whatever else runs on the machine):
//!
//! `valgrind --tool=callgrind target/release/examples/pdf_prof [--rounds N] [--stage read|layout|ofd|text|parse] FILE|DIR…`
//!
//! A directory stands for its .pdf files in name order. `--stage read` stops after the reader
//! (`read_pages`), `layout` after the layout stage (`ofd`: the same for OFD packages); `text` is
//! the whole reading, any format (`read::read`: what `cargo bench --bench ofd` times as "read");
//! `parse` (the default) goes on to the JSON.
//! Prints the files parsed and the bytes of JSON written. `--list N` prints instead the first N
//! files that parse, the decompression bombs (bomb_*) left out: the bench's pdf.js selection.
//! `--snapshot` prints a line per file with hashes of what the reader drew (every glyph's text and
//! box, the rules) and of the JSON (or the error), so two builds can be diffed for a change in
//! behaviour.
use std::hint::black_box;
use std::path::PathBuf;

/// The binary's allocator (src/bin/gongwen/main.rs), so that the times are those of `gongwen`.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut rounds = 1u32;
    let mut stage = String::from("parse");
    let mut list = None;
    let mut each = false;
    let mut snapshot = false;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).expect("--rounds N"),
            "--each" => each = true,
            "--snapshot" => snapshot = true,
            "--list" => list = args.next().and_then(|n| n.parse::<usize>().ok()),
            "--stage" => stage = args.next().expect("--stage read|layout|parse"),
            _ => paths.extend(expand(PathBuf::from(a))),
        }
    }
    if let Some(n) = list {
        let parses = |p: &PathBuf| gongwen::parse(&std::fs::read(p).unwrap(), &gongwen::Options::default()).is_ok();
        let bomb = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().starts_with("bomb");
        for p in paths.iter().filter(|p| !bomb(p) && parses(p)).take(n) {
            println!("{}", p.display());
        }
        return;
    }
    let blobs: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    if snapshot {
        for (p, b) in paths.iter().zip(&blobs) {
            println!("{}\t{}", p.display(), snapshot_of(b));
        }
        return;
    }
    if each {
        return times(&paths, &blobs);
    }
    let limits = gongwen::Limits::default();
    let (mut ok, mut bytes) = (0usize, 0usize);
    for _ in 0..rounds {
        for b in &blobs {
            match stage.as_str() {
                "read" => ok += usize::from(black_box(gongwen::testing::pdf::read_pages(b, &limits, None)).is_ok()),
                "ofd" => {
                    if let Ok(r) = gongwen::testing::ofd::read_pages(b, &limits) {
                        black_box(gongwen::testing::layout::lay_out(&r.pages));
                        ok += 1;
                    }
                }
                "text" => ok += usize::from(black_box(gongwen::testing::read(b, None)).is_ok()),
                "layout" => {
                    if let Ok(r) = gongwen::testing::pdf::read_pages(b, &limits, None) {
                        black_box(gongwen::testing::layout::lay_out(&r.pages));
                        ok += 1;
                    }
                }
                _ => {
                    if let Ok(doc) = gongwen::parse(b, &gongwen::Options::default()) {
                        bytes += black_box(serde_json::to_vec(&doc).unwrap()).len();
                        ok += 1;
                    }
                }
            }
        }
    }
    println!("{ok} files parsed of {} ({} rounds), {bytes} bytes of JSON", blobs.len() * rounds as usize, rounds);
}

/// The hashes of a file's drawing and JSON (or its errors).
fn snapshot_of(b: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let limits = gongwen::Limits::default();
    let read = gongwen::testing::pdf::read_pages(b, &limits, None).or_else(|e| {
        let r = gongwen::testing::ofd::read_pages(b, &limits).map_err(|_| e)?;
        Ok::<_, gongwen::Error>(gongwen::testing::pdf::Read {
            pages: r.pages,
            signed: false,
            damage: None,
            unmapped: 0,
        })
    });
    let drawn = match read {
        Ok(r) => {
            for p in &r.pages {
                (p.width.to_bits(), p.height.to_bits(), p.has_image, p.glyphs.len(), p.rules.len()).hash(&mut h);
                for g in &p.glyphs {
                    (&g.text, g.x0.to_bits(), g.x1.to_bits(), g.top.to_bits(), g.baseline.to_bits()).hash(&mut h);
                    (g.size.to_bits(), g.font, g.rotation).hash(&mut h);
                }
                for r in &p.rules {
                    (r.x0.to_bits(), r.y0.to_bits(), r.x1.to_bits(), r.y1.to_bits()).hash(&mut h);
                }
            }
            (r.signed, &r.damage, r.unmapped).hash(&mut h);
            format!("{} pages {:016x}", r.pages.len(), h.finish())
        }
        Err(e) => format!("read error: {e}"),
    };
    let json = match gongwen::parse(b, &gongwen::Options::default()) {
        Ok(doc) => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            serde_json::to_vec(&doc).unwrap().hash(&mut h);
            format!("json {:016x}", h.finish())
        }
        Err(e) => format!("error: {e}"),
    };
    format!("{drawn}\t{json}")
}

/// Each file's parse-to-JSON time (best of 3), the slowest first, with the total.
fn times(paths: &[PathBuf], blobs: &[Vec<u8>]) {
    let mut t: Vec<(f64, &PathBuf)> = paths
        .iter()
        .zip(blobs)
        .map(|(p, b)| {
            let best = (0..3)
                .map(|_| {
                    let s = std::time::Instant::now();
                    if let Ok(doc) = gongwen::parse(b, &gongwen::Options::default()) {
                        black_box(serde_json::to_vec(&doc).unwrap());
                    }
                    s.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            (best, p)
        })
        .collect();
    t.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = t.iter().map(|x| x.0).sum();
    for (s, p) in &t {
        println!("{:9.3} ms {:5.1}%  {}", s * 1e3, s / total * 100.0, p.display());
    }
    println!("{:9.3} ms total, {} files", total * 1e3, t.len());
}

fn expand(p: PathBuf) -> Vec<PathBuf> {
    if !p.is_dir() {
        return vec![p];
    }
    let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    v
}
