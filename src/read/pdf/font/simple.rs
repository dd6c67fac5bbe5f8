//! Simple fonts (Type1, TrueType, Type3, MMType1): one byte a code, 256 codes, each with its text
//! and width worked out when it is first shown (a font shows a few dozen of its codes; Chromium's
//! Type3 fonts show one or two of the 256 their /Differences and /Widths list). A Chinese font
//! written as a simple font (older Chinese producers: a TrueType 宋体 with no /Encoding and no
//! ToUnicode whose strings are GBK bytes) reads its byte pairs as GBK.

use super::cmap::CMap;
use super::encoding::{glyph_to_unicode, Base};
use super::tables;
use super::CodeText;
use crate::error::Error;
use crate::read::layout::GlyphText;
use crate::read::pdf::objects::Pdf;
use crate::read::pdf::syntax::{Item, Lean};
use lopdf::{Dictionary, Object};
use std::cell::OnceCell;

/// A simple font: what its codes are read from, in the document (`'a`), and each code's text and
/// width once worked out.
#[derive(Debug, Clone)]
pub struct Simple<'a> {
    /// Each code's text and width.
    shown: Vec<OnceCell<(GlyphText, f32)>>,
    /// The base encoding (None: the codes have no character of their own but Latin-1's when
    /// `latin1`).
    base: Option<Base>,
    latin1: bool,
    builtin: Builtin,
    /// /Differences, read for a code when it is first shown.
    differences: Option<List<'a>>,
    widths: Widths<'a>,
    /// Strings are GBK: bytes from 0x81 start a two-byte character.
    gbk: bool,
}

/// The encoding an embedded Type1 program carries: (code, glyph name), later entries winning.
type Builtin = Vec<(u8, String)>;

/// An array a code is read from: the document's objects, or the items of a font read lean.
#[derive(Debug, Clone, Copy)]
enum List<'a> {
    Objects(&'a [Object]),
    /// The items and the file whose bytes their names are.
    Items(&'a [Item], &'a [u8]),
}

/// Where a code's width comes from.
#[derive(Debug, Clone)]
enum Widths<'a> {
    /// /Widths from /FirstChar, /MissingWidth (or half an em) for the codes it does not list.
    Listed {
        list: List<'a>,
        first: usize,
        missing: f32,
    },
    /// A standard font's metrics for codes 32 to 126.
    Standard {
        table: &'static [u16; 95],
        missing: f32,
    },
    Missing(f32),
}

/// FontDescriptor /Flags bit 3: the font uses symbols outside the standard Latin set.
const SYMBOLIC: i64 = 1 << 2;

/// What [`Simple::load`] reads of the font dictionary, for the steps that need it; /BaseFont is
/// read only where it matters (a Type3 font has none, and a missing key costs lopdf an error
/// message).
struct Entries<'p, 'a> {
    pdf: &'p Pdf<'a>,
    dict: &'a Dictionary,
    lean: Option<Lean<'a>>,
    descriptor: Option<&'a Dictionary>,
    subtype: &'a [u8],
    encoding: Option<&'a Object>,
    is_type3: bool,
}

impl<'a> Entries<'_, 'a> {
    fn base_font(&self) -> &'a [u8] {
        self.pdf.get_name(self.dict, b"BaseFont").unwrap_or(b"")
    }
}

