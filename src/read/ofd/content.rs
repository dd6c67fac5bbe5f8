//! Drawing a page's content (a page, a template page, an annotation's appearance, a composite
//! graphic unit) into glyphs and rules, in page points with the origin at the top left.
//!
//! A text object (TextObject, §11) places each character of its TextCode elements: the first at
//! (X, Y) — taken from the previous TextCode when absent — and each next one DeltaX/DeltaY further
//! (the last delta repeats when the list is short); the object's CTM and its Boundary's origin take
//! those object coordinates to the parent's, as a CompositeObject's do for the unit it draws.
//! Straight stroked path segments and thin filled rectangles become rules (table borders); an image
//! covering most of the page marks it as scanned. Clipping paths are not drawing.

use super::geometry::{deltas, parse_f32, rect, segments, Matrix};
use super::package::{attr, attr_ref, attrs, entity, local, local_end};
use super::res::Resources;
use super::xml::Reader;
use crate::read::layout::{Glyph, GlyphText, Rule, Turn};
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// Points per millimetre.
pub(crate) const PT: f32 = 72.0 / 25.4;
/// How deep composite objects may draw one another (a unit drawing itself is a loop).
const MAX_UNIT_DEPTH: u32 = 8;
/// Most rules kept for one page.
const MAX_RULES: usize = 50_000;
/// Most path segments read from one path object.
const MAX_SEGMENTS: usize = 10_000;

/// What a hostile package may make the reader do in total: XML bytes parsed (a template or unit
/// drawn from many places is parsed each time) and glyphs placed.
#[derive(Debug)]
pub(crate) struct Budget {
    pub xml_bytes: u64,
    pub glyphs: usize,
    /// Set when either ran out: the rest of the document was not drawn.
    pub exhausted: bool,
}

impl Budget {
    pub fn new(xml_bytes: u64, glyphs: usize) -> Budget {
        Budget { xml_bytes, glyphs, exhausted: false }
    }
}

/// What a page draws.
#[derive(Debug, Default)]
pub(crate) struct Drawn {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// The largest share of the page one image covers.
    pub image_cover: f32,
}

/// The text object being read.
struct TextObject {
    m: Matrix,
    size: f32,
    hscale: f32,
    font: u32,
    /// What the matrix makes of a unit along the baseline, the font size on the page in points,
    /// and the direction the text runs (degrees clockwise): the same for all its characters.
    along: f32,
    size_pt: f32,
    angle: u16,
    /// The map into the upright frame of that direction.
    turn: Turn,
    /// The last TextCode's X and Y, for a TextCode that leaves them out.
    x: f32,
    y: f32,
}

/// The TextCode being read: one for all the TextCodes of a content, its buffers kept from one to
/// the next.
#[derive(Default)]
struct TextCode {
    /// Between a TextCode's start and end.
    open: bool,
    x: Option<f32>,
    y: Option<f32>,
    /// Whether DeltaX and DeltaY are given, and their lists.
    dx: bool,
    dy: bool,
    dx_list: String,
    dy_list: String,
    text: String,
}

impl TextCode {
    /// Starts reading a TextCode element.
    fn start(&mut self, e: &BytesStart) {
        let [x, y, dx, dy] = attrs(e, ["X", "Y", "DeltaX", "DeltaY"]);
        (self.open, self.x, self.y) = (true, x.and_then(|v| number(&v)), y.and_then(|v| number(&v)));
        let keep = |list: &mut String, v: Option<Cow<str>>| {
            list.clear();
            list.push_str(v.as_deref().unwrap_or_default());
            v.is_some()
        };
        (self.dx, self.dy) = (keep(&mut self.dx_list, dx), keep(&mut self.dy_list, dy));
        self.text.clear();
    }
}

/// What [`Painter::text_code`] and [`Painter::text_object`] keep from one element to the next.
#[derive(Default)]
struct Scratch {
    /// The last text object's frame.
    frame: Option<Frame>,
    /// The last Size attribute read and its number.
    size: (String, Option<f32>),
    dx: Vec<f32>,
    dy: Vec<f32>,
}

/// What a linear transformation makes of text (see [`Painter::frame`]).
#[derive(Clone, Copy)]
struct Frame {
    /// The bits of the transformation's a, b, c, d.
    linear: [u32; 4],
    /// The direction text runs (degrees clockwise), a unit along the baseline and a unit upward
    /// on the page, and the map into the upright frame of that direction.
    angle: u16,
    along: f32,
    upward: f32,
    turn: Turn,
}

