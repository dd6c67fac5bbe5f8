//! Cleaning: source text → the text the grammar reads, with an offset map back to the source.
//!
//! Removed: page furniture (页码 "— 3—", "- 3 -", "第3页 共9页", a page number glued to an item
//! "——48."), download-site and web-page chrome lines, a web page's title above the heading it
//! repeats, HTML tags, viewer page counters. Repaired:
//! known conversion artifacts (〞 → ”, 臵 → 置), pinyin glued after characters ("印發(fā)").
//! Joined: the printed lines of a hard-wrapped text (copied out of a PDF), where a line runs on
//! into the next ([`unwrap`]).
//! Nothing is deleted in place: the cleaned text and its map are built together line by line.

mod artifacts;
mod chrome;
mod furniture;
pub mod offsets;
mod page_title;
mod unwrap;

use crate::chars::{is_han, next_space};
use crate::read::{Cell, SourceText};

pub use offsets::MappedText;

/// One edit of a source line: replace `[start, end)` (line-relative) by `with`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    pub start: usize,
    pub end: usize,
    pub with: &'static str,
}

/// What cleaning found besides the text.
#[derive(Debug, Clone, Default)]
pub struct CleanReport {
    /// Page numbers removed, in order.
    pub pages: Vec<u32>,
    /// Number of chrome lines removed.
    pub chrome_lines: usize,
    /// A viewer said the text is an excerpt ("仅展示665字,全文共3671字").
    pub cut_short: bool,
}

/// Cleans a decoded source text.
pub fn clean(src: &str) -> (MappedText, CleanReport) {
    clean_lines(src, &[])
}

/// Cleans a reader's text: the lines of its table cells are never joined as wrapped lines.
pub fn clean_source(src: &SourceText) -> (MappedText, CleanReport) {
    clean_lines(&src.text, &src.cells)
}

/// Cleans `src`, whose lines stand in the table cells `cells` (one a line, or none at all).
fn clean_lines(src: &str, cells: &[Option<Cell>]) -> (MappedText, CleanReport) {
    // Each line's chrome and page number, found once: the page-title test, the wrap test and the
    // pass below all need them.
    let kinds: Vec<chrome::Chrome> = crate::lines::split(src).map(chrome::chrome_line).collect();
    let titles = page_title::copies(src, |n| kinds[n] != chrome::Chrome::No);
    let page_numbers: Vec<Option<u32>> = crate::lines::split(src)
        .zip(&kinds)
        .map(|(line, &kind)| if kind == chrome::Chrome::No { furniture::page_line(line) } else { None })
        .collect();
    let joins = joins(src, cells, &kinds, &titles, &page_numbers);
    let page_own = |n: usize| kinds[n] != chrome::Chrome::No || titles.contains(&n);
    let mut pass = Pass::new(src, chrome::viewer_counters(src, page_own));
    let mut pos = 0;
    // Lines are split at \n; a \r before it is dropped by the trim below (it is whitespace).
    for (line_no, line) in crate::lines::split(src).enumerate() {
        let end = pos + line.len();
        let kind = if titles.contains(&line_no) { chrome::Chrome::Yes } else { kinds[line_no] };
        if kind != chrome::Chrome::No {
            pass.report.chrome_lines += 1;
            pass.report.cut_short |= kind == chrome::Chrome::CutShort;
        } else if let Some(p) = page_numbers[line_no] {
            pass.pages.accept(p);
            pass.report.pages.push(p);
        } else if !(pass.glued && line.trim().is_empty()) {
            // (A blank line of a page break inside a wrapped sentence is left out with the break.)
            let join = joins.get(line_no).copied().unwrap_or(unwrap::Join::Keep);
            pass.text_line(line_no, pos, line, join);
        }
        pos = (end + 1).min(src.len());
    }
    (pass.out, pass.report)
}

/// The state of the cleaning pass over the lines: the text built so far and what was found.
struct Pass<'a> {
    src: &'a str,
    out: MappedText,
    report: CleanReport,
    pages: furniture::PageSequence,
    counters: std::collections::HashMap<usize, Vec<(usize, usize)>>,
    repairs: bool,
    /// The starts of the lines with chrome inside them, and how far they have been passed.
    inline: Vec<usize>,
    next_inline: usize,
    /// The last line ran on into this one (a wrap): its indent is left out too.
    glued: bool,
}

