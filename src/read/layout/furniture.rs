//! Page furniture (页眉, 页脚, 页码), recognised by position: the lines at the top or bottom edge
//! of a page that are a page number (— 3 —, -3-, 第3页 共9页, 3/9, a bare 3) or that repeat at the
//! same height on other pages (a running header, a browser's printed header and footer). Only the
//! outermost lines are looked at, walking in from each edge until a line is body text, so a page
//! number quoted in the body is never taken.

use super::lines::Line;
use super::view::View;
use std::borrow::Cow;
use std::collections::HashMap;

/// The share of the page height, from each edge, where page numbers are looked for.
const NUMBER_ZONE: f32 = 0.2;
/// The share where repeated lines are taken as running headers and footers.
const REPEAT_ZONE: f32 = 0.12;
/// Heights within this many points count as the same place.
const SAME_PLACE: f32 = 4.0;

/// Removes the furniture lines from the views. Only the main direction of a page has furniture:
/// text set another way (a watermark repeated on every page) is kept.
pub(crate) fn drop(views: &mut [View]) {
    let cuts = furniture(views);
    for (v, (top, bottom)) in views.iter_mut().filter(|v| v.main).zip(cuts) {
        let n = v.lines.len();
        v.lines.truncate(n - bottom);
        v.lines.drain(..top);
    }
}

/// Where the main lines of each page stand, by their key: (key, height bucket, page), sorted, so
/// that the pages with a text at a place are a run found by binary search.
struct Seen<'a>(Vec<(Cow<'a, str>, i32, u32)>);

impl Seen<'_> {
    /// The pages other than `page` with the key within one bucket of `b`.
    fn others(&self, k: &str, b: i32, page: u32) -> usize {
        let from = self.0.partition_point(|e| (&*e.0, e.1) < (k, b - 1));
        let run = self.0[from..].iter().take_while(|e| &*e.0 == k && e.1 <= b + 1);
        let mut others: Vec<u32> = run.map(|e| e.2).filter(|&p| p != page).collect();
        others.sort_unstable();
        others.dedup();
        others.len()
    }
}

/// The furniture lines of each main view: how many open it and how many end it.
fn furniture(views: &[View]) -> Vec<(usize, usize)> {
    // Every line, not only those at the edges: whether the text inside a running head repeats
    // too is asked below.
    let mut seen: Vec<(Cow<str>, i32, u32)> = views
        .iter()
        .filter(|v| v.main)
        .flat_map(|v| v.lines.iter().map(|l| (key(l), bucket(l.baseline), v.page)))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let seen = Seen(seen);
    // A running head or foot stands at the same place on at least half the other pages (two at
    // least: a two-page letter may well open both pages alike; one for a page count, 1/2, 第1页).
    // A line of a long table that happens to fall at the top of a few pages does not.
    let pages = views.iter().filter(|v| v.main).map(|v| v.page).collect::<std::collections::HashSet<_>>().len();
    let half = pages.saturating_sub(1) / 2;
    let repeated = |l: &Line, page: u32| {
        let k = key(l);
        seen.others(&k, bucket(l.baseline), page) >= half.max(if has_page_token(&k) { 1 } else { 2 })
    };
    // Bare numbers ("3") are page numbers only when they run with the pages: the same offset from
    // the page's own number on half the pages and two at least (or on the only page). Row numbers
    // of a long table that fall at page edges do not keep step.
    let offsets = bare_number_offsets(views);
    let numbered = |text: &str, page: u32| {
        let Ok(n) = text.trim().parse::<i64>() else { return false };
        let offset = n - i64::from(page) - 1;
        offsets.get(&offset).copied().unwrap_or(0) >= 2.max(pages.div_ceil(2))
            || (pages == 1 && (0..=1).contains(&offset))
    };
    // Running heads are set no larger than the body text: a larger line repeated at the top of
    // every page is the document's own heading (an invoice's 清单 pages).
    let mut sizes: Vec<f32> = views.iter().filter(|v| v.main).flat_map(|v| v.lines.iter().map(|l| l.size)).collect();
    let body_size = if sizes.is_empty() { 0.0 } else { super::lines::median(&mut sizes) };
    let mut out = Vec::new();
    for v in views.iter().filter(|v| v.main) {
        let (height, page) = (v.height, v.page);
        let is_furniture = |l: &Line| {
            let number = is_page_number(&l.text) && (!is_bare_number(&l.text) || numbered(&l.text, page));
            (in_zone(l.baseline, height, NUMBER_ZONE) && number)
                || (in_zone(l.baseline, height, REPEAT_ZONE) && l.size <= 1.05 * body_size && repeated(l, page))
        };
        let n = v.lines.len();
        let mut top = v.lines.iter().take_while(|l| is_furniture(l)).count();
        let mut bottom = if top == n { 0 } else { v.lines.iter().rev().take_while(|l| is_furniture(l)).count() };
        // Running heads and feet frame text that changes from page to page. When the line just
        // inside them repeats at its place too, every page repeats a chart or a form, and the
        // lines at its edges are its own.
        let inside_repeats = |k: usize| v.lines.get(k).is_some_and(|l| repeated(l, page));
        if top > 0 && inside_repeats(top) {
            top = 0;
        }
        if bottom > 0 && bottom < n && inside_repeats(n - 1 - bottom) {
            bottom = 0;
        }
        out.push((top, bottom));
    }
    out
}

