//! Simple-font encodings (PDF 32000 §9.6.5, Annex D): a byte → a glyph name → Unicode, through
//! a base encoding and /Differences, and the glyph names' Unicode values (Adobe Glyph List, with
//! the `uniXXXX`, `uXXXX[XX]` and `cidXX`/`gXX` forms producers write).

use super::tables;

/// The named base encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
    /// The Symbol font's built-in encoding (Greek letters, mathematical signs).
    Symbol,
    /// The ZapfDingbats font's built-in encoding (✁ ✂ ☎ ★ ① ❶ →).
    ZapfDingbats,
}

impl Base {
    pub fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            b"PDFDocEncoding" => Some(Base::PdfDoc),
            _ => None,
        }
    }

    fn table(self) -> &'static [u16; 256] {
        match self {
            Base::Standard => &tables::STANDARD,
            Base::WinAnsi => &tables::WIN_ANSI,
            Base::MacRoman => &tables::MAC_ROMAN,
            Base::PdfDoc => &tables::PDF_DOC,
            Base::Symbol => &tables::SYMBOL,
            Base::ZapfDingbats => &[0; 256],
        }
    }

    /// The character of byte `b` (None when the encoding leaves it undefined).
    pub fn char(self, b: u8) -> Option<char> {
        if self == Base::ZapfDingbats {
            return dingbat(b);
        }
        match self.table()[usize::from(b)] {
            0 => None,
            u => char::from_u32(u32::from(u)),
        }
    }
}

/// ZapfDingbats' code → Unicode. The Unicode Dingbats block was laid out in this font's order
/// (✁ U+2701 is code 0x21); where the font had a character Unicode already held (☎, ★, ●, ■, ▲…),
/// the block has a hole and the mapping points to that character instead.
fn dingbat(b: u8) -> Option<char> {
    let u = match b {
        0x20 => 0x20,
        0x25 => 0x260E,
        0x2A => 0x261B,
        0x2B => 0x261E,
        0x48 => 0x2605,
        0x6C => 0x25CF,
        0x6E => 0x25A0,
        0x73 => 0x25B2,
        0x74 => 0x25BC,
        0x75 => 0x25C6,
        0x77 => 0x25D7,
        0x21..=0x7E => 0x2700 + u32::from(b - 0x20),
        0x80..=0x8D => 0x2768 + u32::from(b - 0x80),
        0xA1..=0xA7 => 0x2761 + u32::from(b - 0xA1),
        0xA8 => 0x2663,
        0xA9 => 0x2666,
        0xAA => 0x2665,
        0xAB => 0x2660,
        0xAC..=0xB5 => 0x2460 + u32::from(b - 0xAC),
        0xB6..=0xD4 => 0x2776 + u32::from(b - 0xB6),
        0xD5 => 0x2192,
        0xD6 => 0x2194,
        0xD7 => 0x2195,
        0xD8..=0xEF => 0x2798 + u32::from(b - 0xD8),
        0xF1..=0xFE => 0x27B1 + u32::from(b - 0xF1),
        _ => return None,
    };
    char::from_u32(u)
}

/// The text a glyph name stands for: the Adobe Glyph List, `uniXXXX…`, `uXXXX`, and the
/// ligature/variant forms `f_f_i`, `a.sc` (the part before the dot).
pub fn glyph_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(single_glyph).collect();
        return parts;
    }
    single_glyph(base)
}

fn single_glyph(name: &str) -> Option<String> {
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by(|(n, _)| (*n).cmp(name)) {
        return char::from_u32(u32::from(tables::GLYPH_NAMES[i].1)).map(String::from);
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            return Some(String::from_utf16_lossy(&units));
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(glyph_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_to_unicode("quotedblleft").as_deref(), Some("\u{201C}"));
        assert_eq!(glyph_to_unicode("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_to_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_to_unicode("g123"), None);
    }

    #[test]
    fn bases() {
        assert_eq!(Base::WinAnsi.char(0x93), Some('\u{201C}'));
        assert_eq!(Base::Standard.char(0x27), Some('\u{2019}'));
        assert_eq!(Base::MacRoman.char(0x80), Some('Ä'));
        assert_eq!(Base::Standard.char(0x80), None);
        assert_eq!(Base::Symbol.char(b'a'), Some('α'));
        let dingbats: String =
            [0x21, 0x25, 0x48, 0x34, 0xAC, 0xB6, 0xD5].iter().filter_map(|&b| Base::ZapfDingbats.char(b)).collect();
        assert_eq!(dingbats, "✁☎★✔①❶→");
    }
}
