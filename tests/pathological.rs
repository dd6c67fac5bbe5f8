//! Pathological text stays linear and within memory: each case of tests/support/pathological.rs
//! is parsed at two sizes (1x and 4x), and the work — bytes allocated, allocations, peak live
//! bytes, counted by a counting allocator rather than timed — must grow no faster than the input
//! (with slack for buffers that double), and the peak must stay under 10x the input plus a
//! constant. A quadratic step (a per-line or per-item copy of a growing text, a rescan per
//! candidate that allocates) shows up as work growing ~16x instead of ~4x.

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/pathological.rs"]
mod pathological;

use counting_alloc::{measure, Counting, Work};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Small enough for a debug build, large enough that the constant parts do not dominate.
const SMALL: usize = 256 * 1024;
const LARGE: usize = 4 * SMALL;
const CONSTANT: usize = 8 << 20;

fn work(text: &str) -> Work {
    let (doc, w) = measure(|| gongwen::parse(text.as_bytes(), &gongwen::Options::default()));
    let _ = doc;
    w
}

fn check(name: &str, gen: fn(usize) -> String) {
    // Warm-up: word lists and regexes are built once per process, not per input.
    work(&gen(4096));
    let small = gen(SMALL);
    let large = gen(LARGE);
    let ws = work(&small);
    let wl = work(&large);
    eprintln!("{name}: {} B -> {ws:?}; {} B -> {wl:?}", small.len(), large.len());
    let size_ratio = large.len() as f64 / small.len() as f64;
    for (what, a, b) in [("bytes allocated", ws.total, wl.total), ("allocations", ws.count, wl.count)] {
        let r = b as f64 / a.max(1) as f64;
        assert!(r <= size_ratio * 1.6, "{name}: {what} grew {r:.1}x for {size_ratio:.1}x the input ({a} -> {b})");
    }
    for (len, w) in [(small.len(), ws), (large.len(), wl)] {
        assert!(w.peak <= 10 * len + CONSTANT, "{name}: peak {} bytes for {len} bytes of input", w.peak);
    }
}

#[test]
fn prose_one_line() {
    check("prose_one_line", pathological::prose_one_line);
}

#[test]
fn markers_no_sequence() {
    check("markers_no_sequence", pathological::markers_no_sequence);
}

#[test]
fn nested_brackets() {
    check("nested_brackets", pathological::nested_brackets);
}

#[test]
fn nested_brackets_100_000_deep() {
    let text = pathological::nested_brackets(1_400_000);
    assert!(text.matches('【').count() >= 100_000);
    let w = work(&text);
    assert!(w.peak <= 10 * text.len() + CONSTANT, "peak {} bytes", w.peak);
}

#[test]
fn all_page_numbers() {
    check("all_page_numbers", pathological::all_page_numbers);
}

#[test]
fn dash_number_lines() {
    check("dash_number_lines", pathological::dash_number_lines);
}

#[test]
fn glued_page_numbers_one_line() {
    check("glued_page_numbers_one_line", pathological::glued_page_numbers_one_line);
}

#[test]
fn page_numbers_before_bracketed_items() {
    check("page_numbers_before_bracketed_items", pathological::page_numbers_before_bracketed_items);
}

#[test]
fn every_case_is_covered() {
    assert_eq!(pathological::CASES.len(), 7);
}
