//! Ruled tables, as pdfplumber's `find_tables` finds them: horizontal and vertical rules that
//! touch form a connected grid; the distinct rule positions cut it into grid cells; a grid cell
//! whose border with its neighbour is not drawn is merged with it (a merged cell, 合并单元格).
//! A cell is reported at its top row and left column, as the Word readers report a merged cell.
//! A lone box (one cell: a frame around text or around the page) is no table.
//!
//! Bounded: past [`MAX_SEGMENTS`] rules or [`MAX_CELLS`] grid cells a page is read as if it had no
//! rules (a drawing, not a table), so a hostile page cannot cost more than a fixed budget.

use super::lines::{self, Line};
use super::{order_key, Glyph, Rule, Turn};

/// Rules on one page beyond which tables are not looked for.
const MAX_SEGMENTS: usize = 20_000;
/// Grid cells of one table beyond which it is not read as a table.
const MAX_CELLS: usize = 50_000;
/// Rule pairs tested for touching on one page.
const MAX_TESTS: usize = 2_000_000;
/// How far from axis-parallel a rule may be, and how far apart positions count as one.
const SNAP: f32 = 1.5;
/// How far a rule may stop short of the one it meets.
const TOUCH: f32 = 2.5;
/// The narrowest table (three characters of small print).
const MIN_TABLE_WIDTH: f32 = 24.0;
/// The lowest row a table's first rows may have on average (one line of small print).
const MIN_ROW_HEIGHT: f32 = 6.0;

/// A horizontal segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HSeg {
    y: f32,
    x0: f32,
    x1: f32,
}

/// A vertical segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VSeg {
    x: f32,
    y0: f32,
    y1: f32,
}

/// One cell of a ruled table.
#[derive(Debug, Clone)]
pub(crate) struct TableCell {
    pub row: u32,
    pub col: u32,
    pub x0: f32,
    pub x1: f32,
    /// The cell's text lines, top to bottom.
    pub lines: Vec<Line>,
}

/// A ruled table on one page.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub top: f32,
    pub bottom: f32,
    /// The column boundaries, left to right.
    pub cols: Vec<f32>,
    /// The number of grid rows.
    pub rows: u32,
    /// Cells ordered by row, then column.
    pub cells: Vec<TableCell>,
}

/// A horizontal rule that is no part of a table (the line under a red header, the rules of the
/// 版记): paragraphs do not run across it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Separator {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
}

/// What the rules of a page gave: the tables with their text, the glyphs outside them, and the
/// separators.
pub(crate) struct Found<'a> {
    pub tables: Vec<Table>,
    pub rest: Vec<&'a Glyph>,
    /// The separators worked out, and the rules not yet known to be a table or not: they hold no
    /// glyph, so they matter only as separators, which a view of fewer than two lines has no use
    /// for ([`settle`] works them out).
    pub separators: Vec<Separator>,
    pub pending: Pending,
}

/// Rules whose separators are not yet worked out.
pub(crate) enum Pending {
    Nothing,
    /// All of them.
    Rules,
    /// These groups of touching rules (see [`components`]).
    Groups(Vec<(Vec<HSeg>, Vec<VSeg>)>),
}

