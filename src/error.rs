//! Errors: only input that cannot be read at all is an error; everything else is a warning in the
//! document. Each variant carries what a caller needs to act on it (the format, the limit and the
//! value that crossed it), so the CLI's exit codes, `batch`'s statuses and the HTTP statuses are a
//! plain `match` on the variant, never a search in the message. docs/errors.md is the table of
//! every variant with its message, exit code, batch status and HTTP status.

use crate::model::Format;
use std::fmt;

/// Why an input could not be parsed. The CLI prints `Display` after the file name and exits 1.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read (missing, a directory, no permission…).
    Io(std::io::Error),
    /// The bytes are not a document at all: empty, binary data, an MHT message without a page.
    NotADocument { why: String },
    /// A file of a kind gongwen recognises but does not read as a plan: an Excel workbook, a
    /// PowerPoint file, a ZIP or OLE2 file without a Word document, a Word 2 fast save.
    Unsupported { format: Format, why: String },
    /// Password-protected (加密): the text cannot be read without the password.
    Encrypted { format: Format },
    /// The container or markup is broken beyond use (the readers recover what they can and warn
    /// `damaged` instead whenever any text survives).
    Damaged { format: Format, why: String },
    /// A readable document with no text in it (an RTF or HTML page without text).
    NoText { format: Format, why: String },
    /// The input is refused by one of the [`crate::Limits`]: `kind` names the limit, `limit` its
    /// value, `actual` what the input needed when it is known; `why` says it in words, with the
    /// CLI flag that moves the limit.
    Limit { kind: LimitKind, limit: u64, actual: Option<u64>, why: String },
    /// An encoding label (`--encoding`) that does not exist.
    UnknownEncoding { name: String },
}

/// Which of the [`crate::Limits`] an input crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitKind {
    /// `max_input_bytes` (`--max-input-size`).
    InputSize,
    /// `max_zip_entries` (`--max-zip-entries`).
    ZipEntries,
    /// `max_unpacked_bytes` (`--max-unpacked-size`), declared or inflated.
    UnpackedSize,
    /// `max_compression_ratio` (`--max-compression-ratio`).
    CompressionRatio,
    /// `max_rtf_depth` (`--max-rtf-depth`).
    RtfDepth,
    /// `max_pdf_objects` (`--max-pdf-objects`).
    PdfObjects,
    /// `max_pdf_stream_bytes` (`--max-pdf-stream-size`).
    PdfStreamSize,
    /// `max_pdf_inflated_bytes` (`--max-pdf-inflated-size`).
    PdfInflatedSize,
    /// `max_pdf_pages` (`--max-pdf-pages`).
    PdfPages,
    /// `max_pdf_depth` (`--max-pdf-depth`).
    PdfDepth,
    /// `max_pdf_operators` (`--max-pdf-operators`).
    PdfOperators,
    /// `max_text_bytes` (`--max-text-size`).
    TextSize,
}

impl LimitKind {
    /// The CLI flag that moves this limit.
    pub fn flag(self) -> &'static str {
        match self {
            LimitKind::InputSize => "--max-input-size",
            LimitKind::ZipEntries => "--max-zip-entries",
            LimitKind::UnpackedSize => "--max-unpacked-size",
            LimitKind::CompressionRatio => "--max-compression-ratio",
            LimitKind::RtfDepth => "--max-rtf-depth",
            LimitKind::PdfObjects => "--max-pdf-objects",
            LimitKind::PdfStreamSize => "--max-pdf-stream-size",
            LimitKind::PdfInflatedSize => "--max-pdf-inflated-size",
            LimitKind::PdfPages => "--max-pdf-pages",
            LimitKind::PdfDepth => "--max-pdf-depth",
            LimitKind::PdfOperators => "--max-pdf-operators",
            LimitKind::TextSize => "--max-text-size",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "cannot read the file: {e}"),
            Error::NotADocument { why } | Error::Unsupported { why, .. } | Error::NoText { why, .. } => {
                write!(f, "not a document: {why}")
            }
            Error::Encrypted { .. } => write!(f, "not a document: the document is encrypted (password-protected)"),
            Error::Damaged { format, why } => write!(f, "not a document: damaged .{}: {why}", format.name()),
            Error::Limit { why, .. } => write!(f, "{why}"),
            Error::UnknownEncoding { name } => write!(f, "unknown encoding name {name:?}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl Error {
    /// A [`Error::NotADocument`] with this reason.
    pub(crate) fn not_a_document(why: impl Into<String>) -> Error {
        Error::NotADocument { why: why.into() }
    }

    /// A [`Error::Limit`] of this kind.
    pub(crate) fn limit(kind: LimitKind, limit: u64, actual: Option<u64>, why: String) -> Error {
        Error::Limit { kind, limit, actual, why }
    }
}
