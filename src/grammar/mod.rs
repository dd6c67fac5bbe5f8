//! Grammar: one scanner per phrase family, each a pure function from `&str` to typed values with
//! the byte range they consumed. Word lists live in `grammar/*.txt` (see [`data`]).

pub mod data;
pub mod dates;
pub mod gated;
pub mod glossary;
pub mod numerals;
pub mod pattern;
#[cfg(test)]
pub(crate) mod required;
pub mod responsibility;
pub mod targets;
pub mod unit_keys;
// Used by build.rs too; the crate itself calls only `pair` outside its tests.
#[cfg_attr(not(test), allow(dead_code))]
mod variants;
pub mod words;

/// A value found in a text, with the byte range `[start, end)` of the phrase it came from,
/// relative to the string that was scanned.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}
