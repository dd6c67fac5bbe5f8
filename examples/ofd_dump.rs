//! Prints what the OFD reader draws on each page (glyphs and rules), for looking into a file
//! the layout stage reads badly: `cargo run --release --example ofd_dump -- FILE [PAGE | --layout]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("a readable file");
    let only: Option<usize> = args.get(2).and_then(|p| p.parse().ok());
    let read = gongwen::testing::ofd::read_pages(&bytes, &Default::default()).expect("an OFD package");
    if args.get(2).map(String::as_str) == Some("--layout") {
        for p in gongwen::testing::layout::lay_out(&read.pages).paragraphs {
            println!("{:?} {}", p.cell.map(|c| (c.table, c.row, c.col)), p.text);
        }
        return;
    }
    for (n, p) in read.pages.iter().enumerate() {
        if only.is_some_and(|o| o != n + 1) {
            continue;
        }
        println!("page {} {:.1}x{:.1} image={} rules={}", n + 1, p.width, p.height, p.has_image, p.rules.len());
        for r in &p.rules {
            println!("  rule {:.1},{:.1} {:.1},{:.1}", r.x0, r.y0, r.x1, r.y1);
        }
        for g in &p.glyphs {
            println!(
                "  {:?} x {:.1}-{:.1} base {:.1} size {:.1} rot {}",
                g.text, g.x0, g.x1, g.baseline, g.size, g.rotation
            );
        }
    }
}
