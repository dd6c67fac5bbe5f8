//! Fonts (PDF 32000 §9): how a string's bytes split into character codes, the text each code
//! shows and how far it advances. The text comes from the first source that knows it: the
//! ToUnicode map; for composite (Type0) fonts a predefined Unicode or legacy CMap (the code
//! decoded) or the Adobe-GB1 collection (the CID); for simple fonts the encoding with its
//! /Differences (glyph names), or GBK when a Chinese font was written as a simple font.

pub mod cmap;
pub mod encoding;
pub mod predefined;
mod simple;
mod tables;
mod truetype;

use super::objects::Pdf;
use super::syntax::Lean;
use crate::error::Error;
use crate::read::layout::GlyphText;
use crate::read::KeyHasher;
use cmap::CMap;
use lopdf::{Dictionary, Object};
use predefined::Predefined;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// One character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// What it shows (empty when nothing says).
    pub text: GlyphText,
    /// Advance in text-space units per unit of font size (glyph width × font matrix).
    pub width: f32,
    /// A single-byte code 32: word spacing (Tw) applies.
    pub space: bool,
}

/// How a composite font's codes are split and turned into CIDs.
#[derive(Debug, Clone)]
enum CodeMap {
    Predefined(Predefined),
    Embedded(CMap),
}

/// A composite font's glyph widths (the descendant's /W and /DW), by CID.
#[derive(Debug, Clone, Default)]
struct CidWidths {
    default: f32,
    /// (first CID, last CID, width), sorted.
    ranges: Vec<(u32, u32, f32)>,
}

impl CidWidths {
    fn get(&self, cid: u32) -> f32 {
        let i = self.ranges.partition_point(|r| r.0 <= cid);
        match i.checked_sub(1).map(|i| self.ranges[i]) {
            Some((_, hi, w)) if cid <= hi => w,
            _ => self.default,
        }
    }
}

#[derive(Debug, Clone)]
enum Kind<'a> {
    Simple(simple::Simple<'a>),
    Composite { codes: CodeMap, widths: CidWidths, gb1: bool, glyphs: Option<GlyphChars> },
}

/// An embedded TrueType CID font's own character map read backwards (CID → glyph → character),
/// for fonts without ToUnicode.
#[derive(Debug, Clone)]
struct GlyphChars {
    /// /CIDToGIDMap as a stream (None: Identity).
    cid_to_gid: Option<Vec<u16>>,
    chars: Vec<Option<char>>,
}

impl GlyphChars {
    fn char(&self, cid: u32) -> Option<char> {
        let gid = match &self.cid_to_gid {
            Some(map) => u32::from(*map.get(cid as usize)?),
            None => cid,
        };
        *self.chars.get(gid as usize)?
    }
}

/// A font as the text layer needs it (a simple font reads its codes from the document, `'a`).
#[derive(Debug, Clone)]
pub struct Font<'a> {
    kind: Kind<'a>,
    to_unicode: Option<CMap>,
    /// Glyph space to text space (0.001 except for Type3 fonts' /FontMatrix).
    scale: f32,
    /// Vertical writing (Identity-V, a -V CMap).
    pub vertical: bool,
    /// Composite codes already decoded (a document shows the same few thousand codes over and
    /// over; decoding one looks through up to four maps).
    seen: RefCell<HashMap<u32, Shown, BuildHasherDefault<KeyHasher>>>,
}

/// Most codes remembered per font.
const MAX_SEEN: usize = 1 << 16;

