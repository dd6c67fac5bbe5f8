//! Prints what the PDF or OFD reader draws on each page (glyphs and rules), or the paragraphs the
//! layout stage makes of them, for looking into a file that reads badly:
//! `cargo run --release --example layout_dump -- FILE [PAGE | --layout]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("a readable file");
    let only: Option<usize> = args.get(2).and_then(|p| p.parse().ok());
    let pages = if gongwen::testing::pdf::sniff(&bytes) {
        gongwen::testing::pdf::read_pages(&bytes, &Default::default(), None).expect("a PDF").pages
    } else {
        gongwen::testing::ofd::read_pages(&bytes, &Default::default()).expect("an OFD package").pages
    };
    if args.get(2).map(String::as_str) == Some("--layout") {
        for p in gongwen::testing::layout::lay_out(&pages).paragraphs {
            println!("{:?} {}", p.cell.map(|c| (c.table, c.row, c.col)), p.text);
        }
        return;
    }
    for (n, p) in pages.iter().enumerate() {
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
