//! The FIB (File Information Block) at the start of the WordDocument stream: version, flags,
//! language, text lengths, and where every other table lives in the table stream.

use super::{damaged, le16, le32, not_word};
use crate::error::Error;

/// Indexes into FibRgFcLcb97 (pairs of offset/length in the table stream).
pub const STSHF: usize = 1;
pub const PLCF_BTE_CHPX: usize = 12;
pub const STTBF_FFN: usize = 15;
pub const PLCF_BTE_PAPX: usize = 13;
pub const CLX: usize = 33;
pub const PLF_LST: usize = 73;
pub const PLF_LFO: usize = 74;

#[derive(Debug, Clone, Default)]
pub struct Fib {
    /// Language of the document (lid), used for the code page of 8-bit text.
    pub lid: u16,
    /// Far-East language (lidFE), Word 97+.
    pub lid_fe: u16,
    /// The table stream is "1Table" (else "0Table").
    pub which_table: bool,
    pub encrypted: bool,
    /// Fast-saved (complex) file: Word 6/95 only has a piece table then.
    pub complex: bool,
    /// A Word 6/95 file (older FIB, 8-bit text, no table stream).
    pub word6: bool,
    /// Characters of main document text.
    pub ccp_text: u32,
    /// Characters of the stories after the main text, in CP order: footnotes, headers, macros
    /// (unused), comments, endnotes, text boxes, header text boxes. Unchecked: the reader
    /// clamps each story to the piece table.
    pub ccp_ftn: u32,
    pub ccp_hdd: u32,
    pub ccp_mcr: u32,
    pub ccp_atn: u32,
    pub ccp_edn: u32,
    pub ccp_txbx: u32,
    /// Word 6/95 for Far-East languages (wIdent 0x8098, 0x8099, 0xA697, 0xA699): the text is
    /// stored as UTF-16, not 8-bit.
    pub far_east_word6: bool,
    /// Word 6/95: start of the text in the WordDocument stream.
    pub fc_min: u32,
    /// (fc, lcb) pairs of FibRgFcLcb; for Word 6/95 only CLX is filled in.
    pub fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    pub fn parse(word: &[u8]) -> Result<Fib, Error> {
        let ident = le16(word, 0).ok_or_else(|| damaged("the WordDocument stream is too short"))?;
        let nfib = le16(word, 2).ok_or_else(|| damaged("the WordDocument stream is too short"))?;
        let flags = le16(word, 0x0A).ok_or_else(|| damaged("the FIB is truncated"))?;
        let lid = le16(word, 6).unwrap_or(0);
        // nFib: 101..=105 Word 6/95, 193 Word 97 (and WPS), higher for later Word.
        let mut fib = Fib {
            lid,
            which_table: flags & 0x0200 != 0,
            encrypted: flags & 0x0100 != 0,
            complex: flags & 0x0004 != 0,
            ..Fib::default()
        };
        // Writers other than Word put other values in wIdent; the version number is what counts.
        if ident != 0xA5EC && ident != 0xA5DC && !(101..=105).contains(&nfib) && !(0xC1..=0x200).contains(&nfib) {
            return Err(damaged("the FIB signature is wrong"));
        }
        if nfib < 101 {
            return Err(not_word("a Word 2 or older file, which is not read"));
        }
        if nfib <= 105 {
            // Word 6 (nFib 101..=105) and Word 95: fixed FIB layout.
            fib.word6 = true;
            fib.far_east_word6 = matches!(ident, 0x8098 | 0x8099 | 0xA697 | 0xA699);
            fib.fc_min = le32(word, 0x18).ok_or_else(|| damaged("the FIB is truncated"))?;
            fib.ccp_text = le32(word, 0x34).ok_or_else(|| damaged("the FIB is truncated"))?;
            let ccp = |i: usize| le32(word, 0x34 + i * 4).unwrap_or(0);
            fib.set_story_lengths(ccp);
            let clx = (le32(word, 0x160).unwrap_or(0), le32(word, 0x164).unwrap_or(0));
            fib.fc_lcb = vec![(0, 0); CLX + 1];
            fib.fc_lcb[CLX] = clx;
            return Ok(fib);
        }
        // Word 97+: FibBase (32 bytes), then three length-prefixed arrays.
        let csw = le16(word, 0x20).ok_or_else(|| damaged("the FIB is truncated"))? as usize;
        let rgw = 0x22;
        if csw > 13 {
            fib.lid_fe = le16(word, rgw + 13 * 2).unwrap_or(0);
        }
        let cslw_at = rgw + csw * 2;
        let cslw = le16(word, cslw_at).ok_or_else(|| damaged("the FIB is truncated"))? as usize;
        let rglw = cslw_at + 2;
        // FibRgLw97: cbMac, lProductCreated, lProductRevised, then ccpText and the other stories.
        let ccp = |i: usize| if cslw > 3 + i { le32(word, rglw + (3 + i) * 4).unwrap_or(0) } else { 0 };
        fib.set_story_lengths(ccp);
        let cb_at = rglw + cslw * 4;
        let count = le16(word, cb_at).ok_or_else(|| damaged("the FIB is truncated"))? as usize;
        let base = cb_at + 2;
        // Never more pairs than the stream can hold.
        let count = count.min(word.len().saturating_sub(base) / 8);
        fib.fc_lcb = (0..count)
            .map(|i| (le32(word, base + i * 8).unwrap_or(0), le32(word, base + i * 8 + 4).unwrap_or(0)))
            .collect();
        if fib.fc_lcb.len() <= CLX {
            return Err(damaged("the FIB has no piece table entry"));
        }
        Ok(fib)
    }

