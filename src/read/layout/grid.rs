//! Borderless tables: text set in columns with no rules drawn, as a browser prints a web page's
//! information table (索引号 | 0000-1473 | 发布机构 | …, its narrow label cells wrapped a character
//! a line) or a form sets its labels and values. The cells of such a grid share baselines across
//! columns, so read as lines they interleave ("发 各县、区人民政府", "索", "布 市政府各工作部门").
//!
//! Found by the white space between the columns, as an XY-cut finds it. A gutter is a strip at
//! least a word space wide (by the thresholds of [`super::lines`]: a drawn space glyph is text, not
//! a gutter) that stays clear of ink on consecutive lines. Where two gutters or more run beside
//! each other over three lines or more, those lines are a grid (three columns at least: a single
//! gutter is a numbered list's tab or a page set in two columns), trimmed to lines with ink on both
//! sides of a gutter. It takes in the lines just above and below it that touch it and cross none of
//! its gutters (a label's first character set above the row's first line; a wrapped label's wider
//! line may narrow a gutter from its side), and its columns are the clear strips of all its ink
//! together. A gap narrower than a space between a number and a CJK word is a gutter where the
//! line above or below has a gutter's width of white around it.
//!
//! The cells are read in drawing order, as writers draw them (a cell's text, then the next cell's):
//! a run of glyphs in one column is a cell, and a run that goes back to the same column or one
//! further left opens a row. When the drawing order makes no sense (more rows than lines), each
//! line is a row.
//!
//! Bounded: past [`MAX_WORK`] steps on a page the search gives up and the page has no grid.

use super::lines::{self, Grouping};
use super::tables::{Table, TableCell};
use super::Glyph;

/// Steps of the gutter search on one page (line tests) beyond which it gives up.
const MAX_WORK: usize = 200_000;
/// The narrowest gutter, in font sizes: the cell spacing of a browser's default table (4 px at
/// 12 pt) is a quarter em.
const MIN_GUTTER: f32 = 0.2;
/// The narrowest gutter between Latin words, in font sizes: wider than a justified word space.
const LATIN_GUTTER: f32 = 0.6;
/// Ink pieces closer than this (in font sizes) are one piece: glyphs set next to each other.
const TOUCH: f32 = 0.05;

/// A piece of ink on a line: glyphs that touch, with the characters at its ends.
#[derive(Debug, Clone, Copy)]
struct Ink {
    x0: f32,
    x1: f32,
    first: char,
    last: char,
}

/// A line of the page as the gutter search sees it.
#[derive(Debug, Clone)]
struct Row {
    top: f32,
    base: f32,
    size: f32,
    ink: Vec<Ink>,
    /// The glyphs, as the line's run of the grouping (`Grouping::glyph` names the page's glyphs).
    glyphs: std::ops::Range<usize>,
}

/// A clear strip `x0..x1` over the lines `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gutter {
    from: usize,
    to: usize,
    x0: f32,
    x1: f32,
}

/// What the search found: the tables, the glyphs outside them in their order, and when there is
/// no table the glyphs' lines (the search made them already).
pub(crate) type Found<'a> = (Vec<Table>, Vec<&'a Glyph>, Option<Grouping<'a>>);

/// Finds the borderless tables among a page's glyphs (drawing order).
pub(crate) fn find(glyphs: Vec<&Glyph>, page: u32) -> Found<'_> {
    let grouping = lines::group(&glyphs);
    let rows = rows(&grouping);
    let regions = gutters(&rows).map(|g| regions(&rows, &g)).unwrap_or_default();
    if regions.is_empty() {
        drop(rows);
        return (Vec::new(), glyphs, Some(grouping));
    }
    // For each glyph, its region and line within it.
    let mut at: Vec<Option<(usize, usize)>> = vec![None; glyphs.len()];
    for (r, reg) in regions.iter().enumerate() {
        for (k, row) in rows[reg.from..=reg.to].iter().enumerate() {
            for &i in &grouping.glyph[row.glyphs.clone()] {
                at[i as usize] = Some((r, k));
            }
        }
    }
    let tables = regions
        .iter()
        .enumerate()
        .map(|(r, reg)| table(reg, r, (&rows, &grouping.glyph), &glyphs, &at, page))
        .collect();
    let rest = glyphs.iter().zip(&at).filter(|(_, a)| a.is_none()).map(|(g, _)| *g).collect();
    (tables, rest, None)
}

