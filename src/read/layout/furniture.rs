//! Page furniture (页眉, 页脚, 页码), recognised by position: the lines at the top or bottom edge
//! of a page that are a page number (— 3 —, -3-, 第3页 共9页, 3/9, a bare 3) or that repeat at the
//! same height on other pages (a running header, a browser's printed header and footer). Only the
//! outermost lines are looked at, walking in from each edge until a line is body text, so a page
//! number quoted in the body is never taken.

use super::lines::Line;
use super::view::View;
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
    // Key text → height bucket → the pages with that text there.
    let mut seen: HashMap<String, HashMap<i32, Vec<u32>>> = HashMap::new();
    for v in views.iter().filter(|v| v.main) {
        // Every line, not only those at the edges: whether the text inside a running head
        // repeats too is asked below.
        for l in &v.lines {
            let pages = seen.entry(key(&l.text)).or_default().entry(bucket(l.baseline)).or_default();
            if pages.last() != Some(&v.page) {
                pages.push(v.page);
            }
        }
    }
    // A running head or foot stands at the same place on at least half the other pages (two at
    // least: a two-page letter may well open both pages alike; one for a page count, 1/2, 第1页).
    // A line of a long table that happens to fall at the top of a few pages does not.
    let pages = views.iter().filter(|v| v.main).map(|v| v.page).collect::<std::collections::HashSet<_>>().len();
    let half = pages.saturating_sub(1) / 2;
    let repeated = |text: &str, y: f32, page: u32| {
        let k = key(text);
        let b = bucket(y);
        let at = seen.get(&k);
        let mut others: Vec<u32> =
            (b - 1..=b + 1).filter_map(|b| at?.get(&b)).flatten().copied().filter(|&p| p != page).collect();
        others.sort_unstable();
        others.dedup();
        others.len() >= half.max(if has_page_token(&k) { 1 } else { 2 })
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
    sizes.sort_by(f32::total_cmp);
    let body_size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    for v in views.iter_mut().filter(|v| v.main) {
        let (height, page) = (v.height, v.page);
        let is_furniture = |l: &Line| {
            let number = is_page_number(&l.text) && (!is_bare_number(&l.text) || numbered(&l.text, page));
            (in_zone(l.baseline, height, NUMBER_ZONE) && number)
                || (in_zone(l.baseline, height, REPEAT_ZONE)
                    && l.size <= 1.05 * body_size
                    && repeated(&l.text, l.baseline, page))
        };
        let n = v.lines.len();
        let mut top = v.lines.iter().take_while(|l| is_furniture(l)).count();
        let mut bottom = if top == n { 0 } else { v.lines.iter().rev().take_while(|l| is_furniture(l)).count() };
        // Running heads and feet frame text that changes from page to page. When the line just
        // inside them repeats at its place too, every page repeats a chart or a form, and the
        // lines at its edges are its own.
        let inside_repeats = |k: usize| v.lines.get(k).is_some_and(|l| repeated(&l.text, l.baseline, page));
        if top > 0 && inside_repeats(top) {
            top = 0;
        }
        if bottom > 0 && bottom < n && inside_repeats(n - 1 - bottom) {
            bottom = 0;
        }
        v.lines.truncate(n - bottom);
        v.lines.drain(..top);
    }
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
/// a page count (1/3, 第1页), which changes from page to page.
fn key(text: &str) -> String {
    // The runs between white space copied whole (no white space lies above U+3000: CJK text is
    // told apart without the Unicode tables).
    let mut t = String::with_capacity(text.len());
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if u32::from(c) <= 0x3000 && c.is_whitespace() {
            t.push_str(&text[run..i]);
            run = i + c.len_utf8();
        }
    }
    t.push_str(&text[run..]);
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
    out
}

/// Holds "N/M", "第N页" or "Page N".
fn has_page_token(t: &str) -> bool {
    let b = t.as_bytes();
    let slash = b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'/' && w[2].is_ascii_digit());
    let page = || memchr::memchr2(b'p', b'P', b).is_some() && b.windows(4).any(|w| w.eq_ignore_ascii_case(b"page"));
    slash || (t.contains('第') && t.contains('页')) || page()
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '－' | '–' | '-' | '―' | '─' | '‐' | '_' | '~' | '·' | '•')
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A line that is nothing but a page number.
pub(crate) fn is_page_number(text: &str) -> bool {
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
