//! List numbering: the list definitions (PlfLst: LSTF + LVL) and list overrides (PlfLfo: LFO +
//! LFOLVL) of the table stream, and the counters that render a paragraph's auto-number label
//! ("一、", "（一）", "1.", "（1）") the way Word draws it.

use super::tables::for_each_sprm;
use super::{le16, le32, slice};

/// sprmCRgFtc0: the font of ASCII text.
const SPRM_RG_FTC0: u16 = 0x4A4F;

/// Caps on counts read from the file.
const MAX_LISTS: usize = 4096;

/// One list level (LVL).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    /// Number format (MSONFC): 0 decimal, 37 chineseCounting, 39 chineseCountingThousand…
    nfc: u8,
    /// Numbers of the higher levels show as arabic (fLegal).
    legal: bool,
    /// The level text; characters 0..=8 are placeholders for that level's number.
    text: Vec<u16>,
    /// After the label: 0 tab, 1 space, 2 nothing.
    follow: u8,
    /// The label's font (sprmCRgFtc0 of the level's character properties), for bullets drawn
    /// from a symbol font.
    ftc: Option<u16>,
}

#[derive(Debug, Clone, Default)]
struct List {
    lsid: i32,
    levels: Vec<Level>,
}

#[derive(Debug, Clone, Default)]
struct Override {
    lsid: i32,
    /// Per level: a restart value (fStartAt) and a replacement level (fFormatting).
    start_at: [Option<u32>; 9],
    levels: [Option<Level>; 9],
}

/// The lists of a document, with the running counters.
#[derive(Debug, Default)]
pub struct Lists {
    lists: Vec<List>,
    overrides: Vec<Override>,
    /// Per list: the last number given at each level (None = not started / restarted).
    counters: Vec<[Option<u32>; 9]>,
    /// Per override: levels whose restart value was already used.
    restarted: Vec<[bool; 9]>,
}

/// Reads one LVL at `at`; returns it and the offset after it.
fn read_level(t: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = t.get(at..at + 28)?;
    let start = le32(lvlf, 0)?;
    let nfc = lvlf[4];
    let legal = lvlf[5] & 0x04 != 0;
    let follow = lvlf[15];
    let cb_chpx = lvlf[24] as usize;
    let cb_papx = lvlf[25] as usize;
    let xst = at + 28 + cb_papx + cb_chpx;
    let mut ftc = None;
    if let Some(chpx) = t.get(at + 28 + cb_papx..xst) {
        for_each_sprm(chpx, |op, arg| {
            if op == SPRM_RG_FTC0 {
                ftc = le16(arg, 0);
            }
        });
    }
    let cch = le16(t, xst)? as usize;
    let bytes = t.get(xst + 2..xst + 2 + cch * 2)?;
    let text = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    Some((Level { start, nfc, legal, text, follow, ftc }, xst + 2 + cch * 2))
}

impl Lists {
    /// Reads PlfLst (with the LVLs that follow it) and PlfLfo. Damage loses lists, not text.
    pub fn parse(table: &[u8], lst: (u32, u32), lfo: (u32, u32)) -> Lists {
        let mut out = Lists::default();
        if let Some(plf) = slice(table, lst.0, lst.1) {
            let c = le16(plf, 0).unwrap_or(0) as i16;
            let c = (c.max(0) as usize).min(MAX_LISTS).min(plf.len().saturating_sub(2) / 28);
            let mut heads = Vec::with_capacity(c);
            for i in 0..c {
                let at = 2 + i * 28;
                let lsid = le32(plf, at).unwrap_or(0) as i32;
                let simple = plf.get(at + 26).is_some_and(|f| f & 1 != 0);
                heads.push((lsid, if simple { 1 } else { 9 }));
            }
            // The LVLs follow the LSTF array, in list order.
            let mut at = lst.0 as usize + 2 + c * 28;
            'lists: for (lsid, n) in heads {
                let mut levels = Vec::with_capacity(n);
                for _ in 0..n {
                    match read_level(table, at) {
                        Some((lvl, next)) => {
                            levels.push(lvl);
                            at = next;
                        }
                        None => {
                            out.lists.push(List { lsid, levels });
                            break 'lists;
                        }
                    }
                }
                out.lists.push(List { lsid, levels });
            }
        }
        if let Some(plf) = slice(table, lfo.0, lfo.1) {
            let n = (le32(plf, 0).unwrap_or(0) as usize).min(MAX_LISTS).min(plf.len().saturating_sub(4) / 16);
            let mut counts = Vec::with_capacity(n);
            for i in 0..n {
                let at = 4 + i * 16;
                let lsid = le32(plf, at).unwrap_or(0) as i32;
                counts.push(plf.get(at + 12).copied().unwrap_or(0) as usize);
                out.overrides.push(Override { lsid, ..Override::default() });
            }
            // One LFOData an LFO follows the LFO array (in the table stream, maybe past
            // lcbPlfLfo): a cp, then its clfolvl LFOLVLs — an LFO without overrides still has
            // its cp.
            let mut at = lfo.0 as usize + 4 + n * 16;
            'lfo: for (i, &count) in counts.iter().enumerate() {
                at += 4; // cp
                for _ in 0..count.min(9) {
                    let (Some(start), Some(flags)) = (le32(table, at), le32(table, at + 4)) else { break 'lfo };
                    at += 8;
                    let ilvl = (flags & 0xF) as usize;
                    if ilvl < 9 && flags & 0x10 != 0 {
                        out.overrides[i].start_at[ilvl] = Some(start);
                    }
                    if flags & 0x20 != 0 {
                        let Some((lvl, next)) = read_level(table, at) else { break 'lfo };
                        at = next;
                        if ilvl < 9 {
                            out.overrides[i].levels[ilvl] = Some(lvl);
                        }
                    }
                }
            }
        }
        out.counters = vec![[None; 9]; out.lists.len()];
        out.restarted = vec![[false; 9]; out.overrides.len()];
        out
    }

