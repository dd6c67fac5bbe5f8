//! A regular expression compiled by the engine that suits the haystack. The `regex` crate
//! searches fast but compiles slowly: a pattern with bounded repetitions of Chinese classes
//! (`[\p{Han}…]{0,7}`) takes 0.1–0.4 ms to build, and the head and cleaning patterns were most
//! of the CPU time of `gongwen parse` on a small file (issue 14). `regex-lite` (the same
//! authors', for fast compiles) builds them ten times faster and searches slower, which costs
//! little while the haystacks are few and short: a small document's head and lines. So a
//! [`Pattern`] searches its first [`lite_limit`] bytes of haystack with regex-lite and the rest
//! with `regex`, each engine compiled on first use.
//! Both compile the same rewrite of the pattern (see [`syntax`]), so they find the same matches.
//!
//! The crate's own patterns write digits as `[0-9０-９]` (half- and full-width, the digits Chinese
//! texts use), not `\d`: Unicode's `\d` holds every script's digits, which no caller can parse,
//! and spelt out for regex-lite it made a pattern ten times longer to read.

mod syntax;

pub(crate) use syntax::lite_syntax;

use std::ops::Index;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// How many bytes of haystack a pattern searches with regex-lite before it turns to `regex`.
/// regex-lite's Pike VM costs about as much per byte as the patterns' states, and `regex`'s
/// compile about as much per state as a few kilobytes of that: so the head of a small document
/// never pays for a `regex` compile, and a large document pays it once and searches fast.
const LITE_BUDGET: usize = 16 * 1024;

static BUDGET: AtomicUsize = AtomicUsize::new(LITE_BUDGET);

/// The bytes of haystack each pattern searches with regex-lite.
pub fn lite_limit() -> usize {
    BUDGET.load(Ordering::Relaxed)
}

/// Sets [`lite_limit`] for the patterns' later searches (tests compare the engines by sending
/// every search to one of them: `usize::MAX` for regex-lite, 0 for `regex`).
pub fn set_lite_limit(bytes: usize) {
    BUDGET.store(bytes, Ordering::Relaxed);
}

/// One regular expression, compiled by each engine only when a haystack first needs it.
pub(crate) struct Pattern {
    written: String,
    /// What both engines compile: the regex-lite rewrite, or the pattern as written when there
    /// is none (then only `regex` runs it, `false`). Made on first use, as the engines are.
    source: OnceLock<(String, bool)>,
    /// Bytes searched with regex-lite so far.
    spent: AtomicUsize,
    lite: OnceLock<regex_lite::Regex>,
    full: OnceLock<regex::Regex>,
}

/// Where a match or group is in the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }
    pub(crate) fn end(&self) -> usize {
        self.end
    }
    pub(crate) fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The groups of one match (0 is the whole match).
#[derive(Debug, Clone)]
pub(crate) struct Captures<'h> {
    hay: &'h str,
    spans: Vec<Option<(usize, usize)>>,
}

impl<'h> Captures<'h> {
    pub(crate) fn get(&self, i: usize) -> Option<Match<'h>> {
        let (start, end) = (*self.spans.get(i)?)?;
        Some(Match { hay: self.hay, start, end })
    }
}

impl Index<usize> for Captures<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i).map(|m| m.as_str()).unwrap_or_else(|| panic!("no group {i}"))
    }
}

type Iter<'h, T> = Box<dyn Iterator<Item = T> + 'h>;

