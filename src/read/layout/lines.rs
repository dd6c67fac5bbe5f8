//! Glyphs → lines: glyphs whose boxes overlap vertically by more than half the smaller height
//! share a line (so a superscript or a larger character stays on its line); within a line they
//! are read left to right. A gap wider than a word space becomes one space; a glyph drawn twice at
//! almost the same place (fake bold) is read once.

use super::{order_key, Glyph};

/// One line of text as drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text, spaces between words, none at either end.
    pub text: String,
    /// The text holds white space (`text.chars().any(char::is_whitespace)`, known as it is built).
    pub spaced: bool,
    /// The ink's left and right edges (space glyphs left out).
    pub x0: f32,
    pub x1: f32,
    /// The right edge without closing punctuation at the end, which may hang into the margin
    /// (LibreOffice and Word hang a final ，。 past the right edge of a full line).
    pub x1_core: f32,
    pub top: f32,
    pub baseline: f32,
    /// The median font size.
    pub size: f32,
    /// The width of what opens the line and could not have stood at the end of the line before:
    /// a Latin word or number, or one CJK character with the punctuation that may not start a line.
    pub first_word: f32,
    /// The 0-based page.
    pub page: u32,
    /// A space glyph is drawn after the last ink: the writer wrapped the line at a space of the
    /// text ("…的通知 " / "拱政办发〔2018〕42号"), which the joined paragraph keeps.
    pub space_after: bool,
}

/// A glyph's text and a sane box: borrowed, so that grouping a page costs no copy of its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark<'a> {
    pub text: &'a str,
    /// The text's first and last characters (the same one for most glyphs), decoded once.
    pub first: char,
    pub last: char,
    /// The text is one character.
    pub single: bool,
    /// Only white space or control characters: a space, never ink.
    pub blank: bool,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub baseline: f32,
    pub size: f32,
}

/// A glyph's left and right edges, in order.
fn span(g: &Glyph) -> (f32, f32) {
    if g.x1 < g.x0 {
        (g.x1, g.x0)
    } else {
        (g.x0, g.x1)
    }
}

/// Whether a glyph can be placed: a finite box, and some text.
fn placeable(g: &Glyph) -> bool {
    [g.x0, g.x1, g.top, g.baseline, g.size].iter().all(|v| v.is_finite()) && !g.text.is_empty()
}

/// The mark of a glyph that can be placed ([`placeable`]).
fn sane(g: &Glyph) -> Mark<'_> {
    let (x0, x1) = span(g);
    let size = if g.size <= 0.0 { (g.baseline - g.top).abs().max(1.0) } else { g.size };
    let top = if g.top >= g.baseline { g.baseline - size } else { g.top };
    let text: &str = &g.text;
    let mut chars = text.chars();
    let first = chars.next().unwrap_or(' ');
    let single = first.len_utf8() == text.len();
    let (last, blank) = if single {
        (first, blank_char(first))
    } else {
        (chars.next_back().unwrap_or(first), text.chars().all(blank_char))
    };
    Mark { text, first, last, single, blank, x0, x1, top, baseline: g.baseline, size }
}

/// Glyphs grouped into lines: the marks of the glyphs that can be placed, line after line from the
/// top and each line left to right, in one vector for the page (not one per line).
#[derive(Debug, Default)]
pub(crate) struct Grouping<'a> {
    pub marks: Vec<Mark<'a>>,
    /// Each mark's glyph, as its index in the glyphs grouped.
    pub glyph: Vec<u32>,
    /// Where each line's run of `marks` ends.
    ends: Vec<u32>,
}

impl Grouping<'_> {
    /// Each line's run of `marks`, top to bottom.
    pub(crate) fn lines(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(a, b)| a as usize..b as usize)
    }
}

/// Groups glyphs into lines, top to bottom. `page` is recorded in each line.
pub(crate) fn build(glyphs: &[&Glyph], page: u32) -> Vec<Line> {
    build_grouped(&group(glyphs), page)
}

/// [`build`] given the grouping [`group`] made.
pub(crate) fn build_grouped(grouping: &Grouping, page: u32) -> Vec<Line> {
    // Buffers kept from one line to the next: a page has dozens of lines.
    let mut scratch = Scratch::default();
    let mut lines = Vec::with_capacity(grouping.ends.len());
    for run in grouping.lines() {
        lines.extend(finish(&grouping.marks[run], &mut scratch, page));
    }
    lines
}

