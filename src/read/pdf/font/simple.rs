//! Simple fonts (Type1, TrueType, Type3, MMType1): one byte a code, 256 codes, each with its text
//! and width worked out once when the font is loaded. A Chinese font written as a simple font
//! (older Chinese producers: a TrueType 宋体 with no /Encoding and no ToUnicode whose strings are
//! GBK bytes) reads its byte pairs as GBK.

use super::cmap::CMap;
use super::encoding::{glyph_to_unicode, Base};
use super::tables;
use crate::error::Error;
use crate::read::pdf::objects::Pdf;
use lopdf::{Dictionary, Object};
use std::cell::OnceCell;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Simple {
    /// Each code's glyph, width and text.
    slots: Vec<Slot>,
    /// The glyph names codes refer to (a name repeated in a run of /Differences once).
    glyph_names: Vec<Box<str>>,
    /// Strings are GBK: bytes from 0x81 start a two-byte character.
    gbk: bool,
}

/// One code of a simple font.
#[derive(Debug, Clone)]
struct Slot {
    /// Its glyph (the base encoding, the program's own, /Differences).
    code: Code,
    width: f32,
    /// Its text, worked out when it is first shown: a font shows a few dozen of its 256 codes, and
    /// a name is looked up in the glyph list.
    text: OnceCell<Arc<str>>,
}

/// What a code's glyph is called or shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Code {
    Undefined,
    /// A glyph name: an index into [`Simple::glyph_names`].
    Glyph(u32),
    Char(char),
}

/// FontDescriptor /Flags bit 3: the font uses symbols outside the standard Latin set.
const SYMBOLIC: i64 = 1 << 2;

/// What [`Simple::load`] reads of the font dictionary, for the steps that need it; /BaseFont is
/// read only where it matters (a Type3 font has none, and a missing key costs lopdf an error
/// message).
struct Entries<'p, 'a> {
    pdf: &'p Pdf<'a>,
    dict: &'a Dictionary,
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

impl Simple {
    pub fn unknown() -> Simple {
        Simple { slots: slots(500.0), glyph_names: Vec::new(), gbk: false }
    }

    /// Reads a simple font: `subtype` is its /Subtype.
    pub fn load<'a>(
        pdf: &Pdf<'a>,
        dict: &'a Dictionary,
        subtype: &'a [u8],
        to_unicode: Option<&CMap>,
    ) -> Result<Simple, Error> {
        let font = Entries {
            pdf,
            dict,
            descriptor: pdf.get_dict(dict, b"FontDescriptor"),
            subtype,
            encoding: pdf.get(dict, b"Encoding"),
            is_type3: subtype == b"Type3",
        };
        let missing = font.descriptor.and_then(|d| pdf.get_num(d, b"MissingWidth")).filter(|&w| w > 0.0);
        let mut slots = slots(missing.unwrap_or(500.0));
        let mut glyph_names = Vec::new();
        codes(&font, &mut slots, &mut glyph_names)?;
        widths(&font, &mut slots);
        let gbk =
            to_unicode.is_none() && !font.is_type3 && is_chinese_name(font.base_font()) && font.encoding.is_none();
        Ok(Simple { slots, glyph_names, gbk })
    }

    /// The text of one code: the ToUnicode map's, else its glyph name's (a ligature as its letters).
    fn text(&self, b: u8, to_unicode: Option<&CMap>) -> &Arc<str> {
        let slot = &self.slots[usize::from(b)];
        slot.text.get_or_init(|| {
            let text = to_unicode.and_then(|m| m.text(u32::from(b))).or_else(|| match slot.code {
                Code::Glyph(i) => {
                    let name = &self.glyph_names[i as usize];
                    glyph_to_unicode(name).or_else(|| numeric_name(name))
                }
                Code::Char(c) => Some(c.to_string()),
                Code::Undefined => None,
            });
            super::shown_text(text.unwrap_or_default())
        })
    }

