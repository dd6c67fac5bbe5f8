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
    /// Each code's glyph name or character (the base encoding, the program's own, /Differences).
    names: Vec<Option<Name>>,
    /// Each code's text, worked out when it is first shown: a font shows a few dozen of its 256
    /// codes, and a name is looked up in the glyph list.
    chars: Vec<OnceCell<Arc<str>>>,
    widths: Vec<f32>,
    /// Strings are GBK: bytes from 0x81 start a two-byte character.
    gbk: bool,
}

/// FontDescriptor /Flags bit 3: the font uses symbols outside the standard Latin set.
const SYMBOLIC: i64 = 1 << 2;

impl Simple {
    pub fn unknown() -> Simple {
        Simple { names: vec![None; 256], chars: vec![OnceCell::new(); 256], widths: vec![500.0; 256], gbk: false }
    }

    pub fn load(pdf: &Pdf, dict: &Dictionary, to_unicode: Option<&CMap>, is_type3: bool) -> Result<Simple, Error> {
        let descriptor = pdf.get_dict(dict, b"FontDescriptor");
        let base_font = pdf.get_name(dict, b"BaseFont").unwrap_or(b"");
        let subtype = pdf.get_name(dict, b"Subtype").unwrap_or(b"");
        let flags = descriptor.and_then(|d| pdf.get_num(d, b"Flags")).unwrap_or(0.0) as i64;
        let names = glyph_names(pdf, dict, descriptor, subtype, flags, is_type3)?;
        let widths = widths(pdf, dict, descriptor, base_font);
        let gbk =
            to_unicode.is_none() && !is_type3 && is_chinese_name(base_font) && pdf.get(dict, b"Encoding").is_none();
        Ok(Simple { names, chars: vec![OnceCell::new(); 256], widths, gbk })
    }

    /// The text of one code: the ToUnicode map's, else its glyph name's.
    fn text(&self, b: u8, to_unicode: Option<&CMap>) -> &Arc<str> {
        self.chars[usize::from(b)].get_or_init(|| {
            to_unicode
                .and_then(|m| m.text(u32::from(b)))
                .or_else(|| self.names[usize::from(b)].as_ref().and_then(|n| n.text()))
                .unwrap_or_default()
                .into()
        })
    }

    pub fn decode(&self, bytes: &[u8], scale: f32, to_unicode: Option<&CMap>, f: &mut impl FnMut(super::Shown)) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.gbk && b >= 0x81 && b != 0xFF && i + 1 < bytes.len() {
                let pair = &bytes[i..i + 2];
                let (text, _) = encoding_rs::GBK.decode_without_bom_handling(pair);
                let width = self.widths[usize::from(b)] + self.widths[usize::from(pair[1])];
                f(super::Shown { text: text.into(), width: width * scale, space: false });
                i += 2;
                continue;
            }
            let text = Arc::clone(self.text(b, to_unicode));
            f(super::Shown { text, width: self.widths[usize::from(b)] * scale, space: b == 32 });
            i += 1;
        }
    }
}

/// What a code's glyph is called or shows.
#[derive(Debug, Clone)]
enum Name {
    /// Shared: a /Differences array often names one glyph for many codes (Chromium's Type3
    /// fonts map the 200-odd codes they do not use to /g0).
    Glyph(Arc<str>),
    Char(char),
}

