//! The words one of which every match of a regular expression contains, read from the pattern
//! itself: a text without any of them cannot match, so the pattern need not even be compiled
//! for it (src/grammar/gated.rs). build.rs runs this on grammar/'s pattern lists (it includes
//! this file), so that no pattern is parsed when the program starts.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A class of at most this many characters counts as a set of required words.
const SMALL_CLASS: u32 = 16;

/// Words one of which every match of `pattern` contains; None when there are no such words (or
/// the pattern does not parse: then it is never gated, and compiling it reports the error).
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    required(&hir).filter(|w| !w.is_empty() && w.iter().all(|s| !s.is_empty()))
}

fn required(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Literal(l) => Some(vec![String::from_utf8(l.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            (n <= SMALL_CLASS).then(|| c.ranges().iter().flat_map(|r| r.start()..=r.end()).map(String::from).collect())
        }
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Concat(subs) => subs.iter().filter_map(required).max_by_key(|w| selectivity(w)),
        HirKind::Alternation(subs) => subs.iter().map(required).try_fold(Vec::new(), |mut all, w| {
            all.extend(w?);
            Some(all)
        }),
        _ => None,
    }
}

/// Which of several required word sets rejects more: longer shortest word, then fewer words.
fn selectivity(words: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = words.iter().map(|w| w.chars().count()).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(words.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &str) -> Option<Vec<String>> {
        required_words(p).map(|mut w| {
            w.sort();
            w
        })
    }

    #[test]
    fn required_words_come_from_the_pattern() {
        assert_eq!(words(r"\d{1,4}\+"), Some(vec!["+".to_string()]));
        assert_eq!(words(r"^(?:.{0,20}(浏览量|阅读量)\s*[:：])$"), Some(vec!["浏览量".into(), "阅读量".into()]));
        assert_eq!(words(r"\d+\s*[KMG]B"), Some(vec!["B".into()]), "one word rejects as well as three");
        // An optional part is not required; a large class is no word.
        assert_eq!(words(r"(您)?\p{Han}+"), None);
        assert_eq!(words(r"(分享|\s)+"), None);
    }
}