/// The lines of the page with their ink (each line's glyphs are left to right in the grouping).
fn rows(grouping: &Grouping) -> Vec<Row> {
    // A buffer kept from one line to the next.
    let mut sizes: Vec<f32> = Vec::new();
    grouping
        .lines()
        .filter_map(|run| {
            let placed = || grouping.marks[run.clone()].iter();
            sizes.clear();
            let (mut top, mut base) = (f32::MAX, f32::MIN);
            for m in placed() {
                sizes.push(m.size);
                (top, base) = (top.min(m.top), base.max(m.baseline));
            }
            if sizes.is_empty() {
                return None;
            }
            let size = lines::median(&mut sizes);
            let mut ink: Vec<Ink> = Vec::new();
            for m in placed() {
                let (x0, x1) = (m.x0, m.x1);
                match ink.last_mut() {
                    Some(p) if x0 <= p.x1 + TOUCH * size => {
                        if x1 >= p.x1 {
                            (p.x1, p.last) = (x1, m.last);
                        }
                    }
                    _ => ink.push(Ink { x0, x1, first: m.first, last: m.last }),
                }
            }
            Some(Row { top, base, size, ink, glyphs: run })
        })
        .collect()
}

/// The narrowest gap between two pieces of ink that reads as a space (the word-space thresholds
/// of the line reader, and at least [`MIN_GUTTER`]), in font sizes.
fn space_between(before: char, after: char) -> f32 {
    let latin = |c: char| c.is_ascii_alphanumeric();
    match (latin(before), latin(after)) {
        // Between Latin words a word space (a quarter to a third of an em) is no gutter.
        (true, true) => LATIN_GUTTER,
        (false, false) => MIN_GUTTER,
        _ => 0.35,
    }
}

/// The widest part of `lo..hi` that the line's ink leaves clear.
fn clear(row: &Row, lo: f32, hi: f32) -> Option<(f32, f32)> {
    let mut best: Option<(f32, f32)> = None;
    let mut x = lo;
    let wider = |best: Option<(f32, f32)>, a: f32, b: f32| best.is_none_or(|(p, q)| b - a > q - p);
    let from = row.ink.partition_point(|i| i.x1 <= lo);
    for i in row.ink[from..].iter().take_while(|i| i.x0 < hi) {
        if i.x0 > x && wider(best, x, i.x0) {
            best = Some((x, i.x0));
        }
        x = x.max(i.x1);
    }
    if hi > x && wider(best, x, hi) {
        best = Some((x, hi));
    }
    best
}

/// Ink on both sides of the strip: the line has text in the columns either side of it.
fn inner(row: &Row, lo: f32, hi: f32) -> bool {
    row.ink.first().is_some_and(|i| i.x1 <= lo + 0.01) && row.ink.last().is_some_and(|i| i.x0 >= hi - 0.01)
}

/// Whether line `b` follows line `a` closely enough to stand in the same table (no more than a
/// line's height of white between them).
fn close(a: &Row, b: &Row) -> bool {
    b.top - a.base <= 1.2 * a.size.max(b.size)
}

/// Every gutter of the page, or None when the search ran out of its budget.
fn gutters(rows: &[Row]) -> Option<Vec<Gutter>> {
    let mut out: Vec<Gutter> = Vec::new();
    let mut work = 0;
    for (i, row) in rows.iter().enumerate() {
        for w in row.ink.windows(2) {
            let (lo, hi) = (w[0].x1, w[1].x0);
            // Between Latin words only a gap wider than a word space is a gutter.
            let latin = w[0].last.is_ascii_alphanumeric() && w[1].first.is_ascii_alphanumeric();
            let narrow = hi - lo < space_between(w[0].last, w[1].first) * row.size;
            if narrow && (latin || hi - lo < MIN_GUTTER * row.size || !open_beside(rows, i, lo, hi)) {
                continue;
            }
            // The scan of the gutters found so far is work too (a page of many gaps on few lines).
            work += out.len() / 8;
            if out.iter().any(|g| g.from <= i && i <= g.to && g.x0 < hi && lo < g.x1) {
                continue; // found already, from a line above
            }
            work += rows.len().min(64);
            if work > MAX_WORK {
                return None;
            }
            let down = extend(rows, i, (lo, hi), true, &mut work);
            let up = extend(rows, i, (lo, hi), false, &mut work);
            let (x0, x1) = (down.1 .0.max(up.1 .0), down.1 .1.min(up.1 .1));
            if x1 - x0 >= MIN_GUTTER * row.size {
                out.push(Gutter { from: up.0, to: down.0, x0, x1 });
            }
        }
    }
    Some(out)
}

