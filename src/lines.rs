//! Line splitting for the stages that walk a whole text line by line. The same pieces as `str`'s
//! `split('\n')` and `split_inclusive('\n')`, the breaks found by memchr's vectorized byte search
//! (a line break is one byte in UTF-8, never part of another character): `str`'s own search
//! for a `char` showed in profiles at some 80 instructions a line of Chinese text.

/// The pieces of `s` between line breaks, as `s.split('\n')` gives them (an empty last piece
/// after a final break included).
pub fn split(s: &str) -> impl Iterator<Item = &str> + '_ {
    let mut breaks = memchr::memchr_iter(b'\n', s.as_bytes());
    let mut at = Some(0);
    std::iter::from_fn(move || {
        let start = at?;
        match breaks.next() {
            Some(i) => {
                at = Some(i + 1);
                Some(&s[start..i])
            }
            None => {
                at = None;
                Some(&s[start..])
            }
        }
    })
}

/// The lines of `s` with their breaks, as `s.split_inclusive('\n')` gives them (no empty last
/// piece).
pub fn split_inclusive(s: &str) -> impl Iterator<Item = &str> + '_ {
    let mut breaks = memchr::memchr_iter(b'\n', s.as_bytes());
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at;
        if start >= s.len() {
            return None;
        }
        match breaks.next() {
            Some(i) => {
                at = i + 1;
                Some(&s[start..at])
            }
            None => {
                at = s.len();
                Some(&s[start..])
            }
        }
    })
}

/// The end of the line that holds byte `from`: the offset of the next line break at or after it,
/// or the text's length.
pub fn line_end(s: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &s.as_bytes()[from..]).map_or(s.len(), |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_pieces_as_str() {
        for s in ["", "\n", "\n\n", "甲", "甲\n", "甲\n乙", "\n甲\r\n乙\n\n丙\n", "a\nb\n"] {
            assert_eq!(split(s).collect::<Vec<_>>(), s.split('\n').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(split_inclusive(s).collect::<Vec<_>>(), s.split_inclusive('\n').collect::<Vec<_>>(), "{s:?}");
            for from in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                assert_eq!(line_end(s, from), s[from..].find('\n').map_or(s.len(), |i| from + i));
            }
        }
    }
}