impl<'a> Font<'a> {
    /// Reads a font dictionary. Only a limit crossed while decoding its streams is an error; a
    /// font that cannot be read is a font whose codes show nothing.
    pub fn load(pdf: &Pdf<'a>, dict: &'a Dictionary) -> Result<Font<'a>, Error> {
        Font::load_from(pdf, dict, None)
    }

    /// [`Font::load`] of a font dictionary read lean: the same font.
    pub fn load_lean(pdf: &Pdf<'a>, lean: Lean<'a>) -> Result<Font<'a>, Error> {
        Font::load_from(pdf, &lean.font.dict, Some(lean))
    }

    fn load_from(pdf: &Pdf<'a>, dict: &'a Dictionary, lean: Option<Lean<'a>>) -> Result<Font<'a>, Error> {
        let to_unicode = match pdf.get(dict, b"ToUnicode").and_then(|o| pdf.stream(o)) {
            Some(s) => pdf.decode(s)?.map(|d| CMap::parse(&d, pdf.limits.max_pdf_depth)).filter(|m| !m.is_empty()),
            None => None,
        };
        let subtype = pdf.get_name(dict, b"Subtype").unwrap_or(b"");
        if subtype == b"Type0" {
            return composite(pdf, dict, to_unicode);
        }
        let scale = if subtype == b"Type3" {
            // /FontMatrix's first number (0 when it is not a number).
            let first = pdf.get(dict, b"FontMatrix").and_then(|m| match m {
                Object::Array(a) => a.first().map(|v| pdf.num(v).unwrap_or(0.0)),
                _ => None,
            });
            first.unwrap_or(0.001)
        } else {
            0.001
        };
        let simple = simple::Simple::load(pdf, dict, lean, subtype, to_unicode.as_ref())?;
        Ok(Font { kind: Kind::Simple(simple), to_unicode, scale, vertical: false, seen: RefCell::default() })
    }

    /// A font that shows nothing (a missing or unreadable /Font resource): codes of one byte,
    /// half an em wide.
    pub fn unknown() -> Font<'a> {
        Font {
            kind: Kind::Simple(simple::Simple::unknown()),
            to_unicode: None,
            scale: 0.001,
            vertical: false,
            seen: RefCell::default(),
        }
    }

    /// Splits `bytes` into codes and calls `f` for each.
    pub fn decode(&self, pdf: &Pdf<'a>, bytes: &[u8], mut f: impl FnMut(Shown)) {
        match &self.kind {
            Kind::Simple(s) => s.decode(pdf, bytes, self.scale, self.to_unicode.as_ref(), &mut f),
            Kind::Composite { codes, widths, gb1, glyphs } => {
                let mut i = 0;
                while i < bytes.len() {
                    let n = match codes {
                        CodeMap::Predefined(p) => p.code_len(&bytes[i..]),
                        CodeMap::Embedded(m) => m.code_len(&bytes[i..]).unwrap_or(1),
                    }
                    .max(1);
                    let code = &bytes[i..(i + n).min(bytes.len())];
                    let key = cmap::be(code) | (code.len() as u32) << 30;
                    let hit = self.seen.borrow().get(&key).cloned();
                    let shown = hit.unwrap_or_else(|| {
                        let s = self.composite_code(codes, widths, (*gb1, glyphs.as_ref()), code);
                        let mut seen = self.seen.borrow_mut();
                        if seen.len() < MAX_SEEN {
                            seen.insert(key, s.clone());
                        }
                        s
                    });
                    f(shown);
                    i += n;
                }
            }
        }
    }

    fn composite_code(
        &self,
        codes: &CodeMap,
        widths: &CidWidths,
        by_cid: (bool, Option<&GlyphChars>),
        code: &[u8],
    ) -> Shown {
        let (gb1, glyphs) = by_cid;
        let value = cmap::be(code);
        let mapped = self.to_unicode.as_ref().and_then(|m| m.text(value));
        let (cid, text) = match codes {
            CodeMap::Predefined(Predefined::Identity) => (Some(value), mapped),
            CodeMap::Predefined(p) => {
                let text = mapped.or_else(|| p.text(code));
                let cid = text.as_ref().and_then(CodeText::first_char).and_then(|c| predefined::gb1().cid(c));
                (cid, text)
            }
            CodeMap::Embedded(m) => (m.cid(value), mapped),
        };
        let text = text.or_else(|| {
            let c = match glyphs {
                Some(g) => g.char(cid?)?,
                None => cid.filter(|_| gb1).and_then(|cid| predefined::gb1().unicode(cid))?,
            };
            Some(CodeText::Char(c))
        });
        let width = cid.map_or(widths.default, |c| widths.get(c)) * self.scale;
        Shown { text: text.map_or_else(GlyphText::default, CodeText::shown), width, space: code == [32] }
    }
}

/// A code's text as a map gives it: most are one character, kept without an allocation until it
/// is shared.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeText {
    Char(char),
    Text(String),
}

