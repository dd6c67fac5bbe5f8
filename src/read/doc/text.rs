//! The text builder: characters in reading order (from the piece table) → paragraphs, with
//! fields resolved, table cells placed and list labels rendered.

use super::chpx::Deleted;
use super::fib::{self, Fib};
use super::fields::Fields;
use super::lists::Lists;
use super::pieces::{self, Decoder8};
use super::tables::{for_each_sprm, Papx, ParaProps, TableTracker};
use super::{damaged, slice};
use crate::error::Error;
use crate::read::{Cell, Paragraph};

/// What ended a paragraph.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// 0x0D paragraph mark.
    Para,
    /// 0x07 cell or row end mark.
    Cell,
    /// 0x0C page or section break.
    Page,
}

struct Builder<'a> {
    paras: Vec<Paragraph>,
    cur: String,
    fields: Fields,
    papx: &'a Papx,
    /// Tracked deletions: not shown in the document as Word displays it; symbol characters.
    deleted: &'a Deleted,
    /// Font names by ftc, for symbol characters.
    fonts: &'a [String],
    styles: &'a [ParaProps],
    lists: Lists,
    tables: TableTracker,
    /// The PRM of the piece being read, and the CLX grpprls it may point to.
    prm: u16,
    grpprls: &'a [&'a [u8]],
    /// The previous mark was a cell end (for files without paragraph properties).
    after_cell: bool,
}

impl Builder<'_> {
    fn ch(&mut self, c: char, fc: u32, prm: u16) {
        self.prm = prm;
        // A deleted cell or row mark still ends its cell: the table keeps its shape.
        if c != '\u{7}' && self.deleted.at(fc) {
            return;
        }
        if self.fields.feed(c) || self.fields.hidden() {
            return;
        }
        match c {
            '\r' => self.end(fc, Mark::Para),
            '\u{7}' => self.end(fc, Mark::Cell),
            '\u{c}' => {
                if !self.cur.is_empty() {
                    self.end(fc, Mark::Page)
                }
            }
            // Line break (vertical tab) inside a paragraph.
            '\u{b}' => self.cur.push(' '),
            '\t' => self.cur.push('\t'),
            // Non-breaking hyphen shows as a hyphen; the optional hyphen shows only at a line end.
            '\u{1e}' => self.cur.push('-'),
            // Object anchors (0x01 picture, 0x08 drawing), note references, other controls.
            c if (c as u32) < 0x20 => {}
            // A symbol character: the text holds '(', the properties the real one.
            '(' => {
                let sym = self
                    .deleted
                    .symbol(fc)
                    .and_then(|(ftc, code)| super::fonts::symbol_char(self.fonts.get(ftc as usize)?, code));
                self.cur.push(sym.unwrap_or('('))
            }
            c => self.cur.push(c),
        }
    }

    fn end(&mut self, fc: u32, mark: Mark) {
        let mut props = self.papx.at(fc).unwrap_or_default();
        // A fast-saved file changes properties through the piece's PRM: a complex PRM points to a
        // grpprl of the CLX (a simple one holds a single sprm, of no interest here).
        if self.prm & 1 == 1 {
            if let Some(g) = self.grpprls.get((self.prm >> 1) as usize) {
                for_each_sprm(g, |op, arg| props.apply(op, arg));
            }
        }
        let known = !self.papx.is_empty();
        let after_cell = std::mem::replace(&mut self.after_cell, false);
        match mark {
            Mark::Cell => {
                let row_end = if known { props.ttp } else { after_cell && self.cur.is_empty() };
                if row_end {
                    self.tables.end_row();
                    self.cur.clear();
                    return;
                }
                let cell = self.tables.cell();
                self.emit(props, Some(cell), true);
                self.tables.end_cell();
                self.after_cell = true;
            }
            Mark::Para | Mark::Page => {
                if props.inner_ttp {
                    self.cur.clear();
                    return;
                }
                let cell = if props.in_table {
                    Some(self.tables.cell())
                } else {
                    self.tables.outside();
                    None
                };
                self.emit(props, cell, mark == Mark::Para);
            }
        }
    }

    fn emit(&mut self, props: ParaProps, cell: Option<Cell>, numbered: bool) {
        let mut text = std::mem::take(&mut self.cur);
        if numbered && !self.lists.is_empty() {
            let style = self.styles.get(props.istd as usize).copied().unwrap_or_default();
            let ilfo = props.ilfo.or(style.ilfo).unwrap_or(0);
            let ilvl = props.ilvl.or(style.ilvl).unwrap_or(0);
            // ilfo 0 is "no list"; values past 0x07FE are Word's "list removed" markers.
            if ilfo > 0 && ilfo < 0x07FF {
                if let Some(label) = self.lists.label(ilfo, ilvl, self.fonts) {
                    text.insert_str(0, &label);
                }
            }
        }
        self.paras.push(Paragraph { text, cell });
    }

    /// The paragraphs of the story read so far; the next story starts afresh (no open field, no
    /// open paragraph), table numbering goes on.
    fn take_story(&mut self) -> Vec<Paragraph> {
        if !self.cur.is_empty() {
            self.tables.outside();
            let text = std::mem::take(&mut self.cur);
            self.paras.push(Paragraph { text, cell: None });
        }
        self.fields = Fields::default();
        self.after_cell = false;
        std::mem::take(&mut self.paras)
    }

    /// The main text, then the footnotes, endnotes and text boxes of the main document after it
    /// (see [`Fib::extra_stories`]), each read through the same piece table, fields and paragraph
    /// properties. A note's reference mark (0x02) is a control character and not shown; empty
    /// paragraphs of these stories (the story's closing mark, empty text boxes) are left out.
    /// True when some text was missing from the stream.
    fn read_all(&mut self, word: &[u8], pieces: &[pieces::Piece], fib: &Fib, dec: Decoder8) -> (Vec<Paragraph>, bool) {
        let mut missing = pieces::for_each_char(word, pieces, 0, fib.ccp_text, dec, |c, fc, prm| self.ch(c, fc, prm));
        let mut out = self.take_story();
        // The stories can reach no further than the piece table does.
        let cp_end = pieces.iter().map(|p| p.cp_end).max().unwrap_or(0);
        for (from, to) in fib.extra_stories().into_iter().flatten() {
            let to = to.min(cp_end);
            if from >= to {
                continue;
            }
            missing |= pieces::for_each_char(word, pieces, from, to, dec, |c, fc, prm| self.ch(c, fc, prm));
            for p in self.take_story() {
                let text = p.text.trim_start();
                if !text.trim_end().is_empty() {
                    out.push(Paragraph { text: text.to_string(), cell: p.cell });
                }
            }
        }
        (out, missing)
    }
}