/// Finds the ruled tables among `rules` and hands each the glyphs inside its cells.
pub(crate) fn find<'a>(rules: &[Rule], turn: &Turn, glyphs: Vec<&'a Glyph>, page: u32) -> Found<'a> {
    let none = |rest, pending| Found { tables: Vec::new(), rest, separators: Vec::new(), pending };
    let (hs, vs) = drawn(rules, turn);
    // Joining moves a rule's position by no more than SNAP: one point more leaves room for the
    // rounding of the mean.
    let (rows, cols) = (span(hs.iter().map(|h| h.y), SNAP + 1.0), span(vs.iter().map(|v| v.x), SNAP + 1.0));
    let mut centres = match (rows, cols) {
        (Some(_), Some(_)) => Centres::new(&glyphs),
        _ => Centres::default(), // no rows or no columns: no table
    };
    if !centres.within(rows, cols) {
        return none(glyphs, Pending::Rules); // tables holding no text are dropped
    }
    let (hs, vs) = joined(hs, vs);
    if hs.len() + vs.len() > MAX_SEGMENTS {
        return none(glyphs, Pending::Nothing);
    }
    let mut found = none(Vec::new(), Pending::Nothing);
    let mut grids = Vec::new();
    let mut pending = Vec::new();
    for (h, v) in components(&hs, &vs) {
        // A table lies within its rules' span ([`Grid::cell_at`]).
        if !centres.within(span(h.iter().map(|h| h.y), 0.0), span(v.iter().map(|v| v.x), 0.0)) {
            pending.push((h, v));
            continue;
        }
        match grid(&h, &v) {
            Some(g) => grids.push(g),
            None => found.separators.extend(h.iter().map(separator)),
        }
    }
    found.pending = Pending::Groups(pending);
    if grids.is_empty() {
        found.rest = glyphs; // no table: every glyph is outside
        return found;
    }
    let mut buckets: Vec<Vec<Vec<&Glyph>>> = grids.iter().map(|g| vec![Vec::new(); g.cells.len()]).collect();
    for glyph in glyphs {
        let (cx, cy) = centre(glyph);
        let hit = grids.iter().enumerate().find_map(|(t, g)| g.cell_at(cx, cy).map(|c| (t, c)));
        match hit {
            Some((t, c)) => buckets[t][c].push(glyph),
            None => found.rest.push(glyph),
        }
    }
    for (g, cells) in grids.into_iter().zip(buckets) {
        found.tables.push(g.into_table(cells, page));
    }
    found.tables.sort_by(|a, b| a.top.total_cmp(&b.top));
    found
}

/// The separators [`find`] left pending: the horizontal rules of the groups that are no table.
pub(crate) fn settle(pending: Pending, rules: &[Rule], turn: &Turn) -> Vec<Separator> {
    let groups = match pending {
        Pending::Nothing => return Vec::new(),
        Pending::Groups(groups) => groups,
        Pending::Rules => {
            let (hs, vs) = drawn(rules, turn);
            let (hs, vs) = joined(hs, vs);
            if hs.len() + vs.len() > MAX_SEGMENTS {
                return Vec::new();
            }
            components(&hs, &vs)
        }
    };
    let not_tables = groups.into_iter().filter(|(h, v)| grid(h, v).is_none());
    not_tables.flat_map(|(h, _)| h.into_iter().map(|s| separator(&s))).collect()
}

fn separator(s: &HSeg) -> Separator {
    Separator { y: s.y, x0: s.x0, x1: s.x1 }
}

/// Where a glyph is looked for in the cells: the middle of its box.
fn centre(g: &Glyph) -> (f32, f32) {
    ((g.x0 + g.x1) / 2.0, (g.top + g.baseline) / 2.0)
}

/// The smallest and largest of the positions, `margin` further out; None for no positions, or
/// when one is not a number (which no box test excludes).
fn span(positions: impl Iterator<Item = f32>, margin: f32) -> Option<(f32, f32)> {
    let mut out: Option<(f32, f32)> = None;
    for p in positions {
        if p.is_nan() {
            return Some((f32::NEG_INFINITY, f32::INFINITY));
        }
        let (lo, hi) = out.unwrap_or((p, p));
        out = Some((lo.min(p), hi.max(p)));
    }
    out.map(|(lo, hi)| (lo - margin, hi + margin))
}

/// The middles of a view's glyphs, for the question whether a table's box holds one of them.
/// The first questions are answered by scanning (most are answered by one of the first glyphs,
/// and a page asks a few); past [`SCAN_BUDGET`] scans' worth the middles are sorted left to
/// right once and searched. Sorting every page's middles up front was a ninth of the layout of a
/// 352-page book (pdf.js's freeculture.pdf).
#[derive(Default)]
struct Centres {
    xy: Vec<(f32, f32)>,
    /// A middle that is not a number: no box test excludes it.
    odd: bool,
    /// Middles looked at by scans so far.
    scanned: usize,
    sorted: bool,
}

