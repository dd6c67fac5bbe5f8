//! The Word (.docx) reader: committed fixtures made by python-docx (tools/make_docx_fixtures.py)
//! with exact expected text, the cn-word oracle (what LibreOffice shows) and the POI corpus
//! (never a panic) read from ../shared when it is there.

#[path = "support/shared.rs"]
mod shared_dir;
use gongwen::testing::docx;
use gongwen::Cell;
use shared_dir::shared;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whitespace is layout (LibreOffice puts spaces after a list label, Word a tab): compare
/// without it.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line of LibreOffice's export as we compare it: whitespace out; a bullet LibreOffice draws is
/// dropped (we render no label for bullets); a footer page number ("—0—") is dropped (we leave
/// headers and footers out).
fn lo_line(line: &str) -> Option<String> {
    let s = squeeze(line);
    let s = s.trim_start_matches(['•', '●', '▪', '◦', '\u{F0B7}']);
    let page = s.trim_matches(['—', '-', '－']);
    if s.is_empty() || (page.len() < s.len() && !page.is_empty() && page.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    Some(s.to_string())
}

fn is_ooxml(path: &Path) -> bool {
    std::fs::read(path).map(|b| b.starts_with(b"PK\x03\x04")).unwrap_or(false)
}

/// Every OOXML file of cn-word against LibreOffice's text. Paragraph lists are compared without
/// whitespace and without empty paragraphs (LibreOffice drops anchored text boxes and adds blank
/// lines for frames).
#[test]
fn cn_word_matches_libreoffice() {
    let Some(dir) = shared("fixtures/cn-word") else { return };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    let (mut exact, mut total) = (0, 0);
    let mut failures = Vec::new();
    for path in names {
        if !path.is_file() || !is_ooxml(&path) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = dir.join("expected-lo").join(format!("{name}.txt"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        total += 1;
        let options = docx::Options { text_boxes: false, notes: true };
        let paras =
            docx::paragraphs_with(&std::fs::read(&path).unwrap(), options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours: Vec<String> = paras.iter().map(|p| squeeze(&p.text)).filter(|s| !s.is_empty()).collect();
        let theirs: Vec<String> = expected.lines().filter_map(lo_line).collect();
        if ours == theirs {
            exact += 1;
        } else {
            let first = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
            failures.push(format!(
                "{name}: {} vs {} paragraphs, first difference at {first}: ours {:?} / LibreOffice {:?}",
                ours.len(),
                theirs.len(),
                ours.get(first),
                theirs.get(first)
            ));
        }
    }
    println!("cn-word: {exact}/{total} OOXML files match LibreOffice exactly");
    for f in &failures {
        println!("  {f}");
    }
    assert!(failures.is_empty(), "{} of {total} cn-word files differ from LibreOffice", failures.len());
}

/// Every POI test document (Word 2007+ ones, many of them odd or damaged on purpose) gives Ok or a
/// clean error, never a panic; the whole reader entry point is used so a non-ZIP goes elsewhere.
#[test]
fn poi_word_never_panics() {
    let Some(dir) = shared("fixtures/poi-word") else { return };
    let (mut ok, mut err, mut total) = (0, 0, 0);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if !is_ooxml(&path) {
            continue;
        }
        total += 1;
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let result = std::panic::catch_unwind(|| docx::paragraphs(&bytes));
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => {
                println!("  {name}: {e}");
                err += 1
            }
            Err(_) => panic!("{name}: the reader panicked"),
        }
    }
    println!("poi-word: {total} OOXML files, {ok} read, {err} refused cleanly");
    assert!(total == 0 || ok * 10 >= total * 9, "too many refusals");
}

/// Prints the paragraphs of the file named by DOCX_DUMP (a development aid).
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("DOCX_DUMP") else { return };
    let paras = docx::paragraphs(&std::fs::read(path).unwrap()).unwrap();
    for p in paras {
        println!("{:?} {:?}", p.cell.map(|c| (c.table, c.row, c.col)), p.text);
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(manifest().join("tests/fixtures/docx").join(name)).unwrap()
}

fn texts(name: &str) -> Vec<String> {
    docx::paragraphs(&fixture(name)).unwrap().into_iter().map(|p| p.text).collect()
}

/// Auto-numbering in 公文 formats (one multi-level list, style-inherited numbering through
/// w:basedOn, numId 0, a second instance continuing the list, a start override restarting it,
/// chineseCountingThousand with w:start, %1.%2, circled and 甲乙丙 numbers, a bullet). Checked
/// against LibreOffice 7.4's own rendering of the same file, except "b)": the level has
/// w:lvlRestart 0 (never restart), which Word honours and LibreOffice ignores.
#[test]
fn numbering_is_rendered_as_word_shows_it() {
    let expected = [
        "关于印发某某工作方案的通知",
        "一、总体要求",
        "（一）指导思想",
        "（二）工作目标",
        "1.到2025年，完成改造任务。",
        "（1）建立台账。",
        "（2）按月调度。",
        "2.加强考核。",
        "正文段落不编号。",
        "二、重点任务",
        "（一）推进改造",
        "此段样式带编号但 numId 为 0：不编号。",
        "三、保障措施",
        "一、附则重新编号",
        "二、沿用原列表",
        "第九条 条款",
        "九.1\t细则",
        "九.2\t细则",
        "第十条 条款",
        "①圈码",
        "甲、甲项",
        "a)小项",
        "乙、乙项",
        "b)小项不重新开始",
        "②圈码",
        "项目符号不显示",
    ];
    assert_eq!(texts("numbering.docx"), expected);
}

/// A task table: a horizontal merge (gridSpan) moves the next cell's column on; a vertically
/// merged continuation cell gives no paragraph.
#[test]
fn table_cells_carry_their_position() {
    let paras = docx::paragraphs(&fixture("table.docx")).unwrap();
    type Row<'a> = (Option<(u32, u32, u32)>, &'a str);
    let got: Vec<Row> =
        paras.iter().map(|p| (p.cell.map(|c: Cell| (c.table, c.row, c.col)), p.text.as_str())).collect();
    let expected: Vec<Row> = vec![
        (None, "附件"),
        (None, "重点任务分解表"),
        (Some((0, 0, 0)), "序号及任务"),
        (Some((0, 0, 2)), "牵头单位"),
        (Some((0, 0, 3)), "完成时限"),
        (Some((0, 1, 0)), "1"),
        (Some((0, 1, 1)), "建设数据平台"),
        (Some((0, 1, 2)), "市数据局"),
        (Some((0, 1, 3)), "2025年6月底前"),
        (Some((0, 2, 0)), "2"),
        (Some((0, 2, 1)), "完善标准体系"),
        (Some((0, 2, 3)), "2025年12月底前"),
        (Some((0, 3, 0)), "3"),
        (Some((0, 3, 1)), "开展试点示范"),
        (Some((0, 3, 2)), "市发展改革委"),
        (Some((0, 3, 3)), "持续推进"),
        (None, "表后段落。"),
    ];
    assert_eq!(got, expected);
}

/// Tracked changes as accepted, hidden text dropped, tab kept, line break as a space, field
/// instructions dropped and results kept, a PAGE field and the footer left out.
#[test]
fn revisions_fields_and_hidden_text() {
    assert_eq!(
        texts("tracked.docx"),
        [
            "各区人民政府、市政府各部门：",
            "现将方案印发给你们，请认真贯彻执行。",
            "联系人：张三\t电话：12345 日期：2024年1月1日",
            "第页",
            "抄送：市委办公室。",
        ]
    );
}

/// The reader entry point chooses Word by the ZIP magic and the main part.
#[test]
fn read_dispatches_on_the_bytes() {
    let src = gongwen::testing::read(&fixture("tracked.docx"), None).unwrap();
    assert_eq!(src.format.name(), "docx");
    assert_eq!(src.encoding, "UTF-8");
    assert!(src.text.starts_with("各区人民政府、市政府各部门：\n"));
    // A line break inside a paragraph never splits the line.
    assert_eq!(src.text.lines().count(), 5);
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn refusal(bytes: &[u8]) -> String {
    match gongwen::testing::read(bytes, None) {
        Err(e) => e.to_string(),
        Ok(s) => panic!("read as {}: {:?}", s.format, s.text),
    }
}

#[test]
fn a_zip_that_is_not_word_is_refused() {
    let bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(refusal(&bytes), "not a document: a ZIP archive without word/document.xml: not a Word document");
}

/// Workbooks and presentations written by openpyxl and python-pptx (tools/make_not_word.py) are
/// refused for what they are, whatever the file is called: never read as an empty .docx.
#[test]
fn ooxml_that_is_not_word_is_refused_for_what_it_is() {
    for (name, why) in [
        ("workbook.xlsx", "an Excel workbook, not a Word document"),
        ("workbook-as.docx", "an Excel workbook, not a Word document"),
        ("slides.pptx", "a PowerPoint file, not a Word document"),
    ] {
        match gongwen::parse(&fixture(name), &gongwen::Options::default()) {
            Err(gongwen::Error::Unsupported { why: w, .. }) => assert_eq!(w, why, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    // Without its content types, the main part's root element still tells.
    let bytes = zip_of(&[
        ("_rels/.rels", br#"<Relationships><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", b"<workbook><sheets/></workbook>"),
    ]);
    assert_eq!(refusal(&bytes), "not a document: an Excel workbook, not a Word document");
}

/// numbering.docx with one auxiliary part's compressed bytes damaged (tools/make_not_word.py):
/// the body is read and the document says which part was lost.
#[test]
fn a_damaged_auxiliary_part_costs_only_itself() {
    for (name, part, items) in [
        ("bad-styles.docx", "word/styles.xml", true),
        ("bad-numbering.docx", "word/numbering.xml", false),
        ("bad-doc-rels.docx", "word/_rels/document.xml.rels", true),
        ("bad-root-rels.docx", "_rels/.rels", true),
    ] {
        let doc =
            gongwen::parse(&fixture(name), &gongwen::Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let damaged: Vec<_> = doc.warnings.iter().filter(|w| w.code == gongwen::WarningCode::Damaged).collect();
        assert!(damaged.len() == 1 && damaged[0].message.contains(part), "{name}: {:?}", doc.warnings);
        let body = gongwen::read_text(&fixture(name), &gongwen::Options::default()).unwrap().text;
        for line in ["关于印发某某工作方案的通知", "建立台账。", "项目符号不显示"] {
            assert!(body.contains(line), "{name}: {line} missing");
        }
        // Without numbering.xml the list labels (一、（一）) are gone, and with them the items.
        assert_eq!(!doc.items.is_empty(), items, "{name}");
    }
}

#[test]
fn damaged_and_oversized_packages_are_refused_cleanly() {
    let good = fixture("tracked.docx");
    let cut = &good[..good.len() / 2];
    assert!(refusal(cut).starts_with("not a document: damaged .docx:"), "{}", refusal(cut));
    // 8 MB of one byte deflates over 1000:1: refused before it is inflated.
    let bomb = zip_of(&[("word/document.xml", &vec![b' '; 8 << 20])]);
    let why = refusal(&bomb);
    assert!(why.starts_with("a ZIP bomb: ") && why.contains("(--max-compression-ratio)"), "{why}");
    // A document.xml that is not XML at all gives no text, not an error or a panic.
    let junk = zip_of(&[("word/document.xml", b"\x00\x01<<<&&&")]);
    assert_eq!(gongwen::testing::read(&junk, None).unwrap().text, "");
}

/// Text past the text limit (--max-text-size; by default 20 times the input, at least 64 MB) is
/// a Limit error before anything is built on it; a .docx part may not inflate past it either.
#[test]
fn text_past_the_text_limit_is_refused() {
    let mut xml =
        String::from(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#);
    for i in 0..40_000u32 {
        xml.push_str(&format!(
            "<w:p><w:r><w:t>第{i}条 各区县要在{}月底前完成第{}项任务。</w:t></w:r></w:p>",
            i % 12 + 1,
            i * 7919 % 10007
        ));
    }
    xml.push_str("</w:body></w:document>");
    let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
    let text = gongwen::testing::read(&bytes, None).unwrap().text;
    assert!(text.len() > 2 << 20, "{}", text.len());
    let limits = gongwen::Limits { max_text_bytes: 1 << 20, ..gongwen::Limits::default() };
    let opts = gongwen::Options { limits, ..gongwen::Options::default() };
    match gongwen::parse(&bytes, &opts) {
        // Refused as its XML inflates past the limit: the text is never built.
        Err(gongwen::Error::Limit { kind: gongwen::LimitKind::TextSize, limit, why, .. }) => {
            assert_eq!(limit, 1 << 20);
            assert!(why.contains("word/document.xml") && why.contains("--max-text-size"), "{why}");
        }
        other => panic!("{:?}", other.map(|d| d.items.len())),
    }
    // The default (64 MB here) lets it through.
    assert!(gongwen::parse(&bytes, &gongwen::Options::default()).is_ok());
}

/// Every byte prefix and a few byte flips of a real .docx: never a panic.
#[test]
fn mangled_bytes_never_panic() {
    let good = fixture("numbering.docx");
    for cut in (0..good.len()).step_by(997) {
        let _ = gongwen::testing::read(&good[..cut], None);
    }
    for i in (30..good.len()).step_by(331) {
        let mut bad = good.clone();
        bad[i] ^= 0x5a;
        let _ = gongwen::testing::read(&bad, None);
    }
}

fn flat(items: &[gongwen::Item], out: &mut Vec<(String, String)>) {
    for i in items {
        out.push((i.path.clone(), i.text.chars().filter(|c| !c.is_whitespace()).take(20).collect()));
        flat(&i.children, out);
    }
}

fn items_of(bytes: &[u8]) -> Vec<(String, String)> {
    let doc = gongwen::parse(bytes, &gongwen::Options::default()).unwrap();
    let mut v = Vec::new();
    flat(&doc.items, &mut v);
    v
}

/// A corpus text written to .docx by LibreOffice (one line, one paragraph) parses into the same
/// items as the text itself. GONGWEN_DOCX_CORPUS=DIR checks every DIR/NAME.docx made by
/// ../shared/tools/make_docs.sh the same way.
#[test]
fn corpus_docx_gives_the_same_items_as_the_text() {
    let Some(docs) = shared("corpus/docs") else { return };
    let mut pairs = vec![(docs.join("000.txt"), manifest().join("tests/fixtures/docx/corpus-000.docx"))];
    if let Ok(dir) = std::env::var("GONGWEN_DOCX_CORPUS") {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let txt = docs.join(p.with_extension("txt").file_name().unwrap());
            if txt.is_file() {
                pairs.push((txt, p));
            }
        }
    }
    let mut same = 0;
    for (n, (txt, docx)) in pairs.iter().enumerate() {
        let a = items_of(&std::fs::read(txt).unwrap());
        let b = items_of(&std::fs::read(docx).unwrap());
        if a == b {
            same += 1;
        } else {
            let i = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            println!(
                "  {}: {} vs {} items, first difference {:?} / {:?}",
                docx.display(),
                a.len(),
                b.len(),
                a.get(i),
                b.get(i)
            );
            // The committed one must agree; the others are a report.
            assert!(n > 0, "corpus-000.docx parses differently from 000.txt");
        }
    }
    println!("corpus: {same}/{} .docx give the same items as their .txt", pairs.len());
}

/// Files per second of `docx::paragraphs` over the .docx files of GONGWEN_DOCX_BENCH=DIR (run
/// with --release --ignored).
#[test]
#[ignore]
fn throughput() {
    let Ok(dir) = std::env::var("GONGWEN_DOCX_BENCH") else { return };
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| is_ooxml(&e.path()))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let start = std::time::Instant::now();
    let mut n = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        for f in &files {
            std::hint::black_box(docx::paragraphs(f).map(|p| p.len()).unwrap_or(0));
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "throughput: {:.0} files/s ({} files, mean {} KB)",
        n as f64 / secs,
        files.len(),
        bytes / files.len().max(1) / 1024
    );
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

/// A hand-made package without relationship parts: text boxes inline before their anchor
/// paragraph (the VML fallback copy left out), ruby text left out, footnotes after the body,
/// a numPr without numbering.xml giving no label.
#[test]
fn text_boxes_notes_and_ruby() {
    let doc = format!(
        r#"<w:document {W}><w:body>
        <w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
          <w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>某某市人民政府文件</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
          <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>某某市人民政府文件</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
          </mc:AlternateContent><w:t>第一</w:t></w:r><w:r><w:t>段</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
        <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:ruby><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>音 &amp; &#x4E00;</w:t></w:r></w:p>
        </w:body></w:document>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
        <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 见附件。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let bytes = zip_of(&[("word/document.xml", doc.as_bytes()), ("word/footnotes.xml", notes.as_bytes())]);
    let got: Vec<String> = docx::paragraphs(&bytes).unwrap().into_iter().map(|p| p.text).collect();
    assert_eq!(got, ["某某市人民政府文件", "正文第一段", "注音 & 一", "见附件。"]);
    let without = docx::paragraphs_with(&bytes, docx::Options { text_boxes: false, notes: false }).unwrap();
    let got: Vec<&str> = without.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got, ["正文第一段", "注音 & 一"]);
}
