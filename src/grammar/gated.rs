//! Regular expressions that cost nothing until a text could match them.
//!
//! Compiling the grammar's patterns (site chrome, footers, 以下简称 …) took most of the CPU time of
//! `gongwen parse` on a small file: a bounded repetition such as `.{0,300}` compiles into hundreds
//! of automaton states, and a plan rarely holds chrome at all. A [`Gated`] pattern knows the
//! words one of which every match must contain (src/grammar/required.rs finds them in the
//! pattern; build.rs does so for grammar/'s lists, so the data files stay plain regular
//! expressions); a haystack without any of them is answered "no match" by one scan for the
//! words, and the pattern is compiled on its first real chance.

use super::pattern::Pattern;
use super::words::WordIndex;

/// One pattern behind its required words.
pub(crate) struct Gated {
    /// The required words (None: the pattern has none), each searched in a whole text with
    /// memchr's vectorized substring search: nothing to build but one small searcher a word (an
    /// Aho-Corasick automaton cost more to build than a small parse's search).
    words: Option<Vec<&'static str>>,
    pattern: Pattern,
}

impl Gated {
    /// `pattern` behind `words` (None: no required words, every haystack may match). The words
    /// must be required words of the pattern: tests check them with `required::required_words`.
    pub(crate) fn new(pattern: &str, words: Option<&[&'static str]>) -> Gated {
        let words = words.map(|w| w.iter().copied().filter(|w| !w.is_empty()).collect());
        Gated { words, pattern: Pattern::new(pattern) }
    }

    /// The pattern (compiled on its first search).
    pub(crate) fn get(&self) -> &Pattern {
        &self.pattern
    }

    /// The lines of `hay` (with their byte offsets) that hold a required word, each once, in
    /// order; every line when the pattern has no required words. For patterns that match within
    /// a line, searching these alone is searching the text: a large text with a few such lines
    /// costs one search for the words instead of a regex search over all of it.
    pub(crate) fn lines_with_words<'h>(&self, hay: &'h str) -> Vec<(usize, &'h str)> {
        let line_at = |at: usize| {
            let start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = crate::lines::line_end(hay, at);
            (start, &hay[start..end])
        };
        let Some(words) = &self.words else {
            return crate::lines::split_inclusive(hay)
                .scan(0, |at, l| Some((std::mem::replace(at, *at + l.len()), l)))
                .collect();
        };
        // Each word's matches in order, merged: the earliest match names a line, and every
        // match before that line's end is passed over (a word holds no line break, so the first
        // match of each word in a line is among those found).
        let mut finds: Vec<_> = words.iter().map(|w| memchr::memmem::find_iter(hay.as_bytes(), w)).collect();
        let mut next: Vec<Option<usize>> = finds.iter_mut().map(Iterator::next).collect();
        let mut out: Vec<(usize, &str)> = Vec::new();
        while let Some(at) = next.iter().flatten().min().copied() {
            let (start, line) = line_at(at);
            out.push((start, line));
            let end = start + line.len();
            for (f, n) in finds.iter_mut().zip(next.iter_mut()) {
                while n.is_some_and(|p| p < end) {
                    *n = f.next();
                }
            }
        }
        out
    }
}

/// Many patterns, each compiled only when a haystack holds one of its own words: one scan of the
/// haystack names the candidates. For short haystacks (a line): the words are found by a
/// [`WordIndex`], which costs next to nothing to build.
pub(crate) struct GatedSet {
    patterns: Vec<Pattern>,
    /// Each required word with its pattern.
    words: WordIndex<usize>,
    /// Patterns without required words: tried on every haystack.
    always: Vec<usize>,
    /// For patterns anchored at the haystack's start: the characters every match starts with
    /// (None: not known). A haystack that starts otherwise is answered without a search.
    firsts: Vec<Option<&'static [char]>>,
}

impl GatedSet {
    /// The patterns, each behind its required words (None: tried on every haystack) and, for a
    /// pattern anchored at the start, its first characters (see `required::first_chars`).
    pub(crate) fn new(
        patterns: &[String],
        words: &[Option<&'static [&'static str]>],
        firsts: &[Option<&'static [char]>],
    ) -> GatedSet {
        let always = (0..patterns.len()).filter(|&i| words.get(i).is_none_or(|w| w.is_none())).collect();
        let owned = words.iter().enumerate().flat_map(|(i, w)| w.iter().flat_map(|w| w.iter()).map(move |w| (*w, i)));
        let firsts = (0..patterns.len()).map(|i| firsts.get(i).copied().flatten()).collect();
        GatedSet {
            patterns: patterns.iter().map(|p| Pattern::new(p)).collect(),
            words: WordIndex::new(owned),
            always,
            firsts,
        }
    }

    /// The indices of the patterns that match `hay`, in order.
    pub(crate) fn matches(&self, hay: &str) -> Vec<usize> {
        let mut candidates = self.always.clone();
        let firsts = self.words.first_chars().bloom();
        for (at, c) in firsts.hits(hay) {
            let rest = &hay[at..];
            candidates.extend(self.words.starting_with(c).iter().filter(|(w, _)| rest.starts_with(w)).map(|p| p.1));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let first = hay.chars().next();
        let may_start = |i: usize| self.firsts[i].is_none_or(|f| first.is_some_and(|c| f.contains(&c)));
        candidates.retain(|&i| may_start(i) && self.patterns[i].is_match(hay));
        candidates
    }

    /// True when every pattern has required words.
    #[cfg(test)]
    pub(crate) fn is_gated(&self) -> bool {
        self.always.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gated_pattern_answers_without_compiling() {
        let g = Gated::new(r"版权所有.{0,300}?ICP", Some(&["版权所有", "ICP"]));
        assert!(g.lines_with_words("一、总体要求").is_empty());
        assert!(g.get().is_match("版权所有 XX ICP备"));
        let text = "一、总体\n版权所有 ICP 版权所有\n二、任务\n版权所有";
        let lines = g.lines_with_words(text);
        assert_eq!(lines, vec![(13, "版权所有 ICP 版权所有"), (56, "版权所有")]);
        assert!(lines.iter().all(|&(at, l)| &text[at..at + l.len()] == l));
    }

    #[test]
    fn a_set_tries_only_the_patterns_whose_words_it_sees() {
        let set = GatedSet::new(
            &["^打印本页$".to_string(), "^.*浏览次数.*$".to_string(), "^x+$".to_string()],
            &[Some(&["打印本页"]), Some(&["浏览次数"]), None],
            &[Some(&['打']), None, None],
        );
        assert_eq!(set.matches("打印本页"), vec![0]);
        assert_eq!(set.matches("浏览次数：3"), vec![1]);
        assert_eq!(set.matches("xx"), vec![2]);
        assert!(!set.is_gated());
    }
}
