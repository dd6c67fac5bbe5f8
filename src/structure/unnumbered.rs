//! Section headings that lost their numbers (无编号标题): a page scraped from Word's automatic
//! numbering keeps the short heading lines ("总体要求", "重点任务", "保障措施") but not their 一、
//! 二、. Left alone, the numbered runs under them restart at 1 and collide ("（一）" three times at
//! the top). Read as top-level items of style `Unnumbered`, numbered in order, they give each run
//! a parent, as ../shared/eval/GOLD-FORMAT.md rules ("Unnumbered section headings").
//!
//! Only when the evidence is plain: every heading is a short line of ideographs standing on its
//! own, the next line opens a numbered run at its first number (or runs on the run above), and no
//! numbered top-level style (一、, 第一章, 第一部分) stands in the body, before or after the first
//! heading — the rule applies only when every top-level heading lacks its number. One heading
//! alone counts only right after the plan's title (a fragment that shows only its first section).
//! In a body flattened to one line the heading is the run between two spaces before the marker,
//! under the same evidence.

use super::markers::{Candidate, Context};
use crate::chars::is_han;
use crate::model::MarkerStyle;

/// The longest heading line, in characters.
const MAX_CHARS: usize = 15;

/// The heading candidates to add to `cands` (sorted, of the cleaned `text`) for the body that
/// starts at `body_start` and ends at `body_end`. `is_title(line)` tells the plan's title line.
pub fn headings(
    text: &str,
    cands: &[Candidate],
    body_start: usize,
    body_end: usize,
    is_title: impl Fn(&str) -> bool,
) -> Vec<Candidate> {
    let in_body = |c: &&Candidate| c.start >= body_start && c.start < body_end;
    if !cands.iter().filter(in_body).any(|c| c.context == Context::LineStart) {
        return flat_headings(text, cands, (body_start, body_end), &is_title);
    }
    let from = line_before(text, body_start);
    let mut found: Vec<(usize, usize)> = Vec::new(); // (line start, line end)
    let mut run_style: Option<MarkerStyle> = None;
    let mut last_number = 0;
    let mut next = 0; // index into cands
    for (start, line) in lines_in(text, from, body_end) {
        while next < cands.len() && cands[next].start < start {
            if Some(cands[next].style) == run_style {
                last_number = cands[next].number;
            }
            next += 1;
        }
        let Some(c) = cands.get(next).filter(|c| c.context == Context::LineStart) else { continue };
        let opens = c.number == 1 || (Some(c.style) == run_style && c.number == last_number + 1);
        if !is_heading(line) || !opens || first_line_after(text, start, line.len()) != line_of(text, c.start) {
            continue;
        }
        if run_style.is_some_and(|s| s != c.style) {
            return Vec::new();
        }
        run_style = Some(c.style);
        found.push((start, start + line.len()));
    }
    let numbered_top = |c: &Candidate| {
        c.context == Context::LineStart
            && matches!(c.style, MarkerStyle::CnComma | MarkerStyle::Chapter | MarkerStyle::Part)
    };
    let Some(&(first, _)) = found.first() else { return Vec::new() };
    // A numbered top-level heading anywhere in the body, before the first short line too (一、 then
    // a wrapped heading's last word "领导" over "1."): the headings have their numbers.
    if cands.iter().any(|c| c.start >= body_start && c.start < body_end && numbered_top(c)) {
        return Vec::new();
    }
    if found.len() == 1 && !after_title(text, first, &is_title) {
        return Vec::new();
    }
    markers(found.iter().map(|&(s, _)| s))
}

/// A zero-width marker at each heading's start, numbered in order: the heading is the item's text.
fn markers(starts: impl Iterator<Item = usize>) -> Vec<Candidate> {
    let candidate = |(k, s): (usize, usize)| Candidate {
        start: s,
        end: s,
        style: MarkerStyle::Unnumbered,
        number: k as u32 + 1,
        context: Context::LineStart,
        doubtful: false,
    };
    starts.enumerate().map(candidate).collect()
}

