//! The text block of a document, measured from its lines: the left margin (where continuation
//! lines start), the right margin (where full lines end, punctuation hanging past it left out)
//! and the line pitch. Measured over all
//! pages of one size together, so a last page with three short lines still knows where a full line
//! would end; robust to a few lines that stick out (a low and a high percentile, not the extremes).

use super::paragraphs::{size_bin, Frame, Pitch, OWN};
use super::view::View;
use std::collections::HashMap;

/// The frame of each view (in order) and the document's line pitches.
pub(crate) fn measure(views: &[View]) -> (Vec<Frame>, Pitch) {
    let mut by_size: HashMap<(i32, i32), (Vec<f32>, Vec<f32>)> = HashMap::new();
    for v in views {
        let e = by_size.entry(size_key(v)).or_default();
        e.0.extend(v.lines.iter().map(|l| l.x0));
        e.1.extend(v.lines.iter().map(|l| l.x1_core));
    }
    let frames: HashMap<(i32, i32), Frame> = by_size
        .into_iter()
        .map(|(k, (mut lefts, mut rights))| {
            lefts.sort_by(f32::total_cmp);
            rights.sort_by(f32::total_cmp);
            (k, Frame { left: low(&lefts), right: high(&rights) })
        })
        .collect();
    let out = views
        .iter()
        .map(|v| frames.get(&size_key(v)).copied().unwrap_or(Frame { left: 0.0, right: v.width }))
        .collect();
    (out, pitch(views))
}

fn size_key(v: &View) -> (i32, i32) {
    (v.width.round() as i32, v.height.round() as i32)
}

/// The 5th percentile of sorted values (the smallest when there are few).
fn low(v: &[f32]) -> f32 {
    v.get(v.len() / 20).copied().unwrap_or(0.0)
}

/// The 95th percentile of sorted values (the largest when there are few).
fn high(v: &[f32]) -> f32 {
    v.len().checked_sub(1 + v.len() / 20).and_then(|i| v.get(i)).copied().unwrap_or(0.0)
}

/// Counts of line pitches by bin (20ths of a font size): the pitches counted run from 0.9 to
/// 3.0 font sizes, bins 18 to 60, held from [`FIRST_BIN`] on with a spare bin at either end.
type Counts = [usize; 45];
const FIRST_BIN: i32 = 17;

/// The most common distance between consecutive baselines of lines of one size, in font sizes
/// (1.5 when no two lines follow each other), over the document and for each size.
fn pitch(views: &[View]) -> Pitch {
    let mut all: Counts = [0; 45];
    let mut by_size: Vec<(i32, Counts)> = Vec::new();
    for v in views {
        for w in v.lines.windows(2) {
            let size = w[0].size.max(w[1].size);
            if size <= 0.0 || (w[0].size - w[1].size).abs() > 0.1 * size {
                continue;
            }
            let ratio = (w[1].baseline - w[0].baseline) / size;
            if (0.9..=3.0).contains(&ratio) {
                let bin = ((ratio * 20.0).round() as i32 - FIRST_BIN) as usize;
                let key = size_bin(size);
                let at = match by_size.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        by_size.push((key, [0; 45]));
                        by_size.len() - 1
                    }
                };
                all[bin] += 1;
                by_size[at].1[bin] += 1;
            }
        }
    }
    let all = mode(&all);
    let mut own: Vec<(i32, f32)> = by_size.into_iter().map(|(size, counts)| (size, own_pitch(&counts, all))).collect();
    own.sort_by_key(|&(size, _)| size);
    Pitch { all, by_size: own }
}

/// The pitch of one font size: its own mode with [`OWN`] line pairs or more. With fewer, the
/// document's pitch `all`, but never less than the closest spacing [`FLOOR`] of the size's line
/// pairs share: lines of another size may be set tighter (a web page's 12-point menu at 1.3 above
/// a 16-point article at 2.0, whose paragraphs stand a further gap apart), and paragraph spacing
/// only ever adds, so lines of the size that stand that close again and again are a paragraph's.
/// (One pair alone may be two paragraphs of a form.)
fn own_pitch(counts: &Counts, all: f32) -> f32 {
    if counts.iter().sum::<usize>() >= OWN {
        return mode(counts);
    }
    let closest = (0..counts.len()).find(|&i| around(counts, i) >= FLOOR);
    closest.map_or(all, |i| all.max((i as i32 + FIRST_BIN) as f32 / 20.0))
}

/// The line pairs at one spacing that make it a floor of the size's pitch.
const FLOOR: usize = 3;

/// The count of bin `i` with its two neighbours (baselines placed to the point or the pixel
/// spread one pitch over neighbouring bins).
fn around(counts: &Counts, i: usize) -> usize {
    counts[i.saturating_sub(1)..(i + 2).min(counts.len())].iter().sum()
}

/// The mode, each bin counted with its two neighbours ([`around`]); on a tie, the smaller pitch
/// (paragraph spacing only ever adds).
fn mode(counts: &Counts) -> f32 {
    (0..counts.len())
        .filter(|&i| counts[i] > 0)
        .map(|i| (around(counts, i), i))
        .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)))
        .map_or(1.5, |(_, i)| (i as i32 + FIRST_BIN) as f32 / 20.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(f32, usize)]) -> Counts {
        let mut c = [0; 45];
        for &(ratio, n) in pairs {
            c[((ratio * 20.0).round() as i32 - FIRST_BIN) as usize] = n;
        }
        c
    }

    #[test]
    fn a_size_with_few_line_pairs_keeps_the_spacing_they_share() {
        // A 16-point article at 2.0 (paragraphs 3.0 apart, out of the counted range) below a
        // 12-point menu at 1.3: the article's lines are no gap apart.
        assert_eq!(own_pitch(&counts(&[(1.95, 1), (2.0, 3)]), 1.3), 1.95);
        // One pair alone (two rows of a form) says nothing: the document's pitch.
        assert_eq!(own_pitch(&counts(&[(2.4, 1)]), 1.1), 1.1);
        // Never tighter than the document's.
        assert_eq!(own_pitch(&counts(&[(1.0, 3)]), 1.5), 1.5);
        // Enough pairs: the size's own mode.
        assert_eq!(own_pitch(&counts(&[(1.2, 2), (1.5, 5)]), 2.0), 1.5);
    }
}
