//! CMap programs embedded in a PDF (PDF 32000 §9.7.5, §9.10.3): a ToUnicode map (codes → text)
//! or a font's encoding CMap (codes → CIDs), both with their code-space ranges, which say how
//! many bytes each code of a string takes. Ranges are kept as ranges, never expanded, so a
//! `<0000> <FFFF>` range costs one entry.

use super::super::lexer::{Args, Lexer, Operand, PdfStr, Step};
use super::CodeText;

/// Where a range of codes maps to. Texts are spans of the map's own list of UTF-16 units, so an
/// entry costs no allocation of its own.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The first code's text (`CMap::units[at..at + len]`); the following codes add their offset
    /// to its last unit.
    Text { at: u32, len: u32 },
    /// One text per code: `CMap::texts[at..at + n]`, each a span of `CMap::units`.
    Texts { at: u32, n: u32 },
    /// The first code's CID; the following ones count up.
    Cid(u32),
}

#[derive(Debug, Clone)]
struct Range {
    lo: u32,
    hi: u32,
    target: Target,
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Code-space ranges: (byte length, low, high).
    pub codespace: Vec<(u8, u32, u32)>,
    ranges: Vec<Range>,
    /// The UTF-16 units of every text, one after another.
    units: Vec<u16>,
    /// The texts of `Target::Texts` entries: (start, length) in `units`.
    texts: Vec<(u32, u32)>,
    /// The name given to `usecmap` (a predefined CMap this one extends).
    pub usecmap: Option<Vec<u8>>,
    /// /WMode 1: vertical writing.
    pub vertical: bool,
}

/// Buffers for decoding the strings of an entry, kept for the whole map.
#[derive(Default)]
struct Buffers {
    a: Scratch,
    b: Scratch,
}

/// Room for one string's bytes: a short hex string's on the stack, any other's on the heap.
#[derive(Default)]
struct Scratch {
    short: [u8; 32],
    long: Vec<u8>,
}

impl Scratch {
    fn bytes<'s>(&'s mut self, s: &PdfStr<'s>) -> &'s [u8] {
        match s.short_bytes(&mut self.short) {
            Some(b) => b,
            None => s.bytes_in(&mut self.long),
        }
    }
}

/// Longest range list kept: a CMap with more entries is damaged or hostile.
const MAX_RANGES: usize = 200_000;

