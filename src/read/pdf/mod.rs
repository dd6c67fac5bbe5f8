//! The PDF reader: lopdf reads the file's objects (cross-reference repair, object streams,
//! decryption: RC4, AES-128, AES-256); everything from the page tree to the glyphs is ours —
//! fonts and CMaps ([`font`]), the content-stream interpreter ([`content`], [`text`], [`paths`]),
//! pages in top-left coordinates ([`page`]) — and the format-free layout stage
//! ([`crate::read::layout`]) turns the glyphs into paragraphs. docs/pdf.md says why lopdf and
//! what is and is not read.

pub mod content;
pub mod font;
mod inflate;
pub mod lexer;
pub mod matrix;
pub mod objects;
mod packed;
pub mod page;
pub mod paths;
mod store;
mod syntax;
pub mod text;
mod xref;

#[cfg(test)]
mod tests;

use super::{layout, SourceText};
use crate::error::{Error, LimitKind};
use crate::limits::Limits;
use crate::model::Format;
use lopdf::{Document, LoadOptions, Object};
use objects::{Objects, Pdf};
use packed::Packed;
use store::Store;

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

/// Reads the pages as drawn (the layout stage not yet run). A well-formed file's objects are
/// parsed as they are needed ([`Store`]); a file lopdf would repair, or whose store turns out
/// doubtful, is read through lopdf's loader.
pub fn read_pages(bytes: &[u8], limits: &Limits, password: Option<&str>) -> Result<Read, Error> {
    if let Some(store) = Store::open(bytes, stream_limit(limits)).map_err(load_error)? {
        let pdf = Pdf::new(Objects::Lazy(&store), limits);
        match read_objects(&pdf, store.count(), None, true) {
            // An object that did not parse may have changed the outcome, error or not.
            _ if store.doubtful() => {}
            Ok(Some(read)) => return Ok(read),
            Err(e) => return Err(e),
            Ok(None) => {}
        }
    }
    let doc = load(bytes, limits, password, true)?;
    let packed = Packed::new(&doc, Some(stream_limit(limits))).map_err(load_error)?;
    // A member the table calls free, in a hybrid file (`/XRefStm`): lopdf's loader admits it when
    // the file's cross-reference stream did not read, which cannot be told from here.
    let doubt = packed.freed() && memchr::memmem::find(bytes, b"/XRefStm").is_some();
    if !doubt {
        if let Some(read) = read_loaded(&doc, &packed, limits, true)? {
            return Ok(read);
        }
    }
    let doc = load(bytes, limits, password, false)?;
    Ok(read_loaded(&doc, &Packed::default(), limits, false)?.expect("an eager load reads its pages"))
}

/// Reads the loaded document's pages. With the object streams deferred, None when the page tree
/// cannot be found through them: lopdf then rebuilds the cross-reference table or the pages are
/// looked for among all the objects, which the eager load does.
fn read_loaded(doc: &Document, packed: &Packed, limits: &Limits, deferred: bool) -> Result<Option<Read>, Error> {
    let pdf = Pdf::new(Objects::Loaded { doc, packed }, limits);
    let count = doc.objects.len() + packed.extra(|n| doc.objects.contains_key(&(n, 0)));
    let damage = doc
        .xref_recovery
        .filter(|r| *r == lopdf::xref::XrefRecovery::Reconstructed)
        .map(|_| "the cross-reference table is broken: it was rebuilt by scanning the file's objects".to_string());
    read_objects(&pdf, count, damage, deferred)
}

/// Reads the pages of `pdf`, which holds `count` objects. With `partial` (objects read lazily or
/// object streams deferred), None when the page tree is not found that way.
fn read_objects(pdf: &Pdf, count: usize, damage: Option<String>, partial: bool) -> Result<Option<Read>, Error> {
    if partial && !page_tree(pdf) {
        return Ok(None);
    }
    let max = pdf.limits.max_pdf_objects;
    if count as u64 > max {
        let why = format!("the PDF holds more than {max} objects (--max-pdf-objects)");
        return Err(Error::limit(LimitKind::PdfObjects, max, Some(count as u64), why));
    }
    let refs = page::pages(pdf)?;
    if partial && refs.is_empty() {
        return Ok(None);
    }
    let mut fonts = content::Fonts::default();
    let mut pages = Vec::with_capacity(refs.len());
    let mut unmapped = 0;
    for r in &refs {
        let (page, n) = page::draw(pdf, &mut fonts, r)?;
        pages.push(page);
        unmapped += n;
    }
    Ok(Some(Read { pages, signed: signed(pdf), damage, unmapped }))
}

/// lopdf's test for a loaded page tree (its loader rebuilds the cross-reference table when it
/// fails): the catalog's /Pages is a reference to a dictionary whose /Kids is an array.
fn page_tree(pdf: &Pdf) -> bool {
    let catalog = match pdf.trailer.get(b"Root") {
        Ok(root @ Object::Reference(_)) => pdf.resolve(root),
        _ => return false,
    };
    let root = match catalog {
        Object::Dictionary(c) => c.get(b"Pages").ok(),
        _ => None,
    };
    match root.map(|r| (r, pdf.resolve(r))) {
        Some((Object::Reference(_), Object::Dictionary(tree))) => {
            matches!(tree.get(b"Kids").map(|k| pdf.resolve(k)), Ok(Object::Array(_)))
        }
        _ => false,
    }
}

fn stream_limit(limits: &Limits) -> usize {
    usize::try_from(limits.max_pdf_stream_bytes).unwrap_or(usize::MAX)
}

/// Loads the objects, decrypting with `password` (or the empty user password); with `defer`, the
/// object streams are left packed.
fn load(bytes: &[u8], limits: &Limits, password: Option<&str>, defer: bool) -> Result<Document, Error> {
    let options = LoadOptions {
        password: password.map(str::to_string),
        max_decompressed_size: Some(stream_limit(limits)),
        filter: defer.then_some(packed::defer as lopdf::FilterFunc),
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
    let Some(form) = pdf.trailer.get(b"Root").ok().and_then(|r| pdf.dict(r)).and_then(|c| pdf.get_dict(c, b"AcroForm"))
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
