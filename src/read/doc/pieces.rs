//! The piece table (CLX → Pcdt → PlcPcd): the main text is a sequence of pieces, each a run of
//! character positions (CPs) stored somewhere in the WordDocument stream, either as UTF-16 or
//! "compressed" as one byte a character. Pieces are in reading order even when the bytes are not
//! (fast-saved files).

use super::{damaged, le16, le32};
use crate::error::Error;
use encoding_rs::{Encoding, WINDOWS_1252};

#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub cp_start: u32,
    pub cp_end: u32,
    /// Byte offset of the piece's first character in the WordDocument stream.
    pub fc: u32,
    /// One byte a character (else UTF-16LE).
    pub compressed: bool,
    /// Property modifier: a single sprm, or an index into the CLX's grpprls.
    pub prm: u16,
}

/// The piece table, and the grpprls (Prc) that complex PRMs point to.
#[derive(Debug, Default)]
pub struct Clx<'a> {
    pub pieces: Vec<Piece>,
    pub grpprls: Vec<&'a [u8]>,
}

/// How the pieces of a CLX store their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Word 97+: bit 30 of the fc marks an 8-bit ("compressed") piece.
    Word97,
    /// Word 6/95: the fc is plain; every piece is 8-bit, or (Far-East Word 95) every piece is
    /// UTF-16.
    Word6 { unicode: bool },
}

/// Parses the CLX.
pub fn parse_clx(clx: &[u8], kind: PieceKind) -> Result<Clx<'_>, Error> {
    let mut out = Clx::default();
    let mut pos = 0usize;
    loop {
        match clx.get(pos) {
            Some(1) => {
                let cb = le16(clx, pos + 1).ok_or_else(|| damaged("the piece table is truncated"))? as i16;
                if cb < 0 {
                    return Err(damaged("a negative property length in the piece table"));
                }
                let start = pos + 3;
                let end = start + cb as usize;
                let g = clx.get(start..end).ok_or_else(|| damaged("the piece table is truncated"))?;
                out.grpprls.push(g);
                pos = end;
            }
            Some(2) => {
                let lcb = le32(clx, pos + 1).ok_or_else(|| damaged("the piece table is truncated"))? as usize;
                let plc = clx
                    .get(pos + 5..(pos + 5).saturating_add(lcb))
                    .ok_or_else(|| damaged("the piece table runs past the table stream"))?;
                if lcb < 4 {
                    return Err(damaged("the piece table is empty"));
                }
                let n = (lcb - 4) / 12;
                let pcd_base = (n + 1) * 4;
                out.pieces.reserve(n);
                for i in 0..n {
                    let (Some(a), Some(b)) = (le32(plc, i * 4), le32(plc, i * 4 + 4)) else { break };
                    let raw_fc = le32(plc, pcd_base + i * 8 + 2).unwrap_or(0);
                    let prm = le16(plc, pcd_base + i * 8 + 6).unwrap_or(0);
                    if b <= a {
                        continue;
                    }
                    let (fc, compressed) = if let PieceKind::Word6 { unicode } = kind {
                        (raw_fc, !unicode)
                    } else if raw_fc & 0x4000_0000 != 0 {
                        ((raw_fc & !0x4000_0000) / 2, true)
                    } else {
                        (raw_fc, false)
                    };
                    out.pieces.push(Piece { cp_start: a, cp_end: b, fc, compressed, prm });
                }
                return Ok(out);
            }
            Some(_) => return Err(damaged("the piece table has an unknown entry")),
            None => return Err(damaged("the piece table is missing")),
        }
    }
}

/// How 8-bit text is decoded.
#[derive(Clone, Copy)]
pub struct Decoder8 {
    /// The document's ANSI code page (GBK for Chinese files, windows-1252 for Western ones).
    pub enc: &'static Encoding,
    /// Word 97+ "compressed" pieces are windows-1252 by definition, but WPS writes GBK bytes into
    /// them in Chinese files; such pieces are told apart by their bytes (see `piece_is_dbcs`).
    pub cjk: bool,
    /// Word 6/95: all 8-bit text is in the document code page.
    pub word6: bool,
}