/// Scans of all the middles before they are sorted.
const SCAN_BUDGET: usize = 4;

impl Centres {
    fn new(glyphs: &[&Glyph]) -> Centres {
        let xy: Vec<(f32, f32)> = glyphs.iter().map(|g| centre(g)).collect();
        let odd = xy.iter().any(|p| p.0.is_nan() || p.1.is_nan());
        Centres { xy, odd, scanned: 0, sorted: false }
    }

    /// Whether a middle is not outside the box of rows `r0..=r1` and columns `c0..=c1` (no box
    /// when either span is None: a table needs rows and columns).
    fn within(&mut self, rows: Option<(f32, f32)>, cols: Option<(f32, f32)>) -> bool {
        let (Some((r0, r1)), Some((c0, c1))) = (rows, cols) else { return false };
        if self.odd {
            return true;
        }
        let across = |p: &(f32, f32)| !(p.1 < r0 || p.1 > r1);
        if !self.sorted && self.scanned < SCAN_BUDGET * self.xy.len() {
            let hit = self.xy.iter().position(|p| p.0 >= c0 && p.0 <= c1 && across(p));
            self.scanned += hit.map_or(self.xy.len(), |k| k + 1);
            return hit.is_some();
        }
        if !self.sorted {
            self.xy.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            self.sorted = true;
        }
        let from = self.xy.partition_point(|p| p.0 < c0);
        self.xy[from..].iter().take_while(|p| p.0 <= c1).any(across)
    }
}

/// The rules that are horizontal or vertical in the frame `turn` maps the page into.
fn drawn(rules: &[Rule], turn: &Turn) -> (Vec<HSeg>, Vec<VSeg>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rules {
        let ((x0, y0), (x1, y1)) = (turn.map(r.x0, r.y0), turn.map(r.x1, r.y1));
        let r = Rule { x0, y0, x1, y1 };
        if ![r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
            continue;
        }
        let (dx, dy) = ((r.x1 - r.x0).abs(), (r.y1 - r.y0).abs());
        if dy <= SNAP && dx > SNAP {
            hs.push(HSeg { y: (r.y0 + r.y1) / 2.0, x0: r.x0.min(r.x1), x1: r.x0.max(r.x1) });
        } else if dx <= SNAP && dy > SNAP {
            vs.push(VSeg { x: (r.x0 + r.x1) / 2.0, y0: r.y0.min(r.y1), y1: r.y0.max(r.y1) });
        }
    }
    (hs, vs)
}

/// [`drawn`] segments snapped to shared positions and with collinear pieces joined.
fn joined(hs: Vec<HSeg>, vs: Vec<VSeg>) -> (Vec<HSeg>, Vec<VSeg>) {
    let hs = join(hs.into_iter().map(|s| (s.y, s.x0, s.x1)).collect());
    let vs = join(vs.into_iter().map(|s| (s.x, s.y0, s.y1)).collect());
    (
        hs.into_iter().map(|(y, x0, x1)| HSeg { y, x0, x1 }).collect(),
        vs.into_iter().map(|(x, y0, y1)| VSeg { x, y0, y1 }).collect(),
    )
}

