//! The PDF reader on files made by real writers (tests/fixtures/pdf/made: reportlab and qpdf, by
//! tools/make_pdf_fixtures.py) and on a few of pdf.js's test files (../shared): text, encryption
//! and passwords, scanned pages, signatures, sniffing, and the CLI/batch faces of those.

#[path = "support/cli.rs"]
mod cli;

use gongwen::{Error, Format, Limits, Options, WarningCode};
use std::path::PathBuf;

fn made(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/made").join(name)).unwrap()
}

fn made_path(name: &str) -> String {
    format!("{}/tests/fixtures/pdf/made/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn pdfjs(name: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/pdfjs").join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: ../shared not present ({name})");
            None
        }
    }
}

fn text(bytes: &[u8], password: Option<&str>) -> Result<String, Error> {
    gongwen::read::read_with_password(bytes, None, &Limits::default(), password).map(|s| s.text)
}

fn parse(bytes: &[u8], password: Option<&str>) -> Result<gongwen::Document, Error> {
    let opts = Options { path: "x.pdf".into(), password: password.map(str::to_string), ..Default::default() };
    gongwen::parse(bytes, &opts)
}

/// reportlab's STSong-Light: a CID font that is not embedded, UniGB-UCS2-H, no ToUnicode. The lines
/// as drawn (checked against the script that draws them).
#[test]
fn notice_in_a_non_embedded_chinese_cid_font() {
    let t = text(&made("notice.pdf"), None).unwrap();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines[0], "关于印发《某市数字政府建设实施方案》的通知");
    assert!(lines.contains(&"各区人民政府，市政府各部门："), "{t}");
    assert!(t.contains("现将《某市数字政府建设实施方案》印发给你们，请认真贯彻落实。"), "{t}");
    assert!(t.contains("一、总体要求（2023年12月31日前完成）"), "{t}");
    assert!(t.contains("ABC abc 123"), "{t}");
    let doc = parse(&made("notice.pdf"), None).unwrap();
    assert_eq!(doc.source.format, Format::Pdf);
    assert!(!doc.source.signed);
    assert_eq!(doc.title.as_deref(), Some("某市数字政府建设实施方案"));
}

#[test]
fn user_passwords_rc4_aes128_aes256() {
    for (name, expected) in [
        ("rc4_user.pdf", "用户密码加密的文件（RC4）。"),
        ("aes128_user.pdf", "用户密码加密的文件（AES）。"),
        ("aes256_user.pdf", "用户密码加密的文件（AES）。"),
    ] {
        let bytes = made(name);
        assert_eq!(text(&bytes, Some("secret")).unwrap().trim(), expected, "{name}");
        for wrong in [None, Some("wrong")] {
            match text(&bytes, wrong) {
                Err(Error::Encrypted { format: Format::Pdf }) => {}
                other => panic!("{name} with {wrong:?}: {other:?}"),
            }
        }
    }
}

#[test]
fn owner_password_only_is_read_without_one() {
    assert_eq!(text(&made("owner_only.pdf"), None).unwrap().trim(), "只有所有者密码，禁止复制。");
}

/// pdf.js's encrypted files with an empty user password: RC4, AES-128, AES-256.
#[test]
fn empty_user_password_files_of_pdfjs() {
    for (name, expected) in [
        ("issue17215.pdf", "Dummy PDF file"),
        ("issue9972-1.pdf", "Personal Vitality Rebate"),
        ("pr6531_2.pdf", "Bluebeam should be encrypting this."),
    ] {
        let Some(bytes) = pdfjs(name) else { return };
        let t = text(&bytes, None).unwrap();
        assert!(t.contains(expected), "{name}: {t}");
    }
}

