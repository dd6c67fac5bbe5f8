//! The OFD reader (GB/T 33190-2016, 版式文档, the format electronic official documents are archived
//! in): a ZIP package whose OFD.xml names the documents (DocBody → DocRoot); each Document.xml lists
//! the pages, the template pages and the resource files; each page's Content.xml draws text
//! objects whose TextCode elements hold the text with every character's position. The pages are
//! drawn into positioned glyphs and ruling lines ([`content`]) — template pages under or over the
//! page as their ZOrder says, composite graphic units from the resource files where they are used,
//! annotation appearances on top — and the format-free layout stage
//! ([`crate::read::layout`]) turns them into paragraphs, as for PDF.
//!
//! Only the first document of a package is read (a warning says how many more there were). The
//! text is in the XML as Unicode: fonts are never needed. A package with no text at all (scanned
//! pages saved as images) is refused as needing OCR.

mod content;
mod document;
mod geometry;
mod package;
mod res;
#[cfg(test)]
mod tests;
mod xml;

use super::{layout, SourceText};
use crate::error::Error;
use crate::limits::Limits;
use crate::model::Format;
use content::{Budget, Painter, PT};
use document::Document;
use geometry::{rect, Matrix};
use package::{attr, folder, local, resolve, Archive, Package};
use quick_xml::events::Event;
use res::Resources;
use std::collections::HashMap;
use xml::Reader;

/// Most glyphs one package may draw (a unit drawn from many places multiplies its text).
const MAX_GLYPHS: usize = 1_000_000;
/// Most XML bytes parsed in drawing (each use of a template or unit is parsed again).
const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;
/// A page draws an image over this share of itself: a scanned page.
const SCAN_COVER: f32 = 0.5;
/// A4, for a page whose size is given nowhere.
const A4: [f32; 4] = [0.0, 0.0, 210.0, 297.0];

/// A ZIP archive with OFD.xml at its root. A ZIP that names OFD.xml but cannot be opened (cut
/// short) is taken as an OFD too, so that it is reported as a damaged OFD, not as a damaged .docx.
pub fn sniff(bytes: &[u8]) -> bool {
    sniffed(bytes).is_some()
}

/// [`sniff`], with the archive it opened to look, for the reader to read on (None when it could
/// not be opened). The name is looked for from the end, where the ZIP's directory is: writers put
/// OFD.xml last as often as first.
pub fn sniffed(bytes: &[u8]) -> Option<Option<Archive<'_>>> {
    if !super::docx::is_zip(bytes) || memchr::memmem::rfind(bytes, b"OFD.xml").is_none() {
        return None;
    }
    match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(zip) => {
            let root = zip.file_names().flatten().any(|n| n.trim_start_matches('/').eq_ignore_ascii_case("OFD.xml"));
            root.then_some(Some(zip))
        }
        Err(_) => Some(None),
    }
}

/// What was read besides the pages: for the source and its warnings.
pub struct Read {
    pub pages: Vec<layout::Page>,
    pub signed: bool,
    /// What was wrong with the package, when something was (a missing page, a budget run out).
    pub damage: Option<String>,
    /// Documents of the package after the first, which were not read.
    pub other_documents: u32,
}

/// Reads an OFD package into its source text.
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<SourceText, Error> {
    read_sniffed(bytes, None, limits)
}

/// [`read_with`], on the archive [`sniffed`] opened.
pub fn read_sniffed<'a>(bytes: &'a [u8], archive: Option<Archive<'a>>, limits: &Limits) -> Result<SourceText, Error> {
    let read = read_package(Package::open(bytes, archive, limits)?, limits)?;
    let layout = layout::lay_out(&read.pages);
    if layout.paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        let why = "scanned document: no text layer (needs OCR)".to_string();
        return Err(Error::NoText { format: Format::Ofd, why });
    }
    let mut src = super::join(&layout.paragraphs, Format::Ofd, "UTF-8");
    src.damage = read.damage;
    src.other_documents = read.other_documents;
    src.signed = read.signed;
    src.pages_without_text = layout.pages_without_text;
    Ok(src)
}

fn damaged(why: impl Into<String>) -> Error {
    Error::Damaged { format: Format::Ofd, why: why.into() }
}

/// Reads the pages of the package's first document as drawn (the layout stage not yet run).
pub fn read_pages(bytes: &[u8], limits: &Limits) -> Result<Read, Error> {
    read_package(Package::open(bytes, None, limits)?, limits)
}

/// [`read_pages`] of the opened package.
fn read_package(mut pkg: Package, limits: &Limits) -> Result<Read, Error> {
    let ofd = pkg.file("OFD.xml")?.ok_or_else(|| damaged("the package has no OFD.xml"))?;
    let bodies = document::bodies(&ofd);
    let body = bodies.first().ok_or_else(|| damaged("OFD.xml names no document (DocBody/DocRoot)"))?;
    let root = body.root.clone().unwrap_or_default();
    let xml = pkg.file(&root)?.ok_or_else(|| damaged(format!("the document {root} named in OFD.xml is missing")))?;
    let doc = document::document(&xml, &root);
    let mut res = Resources::default();
    for path in &doc.res {
        load_res(&mut pkg, &mut res, path)?;
    }
    let annotations = match &doc.annotations {
        Some(p) => pkg.file(p)?.map(|x| document::annotations(&x, p)).unwrap_or_default(),
        None => Default::default(),
    };
    let mut budget = Budget::new(MAX_XML_BYTES.min(limits.max_unpacked_bytes), MAX_GLYPHS);
    let (pages, missing) = draw_pages(&mut pkg, (&doc, &mut res), &annotations, &mut budget)?;
    let mut damage = Vec::new();
    if !missing.is_empty() {
        damage.push(format!("pages {missing:?} are missing from the package"));
    }
    if budget.exhausted {
        damage.push(format!(
            "the pages draw more than the reader's budget ({MAX_GLYPHS} glyphs, {} MB of XML): read the first {} pages",
            MAX_XML_BYTES >> 20,
            pages.len()
        ));
    }
    Ok(Read {
        pages,
        signed: signed(&mut pkg, body.signatures.as_deref(), &root)?,
        damage: (!damage.is_empty()).then(|| damage.join("; ")),
        other_documents: bodies.len().saturating_sub(1) as u32,
    })
}

