//! The one word index of the grammar. Scanners try their word lists at nearly every character of
//! a text, and nearly every character starts no word: a [`CharBloom`] rules most characters out
//! with one bit test, a [`CharSet`] decides membership exactly, and a [`WordIndex`] hands a place
//! only the words that can start (or end) there. Every field is a sorted table of plain values, so
//! an index could as well be written out at compile time as built at start-up.

/// A 1024-bit Bloom filter of characters (bit `c mod 1024`): one test rules out almost every
/// character not in the set; members and the rare collision go on to an exact test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharBloom([u64; 16]);

impl CharBloom {
    pub const EMPTY: CharBloom = CharBloom([0; 16]);

    /// The filter with `c` added (const, so fixed sets are built at compile time).
    pub const fn with(mut self, c: char) -> CharBloom {
        let h = c as usize % 1024;
        self.0[h / 64] |= 1 << (h % 64);
        self
    }

    /// The filter with every character of `chars` added.
    pub const fn with_all(mut self, chars: &[char]) -> CharBloom {
        let mut k = 0;
        while k < chars.len() {
            self = self.with(chars[k]);
            k += 1;
        }
        self
    }

    /// False when `c` is certainly not in the set.
    #[inline]
    pub const fn may_hold(&self, c: char) -> bool {
        let h = c as usize % 1024;
        self.0[h / 64] & (1 << (h % 64)) != 0
    }
}

/// A set of characters tested at every character of a text: the Bloom filter first, then a binary
/// search of the sorted characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSet {
    bloom: CharBloom,
    chars: Vec<char>,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet { bloom: CharBloom::EMPTY, chars: Vec::new() }
    }
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut chars: Vec<char> = chars.into_iter().collect();
        chars.sort_unstable();
        chars.dedup();
        let bloom = chars.iter().fold(CharBloom::EMPTY, |b, &c| b.with(c));
        CharSet { bloom, chars }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        self.may_hold(c) && self.chars.binary_search(&c).is_ok()
    }

    /// The Bloom test alone: false when `c` is certainly not in the set.
    #[inline]
    pub fn may_hold(&self, c: char) -> bool {
        self.bloom.may_hold(c)
    }

    /// The filter, to combine with others.
    pub fn bloom(&self) -> CharBloom {
        self.bloom
    }
}

/// A word list, each word with a payload, grouped by its first and by its last character. Within
/// a group the words keep the order they were given in (give them longest first for longest
/// match), so the first word of a group that matches is the first in the whole list.
#[derive(Debug, Clone)]
pub struct WordIndex<T> {
    firsts: CharSet,
    lasts: CharSet,
    by_first: Groups<T>,
    by_last: Groups<T>,
}

