//! RTF and HTML readers: the same plan read from .txt and from RTF / HTML / MHT gives the same
//! items; RTF text matches what LibreOffice shows for real Chinese RTF files; every real Word-family
//! file goes through `read::read` without panicking; dispatch is by content.
//!
//! Fixtures in tests/fixtures/rtf_html/ come from tools/mk_rtf_html_fixtures.sh. The real files
//! are read from ../shared/fixtures (not copied); those tests are skipped when it is absent.

#[path = "support/shared.rs"]
mod shared_dir;
use gongwen::testing::{self as read, Paragraph};
use gongwen::Item;
use shared_dir::shared;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture of tests/fixtures/rtf_html, or a path from the repository root (the gov-site page of
/// 000 is corpus/renderings/html/000.html, shared with tests/renderings.rs).
fn fixture(name: &str) -> Vec<u8> {
    let path = if name.contains('/') { root().join(name) } else { root().join("tests/fixtures/rtf_html").join(name) };
    std::fs::read(path).expect("fixture")
}

/// The title, the notice (as JSON) and the item tree flattened to (path, first characters of the
/// text without whitespace).
fn items(bytes: &[u8]) -> Vec<(String, String)> {
    let doc = gongwen::parse(bytes, &gongwen::Options::default()).expect("parse");
    let mut out = vec![
        ("title".to_string(), doc.title.clone().unwrap_or_default()),
        ("notice".to_string(), serde_json::to_string(&doc.notice).unwrap()),
    ];
    fn walk(items: &[Item], out: &mut Vec<(String, String)>) {
        for it in items {
            let t: String = it.text.chars().filter(|c| !c.is_whitespace()).take(16).collect();
            out.push((it.path.clone(), t));
            walk(&it.children, out);
        }
    }
    walk(&doc.items, &mut out);
    out
}

/// A corpus text (or the generated notice kept with the fixtures).
fn corpus(name: &str) -> Vec<u8> {
    let dir = if name == "notice.txt" { "tests/fixtures/rtf_html" } else { "corpus/docs" };
    std::fs::read(root().join(dir).join(name)).expect("corpus doc")
}

#[test]
fn same_items_as_the_text() {
    let cases = [
        ("000.txt", "000.lo.rtf", "rtf"),
        ("000.txt", "000.lo.html", "html"),
        ("000.txt", "corpus/renderings/html/000.html", "html"),
        ("012.txt", "012.lo.rtf", "rtf"),
        ("012.txt", "012.lo.html", "html"),
        ("notice.txt", "notice.gbk.html", "html"),
        ("012.txt", "012.word.mht", "html"),
        ("012.txt", "012.word.doc", "html"),
    ];
    for (txt, other, format) in cases {
        let want = items(&corpus(txt));
        assert!(want.len() > 7, "{txt}: {} items", want.len());
        let bytes = fixture(other);
        let src = read::read(&bytes, None).unwrap();
        assert_eq!(src.format.name(), format, "{other}");
        assert_eq!(items(&bytes), want, "{other} vs {txt}");
    }
}

#[test]
fn same_lines_as_the_text() {
    // LibreOffice's RTF and HTML keep every line; the reader must give exactly them back.
    for n in ["000", "012"] {
        let txt = String::from_utf8(corpus(&format!("{n}.txt"))).unwrap();
        let want: Vec<&str> = txt.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        for ext in ["lo.rtf", "lo.html"] {
            let src = read::read(&fixture(&format!("{n}.{ext}")), None).unwrap();
            let got: Vec<&str> = src.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            assert_eq!(got, want, "{n}.{ext}");
        }
    }
}

#[test]
fn encodings_and_word_list_labels() {
    let src = read::read(&fixture("notice.gbk.html"), None).unwrap();
    assert_eq!((src.encoding.as_str(), src.encoding_guessed), ("GBK", false));
    for name in ["012.word.mht", "012.word.doc"] {
        let src = read::read(&fixture(name), None).unwrap();
        assert_eq!(src.encoding, "GBK", "{name}");
        // The auto-number label Word writes in front of a list paragraph is kept.
        assert!(src.text.lines().any(|l| l.starts_with("(一)") && l.contains("清理农村全域无垃圾")), "{name}");
        assert!(src.text.lines().any(|l| l.starts_with("二、") && l.contains("重点任务")), "{name}");
    }
    // Site chrome around the article (nav, information table, footer) is left out: the text is
    // the article's, first line first.
    let src = read::read(&fixture("corpus/renderings/html/000.html"), None).unwrap();
    assert!(!src.text.lines().any(|l| l == "索引号:" || l.starts_with("主办:")));
    assert!(src.text.starts_with("分享\n"));
    assert!(!src.text.contains("_hmt") && !src.text.contains("TRS_Editor P"));
}

#[test]
fn web_text_with_stray_tags_stays_text() {
    // corpus 006 is scraped text that contains <p> tags but does not start as HTML.
    let bytes = corpus("006.txt");
    let src = read::read(&bytes, None).unwrap();
    assert_eq!(src.format.name(), "txt");
    assert!(src.text.contains("<p>"));
}

/// Lines compared without spaces: LibreOffice puts layout spaces around list numbers and splits
/// line breaks (`\line`) into lines, which the reader joins into one paragraph line.
fn squeeze(s: &str) -> Vec<String> {
    s.lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn rtf_matches_libreoffice() {
    let Some(dir) = shared("fixtures") else { return };
    let dir = dir.join("cn-word");
    let mut checked = 0;
    for name in ["h_jj.rtf", "qg.rtf", "管材类质量要点.rtf", "Frm_ShiFangGaoZhi.wps"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let src = read::read(&bytes, None).unwrap();
        assert_eq!(src.format.name(), "rtf", "{name}");
        let expected = std::fs::read_to_string(dir.join("expected-lo").join(format!("{name}.txt"))).unwrap();
        let want = squeeze(&expected);
        let got = squeeze(&src.text);
        assert!(!src.text.contains('\0'), "{name}: NUL in the text");
        // Our line may be several of LibreOffice's (a \line break inside the paragraph).
        let (mut i, mut j) = (0, 0);
        while i < got.len() && j < want.len() {
            let mut acc = want[j].clone();
            j += 1;
            while acc.len() < got[i].len() && j < want.len() && got[i].starts_with(&acc) {
                acc.push_str(&want[j]);
                j += 1;
            }
            assert_eq!(got[i], acc, "{name}: line {i}");
            i += 1;
        }
        assert_eq!((i, j), (got.len(), want.len()), "{name}: line counts");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn rtf_table_cells_from_a_real_file() {
    let Some(dir) = shared("fixtures") else { return };
    let bytes = std::fs::read(dir.join("cn-word/管材类质量要点.rtf")).unwrap();
    let paras: Vec<Paragraph> = read::rtf::read(&bytes).unwrap();
    let cells: Vec<_> = paras.iter().filter_map(|p| p.cell).collect();
    // 38 \row (and 18 \nestrow of tables nested in cells, read as paragraphs of the outer cell).
    let rows = cells.iter().map(|c| (c.table, c.row)).collect::<std::collections::BTreeSet<_>>().len();
    assert_eq!(rows, 38);
    assert!(cells.len() >= 39, "{} cell paragraphs", cells.len());
    // The row with 编制/会签 … cells sits in a table.
    assert!(paras.iter().any(|p| p.text.contains("执行标准") && p.cell.is_some()));
}

#[test]
fn every_real_file_reads_without_panic() {
    let Some(dir) = shared("fixtures") else { return };
    let mut n = 0;
    let (mut rtf, mut ok) = (0, 0);
    for sub in ["poi-word", "cn-word"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let bytes = std::fs::read(f).unwrap();
            let r = std::panic::catch_unwind(|| read::read(&bytes, None));
            let r = r.unwrap_or_else(|_| panic!("panic on {}", f.display()));
            n += 1;
            if let Ok(s) = &r {
                ok += 1;
                rtf += (s.format.name() == "rtf") as usize;
            }
            // The RTF and HTML readers alone on any bytes: Ok or Err, never a panic.
            let _ = read::rtf::read(&bytes);
            let _ = read::html::paragraphs(&String::from_utf8_lossy(&bytes));
        }
    }
    println!("{n} files, {ok} read, {rtf} as RTF");
    assert!(n > 50 && rtf >= 4, "{n} files, {rtf} RTF");
}
