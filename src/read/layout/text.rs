//! A glyph's text: what nearly every glyph shows is one character of the Basic Multilingual Plane,
//! held as its number; anything else (a ligature's letters, an ActualText, a character beyond the
//! BMP) is shared.
//!
//! Why not an `Arc<str>` for all: a page holds thousands of glyphs, and counting each one's
//! reference up as it was drawn and down as the page was dropped was about a tenth of reading an
//! OFD page (`perf annotate`: a third of the drawing of a TextCode sat on the count's locked
//! increment) and some of reading a PDF page. A character's text is read from a table of the
//! whole BMP in UTF-8, made when compiling, so that it is a `&str` with no check of its bytes.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// The text of a [`super::Glyph`]. Reads as a `str`; equal and hashed as its `str` is.
#[derive(Clone)]
pub struct GlyphText(Repr);

#[derive(Clone)]
enum Repr {
    /// A BMP character's scalar value, or [`EMPTY`].
    Bmp(u32),
    Shared(Arc<str>),
}

/// No text (beyond every scalar value).
const EMPTY: u32 = 0x11_0000;
/// Where the three-byte characters (U+0800 on) start in [`BMP`].
const THREE: usize = 0x80 + 0x780 * 2;
const BMP_LEN: usize = THREE + (0x1_0000 - 0x800 - 0x800) * 3;

/// Every BMP scalar value in order, in UTF-8 (the surrogates, which are not characters, left out).
static BMP: &str = match std::str::from_utf8(&BMP_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("the BMP table is UTF-8"),
};
static BMP_BYTES: [u8; BMP_LEN] = bmp_bytes();

const fn bmp_bytes() -> [u8; BMP_LEN] {
    let mut out = [0u8; BMP_LEN];
    let (mut c, mut i) = (0u32, 0usize);
    while c < 0x1_0000 {
        if c < 0x80 {
            out[i] = c as u8;
            i += 1;
        } else if c < 0x800 {
            out[i] = 0xC0 | (c >> 6) as u8;
            out[i + 1] = 0x80 | (c & 0x3F) as u8;
            i += 2;
        } else if c < 0xD800 || c >= 0xE000 {
            out[i] = 0xE0 | (c >> 12) as u8;
            out[i + 1] = 0x80 | ((c >> 6) & 0x3F) as u8;
            out[i + 2] = 0x80 | (c & 0x3F) as u8;
            i += 3;
        }
        c += 1;
    }
    out
}

/// The text of a BMP character held as its number ("" for [`EMPTY`]).
fn bmp(c: u32) -> &'static str {
    let c = c as usize;
    let (at, len) = match c {
        0..0x80 => (c, 1),
        0x80..0x800 => (0x80 + (c - 0x80) * 2, 2),
        0x800..0xD800 => (THREE + (c - 0x800) * 3, 3),
        _ => (THREE + (c.wrapping_sub(0x1000)) * 3, 3),
    };
    at.checked_add(len).and_then(|end| BMP.get(at..end)).unwrap_or_default()
}

impl GlyphText {
    /// One character's text.
    pub fn char(c: char) -> GlyphText {
        match u32::from(c) {
            v @ 0..0x1_0000 => GlyphText(Repr::Bmp(v)),
            _ => GlyphText(Repr::Shared(c.encode_utf8(&mut [0; 4]).into())),
        }
    }
}

impl Deref for GlyphText {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Bmp(c) => bmp(*c),
            Repr::Shared(s) => s,
        }
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> GlyphText {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => GlyphText(Repr::Bmp(EMPTY)),
            (Some(c), None) => GlyphText::char(c),
            _ => GlyphText(Repr::Shared(s.into())),
        }
    }
}

impl From<String> for GlyphText {
    fn from(s: String) -> GlyphText {
        s.as_str().into()
    }
}

impl Default for GlyphText {
    fn default() -> GlyphText {
        GlyphText(Repr::Bmp(EMPTY))
    }
}

impl PartialEq for GlyphText {
    fn eq(&self, other: &GlyphText) -> bool {
        **self == **other
    }
}

impl Eq for GlyphText {}

impl Hash for GlyphText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::GlyphText;

    #[test]
    fn reads_as_its_text() {
        for s in ["", "a", "é", "中", "\u{FFFF}", "\u{E000}", "\u{D7FF}", "𠀀", "fi", "ffi", "中文字"] {
            let t = GlyphText::from(s);
            assert_eq!(&*t, s);
            assert_eq!(t, GlyphText::from(s.to_string()));
        }
        assert_eq!(&*GlyphText::default(), "");
        assert_eq!(std::mem::size_of::<GlyphText>(), 16);
    }

    /// Every character reads back as itself from the table.
    #[test]
    fn every_character() {
        for c in (0..=0x10_FFFF).step_by(7).chain(0xD790..0xE010).filter_map(char::from_u32) {
            assert_eq!(&*GlyphText::char(c), c.to_string(), "{:X}", u32::from(c));
        }
    }
}