/// [`headings`] in a body flattened to one line (no marker starts a line): a heading is the run of
/// text between a space and a space before a marker that opens a numbered run ("……行动方案(2023)
/// 重点群体优服务 (一)幼有所育 1.……"), under the same evidence as on lines: every heading of the
/// one style, no numbered top level in the body, one heading alone only right after the title.
fn flat_headings(
    text: &str,
    cands: &[Candidate],
    (body_start, body_end): (usize, usize),
    is_title: &impl Fn(&str) -> bool,
) -> Vec<Candidate> {
    let body = |c: &&Candidate| c.start >= body_start && c.start < body_end;
    let numbered_top =
        |c: &Candidate| matches!(c.style, MarkerStyle::CnComma | MarkerStyle::Chapter | MarkerStyle::Part);
    if cands.iter().filter(body).any(numbered_top) {
        return Vec::new();
    }
    let mut found: Vec<usize> = Vec::new(); // heading starts
    let (mut run_style, mut last_number) = (None, 0);
    for (k, c) in cands.iter().filter(body).enumerate() {
        let opens = c.number == 1 || (Some(c.style) == run_style && c.number == last_number + 1);
        if Some(c.style) == run_style {
            last_number = c.number;
        }
        // The body starts at its first marker: the first heading stands before it.
        let Some(start) = heading_before(text, c.start).filter(|&h| k == 0 || h >= body_start) else { continue };
        if !opens || c.context != Context::AfterBreak || run_style.is_some_and(|s| s != c.style) {
            continue;
        }
        (run_style, last_number) = (Some(c.style), c.number);
        found.push(start);
    }
    // One heading alone stands right after the plan's title (the words before it).
    let Some(&first) = found.first() else { return Vec::new() };
    let before = text[..first].trim_end();
    let title = &before[crate::chars::after_last(before, char::is_whitespace)..];
    if found.len() == 1 && (title.is_empty() || !is_title(title)) {
        return Vec::new();
    }
    markers(found.into_iter())
}

/// Where a heading ([`is_heading`]) stands just before the marker at `at`, a space on each side of
/// it (on one line).
fn heading_before(text: &str, at: usize) -> Option<usize> {
    // Bounded looks back (a few spaces, a heading's length): a long line of markers without
    // spaces must not be scanned again from each one.
    let near = |to: usize, bytes: usize| {
        let mut from = to.saturating_sub(bytes);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        &text[from..to]
    };
    let gap = near(at, 12);
    let words_end = at - (gap.len() - gap.trim_end_matches([' ', '\u{3000}']).len());
    if words_end == at {
        return None;
    }
    let window = near(words_end, 4 * MAX_CHARS + 4);
    let space = window.rfind(char::is_whitespace)?;
    let start = words_end - window.len() + space + window[space..].chars().next().map_or(1, char::len_utf8);
    let heading = &text[start..words_end];
    (is_heading(heading) && !text[..start].ends_with('\n')).then_some(start)
}

/// A heading line: 2 to 15 characters once trimmed, at least two ideographs, nothing but
/// ideographs, quotes and the enumeration comma (no sentence, no number, no label).
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (2..=MAX_CHARS).contains(&n)
        && t.chars().filter(|c| is_han(*c)).count() >= 2
        && t.chars().all(|c| is_han(c) || matches!(c, '“' | '”' | '、' | '—' | '·'))
}

/// The lines of `text` in `[from, to)`, with their starts (trimmed of the line break).
fn lines_in(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= to.min(text.len()) {
            return None;
        }
        let end = crate::lines::line_end(text, at);
        let line = (at, text[at..end].trim_end_matches('\r'));
        at = end + 1;
        Some(line)
    })
}

/// The start of the line holding byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the first non-blank line after the line at `start` (of `len` bytes).
fn first_line_after(text: &str, start: usize, len: usize) -> usize {
    let mut at = start + len;
    while at < text.len() {
        let next = at + 1;
        let end = crate::lines::line_end(text, next);
        if !text[next..end].trim().is_empty() {
            return next;
        }
        at = end;
    }
    text.len()
}

