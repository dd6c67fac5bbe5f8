//! The OFD reader (package, Document.xml, page content with text objects, units, templates,
//! annotations), then the layout stage and the pipeline. Input starting "PK" is taken as a whole
//! package; any other input is cut at 0xFF bytes into a page's Content.xml, Document.xml, a
//! resource file and an annotation file, packed into an OFD here, so that the fuzzer spends its
//! time in the XML the reader interprets rather than in ZIP structure.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Write;

const OFD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>"#;
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>Res.xml</ofd:DocumentRes><ofd:TemplatePage ID="9" BaseLoc="Pages/Page_0/Content.xml"/></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages><ofd:Annotations>Annotations.xml</ofd:Annotations></ofd:Document>"#;
const ANNOTATIONS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Page PageID="1"><ofd:FileLoc>Annot.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>"#;

fn package(data: &[u8]) -> Vec<u8> {
    let mut parts = data.splitn(4, |&b| b == 0xFF);
    let content = parts.next().unwrap_or_default();
    let document = parts.next().unwrap_or(DOCUMENT.as_bytes());
    let res = parts.next().unwrap_or_default();
    let annot = parts.next().unwrap_or_default();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("OFD.xml", OFD.as_bytes()),
        ("Doc_0/Document.xml", document),
        ("Doc_0/Pages/Page_0/Content.xml", content),
        ("Doc_0/Res.xml", res),
        ("Doc_0/Annotations.xml", ANNOTATIONS.as_bytes()),
        ("Doc_0/Annot.xml", annot),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") { data.to_vec() } else { package(data) };
    if let Ok(src) = gongwen::testing::ofd::read_with(&bytes, &gongwen::Limits::default()) {
        let _ = gongwen::parse_source(&src, &bytes, &gongwen::Options::default());
    }
});
