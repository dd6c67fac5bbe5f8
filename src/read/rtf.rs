//! RTF (Rich Text Format): a stream of control words (`\par`), control symbols (`\'cb`) and
//! `{…}` groups. We keep the text a reader sees and drop the rest: destinations such as the font
//! table, style sheet, pictures, headers/footers and field instructions are skipped, while the
//! rendered list label (`{\listtext 一、\tab}`, older `{\pntext …}`) is kept because it is how RTF
//! carries Word's automatic numbering. 8-bit text (`\'hh`) is decoded with the code page of the
//! current font (`\fcharset134` → GBK) or of the document (`\ansicpg936`); `\uN` is Unicode with
//! `\ucN` fallback characters skipped.

use super::{join, Cell, Paragraph, SourceText};
use crate::error::{Error, LimitKind};
use crate::limits::Limits;
use crate::model::Format;
use encoding_rs::Encoding;
use std::collections::HashMap;

/// True when the bytes start (after an optional BOM and whitespace) as RTF.
pub fn sniff(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    b[start..].starts_with(b"{\\rtf")
}

/// Reads an RTF document into paragraphs.
pub fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, Error> {
    let mut r = Reader::new(bytes, Limits::default().max_rtf_depth);
    r.run()?;
    Ok(r.out)
}

/// Reads an RTF document into the source text; `encoding` is the document code page
/// (`\ansicpg`), though fonts may carry their own. A document without text is not a document.
pub fn read_source(bytes: &[u8]) -> Result<SourceText, Error> {
    read_source_with(bytes, &Limits::default())
}

/// [`read_source`] within the given limits (group depth). A document that ends inside open
/// groups (a truncated file) gives what was read, marked as damaged.
pub fn read_source_with(bytes: &[u8], limits: &Limits) -> Result<SourceText, Error> {
    let mut r = Reader::new(bytes, limits.max_rtf_depth);
    r.run()?;
    if r.out.iter().all(|p| p.text.trim().is_empty()) {
        return Err(Error::NoText { format: Format::Rtf, why: "the RTF document holds no text".into() });
    }
    let mut src = join(&r.out, Format::Rtf, r.doc_enc.name());
    if r.open_at_end > 0 {
        src.damage =
            Some(format!("the RTF ends inside {} open group(s): the file is truncated or damaged", r.open_at_end));
    }
    Ok(src)
}

/// What the current group is doing with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    /// Ordinary text (body, list labels, field results).
    Text,
    /// Skipped (font table names, pictures, headers, field instructions, unknown `\*` groups).
    Skip,
    /// The font table: records each font's character set.
    FontTable,
}

/// Group-scoped state: RTF undoes every property at the closing brace.
#[derive(Debug, Clone, Copy)]
struct State {
    dest: Dest,
    /// Fallback characters to skip after `\uN`.
    uc: u32,
    /// The current font number (`\fN`), for its character set.
    font: i32,
    /// Hidden text (`\v`) or a tracked deletion (`\deleted`): Word does not show it.
    hidden: bool,
    /// The paragraph is in a table (`\intbl`).
    intbl: bool,
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    out: Vec<Paragraph>,
    stack: Vec<State>,
    st: State,
    /// The document code page (`\ansicpgN`), as an encoding.
    doc_enc: &'static Encoding,
    default_font: i32,
    /// Font number → its encoding, from `\fcharsetN` / `\cpgN` in the font table.
    fonts: HashMap<i32, &'static Encoding>,
    /// Font being defined in the font table.
    font_def: Option<i32>,
    /// The paragraph being built.
    text: String,
    /// 8-bit bytes waiting to be decoded together (a GBK character is two `\'hh`).
    pending: Vec<u8>,
    pending_enc: &'static Encoding,
    /// Fallback characters still to skip after a `\uN`.
    skip_chars: u32,
    /// A high surrogate from `\uN` waiting for its low half.
    high_surrogate: Option<u16>,
    /// The next control word names a destination (`\*`): skip the group if we do not know it.
    star: bool,
    /// Table position: the current table's index, row and cell; `None` outside tables.
    table: Option<Cell>,
    next_table: u32,
    /// The last paragraph ended a nested-table cell (`\nestcell`): the empty paragraph Word
    /// writes after a nested table, before the outer `\cell`, is not shown.
    after_nested: bool,
    /// Deepest group nesting accepted: real files stay far below (Word: about 20), so more is
    /// damage or an attack on the reader.
    max_depth: usize,
    /// Groups still open when the bytes ran out (0 for a complete file).
    open_at_end: usize,
}