/// Draws the document's pages in order, until the budget runs out; the numbers of the pages
/// missing from the package.
fn draw_pages(
    pkg: &mut Package,
    (doc, res): (&Document, &mut Resources),
    annotations: &HashMap<String, Vec<String>>,
    budget: &mut Budget,
) -> Result<(Vec<layout::Page>, Vec<usize>), Error> {
    let mut last_glyphs = 0;
    let mut pages = Vec::with_capacity(doc.pages.len().min(10_000));
    let mut missing = Vec::new();
    for (n, (id, path)) in doc.pages.iter().enumerate() {
        let Some(xml) = pkg.file(path)? else {
            missing.push(n + 1);
            pages.push(layout::Page { width: A4[2] * PT, height: A4[3] * PT, ..Default::default() });
            continue;
        };
        let notes = annotations.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let page = draw_page(pkg, (doc, res), (budget, last_glyphs), (path, &xml), notes)?;
        last_glyphs = page.glyphs.len();
        if budget.exhausted {
            break; // the page the budget ran out on is left out whole
        }
        pages.push(page);
    }
    Ok((pages, missing))
}

/// Adds a resource file once.
fn load_res(pkg: &mut Package, res: &mut Resources, path: &str) -> Result<(), Error> {
    if !res.has_file(path) {
        if let Some(xml) = pkg.file(path)? {
            res.add(path, xml);
        }
    }
    Ok(())
}

/// What a page's Content.xml says before its content: its templates, resources and size.
#[derive(Debug, Default)]
struct PageHead {
    /// (TemplateID, ZOrder) in order.
    templates: Vec<(String, Option<String>)>,
    res: Vec<String>,
    page_box: Option<[f32; 4]>,
}

fn page_head(xml: &str, path: &str) -> PageHead {
    let mut head = PageHead::default();
    let mut open: Option<(String, String)> = None;
    for event in Reader::new(xml) {
        match event {
            Event::Start(e) | Event::Empty(e) => match local(&e) {
                "Content" => break,
                "Template" => {
                    if let Some(id) = attr(&e, "TemplateID") {
                        head.templates.push((id, attr(&e, "ZOrder")));
                    }
                }
                name @ ("PageRes" | "PhysicalBox") => open = Some((name.to_string(), String::new())),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(o) = &mut open {
                    o.1.push_str(&t);
                }
            }
            Event::End(_) => match open.take() {
                Some((name, text)) if name == "PageRes" => head.res.push(resolve(folder(path), &text)),
                Some((_, text)) => head.page_box = head.page_box.or(rect(Some(&text))),
                None => {}
            },
            _ => {}
        }
    }
    head
}

/// Draws one page: background templates, the page's content, foreground templates, annotations.
fn draw_page(
    pkg: &mut Package,
    (doc, res): (&Document, &mut Resources),
    (budget, glyphs): (&mut Budget, usize),
    (path, xml): (&str, &str),
    notes: &[String],
) -> Result<layout::Page, Error> {
    let head = page_head(xml, path);
    for r in &head.res {
        load_res(pkg, res, r)?;
    }
    let page_box = head.page_box.or(doc.page_box).filter(|b| b[2] > 0.0 && b[3] > 0.0).unwrap_or(A4);
    let (width, height) = (page_box[2], page_box[3]);
    // Templates by layer: the page's own ZOrder wins over the template's.
    let mut under = Vec::new();
    let mut over = Vec::new();
    for (id, z) in &head.templates {
        let Some(t) = doc.templates.get(id) else { continue };
        let z = z.as_deref().or(t.z_order.as_deref()).unwrap_or("Background");
        if z == "Foreground" { &mut over } else { &mut under }.push(t.path.clone());
    }
    let mut layers = Vec::new();
    for p in under.iter() {
        layers.extend(pkg.file(p)?);
    }
    let page_at = layers.len();
    for p in over.iter().chain(notes) {
        layers.extend(pkg.file(p)?);
    }
    // Room for the glyphs: as many as the page before, or one for every 64 bytes of the page's
    // XML (a page of text writes about 40 a glyph), so that the first page grows once or never.
    let room = glyphs.max(xml.len() / 64).min(MAX_GLYPHS);
    let mut painter = Painter::new(res, budget, (width, height), room);
    for t in &layers[..page_at] {
        painter.paint(t, Matrix::IDENTITY, 0);
    }
    painter.paint(xml, Matrix::IDENTITY, 0);
    for t in &layers[page_at..] {
        painter.paint(t, Matrix::IDENTITY, 0);
    }
    let drawn = painter.drawn;
    Ok(layout::Page {
        width: width * PT,
        height: height * PT,
        glyphs: drawn.glyphs,
        rules: drawn.rules,
        has_image: drawn.image_cover > SCAN_COVER,
    })
}

/// A package that carries a signature: the document's Signatures file lists one.
fn signed(pkg: &mut Package, listed: Option<&str>, root: &str) -> Result<bool, Error> {
    let guess = resolve(folder(root), "Signs/Signatures.xml");
    for path in listed.into_iter().chain(std::iter::once(guess.as_str())) {
        if let Some(xml) = pkg.file(path)? {
            if document::lists_signature(&xml) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