/// Calls `f(char, fc, prm)` for every character of CPs `[cp_from, cp_limit)` in reading order. Returns
/// true when some text was missing: a piece runs past the end of the stream, or the pieces
/// together ask for more bytes than the stream holds (every character is stored once, so a
/// piece table that repeats the same bytes over and over is hostile, and is cut off there).
pub fn for_each_char(
    word: &[u8],
    pieces: &[Piece],
    cp_from: u32,
    cp_limit: u32,
    dec: Decoder8,
    mut f: impl FnMut(char, u32, u16),
) -> bool {
    if cp_from >= cp_limit {
        return false;
    }
    let mut budget = word.len();
    let mut missing = false;
    let mut prev_end = 0u32;
    for p in pieces {
        let mut f = |c, fc| f(c, fc, p.prm);
        if p.cp_start >= cp_limit || p.cp_end <= cp_from {
            continue;
        }
        // Pieces cover the CPs in order, once each: an overlapping piece is damage.
        if p.cp_start < prev_end {
            missing = true;
            continue;
        }
        prev_end = p.cp_end;
        // A story (footnotes, text boxes) may start inside a piece: skip the characters before it.
        let skip = cp_from.saturating_sub(p.cp_start);
        let n = (p.cp_end.min(cp_limit) - p.cp_start - skip) as usize;
        let skip_bytes = if p.compressed { skip } else { skip.saturating_mul(2) };
        let Some(fc) = p.fc.checked_add(skip_bytes) else {
            missing = true;
            continue;
        };
        let start = fc as usize;
        let want = if p.compressed { n } else { n.saturating_mul(2) };
        let take = want.min(budget);
        let end = start.saturating_add(take).min(word.len());
        let Some(bytes) = word.get(start..end) else {
            missing = true;
            continue;
        };
        missing |= bytes.len() < want;
        budget -= bytes.len();
        if p.compressed {
            let enc = if dec.word6 || (dec.cjk && piece_is_dbcs(bytes, dec.enc)) { dec.enc } else { WINDOWS_1252 };
            decode_8bit(bytes, fc, enc, &mut f);
        } else {
            decode_utf16(bytes, fc, &mut f);
        }
        if budget == 0 {
            break;
        }
    }
    missing
}

fn decode_utf16(bytes: &[u8], fc: u32, f: &mut impl FnMut(char, u32)) {
    let mut i = 0;
    while i + 1 < bytes.len() {
        let u = u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let at = fc.wrapping_add(i as u32);
        if (0xD800..0xDC00).contains(&u) && i + 3 < bytes.len() {
            let lo = u16::from_le_bytes([bytes[i + 2], bytes[i + 3]]);
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + (lo as u32 - 0xDC00);
                f(char::from_u32(c).unwrap_or('\u{FFFD}'), at);
                i += 4;
                continue;
            }
        }
        f(char::from_u32(u as u32).unwrap_or('\u{FFFD}'), at);
        i += 2;
    }
}

fn decode_8bit(bytes: &[u8], fc: u32, enc: &'static Encoding, f: &mut impl FnMut(char, u32)) {
    let single = enc == WINDOWS_1252 || !is_dbcs(enc);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let at = fc.wrapping_add(i as u32);
        if b < 0x80 {
            f(b as char, at);
            i += 1;
            continue;
        }
        let len = if single || b == 0x80 || b == 0xFF || i + 1 >= bytes.len() { 1 } else { 2 };
        let (s, _, _) = enc.decode(&bytes[i..i + len]);
        for c in s.chars() {
            f(c, at);
        }
        i += len;
    }
}

fn is_dbcs(enc: &'static Encoding) -> bool {
    matches!(enc.name(), "GBK" | "gb18030" | "Big5" | "Shift_JIS" | "EUC-KR" | "EUC-JP")
}

