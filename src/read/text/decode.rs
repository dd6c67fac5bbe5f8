//! Decoding that stays in step after damage. UTF-8 finds its own way back after a bad byte (a lead
//! byte cannot be mistaken for a continuation), but GB18030 and UTF-16 do not: one lost byte
//! (a cut, a dropped byte in transfer) puts every following character one byte out of step, and
//! the rest of the line — of the file, in UTF-16 — decodes as valid but meaningless characters.
//!
//! So these two are decoded as the cheapest path through the bytes (Viterbi): each step is a
//! character, costed by how plausible it is in a Chinese document ([`super::plausible`]), or one
//! byte given up as U+FFFD at a high cost. On undamaged input the path is the standard
//! decoder's (a valid byte string has one segmentation without give-ups, and going out of step
//! and back costs two give-ups), and the characters of each run between give-ups come from
//! encoding_rs itself. Linear time; one byte of memory per input byte.

use super::plausible::{char_cost, gb_pair_cost, RARE, REPLACED, UNCOMMON};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded text and what went wrong on the way.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Places where bytes were not valid (or were out of step) and U+FFFD stands instead.
    pub errors: usize,
    /// The bytes end inside a character (the file was cut short): that partial character is
    /// left out.
    pub cut: bool,
}

/// Decodes `bytes` (no byte-order mark) in `enc`, staying in step after damage for GB18030 and
/// UTF-16; any other encoding is decoded by encoding_rs as it is.
pub fn decode(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    if enc == UTF_8 {
        utf8(bytes)
    } else if enc == UTF_16LE || enc == UTF_16BE {
        resync(bytes, &Utf16 { big_endian: enc == UTF_16BE }, enc)
    } else if enc == GB18030 || enc == encoding_rs::GBK {
        // GBK's decoder is GB18030's (WHATWG); the name reported stays the one asked for.
        resync(bytes, &Gb18030, enc)
    } else {
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        Decoded { text: text.into_owned(), encoding: enc, errors: usize::from(errors), cut: false }
    }
}

/// The least total cost of reading `bytes` in GB18030 or UTF-16 (give-ups included): how well
/// the encoding explains them, for choosing between encodings.
pub fn path_cost(bytes: &[u8], enc: &'static Encoding) -> u64 {
    if enc == UTF_16LE || enc == UTF_16BE {
        best_path(bytes, &Utf16 { big_endian: enc == UTF_16BE }).0
    } else {
        best_path(bytes, &Gb18030).0
    }
}

/// UTF-8 with each invalid sequence replaced (the maximal-subpart rule of WHATWG and std), and a
/// sequence broken off by the end of the bytes left out and reported as a cut.
fn utf8(mut bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut errors = 0;
    let mut cut = false;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(good).unwrap_or_default());
                match e.error_len() {
                    Some(n) => {
                        text.push('\u{FFFD}');
                        errors += 1;
                        bytes = &rest[n..];
                    }
                    None => {
                        cut = true;
                        break;
                    }
                }
            }
        }
    }
    Decoded { text, encoding: UTF_8, errors, cut }
}

/// The characters of an encoding, as the path search sees them.
trait Steps {
    /// The lengths a character may have, shortest first.
    const LENGTHS: &'static [usize];
    /// The cost of `s` as one character, or None when it is not one.
    fn cost(&self, s: &[u8]) -> Option<u32>;
    /// True when `s` is the start of a character that the end of the bytes broke off.
    fn is_prefix(&self, s: &[u8]) -> bool;
}

struct Gb18030;

impl Steps for Gb18030 {
    const LENGTHS: &'static [usize] = &[1, 2, 4];

    fn cost(&self, s: &[u8]) -> Option<u32> {
        match *s {
            [b] if b < 0x80 => Some(char_cost(char::from(b))),
            // WHATWG's single-byte euro sign.
            [0x80] => Some(UNCOMMON),
            [l @ 0x81..=0xFE, t @ (0x40..=0x7E | 0x80..=0xFE)] => Some(gb_pair_cost(l, t)),
            [0x81..=0xFE, 0x30..=0x39, 0x81..=0xFE, 0x30..=0x39] => Some(RARE),
            _ => None,
        }
    }

    fn is_prefix(&self, s: &[u8]) -> bool {
        matches!(*s, [0x81..=0xFE] | [0x81..=0xFE, 0x30..=0x39] | [0x81..=0xFE, 0x30..=0x39, 0x81..=0xFE])
    }
}

struct Utf16 {
    big_endian: bool,
}

impl Utf16 {
    fn unit(&self, s: &[u8]) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([s[0], s[1]])
        } else {
            u16::from_le_bytes([s[0], s[1]])
        }
    }
}

impl Steps for Utf16 {
    const LENGTHS: &'static [usize] = &[2, 4];

    fn cost(&self, s: &[u8]) -> Option<u32> {
        let u = self.unit(s);
        match s.len() {
            2 => Some(match char::from_u32(u32::from(u)) {
                Some(c) => char_cost(c),
                // A lone surrogate: encoding_rs replaces it; a little cheaper than giving up a
                // byte, so that undamaged text keeps its standard reading.
                None => REPLACED - 2,
            }),
            _ => {
                let low = self.unit(&s[2..]);
                ((0xD800..0xDC00).contains(&u) && (0xDC00..0xE000).contains(&low)).then_some(RARE)
            }
        }
    }

