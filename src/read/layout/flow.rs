//! The reading flow: each page read as one or more views (one per text direction), tables
//! continued on the next page joined to their start (and a cell cut by the page break given the
//! lines that carry it on), and the views' lines and tables turned into
//! paragraphs in reading order: the main view of every page in page order, so that a sentence runs
//! on across a page break, then the text set in other directions (a diagonal watermark, a stamp,
//! a note up the margin), page by page.

use super::frame;
use super::furniture;
use super::grid;
use super::infotable;
use super::lines::{self, Line};
use super::paragraphs::{Builder, Frame, Pitch};
use super::tables::{self, Table, TableCell};
use super::view::View;
use super::{frame_size, Glyph, Page, Turn};
use crate::read::{Cell, Paragraph};
use std::collections::BTreeMap;

/// The views of a page: one per text direction, the direction with the most text first.
pub(crate) fn views(page: &Page, n: u32) -> Vec<View> {
    let mut groups: Vec<(u16, Vec<&Glyph>)> = by_rotation(&page.glyphs);
    // The main direction: the quarter turn with the most text (a diagonal watermark may hold more
    // characters than a short letter, but it is never what the page says).
    groups.sort_by_key(|(r, gs)| (r % 90 != 0, std::cmp::Reverse(gs.iter().map(|g| g.text.len()).sum::<usize>()), *r));
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (rotation, glyphs))| {
            let (width, height) = frame_size(rotation, page.width, page.height);
            // The rules as they stand in this direction's frame.
            let turn = Turn::new(rotation, page.width, page.height);
            let mut found = tables::find(&page.rules, &turn, glyphs, n);
            found.tables.retain(|t| t.cells.iter().any(|c| !c.lines.is_empty()));
            let (grids, rest, grouped) = grid::find(found.rest, n);
            found.tables.extend(grids);
            found.tables.sort_by(|a, b| a.top.total_cmp(&b.top));
            let lines = match grouped {
                Some(grouping) => lines::build_grouped(&grouping, n),
                None => lines::build(&rest, n),
            };
            // A rule separates lines: with fewer than two there is nothing to separate (lines only
            // ever leave a view later).
            let mut separators = found.separators;
            if lines.len() >= 2 {
                separators.extend(tables::settle(found.pending, &page.rules, &turn));
            }
            View { page: n, main: i == 0, width, height, lines, tables: found.tables, separators }
        })
        .collect()
}

/// The glyphs of each direction, in drawing order, the directions in increasing order.
fn by_rotation(glyphs: &[Glyph]) -> Vec<(u16, Vec<&Glyph>)> {
    let Some(first) = glyphs.first().map(|g| g.rotation % 360) else { return Vec::new() };
    if glyphs.iter().all(|g| g.rotation % 360 == first) {
        return vec![(first, glyphs.iter().collect())]; // one direction: most pages
    }
    let mut groups: BTreeMap<u16, Vec<&Glyph>> = BTreeMap::new();
    for g in glyphs {
        groups.entry(g.rotation % 360).or_default().push(g);
    }
    groups.into_iter().collect()
}

/// The paragraphs of the views, in reading order.
pub(crate) fn paragraphs(mut views: Vec<View>) -> Vec<Paragraph> {
    furniture::drop(&mut views);
    let (mut views, minor): (Vec<View>, Vec<View>) = views.into_iter().partition(|v| v.main);
    continue_cells(&mut views);
    join_continued_tables(&mut views);
    let main = views.len();
    views.extend(minor);
    let (frames, pitch) = frame::measure(&views);
    let mut body = Builder::new(pitch.clone(), None);
    let mut table_no = 0;
    for (i, (v, frame)) in views.into_iter().zip(frames).enumerate() {
        if i == main {
            body.interrupt();
        }
        let View { lines, tables, mut separators, width, .. } = v;
        separators.retain(|s| s.x1 - s.x0 > 0.3 * width);
        separators.sort_by(|a, b| a.y.total_cmp(&b.y));
        let mut tables = tables.into_iter().peekable();
        let mut last: Option<f32> = None;
        for line in lines {
            while let Some(t) = tables.next_if(|t| t.top < line.baseline) {
                body.interrupt();
                table_paragraphs(t, table_no, &pitch, &mut body.out);
                table_no += 1;
                last = None;
            }
            // A rule between this line and the last (the ranges of successive lines do not overlap).
            let ruled = last.is_some_and(|y| {
                let from = separators.partition_point(|s| s.y <= y);
                separators.get(from).is_some_and(|s| s.y < line.top)
            });
            if ruled {
                body.interrupt();
            }
            last = Some(line.baseline);
            body.push(line, frame);
        }
        for t in tables {
            body.interrupt();
            table_paragraphs(t, table_no, &pitch, &mut body.out);
            table_no += 1;
        }
    }
    body.finish()
}

/// A table's cells as paragraphs, row by row; an empty cell as one empty paragraph, as Word has it.
/// A web page's information table is left out: page chrome, as the HTML reader leaves it.
fn table_paragraphs(t: Table, table: u32, pitch: &Pitch, out: &mut Vec<Paragraph>) {
    if infotable::is_info_table(&t) {
        return;
    }
    for c in t.cells {
        let cell = Cell { table, row: c.row, col: c.col };
        if c.lines.is_empty() {
            out.push(Paragraph { text: String::new(), cell: Some(cell) });
            continue;
        }
        let frame = Frame { left: c.x0, right: c.x1 };
        let mut b = Builder::new(pitch.clone(), Some(cell));
        for l in c.lines {
            b.push(l, frame);
        }
        out.extend(b.finish());
    }
}