/// Working buffers of [`finish`].
#[derive(Default)]
struct Scratch {
    /// The positions of the glyphs that are ink (not blank) in the line.
    ink: Vec<usize>,
    /// The ink's sizes and baselines, for their medians.
    sizes: Vec<f32>,
    baselines: Vec<f32>,
}

/// The lines of the glyphs: top to bottom by baseline, and within a line left to right (a glyph
/// that cannot be placed is in none). Each line is in the order a stable sort by x0 of its glyphs
/// taken by (baseline, x0, index) would give.
pub(crate) fn group<'a>(glyphs: &[&'a Glyph]) -> Grouping<'a> {
    // Sorted as (baseline, x0, index) in one integer: unique keys, so an unstable sort orders
    // them as a stable sort by (baseline, x0) would.
    let mut keys: Vec<u128> = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| placeable(g))
        .map(|(i, g)| u128::from(order_key(g.baseline)) << 64 | u128::from(order_key(span(g).0)) << 32 | i as u128)
        .collect();
    keys.sort();
    let glyph: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
    drop(keys);
    let marks: Vec<Mark> = glyph.iter().map(|&i| sane(glyphs[i as usize])).collect();
    let mut ends = Vec::new();
    let mut start = 0;
    // The box of the largest glyph of the line so far: a line is matched against its main text,
    // so a chain of slightly overlapping boxes cannot pull two lines together.
    let (mut top, mut base, mut big) = (0.0f32, 0.0f32, 0.0f32);
    for (k, g) in marks.iter().enumerate() {
        if k > start {
            let overlap = base.min(g.baseline) - top.max(g.top);
            let h = (base - top).min(g.baseline - g.top);
            if overlap <= 0.5 * h {
                ends.push(k as u32);
                start = k;
                big = 0.0;
            }
        }
        if g.size >= big {
            (top, base, big) = (g.top, g.baseline, g.size);
        }
    }
    if start < marks.len() {
        ends.push(marks.len() as u32);
    }
    let mut grouping = Grouping { marks, glyph, ends };
    sort_lines(&mut grouping);
    grouping
}

/// Sorts each line's glyphs left to right, stably (glyphs at the same x0 keep their order).
fn sort_lines(grouping: &mut Grouping) {
    let mut keys: Vec<u64> = Vec::new();
    let mut copy: Vec<(Mark, u32)> = Vec::new();
    let Grouping { marks, glyph, ends } = grouping;
    let mut start = 0;
    for &end in ends.iter() {
        let run = start..end as usize;
        start = end as usize;
        // A line set on one baseline is in order already (most lines).
        if marks[run.clone()].windows(2).all(|w| w[0].x0.total_cmp(&w[1].x0).is_le()) {
            continue;
        }
        keys.clear();
        keys.extend(marks[run.clone()].iter().enumerate().map(|(k, m)| u64::from(order_key(m.x0)) << 32 | k as u64));
        keys.sort_unstable();
        copy.clear();
        copy.extend(marks[run.clone()].iter().copied().zip(glyph[run.clone()].iter().copied()));
        for (slot, &k) in run.zip(&keys) {
            (marks[slot], glyph[slot]) = copy[k as u32 as usize];
        }
    }
}

/// One line from its glyphs (sorted left to right), or None when it holds only spaces.
fn finish(group: &[Mark], scratch: &mut Scratch, page: u32) -> Option<Line> {
    let Scratch { ink, sizes, baselines } = scratch;
    ink.clear();
    sizes.clear();
    baselines.clear();
    let (mut x1, mut top) = (f32::MIN, f32::MAX);
    for (i, g) in group.iter().enumerate().filter(|(_, g)| !g.blank) {
        ink.push(i);
        sizes.push(g.size);
        baselines.push(g.baseline);
        (x1, top) = (x1.max(g.x1), top.min(g.top));
    }
    let first = &group[*ink.first()?];
    let (text, spaced) = text_of(group);
    Some(Line {
        text,
        spaced,
        x0: first.x0,
        x1,
        x1_core: core_right(group, ink),
        top,
        baseline: median(baselines),
        size: median(sizes),
        first_word: first_word(ink.iter().map(|&i| &group[i])),
        page,
        space_after: group.last().is_some_and(|g| g.blank && g.text.chars().any(char::is_whitespace)),
    })
}

