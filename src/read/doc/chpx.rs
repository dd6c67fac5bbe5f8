//! Character properties from the CHPX FKPs (PlcBteChpx → 512-byte FKP pages), reduced to the
//! ones that change the text: a tracked deletion (sprmCFRMarkDel, 修订 "已删除") — Word shows a
//! document with its revisions accepted, as the .docx reader reads `w:del`, deleted text is
//! not part of it — and a symbol character (sprmCSymbol: the text holds `(`, the properties
//! the font and the real character code).

use super::tables::{fkp_pages, for_each_sprm};
use super::{le16, le32};

/// sprmCFRMarkDel: the characters are a tracked deletion.
const SPRM_DELETED: u16 = 0x0800;
/// sprmCSymbol: ftc (font index) and xchar (character code) of a symbol character.
const SPRM_SYMBOL: u16 = 0x6A09;

/// The stream ranges `[start, end)` of deleted characters, sorted by start; and of symbol
/// characters with their font and code.
#[derive(Debug, Default)]
pub struct Deleted {
    runs: Vec<(u32, u32)>,
    symbols: Vec<SymbolRun>,
}

/// Characters `[start, end)` of the stream that are a symbol character. The field order is the
/// sort order (by start first, for the binary search in [`Deleted::symbol`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SymbolRun {
    start: u32,
    end: u32,
    /// ftc: the font's index in the font table (Symbol, Wingdings…).
    font: u16,
    /// xchar: the character code in that font.
    code: u16,
}

impl Deleted {
    /// Reads PlcBteChpx and its FKP pages. A damaged table gives fewer runs, never an error.
    pub fn parse(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Deleted {
        let mut runs = Vec::new();
        let mut symbols = Vec::new();
        for page in fkp_pages(word, table, fc, lcb) {
            read_fkp(page, &mut runs, &mut symbols);
        }
        runs.sort_unstable();
        symbols.sort_unstable();
        Deleted { runs, symbols }
    }

    /// (ftc, xchar) when the character at stream offset `fc` is a symbol character.
    pub fn symbol(&self, fc: u32) -> Option<(u16, u16)> {
        let i = self.symbols.partition_point(|r| r.start <= fc);
        let r = self.symbols.get(i.checked_sub(1)?)?;
        (fc < r.end).then_some((r.font, r.code))
    }

    /// True when the character at stream offset `fc` is a tracked deletion.
    pub fn at(&self, fc: u32) -> bool {
        if self.runs.is_empty() {
            return false;
        }
        let i = self.runs.partition_point(|r| r.0 <= fc);
        i.checked_sub(1).and_then(|i| self.runs.get(i)).is_some_and(|r| fc < r.1)
    }
}

fn read_fkp(page: &[u8], runs: &mut Vec<(u32, u32)>, symbols: &mut Vec<SymbolRun>) {
    let crun = page[511] as usize;
    // rgfc (crun+1 u32) then crun one-byte offsets must fit before the count byte.
    if (crun + 1) * 4 + crun > 511 {
        return;
    }
    for i in 0..crun {
        let (Some(start), Some(end)) = (le32(page, i * 4), le32(page, i * 4 + 4)) else { return };
        let off = page[(crun + 1) * 4 + i] as usize * 2;
        if off == 0 || end <= start {
            continue;
        }
        // Chpx: a length byte, then the grpprl.
        let Some(&cb) = page.get(off) else { continue };
        let Some(grpprl) = page.get(off + 1..(off + 1 + cb as usize).min(511)) else { continue };
        let mut deleted = false;
        let mut symbol = None;
        for_each_sprm(grpprl, |op, arg| {
            if op == SPRM_DELETED {
                // A toggle: 1 on, 0x81 the opposite of the style (which never deletes).
                deleted = matches!(arg.first(), Some(1 | 0x81));
            } else if op == SPRM_SYMBOL {
                symbol = le16(arg, 0).zip(le16(arg, 2));
            }
        });
        if deleted {
            runs.push((start, end));
        }
        if let Some((font, code)) = symbol {
            symbols.push(SymbolRun { start, end, font, code });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleted_runs_from_an_fkp() {
        // One FKP with three runs: [0x400,0x410) plain, [0x410,0x420) deleted, [0x420,0x430) bold.
        let mut page = vec![0u8; 512];
        for (i, fc) in [0x400u32, 0x410, 0x420, 0x430].iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&fc.to_le_bytes());
        }
        page[511] = 3;
        // Chpx at word offsets 0x80 (deleted) and 0x90 (bold).
        page[16 + 1] = 0x80;
        page[16 + 2] = 0x90;
        page[0x100..0x104].copy_from_slice(&[3, 0x00, 0x08, 1]);
        page[0x120..0x124].copy_from_slice(&[3, 0x35, 0x08, 1]);
        let mut runs = Vec::new();
        read_fkp(&page, &mut runs, &mut Vec::new());
        let d = Deleted { runs, symbols: Vec::new() };
        assert!(!d.at(0x40F) && d.at(0x410) && d.at(0x41F) && !d.at(0x420));
        assert!(!Deleted::default().at(0));
        // Damaged pages never panic.
        let mut bad = page.clone();
        bad[511] = 200;
        read_fkp(&bad, &mut Vec::new(), &mut Vec::new());
        bad[511] = 3;
        bad[17] = 0xFF;
        read_fkp(&bad, &mut Vec::new(), &mut Vec::new());
    }
}