    /// The FIB of a Word for Windows 2.0 file (see [`super::is_word2`]): fcMin at 0x18, then
    /// ccpText and ccpFtn at 0x34 as in Word 6. A fast-saved (complex) Word 2 file keeps its
    /// piece table elsewhere and is refused.
    pub fn parse_word2(file: &[u8]) -> Result<Fib, Error> {
        let flags = le16(file, 0x0A).ok_or_else(|| damaged("the FIB is truncated"))?;
        if flags & 0x0100 != 0 {
            return Err(not_word("the document is encrypted (password-protected)"));
        }
        if flags & 0x0004 != 0 {
            return Err(not_word("a fast-saved Word 2 file, which is not read (save it again in a later Word)"));
        }
        let fc_min = le32(file, 0x18).ok_or_else(|| damaged("the FIB is truncated"))?;
        let ccp = |i: usize| le32(file, 0x34 + i * 4).unwrap_or(0);
        Ok(Fib {
            lid: le16(file, 6).unwrap_or(0),
            word6: true,
            fc_min,
            ccp_text: ccp(0),
            ccp_ftn: ccp(1),
            fc_lcb: vec![(0, 0); CLX + 1],
            ..Fib::default()
        })
    }

    /// ccpText and the story lengths after it, from `ccp(i)` = the i-th count, ccpText at 0.
    fn set_story_lengths(&mut self, ccp: impl Fn(usize) -> u32) {
        self.ccp_text = ccp(0);
        self.ccp_ftn = ccp(1);
        self.ccp_hdd = ccp(2);
        self.ccp_mcr = ccp(3);
        self.ccp_atn = ccp(4);
        self.ccp_edn = ccp(5);
        self.ccp_txbx = ccp(6);
    }

    /// CP ranges `[start, end)` of the stories read after the main text, in the order they are
    /// placed after the body — their CP order, the order antiword and catdoc print them in:
    /// footnotes, endnotes, main-document text boxes. Headers, comments and header text boxes
    /// are left out. None for a story that is empty or whose start
    /// overflows (a hostile count); the end is clamped by the caller to the piece table.
    pub fn extra_stories(&self) -> [Option<(u32, u32)>; 3] {
        let range = |start: Option<u32>, len: u32| -> Option<(u32, u32)> {
            let s = start?;
            (len > 0).then_some((s, s.saturating_add(len)))
        };
        let ftn = Some(self.ccp_text);
        let hdd = ftn.and_then(|s| s.checked_add(self.ccp_ftn));
        let mcr = hdd.and_then(|s| s.checked_add(self.ccp_hdd));
        let atn = mcr.and_then(|s| s.checked_add(self.ccp_mcr));
        let edn = atn.and_then(|s| s.checked_add(self.ccp_atn));
        let txbx = edn.and_then(|s| s.checked_add(self.ccp_edn));
        [range(ftn, self.ccp_ftn), range(edn, self.ccp_edn), range(txbx, self.ccp_txbx)]
    }

    /// (fc, lcb) of entry `i`, (0, 0) when the FIB is shorter.
    pub fn get(&self, i: usize) -> (u32, u32) {
        self.fc_lcb.get(i).copied().unwrap_or((0, 0))
    }

    /// True when the document language is Chinese, Japanese or Korean.
    pub fn is_cjk(&self) -> bool {
        [self.lid, self.lid_fe].iter().any(|&l| matches!(l & 0x3FF, 0x04 | 0x11 | 0x12))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stories follow the main text in CP order: footnotes, headers, macros, comments,
    /// endnotes, text boxes.
    #[test]
    fn story_ranges_follow_the_main_text() {
        let fib = Fib { ccp_text: 13, ccp_ftn: 16, ccp_hdd: 2, ccp_atn: 12, ccp_edn: 15, ..Fib::default() };
        assert_eq!(fib.extra_stories(), [Some((13, 29)), Some((43, 58)), None]);
        let fib = Fib { ccp_text: 29, ccp_txbx: 41, ..Fib::default() };
        assert_eq!(fib.extra_stories(), [None, None, Some((29, 70))]);
    }

    /// A Word 2 FIB: fcMin and the text lengths; fast-saved and encrypted files are refused.
    #[test]
    fn word2_fib() {
        let mut f = vec![0u8; 0x80];
        f[0..4].copy_from_slice(&[0xDB, 0xA5, 45, 0]);
        f[0x18..0x1C].copy_from_slice(&0x80u32.to_le_bytes());
        f[0x34..0x38].copy_from_slice(&12u32.to_le_bytes());
        let fib = Fib::parse_word2(&f).unwrap();
        assert!(fib.word6 && !fib.complex);
        assert_eq!((fib.fc_min, fib.ccp_text), (0x80, 12));
        f[0x0A] = 0x04;
        assert!(Fib::parse_word2(&f).is_err());
        f[0x0A] = 0x00;
        f[0x0B] = 0x01;
        assert!(Fib::parse_word2(&f).is_err());
        assert!(Fib::parse_word2(&f[..8]).is_err());
    }

    /// Counts that overflow give no range past the overflow, never a panic.
    #[test]
    fn overflowing_counts_give_no_range() {
        let fib =
            Fib { ccp_text: u32::MAX - 1, ccp_ftn: 5, ccp_hdd: u32::MAX, ccp_edn: 3, ccp_txbx: 7, ..Fib::default() };
        assert_eq!(fib.extra_stories(), [Some((u32::MAX - 1, u32::MAX)), None, None]);
    }
}
