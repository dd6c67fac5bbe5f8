//! How plausible a character is in a Chinese document, as a cost (lower is likelier; a rough
//! −log probability in small integers). Decoding with the wrong encoding, or one byte out of
//! step after a lost byte, turns text into characters a document does not use: Hangul, private
//! use, rare ideographs, controls. The costs let the decoders pick the reading of the bytes that
//! is most like text (which encoding; where a byte was lost) without a language model.
//!
//! Out of step, GB18030 text still reads as ideographs of GB 2312 (its trail bytes are valid
//! lead bytes), so ideographs are ranked by how often plan documents use them: three bands from
//! `han_ranks.txt` (made by tools/make_han_ranks.py from half of the corpus), then the rest of
//! GB 2312's first level (一级汉字, taken from the GB18030 decoder itself), then the rest.
use encoding_rs::GB18030;
use std::sync::OnceLock;

/// An ASCII letter, digit, punctuation mark or layout character.
pub const ASCII: u32 = 1;
/// One of the 200 ideographs plan documents use most, or common CJK punctuation.
pub const COMMON: u32 = 2;
/// The next 600 ideographs.
const FREQUENT: u32 = 3;
/// Other ideographs seen in plan documents.
const SEEN: u32 = 4;
/// Other ideographs of GB 2312's first level.
const LEVEL1: u32 = 6;
/// Latin, Greek, Cyrillic, general punctuation and symbols, less common CJK punctuation.
pub const UNCOMMON: u32 = 5;
/// Another ideograph of the basic block (二级汉字 and GBK's additions).
const OTHER_HAN: u32 = 12;
/// Extension ideographs, compatibility ideographs, a character of the supplementary planes.
pub const RARE: u32 = 12;
/// Other scripts a Chinese document does not use (Hangul, Yi…).
pub const FOREIGN: u32 = 10;
/// Private use, controls, noncharacters: what misread bytes look like.
pub const JUNK: u32 = 15;
/// A byte that is no character at all, replaced by U+FFFD.
pub const REPLACED: u32 = 20;

/// The cost of one decoded character.
pub fn char_cost(c: char) -> u32 {
    let u = c as u32;
    match u {
        // Letters are rarer than digits and punctuation in Chinese text, and they are what the
        // trail bytes (40–7E) of GBK's traditional characters read as when out of step.
        0x41..=0x5A | 0x61..=0x7A => FREQUENT,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E => ASCII,
        0x4E00..=0x9FFF => u32::from(han_costs()[(u - 0x4E00) as usize]),
        0xFFFD => REPLACED,
        // The punctuation of plan documents: 、。〈〉《》「」『』【】〔〕 ，：；（）？！ “”‘’—…
        0x3001..=0x3002 | 0x3008..=0x3011 | 0x3014..=0x3015 | 0xFF0C | 0xFF1A | 0xFF1B | 0xFF08 | 0xFF09 => COMMON,
        0xFF1F | 0xFF01 | 0x2018..=0x201D | 0x2014 | 0x2026 | 0x3000 => COMMON,
        0x3003..=0x303F | 0xFF02..=0xFF5E | 0xFFE0..=0xFFE6 | 0xFE30..=0xFE4F | 0x2010..=0x2027 | 0x2030..=0x203B => {
            UNCOMMON
        }
        // ①, Ⅳ, ㈠ and the middle dot: list markers and separators of plan documents (but not
        // the rest of their blocks: ⒈ or ㈱ is what out-of-step GB18030 looks like).
        0xB7 | 0x2160..=0x216B | 0x2460..=0x2487 | 0x3220..=0x3229 => COMMON,
        0x2488..=0x24FF => FOREIGN,
        0x00..=0x1F | 0x7F..=0x9F | 0xE000..=0xF8FF | 0xFDD0..=0xFDEF | 0xFFFE | 0xFFFF => JUNK,
        // Greek and Cyrillic letters are what GB 2312's rows 6 and 7 read as out of step.
        0x0370..=0x04FF => FOREIGN,
        0xA0..=0x036F | 0x2000..=0x2BFF => UNCOMMON,
        0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x10000.. => RARE,
        _ => FOREIGN,
    }
}

/// The cost of a GB18030 two-byte character (lead 81–FE, trail 40–7E or 80–FE), from a table
/// of every pair's decoded character.
pub fn gb_pair_cost(lead: u8, trail: u8) -> u32 {
    let t = if trail < 0x80 { trail - 0x40 } else { trail - 0x41 };
    u32::from(gb_pair_costs()[usize::from(lead - 0x81) * 190 + usize::from(t)])
}

fn gb_pair_costs() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::with_capacity(126 * 190);
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
                let pair = [lead, trail];
                let (text, _) = GB18030.decode_without_bom_handling(&pair);
                let cost = text.chars().map(char_cost).max().unwrap_or(REPLACED);
                table.push(cost as u8);
            }
        }
        table
    })
}

/// The cost of every code point of U+4E00–U+9FFF.
fn han_costs() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![OTHER_HAN as u8; 0xA000 - 0x4E00];
        let mut level1 = Vec::with_capacity(40 * 94 * 2);
        for lead in 0xB0..=0xD7u8 {
            for trail in 0xA1..=0xFEu8 {
                level1.extend_from_slice(&[lead, trail]);
            }
        }
        let bands = include_str!("han_ranks.txt").lines().filter(|l| !l.starts_with('#'));
        let level1 = GB18030.decode_without_bom_handling(&level1).0.into_owned();
        let ranked = [COMMON, FREQUENT, SEEN].into_iter().zip(bands);
        for (cost, chars) in [(LEVEL1, level1.as_str())].into_iter().chain(ranked) {
            for c in chars.chars() {
                if let Some(slot) = (c as usize).checked_sub(0x4E00).and_then(|i| table.get_mut(i)) {
                    *slot = cost as u8;
                }
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs() {
        assert_eq!(char_cost('的'), COMMON);
        assert_eq!(char_cost('镕'), OTHER_HAN);
        assert_eq!(char_cost('亍'), OTHER_HAN);
        assert_eq!(char_cost('政'), COMMON);
        assert_eq!(char_cost('，'), COMMON);
        assert_eq!(char_cost('1'), ASCII);
        assert_eq!(char_cost('a'), FREQUENT);
        assert_eq!(char_cost('한'), FOREIGN);
        assert_eq!(char_cost('\u{E000}'), JUNK);
        assert_eq!(char_cost('\u{0}'), JUNK);
        // 的 is B5 C4 in GB 2312; 亍 (D8 A1) is of the second level.
        assert_eq!(gb_pair_cost(0xB5, 0xC4), COMMON);
        assert_eq!(gb_pair_cost(0xD8, 0xA1), OTHER_HAN);
        assert_eq!(gb_pair_cost(0xAA, 0xA1), JUNK);
        assert_eq!(gb_pair_cost(0x81, 0x40), OTHER_HAN);
    }
}
