//! The content-stream interpreter (PDF 32000 §8, §9.4): runs a page's operators with the graphics
//! state, and collects what the layout stage needs — glyphs where they are drawn, ruling lines,
//! and how much of the page images cover. Colour, clipping and shading are not followed: text is
//! kept whatever colour it is drawn in, as pdftotext keeps it.

use super::font::Font;
use super::lexer::{op, op_code, Args, Lexer, Operand, Step};
use super::matrix::Matrix;
use super::objects::Pdf;
use super::paths::Path;
use crate::error::{Error, LimitKind};
use crate::read::layout::{Glyph, Rule};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// The fonts of a document, loaded once each and numbered for [`Glyph::font`].
#[derive(Default)]
pub struct Fonts<'a> {
    by_id: HashMap<ObjectId, Loaded<'a>>,
    next: u32,
    /// The font of text shown before any `Tf`.
    unknown: Option<Rc<Font<'a>>>,
    /// The last fonts named by `Tf`: (the resource dictionary's address, the name, the font). A
    /// page names its few fonts over and over; each lookup is two dictionary searches and a hash.
    recent: Vec<(usize, FontName, Loaded<'a>)>,
    /// How many glyphs the last page drew: room the next page's list is given at once (pages of a
    /// document are alike; a list grown glyph by glyph copies itself a dozen times).
    pub glyphs_last_page: usize,
}

/// A font's resource name as [`Fonts::recent`] keeps it: up to 8 bytes as one number (compared in
/// one instruction), a longer one as its bytes.
#[derive(PartialEq)]
enum FontName {
    Short(u64, u8),
    Long(Vec<u8>),
}

impl FontName {
    fn short(name: &[u8]) -> Option<FontName> {
        let mut packed = [0u8; 8];
        packed.get_mut(..name.len())?.copy_from_slice(name);
        Some(FontName::Short(u64::from_le_bytes(packed), name.len() as u8))
    }

    fn is(&self, name: &[u8], short: &Option<FontName>) -> bool {
        match (self, short) {
            (FontName::Short(..), Some(s)) => self == s,
            (FontName::Long(bytes), None) => bytes.as_slice() == name,
            _ => false,
        }
    }
}

/// A font with its number.
type Loaded<'a> = (u32, Rc<Font<'a>>);

/// Most `Tf` lookups remembered.
const RECENT_FONTS: usize = 64;

impl<'a> Fonts<'a> {
    fn remember(&mut self, place: usize, name: &[u8], font: &Loaded<'a>) {
        if self.recent.len() == RECENT_FONTS {
            self.recent.remove(0);
        }
        let key = FontName::short(name).unwrap_or_else(|| FontName::Long(name.to_vec()));
        self.recent.push((place, key, font.clone()));
    }

    pub fn unknown(&mut self) -> Rc<Font<'a>> {
        Rc::clone(self.unknown.get_or_insert_with(|| Rc::new(Font::unknown())))
    }
}

/// The graphics state that `q`/`Q` save and restore (text state included).
#[derive(Clone)]
pub struct GState<'a> {
    pub ctm: Matrix,
    pub font: Option<Loaded<'a>>,
    pub size: f32,
    pub char_space: f32,
    pub word_space: f32,
    pub h_scale: f32,
    pub leading: f32,
    pub rise: f32,
}

impl GState<'_> {
    pub fn new(ctm: Matrix) -> Self {
        GState { ctm, font: None, size: 0.0, char_space: 0.0, word_space: 0.0, h_scale: 1.0, leading: 0.0, rise: 0.0 }
    }
}

/// Most `q` levels kept: deeper saves are counted but not stored (a hostile stream of `q`s).
const MAX_SAVES: usize = 256;
/// Most ruling lines kept per page.
const MAX_RULES: usize = 100_000;

/// What one page drew.
#[derive(Default)]
pub struct Drawn {
    /// The glyphs in page coordinates, each with the direction its text runs in `rotation` (its
    /// box not yet turned upright: see [`super::page`]).
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// The largest share of the page one image covers (0 to 1 and more).
    pub image_cover: f32,
    /// Codes shown whose text no map knows (an undecodable font, not a scan).
    pub unmapped: usize,
}

/// A marked-content span with /ActualText: its text replaces the glyphs drawn inside it.
struct Actual {
    text: Option<String>,
    first_glyph: usize,
}

/// The interpreter of one page.
pub struct Interp<'p, 'a> {
    pub pdf: &'p Pdf<'a>,
    pub fonts: &'p mut Fonts<'a>,
    pub gs: GState<'a>,
    saved: Vec<GState<'a>>,
    extra_saves: usize,
    pub tm: Matrix,
    pub tlm: Matrix,
    pub path: Path,
    pub out: Drawn,
    /// The page's area in points², for the image cover.
    page_area: f32,
    ops: u64,
    marked: Vec<Actual>,
    /// Form XObjects being drawn (a form that draws itself is drawn once).
    forms: Vec<ObjectId>,
    /// The bytes of the string being shown, when they had to be decoded.
    pub shown_bytes: Vec<u8>,
}

