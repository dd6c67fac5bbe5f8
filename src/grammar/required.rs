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

/// A class of at most this many characters counts as a set of first characters.
const FIRST_CLASS: u32 = 64;

/// The characters every match of `pattern` starts with; None when a match may be empty or start
/// with any of many characters (a large class, `.`). A pattern anchored at the start cannot match
/// a haystack that starts with another character, which one comparison tells (src/grammar/gated.rs).
pub fn first_chars(pattern: &str) -> Option<Vec<char>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let (mut chars, nullable) = first(&hir)?;
    if nullable || chars.is_empty() {
        return None;
    }
    chars.sort_unstable();
    chars.dedup();
    Some(chars)
}

/// The characters a match of `h` may start with, and whether it may match the empty string (a
/// zero-width assertion does; what follows it then starts the match). None: too many characters.
fn first(h: &Hir) -> Option<(Vec<char>, bool)> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((Vec::new(), true)),
        HirKind::Literal(l) => Some((vec![std::str::from_utf8(&l.0).ok()?.chars().next()?], false)),
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            (n <= FIRST_CLASS).then(|| (c.ranges().iter().flat_map(|r| r.start()..=r.end()).collect(), false))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(c) => first(&c.sub),
        HirKind::Repetition(r) => first(&r.sub).map(|(chars, nullable)| (chars, nullable || r.min == 0)),
        HirKind::Concat(subs) => {
            let mut all = Vec::new();
            for s in subs {
                let (chars, nullable) = first(s)?;
                all.extend(chars);
                if !nullable {
                    return Some((all, false));
                }
            }
            Some((all, true))
        }
        HirKind::Alternation(subs) => subs.iter().try_fold((Vec::new(), false), |(mut all, any_empty), s| {
            let (chars, nullable) = first(s)?;
            all.extend(chars);
            Some((all, any_empty || nullable))
        }),
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

    #[test]
    fn first_characters_come_from_the_pattern() {
        assert_eq!(first_chars(r"^(?:分享)$"), Some(vec!['分']));
        assert_eq!(first_chars(r"(您)?(当前|當前)位置"), Some(vec!['当', '您', '當']));
        assert_eq!(first_chars(r"[0-9]+\s*页"), Some(('0'..='9').collect()));
        assert_eq!(first_chars(r"【?\s*字"), first_chars(r"[【\s字]"), "optional parts let the next one start");
        // Too many characters, or a match that may be empty: none.
        assert_eq!(first_chars(r".{0,6}配套讲稿"), None);
        assert_eq!(first_chars(r"\S+"), None);
        assert_eq!(first_chars(r"(分享)?"), None);
        assert_eq!(first_chars(r"\|[\s|]*"), Some(vec!['|']));
    }
}
