//! pdf_oxide's PdfDocument::extract_text page by page.
fn main() {
    let path = std::env::args().nth(1).expect("a path");
    let mut doc = match pdf_oxide::PdfDocument::open(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    };
    let n = doc.page_count().unwrap_or(0);
    for i in 0..n {
        match doc.extract_text(i) {
            Ok(t) => println!("{t}"),
            Err(e) => eprintln!("page {i}: {e}"),
        }
    }
}