impl<'a> Reader<'a> {
    fn new(b: &'a [u8], max_depth: usize) -> Self {
        let st = State { dest: Dest::Text, uc: 1, font: -1, hidden: false, intbl: false };
        let enc = encoding_rs::WINDOWS_1252;
        Reader {
            b,
            i: 0,
            out: Vec::new(),
            stack: Vec::new(),
            st,
            doc_enc: enc,
            default_font: -1,
            fonts: HashMap::new(),
            font_def: None,
            text: String::new(),
            pending: Vec::new(),
            pending_enc: enc,
            skip_chars: 0,
            high_surrogate: None,
            star: false,
            table: None,
            next_table: 0,
            after_nested: false,
            max_depth,
            open_at_end: 0,
        }
    }

    fn run(&mut self) -> Result<(), Error> {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            match c {
                b'{' => {
                    self.i += 1;
                    self.skip_chars = 0;
                    if self.stack.len() >= self.max_depth {
                        let why =
                            format!("RTF groups nest deeper than the limit of {} (--max-rtf-depth)", self.max_depth);
                        return Err(Error::limit(LimitKind::RtfDepth, self.max_depth as u64, None, why));
                    }
                    self.stack.push(self.st);
                }
                b'}' => {
                    self.i += 1;
                    self.skip_chars = 0;
                    self.star = false;
                    // An unbalanced closing brace is damage we can read past.
                    if let Some(prev) = self.stack.pop() {
                        self.flush_bytes();
                        if self.st.dest == Dest::FontTable && prev.dest == Dest::FontTable {
                            self.font_def = None;
                        }
                        self.st = prev;
                        // The root group is closed: what follows (padding, NULs) is not RTF.
                        if self.stack.is_empty() {
                            break;
                        }
                    }
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => self.i += 1,
                _ => {
                    self.i += 1;
                    self.byte(c);
                }
            }
        }
        self.open_at_end = self.stack.len();
        self.flush_bytes();
        if !self.text.trim().is_empty() {
            self.end_paragraph(false);
        }
        Ok(())
    }

    /// One byte of text in the current code page.
    fn byte(&mut self, c: u8) {
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        if !self.visible() {
            return;
        }
        if c == b'\t' {
            self.push_char('\t');
            return;
        }
        // Other control bytes (NUL padding and the like) are not text.
        if c < 0x20 {
            return;
        }
        let enc = self.current_encoding();
        if enc != self.pending_enc {
            self.flush_bytes();
            self.pending_enc = enc;
        }
        self.pending.push(c);
    }

    fn visible(&self) -> bool {
        self.st.dest == Dest::Text && !self.st.hidden
    }