    /// The label of a paragraph in list `ilfo` (1-based) at level `ilvl`, counting it. `fonts`
    /// (the font table) names the font of a symbol-font bullet.
    pub fn label(&mut self, ilfo: u16, ilvl: u8, fonts: &[String]) -> Option<String> {
        let oi = (ilfo as usize).checked_sub(1)?;
        let ov = self.overrides.get(oi)?;
        let li = self.lists.iter().position(|l| l.lsid == ov.lsid)?;
        let list = &self.lists[li];
        let ilvl = (ilvl as usize).min(list.levels.len().saturating_sub(1));
        let level = ov.levels[ilvl].as_ref().or(list.levels.get(ilvl))?;
        let counters = &mut self.counters[li];
        let restart = if self.restarted[oi][ilvl] { None } else { ov.start_at[ilvl] };
        if restart.is_some() {
            self.restarted[oi][ilvl] = true;
        }
        let n = match (restart, counters[ilvl]) {
            (Some(s), _) => s,
            (None, Some(prev)) => prev.saturating_add(1),
            (None, None) => level.start,
        };
        counters[ilvl] = Some(n);
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if level.nfc == 0xFF {
            return Some(String::new());
        }
        let mut label = String::new();
        for &u in &level.text {
            if u < 9 {
                let k = u as usize;
                let lv = ov.levels[k].as_ref().or(list.levels.get(k));
                let value = counters[k].unwrap_or_else(|| lv.map_or(1, |l| l.start));
                let nfc = if k != ilvl && level.legal { 0 } else { lv.map_or(0, |l| l.nfc) };
                label.push_str(&format_number(value, nfc));
            } else if level.nfc == 23 && (0xF000..=0xF0FF).contains(&u) {
                // A bullet drawn from a symbol font (a private-use code point): the character
                // that font draws there, else a plain bullet.
                let font = level.ftc.and_then(|f| fonts.get(f as usize));
                label.push(font.and_then(|f| super::fonts::symbol_char(f, u)).unwrap_or('•'));
            } else {
                label.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
            }
        }
        if !label.is_empty() && level.follow != 2 {
            // Word shows a tab or a space after the label; one space keeps a line one paragraph.
            label.push(' ');
        }
        Some(label)
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
}

/// Renders a number in a Word number format (MSONFC), as the .docx reader does for its names.
pub fn format_number(n: u32, nfc: u8) -> String {
    crate::read::numfmt::NumFmt::from_nfc(nfc).format(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number(1, 39), "一");
        assert_eq!(format_number(10, 37), "十");
        assert_eq!(format_number(11, 37), "十一");
        assert_eq!(format_number(20, 37), "二十");
        assert_eq!(format_number(105, 37), "一百零五");
        assert_eq!(format_number(110, 37), "一百一十");
        assert_eq!(format_number(3, 38), "叁");
        assert_eq!(format_number(12, 38), "壹拾贰");
        assert_eq!(format_number(4, 2), "iv");
        assert_eq!(format_number(28, 3), "BB");
        assert_eq!(format_number(3, 30), "丙");
        assert_eq!(format_number(7, 0), "7");
        assert_eq!(format_number(6, 34), "陸");
        assert_eq!(format_number(2, 29), "㈡");
        assert_eq!(format_number(3, 18), "③");
    }
}
