//! `cargo bench`: MB/s of `parse` to JSON, single thread — on every corpus document one by one,
//! and on synthetic plans of 1 MB and 10 MB built by repeating items with rising numbers (the
//! 10 MB time over the 1 MB time shows whether cost grows linearly).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Parses and writes the JSON (as `gongwen parse` prints it) into a buffer that is kept from one
/// document to the next, as a batch or server process keeps its output buffer: the JSON is
/// produced in full, without a fresh allocation of its size every time.
fn parse_to_json(bytes: &[u8]) -> usize {
    thread_local! {
        static OUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let doc = gongwen::parse(bytes, &gongwen::Options::default()).expect("parses");
    OUT.with_borrow_mut(|out| {
        out.clear();
        gongwen::write_json(&doc, false, &mut *out).expect("serializes");
        out.len()
    })
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

/// Task texts of the reference plan (corpus/docs/000.txt): its leaf items with their
/// responsibility lines, as written.
fn real_items() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs/000.txt");
    let doc = gongwen::parse(&std::fs::read(path).unwrap(), &gongwen::Options::default()).unwrap();
    fn leaves(items: &[gongwen::Item], out: &mut Vec<String>) {
        for i in items {
            if i.children.is_empty() {
                let resp =
                    i.responsible.as_ref().map(|r| format!("责任单位：{}。", r.units.join("、"))).unwrap_or_default();
                out.push(format!("{}{resp}", i.text));
            }
            leaves(&i.children, out);
        }
    }
    let mut out = Vec::new();
    leaves(&doc.items, &mut out);
    out
}

/// A plan of about `target` bytes made of the reference plan's real task texts repeated under
/// 第N部分 > 一、 > （一） > 1., numbers rising throughout.
fn synthetic_real(target: usize, pool: &[String]) -> String {
    let mut s = String::from("XX县2023年创建文明城市实施方案\n");
    let mut k = 0;
    'outer: for part in 1..200 {
        s.push_str(&format!("第{}部分 重点领域{part}\n", cn(part.min(99))));
        for top in 1..=20 {
            s.push_str(&format!("{}、工作任务{top}\n", cn(top)));
            for mid in 1..=10 {
                s.push_str(&format!("（{}）专项行动{mid}（2023年5月-8月）\n", cn(mid)));
                for low in 1..=10 {
                    s.push_str(&format!("{low}.{}\n", pool[k % pool.len()]));
                    k += 1;
                }
                if s.len() >= target {
                    break 'outer;
                }
            }
        }
    }
    s
}

/// A stress plan of about `target` bytes: every line carries a deadline, a target and a
/// responsibility line (far denser than real plans).
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
    println!(
        "corpus/docs, {} documents one by one: {:.1} MB/s ({:.0} documents/s)",
        corpus.len(),
        total as f64 / t / 1e6,
        corpus.len() as f64 / t
    );

    let pool = real_items();
    for (name, one, ten) in [
        ("plan of real items", synthetic_real(1_000_000, &pool), synthetic_real(10_000_000, &pool)),
        ("dense stress plan", synthetic(1_000_000), synthetic(10_000_000)),
    ] {
        let t1 = time(Duration::from_secs(2), || {
            black_box(parse_to_json(one.as_bytes()));
        });
        let t10 = time(Duration::from_secs(3), || {
            black_box(parse_to_json(ten.as_bytes()));
        });
        println!("{name}, {:.1} MB: {:.1} MB/s", one.len() as f64 / 1e6, one.len() as f64 / t1 / 1e6);
        println!("{name}, {:.1} MB: {:.1} MB/s", ten.len() as f64 / 1e6, ten.len() as f64 / t10 / 1e6);
        println!("{name}: 10 MB time / 1 MB time = {:.1}x (linear is 10x; the target is at most 12x)", t10 / t1);
    }
}