    fn current_encoding(&self) -> &'static Encoding {
        let f = if self.st.font < 0 { self.default_font } else { self.st.font };
        self.fonts.get(&f).copied().unwrap_or(self.doc_enc)
    }

    fn flush_bytes(&mut self) {
        if !self.pending.is_empty() {
            let (s, _) = self.pending_enc.decode_without_bom_handling(&self.pending);
            self.text.push_str(&s);
            self.pending.clear();
        }
    }

    fn push_char(&mut self, c: char) {
        self.flush_bytes();
        self.text.push(c);
    }

    /// A Unicode code unit from `\uN` (surrogate pairs come as two of them).
    fn unicode(&mut self, n: i64) {
        let unit = (n.rem_euclid(65536)) as u16;
        if !self.visible() {
            return;
        }
        match unit {
            0xD800..=0xDBFF => {
                self.flush_bytes();
                self.high_surrogate = Some(unit);
                return;
            }
            0xDC00..=0xDFFF => {
                if let Some(hi) = self.high_surrogate.take() {
                    let cp = 0x10000 + (((hi as u32) - 0xD800) << 10) + (unit as u32 - 0xDC00);
                    self.push_char(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                } else {
                    self.push_char('\u{FFFD}');
                }
                return;
            }
            _ => {}
        }
        if self.high_surrogate.take().is_some() {
            self.push_char('\u{FFFD}');
        }
        self.push_char(char::from_u32(unit as u32).unwrap_or('\u{FFFD}'));
    }

    /// Parses the control word or symbol at `self.i` (a backslash) and acts on it.
    fn control(&mut self) {
        let b = self.b;
        self.i += 1;
        let Some(&c) = b.get(self.i) else { return };
        if !c.is_ascii_alphabetic() {
            self.i += 1;
            self.symbol(c);
            return;
        }
        let start = self.i;
        while self.i < b.len() && b[self.i].is_ascii_alphabetic() && self.i - start < 32 {
            self.i += 1;
        }
        let word = std::str::from_utf8(&b[start..self.i]).unwrap_or("");
        let word = word.to_string();
        let mut param: Option<i64> = None;
        let neg = b.get(self.i) == Some(&b'-') && b.get(self.i + 1).is_some_and(|d| d.is_ascii_digit());
        if neg {
            self.i += 1;
        }
        let dstart = self.i;
        while self.i < b.len() && b[self.i].is_ascii_digit() && self.i - dstart < 10 {
            self.i += 1;
        }
        if self.i > dstart {
            let v: i64 = std::str::from_utf8(&b[dstart..self.i]).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
            param = Some(if neg { -v } else { v });
        }
        // A single space delimits the word and belongs to it.
        if b.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
        self.word(&word, param);
    }

    // Guards in the match arms would send a non-matching word to the catch-all arms.
    #[allow(clippy::collapsible_match)]
    fn symbol(&mut self, c: u8) {
        match c {
            b'\'' => {
                let hex = self.b.get(self.i..self.i + 2).and_then(|h| std::str::from_utf8(h).ok());
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    self.i += 2;
                    if self.st.dest == Dest::FontTable {
                        return;
                    }
                    self.byte(v);
                }
            }
            b'*' => self.star = true,
            b'\\' | b'{' | b'}' => self.byte(c),
            _ if self.skip_chars > 0 => self.skip_chars -= 1,
            b'~' => {
                if self.visible() {
                    self.push_char('\u{a0}')
                }
            }
            b'_' => {
                if self.visible() {
                    self.push_char('-')
                }
            }
            // A backslash before a line break is a paragraph mark in old writers.
            b'\n' | b'\r' => self.word("par", None),
            // Optional hyphen, formula, index sub-entry: nothing to show.
            _ => {}
        }
    }

    /// Acts on a control word. Arms whose effect depends on the state test it in the method they
    /// call, not in a guard: a failed guard would send the word on to the catch-all arms, which
    /// skip the group after `\*`.
    fn word(&mut self, word: &str, param: Option<i64>) {
        let star = std::mem::take(&mut self.star);
        if self.fallback_word(word) {
            return;
        }
        let p = param.unwrap_or(0);
        match word {
            // Header: the document code page.
            "ansicpg" => self.set_code_page(p),
            "mac" => self.doc_enc = encoding_rs::MACINTOSH,
            "deff" => self.default_font = p as i32,
            "fonttbl" => self.st.dest = Dest::FontTable,
            "f" => self.font(p),
            // Outside the font table these words are unknown (and skip the group after \*).
            "fcharset" | "cpg" if self.st.dest == Dest::FontTable => self.font_encoding(word == "cpg", p),
            "plain" => self.plain(),
            "uc" => self.st.uc = p.clamp(0, 16) as u32,
            "u" => {
                self.unicode(p);
                self.skip_chars = self.st.uc;
            }
            "v" | "deleted" => self.st.hidden = param != Some(0),
            "pard" => self.st.intbl = false,
            "intbl" => self.st.intbl = param != Some(0),
            "par" | "sect" => self.paragraph_mark(word == "sect"),
            "cell" | "nestcell" => self.cell_mark(word == "nestcell"),
            "row" => self.row_mark(),
            "bin" => {
                // Raw binary data of the given length: never text.
                let n = usize::try_from(p.max(0)).unwrap_or(0);
                self.i = self.i.saturating_add(n).min(self.b.len());
            }
            // The Unicode half of a \upr pair: shown.
            "ud" => self.unicode_half(),
            // The ANSI half of \upr is a duplicate of \ud.
            "upr" => self.st.dest = Dest::Skip,
            // Text that is kept although it is in its own group.
            "listtext" | "pntext" | "fldrslt" | "field" | "result" => {}
            // Special characters (\line, \emdash, \ldblquote…), then destinations.
            _ => {
                if let Some(c) = special_char(word) {
                    self.text_char(c);
                } else if is_skipped_destination(word) || star {
                    self.skip_destination(star);
                }
            }
        }
    }

    /// Fallback characters after \uN: a control word counts as one, except \uN itself and the
    /// group-changing ones, which end the fallback. True when the word was fallback (and is
    /// ignored).
    fn fallback_word(&mut self, word: &str) -> bool {
        if self.skip_chars > 0 && word != "u" {
            self.skip_chars -= 1;
            if !matches!(word, "par" | "cell" | "row" | "line" | "tab") {
                return true;
            }
            self.skip_chars = 0;
        }
        false
    }

    /// `\ansicpgN`: the code page of 8-bit text in fonts that do not name their own.
    fn set_code_page(&mut self, p: i64) {
        self.flush_bytes();
        self.doc_enc = codepage(p).unwrap_or(self.doc_enc);
        self.pending_enc = self.doc_enc;
    }

    /// `\fN`: in the font table, the font being defined; elsewhere, the font of the text.
    fn font(&mut self, p: i64) {
        if self.st.dest == Dest::FontTable {
            self.font_def = Some(p as i32);
        } else {
            self.flush_bytes();
            self.st.font = p as i32;
        }
    }

    /// `\fcharsetN` or `\cpgN` (`cpg`) in the font table: the encoding of the font being defined.
    fn font_encoding(&mut self, cpg: bool, p: i64) {
        let enc = if cpg { codepage(p) } else { charset(p, self.doc_enc) };
        if let (Some(f), Some(enc)) = (self.font_def, enc) {
            // \cpg is more precise than \fcharset, and \fcharset0 must not undo it.
            if cpg || !self.fonts.contains_key(&f) {
                self.fonts.insert(f, enc);
            }
        }
    }

    /// `\plain`: character properties back to the defaults (the default font, not hidden).
    fn plain(&mut self) {
        self.flush_bytes();
        self.st.font = self.default_font;
        self.st.hidden = false;
    }

    /// `\par`, or `\sect` (`sect`), which ends a paragraph only when one is open (Word writes
    /// "\par\sect").
    fn paragraph_mark(&mut self, sect: bool) {
        if self.st.dest == Dest::Text && (!sect || !self.text.is_empty() || !self.pending.is_empty()) {
            self.end_paragraph(self.st.intbl);
        }
    }

    /// `\cell`, or `\nestcell` (`nested`): ends a cell's paragraph; an outer `\cell` moves to
    /// the next column.
    fn cell_mark(&mut self, nested: bool) {
        if self.st.dest != Dest::Text {
            return;
        }
        self.flush_bytes();
        if !(!nested && self.after_nested && self.text.trim().is_empty()) {
            self.end_paragraph(true);
        }
        self.text.clear();
        self.after_nested = nested;
        if !nested {
            if let Some(t) = self.table.as_mut() {
                t.col = t.col.saturating_add(1);
            }
        }
    }

    /// `\row`: ends the row (and a paragraph left open in it); the next cell is the first of
    /// the next row.
    fn row_mark(&mut self) {
        if self.st.dest != Dest::Text {
            return;
        }
        self.flush_bytes();
        if !self.text.trim().is_empty() {
            self.end_paragraph(true);
        }
        self.text.clear();
        if let Some(t) = self.table.as_mut() {
            t.row = t.row.saturating_add(1);
            t.col = 0;
        }
    }

    /// `\ud`: the Unicode half of a `\upr` pair is shown when the `\upr` group's text would be.
    fn unicode_half(&mut self) {
        // The stack holds the \upr group's own state and, below it, its parent's.
        let n = self.stack.len();
        if n >= 2 && self.stack[n - 2].dest == Dest::Text {
            self.st.dest = Dest::Text;
        }
    }

    /// A destination whose content is not text, or any unknown one after `\*`: the rest of the
    /// group is skipped. In the font table only after `\*`: the table is read for the code
    /// pages of its fonts.
    fn skip_destination(&mut self, star: bool) {
        self.flush_bytes();
        if self.st.dest != Dest::FontTable || star {
            self.st.dest = Dest::Skip;
        }
    }

    fn text_char(&mut self, c: char) {
        if self.visible() {
            self.push_char(c);
        }
    }

    /// Ends the paragraph being built; `in_table` says whether it belongs to a table cell.
    fn end_paragraph(&mut self, in_table: bool) {
        self.flush_bytes();
        self.high_surrogate = None;
        let cell = if in_table {
            let t = self.table.get_or_insert_with(|| {
                let t = Cell { table: self.next_table, row: 0, col: 0 };
                self.next_table = self.next_table.saturating_add(1);
                t
            });
            Some(*t)
        } else {
            self.table = None;
            None
        };
        self.after_nested = false;
        let text = std::mem::take(&mut self.text);
        self.out.push(Paragraph { text, cell });
    }
}