impl Pattern {
    /// The pattern, compiled later; panics on first use if it is invalid (the patterns are the
    /// crate's own and grammar/'s, which tests compile).
    pub(crate) fn new(pattern: &str) -> Pattern {
        Pattern {
            written: pattern.to_string(),
            source: OnceLock::new(),
            spent: AtomicUsize::new(0),
            lite: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    fn source(&self) -> (&str, bool) {
        let (s, lite) = self.source.get_or_init(|| match lite_syntax(&self.written) {
            Some(s) => (s, true),
            None => (self.written.clone(), false),
        });
        (s, *lite)
    }

    /// regex-lite for `hay` while the pattern's budget lasts (threads of a batch may each spend
    /// a little past it: only speed depends on it).
    /// The pattern as written (for tests that check it with [`verify`]).
    #[cfg(test)]
    pub(crate) fn written(&self) -> &str {
        &self.written
    }

    fn lite_for(&self, hay: &str) -> Option<&regex_lite::Regex> {
        if self.spent.load(Ordering::Relaxed).saturating_add(hay.len()) > lite_limit() {
            return None;
        }
        self.spent.fetch_add(hay.len(), Ordering::Relaxed);
        let (source, lite) = self.source();
        lite.then(|| self.lite.get_or_init(|| regex_lite::Regex::new(source).expect("a valid regular expression")))
    }

    fn full(&self) -> &regex::Regex {
        self.full.get_or_init(|| regex::Regex::new(self.source().0).expect("a valid regular expression"))
    }

    pub(crate) fn is_match(&self, hay: &str) -> bool {
        match self.lite_for(hay) {
            Some(r) => r.is_match(hay),
            None => self.full().is_match(hay),
        }
    }

    pub(crate) fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        let span = match self.lite_for(hay) {
            Some(r) => r.find(hay).map(|m| (m.start(), m.end())),
            None => self.full().find(hay).map(|m| (m.start(), m.end())),
        };
        span.map(|(start, end)| Match { hay, start, end })
    }

    pub(crate) fn find_iter<'s, 'h: 's>(&'s self, hay: &'h str) -> Iter<'s, Match<'h>> {
        let at = move |(start, end)| Match { hay, start, end };
        match self.lite_for(hay) {
            Some(r) => Box::new(r.find_iter(hay).map(move |m| at((m.start(), m.end())))),
            None => Box::new(self.full().find_iter(hay).map(move |m| at((m.start(), m.end())))),
        }
    }

    pub(crate) fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(hay, 0)
    }

    /// The first match at or after `start`, seeing the haystack before it for `^` and the like.
    pub(crate) fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        let spans = match self.lite_for(hay) {
            Some(r) => spans(r.captures_at(hay, start)?.iter().map(|g| g.map(|m| (m.start(), m.end())))),
            None => spans(self.full().captures_at(hay, start)?.iter().map(|g| g.map(|m| (m.start(), m.end())))),
        };
        Some(Captures { hay, spans })
    }

    pub(crate) fn captures_iter<'s, 'h: 's>(&'s self, hay: &'h str) -> Iter<'s, Captures<'h>> {
        let caps = move |spans| Captures { hay, spans };
        match self.lite_for(hay) {
            Some(r) => Box::new(
                r.captures_iter(hay).map(move |c| caps(spans(c.iter().map(|g| g.map(|m| (m.start(), m.end())))))),
            ),
            None => Box::new(
                self.full()
                    .captures_iter(hay)
                    .map(move |c| caps(spans(c.iter().map(|g| g.map(|m| (m.start(), m.end())))))),
            ),
        }
    }
}

/// Checks a pattern as tests must: both engines compile it, and regex-syntax reads its rewrite
/// as the expression written (the reason their matches agree). Returns what is wrong.
#[cfg(test)]
pub(crate) fn verify(pattern: &str) -> Result<(), String> {
    let written = regex_syntax::parse(pattern).map_err(|e| format!("{pattern}: {e}"))?;
    let Some(lite) = lite_syntax(pattern) else {
        return regex::Regex::new(pattern).map(|_| ()).map_err(|e| e.to_string());
    };
    let rewritten = regex_syntax::parse(&lite).map_err(|e| format!("{lite}: {e}"))?;
    if written != rewritten {
        return Err(format!("{pattern}: the rewrite {lite} means something else"));
    }
    regex_lite::Regex::new(&lite).map_err(|e| format!("{lite}: {e}"))?;
    regex::Regex::new(&lite).map(|_| ()).map_err(|e| format!("{lite}: {e}"))
}

fn spans(groups: impl Iterator<Item = Option<(usize, usize)>>) -> Vec<Option<(usize, usize)>> {
    groups.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_find_the_same() {
        let p = Pattern::new(r"(?:^|\s)(\d{1,2})\s*[.．、]");
        let hay = "一、总体要求 1. 提高\u{3000}12、加强 ２．完成";
        let long = hay.repeat(300);
        for h in [hay, long.as_str()] {
            let lite: Vec<(usize, usize)> = p.find_iter(h).map(|m| (m.start(), m.end())).collect();
            let full: Vec<(usize, usize)> = p.full().find_iter(h).map(|m| (m.start(), m.end())).collect();
            assert_eq!(lite, full);
            assert_eq!(p.captures_iter(h).map(|c| c[1].to_string()).collect::<Vec<_>>().len(), lite.len());
        }
        assert_eq!(&p.captures(hay).unwrap()[1], "1");
        assert!(p.lite.get().is_some(), "the short haystack went to regex-lite");
    }
}
