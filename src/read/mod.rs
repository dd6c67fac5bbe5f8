//! Format readers: bytes in, the decoded source text out. Every reader ends in the same thing —
//! a text whose lines are the document's paragraphs — so the parser never sees bytes or formats.

pub mod text;

/// What a reader produced.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The decoded text, one paragraph a line. Every span in the output is a byte offset into it.
    pub text: String,
    /// The format that was read ("txt", …).
    pub format: &'static str,
    /// The character encoding that was used.
    pub encoding: String,
    /// True when the encoding was inferred from the bytes rather than marked (BOM) or given.
    pub encoding_guessed: bool,
    /// True when some bytes were not valid in that encoding and were replaced.
    pub had_errors: bool,
}
