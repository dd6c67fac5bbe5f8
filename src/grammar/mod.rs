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

/// The marks of an item's text for the scanners that read it whole (its year, dates and
/// targets): one pass over the text instead of one a scanner (see [`words::Marks`]).
pub fn item_marks(text: &str) -> words::Marks<'_> {
    words::Marks::new(text, dates::stops().union(targets::stops()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn item_marks_cover_their_scanners() {
        let marks = super::item_marks("");
        assert!(marks.cover(&super::dates::stops()) && marks.cover(&super::targets::stops()));
    }
}

/// A value found in a text, with the byte range `[start, end)` of the phrase it came from,
/// relative to the string that was scanned.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}
