//! The layout stage of the fixed-layout formats (PDF, OFD): positioned glyphs in, paragraphs out,
//! as pdfminer's LAParams and poppler's TextOutputDev do it. Format-free: the PDF and OFD readers
//! both hand it [`Page`]s and take back the same [`super::Paragraph`]s the Word readers make, so the
//! parser never knows a document was laid out.
//!
//! Coordinates are in points (1/72 inch) with the origin at the page's top-left corner and y
//! growing downward (OFD's convention; the PDF reader flips its y axis), after every transformation
//! (CTM, text matrix, page rotation) is applied: a glyph's box is where it shows on the page as
//! read upright.
//!
//! The steps, one module each: ruled tables claim the glyphs inside their cells ([`tables`]); the
//! rest are grouped into lines ([`lines`]); page furniture (running headers, page numbers) is found
//! by position and repetition and dropped ([`furniture`]); the text block's margins and line pitch
//! are measured per document ([`frame`]); lines are merged into paragraphs by indent, gap, alignment,
//! item markers and short last lines ([`paragraphs`]), across page breaks; tables continued on the
//! next page are joined ([`flow`]). Every step sorts or hashes: the cost is n log n in the glyphs.

mod flow;
mod frame;
mod furniture;
mod grid;
mod infotable;
mod lines;
mod marker;
mod paragraphs;
mod tables;
#[cfg(test)]
mod tests;
mod text;
mod view;

pub use text::GlyphText;

use super::Paragraph;

/// One glyph (or a short run of glyphs of one font and size) where it is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glyph {
    /// The Unicode text it shows (one character, or a few for a ligature or ActualText).
    pub text: GlyphText,
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
    /// The direction the text runs, in whole degrees clockwise from left-to-right (0..360): 0 for
    /// ordinary text, 90 for text running down the page (a landscape table printed on a portrait
    /// page), 45 or 315 for a diagonal watermark. For a rotation other than 0 the box above is in
    /// the upright frame of that rotation: map page points with [`upright`].
    pub rotation: u16,
}

/// A ruling line: a stroked path segment or the edge of a filled thin rectangle, the borders
/// tables are drawn with. Horizontal when y0 == y1, vertical when x0 == x1 (within a tolerance the
/// layout stage applies). In page coordinates (never rotated to a text frame).
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

/// Maps a point of a `width` × `height` page into the upright frame of text running at
/// `rotation` degrees clockwise: the page turned so that the text reads left to right, shifted so
/// that the turned page starts at (0, 0). 0 is the identity; 90 is text running down the page, 270
/// up it.
pub fn upright(rotation: u16, width: f32, height: f32, x: f32, y: f32) -> (f32, f32) {
    Turn::new(rotation, width, height).map(x, y)
}

/// [`upright`] for one rotation of one page, worked out once for the many points mapped with it
/// (a page's rules, for each of its text directions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Turn {
    rotation: u16,
    width: f32,
    height: f32,
    /// For a rotation that is no quarter turn: its sine and cosine, and the turned page's corner.
    sin: f32,
    cos: f32,
    min_x: f32,
    min_y: f32,
}

impl Turn {
    pub(crate) fn new(rotation: u16, width: f32, height: f32) -> Turn {
        let rotation = rotation % 360;
        let mut t = Turn { rotation, width, height, sin: 0.0, cos: 1.0, min_x: 0.0, min_y: 0.0 };
        if !rotation.is_multiple_of(90) {
            (t.sin, t.cos) = (rotation as f32).to_radians().sin_cos();
            let corners = [t.turn(0.0, 0.0), t.turn(width, 0.0), t.turn(0.0, height), t.turn(width, height)];
            t.min_x = corners.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
            t.min_y = corners.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
        }
        t
    }

    fn turn(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.cos + y * self.sin, y * self.cos - x * self.sin)
    }

    pub(crate) fn map(&self, x: f32, y: f32) -> (f32, f32) {
        let (width, height) = (self.width, self.height);
        match self.rotation {
            0 => (x, y),
            90 => (y, width - x),
            180 => (width - x, height - y),
            270 => (height - y, x),
            _ => {
                let (tx, ty) = self.turn(x, y);
                (tx - self.min_x, ty - self.min_y)
            }
        }
    }
}

/// A key that orders as `f32::total_cmp` orders the numbers: sorting integers is cheaper than
/// sorting by a comparison of floats.
pub(crate) fn order_key(v: f32) -> u32 {
    let b = v.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// The size of a page's frame for text at `rotation`: the turned page's bounding box.
fn frame_size(rotation: u16, width: f32, height: f32) -> (f32, f32) {
    match rotation % 360 {
        0 | 180 => (width, height),
        90 | 270 => (height, width),
        r => {
            let (sin, cos) = (r as f32).to_radians().sin_cos();
            let (sin, cos) = (sin.abs(), cos.abs());
            (width * cos + height * sin, width * sin + height * cos)
        }
    }
}

/// Lays out the pages: glyphs → lines → paragraphs, page furniture left out, ruled tables as cells.
pub fn lay_out(pages: &[Page]) -> Layout {
    let mut out = Layout::default();
    let mut views = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if !page.glyphs.iter().any(|g| g.text.chars().any(|c| !c.is_whitespace())) {
            out.pages_without_text.push(n as u32 + 1);
        }
        views.extend(flow::views(page, n as u32));
    }
    out.paragraphs = flow::paragraphs(views);
    out
}
