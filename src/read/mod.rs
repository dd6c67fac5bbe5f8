//! Format readers: bytes in, the decoded source text out. Every reader ends in the same thing —
//! paragraphs, joined one a line into the source text — so the parser never sees bytes or
//! formats. The format is chosen by content (magic bytes), never by file name.

pub mod doc;
pub mod docx;
pub mod html;
pub mod layout;
pub mod numfmt;
pub mod ofd;
pub mod pdf;
pub mod rtf;
pub mod text;

use crate::error::Error;
use crate::limits::Limits;
use crate::model::Format;

/// What a reader produced.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The decoded text, one paragraph a line. Every span in the output is a byte offset into it.
    pub text: String,
    /// The format that was read ("txt", "docx", "doc", "wps", "rtf", "html").
    pub format: Format,
    /// The character encoding that was used.
    pub encoding: String,
    /// True when the encoding was inferred from the bytes rather than marked (BOM) or given.
    pub encoding_guessed: bool,
    /// True when some bytes were not valid in that encoding and were replaced.
    pub had_errors: bool,
    /// For each line (paragraph) of `text`, its table cell when it stands in one; empty when the
    /// format has no tables (plain text).
    pub cells: Vec<Option<Cell>>,
    /// Set when the container or markup was damaged (truncated, corrupt) and the reader recovered
    /// what it could: why, in plain words. The document then carries a `damaged` warning.
    pub damage: Option<String>,
    /// True when the document carries a digital signature (PDF, OFD).
    pub signed: bool,
    /// 1-based numbers of the pages that hold no text (PDF, OFD): a `pages_without_text` warning.
    pub pages_without_text: Vec<u32>,
    /// Documents of a package after the first, which were not read (OFD): an `other_documents`
    /// warning.
    pub other_documents: u32,
}

impl SourceText {
    /// A text that is already decoded (UTF-8 plain text, one paragraph a line), for
    /// [`crate::parse_source`].
    pub fn plain(text: String) -> SourceText {
        SourceText {
            text,
            format: Format::Txt,
            encoding: "UTF-8".into(),
            encoding_guessed: false,
            had_errors: false,
            cells: Vec::new(),
            damage: None,
            signed: false,
            pages_without_text: Vec::new(),
            other_documents: 0,
        }
    }
}

/// One paragraph of a structured format (Word, RTF, HTML), with its rendered auto-number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The text as Word shows it, the auto-number label ("一、", "（一）") rendered in front.
    pub text: String,
    /// Where the paragraph sits when it is in a table cell.
    pub cell: Option<Cell>,
}

/// A table cell position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// The table's index in the document (0-based).
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// Joins paragraphs into a source text, one a line (line breaks inside a paragraph become spaces,
/// so a line is always exactly one paragraph).
pub fn join(paragraphs: &[Paragraph], format: Format, encoding: &str) -> SourceText {
    let mut text = String::new();
    for p in paragraphs {
        for c in p.text.chars() {
            text.push(if c == '\n' || c == '\r' { ' ' } else { c });
        }
        text.push('\n');
    }
    let cells = if paragraphs.iter().any(|p| p.cell.is_some()) {
        paragraphs.iter().map(|p| p.cell).collect()
    } else {
        Vec::new()
    };
    SourceText {
        text,
        format,
        encoding: encoding.to_string(),
        encoding_guessed: false,
        had_errors: false,
        cells,
        damage: None,
        signed: false,
        pages_without_text: Vec::new(),
        other_documents: 0,
    }
}

/// Reads any supported input within the limits: chooses the reader by the bytes.
pub fn read_with(bytes: &[u8], encoding: Option<&str>, limits: &Limits) -> Result<SourceText, Error> {
    read_with_password(bytes, encoding, limits, None)
}

/// [`read_with`] with the password of an encrypted PDF (an owner-protected PDF whose user
/// password is empty needs none).
pub fn read_with_password(
    bytes: &[u8],
    encoding: Option<&str>,
    limits: &Limits,
    password: Option<&str>,
) -> Result<SourceText, Error> {
    limits.check_input_size(bytes.len() as u64)?;
    let src = read_format(bytes, encoding, limits, password)?;
    // Before anything is built on the text: items, spans and JSON grow with it.
    limits.check_text_size(bytes.len() as u64, src.text.len() as u64)?;
    Ok(src)
}

/// The reader the bytes call for.
fn read_format(
    bytes: &[u8],
    encoding: Option<&str>,
    limits: &Limits,
    password: Option<&str>,
) -> Result<SourceText, Error> {
    if pdf::sniff(bytes) {
        return pdf::read_with(bytes, limits, password);
    }
    if let Some(archive) = ofd::sniffed(bytes) {
        return ofd::read_sniffed(bytes, archive, limits);
    }
    if doc::is_ole2(bytes) || doc::is_word2(bytes) {
        return doc::read(bytes);
    }
    if docx::is_zip(bytes) {
        return docx::read_with(bytes, limits);
    }
    if rtf::sniff(bytes) {
        return rtf::read_source_with(bytes, limits);
    }
    if let Some(kind) = html::sniff(bytes) {
        return html::read(bytes, kind, encoding);
    }
    text::read(bytes, encoding)
}

/// A part name in a ZIP package (.docx, OFD) resolved against the folder of the part that names
/// it: "/a/x" from the root, "x" or "../x" from `dir`; "." and empty segments dropped, ".." never
/// above the root.
pub(crate) fn resolve_part(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A hasher for small integer keys (character codes, code points): one multiply instead of
/// SipHash. The maps it serves hold a document's characters, bounded by the readers' limits, so
/// keys chosen against it cost nothing that matters.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
