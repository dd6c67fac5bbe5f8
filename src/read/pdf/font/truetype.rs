//! The `cmap` table of an embedded TrueType/OpenType font, read backwards: glyph index → Unicode.
//! A CIDFontType2 font with Identity-H and no ToUnicode shows glyph indices; its own cmap says
//! which character each glyph is (what poppler does for such fonts). Formats 0, 4, 6 and 12; every
//! offset is checked against the table.

/// Glyph index → character, for the glyphs the font's Unicode cmap reaches.
pub fn glyph_chars(font: &[u8]) -> Option<Vec<Option<char>>> {
    let cmap = table(font, b"cmap")?;
    let count = usize::from(u16_at(cmap, 2)?);
    let mut best: Option<(u8, usize)> = None;
    for i in 0..count.min(64) {
        let rec = 4 + i * 8;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let offset = u32_at(cmap, rec + 4)? as usize;
        let rank = match (platform, encoding) {
            (3, 10) | (0, 4) | (0, 6) => 5,
            (3, 1) | (0, _) => 4,
            (3, 0) => 3,
            (1, 0) => 2,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset));
        }
    }
    let (rank, offset) = best?;
    let sub = cmap.get(offset..)?;
    let mut out: Vec<Option<char>> = Vec::new();
    let mut put = |gid: u32, c: u32| {
        // A symbol cmap (3,0) puts its characters at U+F0xx; a Mac one (1,0) is Mac Roman.
        let c = match rank {
            3 if (0xF000..=0xF0FF).contains(&c) => c - 0xF000,
            2 if c < 256 => super::encoding::Base::MacRoman.char(c as u8).map_or(0, u32::from),
            _ => c,
        };
        if c < 32 {
            return;
        }
        let gid = gid as usize;
        if gid == 0 || gid > 0xFFFF {
            return;
        }
        if out.len() <= gid {
            out.resize(gid + 1, None);
        }
        if out[gid].is_none() {
            out[gid] = char::from_u32(c);
        }
    };
    match u16_at(sub, 0)? {
        0 => (0..256u32).for_each(|c| put(u32::from(*sub.get(6 + c as usize).unwrap_or(&0)), c)),
        4 => format4(sub, &mut put)?,
        6 => {
            let (first, n) = (u32::from(u16_at(sub, 6)?), usize::from(u16_at(sub, 8)?));
            for i in 0..n {
                put(u32::from(u16_at(sub, 10 + 2 * i)?), first + i as u32);
            }
        }
        12 => format12(sub, &mut put)?,
        _ => return None,
    }
    Some(out)
}

fn format4(sub: &[u8], put: &mut impl FnMut(u32, u32)) -> Option<()> {
    let segs = usize::from(u16_at(sub, 6)? / 2);
    let (ends, starts, deltas, ranges) = (14, 16 + 2 * segs, 16 + 4 * segs, 16 + 6 * segs);
    for s in 0..segs {
        let (end, start) = (u32::from(u16_at(sub, ends + 2 * s)?), u32::from(u16_at(sub, starts + 2 * s)?));
        let delta = u32::from(u16_at(sub, deltas + 2 * s)?);
        let range_at = ranges + 2 * s;
        let range = usize::from(u16_at(sub, range_at)?);
        if start > end || start == 0xFFFF {
            continue;
        }
        for c in start..=end {
            let gid = if range == 0 {
                (c + delta) & 0xFFFF
            } else {
                let at = range_at + range + 2 * (c - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => (u32::from(g) + delta) & 0xFFFF,
                }
            };
            put(gid, c);
        }
    }
    Some(())
}

fn format12(sub: &[u8], put: &mut impl FnMut(u32, u32)) -> Option<()> {
    let groups = u32_at(sub, 12)? as usize;
    for g in 0..groups.min(100_000) {
        let at = 16 + 12 * g;
        let (start, end, gid) = (u32_at(sub, at)?, u32_at(sub, at + 4)?, u32_at(sub, at + 8)?);
        if end < start || end - start > 0x10FFFF {
            continue;
        }
        for c in start..=end.min(start + 0xFFFF) {
            put(gid + (c - start), c);
        }
    }
    Some(())
}

/// A table of an sfnt font by its tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = usize::from(u16_at(font, 4)?);
    for i in 0..n.min(256) {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == tag {
            let (off, len) = (u32_at(font, rec + 8)? as usize, u32_at(font, rec + 12)? as usize);
            return font.get(off..off.checked_add(len)?.min(font.len()));
        }
    }
    None
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font with one table, `cmap`, holding one format 4 subtable: 'A'..'C' → glyphs 1..3.
    fn tiny_font() -> Vec<u8> {
        let mut sub = vec![0, 4, 0, 32, 0, 0, 0, 4, 0, 4, 0, 1, 0, 0];
        sub.extend_from_slice(&[0, 0x43, 0xFF, 0xFF, 0, 0, 0, 0x41, 0xFF, 0xFF]);
        sub.extend_from_slice(&[0xFF, 0xC0, 0, 1, 0, 0, 0, 0]);
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend_from_slice(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 28]);
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend_from_slice(&cmap);
        font
    }

    #[test]
    fn format4_backwards() {
        let map = glyph_chars(&tiny_font()).unwrap();
        assert_eq!(map.get(1).copied().flatten(), Some('A'));
        assert_eq!(map.get(3).copied().flatten(), Some('C'));
        assert!(glyph_chars(b"garbage").is_none());
    }
}