/// The document's ANSI code page: the Far-East language wins for CJK files.
fn decoder(fib: &Fib) -> Decoder8 {
    let cjk_lid = [fib.lid, fib.lid_fe].into_iter().find(|&l| matches!(l & 0x3FF, 0x04 | 0x11 | 0x12));
    let enc = pieces::encoding_for_lid(cjk_lid.unwrap_or(fib.lid));
    Decoder8 { enc, cjk: fib.is_cjk(), word6: fib.word6 }
}

/// Word 97+: the main text with tables and lists, and true when some of the text was missing
/// from the stream (damage).
pub fn build(word: &[u8], table: &[u8], fib: &Fib) -> Result<(Vec<Paragraph>, bool), Error> {
    let (fc, lcb) = fib.get(fib::CLX);
    let clx = slice(table, fc, lcb).ok_or_else(|| damaged("the piece table runs past the table stream"))?;
    let clx = pieces::parse_clx(clx, pieces::PieceKind::Word97)?;
    let (fc, lcb) = fib.get(fib::PLCF_BTE_PAPX);
    let papx = Papx::parse(word, table, fc, lcb);
    let (fc, lcb) = fib.get(fib::PLCF_BTE_CHPX);
    let deleted = Deleted::parse(word, table, fc, lcb);
    let lists = Lists::parse(table, fib.get(fib::PLF_LST), fib.get(fib::PLF_LFO));
    let styles = if lists.is_empty() { Vec::new() } else { super::styles::parse(table, fib.get(fib::STSHF)) };
    let fonts = super::fonts::parse(table, fib.get(fib::STTBF_FFN));
    let mut b = Builder {
        paras: Vec::new(),
        cur: String::new(),
        fields: Fields::default(),
        papx: &papx,
        deleted: &deleted,
        fonts: &fonts,
        styles: &styles,
        lists,
        tables: TableTracker::default(),
        after_cell: false,
        prm: 0,
        grpprls: &clx.grpprls,
    };
    Ok(b.read_all(word, &clx.pieces, fib, decoder(fib)))
}

/// Word 6/95: the text only (8-bit, in the document's code page); cells from the 0x07 marks.
/// True when some of the text was missing from the stream.
pub fn build_word6(word: &[u8], fib: &Fib) -> Result<(Vec<Paragraph>, bool), Error> {
    let papx = Papx::default();
    let deleted = Deleted::default();
    let mut b = Builder {
        paras: Vec::new(),
        cur: String::new(),
        fields: Fields::default(),
        papx: &papx,
        deleted: &deleted,
        fonts: &[],
        styles: &[],
        lists: Lists::default(),
        tables: TableTracker::default(),
        after_cell: false,
        prm: 0,
        grpprls: &[],
    };
    let dec = decoder(fib);
    let (fc, lcb) = fib.get(fib::CLX);
    if fib.complex && lcb > 0 {
        let clx = slice(word, fc, lcb).ok_or_else(|| damaged("the piece table runs past the stream"))?;
        let clx = pieces::parse_clx(clx, pieces::PieceKind::Word6 { unicode: fib.far_east_word6 })?;
        Ok(b.read_all(word, &clx.pieces, fib, dec))
    } else {
        // One run of text from fcMin: the main text, then the other stories.
        let end = fib.extra_stories().into_iter().flatten().map(|(_, e)| e).fold(fib.ccp_text, u32::max);
        let piece = pieces::Piece { cp_start: 0, cp_end: end, fc: fib.fc_min, compressed: !fib.far_east_word6, prm: 0 };
        if slice(word, fib.fc_min, 0).is_none() {
            return Err(damaged("the text starts past the end of the stream"));
        }
        Ok(b.read_all(word, &[piece], fib, dec))
    }
}