impl<'p, 'a> Interp<'p, 'a> {
    pub fn new(pdf: &'p Pdf<'a>, fonts: &'p mut Fonts<'a>, page_m: Matrix, page_area: f32) -> Self {
        // A first page has no guide: room for a short page's glyphs.
        let glyphs = Vec::with_capacity(fonts.glyphs_last_page.max(256));
        Interp {
            pdf,
            fonts,
            gs: GState::new(page_m),
            saved: Vec::new(),
            extra_saves: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Path::default(),
            out: Drawn { glyphs, ..Drawn::default() },
            page_area: page_area.max(1.0),
            ops: 0,
            marked: Vec::new(),
            forms: Vec::new(),
            shown_bytes: Vec::new(),
        }
    }

    /// Runs one content stream with its resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) -> Result<(), Error> {
        let max_depth = self.pdf.limits.max_pdf_depth;
        let mut lx = Lexer::new(content, max_depth);
        loop {
            let op = match lx.next_op() {
                Step::Op(op) => op,
                Step::End => return Ok(()),
                Step::TooDeep => return Err(too_deep(max_depth, "arrays in a content stream")),
            };
            self.count_op()?;
            self.op(op, lx.args(), resources)?;
        }
    }

    fn count_op(&mut self) -> Result<(), Error> {
        self.ops += 1;
        let max = self.pdf.limits.max_pdf_operators;
        if self.ops > max {
            let why = format!("a PDF page runs more than {max} content-stream operators (--max-pdf-operators)");
            return Err(Error::limit(LimitKind::PdfOperators, max, None, why));
        }
        Ok(())
    }

    fn op(&mut self, op: &[u8], args: Args, res: Option<&'a Dictionary>) -> Result<(), Error> {
        let n = |i: usize| args.num(i);
        let code = op_code(op);
        match code {
            op::q => self.save(),
            op::Q => self.restore(),
            op::cm => {
                let m: [f32; 6] = std::array::from_fn(n);
                if let Some(m) = Matrix::from_slice(&m) {
                    self.gs.ctm = m.then(self.gs.ctm);
                }
            }
            op::Do => {
                if let Some(Operand::Name(name)) = args.first() {
                    self.draw_xobject(&name.bytes(), res)?;
                }
            }
            op::ID => self.inline_image(),
            op::BDC | op::BMC => self.begin_marked(args, res),
            op::EMC => self.end_marked(),
            op::m | op::l | op::c | op::v | op::y | op::re | op::h => self.path.op(code, args, self.gs.ctm),
            op::S | op::s | op::f | op::F | op::f_star | op::B | op::B_star | op::b | op::b_star | op::n => {
                // A painting operator: the path becomes rules and is cleared.
                let rules = &mut self.out.rules;
                self.path.rules(code, |r| {
                    if rules.len() < MAX_RULES {
                        rules.push(r);
                    }
                });
                self.path.clear();
            }
            _ => self.text_op(code, args, res)?,
        }
        Ok(())
    }

    fn save(&mut self) {
        if self.saved.len() < MAX_SAVES {
            self.saved.push(self.gs.clone());
        } else {
            self.extra_saves += 1;
        }
    }

    fn restore(&mut self) {
        if self.extra_saves > 0 {
            self.extra_saves -= 1;
        } else if let Some(gs) = self.saved.pop() {
            self.gs = gs;
        }
    }

    /// The font named `name` in the resources, loaded once per document.
    pub fn font(&mut self, name: &[u8], res: Option<&'a Dictionary>) -> Result<Loaded<'a>, Error> {
        // The documents do not change while they are read: a dictionary's address names it.
        let place = res.map_or(0, |r| std::ptr::from_ref(r) as usize);
        let short = FontName::short(name);
        if let Some((.., hit)) = self.fonts.recent.iter().rev().find(|(p, n, _)| *p == place && n.is(name, &short)) {
            return Ok(hit.clone());
        }
        let fonts = res.and_then(|r| self.pdf.get_dict(r, b"Font"));
        let entry = fonts.and_then(|f| f.get(name).ok());
        let id = match entry {
            Some(Object::Reference(id)) => Some(*id),
            _ => None,
        };
        if let Some(hit) = id.and_then(|id| self.fonts.by_id.get(&id)).cloned() {
            self.fonts.remember(place, name, &hit);
            return Ok(hit);
        }
        let font = match entry.and_then(|e| self.pdf.lean_font(e)) {
            Some(lean) => Font::load_lean(self.pdf, lean)?,
            None => match entry.and_then(|e| self.pdf.dict(e)) {
                Some(d) => Font::load(self.pdf, d)?,
                None => Font::unknown(),
            },
        };
        let loaded = (self.fonts.next, Rc::new(font));
        self.fonts.next += 1;
        if let Some(id) = id {
            self.fonts.by_id.insert(id, loaded.clone());
            // Only a font loaded once per document is remembered by name: one written inline in
            // the resources is loaded, and numbered, anew at each Tf.
            self.fonts.remember(place, name, &loaded);
        }
        Ok(loaded)
    }

    fn draw_xobject(&mut self, name: &[u8], res: Option<&'a Dictionary>) -> Result<(), Error> {
        let pdf = self.pdf;
        let Some(entry) = res.and_then(|r| pdf.get_dict(r, b"XObject")).and_then(|x| x.get(name).ok()) else {
            return Ok(());
        };
        let Some(stream) = pdf.stream(entry) else { return Ok(()) };
        match pdf.get_name(&stream.dict, b"Subtype") {
            Some(b"Image") => self.image_drawn(self.gs.ctm),
            Some(b"Form") => {
                let id = match entry {
                    Object::Reference(id) => *id,
                    _ => (0, 0),
                };
                self.draw_form(id, stream, res)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// An annotation's appearance form, drawn with `ctm` (which fits it to the annotation).
    pub fn draw_appearance(&mut self, id: ObjectId, stream: &'a lopdf::Stream, ctm: Matrix) -> Result<(), Error> {
        let saved = std::mem::replace(&mut self.gs, GState::new(ctm));
        let result = self.draw_form(id, stream, None);
        self.gs = saved;
        result
    }

    fn draw_form(
        &mut self,
        id: ObjectId,
        stream: &'a lopdf::Stream,
        parent: Option<&'a Dictionary>,
    ) -> Result<(), Error> {
        let max = self.pdf.limits.max_pdf_depth;
        if self.forms.contains(&id) && id != (0, 0) {
            return Ok(());
        }
        if self.forms.len() >= max {
            return Err(too_deep(max, "form XObjects"));
        }
        let Some(data) = self.pdf.decode(stream)? else { return Ok(()) };
        let pdf = self.pdf;
        let own = pdf.get_dict(&stream.dict, b"Resources");
        let matrix = pdf.get(&stream.dict, b"Matrix").and_then(|m| Matrix::from_slice(&pdf.nums(m)));
        let (gs, tm, tlm) = (self.gs.clone(), self.tm, self.tlm);
        if let Some(m) = matrix {
            self.gs.ctm = m.then(self.gs.ctm);
        }
        self.forms.push(id);
        let result = self.run(&data, own.or(parent));
        self.forms.pop();
        (self.gs, self.tm, self.tlm) = (gs, tm, tlm);
        result
    }

    /// An inline image (`BI … ID … EI`): the unit square through the CTM.
    fn inline_image(&mut self) {
        self.image_drawn(self.gs.ctm);
    }

    fn image_drawn(&mut self, ctm: Matrix) {
        let cover = ctm.area() / self.page_area;
        if cover.is_finite() && cover > self.out.image_cover {
            self.out.image_cover = cover;
        }
    }

    fn begin_marked(&mut self, args: Args, res: Option<&Dictionary>) {
        let text = match args.get(1) {
            Some(props @ Operand::Dict(_)) => match args.lookup(props, b"ActualText") {
                Some(Operand::Str(s)) => Some(super::objects::text_string(&s.bytes())),
                _ => None,
            },
            Some(Operand::Name(name)) => self.named_actual_text(&name.bytes(), res),
            _ => None,
        };
        self.marked.push(Actual { text, first_glyph: self.out.glyphs.len() });
        if self.marked.len() > MAX_SAVES {
            self.marked.remove(0);
        }
    }

    /// /ActualText of a marked-content property list in the resources' /Properties.
    fn named_actual_text(&self, name: &[u8], res: Option<&Dictionary>) -> Option<String> {
        let props = res.and_then(|r| self.pdf.get_dict(r, b"Properties"))?;
        let d = self.pdf.dict(props.get(name).ok()?)?;
        match self.pdf.get(d, b"ActualText")? {
            Object::String(s, _) => Some(super::objects::text_string(s)),
            _ => None,
        }
    }

    /// The end of a marked-content span: an /ActualText replaces the glyphs drawn inside it by one
    /// glyph over their box.
    fn end_marked(&mut self) {
        let Some(Actual { text: Some(text), first_glyph }) = self.marked.pop() else { return };
        if first_glyph >= self.out.glyphs.len() {
            return;
        }
        let mut drawn = self.out.glyphs.split_off(first_glyph);
        let mut g = drawn.swap_remove(0);
        for other in &drawn {
            g.x0 = g.x0.min(other.x0);
            g.x1 = g.x1.max(other.x1);
        }
        g.text = text.chars().filter(|c| !c.is_control()).collect::<String>().into();
        if !g.text.is_empty() {
            self.out.glyphs.push(g);
        }
    }
}

/// The nesting-depth limit error.
pub fn too_deep(max: usize, what: &str) -> Error {
    let why = format!("{what} nest deeper than the limit of {max} (--max-pdf-depth)");
    Error::limit(LimitKind::PdfDepth, max as u64, None, why)
}
