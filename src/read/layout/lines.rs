//! Glyphs → lines: glyphs whose boxes overlap vertically by more than half the smaller height
//! share a line (so a superscript or a larger character stays on its line); within a line they
//! are read left to right. A gap wider than a word space becomes one space; a glyph drawn twice at
//! almost the same place (fake bold) is read once.

use super::Glyph;

/// One line of text as drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text, spaces between words, none at either end.
    pub text: String,
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
struct Mark<'a> {
    text: &'a str,
    /// Only white space or control characters: a space, never ink.
    blank: bool,
    x0: f32,
    x1: f32,
    top: f32,
    baseline: f32,
    size: f32,
}

/// A glyph with a sane box, or None for one that cannot be placed (NaN, infinite) or shows nothing.
fn sane(g: &Glyph) -> Option<Mark<'_>> {
    let finite = [g.x0, g.x1, g.top, g.baseline, g.size].iter().all(|v| v.is_finite());
    if !finite || g.text.is_empty() {
        return None;
    }
    let (x0, x1) = if g.x1 < g.x0 { (g.x1, g.x0) } else { (g.x0, g.x1) };
    let size = if g.size <= 0.0 { (g.baseline - g.top).abs().max(1.0) } else { g.size };
    let top = if g.top >= g.baseline { g.baseline - size } else { g.top };
    Some(Mark { text: &g.text, blank: is_blank(&g.text), x0, x1, top, baseline: g.baseline, size })
}

/// Groups glyphs into lines, top to bottom. `page` is recorded in each line.
pub(crate) fn build(glyphs: &[&Glyph], page: u32) -> Vec<Line> {
    let marks: Vec<Option<Mark>> = glyphs.iter().map(|g| sane(g)).collect();
    lines_of(&marks, group_marks(&marks), page)
}

/// [`build`] given the grouping [`group_placed`] made of the same glyphs.
pub(crate) fn build_grouped(glyphs: &[&Glyph], groups: Vec<Vec<usize>>, page: u32) -> Vec<Line> {
    let marks: Vec<Option<Mark>> = glyphs.iter().map(|g| sane(g)).collect();
    lines_of(&marks, groups, page)
}

fn lines_of(marks: &[Option<Mark>], groups: Vec<Vec<usize>>, page: u32) -> Vec<Line> {
    // Buffers kept from one line to the next: a page has dozens of lines.
    let (mut group, mut scratch) = (Vec::new(), Scratch::default());
    let mut lines = Vec::with_capacity(groups.len());
    for g in groups {
        group.clear();
        group.extend(g.iter().filter_map(|&i| marks[i]));
        lines.extend(finish(&mut group, &mut scratch, page));
    }
    lines
}

/// Working buffers of [`finish`].
#[derive(Default)]
struct Scratch {
    /// The positions of the glyphs that are ink (not blank) in the line.
    ink: Vec<usize>,
    numbers: Vec<f32>,
}

/// The glyphs of each line, as indices into `glyphs`, lines top to bottom and each line's glyphs
/// left to right (a glyph that cannot be placed is in none); with each glyph's box as the grouping
/// saw it (sizes and tops repaired; None when it cannot be placed).
pub(crate) fn group_placed(glyphs: &[&Glyph]) -> (Vec<Option<Placed>>, Vec<Vec<usize>>) {
    let marks: Vec<Option<Mark>> = glyphs.iter().map(|g| sane(g)).collect();
    let groups = group_marks(&marks);
    (marks.iter().map(|m| m.map(|m| (m.x0, m.x1, m.top, m.baseline, m.size))).collect(), groups)
}

fn group_marks(marks: &[Option<Mark>]) -> Vec<Vec<usize>> {
    // Sorted as (baseline, x0, index) keys rather than whole marks: a third of the bytes to move.
    let mut order: Vec<(f32, f32, u32)> =
        marks.iter().enumerate().filter_map(|(i, m)| m.map(|m| (m.baseline, m.x0, i as u32))).collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.total_cmp(&b.1)));
    let mut out = Vec::new();
    let mut start = 0;
    // The box of the largest glyph of the line so far: a line is matched against its main text,
    // so a chain of slightly overlapping boxes cannot pull two lines together.
    let (mut top, mut base, mut big) = (0.0f32, 0.0f32, 0.0f32);
    for k in 0..order.len() {
        let Some(g) = marks[order[k].2 as usize] else { continue };
        if k > start {
            let overlap = base.min(g.baseline) - top.max(g.top);
            let h = (base - top).min(g.baseline - g.top);
            if overlap <= 0.5 * h {
                out.push(order[start..k].iter().map(|o| o.2 as usize).collect());
                start = k;
                big = 0.0;
            }
        }
        if g.size >= big {
            (top, base, big) = (g.top, g.baseline, g.size);
        }
    }
    if start < order.len() {
        out.push(order[start..].iter().map(|o| o.2 as usize).collect());
    }
    out
}

/// A glyph's box as the line grouping sees it: (x0, x1, top, baseline, size).
pub(crate) type Placed = (f32, f32, f32, f32, f32);