/// The value at the middle of `v` in order (the upper one of an even count), without sorting it
/// all.
pub(crate) fn median(v: &mut [f32]) -> f32 {
    // All alike (the baselines of a line set on one, the sizes of a line in one font): no search.
    if let Some(&first) = v.first() {
        if v.iter().all(|x| x.to_bits() == first.to_bits()) {
            return first;
        }
    }
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// The right edge of the line's last glyph that is not closing punctuation (`ink`: the positions
/// of the line's ink glyphs in `group`).
fn core_right(group: &[Mark], ink: &[usize]) -> f32 {
    let closing = |m: &Mark| if m.single { no_break_before(m.first) } else { m.text.chars().all(no_break_before) };
    let last = ink.iter().rposition(|&i| !closing(&group[i])).unwrap_or(ink.len() - 1);
    ink[..=last].iter().map(|&i| group[i].x1).fold(f32::MIN, f32::max)
}

/// White space or a control character. Every such character is at or below U+3000 (the
/// ideographic space), so CJK text is told apart without the Unicode tables.
fn blank_char(c: char) -> bool {
    u32::from(c) <= 0x3000 && (c.is_whitespace() || c.is_control())
}

/// The text of a line's glyphs sorted left to right: one space for a space glyph or a gap wider
/// than a word space (0.12 em between Latin letters, 0.2 em between CJK characters, which a
/// justified line may spread apart a little, 0.35 em where the two meet).
fn text_of(group: &[Mark]) -> (String, bool) {
    // The letter-spacing matters only for a gap wider than a word space: worked out then.
    let mut tracking: Option<f32> = None;
    // Room for every glyph's text and a space before each: one allocation a line.
    let mut text = String::with_capacity(group.iter().map(|g| g.text.len() + 1).sum());
    let mut prev: Option<&Mark> = None;
    let (mut space, mut spaced) = (false, false);
    for g in group {
        if g.blank {
            space = true;
            continue;
        }
        if let Some(p) = prev {
            // The same glyph drawn again over itself (fake bold, a shadow): read once, each copy
            // compared with the one before it, so a stack of copies each a little off the last
            // is read once too. Not a run of narrow glyphs such as the dots of a leader, which
            // stand a glyph's width apart, nor the same letter in the line below at the same
            // place (slanted lines of a scan's text layer, grouped as one line by their height,
            // an em or more apart).
            let offset = (g.x0 - p.x0).abs();
            let over = offset < 0.12 * g.size && (g.baseline - p.baseline).abs() < 0.5 * g.size;
            if over && offset < 0.5 * (p.x1 - p.x0) && !space && p.text == g.text {
                prev = Some(g);
                continue;
            }
            let (before, after) = (p.last.is_ascii_alphanumeric(), g.first.is_ascii_alphanumeric());
            let em = p.size.max(g.size);
            // Between Latin letters a word space is narrow; where Latin meets CJK, writers add a
            // quarter-em of their own (LibreOffice's autospace) that is no space in the text.
            let threshold = match (before, after) {
                (true, true) => 0.12,
                (false, false) => 0.2,
                _ => 0.35,
            };
            // The spacing is never negative: a gap within the threshold is no space whatever it is.
            if g.x0 - p.x1 > threshold * em
                && g.x0 - p.x1 > threshold * em + *tracking.get_or_insert_with(|| spacing(group))
            {
                space = true;
            }
        }
        if space && prev.is_some() {
            text.push(' ');
            spaced = true;
        }
        space = false;
        // Control characters (a stray NUL, a line break inside ActualText) read as a space.
        if g.single {
            text.push_str(g.text); // one character of ink (not blank: read above): most glyphs
        } else {
            let inner = g.text.trim_matches(char::is_whitespace);
            spaced |= inner.chars().any(|c| c.is_whitespace() || c.is_control());
            text.extend(inner.chars().map(|c| if c.is_control() { ' ' } else { c }));
        }
        prev = Some(g);
    }
    (text, spaced)
}

/// The letter-spacing of a line set spaced out (a red header 路 桥 区 卫 生 局 文 件, a title):
/// when the gaps between its glyphs are all alike, they are spacing, not spaces. 0 otherwise.
fn spacing(group: &[Mark]) -> f32 {
    // Spaces drawn: the writer did not space the line out by gaps. Fewer than three gaps: no
    // telling.
    if group.len() < 4 || group.iter().any(|g| g.blank) {
        return 0.0;
    }
    let (mut lo, mut hi, mut em) = (f32::MAX, f32::MIN, 0.0f32);
    for w in group.windows(2) {
        let gap = w[1].x0 - w[0].x1;
        (lo, hi, em) = (lo.min(gap), hi.max(gap), em.max(w[0].size.max(w[1].size)));
    }
    if hi - lo <= 0.05 * em {
        hi.max(0.0)
    } else {
        0.0
    }
}

/// Punctuation that may not open a line (避头点): a line break puts the character before it on
/// the next line too.
pub(crate) fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '】'
            | '〕'
            | '〉'
            | '…'
            | '—'
            | '%'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// A character of a Latin-script word, accents included (pinyin glued in by converters, "(jiān)",
/// wraps as one word).
fn is_latin(c: char) -> bool {
    // The range first: the alphanumeric tables are slow, and CJK lies above it.
    c.is_ascii_graphic() || (('\u{c0}'..'\u{2e80}').contains(&c) && c.is_alphanumeric())
}

/// Punctuation that may not end a line (避尾点).
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '『' | '“' | '‘' | '【' | '〔' | '〈' | '(' | '[' | '{')
}

