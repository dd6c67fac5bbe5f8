use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = Instant::now();
    let src = gongwen::testing::read(&bytes, None).unwrap();
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let (m, _r) = gongwen::testing::clean(&src.text);
    eprintln!("clean {:?}", t.elapsed());
    let t = Instant::now();
    let c = gongwen::testing::scan(&m.text);
    eprintln!("scan {:?} {}", t.elapsed(), c.len());
    let t = Instant::now();
    let a = gongwen::testing::assemble(&m, &c, &[], Vec::new(), Some(2023));
    eprintln!("assemble {:?} {}", t.elapsed(), a.items.len());
    let t = Instant::now();
    let h = gongwen::testing::extract_head(&m.text, a.body_start);
    eprintln!("head {:?} {:?}", t.elapsed(), h.title);
    let t = Instant::now();
    let d = gongwen::parse(&bytes, &Default::default()).unwrap();
    eprintln!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let j = serde_json::to_vec(&d).unwrap();
    eprintln!("json {:?} {}", t.elapsed(), j.len());
}
