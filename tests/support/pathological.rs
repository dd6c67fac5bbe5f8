//! Pathological inputs of a given size, shared by tests/pathological.rs (work counted) and
//! benches/pathological.rs (times printed). Deterministic: the same size gives the same bytes.
#![allow(dead_code)] // each harness uses a part of it

/// Makes an input of about the given size.
pub type Generator = fn(usize) -> String;

/// The cases: a name and a generator of about `size` bytes.
pub const CASES: &[(&str, Generator)] = &[
    ("prose_one_line", prose_one_line),
    ("markers_no_sequence", markers_no_sequence),
    ("nested_brackets", nested_brackets),
    ("all_page_numbers", all_page_numbers),
    ("dash_number_lines", dash_number_lines),
    ("glued_page_numbers_one_line", glued_page_numbers_one_line),
    ("page_numbers_before_bracketed_items", page_numbers_before_bracketed_items),
];

/// One line of prose with no line break at all.
pub fn prose_one_line(size: usize) -> String {
    let s = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，加强组织领导，明确责任分工，确保各项工作落到实处；";
    fill(size, |out, _| out.push_str(s))
}

/// Candidate markers ("%d.事项 ") with random numbers: a million at 10 MB, none in sequence.
pub fn markers_no_sequence(size: usize) -> String {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    fill(size, |out, n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(&format!("{}.事项 ", state % 1000));
        if n % 8 == 7 {
            out.push('\n');
        }
    })
}

/// Brackets nested ever deeper (100,000 levels of three kinds at 1.4 MB), then closed, around
/// some text.
pub fn nested_brackets(size: usize) -> String {
    let per = "（(【".len() + "】)）".len();
    let depth = size / per;
    let mut out = String::with_capacity(size);
    out.push_str("一、总体要求\n");
    for _ in 0..depth {
        out.push_str("（(【");
    }
    out.push_str("加强领导");
    for _ in 0..depth {
        out.push_str("】)）");
    }
    out.push('\n');
    out
}

/// Nothing but page-number lines ("— N —", N rising from 1 to 9999 and again).
pub fn all_page_numbers(size: usize) -> String {
    fill(size, |out, n| out.push_str(&format!("— {} —\n", n % 9999 + 1)))
}

/// Lines like page numbers that are too long to be ones ("— 12345 —"): they stay in the text.
pub fn dash_number_lines(size: usize) -> String {
    fill(size, |out, n| out.push_str(&format!("— {} —\n", 10_000 + n)))
}

/// One line of page numbers glued to item numbers ("——48.加大"), the split the page cleaner
/// works hardest on.
pub fn glued_page_numbers_one_line(size: usize) -> String {
    fill(size, |out, n| out.push_str(&format!("文艺宣传。 ——{}{}.加大新闻 ", n % 9 + 1, n % 7 + 1)))
}

/// One line of bracketed items, each after a page number glued to it ("——8(15)"), out of any
/// page sequence: each is told by the item before it, which must not be looked for afresh.
pub fn page_numbers_before_bracketed_items(size: usize) -> String {
    fill(size, |out, n| out.push_str(&format!("({})依法执行。 ——{}({})加快建设。", n % 90 + 1, n % 9 + 20, n % 90 + 2)))
}

fn fill(size: usize, mut f: impl FnMut(&mut String, usize)) -> String {
    let mut out = String::with_capacity(size + 64);
    let mut n = 0;
    while out.len() < size {
        f(&mut out, n);
        n += 1;
    }
    out
}
