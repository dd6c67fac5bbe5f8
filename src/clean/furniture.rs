//! Page furniture (页码): page numbers that a PDF/Word conversion left in the text — on their own
//! line ("- 3 -", "第3页 共9页"), mid-sentence ("目标 — 3—提供"), or glued to the next item
//! ("——48.加大" is page 4 then item 8.). The page numbers form their own rising sequence, which
//! decides how glued digits split.

use super::{is_cjk, Edit};
use regex::Regex;
use std::sync::OnceLock;

/// The page numbers seen so far.
#[derive(Debug, Default)]
pub(crate) struct PageSequence {
    last: u32,
}

impl PageSequence {
    pub(crate) fn accept(&mut self, p: u32) {
        self.last = p;
    }

    /// A page number that may follow the last one (pages may be missing from an excerpt).
    fn plausible(&self, p: u32) -> bool {
        if self.last == 0 {
            (1..=3).contains(&p)
        } else {
            p > self.last && p <= self.last + 3
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '－' | '–' | '-' | '―' | '─')
}

/// A line that is nothing but a page number.
pub(crate) fn page_line(line: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:[—－–\-―─]{1,2}\s*(\d{1,4})\s*[—－–\-―─]{1,2}|第\s*(\d{1,4})\s*页\s*[,，/]?\s*共\s*\d{1,4}\s*页|(\d{1,4})\s*/\s*\d{1,4}\s*页?)$").unwrap()
    });
    let t = line.trim_matches(|c: char| c.is_whitespace());
    let caps = re.captures(t)?;
    let n = caps.get(1).or(caps.get(2)).or(caps.get(3))?;
    n.as_str().parse().ok()
}

/// Page numbers inside a line, as removals. `seen` collects the numbers removed.
/// `before` is the cleaned text so far: the item sequence there tells how "——48." splits when
/// the page sequence cannot.
pub(crate) fn inline_pages(line: &str, before: &str, pages: &mut PageSequence, seen: &mut Vec<u32>) -> Vec<Edit> {
    let mut out = Vec::new();
    if !line.chars().any(is_dash) {
        return out;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_dash(chars[i].1) || (i > 0 && (chars[i - 1].1.is_ascii_alphanumeric() || is_dash(chars[i - 1].1))) {
            i += 1;
            continue;
        }
        // Leading dash run (1–2).
        let mut j = i;
        while j < chars.len() && j - i < 2 && is_dash(chars[j].1) {
            j += 1;
        }
        let lead = j - i;
        let mut k = skip_space(&chars, j);
        let digits_start = k;
        while k < chars.len() && chars[k].1.is_ascii_digit() && k - digits_start < 4 {
            k += 1;
        }
        if k == digits_start || (k < chars.len() && chars[k].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let digits: String = chars[digits_start..k].iter().map(|c| c.1).collect();
        let after_digits = k;
        let m = skip_space(&chars, k);
        // Form A: dashes on both sides — "— 3—", "- 3 -".
        let mut t = m;
        while t < chars.len() && t - m < 2 && is_dash(chars[t].1) {
            t += 1;
        }
        let trailing = t - m;
        let next_is_digit = t < chars.len() && chars[t].1.is_ascii_digit();
        let value: u32 = digits.parse().unwrap_or(u32::MAX);
        let mut removed: Option<(usize, usize)> = None; // char index range to remove
        if trailing > 0 && !next_is_digit && value < 1000 {
            pages.accept(value);
            seen.push(value);
            removed = Some((i, t));
        } else if lead == 2 && trailing == 0 {
            // Form B: "—— 2" / "——6(7)" / "——48." — a double dash and a page number, maybe glued
            // to the next item's number.
            let after = chars.get(after_digits).map(|c| c.1);
            let blocked = matches!(after, Some('年' | '月' | '日' | '%' | '％' | '号' | '个' | '万' | '元'));
            // With no page seen yet, a number standing apart ("—— 2 (一)", "——6(7)") is a page.
            let apart = after.is_none_or(|a| a.is_whitespace() || matches!(a, '(' | '（'));
            let fits = pages.plausible(value) || (pages.last == 0 && apart && value < 1000);
            if !blocked && fits && !matches!(after, Some('.' | '．' | '、')) {
                pages.accept(value);
                seen.push(value);
                removed = Some((i, after_digits));
            } else if !blocked && digits.len() >= 2 && matches!(after, Some('.' | '．' | '、')) {
                // Split: the longest prefix that continues the page sequence, or else the one
                // whose rest continues the item sequence.
                let hint = last_item_number(&line[..chars[i].0]).or_else(|| last_item_number(tail(before, 2000)));
                for cut in (1..digits.len()).rev() {
                    let p: u32 = digits[..cut].parse().unwrap_or(u32::MAX);
                    let rest: Option<u32> = digits[cut..].parse().ok();
                    let by_items = pages.last == 0 && hint.is_some_and(|h| rest == Some(h + 1));
                    if pages.plausible(p) || by_items {
                        pages.accept(p);
                        seen.push(p);
                        removed = Some((i, digits_start + cut));
                        break;
                    }
                }
            }
        }
        let Some((a, b)) = removed else {
            i += 1;
            continue;
        };
        // Trailing spaces go with the page number when a space remains on the left or the number
        // sat mid-sentence; leading spaces go too when the text runs on (mid-sentence).
        let mut end = b;
        let after_space = skip_space(&chars, b);
        let glued_item = b < chars.len() && chars[b].1.is_ascii_digit();
        if !glued_item {
            end = after_space;
        }
        let mut start = a;
        let runs_on = chars.get(end).is_some_and(|c| is_cjk(c.1) || "，,、。；".contains(c.1));
        if runs_on {
            while start > 0 && chars[start - 1].1.is_whitespace() {
                start -= 1;
            }
        }
        let byte = |ci: usize| chars.get(ci).map_or(line.len(), |c| c.0);
        out.push(Edit { start: byte(start), end: byte(end), with: "" });
        i = end.max(i + 1);
    }
    out
}

/// The last `n` bytes of `s` (or a little more, to stay on a char boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    &s[at..]
}