    pub fn decode(&self, bytes: &[u8], scale: f32, to_unicode: Option<&CMap>, f: &mut impl FnMut(super::Shown)) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.gbk && b >= 0x81 && b != 0xFF && i + 1 < bytes.len() {
                let pair = &bytes[i..i + 2];
                let (text, _) = encoding_rs::GBK.decode_without_bom_handling(pair);
                let width = self.slots[usize::from(b)].width + self.slots[usize::from(pair[1])].width;
                f(super::Shown { text: super::shown_text(text.into_owned()), width: width * scale, space: false });
                i += 2;
                continue;
            }
            let text = Arc::clone(self.text(b, to_unicode));
            f(super::Shown { text, width: self.slots[usize::from(b)].width * scale, space: b == 32 });
            i += 1;
        }
    }
}

/// 256 undefined codes `width` wide.
fn slots(width: f32) -> Vec<Slot> {
    let mut v = Vec::with_capacity(256);
    v.resize_with(256, || Slot { code: Code::Undefined, width, text: OnceCell::new() });
    v
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

/// The glyph of each code: the base encoding (named, the font program's own, or the default for
/// the font type), then /Differences. Glyph names go to `glyph_names`.
fn codes(font: &Entries, slots: &mut [Slot], glyph_names: &mut Vec<Box<str>>) -> Result<(), Error> {
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
    match base {
        Some(b) => {
            for (code, slot) in slots.iter_mut().enumerate() {
                slot.code = b.char(code as u8).map_or(Code::Undefined, Code::Char);
            }
        }
        // A symbolic TrueType font with no encoding: codes are (or stand for) Latin-1.
        None if !font.is_type3 && builtin.is_empty() => {
            for (code, slot) in slots.iter_mut().enumerate().skip(32) {
                slot.code = char::from_u32(code as u32).map_or(Code::Undefined, Code::Char);
            }
        }
        None => {}
    }
    for (code, name) in builtin {
        glyph_names.push(name.into());
        slots[usize::from(code)].code = Code::Glyph(glyph_names.len() as u32 - 1);
    }
    if let Some(Object::Dictionary(d)) = font.encoding {
        apply_differences(pdf, d, slots, glyph_names);
    }
    Ok(())
}

/// /Differences: a code, then the names of it and the codes after it. A name repeated in a run
/// (Chromium's Type3 fonts name the 200-odd codes they do not use /g0) is kept once.
fn apply_differences(pdf: &Pdf, enc: &Dictionary, slots: &mut [Slot], glyph_names: &mut Vec<Box<str>>) {
    let Some(diffs) = pdf.get_array(enc, b"Differences") else { return };
    let mut code = 0usize;
    let mut last: Option<&[u8]> = None;
    for item in diffs {
        let item = match item {
            Object::Reference(_) => pdf.resolve(item),
            direct => direct,
        };
        match item {
            Object::Integer(i) => code = (*i).clamp(0, 256) as usize,
            Object::Name(n) => {
                if let Some(slot) = slots.get_mut(code) {
                    if !last.is_some_and(|l| same_bytes(l, n)) {
                        glyph_names.push(String::from_utf8_lossy(n).into());
                        last = Some(n);
                    }
                    slot.code = Code::Glyph(glyph_names.len() as u32 - 1);
                }
                code += 1;
            }
            _ => {}
        }
    }
}

/// Byte-wise equality of two short names, in line (a call to memcmp costs more than the compare).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The encoding an embedded Type1 font program carries (`dup 65 /A put` in its clear-text part).
fn builtin_encoding(pdf: &Pdf, descriptor: Option<&Dictionary>) -> Result<Vec<(u8, String)>, Error> {
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

/// Glyph widths by code: /Widths from /FirstChar; else the standard font's metrics; else
/// /MissingWidth (or half an em), which the slots start with.
fn widths(font: &Entries, slots: &mut [Slot]) {
    let (pdf, dict) = (font.pdf, font.dict);
    if let Some(list) = pdf.get_array(dict, b"Widths") {
        let first = pdf.get_num(dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as usize;
        for (i, w) in list.iter().enumerate() {
            // Most widths are integers written in the array: read without a call.
            let w = match w {
                Object::Integer(n) => Some(*n as f32),
                other => pdf.num(other),
            };
            if let (Some(slot), Some(w)) = (slots.get_mut(first + i), w) {
                slot.width = w;
            }
        }
        return;
    }
    if let Some(table) = standard_metrics(font.base_font()) {
        for (i, &w) in table.iter().enumerate() {
            slots[32 + i].width = f32::from(w);
        }
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
