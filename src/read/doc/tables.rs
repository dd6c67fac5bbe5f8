//! Paragraph properties from the PAPX FKPs (PlcBtePapx → 512-byte FKP pages), reduced to what
//! the reader needs: table membership (cell and row-end marks), list membership (ilfo/ilvl), and
//! the paragraph style; plus the table position tracker that turns cell/row marks into
//! {table, row, col}.

use super::{le16, le32, slice};
use crate::read::Cell;

/// The 512-byte FKP pages a bin table (PlcBtePapx / PlcBteChpx at `fc`, `lcb` in the table
/// stream) points to, each page once. A damaged table gives fewer pages, never an error.
pub(super) fn fkp_pages<'a>(word: &'a [u8], table: &[u8], fc: u32, lcb: u32) -> Vec<&'a [u8]> {
    let mut pages = Vec::new();
    let Some(plc) = slice(table, fc, lcb) else { return pages };
    if plc.len() < 4 {
        return pages;
    }
    let n = (plc.len() - 4) / 8;
    let mut seen = std::collections::HashSet::new();
    for i in 0..n {
        let Some(pn) = le32(plc, (n + 1) * 4 + i * 4) else { break };
        let pn = pn & 0x3F_FFFF;
        if !seen.insert(pn) {
            continue;
        }
        if let Some(page) = slice(word, pn.saturating_mul(512), 512) {
            pages.push(page);
        }
    }
    pages
}

/// Paragraph properties that matter for text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParaProps {
    pub istd: u16,
    /// sprmPFInTable: the paragraph is inside a table cell.
    pub in_table: bool,
    /// sprmPFTtp: this mark ends a table row (not a cell).
    pub ttp: bool,
    /// sprmPFInnerTtp: ends a row of a nested table.
    pub inner_ttp: bool,
    /// sprmPIlfo (1-based LFO index; 0 = not in a list), None when not set directly.
    pub ilfo: Option<u16>,
    /// sprmPIlvl.
    pub ilvl: Option<u8>,
}

impl ParaProps {
    /// Applies one sprm.
    pub fn apply(&mut self, op: u16, arg: &[u8]) {
        let b = arg.first().copied().unwrap_or(0);
        match op {
            0x4600 => self.istd = le16(arg, 0).unwrap_or(self.istd),
            0x2416 => self.in_table = b != 0,
            0x2417 => self.ttp = b != 0,
            0x244C => self.inner_ttp = b != 0,
            0x260A => self.ilvl = Some(b),
            0x460B => self.ilfo = le16(arg, 0),
            // sprmPItap: nesting depth; depth 0 is outside any table.
            0x6649 if le32(arg, 0) == Some(0) => self.in_table = false,
            _ => {}
        }
    }
}

/// Operand length of a Word 97 sprm whose operand starts at `grpprl[at]`, None when malformed.
fn operand_len(op: u16, grpprl: &[u8], at: usize) -> Option<usize> {
    Some(match op >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match op {
            // sprmTDefTable: a two-byte length that counts one byte less than follows it.
            0xD608 => 2 + (le16(grpprl, at)? as usize).saturating_sub(1),
            // sprmPChgTabs: length 255 means "compute from the two tab arrays".
            0xC615 => {
                let cb = *grpprl.get(at)? as usize;
                if cb != 255 {
                    1 + cb
                } else {
                    let del = *grpprl.get(at + 1)? as usize;
                    let add_at = at + 2 + del * 4;
                    let add = *grpprl.get(add_at)? as usize;
                    add_at + 1 + add * 3 - at
                }
            }
            _ => 1 + *grpprl.get(at)? as usize,
        },
    })
}