/// Whether nothing but the table stands below it (`last`) or above it (first) on its view.
fn at_edge(v: &View, t: &Table, last: bool) -> bool {
    if last {
        !v.lines.iter().any(|l| l.top > t.bottom)
    } else {
        !v.lines.iter().any(|l| l.baseline < t.top)
    }
}

/// Two tables with the same columns (within 3 points).
fn same_columns(a: &Table, b: &Table) -> bool {
    a.cols.len() == b.cols.len() && a.cols.iter().zip(&b.cols).all(|(x, y)| (x - y).abs() <= 3.0)
}

/// The texts of the cells that start in a row.
fn row_text(t: &Table, row: u32) -> Vec<String> {
    t.cells.iter().filter(|c| c.row == row).map(text).collect()
}

fn text(c: &TableCell) -> String {
    c.lines.iter().map(|l| l.text.as_str()).collect()
}

/// The text of the first column in a grid row, merged down from above or not.
fn first_column_text(t: &Table, row: u32) -> Option<String> {
    t.cells.iter().filter(|c| c.col == 0 && c.row <= row).max_by_key(|c| c.row).map(text)
}

/// A cell cut by the page break whose text runs on at the top of the next page with no table
/// drawn there (a borderless table's long cell, a web page's information table holding a whole
/// text): the lines that open the next page inside the cell's column, at its size, are the
/// cell's. The table then ends that page too when nothing else stands on it.
fn continue_cells(views: &mut [View]) {
    for i in 1..views.len() {
        let (before, after) = views.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &mut after[0]);
        if next.page != prev.page + 1 || !prev.tables.last().is_some_and(|t| at_edge(prev, t, true)) {
            continue;
        }
        let Some(cell) = prev.tables.last_mut().and_then(cut_cell) else { continue };
        let first_table = next.tables.first().map_or(f32::MAX, |t| t.top);
        let n = next.lines.iter().take_while(|l| l.baseline < first_table && runs_on(cell, l)).count();
        cell.lines.extend(next.lines.drain(..n));
        if n > 0 && next.lines.is_empty() && next.tables.is_empty() {
            let t = prev.tables.pop().unwrap();
            next.tables.push(t);
        }
    }
}

/// The cell of a table's last row that reaches its bottom with a line cut mid-sentence at the
/// column's right edge: its text goes on.
fn cut_cell(t: &mut Table) -> Option<&mut TableCell> {
    let cell = t.cells.iter_mut().filter(|c| !c.lines.is_empty()).max_by(|a, b| {
        let low = |c: &TableCell| c.lines.last().map_or(f32::MIN, |l| l.baseline);
        low(a).total_cmp(&low(b))
    })?;
    let last = cell.lines.last()?;
    let cut = !last.text.trim_end().ends_with(['。', '！', '？', '：', '；', '!', '?', ':', ';']);
    (cut && cell.x1 - last.x1_core < last.size).then_some(cell)
}

/// A line that continues `cell`: set where its lines start, at their size, within its column.
fn runs_on(cell: &TableCell, l: &Line) -> bool {
    let left = cell.lines.iter().map(|c| c.x0).fold(f32::MAX, f32::min);
    let size = cell.lines.last().map_or(0.0, |c| c.size);
    (l.x0 - left).abs() < 0.5 * size && l.x1 <= cell.x1 + 0.5 * size && (l.size - size).abs() <= 0.1 * size
}

/// A table that ends a page and one that opens the next with the same columns are one table
/// broken by the page: the second's rows are appended to the first, without its repeated header
/// row, and a row broken by the page (its first cell empty on the new page) is joined to the row
/// it continues.
fn join_continued_tables(views: &mut [View]) {
    for i in 1..views.len() {
        let (before, after) = views.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &mut after[0]);
        if next.page != prev.page + 1 || prev.tables.is_empty() || next.tables.is_empty() {
            continue;
        }
        let (a, b) = (prev.tables.last().unwrap(), &next.tables[0]);
        if !same_columns(a, b) || !at_edge(prev, a, true) || !at_edge(next, b, false) {
            continue;
        }
        let b = next.tables.remove(0);
        let a = prev.tables.last_mut().unwrap();
        append(a, b);
        // The joined table now ends the next page too, when it did: move it there so that a
        // third page can continue it.
        if next.tables.is_empty() && next.lines.is_empty() {
            let t = prev.tables.pop().unwrap();
            next.tables.push(t);
        }
    }
}

/// Appends the rows of `b` (the table's continuation) to `a`.
fn append(a: &mut Table, b: Table) {
    let skip = u32::from(b.rows > 1 && row_text(&b, 0) == row_text(a, 0));
    let first = row_text(&b, skip);
    let broken_row = first_column_text(&b, skip).is_some_and(|t| t.is_empty())
        && first.iter().any(|t| !t.is_empty())
        && first_column_text(a, a.rows - 1).is_some_and(|t| !t.is_empty());
    let base = a.rows - u32::from(broken_row);
    for mut c in b.cells {
        if c.row < skip {
            continue;
        }
        if broken_row && c.row == skip {
            if let Some(into) = covering(a, a.rows - 1, c.col) {
                into.lines.append(&mut c.lines);
                continue;
            }
        }
        c.row = c.row - skip + base;
        a.cells.push(c);
    }
    a.rows = base + b.rows - skip;
    a.cells.sort_by_key(|c| (c.row, c.col));
}

/// The cell of `t` that covers grid row `row` at column `col` (a cell merged down from above).
fn covering(t: &mut Table, row: u32, col: u32) -> Option<&mut TableCell> {
    t.cells.iter_mut().filter(|c| c.col == col && c.row <= row).max_by_key(|c| c.row)
}
