//! Depth from sequence and type (as regulations-parser does): which candidates are real items and
//! where each sits in the tree. Within one style under one parent numbers rise by one, or run on
//! from the previous parent; a new style opens a deeper level or returns to an open one. A
//! candidate that fits no reading is dropped (weak context) or kept with a warning (a line of its
//! own). One pass with a bounded look-ahead: linear in the number of candidates.

use super::markers::{Candidate, Context};
use crate::model::{MarkerStyle, WarningCode};

/// An accepted candidate and its place in the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index into the candidate list.
    pub cand: usize,
    /// Depth, 1 = top.
    pub level: u32,
    /// Index of the parent in the placed list.
    pub parent: Option<usize>,
}

/// A numbering irregularity the solver accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct Irregularity {
    pub cand: usize,
    pub code: WarningCode,
    pub expected: u32,
}

/// Usual nesting rank of a style (GB/T 9704: 一、 > （一） > 1. > （1）); only used to tell a
/// shallower style that appears after a fragment's first items.
fn rank(s: MarkerStyle) -> u32 {
    use MarkerStyle::*;
    match s {
        Part | Unnumbered => 0,
        Chapter => 1,
        CnComma => 2,
        CnParen | Stage | Article => 3,
        NumDot | NumComma => 4,
        NumParen => 5,
        Circled => 6,
    }
}