impl<'a> Simple<'a> {
    pub fn unknown() -> Simple<'a> {
        Simple {
            shown: unshown(),
            base: None,
            latin1: false,
            builtin: Vec::new(),
            differences: None,
            widths: Widths::Missing(500.0),
            gbk: false,
        }
    }

    /// Reads a simple font: `subtype` is its /Subtype; `lean`, the dictionary's long arrays when
    /// it was read lean (`dict` is then its [`LeanFont::dict`]).
    pub fn load(
        pdf: &Pdf<'a>,
        dict: &'a Dictionary,
        lean: Option<Lean<'a>>,
        subtype: &'a [u8],
        to_unicode: Option<&CMap>,
    ) -> Result<Simple<'a>, Error> {
        let font = Entries {
            pdf,
            dict,
            lean,
            descriptor: pdf.get_dict(dict, b"FontDescriptor"),
            subtype,
            encoding: pdf.get(dict, b"Encoding"),
            is_type3: subtype == b"Type3",
        };
        let (base, builtin) = base_encoding(&font)?;
        let differences = match font.encoding {
            Some(Object::Dictionary(d)) => match lean.and_then(|l| Some((l.font.differences.as_deref()?, l.buf))) {
                Some((items, buf)) => Some(List::Items(items, buf)),
                None => pdf.get_array(d, b"Differences").map(List::Objects),
            },
            _ => None,
        };
        let gbk =
            to_unicode.is_none() && !font.is_type3 && is_chinese_name(font.base_font()) && font.encoding.is_none();
        Ok(Simple {
            shown: unshown(),
            base,
            // A symbolic TrueType font with no encoding: codes are (or stand for) Latin-1.
            latin1: base.is_none() && !font.is_type3 && builtin.is_empty(),
            builtin,
            differences,
            widths: widths(&font),
            gbk,
        })
    }

    /// The text of one code (the ToUnicode map's, else its glyph's: a ligature as its letters)
    /// and its width.
    fn code(&self, pdf: &Pdf<'a>, b: u8, to_unicode: Option<&CMap>) -> &(GlyphText, f32) {
        self.shown[usize::from(b)].get_or_init(|| {
            let text = to_unicode.and_then(|m| m.text(u32::from(b))).or_else(|| self.glyph_text(pdf, b));
            (text.map_or_else(GlyphText::default, CodeText::shown), self.widths.get(pdf, b))
        })
    }

    /// The text of a code's glyph: its name's (from /Differences, else the program's encoding),
    /// else the base encoding's character.
    fn glyph_text(&self, pdf: &Pdf<'a>, b: u8) -> Option<CodeText> {
        let named = |name: &str| glyph_to_unicode(name).or_else(|| numeric_name(name)).map(CodeText::Text);
        if let Some(name) = self.differences.and_then(|d| difference(pdf, d, b)) {
            return named(&String::from_utf8_lossy(name));
        }
        if let Some((_, name)) = self.builtin.iter().rev().find(|(code, _)| *code == b) {
            return named(name);
        }
        match self.base {
            Some(base) => base.char(b).map(CodeText::Char),
            None if self.latin1 && b >= 32 => char::from_u32(u32::from(b)).map(CodeText::Char),
            None => None,
        }
    }

    pub fn decode(
        &self,
        pdf: &Pdf<'a>,
        bytes: &[u8],
        scale: f32,
        to_unicode: Option<&CMap>,
        f: &mut impl FnMut(super::Shown),
    ) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.gbk && b >= 0x81 && b != 0xFF && i + 1 < bytes.len() {
                let pair = &bytes[i..i + 2];
                let (text, _) = encoding_rs::GBK.decode_without_bom_handling(pair);
                let width = self.code(pdf, b, to_unicode).1 + self.code(pdf, pair[1], to_unicode).1;
                f(super::Shown { text: super::shown_text(text.into_owned()), width: width * scale, space: false });
                i += 2;
                continue;
            }
            let (text, width) = self.code(pdf, b, to_unicode);
            f(super::Shown { text: text.clone(), width: width * scale, space: b == 32 });
            i += 1;
        }
    }
}

/// 256 codes not yet shown.
fn unshown() -> Vec<OnceCell<(GlyphText, f32)>> {
    let mut v = Vec::with_capacity(256);
    v.resize_with(256, OnceCell::new);
    v
}

