//! Debug dump of the PDF reader's pages before layout: each page's size, glyphs (text, x0, x1,
//! baseline, size, font), rules and image flag.
//!   cargo run --release --example pdf_dump -- [--glyphs | --text] FILE.pdf
//! `--text` prints only the glyphs' text in drawing order, a page a line (what
//! tools/pdf_agreement.py scores as the reader's own extraction, before the layout stage).
fn main() {
    let (flags, paths): (Vec<String>, Vec<String>) = std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let path = paths.first().expect("a PDF path").clone();
    let mode = flags.first().cloned().unwrap_or_default();
    let glyphs = mode == "--glyphs";
    let bytes = std::fs::read(&path).expect("readable file");
    let read = match gongwen::testing::pdf::read_pages(&bytes, &gongwen::Limits::default(), None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    if mode == "--text" {
        for p in &read.pages {
            let text: String = p.glyphs.iter().map(|g| &*g.text).collect();
            println!("{text}");
        }
        return;
    }
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
                    "  {:?} x {:.1}-{:.1} top {:.1} base {:.1} size {:.1} font {}",
                    g.text, g.x0, g.x1, g.top, g.baseline, g.size, g.font
                );
            }
        }
    }
}
