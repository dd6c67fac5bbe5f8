//! Errors: only input that cannot be read at all is an error; everything else is a warning in the
//! document.

use std::fmt;

/// Why an input could not be parsed. The CLI prints `Display` after the file name and exits 1.
#[derive(Debug)]
pub enum Error {
    /// The file could not be read (missing, a directory, no permission…).
    Io(std::io::Error),
    /// The bytes are not a document we read: empty, binary, or an unknown encoding name.
    NotADocument(String),
    /// `--encoding` named an encoding that does not exist.
    UnknownEncoding(String),
    /// The input is refused by one of the [`crate::Limits`]: too large, a ZIP bomb, nested too
    /// deeply. The message names the limit and the CLI flag that moves it.
    Limit(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "cannot read the file: {e}"),
            Error::NotADocument(why) => write!(f, "not a document: {why}"),
            Error::UnknownEncoding(name) => write!(f, "unknown encoding name {name:?}"),
            Error::Limit(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