impl<'a> Pass<'a> {
    fn new(src: &'a str, counters: std::collections::HashMap<usize, Vec<(usize, usize)>>) -> Pass<'a> {
        Pass {
            src,
            // The cleaned text is at most a little longer than the source (an artifact may become
            // "\n"): reserving it up front spares the copies of a growing buffer on large inputs.
            out: MappedText::with_capacity(src.len() + src.len() / 64),
            report: CleanReport::default(),
            pages: furniture::PageSequence::default(),
            counters,
            repairs: artifacts::any_in(src),
            inline: chrome::inline_chrome_lines(src),
            next_inline: 0,
            glued: false,
        }
    }

    /// Writes a line of text (at byte `pos`) with its repairs and what is cut from it, then its
    /// line break as `join` says.
    fn text_line(&mut self, line_no: usize, pos: usize, line: &str, join: unwrap::Join) {
        let mut edits = if self.repairs { artifacts::edits(line) } else { Vec::new() };
        for &(start, len) in self.counters.get(&line_no).into_iter().flatten() {
            edits.push(Edit { start, end: start + len, with: "" });
        }
        edits.extend(furniture::inline_pages(line, &self.out.text, &mut self.pages, &mut self.report.pages));
        while self.inline.get(self.next_inline).is_some_and(|&at| at < pos) {
            self.next_inline += 1;
        }
        if self.inline.get(self.next_inline) == Some(&pos) {
            edits.extend(chrome::inline_chrome(line));
        }
        if std::mem::take(&mut self.glued) {
            edits.push(Edit { start: 0, end: line.len() - line.trim_start().len(), with: "" });
        }
        if join != unwrap::Join::Keep {
            edits.push(Edit { start: line.trim_end().len(), end: line.len(), with: "" });
        }
        emit(&mut self.out, self.src, pos, line, edits);
        let (end, next) = (pos + line.len(), (pos + line.len() + 1).min(self.src.len()));
        if next > end {
            if join == unwrap::Join::Keep {
                self.out.copy(self.src, end, next);
            } else {
                self.out.replace(join.text(), end, next);
                self.glued = true;
            }
        }
    }
}

/// What becomes of each line's line break (see [`wrapped_lines`]). A page break's blank lines
/// (around the page number) are no paragraph break, nor is a blank line in a text that has one
/// after every line.
fn joins(
    src: &str,
    cells: &[Option<Cell>],
    kinds: &[chrome::Chrome],
    titles: &std::collections::HashSet<usize>,
    page_numbers: &[Option<u32>],
) -> Vec<unwrap::Join> {
    let page_at = |n: usize| page_numbers.get(n).is_some_and(Option::is_some);
    let blank: Vec<bool> = crate::lines::split(src).map(|l| l.trim().is_empty()).collect();
    let spaced = unwrap::double_spaced(&blank);
    // The page number nearest a blank line, over at most 8 blank lines either way (a layout
    // copy sets several between the text and its footer).
    let near_page = |n: usize| {
        let after = (n + 1..blank.len()).take(8).find(|&k| !blank[k]).is_some_and(page_at);
        after || (n.saturating_sub(8)..n).rev().find(|&k| !blank[k]).is_some_and(page_at)
    };
    wrapped_lines(src, blank.len(), |n| {
        let page_break = blank[n] && (spaced || near_page(n));
        if cells.get(n).is_some_and(Option::is_some) {
            Line::Cell
        } else if titles.contains(&n) || kinds[n] != chrome::Chrome::No || page_at(n) || page_break {
            Line::Dropped
        } else {
            Line::Text
        }
    })
}

/// What a line is to [`wrapped_lines`].
#[derive(Clone, Copy, PartialEq)]
enum Line {
    /// Text that may be joined.
    Text,
    /// Left out of the cleaned text (chrome, a page number): passed over.
    Dropped,
    /// In a table cell: never joined.
    Cell,
}

/// What becomes of each line's line break: joined where the text is hard-wrapped and the line
/// runs on into the next (see [`unwrap`]), for each of its `line_count` lines; empty when the
/// text is not hard-wrapped.
fn wrapped_lines(src: &str, line_count: usize, kind: impl Fn(usize) -> Line) -> Vec<unwrap::Join> {
    // Lines are read a few times over rather than collected: one byte a line is all that is kept.
    let kept = || crate::lines::split(src).enumerate().map(|(n, l)| (n, l, kind(n))).filter(|l| l.2 != Line::Dropped);
    let measured = || kept().filter(|l| l.2 == Line::Text).map(|l| l.1.trim()).filter(|l| !l.is_empty());
    let Some(band) = unwrap::wrap_band(measured) else { return Vec::new() };
    let mut out = vec![unwrap::Join::Keep; line_count];
    // Round and title brackets open in the paragraph so far: a paragraph ends where a line break
    // is kept.
    let mut open = 0;
    let mut lines = kept().peekable();
    while let Some((n, line, kind)) = lines.next() {
        let Some(&(_, next, next_kind)) = lines.peek() else { break };
        open = unwrap::brackets_open(line, open);
        if kind == Line::Text && next_kind == Line::Text && unwrap::runs_on(line, next, &band, open > 0) {
            out[n] = unwrap::joiner(line, next);
        } else {
            open = 0;
        }
    }
    out
}

/// Writes one line with its edits applied; overlapping edits keep the earlier one.
fn emit(out: &mut MappedText, src: &str, base: usize, line: &str, mut edits: Vec<Edit>) {
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut at = 0;
    for e in edits {
        if e.start < at || e.end > line.len() {
            continue;
        }
        out.copy(src, base + at, base + e.start);
        out.replace(e.with, base + e.start, base + e.end);
        at = e.end;
    }
    out.copy(src, base + at, base + line.len());
}

/// Whitespace as a reader expects it: none between Chinese characters (line wraps and PDF
/// spacing), one space elsewhere, none at the ends.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Runs of non-space text are copied whole; only their edges are looked at.
    let mut at = 0;
    while at < s.len() {
        let (end, next) = next_space(s, at).map_or((s.len(), s.len()), |(k, len)| (k, k + len));
        let word = &s[at..end];
        at = next;
        if word.is_empty() {
            continue;
        }
        if let (Some(prev), Some(next)) = (out.chars().next_back(), word.chars().next()) {
            if !(wide(prev) || wide(next)) {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// Characters around which a space is never meaningful in Chinese text.
fn wide(c: char) -> bool {
    is_han(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || "“”‘’—…《》".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn squeezes_chinese_spacing() {
        assert_eq!(squeeze("坚持以 习近平 新时代\n思想"), "坚持以习近平新时代思想");
        assert_eq!(squeeze(" Plan  A 方案 "), "Plan A方案");
    }

    #[test]
    fn spans_map_back() {
        let src = "目标 — 3—提供保障";
        let (m, r) = clean(src);
        assert_eq!(m.text, "目标提供保障");
        assert_eq!(r.pages, vec![3]);
        let at = m.text.find("提供").unwrap();
        assert_eq!(&src[m.to_source(at)..], "提供保障");
    }

    #[test]
    fn download_site_header_is_chrome() {
        let src = "分享\n下载文档\nID:998505\n大小:59KB\n温馨提示:\n1. 部分包含数学公式或PPT动画的文件,查看预览时可能会显示错乱。\n网站客服:3074922707\n一、指导思想";
        assert_eq!(clean(src).0.text, "一、指导思想");
    }

    #[test]
    fn a_wrapped_sentence_runs_over_a_page_break() {
        // Text copied out of a PDF: 20 characters a line, a page's number between two of them,
        // set apart by a blank line (pdftotext) or several, the number centred (pdftotext -layout).
        let words: Vec<char> = "推进乡村振兴建设工作完善农村基础设施提升公共服务水平加强生态环境保护".chars().collect();
        let full = |k: usize| -> String { (0..20).map(|i| words[(k + i) % words.len()]).chain(['\n']).collect() };
        for page_break in ["\n\n— 1 —\n\n\u{c}", "\n\n\n\n\n          — 1 —\n\u{c}"] {
            let mut src = format!("一、总体要求\n{}", (0..8).map(full).collect::<String>());
            src.push_str(&format!("推进乡村振兴工作（市发改委牵头，市财政{page_break}局配合）。\n"));
            src.push_str(&(8..12).map(full).collect::<String>());
            let (m, r) = clean(&src);
            assert!(m.text.contains("推进乡村振兴工作（市发改委牵头，市财政局配合）。\n"), "{}", m.text);
            let joined = format!("一、总体要求\n{}{}", full(0).trim_end(), full(1).trim_end());
            assert!(m.text.starts_with(&joined), "a heading is no full line; full lines are joined");
            assert_eq!(r.pages, vec![1]);
            let at = m.text.find("局配合").unwrap();
            assert_eq!(&src[m.to_source(at)..m.to_source(at) + 9], "局配合");
        }
    }

    #[test]
    fn html_paragraphs_become_lines() {
        let src = "<p>各市、县人民政府:</p><p style=\"text-align: right;\"> 山西省人民政府</p><p><br/></p>";
        assert_eq!(fold(&clean(src).0.text), "各市、县人民政府: 山西省人民政府");
        assert!(clean(src).0.text.contains('\n'));
    }
}
