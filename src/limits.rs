//! Resource limits for hostile input. Every reader works in bounded memory and time whatever the
//! bytes say; these limits are the bounds that a caller may want to move (a batch on a small
//! machine, an archive of huge scans). The defaults sit far above any real plan document (the
//! corpus's largest .docx inflates to under 5 MB) and far below what would exhaust a desktop.
//!
//! | limit | default | CLI flag |
//! |---|---|---|
//! | input size | 200 MB | `--max-input-size MB` |
//! | ZIP: entries in the archive | 10,000 | `--max-zip-entries N` |
//! | ZIP: bytes inflated (declared total of all entries, and actually read) | 1024 MB | `--max-unpacked-size MB` |
//! | ZIP: compression ratio of an entry over 1 MB | 100:1 | `--max-compression-ratio N` |
//! | XML element nesting (.docx parts) | 1,000 | `--max-xml-depth N` |
//! | RTF group nesting | 1,000 | `--max-rtf-depth N` |
//! | PDF: objects in the file | 2,000,000 | `--max-pdf-objects N` |
//! | PDF: bytes one stream decompresses to | 256 MB | `--max-pdf-stream-size MB` |
//! | PDF: bytes all streams read decompress to | 1024 MB | `--max-pdf-inflated-size MB` |
//! | PDF: pages | 10,000 | `--max-pdf-pages N` |
//! | PDF: nesting (content-stream arrays, forms, page tree) | 256 | `--max-pdf-depth N` |
//! | PDF: content-stream operators per page | 20,000,000 | `--max-pdf-operators N` |
//! | extracted text (UTF-8) | 20 × the input, at least 64 MB | `--max-text-size MB` |
//! | one .docx part inflated | 12 × the input + 32 MB (the text limit when it is given) | `--max-text-size MB` |
//!
//! Fixed bounds, not adjustable because nothing real comes near them: OLE2 (.doc/.wps) sector
//! chains are checked by the `cfb` crate (a chain that loops or leaves the file is an error); every
//! FIB offset, piece-table length and count is checked against the stream it points into, and the
//! text read through the piece table never exceeds the WordDocument stream's own size. DTDs and
//! external entities are never resolved (quick-xml does not read them; an unknown entity such as
//! `&lol9;` is dropped), so XXE and billion-laughs packages read as their plain text.

use crate::error::{Error, LimitKind};

/// One MB as used by the limits and their messages (2^20 bytes).
pub const MB: u64 = 1024 * 1024;

/// Bounds on what a hostile input may make the parser spend. `Limits::default()` documents the
/// defaults; a limit that is hit is an [`crate::Error::Limit`] naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 200 MB).
    pub max_input_bytes: u64,
    /// Most entries a ZIP container (.docx) may list (default 10,000; Word writes about 20).
    pub max_zip_entries: usize,
    /// Most bytes a ZIP container may inflate to: the declared sizes of all its entries together,
    /// and the bytes actually inflated for the parts read (declared sizes can lie). Default 1024 MB.
    pub max_unpacked_bytes: u64,
    /// Highest compression ratio of an entry that inflates past 1 MB (default 100; XML deflates
    /// about 10:1, a ZIP bomb 1000:1 and more).
    pub max_compression_ratio: u64,
    /// Deepest XML element nesting read in a .docx part (default 1,000; Word writes under 50).
    pub max_xml_depth: usize,
    /// Deepest RTF group nesting (default 1,000; Word writes about 20).
    pub max_rtf_depth: usize,
    /// PDF: most objects in the file (default 2,000,000; a 1,000-page report has about 50,000).
    pub max_pdf_objects: u64,
    /// PDF: most bytes one stream may decompress to (default 256 MB).
    pub max_pdf_stream_bytes: u64,
    /// PDF: most bytes the streams read may decompress to in total (default 1024 MB).
    pub max_pdf_inflated_bytes: u64,
    /// PDF: most pages (default 10,000).
    pub max_pdf_pages: u64,
    /// PDF: deepest nesting of arrays and dictionaries in a content stream, of form XObjects, and
    /// of the page tree (default 256; lopdf itself stops arrays in objects at 100).
    pub max_pdf_depth: usize,
    /// PDF: most content-stream operators run for one page, forms included (default 20,000,000).
    pub max_pdf_operators: u64,
    /// Most bytes of text (UTF-8) one input may give; 0, the default, means 20 times the input's
    /// size and at least 64 MB. What is parsed after reading (items, JSON) grows with the text,
    /// so this ties memory to the input: a small package that inflates to a gigabyte of text is
    /// refused.
    pub max_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * MB,
            max_zip_entries: 10_000,
            max_unpacked_bytes: 1024 * MB,
            max_compression_ratio: 100,
            max_xml_depth: 1_000,
            max_rtf_depth: 1_000,
            max_pdf_objects: 2_000_000,
            max_pdf_stream_bytes: 256 * MB,
            max_pdf_inflated_bytes: 1024 * MB,
            max_pdf_pages: 10_000,
            max_pdf_depth: 256,
            max_pdf_operators: 20_000_000,
            max_text_bytes: 0,
        }
    }
}

impl Limits {
    /// An [`Error::Limit`] when an input of `len` bytes is over `max_input_bytes` (the CLI asks
    /// before it reads a file; every parse asks again).
    pub fn check_input_size(&self, len: u64) -> Result<(), Error> {
        if len <= self.max_input_bytes {
            return Ok(());
        }
        let why = format!("the file is larger than the {} limit (--max-input-size)", size(self.max_input_bytes));
        Err(Error::limit(LimitKind::InputSize, self.max_input_bytes, Some(len), why))
    }
}

impl Limits {
    /// An [`Error::Limit`] when `text_len` bytes of text from an input of `input_len` bytes are
    /// over the text limit.
    pub fn check_text_size(&self, input_len: u64, text_len: u64) -> Result<(), Error> {
        let limit = self.text_limit(input_len);
        if text_len <= limit {
            return Ok(());
        }
        let why = format!(
            "the text is {}, over the {} limit (--max-text-size; by default 20 times the input, at least 64 MB)",
            size(text_len),
            size(limit)
        );
        Err(Error::limit(LimitKind::TextSize, limit, Some(text_len), why))
    }

    /// The most one .docx part may inflate to: `max_text_bytes` when it is set, else 12 times the
    /// input plus 32 MB. A part is held whole while its paragraphs and then the text are built
    /// (about 2.3 times its size at the peak), so this keeps the peak under 30 times the input
    /// plus 100 MB; Word's XML deflates about 5–10:1, so no real document comes near it.
    pub fn part_limit(&self, input_len: u64) -> u64 {
        match self.max_text_bytes {
            0 => input_len.saturating_mul(12).saturating_add(32 * MB),
            n => n,
        }
    }

    /// The text limit for an input of `input_len` bytes.
    pub fn text_limit(&self, input_len: u64) -> u64 {
        match self.max_text_bytes {
            0 => input_len.saturating_mul(20).max(64 * MB),
            n => n,
        }
    }
}

/// A size in bytes as the messages write it: MB from 1 MB up (whole when it is a multiple),
/// else bytes.
pub fn size(bytes: u64) -> String {
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{bytes} bytes")
    }
}