impl Widths<'_> {
    fn get(&self, pdf: &Pdf, b: u8) -> f32 {
        let b = usize::from(b);
        match *self {
            Widths::Listed { list, first, missing } => {
                let i = b.checked_sub(first);
                let w = match list {
                    List::Objects(list) => match i.and_then(|i| list.get(i)) {
                        // Most widths are integers written in the array: read without a call.
                        Some(Object::Integer(n)) => Some(*n as f32),
                        Some(other) => pdf.num(other),
                        None => None,
                    },
                    // As `pdf.num` reads the objects.
                    List::Items(items, _) => match i.and_then(|i| items.get(i)) {
                        Some(Item::Int(n)) => Some(*n as f32),
                        Some(Item::Real(r)) if r.is_finite() => Some(*r),
                        _ => None,
                    },
                };
                w.unwrap_or(missing)
            }
            Widths::Standard { table, missing } => {
                b.checked_sub(32).and_then(|i| table.get(i)).map_or(missing, |&w| f32::from(w))
            }
            Widths::Missing(w) => w,
        }
    }
}

/// A glyph named by its code (`a97`, `g65`, `Cdd` forms some producers write for Type3 and
/// subset fonts): the character of that number, as poppler reads such names.
fn numeric_name(name: &str) -> Option<String> {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = name.len() - digits.len();
    if !(1..=2).contains(&letters) || !(2..=3).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (32..=255).contains(&n).then(|| Base::WinAnsi.char(n as u8)).flatten().map(String::from)
}

/// The base encoding (named, else the default for the font type; none for a Type3 font or one
/// whose program carries its own) and the program's own encoding.
fn base_encoding(font: &Entries) -> Result<(Option<Base>, Builtin), Error> {
    let pdf = font.pdf;
    let named = match font.encoding {
        Some(Object::Name(n)) => Base::from_name(n),
        Some(Object::Dictionary(d)) => pdf.get_name(d, b"BaseEncoding").and_then(Base::from_name),
        _ => None,
    };
    let builtin = if named.is_none() { builtin_encoding(pdf, font.descriptor)? } else { Vec::new() };
    let base = named.or_else(|| {
        if font.is_type3 || !builtin.is_empty() {
            return None;
        }
        let base_font = font.base_font();
        if base_font.ends_with(b"Symbol") {
            return Some(Base::Symbol);
        }
        if base_font.ends_with(b"ZapfDingbats") || base_font.ends_with(b"Dingbats") {
            return Some(Base::ZapfDingbats);
        }
        if font.subtype != b"TrueType" {
            return Some(Base::Standard);
        }
        let flags = font.descriptor.and_then(|d| pdf.get_num(d, b"Flags")).unwrap_or(0.0) as i64;
        (flags & SYMBOLIC == 0).then_some(Base::WinAnsi)
    });
    Ok((base, builtin))
}

/// The glyph name /Differences gives code `b`: a code, then the names of it and the codes after
/// it; the last name given a code wins.
fn difference<'a>(pdf: &Pdf<'a>, diffs: List<'a>, b: u8) -> Option<&'a [u8]> {
    let diffs = match diffs {
        List::Objects(objects) => objects,
        List::Items(items, buf) => return item_difference(items, buf, b),
    };
    let (mut code, mut found) = (0usize, None);
    for item in diffs {
        let item = match item {
            Object::Reference(_) => pdf.resolve(item),
            direct => direct,
        };
        match item {
            Object::Integer(i) => code = (*i).clamp(0, 256) as usize,
            Object::Name(n) => {
                if code == usize::from(b) {
                    found = Some(n.as_slice());
                }
                code += 1;
            }
            _ => {}
        }
    }
    found
}

/// [`difference`] read from a lean font's items.
fn item_difference<'a>(items: &[Item], buf: &'a [u8], b: u8) -> Option<&'a [u8]> {
    let (mut code, mut found) = (0usize, None);
    for item in items {
        match *item {
            Item::Int(i) => code = i.clamp(0, 256) as usize,
            Item::Name(from, to) => {
                if code == usize::from(b) {
                    found = Some(&buf[from as usize..to as usize]);
                }
                code += 1;
            }
            Item::Real(_) => {}
        }
    }
    found
}

