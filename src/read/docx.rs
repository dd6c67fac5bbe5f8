//! Word OOXML (.docx, .docm, .dotx, .dotm, and WPS Office files saved as OOXML under .wps/.wpt):
//! paragraphs in reading order with Word's auto-numbering rendered in front ("一、", "（一）").
//!
//! Streaming throughout: the ZIP parts are inflated one at a time (bounded) and the XML is read as
//! events, never built into a tree.

mod body;
pub(crate) mod container;
pub mod numbering;
mod styles;

use super::{join, Paragraph, SourceText};
use crate::error::Error;
use crate::limits::Limits;
use crate::model::Format;
use container::Package;
use quick_xml::events::BytesStart;

/// The ZIP local-file-header magic every OOXML package starts with.
pub const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// A ZIP that is not a Word package (no main document part).
fn not_word() -> Error {
    Error::Unsupported {
        format: Format::Docx,
        why: "a ZIP archive without word/document.xml: not a Word document".into(),
    }
}

/// Reads a Word OOXML package into the source text (one paragraph a line).
pub fn read(bytes: &[u8]) -> Result<SourceText, Error> {
    read_with(bytes, &Limits::default())
}

/// [`read`] within the given limits. A part whose XML breaks off (a damaged or truncated
/// package) gives the text read up to the break, and the source text says so in `damage`.
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<SourceText, Error> {
    let out = read_package(bytes, Options::default(), limits)?;
    let mut src = join(&out.paragraphs, Format::Docx, "UTF-8");
    src.damage = out.damage;
    Ok(src)
}

/// The paragraphs of a package, and what was damaged in it.
struct Read {
    paragraphs: Vec<Paragraph>,
    damage: Option<String>,
}

/// What to read besides the body text.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Text-box paragraphs (w:txbxContent), placed before the paragraph they are anchored in.
    /// Red-head templates put the issuing organ there; LibreOffice's text export leaves them out.
    pub text_boxes: bool,
    /// Footnotes and endnotes, after the body in the order they are referenced.
    pub notes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { text_boxes: true, notes: true }
    }
}

/// Reads a Word OOXML package into paragraphs: the body in reading order (table cells marked,
/// text boxes where they are anchored), then the footnotes and endnotes in the order they are
/// referenced. Headers and footers are left out.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Paragraph>, Error> {
    paragraphs_with(bytes, Options::default())
}

/// [`paragraphs`] with a choice of what to read.
pub fn paragraphs_with(bytes: &[u8], options: Options) -> Result<Vec<Paragraph>, Error> {
    Ok(read_package(bytes, options, &Limits::default())?.paragraphs)
}

fn read_package(bytes: &[u8], options: Options, limits: &Limits) -> Result<Read, Error> {
    let mut pkg = Package::open(bytes, limits)?;
    let mut damage = Damage::default();
    let main = main_part(&mut pkg, &mut damage)?;
    let rels = damage.aux(pkg.relationships(&main), "the relationships of the document")?.unwrap_or_default();
    let target = |kind: &str| rels.iter().find(|(ty, _)| ty.rsplit('/').next() == Some(kind)).map(|(_, t)| t.clone());
    // An auxiliary part that cannot be read (a bad checksum, a truncated entry) costs what it
    // holds (styles, list numbers, notes), not the body: the document says it is damaged.
    let aux = |pkg: &mut Package, kind: &str, fallback: &str, damage: &mut Damage| -> Result<Option<String>, Error> {
        let part = match target(kind) {
            Some(t) if pkg.has(&t) => t,
            _ => fallback.to_string(),
        };
        Ok(damage.aux(pkg.part(&part), &part)?.flatten())
    };
    let styles = aux(&mut pkg, "styles", "word/styles.xml", &mut damage)?.map(|x| styles::Styles::parse(&x));
    let numbering = aux(&mut pkg, "numbering", "word/numbering.xml", &mut damage)?;
    let numbering = numbering.map(|x| numbering::Definitions::parse(&x)).unwrap_or_default();
    let Some(doc) = pkg.part(&main)? else { return Err(not_word()) };
    check_root(&doc, &main)?;
    let styles = styles.unwrap_or_default();
    let ctx = body::Context {
        numbering: &numbering,
        styles: &styles,
        text_boxes: options.text_boxes,
        max_depth: limits.max_xml_depth,
    };
    let mut counter = numbering::Counter::default();
    let out = body::read(&doc, &ctx, &mut counter, 0);
    drop(doc);
    // The body's own damage is said first: it is what costs text.
    let mut first = out.damage.map(|why| format!("{main}: {why}"));
    let mut result = out.paragraphs;
    if !out.note_refs.is_empty() && options.notes {
        // Notes come after the body, in the order the body refers to them: at the foot of the
        // page they would interrupt the item structure.
        let mut notes = Vec::new();
        let mut tables = out.tables;
        for (kind, fallback) in [("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml")] {
            if let Some(xml) = aux(&mut pkg, kind, fallback, &mut damage)? {
                let n = body::read(&xml, &ctx, &mut counter, tables);
                tables = n.tables;
                if first.is_none() {
                    first = n.damage.map(|why| format!("the {kind}: {why}"));
                }
                notes.extend(n.paragraphs.into_iter().zip(n.notes));
            }
        }
        for id in &out.note_refs {
            for (p, _) in notes.iter().filter(|(_, n)| n.as_deref() == Some(id.as_str())) {
                result.push(Paragraph { text: p.text.trim_start().to_string(), cell: p.cell });
            }
        }
    }
    Ok(Read { paragraphs: result, damage: first.or(damage.0) })
}

