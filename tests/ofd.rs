//! The OFD reader on real packages: the 56 files of ofdrw's tests (../shared/fixtures/ofd, Apache
//! 2.0), expected texts checked by hand against the packages' text objects
//! (tests/fixtures/ofd/*.txt; tools/ofd_objects.py lists the objects), and the hostile packages of
//! tests/hostile/ofd_*.ofd (tools/make_ofd_hostile.py).

use gongwen::Error;
use gongwen::{Format, WarningCode};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Option<PathBuf> {
    let p = manifest().join("../shared/fixtures/ofd");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/fixtures/ofd not present");
        None
    }
}

fn ofd_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ofd"))
        .collect();
    files.sort();
    files
}

fn text(path: &Path) -> Result<String, Error> {
    gongwen::testing::read(&std::fs::read(path).unwrap(), None).map(|s| s.text)
}

/// The non-space characters of every TextCode element of a package, as a multiset.
fn textcode_chars(path: &Path) -> HashMap<char, usize> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if !f.name().is_ok_and(|n| n.to_ascii_lowercase().ends_with(".xml")) {
            continue;
        }
        let mut xml = String::new();
        if f.read_to_string(&mut xml).is_err() {
            continue;
        }
        let mut reader = quick_xml::Reader::from_str(xml.trim_start_matches('\u{feff}'));
        let mut inside = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => inside = e.local_name().into_inner() == "TextCode",
                Ok(Event::End(_)) => inside = false,
                Ok(Event::Text(t)) if inside => {
                    for c in t.chars().filter(|c| !c.is_whitespace()) {
                        *out.entry(c).or_default() += 1;
                    }
                }
                Ok(Event::GeneralRef(r)) if inside => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => '&',
                        },
                    };
                    if !c.is_whitespace() {
                        *out.entry(c).or_default() += 1;
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    out
}

/// The share of the package's TextCode characters that the text holds (as multisets).
fn recovered(want: &HashMap<char, usize>, text: &str) -> f64 {
    let mut got: HashMap<char, usize> = HashMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *got.entry(c).or_default() += 1;
    }
    let total: usize = want.values().sum();
    let kept: usize = want.iter().map(|(c, n)| (*n).min(got.get(c).copied().unwrap_or(0))).sum();
    kept as f64 / total.max(1) as f64
}