/// Whether a line next to line `i` has a gap around `lo..hi` that is a gutter by itself, with
/// ink on both sides: a narrower gap ("0000-2062" and "发布机构" a quarter em apart, as a writer's
/// autospace sets them) is a gutter when the column beside it is clear on the next line.
fn open_beside(rows: &[Row], i: usize, lo: f32, hi: f32) -> bool {
    let near = [i.checked_sub(1), Some(i + 1)];
    near.into_iter().flatten().filter_map(|k| rows.get(k)).any(|n| {
        let (a, b) = if n.base < rows[i].base { (n, &rows[i]) } else { (&rows[i], n) };
        let k = n.ink.partition_point(|p| p.x1 <= lo + 0.01);
        let (Some(before), Some(after)) = (k.checked_sub(1).and_then(|k| n.ink.get(k)), n.ink.get(k)) else {
            return false;
        };
        close(a, b) && after.x0 >= hi - 0.01 && after.x0 - before.x1 >= space_between(before.last, after.first) * n.size
    })
}

/// How far a strip stays clear from line `i` down (or up): the last line and the strip there.
fn extend(rows: &[Row], i: usize, strip: (f32, f32), down: bool, work: &mut usize) -> (usize, (f32, f32)) {
    let (mut k, mut s) = (i, strip);
    loop {
        let next = if down { k + 1 } else { k.wrapping_sub(1) };
        let Some(n) = rows.get(next) else { break };
        *work += 1;
        let (a, b) = if down { (&rows[k], n) } else { (n, &rows[k]) };
        if !close(a, b) {
            break;
        }
        match clear(n, s.0, s.1) {
            Some(c) if c.1 - c.0 >= MIN_GUTTER * rows[i].size.min(n.size) => s = c,
            _ => break,
        }
        k = next;
    }
    (k, s)
}

/// A grid: its lines and the clear strips between its columns, left to right.
#[derive(Debug, Clone, PartialEq)]
struct Region {
    from: usize,
    to: usize,
    strips: Vec<(f32, f32)>,
}

/// The grids: runs of lines beside two gutters or more (see the module doc).
fn regions(rows: &[Row], gutters: &[Gutter]) -> Vec<Region> {
    let active = |k: usize| gutters.iter().filter(move |g| g.from <= k && k <= g.to);
    let supports = |k: usize| active(k).any(|g| inner(&rows[k], g.x0, g.x1));
    let mut out = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        if active(k).count() < 2 {
            k += 1;
            continue;
        }
        let mut from = k;
        while k < rows.len() && active(k).count() >= 2 {
            k += 1;
        }
        let mut to = k - 1;
        while from <= to && !supports(from) {
            from += 1;
        }
        while to >= from && !supports(to) {
            to -= 1;
        }
        // Three lines at least; two when they hold four columns (a page's two-row information
        // table: label, value, label, value).
        let gutters_here = active(from).filter(|g| inner(&rows[from], g.x0, g.x1)).count();
        if to < from + 2 && !(to == from + 1 && gutters_here >= 3) {
            continue;
        }
        let mut strips: Vec<(f32, f32)> = gutters
            .iter()
            .filter(|g| g.from <= from && to <= g.to)
            .filter(|g| (from..=to).filter(|&j| inner(&rows[j], g.x0, g.x1)).count() >= 2)
            .map(|g| (g.x0, g.x1))
            .collect();
        strips.sort_by(|a, b| a.0.total_cmp(&b.0));
        strips.dedup_by(|b, a| b.0 < a.1);
        if strips.len() < 2 {
            continue;
        }
        // The lines around take the columns the grid's own lines leave clear.
        let strips = columns(&rows[from..=to]);
        let crosses = |row: &Row| strips.iter().any(|&s| !leaves_clear(row, s));
        let floor = out.last().map_or(0, |r: &Region| r.to + 1);
        while from > floor && close(&rows[from - 1], &rows[from]) && !crosses(&rows[from - 1]) {
            from -= 1;
        }
        while to + 1 < rows.len() && close(&rows[to], &rows[to + 1]) && !crosses(&rows[to + 1]) {
            to += 1;
        }
        k = k.max(to + 1);
        let strips = columns(&rows[from..=to]);
        if strips.len() >= 2 {
            out.push(Region { from, to, strips });
        }
    }
    out
}

