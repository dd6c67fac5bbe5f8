//! Where the time goes on small documents: each pipeline stage summed over every corpus document,
//! many rounds (`cargo run --release --example corpus_stages`).
use std::time::{Duration, Instant};
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let docs: Vec<Vec<u8>> =
        std::fs::read_dir(dir).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let rounds = 100;
    let mut t = [Duration::ZERO; 7];
    for _ in 0..rounds {
        for d in &docs {
            let a = Instant::now();
            let src = gongwen::testing::read(d, None).unwrap();
            let b = Instant::now();
            let (m, _) = gongwen::testing::clean(&src.text);
            let c = Instant::now();
            let cands = gongwen::testing::scan(&m.text);
            let e = Instant::now();
            let h = gongwen::testing::extract_head(&m.text, gongwen::testing::first_item(&m.text, &cands, &[]));
            let f = Instant::now();
            let asm = gongwen::testing::assemble(&m, &cands, &[], Vec::new(), Some(2023));
            let g = Instant::now();
            let doc = gongwen::parse(d, &Default::default()).unwrap();
            let h2 = Instant::now();
            let j = serde_json::to_vec(&doc).unwrap();
            let k = Instant::now();
            std::hint::black_box((h.title, asm.items.len(), j.len()));
            for (i, (x, y)) in [(a, b), (b, c), (c, e), (e, f), (f, g), (g, h2), (h2, k)].iter().enumerate() {
                t[i] += *y - *x;
            }
        }
    }
    let names = ["read", "clean", "scan", "head", "assemble", "parse (all)", "json"];
    for (n, d) in names.iter().zip(t) {
        println!("{n:<12} {:>8.1} ms per MB", d.as_secs_f64() * 1e3 / (bytes * rounds) as f64 * 1e6);
    }
}
