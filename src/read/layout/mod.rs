//! The layout stage of the fixed-layout formats (PDF, OFD): positioned glyphs in, paragraphs out,
//! as pdfminer's LAParams and poppler's TextOutputDev do it. Format-free: the PDF and OFD readers
//! both hand it [`Page`]s and take back the same [`super::Paragraph`]s the Word readers make, so the
//! parser never knows a document was laid out.
//!
//! Coordinates are in points (1/72 inch) with the origin at the page's top-left corner and y
//! growing downward (OFD's convention; the PDF reader flips its y axis), after every transformation
//! (CTM, text matrix, page rotation) is applied: a glyph's box is where it shows on the page as
//! read upright.

use super::Paragraph;

/// One glyph (or a short run of glyphs of one font and size) where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text it shows (one character, or a few for a ligature or ActualText).
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge (x0 + advance).
    pub x1: f32,
    /// Top of the em box.
    pub top: f32,
    /// The baseline.
    pub baseline: f32,
    /// Font size in points, after scaling.
    pub size: f32,
    /// The font, as an index the reader chooses (equal fonts share an index).
    pub font: u32,
}

/// A ruling line: a stroked path segment or the edge of a filled thin rectangle, the borders
/// tables are drawn with. Horizontal when y0 == y1, vertical when x0 == x1 (within a tolerance the
/// layout stage applies).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// One page as drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Page width and height in points (after rotation).
    pub width: f32,
    pub height: f32,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines, for tables.
    pub rules: Vec<Rule>,
    /// True when the page draws an image that covers most of it (a scanned page): with no glyphs,
    /// the page needs OCR.
    pub has_image: bool,
}

/// What the layout stage found besides the paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The paragraphs in reading order, table cells with their positions.
    pub paragraphs: Vec<Paragraph>,
    /// 1-based numbers of the pages that hold no text.
    pub pages_without_text: Vec<u32>,
}

/// Lays out the pages: glyphs → lines → paragraphs, page furniture left out, ruled tables as cells.
/// A first version: one paragraph per line of glyphs (same baseline), top to bottom; the layout
/// work replaces it.
pub fn lay_out(pages: &[Page]) -> Layout {
    let mut out = Layout::default();
    for (n, page) in pages.iter().enumerate() {
        if page.glyphs.is_empty() {
            out.pages_without_text.push(n as u32 + 1);
            continue;
        }
        let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
        glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x0.total_cmp(&b.x0)));
        let mut line = String::new();
        let mut base = glyphs[0].baseline;
        for g in glyphs {
            if (g.baseline - base).abs() > g.size * 0.5 {
                out.paragraphs.push(Paragraph { text: std::mem::take(&mut line), cell: None });
                base = g.baseline;
            }
            line.push_str(&g.text);
        }
        out.paragraphs.push(Paragraph { text: line, cell: None });
    }
    out
}