/// The encoding an embedded Type1 font program carries (`dup 65 /A put` in its clear-text part).
fn builtin_encoding(pdf: &Pdf, descriptor: Option<&Dictionary>) -> Result<Builtin, Error> {
    let Some(stream) = descriptor.and_then(|d| pdf.get(d, b"FontFile")).and_then(|o| pdf.stream(o)) else {
        return Ok(Vec::new());
    };
    // Only the clear-text part (/Length1 bytes) is read: the rest is the encrypted glyph programs.
    let length1 = pdf.get_num(&stream.dict, b"Length1").map(|n| n.max(0.0) as usize);
    let data = match length1 {
        Some(n) => pdf.decode_prefix(stream, n)?,
        None => pdf.decode(stream)?,
    };
    let Some(data) = data else { return Ok(Vec::new()) };
    let clear = &data[..length1.map_or(data.len(), |n| n.min(data.len()))];
    if memchr::memmem::find(clear, b"/Encoding StandardEncoding").is_some() {
        return Ok(Vec::new());
    }
    // Words split at ASCII white space, as the text would split (a byte that is not UTF-8 is
    // never white space); only the words kept are made text.
    let mut out = Vec::new();
    let mut words = clear.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty());
    while let Some(w) = words.next() {
        if w != b"dup" {
            continue;
        }
        let (Some(code), Some(name), Some(b"put")) = (words.next(), words.next(), words.next()) else { continue };
        let code = std::str::from_utf8(code).ok().and_then(|c| c.parse::<u8>().ok());
        if let (Some(code), Some(name)) = (code, name.strip_prefix(b"/")) {
            out.push((code, String::from_utf8_lossy(name).into_owned()));
        }
    }
    Ok(out)
}

/// Where the glyph widths come from: /Widths from /FirstChar; else the standard font's metrics;
/// else /MissingWidth (or half an em).
fn widths<'a>(font: &Entries<'_, 'a>) -> Widths<'a> {
    let (pdf, dict) = (font.pdf, font.dict);
    let missing = font.descriptor.and_then(|d| pdf.get_num(d, b"MissingWidth")).filter(|&w| w > 0.0).unwrap_or(500.0);
    let lean = font.lean.and_then(|l| Some(List::Items(l.font.widths.as_deref()?, l.buf)));
    if let Some(list) = lean.or_else(|| pdf.get_array(dict, b"Widths").map(List::Objects)) {
        let first = pdf.get_num(dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as usize;
        return Widths::Listed { list, first, missing };
    }
    match standard_metrics(font.base_font()) {
        Some(table) => Widths::Standard { table, missing },
        None => Widths::Missing(missing),
    }
}

fn standard_metrics(base_font: &[u8]) -> Option<&'static [u16; 95]> {
    let name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
    let bold = name.contains("bold");
    if name.contains("courier") {
        static COURIER: [u16; 95] = [600; 95];
        return Some(&COURIER);
    }
    if name.contains("times") {
        return Some(if bold { &tables::TIMES_BOLD_WIDTHS } else { &tables::TIMES_ROMAN_WIDTHS });
    }
    if name.contains("helvetica") || name.contains("arial") {
        return Some(if bold { &tables::HELVETICA_BOLD_WIDTHS } else { &tables::HELVETICA_WIDTHS });
    }
    None
}

/// A Chinese font's name: a known Chinese face in ASCII (SimSun, FangSong_GB2312…) or a name whose
/// bytes are GBK Chinese (宋体, 仿宋_GB2312), after the subset prefix (ABCDEF+).
fn is_chinese_name(base_font: &[u8]) -> bool {
    let name = match base_font.iter().position(|&b| b == b'+') {
        Some(6) => &base_font[7..],
        _ => base_font,
    };
    let lower = String::from_utf8_lossy(name).to_ascii_lowercase();
    const FACES: [&str; 14] = [
        "simsun",
        "simhei",
        "simkai",
        "simfang",
        "fangsong",
        "kaiti",
        "stsong",
        "stkaiti",
        "stfangsong",
        "stheiti",
        "nsimsun",
        "gb2312",
        "microsoftyahei",
        "dengxian",
    ];
    if FACES.iter().any(|f| lower.replace([' ', '-', '_'], "").contains(f)) {
        return true;
    }
    let (text, errors) = encoding_rs::GBK.decode_without_bom_handling(name);
    !errors && text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}
