//! The .doc/.wps reader: text against independent readers, numbering and cells against
//! LibreOffice, and robustness on every file of the shared POI corpus.

#[path = "support/shared.rs"]
mod shared_dir;
use gongwen::testing::{self as read, doc};
use gongwen::Error;
use shared_dir::shared;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text with whitespace and antiword's table borders removed.
fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '|').collect()
}

fn first_difference(a: &str, b: &str) -> String {
    let i = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let ctx = |s: &str| s.chars().skip(i.saturating_sub(20)).take(60).collect::<String>();
    format!("at char {i}:\n ours: {}\n want: {}", ctx(a), ctx(b))
}

#[test]
fn poi_fixtures_match_antiword_and_catdoc() {
    let dir = manifest().join("tests/fixtures/doc");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("doc") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let want = std::fs::read_to_string(path.with_extension("doc.txt")).unwrap();
        let got = read::read(&bytes, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(got.format.name(), "doc", "{}", path.display());
        let (a, b) = (norm(&got.text), norm(&want));
        assert!(a == b, "{}: {}", path.display(), first_difference(&a, &b));
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} fixtures");
}

/// Every OLE2 .doc/.wps of the Chinese fixture set equals what LibreOffice shows (whitespace
/// aside), list labels included.
#[test]
fn cn_word_matches_libreoffice() {
    let Some(dir) = shared("fixtures/cn-word") else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if !doc::is_ole2(&bytes) {
            continue;
        }
        let want = std::fs::read_to_string(dir.join("expected-lo").join(format!("{name}.txt"))).unwrap();
        let got = read::read(&bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (a, b) = (norm(&got.text), norm(&want));
        assert!(a == b, "{name}: {}", first_difference(&a, &b));
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} OLE2 files");
}

fn cn(name: &str) -> Option<Vec<u8>> {
    let dir = shared("fixtures/cn-word")?;
    Some(std::fs::read(dir.join(name)).unwrap())
}

#[test]
fn wps_files_are_told_apart() {
    for (name, format) in
        [("185-test.wps", "wps"), ("ShiFang.wps", "wps"), ("blankTemplate.doc", "wps"), ("通知.doc", "doc")]
    {
        let Some(bytes) = cn(name) else { return };
        assert_eq!(read::read(&bytes, None).unwrap().format.name(), format, "{name}");
    }
}

/// 185-test.wps: three decimal lists "%1、" written by WPS; the labels are rendered in front.
#[test]
fn list_labels_are_rendered() {
    let Some(bytes) = cn("185-test.wps") else { return };
    let d = doc::read_paragraphs(&bytes).unwrap();
    let lines: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(lines[0].starts_with("1、发文"), "{:?}", lines[0]);
    assert!(lines[6].starts_with("7、发文“发文跟踪”"), "{:?}", lines[6]);
    let restart = lines.iter().position(|l| l.starts_with("7月更新")).unwrap();
    assert!(lines[restart + 1].starts_with("1、新增处理笺"), "{:?}", lines[restart + 1]);
}

/// 1报名推荐表.doc: one form table; paragraphs of a cell share its position.
#[test]
fn table_cells_are_placed() {
    let Some(bytes) = cn("1报名推荐表.doc") else { return };
    let d = doc::read_paragraphs(&bytes).unwrap();
    let p = &d.paragraphs;
    assert_eq!(p[0].text, "淳安县专业岗位领导干部遴选报名推荐表（样表）");
    assert_eq!(p[0].cell, None);
    let cell = |t: &str| p.iter().find(|x| x.text == t).and_then(|x| x.cell).map(|c| (c.table, c.row, c.col));
    assert_eq!(cell("姓　名"), Some((0, 0, 0)));
    assert_eq!(cell("XXX"), Some((0, 0, 1)));
    assert_eq!(cell("出生年月"), Some((0, 0, 4)));
    assert_eq!(cell("(   岁)"), Some((0, 0, 4)));
    assert_eq!(cell("民　族"), Some((0, 1, 0)));
    assert!(p.last().unwrap().text.starts_with("注："));
    assert_eq!(p.last().unwrap().cell, None);
}

#[test]
fn chinese_word97_text() {
    let Some(bytes) = cn("通知.doc") else { return };
    let t = read::read(&bytes, None).unwrap();
    assert_eq!(t.format.name(), "doc");
    let lines: Vec<&str> = t.text.lines().collect();
    assert_eq!(lines[0], "中共浙江省淳安县委组织部");
    assert!(lines.contains(&"一、遴选职位"));
    assert!(lines.contains(&"1.县人力资源和社会保障局副局长；"));
}

