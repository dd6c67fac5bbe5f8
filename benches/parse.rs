//! `cargo bench`: MB/s of `parse` to JSON, single thread — on every corpus document one by one,
//! and on synthetic plans of 1 MB and 10 MB built by repeating items with rising numbers (the
//! 10 MB time over the 1 MB time shows whether cost grows linearly).

use std::hint::black_box;
use std::time::{Duration, Instant};

fn parse_to_json(bytes: &[u8]) -> usize {
    let doc = gongwen::parse(bytes, &gongwen::Options::default()).expect("parses");
    serde_json::to_vec(&doc).expect("serializes").len()
}

/// Runs `f` until at least `min` has passed; returns seconds per run.
fn time(min: Duration, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < min || runs < 3 {
        f();
        runs += 1;
    }
    start.elapsed().as_secs_f64() / runs as f64
}

const CN: [&str; 11] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn cn(n: usize) -> String {
    match n {
        1..=10 => CN[n].to_string(),
        11..=19 => format!("十{}", CN[n - 10]),
        _ => format!("{}十{}", CN[n / 10], CN[n % 10]),
    }
}

/// A plan of about `target` bytes: 第N部分 > 一、 > （一） > 1. with responsibility lines, dates and
/// targets in every item, numbers rising throughout.
fn synthetic(target: usize) -> String {
    let mut s = String::from("XX县2023年重点工作实施方案\n");
    'outer: for part in 1..200 {
        s.push_str(&format!("第{}部分 重点领域{part}\n", cn(part.min(99))));
        for top in 1..=20 {
            s.push_str(&format!("{}、工作任务{top}\n", cn(top)));
            for mid in 1..=10 {
                s.push_str(&format!("（{}）专项行动{mid}（2023年5月-8月）\n", cn(mid)));
                for low in 1..=10 {
                    s.push_str(&format!(
                        "{low}.推进重点项目建设。2023年{}月底前完成，群众满意度达9{}%以上，新增就业岗位{}00个。责任单位：县发改委、县财政局、各乡镇。\n",
                        1 + low % 12,
                        low % 10,
                        low
                    ));
                }
                if s.len() >= target {
                    break 'outer;
                }
            }
        }
    }
    s
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut docs: Vec<_> = std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    docs.sort();
    let corpus: Vec<Vec<u8>> = docs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let total: usize = corpus.iter().map(Vec::len).sum();
    let t = time(Duration::from_secs(2), || {
        for d in &corpus {
            black_box(parse_to_json(d));
        }
    });
    println!("corpus/docs, {} documents one by one: {:.1} MB/s ({:.0} documents/s)", corpus.len(), total as f64 / t / 1e6, corpus.len() as f64 / t);

    let one = synthetic(1_000_000);
    let ten = synthetic(10_000_000);
    let t1 = time(Duration::from_secs(2), || {
        black_box(parse_to_json(one.as_bytes()));
    });
    let t10 = time(Duration::from_secs(3), || {
        black_box(parse_to_json(ten.as_bytes()));
    });
    println!("synthetic plan {:.1} MB: {:.1} MB/s", one.len() as f64 / 1e6, one.len() as f64 / t1 / 1e6);
    println!("synthetic plan {:.1} MB: {:.1} MB/s", ten.len() as f64 / 1e6, ten.len() as f64 / t10 / 1e6);
    println!("10 MB time / 1 MB time: {:.1}x (linear is 10x; the target is at most 12x)", t10 / t1);
}