impl Name {
    fn text(&self) -> Option<String> {
        match self {
            Name::Glyph(n) => glyph_to_unicode(n).or_else(|| numeric_name(n)),
            Name::Char(c) => Some(c.to_string()),
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

/// The glyph of each code: the base encoding (named, the font program's own, or the default for
/// the font type), then /Differences.
fn glyph_names(
    pdf: &Pdf,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    subtype: &[u8],
    flags: i64,
    is_type3: bool,
) -> Result<Vec<Option<Name>>, Error> {
    let enc = pdf.get(dict, b"Encoding");
    let named = match enc {
        Some(Object::Name(n)) => Base::from_name(n),
        Some(Object::Dictionary(d)) => pdf.get_name(d, b"BaseEncoding").and_then(Base::from_name),
        _ => None,
    };
    let mut names: Vec<Option<Name>> = vec![None; 256];
    let builtin = if named.is_none() { builtin_encoding(pdf, descriptor)? } else { Vec::new() };
    let symbolic = flags & SYMBOLIC != 0;
    let base_font = pdf.get_name(dict, b"BaseFont").unwrap_or(b"");
    let base = named.or(match () {
        _ if is_type3 || !builtin.is_empty() => None,
        _ if base_font.ends_with(b"Symbol") => Some(Base::Symbol),
        _ if base_font.ends_with(b"ZapfDingbats") || base_font.ends_with(b"Dingbats") => Some(Base::ZapfDingbats),
        _ if subtype == b"TrueType" && symbolic => None,
        _ if subtype == b"TrueType" => Some(Base::WinAnsi),
        _ => Some(Base::Standard),
    });
    for (code, slot) in names.iter_mut().enumerate() {
        *slot = match base {
            Some(b) => b.char(code as u8).map(Name::Char),
            // A symbolic TrueType font with no encoding: codes are (or stand for) Latin-1.
            None if !is_type3 && builtin.is_empty() && code >= 32 => char::from_u32(code as u32).map(Name::Char),
            None => None,
        };
    }
    for (code, name) in builtin {
        names[usize::from(code)] = Some(Name::Glyph(name.into()));
    }
    if let Some(Object::Dictionary(d)) = enc {
        apply_differences(pdf, d, &mut names);
    }
    Ok(names)
}

fn apply_differences(pdf: &Pdf, enc: &Dictionary, names: &mut [Option<Name>]) {
    let Some(diffs) = pdf.get_array(enc, b"Differences") else { return };
    let mut code = 0usize;
    let mut last: Option<(&[u8], Arc<str>)> = None;
    for item in diffs {
        match pdf.resolve(item) {
            Object::Integer(i) => code = (*i).clamp(0, 256) as usize,
            Object::Name(n) => {
                if let Some(slot) = names.get_mut(code) {
                    let name = match &last {
                        Some((bytes, name)) if *bytes == n.as_slice() => Arc::clone(name),
                        _ => {
                            let name: Arc<str> = String::from_utf8_lossy(n).into();
                            last = Some((n, Arc::clone(&name)));
                            name
                        }
                    };
                    *slot = Some(Name::Glyph(name));
                }
                code += 1;
            }
            _ => {}
        }
    }
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
    if clear.windows(26).any(|w| w == b"/Encoding StandardEncoding") {
        return Ok(Vec::new());
    }
    let text = String::from_utf8_lossy(clear);
    let mut out = Vec::new();
    let mut words = text.split_ascii_whitespace();
    while let Some(w) = words.next() {
        if w != "dup" {
            continue;
        }
        let (Some(code), Some(name), Some("put")) = (words.next(), words.next(), words.next()) else { continue };
        if let (Ok(code), Some(name)) = (code.parse::<u8>(), name.strip_prefix('/')) {
            out.push((code, name.to_string()));
        }
    }
    Ok(out)
}

/// Glyph widths by code: /Widths from /FirstChar; else the standard font's metrics; else
/// /MissingWidth (or half an em).
fn widths(pdf: &Pdf, dict: &Dictionary, descriptor: Option<&Dictionary>, base_font: &[u8]) -> Vec<f32> {
    let missing = descriptor.and_then(|d| pdf.get_num(d, b"MissingWidth")).filter(|&w| w > 0.0);
    let mut out = vec![missing.unwrap_or(500.0); 256];
    if let Some(list) = pdf.get_array(dict, b"Widths") {
        let first = pdf.get_num(dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as usize;
        for (i, w) in list.iter().enumerate() {
            if let (Some(slot), Some(w)) = (out.get_mut(first + i), pdf.num(w)) {
                *slot = w;
            }
        }
        return out;
    }
    if let Some(table) = standard_metrics(base_font) {
        for (i, &w) in table.iter().enumerate() {
            out[32 + i] = f32::from(w);
        }
    }
    out
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
