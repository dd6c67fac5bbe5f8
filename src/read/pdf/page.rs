//! Pages: the page tree walked once per node (a tree whose /Kids loop back is read as far as it
//! is a tree), inherited attributes (Resources, MediaBox, CropBox, Rotate), and each page drawn
//! into a [`layout::Page`] in top-left coordinates as shown (after /Rotate).

use super::content::{Drawn, Fonts, Interp};
use super::matrix::Matrix;
use super::objects::Pdf;
use crate::error::{Error, LimitKind};
use crate::read::layout::{self, Glyph};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashSet;

/// What a page inherits from the nodes above it.
#[derive(Clone, Default)]
struct Inherited<'a> {
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: i64,
}

/// A page with what it inherits.
#[derive(Clone)]
pub struct PageRef<'a> {
    pub dict: &'a Dictionary,
    inh: Inherited<'a>,
}

/// A page image covering more than this share of the page makes it a scanned page.
const SCAN_COVER: f32 = 0.5;

/// The pages in order. Over `max_pdf_pages` is an error; a broken tree with no page at all is
/// read from the objects that say /Type /Page, in object order (as pdf.js does).
pub fn pages<'a>(pdf: &Pdf<'a>) -> Result<Vec<PageRef<'a>>, Error> {
    let root = pdf.trailer.get(b"Root").ok().and_then(|r| pdf.dict(r)).and_then(|c| c.get(b"Pages").ok());
    let mut out = Vec::new();
    if let Some(root) = root {
        walk(pdf, root, &mut out)?;
    }
    if out.is_empty() {
        for o in pdf.loaded() {
            if let Some(d) = dict_of(o).filter(|d| d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Page"))
            {
                out.push(PageRef { dict: d, inh: inherit(pdf, d, &Inherited::default()) });
                check_pages(pdf, out.len())?;
            }
        }
    }
    Ok(out)
}

fn dict_of(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn check_pages(pdf: &Pdf, n: usize) -> Result<(), Error> {
    let max = pdf.limits.max_pdf_pages;
    if n as u64 > max {
        let why = format!("the PDF has more than {max} pages (--max-pdf-pages)");
        return Err(Error::limit(LimitKind::PdfPages, max, None, why));
    }
    Ok(())
}

/// Depth-first over the tree with an explicit stack: each node once, depth bounded.
fn walk<'a>(pdf: &Pdf<'a>, root: &'a Object, out: &mut Vec<PageRef<'a>>) -> Result<(), Error> {
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<(&'a Object, Inherited<'a>, usize)> = vec![(root, Inherited::default(), 0)];
    let max_depth = pdf.limits.max_pdf_depth;
    while let Some((node, parent, depth)) = stack.pop() {
        if let Object::Reference(id) = node {
            if !seen.insert(*id) {
                continue;
            }
        }
        let Some(d) = pdf.dict(node) else { continue };
        let here = inherit(pdf, d, &parent);
        match pdf.get_array(d, b"Kids") {
            Some(kids) if pdf.get_name(d, b"Type") != Some(b"Page") => {
                if depth < max_depth {
                    stack.extend(kids.iter().rev().map(|k| (k, here.clone(), depth + 1)));
                }
            }
            _ => {
                out.push(PageRef { dict: d, inh: here });
                check_pages(pdf, out.len())?;
            }
        }
    }
    Ok(())
}

fn inherit<'a>(pdf: &Pdf<'a>, d: &'a Dictionary, parent: &Inherited<'a>) -> Inherited<'a> {
    let rect = |key: &[u8]| pdf.get(d, key).map(|o| pdf.nums(o)).and_then(|v| rect(&v));
    Inherited {
        resources: pdf.get_dict(d, b"Resources").or(parent.resources),
        media: rect(b"MediaBox").or(parent.media),
        crop: rect(b"CropBox").or(parent.crop),
        rotate: pdf.get_num(d, b"Rotate").map_or(parent.rotate, |r| r as i64),
    }
}

/// A rectangle normalised to [x0, y0, x1, y1] with x0 < x1, y0 < y1 (None when empty or absurd).
fn rect(v: &[f32]) -> Option<[f32; 4]> {
    let [a, b, c, d] = <[f32; 4]>::try_from(v.get(..4)?).ok()?;
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 && r.iter().all(|x| x.abs() < 1e6)).then_some(r)
}

impl PageRef<'_> {
    /// The visible box: the crop box within the media box (US Letter when neither is usable).
    fn view_box(&self) -> [f32; 4] {
        let media = self.inh.media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        match self.inh.crop {
            Some(c) => {
                let r = [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])];
                if r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 {
                    r
                } else {
                    media
                }
            }
            None => media,
        }
    }

    /// User space → the page as shown, origin top-left, y down; with the shown width and height.
    fn transform(&self) -> (Matrix, f32, f32) {
        let [x0, y0, x1, y1] = self.view_box();
        let (w, h) = (x1 - x0, y1 - y0);
        match self.inh.rotate.rem_euclid(360) {
            90 => (Matrix::new([0.0, 1.0, 1.0, 0.0, -y0, -x0]), h, w),
            180 => (Matrix::new([-1.0, 0.0, 0.0, 1.0, x1, -y0]), w, h),
            270 => (Matrix::new([0.0, -1.0, -1.0, 0.0, y1, x1]), h, w),
            _ => (Matrix::new([1.0, 0.0, 0.0, -1.0, -x0, y1]), w, h),
        }
    }
}