/// The character a control word for a special character stands for.
fn special_char(word: &str) -> Option<char> {
    Some(match word {
        "line" => '\n',
        "tab" => '\t',
        "emdash" => '—',
        "endash" => '–',
        "emspace" | "enspace" | "qmspace" => ' ',
        "bullet" => '•',
        "lquote" => '‘',
        "rquote" => '’',
        "ldblquote" => '“',
        "rdblquote" => '”',
        _ => return None,
    })
}

/// Destinations whose content is not document text.
fn is_skipped_destination(word: &str) -> bool {
    matches!(
        word,
        "colortbl"
            | "stylesheet"
            | "info"
            | "pict"
            | "header"
            | "headerl"
            | "headerr"
            | "headerf"
            | "footer"
            | "footerl"
            | "footerr"
            | "footerf"
            | "fldinst"
            | "object"
            | "objdata"
            | "datafield"
            | "footnote"
            | "annotation"
            | "listtable"
            | "listoverridetable"
            | "revtbl"
            | "rsidtbl"
            | "xmlnstbl"
            | "themedata"
            | "colorschememapping"
            | "latentstyles"
            | "datastore"
            | "generator"
            | "shprslt"
            | "shpinst"
            | "nonshppict"
            | "do"
            | "filetbl"
            | "pgdsctbl"
            | "template"
            | "private"
            | "bkmkstart"
            | "bkmkend"
            | "title"
            | "subject"
            | "author"
            | "operator"
            | "keywords"
            | "comment"
            | "doccomm"
            | "txe"
            | "xe"
            | "tc"
            | "atnid"
            | "atnauthor"
            | "mmath"
    )
}

