//! Times the OFD reader's stages on one package (for profiling with perf):
//! `cargo run --release --example ofd_prof -- FILE.ofd [ROUNDS]`.
fn main() {
    let f = std::env::args().nth(1).expect("an .ofd file");
    let rounds: u32 = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(50);
    let b = std::fs::read(&f).unwrap();
    let l = gongwen::Limits::default();
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(gongwen::testing::ofd::read_pages(&b, &l).unwrap());
    }
    let read = t.elapsed().as_secs_f64() / f64::from(rounds);
    let pages = gongwen::testing::ofd::read_pages(&b, &l).unwrap().pages;
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(gongwen::testing::layout::lay_out(&pages));
    }
    let layout = t.elapsed().as_secs_f64() / f64::from(rounds);
    println!("read_pages {:.2} ms, layout {:.2} ms", read * 1e3, layout * 1e3);
}