/// Draws one page: its content streams in order, as one stream (a token may run across two).
/// Also says how many shown codes decoded to nothing.
pub fn draw<'a>(pdf: &Pdf<'a>, fonts: &mut Fonts<'a>, page: &PageRef<'a>) -> Result<(layout::Page, usize), Error> {
    let (m, width, height) = page.transform();
    let mut content = Vec::new();
    let streams: Vec<&Object> = match page.dict.get(b"Contents").ok().map(|c| pdf.resolve(c)) {
        Some(Object::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    for s in streams.into_iter().filter_map(|s| pdf.stream(s)) {
        if let Some(mut data) = pdf.decode(s)? {
            data.push(b'\n');
            if content.is_empty() {
                content = data; // the only stream, as most pages have: not copied
            } else {
                content.extend_from_slice(&data);
            }
        }
    }
    let mut interp = Interp::new(pdf, fonts, m, width * height);
    interp.run(&content, page.inh.resources)?;
    for annot in pdf.get_array(page.dict, b"Annots").unwrap_or(&[]).iter().take(MAX_ANNOTS) {
        // Most annotations are links with no appearance: not parsed when their text shows it.
        if pdf.surely_lacks(annot, b"/AP") {
            continue;
        }
        if let Some(a) = pdf.dict(annot) {
            draw_annotation(pdf, &mut interp, a, m)?;
        }
    }
    let unmapped = interp.out.unmapped;
    interp.fonts.glyphs_last_page = interp.out.glyphs.len();
    Ok((finish(interp.out, width, height), unmapped))
}

/// Most annotations drawn on one page.
const MAX_ANNOTS: usize = 10_000;

/// An annotation's normal appearance (form fields' values, free text, stamps), drawn as viewers
/// and pdftotext show it (PDF 32000 §12.5.5): the form's box, through its /Matrix, fitted to /Rect.
fn draw_annotation<'a>(
    pdf: &Pdf<'a>,
    interp: &mut Interp<'_, 'a>,
    a: &'a Dictionary,
    page_m: Matrix,
) -> Result<(), Error> {
    const HIDDEN: i64 = 1 << 1;
    const NO_VIEW: i64 = 1 << 5;
    let flags = pdf.get_num(a, b"F").unwrap_or(0.0) as i64;
    if flags & (HIDDEN | NO_VIEW) != 0 || pdf.get_name(a, b"Subtype") == Some(b"Popup") {
        return Ok(());
    }
    let Some(normal) = pdf.get_dict(a, b"AP").and_then(|ap| ap.get(b"N").ok()) else { return Ok(()) };
    let entry = match pdf.resolve(normal) {
        Object::Dictionary(states) => match pdf.get_name(a, b"AS").and_then(|s| states.get(s).ok()) {
            Some(e) => e,
            None => return Ok(()),
        },
        _ => normal,
    };
    let Some(stream) = pdf.stream(entry) else { return Ok(()) };
    let area = pdf.get(a, b"Rect").map(|r| pdf.nums(r)).and_then(|v| rect(&v));
    let bbox = pdf.get(&stream.dict, b"BBox").map(|b| pdf.nums(b)).and_then(|v| rect(&v));
    let matrix =
        pdf.get(&stream.dict, b"Matrix").and_then(|m| Matrix::from_slice(&pdf.nums(m))).unwrap_or(Matrix::IDENTITY);
    let (Some(r), Some(b)) = (area, bbox) else { return Ok(()) };
    let fit = fit_box(b, matrix, r);
    let id = match entry {
        Object::Reference(id) => *id,
        _ => (0, 0),
    };
    interp.draw_appearance(id, stream, fit.then(page_m))
}

/// The matrix taking the form's box (after its matrix) onto the annotation's rectangle.
fn fit_box(bbox: [f32; 4], matrix: Matrix, r: [f32; 4]) -> Matrix {
    let corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
        .map(|(x, y)| matrix.apply(x, y));
    let x0 = corners.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
    let x1 = corners.iter().map(|c| c.0).fold(f32::NEG_INFINITY, f32::max);
    let y0 = corners.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
    let y1 = corners.iter().map(|c| c.1).fold(f32::NEG_INFINITY, f32::max);
    let sx = if x1 - x0 > 1e-3 { (r[2] - r[0]) / (x1 - x0) } else { 1.0 };
    let sy = if y1 - y0 > 1e-3 { (r[3] - r[1]) / (y1 - y0) } else { 1.0 };
    Matrix::new([sx, 0.0, 0.0, sy, r[0] - x0 * sx, r[1] - y0 * sy])
}

fn finish(drawn: Drawn, width: f32, height: f32) -> layout::Page {
    let glyphs: Vec<Glyph> = drawn
        .glyphs
        .into_iter()
        // Space glyphs are kept: the layout stage reads them as spaces (never as ink).
        .map(|g| upright_glyph(g, width, height))
        .collect();
    layout::Page { width, height, glyphs, rules: drawn.rules, has_image: drawn.image_cover > SCAN_COVER }
}

/// A glyph whose text runs at its `rotation` put in that rotation's upright frame (see
/// `layout::Glyph`): the origin mapped by `layout::upright`, the box rebuilt from the advance and
/// the em.
fn upright_glyph(g: Glyph, width: f32, height: f32) -> Glyph {
    let rotation = g.rotation;
    if rotation == 0 {
        return g;
    }
    let (len, em) = (g.x1 - g.x0, g.baseline - g.top);
    let (x, y) = layout::upright(rotation, width, height, g.x0, g.baseline);
    Glyph { x0: x, x1: x + len, top: y - em, baseline: y, rotation, ..g }
}
