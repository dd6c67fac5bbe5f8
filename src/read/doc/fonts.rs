//! The font table (SttbfFfn) and the characters Word stores as a symbol: text inserted with
//! Insert → Symbol from a symbol font is stored as `(` (0x28) with the real character code and
//! its font in the character properties (sprmCSymbol). Symbol and Wingdings codes are mapped to
//! the Unicode characters they draw.

use super::{le16, slice};

/// Caps on the font table.
const MAX_FONTS: usize = 4096;

/// The font names, by ftc (index into the table).
pub fn parse(table: &[u8], at: (u32, u32)) -> Vec<String> {
    let mut names = Vec::new();
    let Some(sttb) = slice(table, at.0, at.1) else { return names };
    let count = (le16(sttb, 0).unwrap_or(0) as usize).min(MAX_FONTS);
    let mut pos = 4;
    for _ in 0..count {
        // FFN: cbFfnM1, flags, wWeight, chs, ixchSzAlt, panose[10], fs[24], then xszFfn.
        let Some(&cb) = sttb.get(pos) else { break };
        let end = (pos + cb as usize + 1).min(sttb.len());
        let name: Vec<u16> = sttb
            .get(pos + 40..end)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&name));
        pos = end;
    }
    names
}

/// The Unicode character a symbol-font code draws, None when unknown (the caller keeps what the
/// text holds). `code` may be given in the private-use form (0xF0xx) Word uses for symbol fonts.
pub fn symbol_char(font: &str, code: u16) -> Option<char> {
    let c = if (0xF000..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    let font = font.to_ascii_lowercase();
    let mapped = if font == "symbol" {
        match c {
            0x20..=0x21
            | 0x23
            | 0x25..=0x26
            | 0x28..=0x29
            | 0x2B..=0x2C
            | 0x2E..=0x3F
            | 0x5B
            | 0x5D
            | 0x5F
            | 0x7B..=0x7D => c as u32,
            0x22 => 0x2200,
            0x24 => 0x2203,
            0x27 => 0x220B,
            0x2A => 0x2217,
            0x2D => 0x2212,
            0x40 => 0x2245,
            0x41..=0x5A => greek_upper(c as u8)?,
            0x61..=0x7A => greek_lower(c as u8)?,
            0x5C => 0x2234,
            0x5E => 0x22A5,
            0x7E => 0x223C,
            0xA2 => 0x2032,
            0xA3 => 0x2264,
            0xA5 => 0x221E,
            0xA7 => 0x2663,
            0xA8 => 0x2666,
            0xA9 => 0x2665,
            0xAA => 0x2660,
            0xAB => 0x2194,
            0xAC => 0x2190,
            0xAD => 0x2191,
            0xAE => 0x2192,
            0xAF => 0x2193,
            0xB0 => 0x00B0,
            0xB1 => 0x00B1,
            0xB2 => 0x2033,
            0xB3 => 0x2265,
            0xB4 => 0x00D7,
            0xB5 => 0x221D,
            0xB6 => 0x2202,
            0xB7 => 0x2022,
            0xB8 => 0x00F7,
            0xB9 => 0x2260,
            0xBA => 0x2261,
            0xBB => 0x2248,
            0xBC => 0x2026,
            0xC5 => 0x2295,
            0xC6 => 0x2205,
            0xC7 => 0x2229,
            0xC8 => 0x222A,
            0xCE => 0x2208,
            0xD2 | 0xE2 => 0x00AE,
            0xD3 | 0xE3 => 0x00A9,
            0xD4 | 0xE4 => 0x2122,
            0xCF => 0x2209,
            0xD0 => 0x2220,
            0xD6 => 0x221A,
            0xD7 => 0x22C5,
            0xD8 => 0x00AC,
            0xD9 => 0x2227,
            0xDA => 0x2228,
            0xDB => 0x21D4,
            0xDE => 0x21D2,
            0xE5 => 0x2211,
            0xF2 => 0x222B,
            _ => return None,
        }
    } else if font == "wingdings" {
        match c {
            0x6C => 0x25CF,
            0x6E => 0x25A0,
            0x6F => 0x25A1,
            0x71 => 0x2751,
            0x76 => 0x2756,
            0x9F => 0x2022,
            0xA7 => 0x25AA,
            0xA8 => 0x25FB,
            0xD8 => 0x27A2,
            0xE0 => 0x2192,
            0xFB => 0x2717,
            0xFC => 0x2713,
            0xFD => 0x2612,
            0xFE => 0x2611,
            _ => return None,
        }
    } else {
        return None;
    };
    char::from_u32(mapped)
}

fn greek_upper(c: u8) -> Option<u32> {
    // A B Χ Δ Ε Φ Γ Η Ι ϑ Κ Λ Μ Ν Ο Π Θ Ρ Σ Τ Υ ς Ω Ξ Ψ Ζ
    const T: [u32; 26] = [
        0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399, 0x3D1, 0x39A, 0x39B, 0x39C, 0x39D, 0x39F, 0x3A0,
        0x398, 0x3A1, 0x3A3, 0x3A4, 0x3A5, 0x3C2, 0x3A9, 0x39E, 0x3A8, 0x396,
    ];
    T.get(c.checked_sub(b'A')? as usize).copied()
}

fn greek_lower(c: u8) -> Option<u32> {
    // α β χ δ ε φ γ η ι ϕ κ λ μ ν ο π θ ρ σ τ υ ϖ ω ξ ψ ζ
    const T: [u32; 26] = [
        0x3B1, 0x3B2, 0x3C7, 0x3B4, 0x3B5, 0x3C6, 0x3B3, 0x3B7, 0x3B9, 0x3D5, 0x3BA, 0x3BB, 0x3BC, 0x3BD, 0x3BF, 0x3C0,
        0x3B8, 0x3C1, 0x3C3, 0x3C4, 0x3C5, 0x3D6, 0x3C9, 0x3BE, 0x3C8, 0x3B6,
    ];
    T.get(c.checked_sub(b'a')? as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_codes() {
        assert_eq!(symbol_char("Symbol", 0xF0B0), Some('°'));
        assert_eq!(symbol_char("Symbol", 0xD6), Some('√'));
        assert_eq!(symbol_char("Symbol", 0xF061), Some('α'));
        assert_eq!(symbol_char("Symbol", 0xF06D), Some('μ'));
        assert_eq!(symbol_char("Symbol", 0xF0E2), Some('®'));
        assert_eq!(symbol_char("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(symbol_char("Wingdings", 0xF0A8), Some('◻'));
        assert_eq!(symbol_char("Symbol", 0xF0A8), Some('♦'));
        assert_eq!(symbol_char("Arial", 0xF0B0), None);
        assert_eq!(symbol_char("Symbol", 0xF0FF), None);
    }

    #[test]
    fn damaged_tables_give_fewer_names() {
        assert!(parse(&[], (0, 10)).is_empty());
        let mut t = vec![2u8, 0, 0, 0, 53];
        t.extend(std::iter::repeat_n(0u8, 39));
        t.extend("Symbol".encode_utf16().flat_map(|u| u.to_le_bytes()));
        t.extend([0, 0, 200]);
        let names = parse(&t, (0, t.len() as u32));
        assert_eq!(names[0], "Symbol");
        assert_eq!(names.len(), 2);
    }
}
