//! `cargo bench --bench ofd`: OFD parse-to-JSON speed per page, single thread, beside PDF's on
//! pages of the same kind (issue 12: OFD at least as fast per page as PDF).
//!
//! - OFD: the ofdrw packages of ../shared/fixtures/ofd that hold text (invoices, forms, letters,
//!   a 批复; 50 packages, 90-odd pages), parsed one after another, and the four of them that are
//!   documents of text;
//! - PDF: the same four documents' pages set again as PDF by reportlab (tests/fixtures/pdf/ofd-twins,
//!   tools/make_ofd_twins.py; same pages, same glyphs): the like-for-like comparison, page for page;
//! - PDF: the corpus's reportlab renderings (corpus/renderings/pdf-reportlab: the 74 corpus
//!   documents set as 公文, 270-odd pages) and LibreOffice renderings (pdf-lo), likewise.
//!
//! Pages and glyphs are counted by the readers (`read_pages`). Two times: `gongwen::parse` plus the
//! JSON (what a user waits for; it includes the input's SHA-256, and an OFD package carries its
//! fonts, 0.2–1.5 MB in several ofdrw files, where a reportlab PDF of a page is 12 KB), a page and
//! per thousand glyphs (pages of equal content: an OFD text page holds more glyphs than a
//! reportlab one), and the reading alone (`read::read`: container, drawing, layout) per thousand
//! glyphs, the like-for-like measure of the two readers.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The binary's allocator (src/bin/gongwen/main.rs), so that the times are those of `gongwen`.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn json(data: &[u8]) -> bool {
    match gongwen::parse(data, &gongwen::Options::default()) {
        Ok(doc) => {
            black_box(serde_json::to_vec(&doc).unwrap());
            true
        }
        Err(_) => false,
    }
}

/// Seconds per round of `f`, over at least `min` of rounds.
fn time(min: Duration, mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < min {
        f();
        rounds += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(rounds.max(1))
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == ext)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The files that parse, with their page and glyph counts.
fn readable(paths: &[PathBuf], count: impl Fn(&[u8]) -> (usize, usize)) -> (Vec<Vec<u8>>, usize, usize) {
    let blobs: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .filter(|b| gongwen::parse(b, &Default::default()).is_ok())
        .collect();
    let (pages, glyphs) = blobs.iter().map(|b| count(b)).fold((0, 0), |a, c| (a.0 + c.0, a.1 + c.1));
    (blobs, pages, glyphs)
}

/// What a run measured: seconds a page to JSON, seconds a thousand glyphs to JSON and read.
struct Times {
    page: f64,
    json_k: f64,
    read_k: f64,
}

fn run(what: &str, blobs: &[Vec<u8>], pages: usize, glyphs: usize) -> Times {
    let s = time(Duration::from_secs(5), || {
        for b in blobs {
            black_box(json(b));
        }
    });
    let r = time(Duration::from_secs(5), || {
        for b in blobs {
            black_box(gongwen::testing::read(b, None).ok());
        }
    });
    let k = glyphs.max(1) as f64 / 1e3;
    let t = Times { page: s / pages.max(1) as f64, json_k: s / k, read_k: r / k };
    println!(
        "{what:<22} {:>3} files {:>4} pages {:>7} glyphs  to JSON {:>6.0} pages/s ({:.3} ms a page, {:.3} ms / 1000 glyphs)  read {:.3} ms / 1000 glyphs",
        blobs.len(),
        pages,
        glyphs,
        1.0 / t.page,
        t.page * 1e3,
        t.json_k * 1e3,
        t.read_k * 1e3
    );
    t
}

fn count(pages: Option<Vec<gongwen::testing::layout::Page>>) -> (usize, usize) {
    pages.map_or((0, 0), |p| (p.len(), p.iter().map(|p| p.glyphs.len()).sum()))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ofd_dir = root.join("../shared/fixtures/ofd");
    if !ofd_dir.is_dir() {
        println!("(../shared not present: no OFD run)");
        return;
    }
    let limits = gongwen::Limits::default();
    let (ofd, pages, glyphs) = readable(&files(&ofd_dir, "ofd"), |b| {
        count(gongwen::testing::ofd::read_pages(b, &limits).ok().map(|r| r.pages))
    });
    let ofd_all = run("OFD (ofdrw packages)", &ofd, pages, glyphs);
    // The packages that are documents of text (a 批复, an essay, a list, paragraphs), like the
    // corpus, without the invoices' and certificates' vector art that the reader must also parse.
    let text = ["converter__n.ofd", "crypto__hello.ofd", "layout__SplitParagraph.ofd", "sign__doc1File.ofd"];
    let paths: Vec<PathBuf> = text.iter().map(|n| ofd_dir.join(n)).collect();
    let (docs, pages, glyphs) =
        readable(&paths, |b| count(gongwen::testing::ofd::read_pages(b, &limits).ok().map(|r| r.pages)));
    let ofd_text = run("OFD (text documents)", &docs, pages, glyphs);
    // The same pages as PDF (tests/fixtures/pdf/ofd-twins, tools/make_ofd_twins.py: reportlab
    // setting each OFD line as one string): the two formats on the same content, page for page.
    let twins: Vec<PathBuf> =
        text.iter().map(|n| root.join("tests/fixtures/pdf/ofd-twins").join(n.replace(".ofd", ".pdf"))).collect();
    let (pdf, pages, glyphs) =
        readable(&twins, |b| count(gongwen::testing::pdf::read_pages(b, &limits, None).ok().map(|r| r.pages)));
    let twin = run("PDF (their twins)", &pdf, pages, glyphs);
    println!(
        "  OFD text documents against the same pages as PDF: {:.2}x the speed a page to JSON, {:.2}x read",
        twin.page / ofd_text.page,
        twin.read_k / ofd_text.read_k
    );
    for writer in ["pdf-reportlab", "pdf-lo"] {
        let (pdf, pages, glyphs) = readable(&files(&root.join("corpus/renderings").join(writer), "pdf"), |b| {
            count(gongwen::testing::pdf::read_pages(b, &limits, None).ok().map(|r| r.pages))
        });
        let pdf = run(&format!("PDF ({writer})"), &pdf, pages, glyphs);
        println!(
            "  OFD against {writer}: {:.2}x the speed a page to JSON, {:.2}x a glyph read; text documents: {:.2}x a page and {:.2}x a glyph to JSON, {:.2}x a glyph read",
            pdf.page / ofd_all.page,
            pdf.read_k / ofd_all.read_k,
            pdf.page / ofd_text.page,
            pdf.json_k / ofd_text.json_k,
            pdf.read_k / ofd_text.read_k
        );
    }
}