impl CodeText {
    fn first_char(&self) -> Option<char> {
        match self {
            CodeText::Char(c) => Some(*c),
            CodeText::Text(t) => t.chars().next(),
        }
    }

    /// The text as glyphs hand it out (see [`shown_text`]).
    pub fn shown(self) -> GlyphText {
        match self {
            CodeText::Char(c) => {
                let mut utf8 = [0u8; 4];
                shown_str(c.encode_utf8(&mut utf8))
            }
            CodeText::Text(t) => shown_text(t),
        }
    }
}

impl From<CodeText> for String {
    fn from(t: CodeText) -> String {
        match t {
            CodeText::Char(c) => c.into(),
            CodeText::Text(t) => t,
        }
    }
}

/// The text a code shows, as glyphs hand it out: a Latin typographic ligature (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ,
/// ﬅ, ﬆ) as its letters, as text is searched.
pub fn shown_text(text: String) -> GlyphText {
    match ligature(&text) {
        Some(letters) => letters.into(),
        None => text.into(),
    }
}

/// [`shown_text`] of a borrowed text.
fn shown_str(text: &str) -> GlyphText {
    ligature(text).unwrap_or(text).into()
}

fn ligature(text: &str) -> Option<&'static str> {
    // U+FB00..U+FB06 are EF AC 80..86 in UTF-8.
    match text.as_bytes() {
        [0xEF, 0xAC, b @ 0x80..=0x86] => Some(["ff", "fi", "fl", "ffi", "ffl", "st", "st"][usize::from(b - 0x80)]),
        _ => None,
    }
}

fn composite<'a>(pdf: &Pdf<'a>, dict: &'a Dictionary, to_unicode: Option<CMap>) -> Result<Font<'a>, Error> {
    let (codes, vertical) = match pdf.get(dict, b"Encoding") {
        Some(Object::Name(n)) => match predefined::lookup(n) {
            Some((p, v)) => (CodeMap::Predefined(p), v),
            None => (CodeMap::Predefined(Predefined::Identity), false),
        },
        Some(Object::Stream(s)) => {
            let data = pdf.decode(s)?.unwrap_or_default();
            let m = CMap::parse(&data, pdf.limits.max_pdf_depth);
            let parent = m.usecmap.as_deref().and_then(predefined::lookup);
            let v = m.vertical || parent.is_some_and(|(_, v)| v);
            match parent {
                Some((p, _)) if m.codespace.is_empty() => (CodeMap::Predefined(p), v),
                _ => (CodeMap::Embedded(m), v),
            }
        }
        _ => (CodeMap::Predefined(Predefined::Identity), false),
    };
    let descendant = pdf.get_array(dict, b"DescendantFonts").and_then(|a| a.first()).and_then(|d| pdf.dict(d));
    let (widths, gb1) = match descendant {
        Some(d) => (cid_widths(pdf, d), uses_gb1(pdf, d)),
        None => (CidWidths { default: 1000.0, ranges: Vec::new() }, false),
    };
    let glyphs = match descendant {
        Some(d) if to_unicode.is_none() && !gb1 => glyph_chars(pdf, d)?,
        _ => None,
    };
    Ok(Font {
        kind: Kind::Composite { codes, widths, gb1, glyphs },
        to_unicode,
        scale: 0.001,
        vertical,
        seen: RefCell::default(),
    })
}

/// The embedded TrueType program's cmap, for a CIDFontType2 font.
fn glyph_chars(pdf: &Pdf, d: &Dictionary) -> Result<Option<GlyphChars>, Error> {
    let program =
        pdf.get_dict(d, b"FontDescriptor").and_then(|fd| pdf.get(fd, b"FontFile2")).and_then(|o| pdf.stream(o));
    let Some(data) = (match program {
        Some(s) => pdf.decode(s)?,
        None => None,
    }) else {
        return Ok(None);
    };
    let Some(chars) = truetype::glyph_chars(&data) else { return Ok(None) };
    let cid_to_gid = match pdf.get(d, b"CIDToGIDMap").and_then(|o| pdf.stream(o)) {
        Some(s) => pdf.decode(s)?.map(|m| m.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect()),
        None => None,
    };
    Ok(Some(GlyphChars { cid_to_gid, chars }))
}