/// The start of the non-blank line before the line holding `at`.
fn line_before(text: &str, at: usize) -> usize {
    let mut here = line_of(text, at);
    while here > 0 {
        let prev = line_of(text, here - 1);
        if !text[prev..here].trim().is_empty() {
            return prev;
        }
        here = prev;
    }
    0
}

/// True when the non-blank line before the one at `start` is the plan's title.
fn after_title(text: &str, start: usize, is_title: &impl Fn(&str) -> bool) -> bool {
    if start == 0 {
        return false;
    }
    let prev = line_before(text, start);
    let line = text[prev..start].trim();
    !line.is_empty() && is_title(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::markers::scan;

    fn heads(text: &str) -> Vec<(String, u32)> {
        let c = scan(text);
        let body = c.first().map_or(text.len(), |c| c.start);
        let is_title = |l: &str| l.ends_with("方案");
        headings(text, &c, body, text.len(), is_title)
            .iter()
            .map(|h| (text[h.start..].lines().next().unwrap().to_string(), h.number))
            .collect()
    }

    #[test]
    fn headings_between_runs_that_restart() {
        let t = "甲县实施方案\n总体要求\n（一）指导思想。坚持。\n（二）目标。完成。\n重点任务\n（一）建设。推进。\n保障措施\n（一）加强领导。\n";
        assert_eq!(heads(t), [("总体要求".into(), 1), ("重点任务".into(), 2), ("保障措施".into(), 3)]);
    }

    #[test]
    fn headings_in_a_flattened_body() {
        let t = "甲县实施方案 总体要求 (一)指导思想。坚持。 (二)目标。完成。 重点任务 (一)建设。推进。 保障措施 (一)加强领导。";
        assert_eq!(
            heads(t),
            [
                (
                    "总体要求 (一)指导思想。坚持。 (二)目标。完成。 重点任务 (一)建设。推进。 保障措施 (一)加强领导。"
                        .into(),
                    1
                ),
                ("重点任务 (一)建设。推进。 保障措施 (一)加强领导。".into(), 2),
                ("保障措施 (一)加强领导。".into(), 3)
            ]
        );
        // One alone only right after the title; never beside a numbered top level.
        assert_eq!(heads("甲县实施方案 重点群体优服务 (一)幼有所育 1.优孕优生 (1)孕产妇服务。").len(), 1);
        assert!(heads("乙县报告 重点群体优服务 (一)幼有所育 1.优孕优生").is_empty());
        assert!(heads("甲县实施方案 总体要求 (一)指导思想。 二、重点任务 (一)建设。").is_empty());
        // A sentence before a marker is no heading.
        assert!(heads("甲县实施方案 为做好工作，现制定本方案。 (一)指导思想。").is_empty());
    }

    #[test]
    fn one_heading_only_right_after_the_title() {
        assert_eq!(heads("甲县实施方案\n重点群体优服务\n(一)幼有所育\n1.优孕优生\n").len(), 1);
        assert!(heads("乙县报告\n重点群体优服务\n(一)幼有所育\n").is_empty());
        // An ideographic space (three bytes) before the title.
        assert_eq!(heads("来源\u{3000}甲县实施方案 重点群体优服务 (一)幼有所育 1.优孕优生 (1)孕产妇服务。").len(), 1);
    }

    #[test]
    fn numbered_top_levels_or_sentences_are_not_this_case() {
        assert!(heads("甲县实施方案\n总体要求\n（一）指导思想。\n二、重点任务\n（一）建设。\n").is_empty());
        assert!(
            heads("甲县实施方案\n为做好工作，现制定本方案。\n（一）指导思想。\n重点任务，\n（一）建设。\n").is_empty()
        );
        // A heading whose numbers run on across sections (1. 2. / 3. 4.) is still one.
        let t = "甲县实施方案\n总体要求\n1.目标。\n2.原则。\n重点任务\n3.建设。\n";
        assert_eq!(heads(t).len(), 2);
    }
}