/// A Windows code page number → its encoding.
fn codepage(cp: i64) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match cp {
        936 => GBK,
        54936 => GB18030,
        950 => BIG5,
        932 => SHIFT_JIS,
        949 => EUC_KR,
        874 => WINDOWS_874,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 | 437 | 850 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        10000 => MACINTOSH,
        65001 => UTF_8,
        _ => return None,
    })
}

/// A font character set (`\fcharsetN`) → its encoding; the ANSI and default sets use the
/// document code page.
fn charset(cs: i64, doc: &'static Encoding) -> Option<&'static Encoding> {
    match cs {
        0 | 1 => Some(doc),
        2 => Some(encoding_rs::WINDOWS_1252),
        77 => Some(encoding_rs::MACINTOSH),
        128 => codepage(932),
        129 => codepage(949),
        134 => codepage(936),
        136 => codepage(950),
        161 => codepage(1253),
        162 => codepage(1254),
        163 => codepage(1258),
        177 => codepage(1255),
        178 => codepage(1256),
        186 => codepage(1257),
        204 => codepage(1251),
        222 => codepage(874),
        238 => codepage(1250),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph as (text, (table, row, col)).
    type Row = (String, Option<(u32, u32, u32)>);

    fn texts(rtf: &str) -> Vec<String> {
        read(rtf.as_bytes()).unwrap().into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn gbk_escapes_by_font_charset() {
        // 一、总体要求 in GBK, under a \fcharset134 font.
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}{\f1\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}
{\pard\f1 \'d2\'bb\'a1\'a2\'d7\'dc\'cc\'e5\'d2\'aa\'c7\'f3\par}}";
        assert_eq!(texts(rtf), ["一、总体要求"]);
    }

    #[test]
    fn ansicpg_decides_when_font_is_ansi() {
        let rtf = r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}\pard \'d2\'bb\'a1\'a2ab\par}";
        assert_eq!(texts(rtf), ["一、ab"]);
    }

    #[test]
    fn unicode_with_fallback_skip() {
        let rtf = r"{\rtf1\ansi\uc1 \u19968\'3f\u12289?x\uc2 \u20108\'3f\'3fy\uc0 \u19977 z\par}";
        assert_eq!(texts(rtf), ["一、x二y三z"]);
        // A surrogate pair written as two negative \u.
        assert_eq!(texts(r"{\rtf1 \u-10179?\u-8704?\par}"), ["😀"]);
    }

    #[test]
    fn destinations_skipped_and_list_labels_kept() {
        let rtf = r"{\rtf1{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s1 heading 1;}}
{\info{\title T}{\author A}}{\header \pard H\par}{\*\generator WPS;}
{\listtext\pard\plain \u19968\'3f\u12289\'3f\tab}Body{\*\bkmkstart x}{\field{\*\fldinst PAGE}{\fldrslt 7}}\par
{\pntext (1)\tab}Next{\v hidden}\par}";
        assert_eq!(texts(rtf), ["一、\tBody7", "(1)\tNext"]);
    }

    #[test]
    fn tables_become_cells() {
        let rtf = r"{\rtf1 Before\par\trowd\cellx100\cellx200\pard\intbl A\cell B1\par B2\cell\row
\trowd\cellx100\cellx200\pard\intbl C\cell D\cell\row\pard After\par\trowd\pard\intbl E\cell\row}";
        let ps = read(rtf.as_bytes()).unwrap();
        let got: Vec<Row> = ps.iter().map(|p| (p.text.clone(), p.cell.map(|c| (c.table, c.row, c.col)))).collect();
        let want = [
            ("Before", None),
            ("A", Some((0, 0, 0))),
            ("B1", Some((0, 0, 1))),
            ("B2", Some((0, 0, 1))),
            ("C", Some((0, 1, 0))),
            ("D", Some((0, 1, 1))),
            ("After", None),
            ("E", Some((1, 0, 0))),
        ];
        let want: Vec<Row> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn damage_is_bounded() {
        let deep = format!("{{\\rtf1 {}x", "{".repeat(5000));
        assert!(
            matches!(read(deep.as_bytes()), Err(Error::Limit { kind: LimitKind::RtfDepth, why, .. }) if why.contains("--max-rtf-depth"))
        );
        // The limit is adjustable: deeper is read, the missing closing braces marked as damage.
        let limits = Limits { max_rtf_depth: 10_000, ..Limits::default() };
        let src = read_source_with(deep.as_bytes(), &limits).unwrap();
        assert!(src.damage.is_some_and(|d| d.contains("5001 open group")));
        // Unbalanced, truncated, odd escapes: no panic.
        for s in [
            r"{\rtf1 a}}}} b",
            r"{\rtf1 \'",
            r"{\rtf1 \'zz\u",
            r"{\rtf1 \bin999999 x",
            "{\\rtf1 \\u-99999999999999999999 x",
        ] {
            let _ = read(s.as_bytes());
        }
    }

    #[test]
    fn mangled_bytes_never_panic() {
        let base = r"{\rtf1\ansi\ansicpg936{\fonttbl{\f1\fcharset134 x;}}{\listtext \u19968\'3f\tab}\f1 \'d2\'bb\trowd\intbl a\cell\row\uc2\u-4000 ab\bin3 xyz{\*\x y}\par}";
        let mut seed = 0x9E37_79B9u32;
        for _ in 0..3000 {
            let mut b = base.as_bytes().to_vec();
            for _ in 0..4 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let k = (seed >> 8) as usize % b.len();
                b[k] = (seed >> 3) as u8;
            }
            let _ = read(&b);
        }
    }

    #[test]
    fn sniffing() {
        assert!(sniff(b"{\\rtf1\\ansi}"));
        assert!(sniff(b"\xEF\xBB\xBF \r\n{\\rtf1"));
        assert!(!sniff(b"x{\\rtf1"));
    }
}
