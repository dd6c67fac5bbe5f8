//! A web page's title above the document that repeats it: the page's <h1> (a copy of the
//! document's heading or of its first section heading, "一、总体要求") set above the article, which
//! the HTML reader leaves out when the article repeats it, and a printout or a scraped text keeps.
//! Such a line is a short heading standing before the document's first sentence, printed again
//! word for word a few lines below, where nothing between the two is printed twice (a table of
//! contents recurs whole: its entries are kept). A line that carries on a heading left open
//! above it ("…关于印发" / "银川市城市“…”" / "…的通知") is the heading's own, even when the
//! plan's title below repeats it.

use crate::chars::without_space;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;

/// How many non-empty lines below the copy the repeat may stand.
const WINDOW: usize = 8;
/// The longest heading taken, in characters.
const LONGEST: usize = 40;
/// The shortest: a heading, not a table's header label wrapped over lines ("责任" / "领导").
const SHORTEST: usize = 4;

/// Words a notice's heading opens its subject with: a line ending with one goes on below.
const OPENINGS: [&str; 9] = ["关于", "關于", "關於", "关於", "印发", "印發", "转发", "轉發", "《"];

/// The line numbers (0-based) of the page titles to leave out; `chrome` tells the page's own
/// lines (breadcrumb, source line) from the document's, by line number.
///
/// Lines are compared as squeezed (without their white space). The first 64 lines that hold more
/// than space are kept as they stand and squeezed only where a test reads them whole (the short
/// lines before the first sentence): a comparison reads a line squeezed as it goes and stops at
/// the first difference, and the count of a long line stops at its limit.
pub(crate) fn copies(src: &str, chrome: impl Fn(usize) -> bool) -> HashSet<usize> {
    let lines: Vec<(usize, &str)> =
        crate::lines::split(src).enumerate().filter(|(_, l)| !l.trim().is_empty()).take(64).collect();
    let squeezed: Vec<OnceCell<Cow<str>>> = lines.iter().map(|_| OnceCell::new()).collect();
    let sq = |k: usize| squeezed[k].get_or_init(|| without_space(lines[k].1));
    let mut out = framed(src, &lines, chrome);
    let sentence = |l: &str| l.contains('。') || solid_at_least(l, 61);
    let first_sentence = lines.iter().position(|(_, l)| sentence(l)).unwrap_or(lines.len());
    for i in 0..first_sentence {
        let l = sq(i);
        if !(SHORTEST..=LONGEST).contains(&l.chars().count())
            || l.contains([':', '：'])
            || i > 0 && OPENINGS.iter().any(|w| sq(i - 1).ends_with(w))
        {
            continue;
        }
        let same = |k: usize, m: &str| same_squeezed(lines[k].1, m);
        let Some(j) = (i + 1..lines.len().min(i + 1 + WINDOW)).find(|&j| same(j, l)) else { continue };
        // What stands between is printed once: no line of it recurs, before or after. (The few
        // lines between are compared with the others as they stand: most differ at once, where a
        // set of all the others cost a hash of each for every candidate.)
        let recurs = |m: &str| (0..i).chain(j + 1..lines.len()).any(|o| same(o, m));
        if (i + 1..j).all(|k| !same(k, l) && !recurs(sq(k))) {
            out.insert(lines[i].0);
        }
    }
    out
}

/// True when `l` holds at least `n` characters that are not white space (counted no further).
fn solid_at_least(l: &str, n: usize) -> bool {
    l.chars().filter(|c| !c.is_whitespace()).take(n).count() >= n
}

/// Page titles of any length: a run of at most [`FRAMED_LINES`] lines set between two lines of the
/// page's chrome (breadcrumb above, source line below, as a printout of a government page has its
/// <h1>, wrapped when long) that the text below repeats word for word, however far down and
/// however its lines break there (a site may take any paragraph for its title).
fn framed(src: &str, lines: &[(usize, &str)], chrome: impl Fn(usize) -> bool) -> HashSet<usize> {
    let is_chrome = |k: usize| chrome(lines[k].0);
    let mut out = HashSet::new();
    let below = OnceCell::new();
    for i in 1..lines.len() {
        if !is_chrome(i - 1) || is_chrome(i) {
            continue;
        }
        let last = lines.len().min(i + FRAMED_LINES);
        let Some(end) = (i..last).find(|&k| k + 1 < lines.len() && is_chrome(k + 1)) else { continue };
        let title: String = lines[i..=end].iter().map(|(_, l)| without_space(l)).collect();
        let below = below.get_or_init(|| Below::new(src, lines[i].0));
        if title.chars().count() >= SHORTEST && below.repeats(lines[end].0 + 1, &title) {
            out.extend(lines[i..=end].iter().map(|&(no, _)| no));
        }
    }
    out
}