/// True when an 8-bit piece of a CJK document holds double-byte text: its bytes decode without
/// error in the document code page and every non-ASCII character is a CJK ideograph or CJK
/// punctuation. Windows-1252 curly quotes and dashes (0x91–0x97) next to ASCII fail this test.
fn piece_is_dbcs(bytes: &[u8], enc: &'static Encoding) -> bool {
    if !is_dbcs(enc) || bytes.iter().all(|&b| b < 0x80) {
        return false;
    }
    let (s, _, errors) = enc.decode(bytes);
    !errors
        && s.chars().filter(|c| !c.is_ascii()).all(|c| {
            matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{2014}')
        })
}

/// The ANSI code page of a Windows language id.
pub fn encoding_for_lid(lid: u16) -> &'static Encoding {
    let label: &[u8] = match lid {
        0x0804 | 0x1004 => b"gbk",
        0x0404 | 0x0C04 | 0x1404 => b"big5",
        0x0411 => b"shift_jis",
        0x0412 => b"euc-kr",
        0x0419 | 0x0422 | 0x0423 | 0x0402 | 0x0C1A | 0x042F => b"windows-1251",
        0x0408 => b"windows-1253",
        0x041F | 0x042C => b"windows-1254",
        0x040D => b"windows-1255",
        0x0401 | 0x0801 | 0x0C01 | 0x0429 | 0x0420 => b"windows-1256",
        0x0425..=0x0427 => b"windows-1257",
        0x042A => b"windows-1258",
        0x041E => b"windows-874",
        0x0405 | 0x0415 | 0x040E | 0x041B | 0x0424 | 0x041A | 0x0418 | 0x041C => b"windows-1250",
        _ => b"windows-1252",
    };
    Encoding::for_label(label).unwrap_or(WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec() -> Decoder8 {
        Decoder8 { enc: WINDOWS_1252, cjk: false, word6: false }
    }

    fn read(word: &[u8], pieces: &[Piece], from: u32, to: u32) -> (String, bool) {
        let mut s = String::new();
        let missing = for_each_char(word, pieces, from, to, dec(), |c, _, _| s.push(c));
        (s, missing)
    }

    /// A story that starts inside a piece: the characters before it are skipped, in UTF-16 and
    /// in 8-bit pieces, and the fc passed on is the character's own.
    #[test]
    fn a_range_may_start_inside_a_piece() {
        let mut word: Vec<u8> = "body\rnote\r".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        word.extend_from_slice(b"box\r");
        let pieces = [
            Piece { cp_start: 0, cp_end: 10, fc: 0, compressed: false, prm: 0 },
            Piece { cp_start: 10, cp_end: 14, fc: 20, compressed: true, prm: 0 },
        ];
        assert_eq!(read(&word, &pieces, 0, 5), ("body\r".into(), false));
        assert_eq!(read(&word, &pieces, 5, 10), ("note\r".into(), false));
        assert_eq!(read(&word, &pieces, 7, 12), ("te\rbo".into(), false));
        assert_eq!(read(&word, &pieces, 11, 14), ("ox\r".into(), false));
        let mut fcs = Vec::new();
        for_each_char(&word, &pieces, 6, 7, dec(), |_, fc, _| fcs.push(fc));
        assert_eq!(fcs, [12]);
    }

    /// Empty, reversed and out-of-range ranges read nothing and never panic.
    #[test]
    fn hostile_ranges_read_nothing() {
        let word = b"abc\r".to_vec();
        let pieces = [Piece { cp_start: 0, cp_end: 4, fc: 0, compressed: true, prm: 0 }];
        assert_eq!(read(&word, &pieces, 3, 2).0, "");
        assert_eq!(read(&word, &pieces, 4, 4).0, "");
        assert_eq!(read(&word, &pieces, 9, u32::MAX).0, "");
        let far = [Piece { cp_start: 0, cp_end: u32::MAX, fc: u32::MAX - 1, compressed: false, prm: 0 }];
        assert!(read(&word, &far, 5, u32::MAX).1);
    }
}