    fn is_prefix(&self, s: &[u8]) -> bool {
        match s.len() {
            1 => true,
            2 | 3 => (0xD800..0xDC00).contains(&self.unit(s)),
            _ => false,
        }
    }
}

/// What ends at a byte position on the cheapest path: a character of this many bytes, or a
/// byte given up (0).
const GIVE_UP: u8 = 0;

/// What a character broken off by the end of the bytes costs: less than a give-up, since a cut
/// download is the commonest damage and it explains only the last bytes.
const CUT: u64 = REPLACED as u64 / 2;

/// The cheapest path through `bytes`: its total cost, for every end position the step that
/// reaches it, and how many bytes at the end are a broken-off character (0 when none).
fn best_path<S: Steps>(bytes: &[u8], steps: &S) -> (u64, Vec<u8>, usize) {
    const RING: usize = 8;
    let n = bytes.len();
    let mut back = vec![GIVE_UP; n + 1];
    // The costs of the last positions (a step is at most 4 bytes long).
    let mut cost = [0u64; RING];
    for i in 1..=n {
        let mut best = cost[(i - 1) % RING] + u64::from(REPLACED);
        let mut how = GIVE_UP;
        for &len in S::LENGTHS {
            if len > i {
                break;
            }
            if let Some(c) = steps.cost(&bytes[i - len..i]) {
                let v = cost[(i - len) % RING] + u64::from(c);
                // Ties go to the character: the standard reading.
                if v <= best {
                    best = v;
                    how = len as u8;
                }
            }
        }
        cost[i % RING] = best;
        back[i] = how;
    }
    let mut end = (cost[n % RING], 0);
    let longest = S::LENGTHS.last().copied().unwrap_or(1);
    for k in 1..longest.min(n + 1) {
        let v = cost[(n - k) % RING] + CUT;
        if v < end.0 && steps.is_prefix(&bytes[n - k..]) {
            end = (v, k);
        }
    }
    (end.0, back, end.1)
}

/// Decodes along the cheapest path: runs of characters by encoding_rs, each run of given-up
/// bytes as one U+FFFD, a broken-off character at the end left out.
fn resync<S: Steps>(bytes: &[u8], steps: &S, enc: &'static Encoding) -> Decoded {
    let (_, back, cut_len) = best_path(bytes, steps);
    // Runs from the end: (start, end, given up).
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = bytes.len() - cut_len;
    while i > 0 {
        let (len, gave_up) = match back[i] {
            GIVE_UP => (1, true),
            l => (usize::from(l), false),
        };
        match runs.last_mut() {
            Some(r) if r.2 == gave_up => r.0 = i - len,
            _ => runs.push((i - len, i, gave_up)),
        }
        i -= len;
    }
    drop(back);
    runs.reverse();
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut errors = 0;
    for &(start, end, gave_up) in &runs {
        if !gave_up {
            let (run, had_errors) = enc.decode_without_bom_handling(&bytes[start..end]);
            text.push_str(&run);
            errors += usize::from(had_errors);
        } else {
            text.push('\u{FFFD}');
            errors += 1;
        }
    }
    Decoded { text, encoding: enc, errors, cut: cut_len > 0 }
}

/// The cost of a decoded text, character by character (for readings without a path search).
pub fn text_cost(text: &str) -> u64 {
    text.chars().map(|c| u64::from(char_cost(c))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn undamaged_text_decodes_as_encoding_rs_does() {
        let s = "一、总体要求\n（一）到2025年底，满意度达90%以上。镕喆 GDP €";
        let d = decode(&gb(s), GB18030);
        assert_eq!((d.text.as_str(), d.errors, d.cut), (s, 0, false));
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, UTF_16LE).text, s);
        let be: Vec<u8> = "𠀀中文".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, UTF_16BE).text, "𠀀中文");
    }

    #[test]
    fn a_lost_byte_costs_one_character() {
        let s = "各地区各部门要高度重视这项工作，加强组织领导，明确责任分工，确保各项任务落到实处。";
        // Byte 9 is the second half of 部 in both encodings: 部 is lost, its neighbours are not.
        let mut b = gb(s);
        b.remove(9);
        let d = decode(&b, GB18030);
        assert_eq!((d.text.as_str(), d.errors), (s.replacen('部', "\u{FFFD}", 1).as_str(), 1));
        let mut le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        le.remove(9);
        let d = decode(&le, UTF_16LE);
        assert_eq!((d.text.as_str(), d.errors), (s.replacen('部', "\u{FFFD}", 1).as_str(), 1));
    }

    #[test]
    fn a_broken_off_character_is_a_cut() {
        let mut b = gb("责任单位");
        b.pop();
        let d = decode(&b, GB18030);
        assert_eq!((d.text.as_str(), d.errors, d.cut), ("责任单", 0, true));
        let d = decode(&"责任".as_bytes()[..5], UTF_8);
        assert_eq!((d.text.as_str(), d.cut), ("责", true));
        assert_eq!(decode(b"a\xffb", UTF_8).text, "a\u{FFFD}b");
    }
}