#[derive(Debug, Clone, Copy)]
struct Open {
    style: MarkerStyle,
    number: u32,
    placed: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fit {
    /// A sibling at stack depth `d` (0-based) continuing its sequence.
    Sibling(usize, Option<WarningCode>),
    /// A new level under stack depth `d - 1` (d = stack length: a child of the top).
    Child(usize, Option<WarningCode>),
}

/// Chooses the items among `cands`, which must be in text order.
pub fn solve(cands: &[Candidate]) -> (Vec<Placed>, Vec<Irregularity>) {
    let mut placed: Vec<Placed> = Vec::new();
    let mut notes = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut last_by_style: std::collections::HashMap<MarkerStyle, u32> = Default::default();
    for (i, c) in cands.iter().enumerate() {
        let Some(fit) = evaluate(c, &stack, &last_by_style, placed.is_empty(), &cands[i + 1..]) else {
            continue;
        };
        let (depth, note) = match fit {
            Fit::Sibling(d, n) | Fit::Child(d, n) => (d, n),
        };
        if let Some(code) = note {
            let expected = match fit {
                Fit::Sibling(d, _) => stack[d].number + 1,
                // A new level starts at 1, or runs on from the same style under the last parent.
                Fit::Child(..) => last_by_style.get(&c.style).map_or(1, |n| n + 1),
            };
            notes.push(Irregularity { cand: i, code, expected });
        }
        stack.truncate(depth);
        let parent = stack.last().map(|o| o.placed);
        placed.push(Placed { cand: i, level: depth as u32 + 1, parent });
        stack.push(Open { style: c.style, number: c.number, placed: placed.len() - 1 });
        last_by_style.insert(c.style, c.number);
    }
    (placed, notes)
}

fn evaluate(
    c: &Candidate,
    stack: &[Open],
    last_by_style: &std::collections::HashMap<MarkerStyle, u32>,
    first: bool,
    ahead: &[Candidate],
) -> Option<Fit> {
    let strong = c.context == Context::LineStart;
    if let Some(d) = stack.iter().rposition(|o| o.style == c.style) {
        let expected = stack[d].number + 1;
        if c.number == expected {
            return Some(Fit::Sibling(d, None));
        }
        if c.context == Context::Glued || c.doubtful {
            return None;
        }
        if c.number > expected && c.number <= expected + 2 && (strong || confirmed(c, ahead)) {
            return Some(Fit::Sibling(d, Some(WarningCode::NumberingGap)));
        }
        if strong && c.number == stack[d].number && confirmed(c, ahead) {
            return Some(Fit::Sibling(d, Some(WarningCode::NumberingDuplicate)));
        }
        // The top level starting again at 1 on a line of its own: a second numbered text (a
        // notice's requirements, then the plan). Kept, and said.
        if strong && d == 0 && c.number == 1 && stack[0].number >= 2 && confirmed(c, ahead) {
            return Some(Fit::Sibling(0, Some(WarningCode::NumberingRestart)));
        }
        // A deeper list of the same style restarting under a new parent is handled below only
        // when the style is not open; otherwise this is a stray number.
        return None;
    }
    // A style not open: a new level.
    let run_on = last_by_style.get(&c.style).map(|n| n + 1);
    let fits = c.number == 1 || Some(c.number) == run_on;
    // A style shallower than every open level (a fragment began deeper): it starts at the top.
    let depth = if !stack.is_empty() && stack.iter().all(|o| rank(o.style) > rank(c.style)) { 0 } else { stack.len() };
    if c.doubtful {
        return (Some(c.number) == run_on).then_some(Fit::Child(depth, None));
    }
    if c.context == Context::Glued {
        if first && confirmed_by(c, ahead, true) {
            // Text glued into one run from its first item on ("质量一、指导思想…优秀二、工作目标").
            return Some(Fit::Child(0, None));
        }
        // Glued candidates only open a list at 1 ("社会宣传1、制作", "主要任务(一)建立"), never a
        // 一、 ("统一、规范").
        let numeric = c.style != MarkerStyle::CnComma;
        return (numeric && fits && depth == stack.len() && !stack.is_empty()).then_some(Fit::Child(depth, None));
    }
    if fits {
        return Some(Fit::Child(depth, None));
    }
    if first || depth == 0 {
        // A fragment: whatever comes first is the top level, and so is a shallower style that
        // turns up later (the fragment began inside its previous item).
        return Some(Fit::Child(0, None));
    }
    // A list whose first numbers are missing (a gap, or a fragment that began inside it): taken
    // when the next number confirms it.
    let confirmed = confirmed(c, ahead);
    if (strong || confirmed) && c.number <= 3 || strong && confirmed {
        return Some(Fit::Child(depth, Some(WarningCode::NumberingGap)));
    }
    None
}

/// Look-ahead: the next candidate of the same style continues this one's sequence.
fn confirmed(c: &Candidate, ahead: &[Candidate]) -> bool {
    confirmed_by(c, ahead, false)
}

/// Look-ahead that also counts glued followers (for text glued into one run throughout).
fn confirmed_by(c: &Candidate, ahead: &[Candidate], glued_too: bool) -> bool {
    ahead
        .iter()
        .take(12)
        .find(|a| a.style == c.style && (glued_too || a.context != Context::Glued))
        .is_some_and(|a| a.number == c.number + 1)
}

#[cfg(test)]
mod tests {
    use super::super::markers::scan;
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        let cands = scan(text);
        let (placed, _) = solve(&cands);
        let mut nums: Vec<Vec<u32>> = Vec::new();
        for p in &placed {
            let mut v = p.parent.map(|q| nums[q].clone()).unwrap_or_default();
            v.push(cands[p.cand].number);
            nums.push(v);
        }
        nums.iter().map(|v| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".")).collect()
    }

    #[test]
    fn run_on_across_parents() {
        let t = "一、目标 二、任务 (一)宣传发动 1.召开大会。2.做好广告。 (二)任务分解 1.创建环境 (1)坚持学习。(2)加强建设。2.创建法治 (3)加强宣传。";
        assert_eq!(
            paths(t),
            ["1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.1", "2.2.1.1", "2.2.1.2", "2.2.2", "2.2.2.3"]
        );
    }

    #[test]
    fn fragment_and_shallower_style() {
        assert_eq!(paths("四、保障措施\n（一）加强组织领导。\n（二）强化督查考核。"), ["4", "4.1", "4.2"]);
        assert_eq!(paths("（三）加强建设。\n1.完善制度\n四、保障"), ["3", "3.1", "4"]);
    }

    #[test]
    fn top_level_restart_is_kept() {
        assert_eq!(paths("一、甲。\n二、乙。\n一、丙\n（一）丁。\n二、戊。"), ["1", "2", "1", "1.1", "2"]);
    }

    #[test]
    fn glued_only_in_sequence() {
        assert_eq!(paths("一、工作\n要求统一、规范。\n二、措施"), ["1", "2"]);
        assert_eq!(paths("(一)社会宣传1、制作发放。2、户外"), ["1", "1.1", "1.2"]);
        // A glued list may also run on from the previous parent ("市场环境(14)加快").
        assert_eq!(paths("1.政务环境 (1)依法执行。(2)规范。 2.市场环境(3)加快"), ["1", "1.1", "1.2", "2", "2.3"]);
    }
}