/// One line from its glyphs (in any order), or None when it holds only spaces.
fn finish(group: &mut [Mark], scratch: &mut Scratch, page: u32) -> Option<Line> {
    group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    scratch.ink.clear();
    scratch.ink.extend((0..group.len()).filter(|&i| !group[i].blank));
    let ink = || scratch.ink.iter().map(|&i| &group[i]);
    let first = ink().next()?;
    let nums = &mut scratch.numbers;
    nums.clear();
    nums.extend(ink().map(|g| g.size));
    let size = median(nums);
    nums.clear();
    nums.extend(ink().map(|g| g.baseline));
    let baseline = median(nums);
    Some(Line {
        text: text_of(group),
        x0: first.x0,
        x1: ink().map(|g| g.x1).fold(f32::MIN, f32::max),
        x1_core: core_right(group, &scratch.ink),
        top: ink().map(|g| g.top).fold(f32::MAX, f32::min),
        baseline,
        size,
        first_word: first_word(ink()),
        page,
        space_after: group.last().is_some_and(|g| is_blank(g.text) && g.text.chars().any(char::is_whitespace)),
    })
}

/// The value at the middle of `v` in order (the upper one of an even count), without sorting it
/// all.
pub(crate) fn median(v: &mut [f32]) -> f32 {
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// The right edge of the line's last glyph that is not closing punctuation (`ink`: the positions
/// of the line's ink glyphs in `group`).
fn core_right(group: &[Mark], ink: &[usize]) -> f32 {
    let last = ink.iter().rposition(|&i| !group[i].text.chars().all(no_break_before)).unwrap_or(ink.len() - 1);
    ink[..=last].iter().map(|&i| group[i].x1).fold(f32::MIN, f32::max)
}

fn is_blank(s: &str) -> bool {
    s.chars().all(blank_char)
}

/// White space or a control character. Every such character is at or below U+3000 (the
/// ideographic space), so CJK text is told apart without the Unicode tables.
fn blank_char(c: char) -> bool {
    u32::from(c) <= 0x3000 && (c.is_whitespace() || c.is_control())
}

/// The text of a line's glyphs sorted left to right: one space for a space glyph or a gap wider
/// than a word space (0.12 em between Latin letters, 0.2 em between CJK characters, which a
/// justified line may spread apart a little, 0.35 em where the two meet).
fn text_of(group: &[Mark]) -> String {
    let tracking = tracking(group);
    let mut text = String::new();
    let mut prev: Option<&Mark> = None;
    let mut space = false;
    for g in group {
        if g.blank {
            space = true;
            continue;
        }
        if let Some(p) = prev {
            // The same glyph drawn again over itself (fake bold, a shadow): read once. Not a run
            // of narrow glyphs such as the dots of a leader, which stand a glyph's width apart.
            let offset = (g.x0 - p.x0).abs();
            if offset < 0.12 * g.size && offset < 0.5 * (p.x1 - p.x0) && !space && p.text == g.text {
                continue;
            }
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let (before, after) = (latin(p.text.chars().last()), latin(g.text.chars().next()));
            let em = p.size.max(g.size);
            // Between Latin letters a word space is narrow; where Latin meets CJK, writers add a
            // quarter-em of their own (LibreOffice's autospace) that is no space in the text.
            let threshold = match (before, after) {
                (true, true) => 0.12,
                (false, false) => 0.2,
                _ => 0.35,
            };
            if g.x0 - p.x1 > threshold * em + tracking {
                space = true;
            }
        }
        if space && prev.is_some() {
            text.push(' ');
        }
        space = false;
        // Control characters (a stray NUL, a line break inside ActualText) read as a space.
        let mut chars = g.text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !blank_char(c) => text.push(c), // one character of ink: most glyphs
            _ => {
                text.extend(
                    g.text.trim_matches(char::is_whitespace).chars().map(|c| if c.is_control() { ' ' } else { c }),
                )
            }
        }
        prev = Some(g);
    }
    text
}

/// The letter-spacing of a line set spaced out (a red header 路 桥 区 卫 生 局 文 件, a title):
/// when the gaps between its glyphs are all alike, they are spacing, not spaces. 0 otherwise.
fn tracking(group: &[Mark]) -> f32 {
    if group.iter().any(|g| g.blank) {
        return 0.0; // spaces are drawn: the writer did not space the line out by gaps
    }
    if group.len() < 4 {
        return 0.0; // fewer than three gaps
    }
    let gaps = group.windows(2).map(|w| (w[1].x0 - w[0].x1, w[0].size.max(w[1].size)));
    let (lo, hi) = gaps.clone().fold((f32::MAX, f32::MIN), |(lo, hi), (g, _)| (lo.min(g), hi.max(g)));
    let em = gaps.map(|g| g.1).fold(0.0, f32::max);
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
    c.is_ascii_graphic() || (c.is_alphanumeric() && ('\u{c0}'..'\u{2e80}').contains(&c))
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
        let Some(c) = g.text.chars().next() else { continue };
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

    #[test]
    fn blank_characters_as_the_standard_library_tells_them() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(blank_char(c), c.is_whitespace() || c.is_control(), "{:?}", c);
        }
    }
}
