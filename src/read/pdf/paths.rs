//! Path operators (PDF 32000 §8.5) as far as tables need them: straight segments and rectangles,
//! in page coordinates, become ruling lines when stroked; a thin filled rectangle is a line drawn
//! as a fill (Word and LibreOffice draw cell borders that way). Curves only move the current
//! point; a fat filled rectangle is a cell's shading, not a border.

use super::lexer::{op, Args};
use super::matrix::Matrix;
use crate::read::layout::Rule;

/// Most points kept in one path (a hostile path of millions of segments is cut short).
const MAX_POINTS: usize = 100_000;
/// A filled rectangle thinner than this (points) is a line.
const THIN: f32 = 2.5;
/// Segments within this of horizontal or vertical count as such (points).
const STRAIGHT: f32 = 0.5;

/// The path being built: subpaths of points in page coordinates, kept one after another in one
/// list (a path of a thousand rectangles is not a thousand allocations) and reused from path to
/// path.
#[derive(Debug, Default)]
pub struct Path {
    points: Vec<(f32, f32)>,
    /// Where each subpath starts in `points`.
    starts: Vec<usize>,
    /// Points counted against [`MAX_POINTS`] (a closing point is not).
    count: usize,
}

impl Path {
    fn start(&mut self, p: (f32, f32)) {
        self.starts.push(self.points.len());
        self.points.push(p);
        self.count += 1;
    }

    fn line_to(&mut self, p: (f32, f32)) {
        if self.count >= MAX_POINTS {
            return;
        }
        if self.starts.is_empty() {
            self.starts.push(self.points.len());
        }
        self.points.push(p);
        self.count += 1;
    }

    /// Moves the current point without drawing (the end of a curve).
    fn jump_to(&mut self, p: (f32, f32)) {
        self.start(p);
    }

    /// A segment back to the current subpath's first point.
    fn close(&mut self) {
        if let Some(&first) = self.starts.last() {
            self.points.push(self.points[first]);
        }
    }

    /// Empties the path, keeping its room.
    pub fn clear(&mut self) {
        self.points.clear();
        self.starts.clear();
        self.count = 0;
    }

    fn subpaths(&self) -> impl Iterator<Item = &[(f32, f32)]> {
        let ends = self.starts.iter().skip(1).copied().chain([self.points.len()]);
        self.starts.iter().zip(ends).map(|(&a, b)| &self.points[a..b])
    }
}

impl Path {
    /// A path construction operator (m l c v y re h, by its code) with its operands, in device space.
    pub fn op(&mut self, code: u32, args: Args, ctm: Matrix) {
        let n = |i: usize| args.num(i);
        match code {
            op::m => self.start(ctm.apply(n(0), n(1))),
            op::l => self.line_to(ctm.apply(n(0), n(1))),
            op::c => self.jump_to(ctm.apply(n(4), n(5))),
            op::v | op::y => self.jump_to(ctm.apply(n(2), n(3))),
            op::re => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                self.start(ctm.apply(x, y));
                self.line_to(ctm.apply(x + w, y));
                self.line_to(ctm.apply(x + w, y + h));
                self.line_to(ctm.apply(x, y + h));
                self.close();
            }
            op::h => self.close(),
            _ => {}
        }
    }

    /// What a painting operator (by its code) makes of the path: rules from its straight strokes
    /// and thin fills, each given to `put`.
    pub fn rules(&self, code: u32, mut put: impl FnMut(Rule)) {
        let stroke = matches!(code, op::S | op::s | op::B | op::B_star | op::b | op::b_star);
        let fill = matches!(code, op::f | op::F | op::f_star | op::B | op::B_star | op::b | op::b_star);
        for pts in self.subpaths() {
            if stroke {
                pts.windows(2).filter_map(|w| straight(w[0], w[1])).for_each(&mut put);
            } else if fill {
                thin_rectangle(pts).into_iter().for_each(&mut put);
            }
        }
    }
}

/// A segment that runs horizontally or vertically, as a rule from its lower to its higher end.
fn straight(a: (f32, f32), b: (f32, f32)) -> Option<Rule> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) || dx + dy < STRAIGHT {
        return None;
    }
    if dy <= STRAIGHT {
        let y = (a.1 + b.1) / 2.0;
        return Some(Rule { x0: a.0.min(b.0), y0: y, x1: a.0.max(b.0), y1: y });
    }
    if dx <= STRAIGHT {
        let x = (a.0 + b.0) / 2.0;
        return Some(Rule { x0: x, y0: a.1.min(b.1), x1: x, y1: a.1.max(b.1) });
    }
    None
}

/// The centre line of an axis-aligned filled rectangle thinner than [`THIN`] in one direction.
fn thin_rectangle(pts: &[(f32, f32)]) -> Option<Rule> {
    if !(4..=5).contains(&pts.len()) {
        return None;
    }
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    let (x0, x1) = (xs.clone().fold(f32::INFINITY, f32::min), xs.fold(f32::NEG_INFINITY, f32::max));
    let (y0, y1) = (ys.clone().fold(f32::INFINITY, f32::min), ys.fold(f32::NEG_INFINITY, f32::max));
    let axis_aligned = pts.iter().all(|p| {
        ((p.0 - x0).abs() < STRAIGHT || (p.0 - x1).abs() < STRAIGHT)
            && ((p.1 - y0).abs() < STRAIGHT || (p.1 - y1).abs() < STRAIGHT)
    });
    if !(axis_aligned && x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h < THIN && w > h {
        let y = (y0 + y1) / 2.0;
        return Some(Rule { x0, y0: y, x1, y1: y });
    }
    if w < THIN && h > w {
        let x = (x0 + x1) / 2.0;
        return Some(Rule { x0: x, y0, x1: x, y1 });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_from_segments_and_thin_fills() {
        assert_eq!(straight((10.0, 5.0), (0.0, 5.2)), Some(Rule { x0: 0.0, y0: 5.1, x1: 10.0, y1: 5.1 }));
        assert_eq!(straight((0.0, 0.0), (10.0, 10.0)), None);
        let thin = [(0.0, 0.0), (100.0, 0.0), (100.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        assert_eq!(thin_rectangle(&thin), Some(Rule { x0: 0.0, y0: 0.5, x1: 100.0, y1: 0.5 }));
        let fat = [(0.0, 0.0), (100.0, 0.0), (100.0, 20.0), (0.0, 20.0)];
        assert_eq!(thin_rectangle(&fat), None);
    }
}