/// The first auxiliary part that could not be read, as the document's damage.
#[derive(Default)]
struct Damage(Option<String>);

impl Damage {
    /// The part, or None (noted as damage) when it is damaged; limits and encryption still
    /// refuse the file.
    fn aux<T>(&mut self, r: Result<T, Error>, what: &str) -> Result<Option<T>, Error> {
        match r {
            Ok(x) => Ok(Some(x)),
            Err(Error::Damaged { why, .. }) => {
                if self.0.is_none() {
                    self.0 = Some(format!("{what} cannot be read, so it is left out ({why})"));
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// Refuses a main part that is not a Word body (w:document), naming what it is.
fn check_root(xml: &str, part: &str) -> Result<(), Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                return match e.local() {
                    "document" => Ok(()),
                    "workbook" => Err(not_word_kind(EXCEL)),
                    "presentation" => Err(not_word_kind(POWERPOINT)),
                    other => Err(not_word_kind(&format!("an OOXML package whose main part {part} is <{other}>"))),
                };
            }
            // A body that breaks off before its root is the body's damage, reported later.
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
    }
}

/// True when the bytes are a ZIP archive (the caller then reads it as Word or refuses it).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// The main document part: the officeDocument relationship of the package, else the usual name.
/// A package whose main part is a workbook or a presentation (by its content type) is refused
/// whatever the file is called.
fn main_part(pkg: &mut Package, damage: &mut Damage) -> Result<String, Error> {
    let rels = damage.aux(pkg.relationships(""), "the package relationships (_rels/.rels)")?.unwrap_or_default();
    let main = rels.iter().find(|(ty, _)| ty.ends_with("/officeDocument")).map(|(_, t)| t.clone());
    let types = damage.aux(pkg.part("[Content_Types].xml"), "[Content_Types].xml")?.flatten().unwrap_or_default();
    for part in main.iter().chain(std::iter::once(&"word/document.xml".to_string())) {
        match content_type(&types, part).map(|t| t.to_ascii_lowercase()) {
            Some(t) if t.contains("spreadsheetml") || t.contains("ms-excel") => return Err(not_word_kind(EXCEL)),
            Some(t) if t.contains("presentationml") || t.contains("ms-powerpoint") => {
                return Err(not_word_kind(POWERPOINT))
            }
            _ => {}
        }
    }
    if let Some(t) = main.filter(|t| pkg.has(t) && t.to_ascii_lowercase().ends_with(".xml")) {
        return Ok(t);
    }
    if pkg.has("word/document.xml") {
        return Ok("word/document.xml".into());
    }
    Err(not_word())
}

const EXCEL: &str = "an Excel workbook, not a Word document";
const POWERPOINT: &str = "a PowerPoint file, not a Word document";

fn not_word_kind(why: &str) -> Error {
    let why =
        if why.ends_with("not a Word document") { why.to_string() } else { format!("{why}: not a Word document") };
    Error::Unsupported { format: Format::Docx, why }
}

/// The content type [Content_Types].xml gives a part (an Override for its name).
fn content_type(types: &str, part: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(types);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e))
                if e.local() == "Override" =>
            {
                let name = attr(&e, "PartName").unwrap_or_default();
                if name.trim_start_matches('/').eq_ignore_ascii_case(part.trim_start_matches('/')) {
                    return attr(&e, "ContentType");
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// An attribute by its local name (w:val, r:id, or unprefixed in .rels), unescaped.
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().into_inner() == local {
            return Some(match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.into_owned(),
            });
        }
    }
    None
}

/// The w:val attribute.
fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// The local name of an element (the part after the namespace prefix).
trait NameOf {
    fn local(&self) -> &str;
}

impl NameOf for BytesStart<'_> {
    fn local(&self) -> &str {
        let name = self.name().into_inner();
        match name.rfind(':') {
            Some(i) => &name[i + 1..],
            None => name,
        }
    }
}
