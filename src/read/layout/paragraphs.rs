//! Lines → paragraphs. A line continues the paragraph above unless something says it opens a new
//! one: the line above ended short of the right margin (a wrap fills the line up to the word that
//! did not fit); a first-line indent (公文 body text indents two characters); a centred line or one
//! set far to the right (title lines, the red header, signature and date stand alone); a larger gap
//! than the line pitch; a change of font size; an item marker at its start. Wrapped lines are joined
//! with no space between CJK characters, a space between Latin words. A sentence broken by a page
//! break is one paragraph: the rules hold across pages, without the gap.

use super::lines::Line;
use super::marker::starts_with_marker;
use crate::read::{Cell, Paragraph};

/// The text block a line stands in: the page's margins, or a table cell's borders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub left: f32,
    pub right: f32,
}

/// Line pitches, in font sizes: the document's most common one, and each font size's own where
/// lines of that size follow each other often enough to tell. A page whose title is set large with
/// tight leading (a web page's <h1> wrapped over twenty lines above a double-spaced article) must
/// not lend its pitch to the body text, nor the body to the title.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Pitch {
    pub all: f32,
    /// (size in half points, pitch) for each size with line pairs (`frame::own_pitch`).
    pub by_size: Vec<(i32, f32)>,
}

/// The line pairs of one size from which that size's own pitch is taken.
pub(crate) const OWN: usize = 6;

impl Pitch {
    /// The pitch of lines of font size `size`.
    pub(crate) fn at(&self, size: f32) -> f32 {
        let key = size_bin(size);
        self.by_size.iter().find(|(k, _)| *k == key).map_or(self.all, |&(_, p)| p)
    }
}

pub(crate) fn size_bin(size: f32) -> i32 {
    (size * 2.0).round() as i32
}

/// Where a line starts within its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// At the left margin.
    Flush,
    /// A first-line indent (up to eight characters: two, or a tab and two).
    Indented,
    /// Centred between the margins, clear of both.
    Centred,
    /// Further right than any indent: a right-aligned signature or date, a deep hanging indent.
    Deep,
}

impl Frame {
    pub(crate) fn place(&self, line: &Line) -> Place {
        let em = line.size.max(1.0);
        let indent = line.x0 - self.left;
        let centre = (self.left + self.right) / 2.0;
        let mid = (line.x0 + line.x1) / 2.0;
        // A line set in by the usual two characters is a first line, however symmetric: a full
        // first line often ends two characters short of the margin.
        let first_line_indent = (1.6 * em..=2.4 * em).contains(&indent);
        if indent > em && self.right - line.x1 > em && (mid - centre).abs() < em && !first_line_indent {
            Place::Centred
        } else if indent > 8.2 * em {
            Place::Deep
        } else if indent >= 0.15 * em {
            Place::Indented
        } else {
            Place::Flush
        }
    }
}

/// The open paragraph and what its last line looked like.
struct Open {
    text: String,
    /// The last line (its text is in `text`, and may have been taken from it).
    last: Line,
    frame: Frame,
    place: Place,
    lines: usize,
    /// A line set right has continued it: its lines are ragged at the left.
    set_right: bool,
}

/// Builds paragraphs from lines fed in reading order.
pub(crate) struct Builder {
    /// The usual distance between the baselines of two lines of a paragraph, in font sizes.
    pitch: Pitch,
    /// The table cell the lines stand in, if any: in a cell only a short line, a marker or a gap
    /// ends a paragraph (cell text is often centred, and a unit name must not be cut).
    cell: Option<Cell>,
    open: Option<Open>,
    pub out: Vec<Paragraph>,
}

impl Builder {
    pub(crate) fn new(pitch: Pitch, cell: Option<Cell>) -> Builder {
        Builder { pitch, cell, open: None, out: Vec::new() }
    }

    /// Ends the open paragraph: what follows starts a new one (a table, a rule, another frame).
    pub(crate) fn interrupt(&mut self) {
        if let Some(o) = self.open.take() {
            self.out.push(Paragraph { text: o.text, cell: self.cell });
        }
    }

    /// Adds the next line in reading order.
    pub(crate) fn push(&mut self, mut line: Line, frame: Frame) {
        let place = frame.place(&line);
        let mut ragged = false;
        if let Some(o) = &self.open {
            if self.starts_paragraph(o, &line, place) {
                self.interrupt();
            } else {
                ragged = self.cell.is_none() && line_set_right(o, &line, place);
            }
        }
        // A right-set line that ends a sentence ends its paragraph, as a line set right alone does.
        let closes = ragged && line.text.trim_end().ends_with(SENTENCE_END);
        match &mut self.open {
            Some(o) => {
                if o.last.space_after {
                    o.text.push(' ');
                }
                join(&mut o.text, &line.text);
                (o.last, o.frame, o.place) = (line, frame, if closes { Place::Deep } else { place });
                o.lines += 1;
                o.set_right |= ragged;
            }
            None => {
                // The paragraph takes the line's text: the last line's own text is not read again.
                let text = std::mem::take(&mut line.text);
                self.open = Some(Open { text, last: line, frame, place, lines: 1, set_right: false })
            }
        }
    }

    /// Ends the last paragraph and returns them all.
    pub(crate) fn finish(mut self) -> Vec<Paragraph> {
        self.interrupt();
        self.out
    }

