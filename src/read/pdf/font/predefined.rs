//! The predefined CMaps a Type0 font may name instead of embedding one (PDF 32000 §9.7.5.2):
//! Identity-H/V, the Unicode ones (UniGB-UCS2-H, UniGB-UTF16-H, UniJIS-UCS2-H…) whose codes are
//! Unicode already, and the legacy Chinese, Japanese and Korean ones (GBK-EUC-H, GB-EUC-H,
//! 90ms-RKSJ-H, B5pc-H, KSCms-UHC-H…) whose codes are GBK, Shift-JIS, Big5 or EUC-KR bytes. No CMap
//! file is needed: the text is the decoded code, and the CID (for the font's widths) comes from the
//! Adobe-GB1 table (data/adobe-gb1.bin, made from Adobe's cid2code.txt by
//! tools/make_cmap_data.py) read backwards.

use super::CodeText;
use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, SHIFT_JIS};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a predefined CMap's codes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// Identity-H/V: two-byte codes that are the CIDs.
    Identity,
    /// Codes in UTF-16BE (UCS2 and UTF16 CMaps).
    Utf16,
    /// Codes in UTF-8.
    Utf8,
    /// Codes in UTF-32BE.
    Utf32,
    /// Codes in a legacy multi-byte encoding (EUC-CN/GBK/GB18030, Shift-JIS, EUC-JP, Big5, EUC-KR).
    Legacy(&'static Encoding),
    /// GB-H / GBT-H: GB 2312 in ISO-2022 form (two 7-bit bytes: add 0x80 to each for EUC-CN).
    Iso2022Cn,
}

/// Which predefined CMap a name is, with its writing mode (true = vertical).
pub fn lookup(name: &[u8]) -> Option<(Predefined, bool)> {
    let name = std::str::from_utf8(name).ok()?;
    let vertical = name.ends_with("-V");
    let stem = name.strip_suffix("-H").or_else(|| name.strip_suffix("-V")).unwrap_or(name);
    let kind = match stem {
        "Identity" => Predefined::Identity,
        "GB" | "GBT" => Predefined::Iso2022Cn,
        _ if stem.starts_with("Uni") && (stem.contains("UCS2") || stem.contains("UTF16")) => Predefined::Utf16,
        _ if stem.starts_with("Uni") && stem.contains("UTF8") => Predefined::Utf8,
        _ if stem.starts_with("Uni") && stem.contains("UTF32") => Predefined::Utf32,
        _ if stem.starts_with("GB") => Predefined::Legacy(GB18030),
        _ if stem.contains("RKSJ") => Predefined::Legacy(SHIFT_JIS),
        "EUC" => Predefined::Legacy(EUC_JP),
        _ if stem.starts_with("B5")
            || stem.starts_with("ETen")
            || stem.starts_with("HKscs")
            || stem.starts_with("CNS") =>
        {
            Predefined::Legacy(BIG5)
        }
        _ if stem.starts_with("KSC") => Predefined::Legacy(EUC_KR),
        _ => return None,
    };
    Some((kind, vertical))
}

impl Predefined {
    /// The byte length of the code at the start of `bytes`.
    pub fn code_len(self, bytes: &[u8]) -> usize {
        let b0 = bytes[0];
        let n = match self {
            Predefined::Identity | Predefined::Iso2022Cn => 2,
            Predefined::Utf16 if (0xD8..0xDC).contains(&b0) => 4,
            Predefined::Utf16 => 2,
            Predefined::Utf32 => 4,
            Predefined::Utf8 => match b0 {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            },
            Predefined::Legacy(enc) if enc == GB18030 => match bytes.get(1) {
                _ if b0 < 0x81 || b0 == 0xFF => 1,
                Some(0x30..=0x39) => 4,
                _ => 2,
            },
            Predefined::Legacy(enc) if enc == SHIFT_JIS => {
                if matches!(b0, 0x81..=0x9F | 0xE0..=0xFC) {
                    2
                } else {
                    1
                }
            }
            Predefined::Legacy(_) => {
                if b0 >= 0x81 && b0 != 0xFF {
                    2
                } else {
                    1
                }
            }
        };
        n.min(bytes.len())
    }

    /// The text of one code (None when the bytes do not decode).
    pub fn text(self, code: &[u8]) -> Option<CodeText> {
        let text = match self {
            Predefined::Identity => return None,
            // One unit (most codes): its character; a surrogate alone does not decode.
            Predefined::Utf16 if code.len() == 2 => return char::from_u32(super::cmap::be(code)).map(CodeText::Char),
            Predefined::Utf16 => {
                let units: Vec<u16> = code.chunks_exact(2).map(|c| u16::from(c[0]) << 8 | u16::from(c[1])).collect();
                String::from_utf16(&units).ok()?
            }
            Predefined::Utf8 => std::str::from_utf8(code).ok()?.to_string(),
            Predefined::Utf32 => char::from_u32(super::cmap::be(code))?.to_string(),
            Predefined::Legacy(enc) => decode(enc, code)?,
            Predefined::Iso2022Cn => decode(GB18030, &code.iter().map(|b| b | 0x80).collect::<Vec<u8>>())?,
        };
        Some(CodeText::Text(text))
    }
}

