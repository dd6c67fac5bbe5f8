//! Debug dump of the PDF reader's pages before layout: each page's size, glyphs (text, x0, x1,
//! baseline, size, font), rules and image flag.
//!   cargo run --release --example pdf_dump -- FILE.pdf [--glyphs]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a PDF path");
    let glyphs = args.next().as_deref() == Some("--glyphs");
    let bytes = std::fs::read(&path).expect("readable file");
    let read = match gongwen::read::pdf::read_pages(&bytes, &gongwen::Limits::default(), None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!("signed: {}, damage: {:?}", read.signed, read.damage);
    for (n, p) in read.pages.iter().enumerate() {
        println!(
            "page {}: {}x{} glyphs {} rules {} image {}",
            n + 1,
            p.width,
            p.height,
            p.glyphs.len(),
            p.rules.len(),
            p.has_image
        );
        if glyphs {
            for g in &p.glyphs {
                println!(
                    "  {:?} x {:.1}-{:.1} base {:.1} size {:.1} font {}",
                    g.text, g.x0, g.x1, g.baseline, g.size, g.font
                );
            }
        }
    }
}