/// Whether a line leaves a gutter of the grid clear: untouched, or narrowed from one side by no
/// more than leaves a gutter (a wrapped label's wider line, "发文" / "日期:", reaching into the
/// white beside its column). A gap inside the strip with ink on both sides is a word space.
fn leaves_clear(row: &Row, s: (f32, f32)) -> bool {
    if !row.ink.iter().any(|i| i.x0 < s.1 - 0.01 && i.x1 > s.0 + 0.01) {
        return true;
    }
    clear(row, s.0, s.1).is_some_and(|(a, b)| {
        let from_edge = (a - s.0).abs() < 0.01 || (b - s.1).abs() < 0.01;
        from_edge && b - a >= MIN_GUTTER * row.size
    })
}

/// The clear strips between the ink of all the lines together.
fn columns(rows: &[Row]) -> Vec<(f32, f32)> {
    let mut ink: Vec<(f32, f32)> = rows.iter().flat_map(|r| r.ink.iter().map(|i| (i.x0, i.x1))).collect();
    ink.sort_by(|a, b| a.0.total_cmp(&b.0));
    let em = rows.iter().map(|r| r.size).fold(f32::MAX, f32::min);
    let mut out = Vec::new();
    let mut right = f32::MIN;
    for (x0, x1) in ink {
        if right > f32::MIN && x0 - right >= MIN_GUTTER * em {
            out.push((right, x0));
        }
        right = right.max(x1);
    }
    out
}

/// The table of one grid: cells by drawing order (see the module doc).
fn table(
    reg: &Region,
    index: usize,
    (rows, order): (&[Row], &[u32]),
    glyphs: &[&Glyph],
    at: &[Option<(usize, usize)>],
    page: u32,
) -> Table {
    let col_of = |g: &Glyph| reg.strips.partition_point(|s| s.0 < (g.x0 + g.x1) / 2.0) as u32;
    let mine: Vec<usize> = (0..glyphs.len()).filter(|&i| at[i].is_some_and(|a| a.0 == index)).collect();
    let lines_in = (reg.to - reg.from + 1) as u32;
    let mut cells: Vec<(u32, u32, Vec<usize>)> = Vec::new();
    let mut row = 0u32;
    for &i in &mine {
        let g = glyphs[i];
        let c = col_of(g);
        let blank = g.text.chars().all(char::is_whitespace);
        match cells.last_mut() {
            Some(cell) if cell.1 == c => cell.2.push(i),
            _ if blank => {}
            Some(cell) => {
                if c <= cell.1 {
                    row += 1;
                }
                cells.push((row, c, vec![i]));
            }
            None => cells.push((row, c, vec![i])),
        }
    }
    if row >= lines_in {
        // No sense in the drawing order: a row per line.
        cells.clear();
        for (k, r) in rows[reg.from..=reg.to].iter().enumerate() {
            for i in order[r.glyphs.clone()].iter().map(|&i| i as usize) {
                let c = col_of(glyphs[i]);
                match cells.iter_mut().find(|x| x.0 == k as u32 && x.1 == c) {
                    Some(cell) => cell.2.push(i),
                    None => cells.push((k as u32, c, vec![i])),
                }
            }
        }
        row = lines_in - 1;
    }
    let bounds = column_bounds(reg, rows);
    let mut out: Vec<TableCell> = cells
        .into_iter()
        .map(|(r, c, ids)| {
            let gs: Vec<&Glyph> = ids.iter().map(|&i| glyphs[i]).collect();
            let (x0, x1) = bounds[c as usize];
            TableCell { row: r, col: c, x0, x1, lines: lines::build(&gs, page) }
        })
        .filter(|c| !c.lines.is_empty())
        .collect();
    out.sort_by_key(|c| (c.row, c.col));
    let mut cols = vec![bounds[0].0];
    cols.extend(reg.strips.iter().map(|s| (s.0 + s.1) / 2.0));
    cols.push(bounds[bounds.len() - 1].1);
    let lines = &rows[reg.from..=reg.to];
    Table {
        top: lines.iter().map(|r| r.top).fold(f32::MAX, f32::min),
        bottom: lines.iter().map(|r| r.base).fold(f32::MIN, f32::max),
        cols,
        rows: row + 1,
        cells: out,
    }
}

/// Each column's ink extent over the grid's lines.
fn column_bounds(reg: &Region, rows: &[Row]) -> Vec<(f32, f32)> {
    let mut out = vec![(f32::MAX, f32::MIN); reg.strips.len() + 1];
    for r in &rows[reg.from..=reg.to] {
        for i in &r.ink {
            let c = reg.strips.partition_point(|s| s.0 < (i.x0 + i.x1) / 2.0);
            out[c] = (out[c].0.min(i.x0), out[c].1.max(i.x1));
        }
    }
    out
}