#[test]
fn scanned_pdf_is_no_text() {
    match parse(&made("scanned.pdf"), None) {
        Err(e @ Error::NoText { format: Format::Pdf, .. }) => {
            assert_eq!(e.to_string(), "not a document: scanned document: no text layer (needs OCR)")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pages_without_text_are_named() {
    let doc = parse(&made("mixed.pdf"), None).unwrap();
    let w: Vec<_> = doc.warnings.iter().filter(|w| w.code == WarningCode::PagesWithoutText).collect();
    assert_eq!(w.len(), 1, "{:?}", doc.warnings);
    assert_eq!(w[0].message, "page 2 holds no text (scanned images?): only the other pages were read");
}

#[test]
fn signed_pdfs() {
    for (name, signed) in [("signed_verified.pdf", true), ("issue17069.pdf", true), ("issue6127.pdf", false)] {
        let Some(bytes) = pdfjs(name) else { return };
        assert_eq!(parse(&bytes, None).unwrap().source.signed, signed, "{name}");
    }
    // Unsigned documents do not carry the field at all (other formats' JSON is unchanged).
    let json = serde_json::to_string(&parse(&made("notice.pdf"), None).unwrap()).unwrap();
    assert!(!json.contains("\"signed\""));
}

/// `%PDF-` is looked for in the first 1,024 bytes only.
#[test]
fn sniffing() {
    let pdf = made("notice.pdf");
    let mut junk = vec![b'x'; 1000];
    junk.extend_from_slice(&pdf);
    assert!(text(&junk, None).unwrap().contains("各区人民政府"));
    let mut far = vec![b'\n'; 2000];
    far.extend_from_slice(&pdf);
    assert!(!gongwen::read::pdf::sniff(&far));
}

/// The Chinese pdf.js files read as pdftotext reads them (checked by hand against the page
/// images: Identity-H CID fonts with ToUnicode, CFF and TrueType).
#[test]
fn chinese_pdfjs_files() {
    for (name, expected) in [
        ("issue19360.pdf", "坚持社会主义核心价值体系"),
        ("issue12823.pdf", "描述团队的共同目标，有利于团队成员理解目标并朝着目标努力。"),
    ] {
        let Some(bytes) = pdfjs(name) else { return };
        let t = text(&bytes, None).unwrap();
        assert!(t.contains(expected), "{name}: {t}");
    }
}

#[test]
fn cli_password_and_batch_status() {
    let (code, out, err) = cli::run(None, &["text", "--password", "secret", &made_path("aes256_user.pdf")], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(String::from_utf8_lossy(&out).trim(), "用户密码加密的文件（AES）。");
    let (code, _, err) = cli::run(None, &["parse", "--password", "nope", &made_path("aes256_user.pdf")], None);
    assert_eq!(code, 1);
    assert!(err.contains("encrypted"), "{err}");
    let (code, _, err) = cli::run(None, &["parse", &made_path("scanned.pdf")], None);
    assert_eq!(code, 1);
    assert!(err.ends_with("scanned document: no text layer (needs OCR)\n"), "{err}");

    let dir = std::env::temp_dir().join(format!("gongwen-pdf-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let args = ["batch", &made_path("scanned.pdf"), &made_path("rc4_user.pdf"), "-o", dir.to_str().unwrap(), "-q"];
    let (code, _, _) = cli::run(None, &[&args[..], &["--password", "secret"]].concat(), None);
    assert_eq!(code, 3, "one input failed");
    let index = std::fs::read_to_string(dir.join("index.jsonl")).unwrap();
    let rows: Vec<serde_json::Value> = index.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let status =
        |name: &str| rows.iter().find(|r| r["path"].as_str().unwrap().ends_with(name)).unwrap()["status"].clone();
    assert_eq!(status("scanned.pdf"), "failed");
    assert_eq!(status("rc4_user.pdf"), "ok");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pdf_limits_have_flags() {
    let (code, _, err) = cli::run(None, &["parse", "--max-pdf-pages", "1", &made_path("notice.pdf")], None);
    assert_eq!(code, 1);
    assert!(err.contains("more than 1 pages (--max-pdf-pages)"), "{err}");
    let limits = Limits { max_pdf_objects: 3, ..Limits::default() };
    match gongwen::read::read_with(&made("notice.pdf"), None, &limits) {
        Err(Error::Limit { kind: gongwen::LimitKind::PdfObjects, .. }) => {}
        other => panic!("{other:?}"),
    }
}
