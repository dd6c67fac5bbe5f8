//! pdf-extract's extract_text_from_mem.
fn main() {
    let path = std::env::args().nth(1).expect("a path");
    let bytes = std::fs::read(&path).expect("read");
    match pdf_extract::extract_text_from_mem(&bytes) {
        Ok(t) => print!("{t}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    }
}