/// Segments as (position, from, to): positions within [`SNAP`] of each other become their mean,
/// and pieces on one position that touch or overlap become one.
fn join(mut segs: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    // Integer keys, unstable sorts: pieces that tie on a key are alike to all that follows (the
    // means read positions only; pieces on one position from one place join to the farthest end
    // in any order). A diagram page holds thousands of rules.
    segs.sort_unstable_by_key(|s| order_key(s.0));
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].0 - segs[j - 1].0 <= SNAP && segs[j].0 - segs[i].0 <= 2.0 * SNAP {
            j += 1;
        }
        let mean = segs[i..j].iter().map(|s| s.0).sum::<f32>() / (j - i) as f32;
        segs[i..j].iter_mut().for_each(|s| s.0 = mean);
        i = j;
    }
    segs.sort_unstable_by_key(|s| u64::from(order_key(s.0)) << 32 | u64::from(order_key(s.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for s in segs {
        match out.last_mut() {
            Some(l) if l.0 == s.0 && s.1 <= l.2 + TOUCH => l.2 = l.2.max(s.2),
            _ => out.push(s),
        }
    }
    out
}

/// A small union-find.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The groups of rules that touch one another.
fn components(hs: &[HSeg], vs: &[VSeg]) -> Vec<(Vec<HSeg>, Vec<VSeg>)> {
    let mut order: Vec<usize> = (0..vs.len()).collect();
    order.sort_by(|&a, &b| vs[a].x.total_cmp(&vs[b].x));
    let xs: Vec<f32> = order.iter().map(|&i| vs[i].x).collect();
    let span = |h: &HSeg| {
        let from = xs.partition_point(|&x| x < h.x0 - TOUCH);
        from..(from + xs[from..].partition_point(|&x| x <= h.x1 + TOUCH))
    };
    // The pairs to test, counted before testing any: over the budget, the page has no tables.
    if hs.iter().map(|h| span(h).len()).sum::<usize>() > MAX_TESTS {
        return Vec::new();
    }
    let mut sets = Sets::new(hs.len() + vs.len());
    for (hi, h) in hs.iter().enumerate() {
        for &vi in &order[span(h)] {
            let v = vs[vi];
            if h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH {
                sets.union(hi, hs.len() + vi);
            }
        }
    }
    // The groups in the order of their roots, each group's smallest index: in index order a
    // group is first met at its root.
    let mut slot = vec![usize::MAX; hs.len() + vs.len()];
    let mut groups: Vec<(Vec<HSeg>, Vec<VSeg>)> = Vec::new();
    for i in 0..hs.len() + vs.len() {
        let root = sets.root(i);
        if slot[root] == usize::MAX {
            slot[root] = groups.len();
            groups.push(Default::default());
        }
        let group = &mut groups[slot[root]];
        match i.checked_sub(hs.len()) {
            None => group.0.push(hs[i]),
            Some(v) => group.1.push(vs[v]),
        }
    }
    groups
}

/// A table's grid: boundaries, and for each grid cell the merged cell it belongs to.
struct Grid {
    cols: Vec<f32>,
    rows: Vec<f32>,
    /// For each grid cell (row-major), the index of its merged cell in `cells`.
    owner: Vec<usize>,
    /// Merged cells as (first row, first col, last row, last col).
    cells: Vec<(usize, usize, usize, usize)>,
}

/// The distinct positions, sorted.
fn positions(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    v.dedup();
    v
}

/// The intervals of `lines` (sorted) on `pos`: looked up once for each boundary of a grid.
fn on(lines: &[(f32, f32, f32)], pos: f32) -> &[(f32, f32, f32)] {
    let from = lines.partition_point(|l| l.0 < pos - 0.01);
    &lines[from..lines[from..].partition_point(|l| l.0 <= pos + 0.01) + from]
}

/// Whether the intervals (sorted, disjoint) on a position cover `at`.
fn covered(on: &[(f32, f32, f32)], at: f32) -> bool {
    let k = on.partition_point(|l| l.1 <= at + TOUCH);
    k > 0 && on[k - 1].2 >= at - TOUCH
}

/// The grid of one group of rules, or None when it is no table (fewer than two cells).
fn grid(hs: &[HSeg], vs: &[VSeg]) -> Option<Grid> {
    let cols = positions(vs.iter().map(|v| v.x).collect());
    let rows = positions(hs.iter().map(|h| h.y).collect());
    if cols.len() < 2 || rows.len() < 2 {
        return None;
    }
    let (nr, nc) = (rows.len() - 1, cols.len() - 1);
    if nr * nc < 2 || nr * nc > MAX_CELLS {
        return None;
    }
    // Too small to hold text: the strokes of a glyph drawn as outlines, a check box, a seal.
    let (width, height) = (cols[nc] - cols[0], rows[nr] - rows[0]);
    if width < MIN_TABLE_WIDTH || height < MIN_ROW_HEIGHT * nr.min(2) as f32 {
        return None;
    }
    let mut hl: Vec<(f32, f32, f32)> = hs.iter().map(|h| (h.y, h.x0, h.x1)).collect();
    let mut vl: Vec<(f32, f32, f32)> = vs.iter().map(|v| (v.x, v.y0, v.y1)).collect();
    hl.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    vl.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let v_on: Vec<&[(f32, f32, f32)]> = cols.iter().map(|&x| on(&vl, x)).collect();
    let h_on: Vec<&[(f32, f32, f32)]> = rows.iter().map(|&y| on(&hl, y)).collect();
    let mut sets = Sets::new(nr * nc);
    for r in 0..nr {
        let ym = (rows[r] + rows[r + 1]) / 2.0;
        for c in 0..nc {
            let xm = (cols[c] + cols[c + 1]) / 2.0;
            if c + 1 < nc && !covered(v_on[c + 1], ym) {
                sets.union(r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !covered(h_on[r + 1], xm) {
                sets.union(r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    let mut index = vec![usize::MAX; nr * nc];
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut owner = vec![0; nr * nc];
    for (i, own) in owner.iter_mut().enumerate() {
        let root = sets.root(i);
        let (r, c) = (i / nc, i % nc);
        if index[root] == usize::MAX {
            index[root] = cells.len();
            cells.push((r, c, r, c));
        }
        let cell = &mut cells[index[root]];
        (cell.0, cell.1, cell.2, cell.3) = (cell.0.min(r), cell.1.min(c), cell.2.max(r), cell.3.max(c));
        *own = index[root];
    }
    (cells.len() >= 2).then_some(Grid { cols, rows, owner, cells })
}

impl Grid {
    /// The merged cell holding the point, if it is inside the table.
    fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let (c0, c1) = (self.cols[0], self.cols[self.cols.len() - 1]);
        let (r0, r1) = (self.rows[0], self.rows[self.rows.len() - 1]);
        if x < c0 || x > c1 || y < r0 || y > r1 {
            return None;
        }
        let nc = self.cols.len() - 1;
        let c = self.cols.partition_point(|&v| v <= x).clamp(1, nc) - 1;
        let r = self.rows.partition_point(|&v| v <= y).clamp(1, self.rows.len() - 1) - 1;
        Some(self.owner[r * nc + c])
    }

    fn into_table(self, glyphs: Vec<Vec<&Glyph>>, page: u32) -> Table {
        let mut cells: Vec<TableCell> = self
            .cells
            .iter()
            .zip(glyphs)
            .map(|(&(r, c, _, c_end), gs)| TableCell {
                row: r as u32,
                col: c as u32,
                x0: self.cols[c],
                x1: self.cols[c_end + 1],
                lines: lines::build(&gs, page),
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        Table {
            top: self.rows[0],
            bottom: self.rows[self.rows.len() - 1],
            rows: (self.rows.len() - 1) as u32,
            cols: self.cols,
            cells,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Centres, SCAN_BUDGET};

    /// The scans and, past their budget, the sorted search give what looking at every middle
    /// gives, box after box.
    #[test]
    fn centres_answer_as_a_full_look_would() {
        let mut seed = 0x9e37_79b9_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed % 600) as f32
        };
        let xy: Vec<(f32, f32)> = (0..500).map(|_| (next(), next())).collect();
        let mut centres = Centres { xy: xy.clone(), odd: false, scanned: 0, sorted: false };
        for q in 0..20 * SCAN_BUDGET {
            let (a, b, c, d) = (next(), next() / 20.0, next(), next() / 20.0);
            let (rows, cols) = ((a, a + b), (c, c + d));
            let want = xy.iter().any(|p| p.0 >= cols.0 && p.0 <= cols.1 && p.1 >= rows.0 && p.1 <= rows.1);
            assert_eq!(centres.within(Some(rows), Some(cols)), want, "box {q}");
        }
        assert!(centres.sorted, "the budget ran out");
    }
}