    fn starts_paragraph(&self, a: &Open, b: &Line, place: Place) -> bool {
        let next_page = b.page == a.last.page + 1;
        if b.page != a.last.page && !next_page {
            return true;
        }
        if short(a, b, self.cell.is_some()) || starts_with_marker(&b.text) {
            return true;
        }
        if !next_page && self.gap(a, b) {
            return true;
        }
        if self.cell.is_some() {
            return false;
        }
        let (sa, sb) = (a.last.size, b.size);
        if (sa - sb).abs() > 0.2 * sa.max(sb) {
            return true;
        }
        if line_set_right(a, b, place) {
            return false;
        }
        let em = b.size.max(1.0);
        // Title lines, signature and date stand alone. A centred line below a full one is the
        // rest of a centred paragraph too long for one line (a title set as one paragraph); below
        // a short line it opens a paragraph (by the rules above and here), and below another
        // centred one too, unless that one was full ([`centred_on`]).
        if place == Place::Deep || a.place == Place::Deep || a.place == Place::Centred && !centred_on(a, b, place) {
            return true;
        }
        if place == Place::Centred && !full(&a.last, &a.frame, em) && !centred_on(a, b, place) {
            return true;
        }
        // An indent opens a paragraph, unless every line of this one is indented alike (a block
        // set in from the margin), or the line is set right, as the full line above it: a
        // paragraph aligned right starts each line where its text leaves it, under one character
        // in from the margin.
        let set_right = |l: &Line, f: &Frame| f.right - l.x1 < 0.3 * em && l.x0 - f.left < em;
        // A paragraph centred line by line: below a full line, one set in from both margins
        // alike by under a character.
        let centre = (a.frame.left + a.frame.right) / 2.0;
        let centred = b.x0 - a.frame.left < em && ((b.x0 + b.x1) / 2.0 - centre).abs() < 0.3 * em;
        place == Place::Indented
            && !(a.lines > 1 && a.place == Place::Indented && (a.last.x0 - b.x0).abs() < 0.15 * b.size)
            && !(set_right(&a.last, &a.frame) && set_right(b, &a.frame))
            && !(full(&a.last, &a.frame, em) && centred)
    }

    /// More space between the baselines than the line pitch allows, or a line above the last.
    fn gap(&self, a: &Open, b: &Line) -> bool {
        let d = b.baseline - a.last.baseline;
        let size = a.last.size.max(b.size);
        d < 0.0 || d > 1.4 * self.pitch.at(size) * size
    }
}

/// Punctuation that ends a sentence.
const SENTENCE_END: [char; 4] = ['。', '！', '？', '!'];

/// A line of a paragraph set right, ragged at the left: below a line cut mid-sentence that is
/// full (or ragged as well, in a paragraph set right already), a line set in by a character or
/// more that ends at the margin too. (A first-line indent would follow a paragraph's end, not a
/// line cut mid-sentence.)
fn line_set_right(a: &Open, b: &Line, place: Place) -> bool {
    let em = b.size.max(1.0);
    let set_in = place == Place::Deep || (place == Place::Indented && b.x0 - a.frame.left >= em);
    let cut = !a.text.trim_end().ends_with(['。', '！', '？', '：', '；', '!', '?', ':', ';']);
    let above = full(&a.last, &a.frame, em) || (a.set_right && a.frame.right - a.last.x1 < em);
    set_in && cut && above && a.frame.right - b.x1 < em
}

/// A centred line (or a full one, centred as any) going on below a centred line that was full: the room left beside the line above
/// (both sides together) would not take the first word of this one. A centred paragraph wraps as
/// any other, so a centred line can be set in by more than a character at each end and still be
/// full (the word that did not fit was wide: a number with its unit, a long Latin word).
fn centred_on(a: &Open, b: &Line, place: Place) -> bool {
    let room = (a.frame.right - a.frame.left) - (a.last.x1 - a.last.x0);
    let em = b.size.max(1.0);
    (place == Place::Centred || full(b, &a.frame, em)) && room < b.first_word + 0.1 * em
}

/// A line that fills its frame but for less than a character at either end.
fn full(l: &Line, f: &Frame, em: f32) -> bool {
    f.right - l.x1 < em && l.x0 - f.left < em
}

/// True when line `a` ended short of its frame: the first word of `b` would have fitted.
fn short(a: &Open, b: &Line, cell: bool) -> bool {
    let em = a.last.size.max(b.size).max(1.0);
    // Latin on either side of the break wants a space (or a writer's autospace) before the word;
    // between CJK characters only the measurement's own error.
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let spaced = latin(a.text.chars().last()) || latin(b.text.chars().next());
    let slack = if spaced { 0.3 * em } else { 0.1 * em };
    // A cell's text sits inside the cell's padding, which is not drawn: allow for it.
    let slack = if cell { slack + 6.0 } else { slack };
    a.frame.right - a.last.x1 > b.first_word + slack
}

/// Appends a wrapped line: no space between CJK characters, one between Latin words.
fn join(text: &mut String, next: &str) {
    let before = text.chars().last();
    let after = next.chars().next();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(after) && (latin(before) || before.is_some_and(|c| ",;:!?".contains(c))) {
        text.push(' ');
    }
    text.push_str(next);
}