/// The width of the line's opening unit: a run of Latin letters, digits and ASCII signs (what
/// Latin line breaking keeps together), or one other character, with any opening punctuation
/// before it and closing punctuation after it.
fn first_word<'m, 'a: 'm>(mut ink: impl Iterator<Item = &'m Mark<'a>> + Clone) -> f32 {
    let Some(start) = ink.clone().next().map(|g| g.x0) else { return 0.0 };
    let mut end = start;
    let mut seen_body = false;
    let mut latin = false;
    let mut after_quote = false;
    for g in ink.by_ref() {
        let c = g.first;
        if !seen_body {
            end = g.x1;
            if no_break_after(c) {
                continue;
            }
            seen_body = true;
            latin = is_latin(c);
        } else if g.x0 - end > 0.12 * g.size {
            break; // a space: the word ended
        } else if (latin && is_latin(c)) || no_break_before(c) || after_quote {
            end = g.x1;
        } else {
            break;
        }
        // A closing quote holds on to what follows it too (UAX #14: no break after QU), and so does
        // a percent sign (Chromium kept "60%以" whole where "60%" would have fitted).
        after_quote = matches!(c, '”' | '’' | '"' | '\'' | '%');
    }
    end - start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, x1: f32, baseline: f32) -> Glyph {
        Glyph { text: text.into(), x0, x1, top: baseline - 10.0, baseline, size: 12.0, ..Default::default() }
    }

    #[test]
    fn a_line_knows_whether_its_text_holds_white_space() {
        let pages = [
            vec![glyph("甲", 0.0, 12.0, 20.0), glyph("乙", 12.0, 24.0, 20.0)],
            vec![glyph("甲", 0.0, 12.0, 20.0), glyph("乙", 40.0, 52.0, 20.0)], // a gap
            vec![glyph("a", 0.0, 6.0, 20.0), glyph(" ", 6.0, 9.0, 20.0), glyph("b", 9.0, 15.0, 20.0)],
            vec![glyph(" x\u{3000}y ", 0.0, 30.0, 20.0)], // inside a glyph's text
            vec![glyph("x\ty", 0.0, 30.0, 20.0), glyph("z", 30.0, 36.0, 20.0)], // a control character
            vec![glyph("第1页", 0.0, 30.0, 20.0), glyph("甲", 100.0, 112.0, 40.0)],
        ];
        for glyphs in &pages {
            let refs: Vec<&Glyph> = glyphs.iter().collect();
            for l in build(&refs, 0) {
                assert_eq!(l.spaced, l.text.chars().any(char::is_whitespace), "{:?}", l.text);
            }
        }
    }

    #[test]
    fn an_overprint_is_read_once_and_the_same_letter_below_is_kept() {
        let count = |glyphs: &[Glyph]| {
            let refs: Vec<&Glyph> = glyphs.iter().collect();
            build(&refs, 0).iter().map(|l| l.text.matches('a').count()).sum::<usize>()
        };
        // Fake bold: drawn again a fraction of a point off.
        assert_eq!(count(&[glyph("a", 0.0, 6.0, 20.0), glyph("a", 0.3, 6.3, 20.2)]), 1);
        // A stack of copies, each a fifth of an em below the last.
        let stack: Vec<Glyph> = (0..8).map(|i| glyph("a", 0.0, 6.0, 20.0 + 2.4 * i as f32)).collect();
        assert_eq!(count(&stack), 1);
        // Slanted lines of a scan's text layer: the line below has an "a" at the same place.
        assert_eq!(count(&[glyph("a", 0.0, 6.0, 20.0), glyph("a", 0.3, 6.3, 26.0)]), 2);
    }

    #[test]
    fn blank_characters_as_the_standard_library_tells_them() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(blank_char(c), c.is_whitespace() || c.is_control(), "{:?}", c);
        }
    }
}
