//! lopdf's own text extraction (Document::extract_text over all pages).
fn main() {
    let path = std::env::args().nth(1).expect("a path");
    let doc = match lopdf::Document::load(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    };
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    match doc.extract_text(&pages) {
        Ok(t) => print!("{t}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    }
}