/// The most lines a framed page title may take.
const FRAMED_LINES: usize = 3;

/// The text below the page's head squeezed into one string (white space left out), made once
/// for all framed candidates, with the squeezed offsets where its lines start: a title repeated
/// below is found by one linear search (memmem), whatever the length of its lines, and a find
/// counts when it starts and ends where lines meet.
struct Below {
    /// The squeezed text from the first candidate's line on.
    text: String,
    /// Where each line from there on starts in `text`, by line number, and where the last ends.
    starts: Vec<usize>,
    /// The first line `text` holds.
    from: usize,
}

impl Below {
    fn new(src: &str, from: usize) -> Below {
        let mut text = String::new();
        let mut starts = vec![0];
        for line in crate::lines::split(src).skip(from) {
            text.extend(line.chars().filter(|c| !c.is_whitespace()));
            starts.push(text.len());
        }
        Below { text, starts, from }
    }

    /// Whether whole lines, one or more in a row, from line `from` on, hold `title` and nothing
    /// else. The finds do not overlap (that keeps the search linear): a title that could overlap
    /// itself ("一二一二一") may be missed, and the line is then kept, as before.
    fn repeats(&self, from: usize, title: &str) -> bool {
        let Some(&skip) = self.starts.get(from.saturating_sub(self.from)) else { return false };
        memchr::memmem::find_iter(&self.text.as_bytes()[skip..], title.as_bytes())
            .any(|at| self.meet(skip + at) && self.meet(skip + at + title.len()))
    }

    /// Whether two lines meet at `at` (the starts are in order).
    fn meet(&self, at: usize) -> bool {
        self.starts.binary_search(&at).is_ok()
    }
}

/// True when `line` without its white space is `squeezed`.
fn same_squeezed(line: &str, squeezed: &str) -> bool {
    line.chars().filter(|c| !c.is_whitespace()).eq(squeezed.chars())
}

#[cfg(test)]
mod tests {
    fn copies(src: &str, chrome: fn(&str) -> bool) -> std::collections::HashSet<usize> {
        let lines: Vec<&str> = src.split('\n').collect();
        super::copies(src, |n| chrome(lines[n]))
    }

    fn chrome(l: &str) -> bool {
        l.starts_with("当前位置") || l.starts_with("来源")
    }

    #[test]
    fn a_page_title_repeated_below_is_left_out() {
        let page = "当前位置:首页\n一、总体要求\n2017-08-07 来源:本站\n为深入贯彻落实精神,制定本方案。\n一、总体要求\n(一)指导思想\n";
        assert_eq!(copies(page, chrome), [1].into_iter().collect());
        // A table of contents recurs whole: its first entry stays.
        let toc = "目录\n一、总体要求\n二、主要任务\n一、总体要求\n坚持以人民为中心。\n二、主要任务\n";
        assert!(copies(toc, chrome).is_empty());
        // A table header whose labels wrap: its labels recur, they are no title.
        assert!(copies("序号\n责任\n领导\n责任\n科室\n1\n白仙山水库工程。\n", chrome).is_empty());
        // The middle line of a heading wrapped over three lines, repeated by the plan's title below.
        let wrapped = "X办公室关于印发\n银川市城市“规划水平”\n提升方案的通知\n各单位:\n现印发。\n银川市城市“规划水平”\n提升方案\n";
        assert!(copies(wrapped, chrome).is_empty());
        // A heading printed once stays.
        assert!(copies("关于印发某方案的通知\n各单位:\n现印发给你们。\n", chrome).is_empty());
        // A page that takes a paragraph for its title, between its breadcrumb and source line.
        let para = "当前位置:首页\n一、提升站位。为民服务是具体实践。\n来源:本站\n关于印发某方案的通知\n某方案\n一、提升站位。为民服务是具体实践。\n";
        assert_eq!(copies(para, chrome), [1].into_iter().collect());
        // The same, the title wrapped over two lines, the text below breaking elsewhere.
        let wrapped = "当前位置:首页\n一、提升站位。为民服\n务是具体实践。\n来源:本站\n某方案\n一、提升站位。\n为民服务是具体实践。\n";
        assert_eq!(copies(wrapped, chrome), [1, 2].into_iter().collect());
        // Framed lines the text below holds only in part are the page's own.
        let part = "当前位置:首页\n一、提升站位。为民服\n务是具体实践。\n来源:本站\n某方案\n一、提升站位。\n";
        assert!(copies(part, chrome).is_empty());
    }
}