/// Calls `f(opcode, operand)` for each sprm of a grpprl (Word 97 two-byte opcodes).
pub fn for_each_sprm(grpprl: &[u8], mut f: impl FnMut(u16, &[u8])) {
    let mut i = 0;
    while i + 2 <= grpprl.len() {
        let Some(op) = le16(grpprl, i) else { return };
        let at = i + 2;
        let Some(len) = operand_len(op, grpprl, at) else { return };
        let Some(arg) = grpprl.get(at..at + len) else { return };
        // Variable-length operands carry their length in front: hand over the payload only.
        let payload = if op >> 13 == 6 && op != 0xD608 && op != 0xC615 { &arg[1..] } else { arg };
        f(op, payload);
        i = at + len;
    }
}

/// One run of paragraph properties: paragraphs whose mark lies in `[start, end)` (stream bytes).
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    end: u32,
    props: ParaProps,
}

/// All PAPX runs of the document, sorted by start.
#[derive(Debug, Default)]
pub struct Papx {
    runs: Vec<Run>,
}

impl Papx {
    /// Reads PlcBtePapx and its FKP pages. A damaged table gives fewer runs, never an error: the
    /// text is still right, only cells and lists are lost.
    pub fn parse(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Papx {
        let mut runs = Vec::new();
        for page in fkp_pages(word, table, fc, lcb) {
            read_fkp(page, &mut runs);
        }
        runs.sort_by_key(|r| r.start);
        Papx { runs }
    }

    /// Properties of the paragraph whose mark is at stream offset `fc`.
    pub fn at(&self, fc: u32) -> Option<ParaProps> {
        let i = self.runs.partition_point(|r| r.start <= fc);
        let r = self.runs.get(i.checked_sub(1)?)?;
        (fc < r.end).then_some(r.props)
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

fn read_fkp(page: &[u8], runs: &mut Vec<Run>) {
    let crun = page[511] as usize;
    // rgfc (crun+1 u32) then crun BxPap of 13 bytes must fit before the count byte.
    if (crun + 1) * 4 + crun * 13 > 511 {
        return;
    }
    for i in 0..crun {
        let (Some(start), Some(end)) = (le32(page, i * 4), le32(page, i * 4 + 4)) else { return };
        let bx = (crun + 1) * 4 + i * 13;
        let off = page[bx] as usize * 2;
        let mut props = ParaProps::default();
        if off != 0 {
            if let Some(grpprl) = papx_in_fkp(page, off) {
                props.istd = le16(grpprl, 0).unwrap_or(0);
                if grpprl.len() > 2 {
                    for_each_sprm(&grpprl[2..], |op, arg| props.apply(op, arg));
                }
            }
        }
        if end > start {
            runs.push(Run { start, end, props });
        }
    }
}

/// GrpPrlAndIstd of a PapxInFkp at `off` in an FKP page.
fn papx_in_fkp(page: &[u8], off: usize) -> Option<&[u8]> {
    let cb = *page.get(off)? as usize;
    let (start, len) = if cb == 0 { (off + 2, *page.get(off + 1)? as usize * 2) } else { (off + 1, cb * 2 - 1) };
    let end = (start + len).min(511);
    page.get(start..end)
}

/// Turns a stream of cell ends, row ends and paragraphs into table positions.
#[derive(Debug, Default)]
pub struct TableTracker {
    /// Tables seen so far (the index of the next table).
    count: u32,
    active: bool,
    row: u32,
    col: u32,
}

impl TableTracker {
    /// Position of a paragraph inside the current cell (starting a table when none is open).
    pub fn cell(&mut self) -> Cell {
        if !self.active {
            self.active = true;
            self.row = 0;
            self.col = 0;
        }
        Cell { table: self.count, row: self.row, col: self.col }
    }

    /// A cell-end mark: the next paragraph is in the next cell.
    pub fn end_cell(&mut self) {
        if self.active {
            self.col += 1;
        }
    }

    /// A row-end mark.
    pub fn end_row(&mut self) {
        if self.active {
            self.row += 1;
            self.col = 0;
        }
    }

    /// A paragraph outside any table: closes the open table.
    pub fn outside(&mut self) {
        if self.active {
            self.active = false;
            self.count += 1;
        }
    }
}