/// Whether the CIDs are Adobe-GB1's: the ordering says GB1 and the font is not an embedded
/// TrueType (whose CIDs are glyph indices unless /CIDToGIDMap is Identity… in practice GIDs).
fn uses_gb1(pdf: &Pdf, d: &Dictionary) -> bool {
    let ordering = pdf.get_dict(d, b"CIDSystemInfo").and_then(|i| match pdf.get(i, b"Ordering")? {
        Object::String(s, _) => Some(s.clone()),
        _ => None,
    });
    if ordering.as_deref() != Some(b"GB1") {
        return false;
    }
    let embedded_truetype = pdf.get_dict(d, b"FontDescriptor").is_some_and(|fd| fd.has(b"FontFile2"));
    !embedded_truetype
}

/// /W and /DW: `c [w1 w2 …]` and `c1 c2 w` entries.
fn cid_widths(pdf: &Pdf, d: &Dictionary) -> CidWidths {
    let default = pdf.get_num(d, b"DW").unwrap_or(1000.0);
    let mut ranges = Vec::new();
    let w = pdf.get_array(d, b"W").unwrap_or(&[]);
    let mut i = 0;
    while i + 1 < w.len() {
        let Some(first) = pdf.num(&w[i]) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match pdf.resolve(&w[i + 1]) {
            Object::Array(list) => {
                for (k, v) in list.iter().enumerate() {
                    ranges.push((first + k as u32, first + k as u32, pdf.num(v).unwrap_or(default)));
                }
                i += 2;
            }
            other => {
                let last = pdf.num(other).unwrap_or(0.0).max(0.0) as u32;
                let width = w.get(i + 2).and_then(|v| pdf.num(v)).unwrap_or(default);
                if last >= first {
                    ranges.push((first, last, width));
                }
                i += 3;
            }
        }
    }
    ranges.sort_by_key(|r| (r.0, r.1));
    CidWidths { default, ranges }
}

#[cfg(test)]
mod tests {
    use super::{Font, Shown};
    use crate::limits::Limits;
    use crate::read::pdf::objects::{Objects, Pdf};
    use crate::read::pdf::store::tests::{fixtures, stored_ids};
    use crate::read::pdf::store::Store;
    use lopdf::Object;

    /// What a font shows for every one-byte code and for byte pairs (two-byte codes, GBK pairs).
    fn shown(pdf: &Pdf, font: &Font) -> Vec<Shown> {
        let mut out = Vec::new();
        for b in 0..=255u8 {
            font.decode(pdf, &[b], |s| out.push(s));
            font.decode(pdf, &[b, b.wrapping_mul(7)], |s| out.push(s));
        }
        out
    }

    /// A font read lean ([`Font::load_lean`]) is the font read from the whole dictionary: every
    /// font dictionary of the fixtures that reads lean shows the same text and widths both ways.
    #[test]
    fn lean_fonts_are_the_fonts() {
        let limits = Limits::default();
        let (mut fonts, mut simple) = (0, 0);
        for path in fixtures() {
            let bytes = std::fs::read(&path).unwrap();
            let Ok(Some(store)) = Store::open(&bytes, 64 << 20) else { continue };
            let pdf = Pdf::new(Objects::Lazy(&store), &limits);
            for id in stored_ids(&store) {
                let reference = Object::Reference(id);
                let Some(lean) = pdf.lean_font(&reference) else { continue };
                if lean.font.dict.get(b"Type").ok() != Some(&Object::Name(b"Font".to_vec())) {
                    continue;
                }
                let Some(dict) = pdf.dict(store.get(id).unwrap()) else { continue };
                let (Ok(a), Ok(b)) = (Font::load_lean(&pdf, lean), Font::load(&pdf, dict)) else { continue };
                assert_eq!(shown(&pdf, &a), shown(&pdf, &b), "{}: font {id:?}", path.display());
                assert_eq!((a.scale, a.vertical), (b.scale, b.vertical), "{}: font {id:?}", path.display());
                fonts += 1;
                simple += usize::from(lean.font.widths.is_some());
            }
        }
        eprintln!("{fonts} fonts compared, {simple} with lean /Widths");
        assert!(fonts > 3_000 && simple > 2_500, "{fonts} fonts, {simple} with lean /Widths");
    }
}