/// The number of the last "N." / "N、" marker in a text that stands after a space, punctuation
/// or a line start.
fn last_item_number(s: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?:^|[\s。；;：:])(\d{1,3})[.．、]\D").unwrap());
    re.captures_iter(s).last().and_then(|c| c[1].parse().ok())
}

fn skip_space(chars: &[(usize, char)], mut k: usize) -> usize {
    while k < chars.len() && (chars[k].1 == ' ' || chars[k].1 == '\u{3000}' || chars[k].1 == '\u{a0}' || chars[k].1 == '\t') {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str, last: u32) -> String {
        let mut p = PageSequence { last };
        let mut seen = Vec::new();
        let mut m = super::super::MappedText::default();
        super::super::emit(&mut m, line, 0, line, inline_pages(line, "", &mut p, &mut seen));
        m.text
    }

    #[test]
    fn inline() {
        assert_eq!(run("目标 — 3—提供", 2), "目标提供");
        assert_eq!(run("工作步骤和任务 —— 2 (一)宣传发动", 1), "工作步骤和任务 (一)宣传发动");
        assert_eq!(run("县信访局。 ——6(7)依法制定", 5), "县信访局。 (7)依法制定");
        assert_eq!(run("文艺宣传。 ——48.加大新闻", 3), "文艺宣传。 8.加大新闻");
        assert_eq!(run("7.开展好文艺宣传。 ——48.加大", 0), "7.开展好文艺宣传。 8.加大");
        assert_eq!(run("2023—2025年", 0), "2023—2025年");
        assert_eq!(run("（2023年5月-8月）", 0), "（2023年5月-8月）");
        assert_eq!(run("目标——2025年实现", 0), "目标——2025年实现");
    }

    #[test]
    fn whole_lines() {
        assert_eq!(page_line("- 3 -"), Some(3));
        assert_eq!(page_line(" — 12 — "), Some(12));
        assert_eq!(page_line("第3页 共9页"), Some(3));
        assert_eq!(page_line("3"), None);
        assert_eq!(page_line("一、总体要求"), None);
    }
}
