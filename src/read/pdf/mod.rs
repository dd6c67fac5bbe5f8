//! The PDF reader: lopdf reads the file's objects (cross-reference repair, object streams,
//! decryption: RC4, AES-128, AES-256); everything from the page tree to the glyphs is ours —
//! fonts and CMaps ([`font`]), the content-stream interpreter ([`content`], [`text`], [`paths`]),
//! pages in top-left coordinates ([`page`]) — and the format-free layout stage
//! ([`crate::read::layout`]) turns the glyphs into paragraphs. docs/pdf.md says why lopdf and
//! what is and is not read.

pub mod content;
pub mod font;
pub mod lexer;
pub mod matrix;
pub mod objects;
pub mod page;
pub mod paths;
pub mod text;

#[cfg(test)]
mod tests;

use super::{layout, SourceText};
use crate::error::{Error, LimitKind};
use crate::limits::Limits;
use crate::model::Format;
use lopdf::{Document, LoadOptions, Object};
use objects::Pdf;

/// `%PDF-` within the first 1,024 bytes (PDF 32000 §7.5.2; Acrobat accepts junk before it).
pub fn sniff(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// What was read besides the pages: for the source and its warnings.
pub struct Read {
    pub pages: Vec<layout::Page>,
    pub signed: bool,
    /// Why the file counts as damaged (a rebuilt cross-reference table), when it does.
    pub damage: Option<String>,
    /// Codes shown in fonts that decode to nothing (no ToUnicode, no known encoding).
    pub unmapped: usize,
}

/// Reads a PDF into its source text.
pub fn read_with(bytes: &[u8], limits: &Limits, password: Option<&str>) -> Result<SourceText, Error> {
    let read = read_pages(bytes, limits, password)?;
    let layout = layout::lay_out(&read.pages);
    if layout.paragraphs.is_empty() {
        let why = if read.unmapped > 0 && !read.pages.iter().any(|p| p.has_image) {
            "the PDF draws text in fonts that say nothing about their characters (no ToUnicode map, no known encoding)"
        } else {
            "scanned document: no text layer (needs OCR)"
        };
        return Err(Error::NoText { format: Format::Pdf, why: why.to_string() });
    }
    let mut src = super::join(&layout.paragraphs, Format::Pdf, "UTF-8");
    src.damage = read.damage;
    src.signed = read.signed;
    src.pages_without_text = layout.pages_without_text;
    Ok(src)
}

/// Reads the pages as drawn (the layout stage not yet run).
pub fn read_pages(bytes: &[u8], limits: &Limits, password: Option<&str>) -> Result<Read, Error> {
    let doc = load(bytes, limits, password)?;
    let max = limits.max_pdf_objects;
    if doc.objects.len() as u64 > max {
        let why = format!("the PDF holds more than {max} objects (--max-pdf-objects)");
        return Err(Error::limit(LimitKind::PdfObjects, max, Some(doc.objects.len() as u64), why));
    }
    let pdf = Pdf::new(&doc, limits);
    let refs = page::pages(&pdf)?;
    let mut fonts = content::Fonts::default();
    let mut pages = Vec::with_capacity(refs.len());
    let mut unmapped = 0;
    for r in &refs {
        let (page, n) = page::draw(&pdf, &mut fonts, r)?;
        pages.push(page);
        unmapped += n;
    }
    let damage = doc
        .xref_recovery
        .filter(|r| *r == lopdf::xref::XrefRecovery::Reconstructed)
        .map(|_| "the cross-reference table is broken: it was rebuilt by scanning the file's objects".to_string());
    Ok(Read { pages, signed: signed(&pdf), damage, unmapped })
}

/// Loads the objects, decrypting with `password` (or the empty user password).
fn load(bytes: &[u8], limits: &Limits, password: Option<&str>) -> Result<Document, Error> {
    let options = LoadOptions {
        password: password.map(str::to_string),
        max_decompressed_size: Some(usize::try_from(limits.max_pdf_stream_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(Error::Encrypted { format: Format::Pdf });
    }
    Ok(doc)
}

fn load_error(e: lopdf::Error) -> Error {
    match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) | lopdf::Error::UnsupportedSecurityHandler(_) => {
            Error::Encrypted { format: Format::Pdf }
        }
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            let why = format!(
                "a PDF stream decompresses to more than the {} limit (--max-pdf-stream-size)",
                crate::limits::size(limit as u64)
            );
            Error::limit(LimitKind::PdfStreamSize, limit as u64, None, why)
        }
        other => Error::Damaged { format: Format::Pdf, why: other.to_string() },
    }
}

/// A signed PDF: the form's /SigFlags says signatures exist, or a signature field holds a value.
fn signed(pdf: &Pdf) -> bool {
    let Some(form) =
        pdf.doc.trailer.get(b"Root").ok().and_then(|r| pdf.dict(r)).and_then(|c| pdf.get_dict(c, b"AcroForm"))
    else {
        return false;
    };
    if pdf.get_num(form, b"SigFlags").is_some_and(|f| f as i64 & 1 != 0) {
        return true;
    }
    let fields = pdf.get_array(form, b"Fields").unwrap_or(&[]);
    fields
        .iter()
        .take(10_000)
        .filter_map(|f| pdf.dict(f))
        .any(|f| pdf.get_name(f, b"FT") == Some(b"Sig") && matches!(pdf.get(f, b"V"), Some(Object::Dictionary(_))))
}