fn decode(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// The Adobe-GB1 character collection: CID → Unicode and back.
pub struct Gb1 {
    to_unicode: Vec<u32>,
    /// The lowest CID of each character of the Basic Multilingual Plane (`NO_CID` for none): a
    /// look-up per code shown, without hashing.
    from_bmp: Vec<u16>,
    /// The characters past the plane, with their lowest CID.
    from_other: HashMap<u32, u32>,
}

/// No CID shows the character (the collection's CIDs stop at 30,571).
const NO_CID: u16 = u16::MAX;

impl Gb1 {
    /// The character a CID of the collection shows.
    pub fn unicode(&self, cid: u32) -> Option<char> {
        self.to_unicode.get(cid as usize).copied().filter(|&u| u != 0).and_then(char::from_u32)
    }

    /// The CID showing a character (the lowest when several do: the proportional forms come
    /// first in the collection, as the UniGB CMaps choose them).
    pub fn cid(&self, c: char) -> Option<u32> {
        match self.from_bmp.get(c as usize) {
            Some(&cid) if cid != NO_CID => Some(u32::from(cid)),
            _ => self.from_other.get(&(c as u32)).copied(),
        }
    }
}

/// The Adobe-GB1 table, read once.
pub fn gb1() -> &'static Gb1 {
    static TABLE: OnceLock<Gb1> = OnceLock::new();
    TABLE.get_or_init(|| {
        let to_unicode = read_table(include_bytes!("../data/adobe-gb1.bin")).unwrap_or_default();
        let mut from_bmp = vec![NO_CID; 0x10000];
        let mut from_other = HashMap::new();
        for (cid, &u) in to_unicode.iter().enumerate() {
            match (from_bmp.get_mut(u as usize), u16::try_from(cid)) {
                _ if u == 0 => {}
                (Some(slot), Ok(cid)) if cid != NO_CID => {
                    if *slot == NO_CID {
                        *slot = cid;
                    }
                }
                _ => {
                    from_other.entry(u).or_insert(cid as u32);
                }
            }
        }
        Gb1 { to_unicode, from_bmp, from_other }
    })
}

/// Reads data/adobe-gb1.bin: zlib of "AGB1", a u32 count, then zigzag LEB128 deltas.
fn read_table(z: &[u8]) -> Option<Vec<u32>> {
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(z), &mut data).ok()?;
    let count = u32::from_le_bytes(data.get(4..8)?.try_into().ok()?) as usize;
    if data.get(..4)? != b"AGB1" {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    let (mut pos, mut prev) = (8usize, 0i64);
    while out.len() < count {
        let (mut v, mut shift) = (0u64, 0u32);
        loop {
            let b = *data.get(pos)?;
            pos += 1;
            v |= u64::from(b & 0x7F) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        let delta = if v & 1 == 0 { (v >> 1) as i64 } else { -(((v + 1) >> 1) as i64) };
        prev += delta;
        out.push(u32::try_from(prev).ok()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb1_table() {
        let t = gb1();
        assert_eq!(t.to_unicode.len(), 30572);
        assert_eq!(t.unicode(34), Some('A'));
        assert_eq!(t.unicode(982), Some('八'));
        assert_eq!(t.cid('A'), Some(34));
        assert_eq!(t.unicode(t.cid('中').unwrap()), Some('中'));
    }

    #[test]
    fn legacy_codes() {
        let (gbk, v) = lookup(b"GBK-EUC-H").unwrap();
        assert!(!v);
        assert_eq!(gbk.code_len(&[0xD6, 0xD0, 0x41]), 2);
        assert_eq!(gbk.code_len(b"A"), 1);
        let text = |p: Predefined, code: &[u8]| p.text(code).map(String::from);
        assert_eq!(text(gbk, &[0xD6, 0xD0]).as_deref(), Some("中"));
        let (ucs2, _) = lookup(b"UniGB-UCS2-H").unwrap();
        assert_eq!(text(ucs2, &[0x4E, 0x2D]).as_deref(), Some("中"));
        let (gb, _) = lookup(b"GB-H").unwrap();
        assert_eq!(text(gb, &[0x56, 0x50]).as_deref(), Some("中"));
        assert_eq!(lookup(b"Identity-V"), Some((Predefined::Identity, true)));
        assert_eq!(lookup(b"Nonsense-H"), None);
    }
}