impl CMap {
    /// Parses a CMap program. Whatever cannot be read is skipped; `max_depth` bounds the nesting
    /// of arrays in it.
    pub fn parse(data: &[u8], max_depth: usize) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data, max_depth);
        let mut buf = Buffers::default();
        while let Step::Op(op) = lx.next_op() {
            let args = lx.args();
            match op {
                b"endcodespacerange" => cmap.codespace_from(args, &mut buf),
                b"endbfchar" => cmap.chars_from(args, false, &mut buf),
                b"endcidchar" => cmap.chars_from(args, true, &mut buf),
                b"endbfrange" | b"endcidrange" => cmap.ranges_from(args, &mut buf),
                b"usecmap" => {
                    if let Some(Operand::Name(n)) = args.list.last() {
                        cmap.usecmap = Some(n.bytes().into_owned());
                    }
                }
                b"def" => {
                    if let [Operand::Name(k), Operand::Number(v)] = args.list {
                        if k.bytes().as_ref() == b"WMode" && *v == 1.0 {
                            cmap.vertical = true;
                        }
                    }
                }
                _ => {}
            }
            if cmap.ranges.len() > MAX_RANGES {
                break;
            }
        }
        cmap.ranges.sort_by_key(|r| (r.lo, r.hi));
        cmap
    }

    fn codespace_from(&mut self, args: Args, buf: &mut Buffers) {
        for pair in args.list.chunks_exact(2) {
            if let (Operand::Str(lo), Operand::Str(hi)) = (&pair[0], &pair[1]) {
                let (lo, hi) = (buf.a.bytes(lo), buf.b.bytes(hi));
                if (1..=4).contains(&lo.len()) && lo.len() == hi.len() {
                    self.codespace.push((lo.len() as u8, be(lo), be(hi)));
                }
            }
        }
    }

    fn chars_from(&mut self, args: Args, cid: bool, buf: &mut Buffers) {
        for pair in args.list.chunks_exact(2) {
            let Operand::Str(src) = &pair[0] else { continue };
            let code = be(buf.a.bytes(src));
            let target = match (&pair[1], cid) {
                (Operand::Number(n), true) => Target::Cid(*n as u32),
                (Operand::Str(s), false) => self.text_target(|units| utf16(buf.b.bytes(s), units)),
                (Operand::Name(n), false) => self.text_target(|units| glyph_name_text(&n.bytes(), units)),
                _ => continue,
            };
            self.ranges.push(Range { lo: code, hi: code, target });
        }
    }

    fn ranges_from(&mut self, args: Args, buf: &mut Buffers) {
        for triple in args.list.chunks_exact(3) {
            let (Operand::Str(lo), Operand::Str(hi)) = (&triple[0], &triple[1]) else { continue };
            let (lo, hi) = (be(buf.a.bytes(lo)), be(buf.b.bytes(hi)));
            if hi < lo {
                continue;
            }
            let target = match &triple[2] {
                Operand::Number(n) => Target::Cid(*n as u32),
                Operand::Str(s) => self.text_target(|units| utf16(buf.a.bytes(s), units)),
                list @ Operand::Array(_) => {
                    let at = self.texts.len() as u32;
                    for o in args.items(list) {
                        let start = self.units.len();
                        if let Operand::Str(s) = o {
                            utf16(buf.a.bytes(s), &mut self.units);
                        }
                        self.texts.push((start as u32, (self.units.len() - start) as u32));
                    }
                    Target::Texts { at, n: self.texts.len() as u32 - at }
                }
                _ => continue,
            };
            self.ranges.push(Range { lo, hi, target });
        }
    }

    /// A text target: the units `put` adds to the list.
    fn text_target(&mut self, put: impl FnOnce(&mut Vec<u16>)) -> Target {
        let at = self.units.len();
        put(&mut self.units);
        Target::Text { at: at as u32, len: (self.units.len() - at) as u32 }
    }

    /// The last range holding `code` (later definitions override earlier ones in practice: the
    /// ranges are sorted, so this is the narrowest one starting last).
    fn find(&self, code: u32) -> Option<&Range> {
        let end = self.ranges.partition_point(|r| r.lo <= code);
        // Ranges rarely nest; look back a few for one that holds the code.
        self.ranges[..end].iter().rev().take(8).find(|r| r.hi >= code)
    }

    /// The text a ToUnicode map gives a code.
    pub fn text(&self, code: u32) -> Option<CodeText> {
        let r = self.find(code)?;
        let off = code - r.lo;
        let span = |at: u32, len: u32| &self.units[at as usize..(at + len) as usize];
        let text: String = match r.target {
            // The range's first text with `off` added to its last unit, decoded as
            // `String::from_utf16_lossy` decodes, without a copy of the units.
            Target::Text { at, len } => match span(at, len).split_last() {
                // Most texts are one character: no string made.
                Some((&last, [])) => match char::from_u32(u32::from(last.wrapping_add(off as u16))) {
                    Some('\0') => String::new(),
                    Some(c) => return Some(CodeText::Char(c)),
                    None => return Some(CodeText::Char(char::REPLACEMENT_CHARACTER)),
                },
                Some((&last, head)) => {
                    let units = head.iter().copied().chain([last.wrapping_add(off as u16)]);
                    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
                }
                None => String::new(),
            },
            Target::Texts { at, n } => {
                let &(start, len) = self.texts[at as usize..(at + n) as usize].get(off as usize)?;
                String::from_utf16_lossy(span(start, len))
            }
            Target::Cid(_) => return None,
        };
        Some(CodeText::Text(if text.contains('\0') { text.replace('\0', "") } else { text }))
    }

    /// The CID an encoding CMap gives a code.
    pub fn cid(&self, code: u32) -> Option<u32> {
        match self.find(code)?.target {
            Target::Cid(c) => Some(c + (code - self.find(code)?.lo)),
            _ => None,
        }
    }

    /// True when the map holds any entry.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The byte length of the code at the start of `bytes` by the code-space ranges (None when no
    /// range matches or there are none).
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        for n in 1..=4usize {
            let Some(head) = bytes.get(..n) else { break };
            let v = be(head);
            if self.codespace.iter().any(|&(len, lo, hi)| usize::from(len) == n && in_space(v, lo, hi, n)) {
                return Some(n);
            }
        }
        None
    }
}

/// A code-space range matches byte by byte (each byte within the range's bounds for that byte).
fn in_space(v: u32, lo: u32, hi: u32, n: usize) -> bool {
    (0..n).all(|i| {
        let shift = 8 * (n - 1 - i);
        let (b, l, h) = ((v >> shift) & 0xFF, (lo >> shift) & 0xFF, (hi >> shift) & 0xFF);
        l <= b && b <= h
    })
}

/// Big-endian value of up to four bytes.
pub fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

/// A string's bytes as UTF-16BE units, added to `units` (a single byte is one unit).
fn utf16(bytes: &[u8], units: &mut Vec<u16>) {
    if bytes.len() == 1 {
        units.push(u16::from(bytes[0]));
        return;
    }
    units.extend(bytes.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))));
}

/// The text of a glyph name, added to `units`.
fn glyph_name_text(name: &[u8], units: &mut Vec<u16>) {
    let name = String::from_utf8_lossy(name);
    if let Some(s) = super::encoding::glyph_to_unicode(&name) {
        units.extend(s.encode_utf16());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <4E2D56FD> endbfchar
        2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0031> <D83DDE00>] endbfrange
        endcmap";

    #[test]
    fn to_unicode_chars_and_ranges() {
        let m = CMap::parse(TO_UNICODE, 10);
        let text = |code| m.text(code).map(String::from);
        assert_eq!(text(3).as_deref(), Some(" "));
        assert_eq!(text(0x11).as_deref(), Some("中国"));
        assert_eq!(text(0x22).as_deref(), Some("C"));
        assert_eq!(text(0x31).as_deref(), Some("😀"));
        assert_eq!(text(0x40), None);
        assert_eq!(m.code_len(&[0, 3]), Some(2));
    }

    #[test]
    fn cid_ranges_and_mixed_code_lengths() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817E> 100 endcidrange 1 begincidchar <20> 1 endcidchar",
            10,
        );
        assert_eq!(m.code_len(b"A"), Some(1));
        assert_eq!(m.code_len(&[0x81, 0x41]), Some(2));
        assert_eq!(m.cid(0x8142), Some(102));
        assert_eq!(m.cid(0x20), Some(1));
    }
}