/// Words grouped by a character of theirs: one table sorted by the character (stable, so a
/// group keeps the given order) and where each group starts. Two allocations, not one a group:
/// the indexes are built at start-up, and a small parse's start-up is what they cost.
#[derive(Debug, Clone)]
struct Groups<T> {
    words: Vec<(&'static str, T)>,
    /// (character, index of its first word in `words`), sorted by character.
    starts: Vec<(char, usize)>,
}

impl<T: Copy> WordIndex<T> {
    /// The words in the order given (empty words are dropped: they would match everywhere).
    pub fn new(words: impl IntoIterator<Item = (&'static str, T)>) -> WordIndex<T> {
        let words: Vec<(&'static str, T)> = words.into_iter().filter(|(w, _)| !w.is_empty()).collect();
        let by_first = group(&words, |w| w.chars().next());
        let by_last = group(&words, |w| w.chars().next_back());
        WordIndex {
            firsts: CharSet::new(by_first.starts.iter().map(|g| g.0)),
            lasts: CharSet::new(by_last.starts.iter().map(|g| g.0)),
            by_first,
            by_last,
        }
    }

    /// The words longest first (stable among words of one length), for longest match.
    pub fn longest_first(words: impl IntoIterator<Item = (&'static str, T)>) -> WordIndex<T> {
        let mut words: Vec<(&'static str, T)> = words.into_iter().collect();
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        WordIndex::new(words)
    }

    /// False when no word can start with `c` (one Bloom test).
    #[inline]
    pub fn may_start(&self, c: char) -> bool {
        self.firsts.may_hold(c)
    }

    /// True when some word starts with `c`.
    #[inline]
    pub fn starts(&self, c: char) -> bool {
        self.firsts.contains(c)
    }

    /// True when some word ends with `c`.
    #[inline]
    pub fn ends(&self, c: char) -> bool {
        self.lasts.contains(c)
    }

    /// The first characters of the words, as a set.
    pub fn first_chars(&self) -> &CharSet {
        &self.firsts
    }

    /// The words that start with `c`, in order.
    #[inline]
    pub fn starting_with(&self, c: char) -> &[(&'static str, T)] {
        lookup(&self.by_first, &self.firsts, c)
    }

    /// The words that end with `c`, in order.
    #[inline]
    pub fn ending_with(&self, c: char) -> &[(&'static str, T)] {
        lookup(&self.by_last, &self.lasts, c)
    }

    /// The words that may start `s`, in order.
    #[inline]
    pub fn at(&self, s: &str) -> &[(&'static str, T)] {
        s.chars().next().map_or(&[], |c| self.starting_with(c))
    }

    /// The first word (in order) that `s` starts with.
    #[inline]
    pub fn prefix_of(&self, s: &str) -> Option<(&'static str, T)> {
        self.at(s).iter().find(|(w, _)| s.starts_with(w)).copied()
    }

    /// The first word (in order) that `s` ends with.
    #[inline]
    pub fn suffix_of(&self, s: &str) -> Option<(&'static str, T)> {
        let last = s.chars().next_back()?;
        self.ending_with(last).iter().find(|(w, _)| s.ends_with(w)).copied()
    }
}

impl WordIndex<()> {
    /// A plain list (no payload), longest first.
    pub fn plain(words: &[&'static str]) -> WordIndex<()> {
        WordIndex::longest_first(words.iter().map(|w| (*w, ())))
    }
}

fn group<T: Copy>(words: &[(&'static str, T)], key: impl Fn(&str) -> Option<char>) -> Groups<T> {
    let mut keyed: Vec<(char, &'static str, T)> = words.iter().filter_map(|&(w, t)| Some((key(w)?, w, t))).collect();
    // Stable: the words of a group keep their order.
    keyed.sort_by_key(|k| k.0);
    let mut starts: Vec<(char, usize)> = Vec::new();
    for (i, k) in keyed.iter().enumerate() {
        if starts.last().is_none_or(|s| s.0 != k.0) {
            starts.push((k.0, i));
        }
    }
    Groups { words: keyed.into_iter().map(|(_, w, t)| (w, t)).collect(), starts }
}

#[inline]
fn lookup<'a, T>(groups: &'a Groups<T>, set: &CharSet, c: char) -> &'a [(&'static str, T)] {
    if !set.may_hold(c) {
        return &[];
    }
    match groups.starts.binary_search_by_key(&c, |s| s.0) {
        Ok(k) => {
            let end = groups.starts.get(k + 1).map_or(groups.words.len(), |s| s.1);
            &groups.words[groups.starts[k].1..end]
        }
        Err(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_sets_hold_exactly_their_members() {
        let s = CharSet::new("年今本".chars());
        assert!(s.contains('年') && s.contains('本'));
        assert!(!s.contains('明') && !s.contains('a'));
        assert!(!CharSet::default().contains('年'));
        const B: CharBloom = CharBloom::EMPTY.with_all(&['（', '《']);
        assert!(B.may_hold('（') && B.may_hold('《'));
    }

    #[test]
    fn words_match_in_the_given_order() {
        let ix = WordIndex::longest_first([("以上", 1), ("以", 2), ("不低于", 3)]);
        assert_eq!(ix.prefix_of("以上的"), Some(("以上", 1)));
        assert_eq!(ix.prefix_of("以内"), Some(("以", 2)));
        assert_eq!(ix.prefix_of("不少于"), None);
        assert!(ix.may_start('不') && ix.starts('以') && !ix.starts('上'));
        assert!(ix.ends('上') && ix.ends('于') && !ix.ends('不'));
        assert_eq!(ix.suffix_of("满意度不低于"), Some(("不低于", 3)));
        assert_eq!(ix.suffix_of(""), None);
        let plain = WordIndex::new([("甲乙", 'a'), ("甲", 'b')]);
        assert_eq!(plain.at("甲乙丙"), &[("甲乙", 'a'), ("甲", 'b')]);
    }

    #[test]
    fn empty_words_are_dropped() {
        let ix = WordIndex::new([("", 0), ("局", 1)]);
        assert_eq!(ix.prefix_of("x"), None);
        assert_eq!(ix.suffix_of("公安局"), Some(("局", 1)));
    }
}