/// Every package reads or is refused with a clean error; the ones with no text at all are
/// refused as scanned documents; at least 97% of the TextCode characters are recovered from at
/// least 90% of the packages that hold 20 or more.
#[test]
fn the_ofdrw_packages_read_and_their_text_is_recovered() {
    let Some(dir) = fixtures() else { return };
    let files = ofd_files(&dir);
    assert_eq!(files.len(), 56);
    let mut counted = 0;
    let mut short = Vec::new();
    let mut scanned = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap().to_string();
        let want = textcode_chars(f);
        let total: usize = want.values().sum();
        match text(f) {
            Ok(t) => {
                assert!(total > 0, "{name}: read, but it holds no TextCode");
                let share = recovered(&want, &t);
                if total >= 20 {
                    counted += 1;
                    if share < 0.97 {
                        short.push(format!("{name} {share:.3}"));
                    }
                }
            }
            Err(Error::NoText { format: Format::Ofd, why }) => {
                assert_eq!(why, "scanned document: no text layer (needs OCR)");
                assert_eq!(total, 0, "{name}: refused as scanned, but it holds {total} TextCode characters");
                scanned.push(name);
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    assert_eq!(scanned.len(), 6, "{scanned:?}");
    // What is not recovered is what no viewer shows: pages, templates and units that no page
    // draws (kept in the package when a test file was cut down), and labels a template draws
    // twice at the same place (read once). tools/ofd_recovery.py counts what is drawn: 41 of 42.
    let known = ["converter__SignScaleError.ofd", "converter__y.ofd", "converter__zsbk.ofd", "layout__fptpl.ofd"];
    for s in &short {
        assert!(known.iter().any(|k| s.starts_with(k)), "{s}: less than 97% of its TextCode characters");
    }
    let good = counted - short.len();
    assert!(good * 10 >= counted * 9, "{good} of {counted} packages recover 97%: {short:?}");
}

/// Expected texts, checked by hand against the text objects' positions (indents, page numbers,
/// table cells) with tools/ofd_objects.py.
#[test]
fn expected_texts() {
    let Some(dir) = fixtures() else { return };
    let expected = manifest().join("tests/fixtures/ofd");
    let mut checked = 0;
    for e in std::fs::read_dir(&expected).unwrap() {
        let want = e.unwrap().path();
        let name = want.file_stem().unwrap().to_str().unwrap();
        let got = text(&dir.join(format!("{name}.ofd"))).unwrap();
        assert_eq!(got, std::fs::read_to_string(&want).unwrap(), "{name}");
        checked += 1;
    }
    assert!(checked >= 7);
}

/// The red-header 批复: head, number, addressee, signature date, and the signature on the package.
#[test]
fn converter_n_is_a_notice() {
    let Some(dir) = fixtures() else { return };
    let bytes = std::fs::read(dir.join("converter__n.ofd")).unwrap();
    let doc = gongwen::parse(&bytes, &Default::default()).unwrap();
    assert_eq!(doc.source.format, Format::Ofd);
    assert!(doc.source.signed);
    let notice = doc.notice.expect("a notice");
    assert_eq!(notice.doc_number.as_deref(), Some("路卫发〔2011〕76号"));
    assert_eq!(notice.date.as_deref(), Some("2011-03-10"));
    assert_eq!(notice.addressees, vec!["区中医院".to_string()]);
    // The package prints the red header "测试符路桥区卫生局文件" and signs "测试符路桥区卫生局办公室"
    // (the same TextCode runs, same font: the test copy's mark is printed). The 文号 路卫发 starts
    // with the organ's place, so 测试符 is no part of the name, and the office that signs is the
    // masthead organ's own (src/head/masthead.rs).
    assert_eq!(notice.issuers, vec!["路桥区卫生局".to_string()]);
}

#[test]
fn signatures_are_reported() {
    let Some(dir) = fixtures() else { return };
    for (name, signed) in [("converter__n.ofd", true), ("sign__signedFile.ofd", true), ("crypto__hello.ofd", false)] {
        let doc = gongwen::parse(&std::fs::read(dir.join(name)).unwrap(), &Default::default()).unwrap();
        assert_eq!(doc.source.signed, signed, "{name}");
    }
}

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(manifest().join("tests/hostile").join(name)).unwrap()
}

#[test]
fn only_the_first_of_several_documents_is_read() {
    let doc = gongwen::parse(&hostile("ofd_two_documents.ofd"), &Default::default()).unwrap();
    let w = doc.warnings.iter().find(|w| w.code == WarningCode::OtherDocuments).expect("a warning");
    assert_eq!(w.message, "the package holds 2 documents: only the first was read");
    let src = gongwen::testing::read(&hostile("ofd_two_documents.ofd"), None).unwrap();
    assert_eq!(src.text, "第一个文档的正文。\n");
}

#[test]
fn hostile_packages_end_in_a_result_or_a_clean_error() {
    let text_of = |name: &str| gongwen::testing::read(&hostile(name), None).map(|s| s.text);
    assert_eq!(text_of("ofd_unit_loop.ofd").unwrap(), "自己画自己\n正文一行。\n");
    assert_eq!(text_of("ofd_g_repeat.ofd").unwrap(), "重复记号很长\n");
    assert_eq!(text_of("ofd_deep.ofd").unwrap(), "深处的文字\n");
    let many = gongwen::parse(&hostile("ofd_many_pages.ofd"), &Default::default()).unwrap();
    let budget = many.warnings.iter().find(|w| w.code == WarningCode::Damaged).expect("a damaged warning");
    assert!(budget.message.contains("read the first 200 pages"), "{}", budget.message);
    let damaged = |name: &str| match text_of(name) {
        Err(Error::Damaged { format: Format::Ofd, why }) => why,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(damaged("ofd_no_document.ofd"), "the document Doc_0/Document.xml named in OFD.xml is missing");
    assert_eq!(damaged("ofd_no_docbody.ofd"), "OFD.xml names no document (DocBody/DocRoot)");
    assert!(damaged("ofd_truncated.ofd").contains("Zip archive"));
    assert!(matches!(text_of("ofd_bomb.ofd"), Err(Error::Limit { .. })));
    assert!(matches!(text_of("ofd_images_only.ofd"), Err(Error::NoText { format: Format::Ofd, .. })));
}

/// The PDF twins that `cargo bench --bench ofd` times against their OFD (tools/make_ofd_twins.py:
/// the OFD's pages set again by reportlab) hold the same pages and glyphs and read to the same
/// characters, so the bench compares the two formats on the same pages.
#[test]
fn pdf_twins_hold_the_same_pages() {
    let Some(dir) = fixtures() else { return };
    let twins = manifest().join("tests/fixtures/pdf/ofd-twins");
    let limits = gongwen::Limits::default();
    let squeeze = |s: String| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for name in ["converter__n", "crypto__hello", "layout__SplitParagraph", "sign__doc1File"] {
        let ofd = std::fs::read(dir.join(format!("{name}.ofd"))).unwrap();
        let pdf = std::fs::read(twins.join(format!("{name}.pdf"))).unwrap();
        let ofd_pages = gongwen::testing::ofd::read_pages(&ofd, &limits).unwrap().pages;
        let pdf_pages = gongwen::testing::pdf::read_pages(&pdf, &limits, None).unwrap().pages;
        let glyphs = |p: &[gongwen::testing::layout::Page]| p.iter().map(|p| p.glyphs.len()).collect::<Vec<_>>();
        assert_eq!(glyphs(&ofd_pages), glyphs(&pdf_pages), "{name}: glyphs a page");
        let (a, b) = (
            squeeze(text(&dir.join(format!("{name}.ofd"))).unwrap()),
            squeeze(text(&twins.join(format!("{name}.pdf"))).unwrap()),
        );
        assert_eq!(a, b, "{name}: the twin reads otherwise");
    }
}