/// The path object being read.
struct PathObject {
    m: Matrix,
    stroke: bool,
    fill: bool,
    data: Option<String>,
    /// The AbbreviatedData ended: nothing more is read into it.
    done: bool,
}

/// Draws content XML onto one page.
pub(crate) struct Painter<'a> {
    res: &'a Resources,
    budget: &'a mut Budget,
    scratch: Scratch,
    /// The page size in millimetres.
    width: f32,
    height: f32,
    pub drawn: Drawn,
}

fn number(v: &str) -> Option<f32> {
    parse_f32(v.trim()).filter(|v| v.is_finite())
}

fn flag(e: &BytesStart, name: &str, default: bool) -> bool {
    attr_ref(e, name).map_or(default, |v| v.trim() == "true" || v.trim() == "1")
}

/// A character drawn a full em wide (CJK, fullwidth forms) rather than half.
fn wide(c: char) -> bool {
    let u = c as u32;
    (0x1100..=0x115F).contains(&u) || (0x2E80..=0xFF60).contains(&u) || (0xFFE0..=0xFFE6).contains(&u) || u >= 0x20000
}

impl<'a> Painter<'a> {
    /// A painter for a page of `size` (millimetres), with room for `glyphs` glyphs (the last
    /// page's count: pages of a document are alike).
    pub fn new(res: &'a Resources, budget: &'a mut Budget, size: (f32, f32), glyphs: usize) -> Painter<'a> {
        let drawn = Drawn { glyphs: Vec::with_capacity(glyphs), ..Default::default() };
        Painter { res, budget, scratch: Scratch::default(), width: size.0, height: size.1, drawn }
    }

    /// Draws `xml` (a Content.xml, or the inside of a unit's Content) through `m`.
    pub fn paint(&mut self, xml: &str, m: Matrix, depth: u32) {
        if self.budget.exhausted || xml.len() as u64 > self.budget.xml_bytes {
            self.budget.exhausted = true;
            return;
        }
        self.budget.xml_bytes -= xml.len() as u64;
        let mut text: Option<TextObject> = None;
        let mut code = TextCode::default();
        let mut path: Option<PathObject> = None;
        // Open Clips elements (their paths only clip) and annotation appearances (a Boundary).
        let mut clips = 0u32;
        let mut frames: Vec<Matrix> = Vec::new();
        let mut reader = Reader::new(xml);
        while let Some(event) = reader.next() {
            let parent = frames.last().copied().unwrap_or(m);
            match event {
                Event::Start(e) => match local(&e) {
                    // The glyph indices of a TextCode: nothing to draw, and no text to add to an
                    // open TextCode or path.
                    "CGTransform" if !code.open && !path.as_ref().is_some_and(PathObject::reading) => {
                        reader.skip_text_child("Glyphs");
                    }
                    "Clips" => clips += 1,
                    _ if clips > 0 => {}
                    "Appearance" => frames.push(parent.place(attr(&e, "Boundary").as_deref(), None)),
                    "TextObject" => text = Some(self.text_object(&e, parent)),
                    "TextCode" if text.is_some() => code.start(&e),
                    "PathObject" => path = Some(path_object(&e, parent)),
                    "AbbreviatedData" => {
                        if let Some(p) = &mut path {
                            p.data = Some(String::new());
                        }
                    }
                    _ => self.object(&e, parent, depth),
                },
                Event::Empty(e) if clips == 0 => self.object(&e, parent, depth),
                Event::Text(t) if clips == 0 => push_text(&mut code, &mut path, &t),
                Event::CData(t) if clips == 0 => push_text(&mut code, &mut path, &t),
                Event::GeneralRef(r) if clips == 0 => {
                    if let Some(c) = entity(&r) {
                        push_text(&mut code, &mut path, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::End(e) => match local_end(&e) {
                    "Clips" => clips = clips.saturating_sub(1),
                    _ if clips > 0 => {}
                    "Appearance" => {
                        frames.pop();
                    }
                    "TextCode" => {
                        if let (Some(t), true) = (&mut text, code.open) {
                            self.text_code(t, &code);
                        }
                        code.open = false;
                    }
                    "TextObject" => text = None,
                    "AbbreviatedData" => {
                        if let Some(p) = &mut path {
                            p.done = p.data.is_some();
                        }
                    }
                    "PathObject" => {
                        if let Some(p) = path.take() {
                            self.path(p);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            if self.budget.exhausted {
                break;
            }
        }
    }

    /// An image or a composite object (drawn from its unit).
    fn object(&mut self, e: &BytesStart, parent: Matrix, depth: u32) {
        match local(e) {
            "ImageObject" => self.image(e, parent),
            "CompositeObject" if depth < MAX_UNIT_DEPTH => {
                let Some(id) = attr(e, "ResourceID") else { return };
                let Some(unit) = self.res.unit(id.trim()) else { return };
                let m = parent.place(attr_ref(e, "Boundary").as_deref(), attr_ref(e, "CTM").as_deref());
                self.paint(unit, m, depth + 1);
            }
            _ => {}
        }
    }

    /// The share of the page an image covers, from its Boundary in page coordinates.
    fn image(&mut self, e: &BytesStart, parent: Matrix) {
        let Some([x, y, w, h]) = rect(attr(e, "Boundary").as_deref()) else { return };
        let corners = [parent.apply(x, y), parent.apply(x + w, y + h)];
        let (w, h) = ((corners[1].0 - corners[0].0).abs(), (corners[1].1 - corners[0].1).abs());
        let page = (self.width * self.height).max(1.0);
        self.drawn.image_cover = self.drawn.image_cover.max((w * h / page).min(1.0));
    }

    fn text_object(&mut self, e: &BytesStart, parent: Matrix) -> TextObject {
        let [boundary, ctm, size, hscale, font] = attrs(e, ["Boundary", "CTM", "Size", "HScale", "Font"]);
        let m = parent.place(boundary.as_deref(), ctm.as_deref());
        let size = size.and_then(|v| self.size(&v)).filter(|s| *s > 0.0).unwrap_or(3.5);
        let f = self.frame(&m);
        TextObject {
            m,
            size,
            hscale: hscale.and_then(|v| number(&v)).filter(|s| *s > 0.0).unwrap_or(1.0),
            font: font.and_then(|f| f.trim().parse().ok()).unwrap_or(0),
            along: f.along,
            size_pt: size * f.upward * PT,
            angle: f.angle,
            turn: f.turn,
            x: 0.0,
            y: 0.0,
        }
    }

    /// What a text object's matrix makes of its text, remembered from the last text object with
    /// the same linear part (a page's text is mostly placed through one).
    fn frame(&mut self, m: &Matrix) -> Frame {
        let linear = [m.a, m.b, m.c, m.d].map(f32::to_bits);
        if let Some(f) = self.scratch.frame.filter(|f| f.linear == linear) {
            return f;
        }
        let (ux, uy) = m.linear(1.0, 0.0);
        let (vx, vy) = m.linear(0.0, 1.0);
        let angle = uy.atan2(ux).to_degrees().round().rem_euclid(360.0) as u16 % 360;
        let turn = Turn::new(angle, self.width * PT, self.height * PT);
        let f = Frame { linear, angle, along: ux.hypot(uy), upward: vx.hypot(vy), turn };
        self.scratch.frame = Some(f);
        f
    }

    /// A Size attribute's number, remembered: the text objects of a page give a few sizes many
    /// times, often written to 17 digits (which [`parse_f32`] leaves to the slow standard reading).
    fn size(&mut self, v: &str) -> Option<f32> {
        let (text, value) = &mut self.scratch.size;
        if text != v {
            text.clear();
            text.push_str(v);
            *value = number(v);
        }
        *value
    }

    /// Places the characters of a TextCode.
    fn text_code(&mut self, t: &mut TextObject, c: &TextCode) {
        let n = c.text.chars().count();
        if n == 0 {
            return;
        }
        if self.budget.glyphs < n {
            self.budget.exhausted = true;
            return;
        }
        self.budget.glyphs -= n;
        (t.x, t.y) = (c.x.unwrap_or(t.x), c.y.unwrap_or(t.y));
        let mut scratch = std::mem::take(&mut self.scratch);
        let Scratch { dx, dy, .. } = &mut scratch;
        dx.clear();
        dy.clear();
        if c.dx {
            deltas(&c.dx_list, n, dx);
        }
        if c.dy {
            deltas(&c.dy_list, n, dy);
        }
        let step = |list: &[f32], i: usize| list.get(i).or(list.last()).copied().unwrap_or(0.0);
        let estimate = |ch: char| t.size * t.hscale * if wide(ch) { 1.0 } else { 0.5 };
        // No deltas at all: the standard stacks the characters on one point; spread them as the
        // font would, so that the text reads.
        let spread = dx.is_empty() && dy.is_empty();
        let (mut x, mut y) = (t.x, t.y);
        self.drawn.glyphs.reserve(n);
        let mut last = None;
        for (i, ch) in c.text.chars().enumerate() {
            if let Some(before) = last {
                x += if spread { estimate(before) } else { step(dx, i - 1) };
                y += step(dy, i - 1);
            }
            last = Some(ch);
            // The step to the next character is the advance, up to one em: a wider step is
            // spacing (a title set with gaps), which the layout reads as a space.
            let advance = if dx.is_empty() || (i + 1 >= n && i >= dx.len()) {
                estimate(ch)
            } else {
                step(dx, i).abs().min(t.size * t.hscale)
            };
            self.glyph(t, ch, x, y, advance);
        }
        self.scratch = scratch;
    }

    /// One character at (x, y) in its text object's coordinates, `advance` wide.
    fn glyph(&mut self, t: &TextObject, ch: char, x: f32, y: f32, advance: f32) {
        let (ox, oy) = t.m.apply(x, y);
        let (along, size, angle) = (t.along, t.size_pt, t.angle);
        if along <= 0.0 || size.is_nan() || size <= 0.0 || !ox.is_finite() || !oy.is_finite() {
            return;
        }
        let (fx, fy) = t.turn.map(ox * PT, oy * PT);
        self.drawn.glyphs.push(Glyph {
            text: GlyphText::char(ch),
            x0: fx,
            x1: fx + advance * along * PT,
            top: fy - 0.88 * size,
            baseline: fy,
            size,
            font: t.font,
            rotation: angle,
        });
    }

    /// A path's straight segments as rules: all of a stroked path, the centre line of a thin
    /// filled rectangle.
    fn path(&mut self, p: PathObject) {
        let Some(data) = p.data else { return };
        let segs: Vec<[f32; 4]> = segments(&data, MAX_SEGMENTS)
            .into_iter()
            .map(|[x0, y0, x1, y1]| {
                let (a, b) = (p.m.apply(x0, y0), p.m.apply(x1, y1));
                [a.0 * PT, a.1 * PT, b.0 * PT, b.1 * PT]
            })
            .collect();
        let room = MAX_RULES.saturating_sub(self.drawn.rules.len());
        if p.stroke {
            self.drawn.rules.extend(segs.iter().take(room).map(|s| Rule { x0: s[0], y0: s[1], x1: s[2], y1: s[3] }));
        } else if p.fill && room > 0 && !segs.is_empty() {
            let xs = segs.iter().flat_map(|s| [s[0], s[2]]);
            let ys = segs.iter().flat_map(|s| [s[1], s[3]]);
            let (x0, x1) = xs.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
            let (y0, y1) = ys.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 2.0 && w > 5.0 {
                self.drawn.rules.push(Rule { x0, y0: (y0 + y1) / 2.0, x1, y1: (y0 + y1) / 2.0 });
            } else if w <= 2.0 && h > 5.0 {
                self.drawn.rules.push(Rule { x0: (x0 + x1) / 2.0, y0, x1: (x0 + x1) / 2.0, y1 });
            }
        }
    }
}

fn path_object(e: &BytesStart, parent: Matrix) -> PathObject {
    PathObject {
        m: parent.place(attr_ref(e, "Boundary").as_deref(), attr_ref(e, "CTM").as_deref()),
        stroke: flag(e, "Stroke", true),
        fill: flag(e, "Fill", false),
        data: None,
        done: false,
    }
}

impl PathObject {
    /// Whether text read now goes into the path's data (see [`push_text`]).
    fn reading(&self) -> bool {
        !self.done && self.data.is_some()
    }
}

/// Text inside a TextCode or a path's AbbreviatedData.
fn push_text(code: &mut TextCode, path: &mut Option<PathObject>, s: &str) {
    if code.open {
        code.text.push_str(s);
    } else if let Some(p) = path.as_mut().filter(|p| !p.done) {
        if let Some(d) = p.data.as_mut() {
            d.push_str(s);
        }
    }
}
