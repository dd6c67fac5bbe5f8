//! Regular expressions that cost nothing until a text could match them.
//!
//! Compiling the grammar's patterns (site chrome, footers, 以下简称 …) took most of the CPU time of
//! `gongwen parse` on a small file: a bounded repetition such as `.{0,300}` compiles into hundreds
//! of automaton states, and a plan rarely holds chrome at all. A [`Gated`] pattern knows the
//! words one of which every match must contain (found from the pattern itself, so the data files
//! stay plain regular expressions); a haystack without any of them is answered "no match" by one
//! Aho-Corasick scan, and the regex is compiled on its first real chance.

use super::words::CharSet;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::OnceLock;

/// A class of at most this many characters counts as a set of required words.
const SMALL_CLASS: u32 = 16;

/// One pattern behind its required words.
pub(crate) struct Gated<R> {
    /// The first characters of the required words: a haystack without any is answered at the
    /// cost of decoding it, before the automaton (whose byte prefilter cannot help with Chinese:
    /// every ideograph starts with one of a few lead bytes).
    first: CharSet,
    gate: Option<AhoCorasick>,
    build: fn(&[String]) -> R,
    patterns: Vec<String>,
    compiled: OnceLock<R>,
}

impl<R> Gated<R> {
    /// True when a match is possible: the haystack holds a required word (or the patterns have
    /// none, and then every haystack may match).
    pub(crate) fn may_match(&self, hay: &str) -> bool {
        match &self.gate {
            None => true,
            Some(g) => hay.chars().any(|c| self.first.contains(c)) && g.is_match(hay),
        }
    }

    /// The compiled pattern(s), built on first use.
    pub(crate) fn get(&self) -> &R {
        self.compiled.get_or_init(|| (self.build)(&self.patterns))
    }

    /// The compiled pattern when `hay` may match, without compiling it otherwise.
    pub(crate) fn for_text(&self, hay: &str) -> Option<&R> {
        self.may_match(hay).then(|| self.get())
    }

    /// The lines of `hay` (with their byte offsets) that hold a required word, each once, in
    /// order; every line when the pattern has no required words. For patterns that match within
    /// a line, searching these alone is searching the text: a large text with a few such lines
    /// costs one scan for the words instead of a regex search over all of it.
    pub(crate) fn lines_with_words<'h>(&self, hay: &'h str) -> Vec<(usize, &'h str)> {
        let line_at = |at: usize| {
            let start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = hay[at..].find('\n').map_or(hay.len(), |i| at + i);
            (start, &hay[start..end])
        };
        let Some(gate) = &self.gate else {
            return hay
                .split_inclusive('\n')
                .scan(0, |at, l| Some((std::mem::replace(at, *at + l.len()), l)))
                .collect();
        };
        let mut out: Vec<(usize, &str)> = Vec::new();
        for m in gate.find_iter(hay) {
            if out.last().is_none_or(|&(start, line)| m.start() >= start + line.len()) {
                out.push(line_at(m.start()));
            }
        }
        out
    }

    /// True when every pattern has required words, so that the gate can say no.
    #[cfg(test)]
    pub(crate) fn is_gated(&self) -> bool {
        self.gate.is_some()
    }
}

impl Gated<Regex> {
    /// One regular expression; panics on an invalid one (the patterns are the crate's own).
    pub(crate) fn regex(pattern: String) -> Gated<Regex> {
        let build: fn(&[String]) -> Regex = |p| Regex::new(&p[0]).expect("a valid regular expression");
        Gated::with(vec![pattern], build)
    }
}

impl<R> Gated<R> {
    fn with(patterns: Vec<String>, build: fn(&[String]) -> R) -> Gated<R> {
        let words = required_words(&patterns[0]);
        let first = CharSet::new(words.iter().flatten().filter_map(|w| w.chars().next()));
        let gate = words.and_then(|w| word_index(&w, AhoCorasickKind::DFA));
        Gated { first, gate, build, patterns, compiled: OnceLock::new() }
    }
}

/// An Aho-Corasick automaton of the words. A gate runs on every line of every document, so its
/// search must be fast (a DFA for one pattern's few words); a set's hundred words take a
/// contiguous NFA, which builds in a fraction of a DFA's time at start and searches nearly as fast.
fn word_index<S: AsRef<[u8]>>(words: &[S], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder().kind(Some(kind)).build(words).ok()
}

/// Many patterns, each compiled only when a haystack holds one of its own words: one scan of the
/// haystack names the candidates.
pub(crate) struct GatedSet {
    patterns: Vec<String>,
    compiled: Vec<OnceLock<Regex>>,
    words: Option<AhoCorasick>,
    /// The pattern of each word of `words`.
    owner: Vec<usize>,
    /// Patterns without required words: tried on every haystack.
    always: Vec<usize>,
}

impl GatedSet {
    pub(crate) fn new(patterns: Vec<String>) -> GatedSet {
        let (mut all, mut owner, mut always) = (Vec::new(), Vec::new(), Vec::new());
        for (i, p) in patterns.iter().enumerate() {
            match required_words(p) {
                Some(w) => {
                    owner.extend(std::iter::repeat_n(i, w.len()));
                    all.extend(w);
                }
                None => always.push(i),
            }
        }
        let compiled = patterns.iter().map(|_| OnceLock::new()).collect();
        GatedSet { patterns, compiled, words: word_index(&all, AhoCorasickKind::ContiguousNFA), owner, always }
    }

    /// The indices of the patterns that match `hay`, in order.
    pub(crate) fn matches(&self, hay: &str) -> Vec<usize> {
        let mut candidates = self.always.clone();
        if let Some(ac) = &self.words {
            candidates.extend(ac.find_overlapping_iter(hay).map(|m| self.owner[m.pattern().as_usize()]));
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&i| self.regex(i).is_match(hay));
        candidates
    }

    fn regex(&self, i: usize) -> &Regex {
        self.compiled[i].get_or_init(|| Regex::new(&self.patterns[i]).expect("a valid regular expression"))
    }

    /// True when every pattern has required words.
    #[cfg(test)]
    pub(crate) fn is_gated(&self) -> bool {
        self.always.is_empty()
    }
}

/// Words one of which every match of `pattern` contains; None when there are no such words (or
/// the pattern does not parse: then it is never gated, and compiling it reports the error).
pub(crate) fn required_words(pattern: &str) -> Option<Vec<String>> {
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

    #[test]
    fn a_gated_regex_answers_without_compiling() {
        let g = Gated::regex(r"版权所有.{0,300}?ICP".into());
        assert!(g.is_gated());
        assert!(g.for_text("一、总体要求").is_none());
        assert!(g.compiled.get().is_none(), "not compiled for a text without the words");
        assert!(g.for_text("版权所有 XX ICP备").is_some_and(|r| r.is_match("版权所有 XX ICP备")));
        let text = "一、总体\n版权所有 ICP 版权所有\n二、任务\n版权所有";
        let lines = g.lines_with_words(text);
        assert_eq!(lines, vec![(13, "版权所有 ICP 版权所有"), (56, "版权所有")]);
        assert!(lines.iter().all(|&(at, l)| &text[at..at + l.len()] == l));
    }
}