/// Every file of the POI corpus (any extension): a result or an error, never a panic; the
/// work is bounded: the text is never longer than a small multiple of the input.
#[test]
fn poi_corpus_never_panics() {
    let Some(dir) = shared("fixtures/poi-word") else { return };
    let (mut ok, mut err) = (0, 0);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        match read::read(&bytes, None) {
            Ok(t) => {
                assert!(t.text.len() <= bytes.len() * 4 + 4096, "{}: output too long", path.display());
                ok += 1;
            }
            Err(
                e @ (Error::NotADocument { .. }
                | Error::Unsupported { .. }
                | Error::Encrypted { .. }
                | Error::Damaged { .. }),
            ) => {
                let why = e.to_string();
                assert!(!why.contains('\n'), "{}: {why}", path.display());
                err += 1;
            }
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
    eprintln!("poi-word: {ok} read, {err} refused");
    assert!(ok + err > 200);
}

#[test]
fn encrypted_files_are_refused_plainly() {
    let Some(dir) = shared("fixtures/poi-word") else { return };
    for name in ["PasswordProtected.doc", "password_tika_binaryrc4.doc", "password_password_cryptoapi.doc"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let e = read::read(&bytes, None).unwrap_err();
        assert!(matches!(e, Error::Encrypted { format: gongwen::Format::Doc }), "{name}: {e}");
        assert!(e.to_string().contains("the document is encrypted (password-protected)"), "{name}: {e}");
    }
}

/// Builds an OLE2 file with the given streams.
fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        cf.create_stream(name).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn other_ole2_files_are_named() {
    let msg = |b: Vec<u8>| read::read(&b, None).unwrap_err().to_string();
    assert!(msg(ole(&[("Workbook", b"x")])).contains("an Excel workbook, not a Word document"));
    assert!(msg(ole(&[("PowerPoint Document", b"x")])).contains("a PowerPoint file, not a Word document"));
    assert!(msg(ole(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]))
        .contains("the document is encrypted (password-protected)"));
    assert!(msg(ole(&[("WordDocument", b"\xec\xa5")])).contains("damaged .doc"));
}

/// Truncations and byte flips of a real file: never a panic.
/// Word 97, Far-East Word 95 (UTF-16 pieces) and Word 2 (no container) files are checked.
#[test]
fn damaged_copies_never_panic() {
    for name in ["Bug47742.doc", "Bug51944.doc", "word2.doc"] {
        let bytes = std::fs::read(manifest().join("tests/fixtures/doc").join(name)).unwrap();
        for cut in (0..bytes.len()).step_by(997) {
            let _ = read::read(&bytes[..cut], None);
        }
        let mut seed: u32 = 12345;
        for _ in 0..300 {
            let mut b = bytes.clone();
            for _ in 0..8 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                // Word 2 has no container to catch damage: flip bytes of its FIB too.
                let i = if seed & 1 == 0 {
                    (seed as usize >> 4) % 0x80.min(b.len())
                } else {
                    (seed as usize >> 4) % b.len()
                };
                b[i] = (seed >> 24) as u8;
            }
            let _ = read::read(&b, None);
        }
    }
}

#[test]
fn poi_fixture_paths_exist() {
    assert!(Path::new(&manifest().join("tests/fixtures/doc/README.md")).exists());
}

fn poi(name: &str) -> Option<Vec<u8>> {
    let dir = shared("fixtures/poi-word")?;
    Some(std::fs::read(dir.join(name)).unwrap())
}

/// footnote.doc: a footnote and an endnote follow the body, one paragraph each, without their
/// reference marks; the comment ("TestComment") is left out.
#[test]
fn notes_follow_the_body() {
    let Some(bytes) = poi("footnote.doc") else { return };
    let d = doc::read_paragraphs(&bytes).unwrap();
    let lines: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(lines, ["Test text", "TestFootnote", "TestEndnote"]);
}

/// test-fields.doc: the footnote, the endnote and then the text box come after the body, in
/// their CP order as antiword and catdoc print them; fields in the stories show their results;
/// the header's text box is left out.
#[test]
fn text_boxes_follow_the_notes() {
    let bytes = std::fs::read(manifest().join("tests/fixtures/doc/test-fields.doc")).unwrap();
    let d = doc::read_paragraphs(&bytes).unwrap();
    let lines: Vec<&str> = d.paragraphs.iter().map(|p| p.text.trim_end()).collect();
    let at = |t: &str| lines.iter().position(|l| *l == t).unwrap_or_else(|| panic!("{t:?} not in {lines:?}"));
    let body = at("Some annotation linking here");
    let foot = at("Footnote with field: Fridrich Strba");
    let end = at("Field in EndNote. File size: 0");
    let boxed = at("Field in text box: 2");
    assert!(body < foot && foot < end && end < boxed, "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("Textbox in header")), "{lines:?}");
}