/// A page number with nothing around it: "3".
fn is_bare_number(text: &str) -> bool {
    all_digits(text.trim())
}

/// For each difference between a bare number at a page's top or bottom edge and the page's own
/// number, on how many pages it is found.
fn bare_number_offsets(views: &[View]) -> HashMap<i64, usize> {
    let mut out: HashMap<i64, usize> = HashMap::new();
    for v in views.iter().filter(|v| v.main) {
        let n = v.lines.len();
        let edges = v.lines.iter().take(2).chain(v.lines.iter().skip(n.saturating_sub(2).max(2)));
        for l in edges.filter(|l| in_zone(l.baseline, v.height, NUMBER_ZONE) && is_bare_number(&l.text)) {
            if let Ok(num) = l.text.trim().parse::<i64>() {
                *out.entry(num - i64::from(v.page) - 1).or_default() += 1;
            }
        }
    }
    out
}

fn in_zone(y: f32, height: f32, share: f32) -> bool {
    y < height * share || y > height * (1.0 - share)
}

fn bucket(y: f32) -> i32 {
    (y / SAME_PLACE).round() as i32
}

/// The text a repeated line is compared by: without spaces, and with digits folded when it holds
/// a page count (1/3, 第1页), which changes from page to page. Borrowed when that is the text
/// itself (most lines).
fn key(line: &Line) -> Cow<'_, str> {
    let text = line.text.as_str();
    // No white space lies above U+3000: CJK text is told apart without the Unicode tables.
    let space = |c: char| u32::from(c) <= 0x3000 && c.is_whitespace();
    let t: Cow<str> = if line.spaced {
        // The runs between white space copied whole.
        let mut t = String::with_capacity(text.len());
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if space(c) {
                t.push_str(&text[run..i]);
                run = i + c.len_utf8();
            }
        }
        t.push_str(&text[run..]);
        Cow::Owned(t)
    } else {
        Cow::Borrowed(text)
    };
    if !has_page_token(&t) {
        return t;
    }
    // Each run of digits as one '#': page 9 and page 10 fold alike.
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    Cow::Owned(out)
}

/// Holds "N/M", "第N页" or "Page N".
fn has_page_token(t: &str) -> bool {
    let b = t.as_bytes();
    // Each searched for by one byte (memchr): a line of CJK text holds none of them mostly.
    let digit = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
    let slash = || memchr::memchr_iter(b'/', b).any(|i| digit(i.checked_sub(1)) && digit(Some(i + 1)));
    let page = || memchr::memchr2(b'p', b'P', b).is_some() && b.windows(4).any(|w| w.eq_ignore_ascii_case(b"page"));
    // A CJK character by its last byte, then the bytes before it.
    let has = |c: char| {
        let mut buf = [0; 4];
        let c = c.encode_utf8(&mut buf).as_bytes();
        let n = c.len();
        memchr::memchr_iter(c[n - 1], b).any(|i| i + 1 >= n && b[i + 1 - n..=i] == *c)
    };
    slash() || (has('第') && has('页')) || page()
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '－' | '–' | '-' | '―' | '─' | '‐' | '_' | '~' | '·' | '•')
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A line that is nothing but a page number.
pub(crate) fn is_page_number(text: &str) -> bool {
    // Only these characters can stand in one (see below): a line of body text is told at its first.
    let possible = |c: char| {
        c.is_ascii_digit()
            || c.is_whitespace()
            || is_dash(c)
            || matches!(c, '第' | '页' | '共' | '/' | '，' | ',' | '（' | '）' | '(' | ')')
            || matches!(c.to_ascii_lowercase(), 'p' | 'a' | 'g' | 'e' | 'o' | 'f')
    };
    if !text.chars().all(possible) {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(is_dash);
    if all_digits(core) {
        return true; // — 3 —, -3-, 3
    }
    // 第3页 共9页, 第3页/共9页, 共9页 第3页, 第3页
    let parts: Vec<&str> = core.split(['第', '页', '共', '/', '，', ',', '（', '）', '(', ')']).collect();
    if core.contains('页') && parts.iter().all(|p| p.is_empty() || all_digits(p)) {
        return parts.iter().any(|p| !p.is_empty());
    }
    // 3/9, Page 3, Page 3 of 9
    let lower = core.to_ascii_lowercase();
    let lower = lower.strip_prefix("page").unwrap_or(&lower);
    let parts: Vec<&str> = lower.split(['/', 'o', 'f']).filter(|p| !p.is_empty()).collect();
    !parts.is_empty() && parts.len() <= 2 && parts.iter().all(|p| all_digits(p))
}
