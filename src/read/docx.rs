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
    let main = main_part(&mut pkg)?;
    let rels = pkg.relationships(&main)?;
    let target = |kind: &str| rels.iter().find(|(ty, _)| ty.rsplit('/').next() == Some(kind)).map(|(_, t)| t.clone());
    let part_or = |pkg: &mut Package, kind: &str, fallback: &str| -> Result<Option<String>, Error> {
        match target(kind) {
            Some(t) => match pkg.part(&t)? {
                Some(x) => Ok(Some(x)),
                None => pkg.part(fallback),
            },
            None => pkg.part(fallback),
        }
    };
    let styles = part_or(&mut pkg, "styles", "word/styles.xml")?.map(|x| styles::Styles::parse(&x)).unwrap_or_default();
    let numbering = part_or(&mut pkg, "numbering", "word/numbering.xml")?
        .map(|x| numbering::Definitions::parse(&x))
        .unwrap_or_default();
    let Some(doc) = pkg.part(&main)? else { return Err(not_word()) };
    let ctx = body::Context {
        numbering: &numbering,
        styles: &styles,
        text_boxes: options.text_boxes,
        max_depth: limits.max_xml_depth,
    };
    let mut counter = numbering::Counter::default();
    let out = body::read(&doc, &ctx, &mut counter, 0);
    drop(doc);
    let mut damage = out.damage.map(|why| format!("{main}: {why}"));
    let mut result = out.paragraphs;
    if out.note_refs.is_empty() || !options.notes {
        return Ok(Read { paragraphs: result, damage });
    }
    // Notes come after the body, in the order the body refers to them: at the foot of the page
    // they would interrupt the item structure.
    let mut notes = Vec::new();
    let mut tables = out.tables;
    for (kind, fallback) in [("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml")] {
        if let Some(xml) = part_or(&mut pkg, kind, fallback)? {
            let n = body::read(&xml, &ctx, &mut counter, tables);
            tables = n.tables;
            if damage.is_none() {
                damage = n.damage.map(|why| format!("the {kind}: {why}"));
            }
            notes.extend(n.paragraphs.into_iter().zip(n.notes));
        }
    }
    for id in &out.note_refs {
        for (p, _) in notes.iter().filter(|(_, n)| n.as_deref() == Some(id.as_str())) {
            result.push(Paragraph { text: p.text.trim_start().to_string(), cell: p.cell });
        }
    }
    Ok(Read { paragraphs: result, damage })
}

/// True when the bytes are a ZIP archive (the caller then reads it as Word or refuses it).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// The main document part: the officeDocument relationship of the package, else the usual name.
fn main_part(pkg: &mut Package) -> Result<String, Error> {
    let rels = pkg.relationships("")?;
    if let Some((_, t)) = rels.iter().find(|(ty, t)| ty.ends_with("/officeDocument") && pkg.has(t)) {
        if t.to_ascii_lowercase().ends_with(".xml") {
            return Ok(t.clone());
        }
    }
    if pkg.has("word/document.xml") {
        return Ok("word/document.xml".into());
    }
    Err(not_word())
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
