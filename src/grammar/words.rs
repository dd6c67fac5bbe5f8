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

    /// True when every character `other` may hold, this filter may hold too.
    pub fn covers(&self, other: &CharBloom) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| b & !a == 0)
    }

    /// The filter of both sets.
    pub const fn union(mut self, other: CharBloom) -> CharBloom {
        let mut k = 0;
        while k < 16 {
            self.0[k] |= other.0[k];
            k += 1;
        }
        self
    }

    /// The characters of `s` the filter may hold, with their byte offsets, in order: what a
    /// scanner that passes every other character over needs to see. Read by bytes: a character's
    /// bit (its low ten bits) is in its last two bytes, so only the characters that pass are
    /// decoded.
    #[inline]
    pub fn hits<'a>(&'a self, s: &'a str) -> Hits<'a> {
        Hits { bits: &self.0, s, at: 0 }
    }
}

/// The iterator of [`CharBloom::hits`].
pub struct Hits<'a> {
    bits: &'a [u64; 16],
    s: &'a str,
    at: usize,
}

impl Iterator for Hits<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let b = self.s.as_bytes();
        let mut i = self.at;
        loop {
            // A run of three-byte characters (Chinese text) in a tight loop: one length check a
            // character.
            while let Some(&[x, p, q]) = b.get(i..i + 3) {
                if x & 0xF0 != 0xE0 {
                    break;
                }
                let h = low_bits(p, q);
                if self.bits[h / 64] & (1 << (h % 64)) != 0 {
                    self.at = i + 3;
                    return Some((i, decode(b, i, 3)));
                }
                i += 3;
            }
            // Any other character: (width, the low ten bits) from the lead byte and the last two.
            let Some(&x) = b.get(i) else {
                self.at = i;
                return None;
            };
            let (w, h) = match x {
                0..=0x7F => (1, usize::from(x)),
                0x80..=0xDF => (2, low_bits(x, b[i + 1])),
                0xE0..=0xEF => (3, low_bits(b[i + 1], b[i + 2])),
                _ => (4, low_bits(b[i + 2], b[i + 3])),
            };
            if self.bits[h / 64] & (1 << (h % 64)) != 0 {
                self.at = i + w;
                return Some((i, decode(b, i, w)));
            }
            i += w;
        }
    }
}

/// The characters of one text that a filter may hold, found in one pass, for several scanners
/// that read the same text (an item's dates, targets and year): each then goes over this list
/// with its own filter, which the list's must cover, instead of over every character of the text.
/// A text longer than [`Marks::MOST`] is not listed (its list could take several times its own
/// memory): the scanners then read the text itself.
pub struct Marks<'a> {
    text: &'a str,
    bloom: CharBloom,
    found: Option<Vec<(usize, char)>>,
}

impl<'a> Marks<'a> {
    /// The longest text listed, in bytes.
    pub const MOST: usize = 64 * 1024;

    /// The hits of `bloom` in `text`.
    pub fn new(text: &'a str, bloom: CharBloom) -> Marks<'a> {
        let found = (text.len() <= Self::MOST).then(|| bloom.hits(text).collect());
        Marks { text, bloom, found }
    }

    /// The text marked.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// True when the marks hold every character `bloom` may hold.
    pub fn cover(&self, bloom: &CharBloom) -> bool {
        self.bloom.covers(bloom)
    }

    /// The characters of the text `bloom` may hold, with their byte offsets, in order: the same
    /// as `bloom.hits(self.text())` where the marks cover `bloom` (the scanners taking marks say
    /// which filter they read; grammar::item_marks covers them all, which a test checks).
    pub fn hits<'m>(&'m self, bloom: &'m CharBloom) -> MarkHits<'m> {
        debug_assert!(self.cover(bloom), "the marks miss characters of the filter");
        match &self.found {
            Some(found) => MarkHits::Listed(found.iter(), bloom),
            None => MarkHits::Text(bloom.hits(self.text)),
        }
    }
}

/// The iterator of [`Marks::hits`].
pub enum MarkHits<'m> {
    Listed(std::slice::Iter<'m, (usize, char)>, &'m CharBloom),
    Text(Hits<'m>),
}

impl Iterator for MarkHits<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        match self {
            MarkHits::Listed(found, bloom) => found.find(|(_, c)| bloom.may_hold(*c)).copied(),
            MarkHits::Text(hits) => hits.next(),
        }
    }
}

/// The low ten bits of a character whose last two bytes are `a` and `b` (a continuation byte
/// carries six bits, the one before it the next four of them).
#[inline]
fn low_bits(a: u8, b: u8) -> usize {
    (usize::from(a & 0x0F) << 6) | usize::from(b & 0x3F)
}

/// The character of `w` bytes at `b[i..]` (a character of a `str`, so well formed).
#[inline]
fn decode(b: &[u8], i: usize, w: usize) -> char {
    let cont = |k: usize| u32::from(b[i + k] & 0x3F);
    let x = u32::from(b[i]);
    let u = match w {
        1 => x,
        2 => ((x & 0x1F) << 6) | cont(1),
        3 => ((x & 0x0F) << 12) | (cont(1) << 6) | cont(2),
        _ => ((x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
    };
    char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER)
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
    fn hits_are_the_characters_the_filter_may_hold() {
        // Every character, alone between others and in a row of every width.
        for u in (0..=0x10FFFF).step_by(7) {
            let Some(c) = char::from_u32(u) else { continue };
            let b = CharBloom::EMPTY.with(c);
            let s = format!("a{c}é中𠀀{c}");
            let want: Vec<(usize, char)> = s.char_indices().filter(|&(_, x)| b.may_hold(x)).collect();
            assert_eq!(b.hits(&s).collect::<Vec<_>>(), want, "U+{u:04X}");
        }
        let b = CharBloom::EMPTY.with_all(&['（', '第', '1', '。']).union(CharBloom::EMPTY.with('\n'));
        let s = "（一）第1条。\n二、x𠀀é";
        let want: Vec<(usize, char)> = s.char_indices().filter(|&(_, x)| b.may_hold(x)).collect();
        assert_eq!(b.hits(s).collect::<Vec<_>>(), want);
        assert_eq!(b.hits("").next(), None);
    }

    #[test]
    fn marks_give_each_filter_its_hits() {
        let s = "（一）第1条：2023年底前完成，达到90%。\n二、x𠀀é";
        let a = CharBloom::EMPTY.with_all(&['（', '第', '1']);
        let b = CharBloom::EMPTY.with_all(&['年', '。', '\n', '二']);
        let marks = Marks::new(s, a.union(b));
        for f in [a, b, a.union(b)] {
            assert_eq!(marks.hits(&f).collect::<Vec<_>>(), f.hits(s).collect::<Vec<_>>());
        }
        assert!(marks.cover(&a) && !Marks::new(s, a).cover(&b));
        // A long text is read directly, to the same hits.
        let long = s.repeat(Marks::MOST / s.len() + 1);
        let marks = Marks::new(&long, a.union(b));
        assert!(marks.found.is_none());
        assert_eq!(marks.hits(&a).collect::<Vec<_>>(), a.hits(&long).collect::<Vec<_>>());
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
