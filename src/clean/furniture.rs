//! Page furniture (页码): page numbers that a PDF/Word conversion left in the text — on their own
//! line ("- 3 -", "第3页 共9页"), mid-sentence ("目标 — 3—提供"), or glued to the next item
//! ("——48.加大" is page 4 then item 8.). The page numbers form their own rising sequence, which
//! decides how glued digits split.

use super::Edit;
use crate::chars::is_han;
use crate::grammar::pattern::Pattern;
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

/// True when `line` holds a dash ([`is_dash`]). Tested on every line: memchr's vectorized search
/// finds the bytes a dash begins with (- E2 EF), and only the characters there are decoded.
fn has_dash(line: &str) -> bool {
    memchr::memchr3_iter(b'-', 0xE2, 0xEF, line.as_bytes())
        .any(|i| line.get(i..).and_then(|s| s.chars().next()).is_some_and(is_dash))
}

/// — 3 —, 第3页 共9页, 3/9 页: a whole line (stray dashes a space apart may stand before the
/// number's own: "— — — 3 —").
fn page_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"^(?:(?:[—－–\-―─]\s+){0,3}[—－–\-―─]{1,2}\s*([0-9０-９]{1,4})\s*[—－–\-―─]{1,2}|第\s*([0-9０-９]{1,4})\s*页\s*[,，/]?\s*共\s*[0-9０-９]{1,4}\s*页|([0-9０-９]{1,4})\s*/\s*[0-9０-９]{1,4}\s*页?)$",
        )
    })
}

/// A line that is nothing but a page number.
pub(crate) fn page_line(line: &str) -> Option<u32> {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    // A page-number line is short, holds a digit and starts with a dash, 第 or a digit: most
    // lines are not (and then the pattern is not even compiled).
    let opens = |c: char| is_dash(c) || c == '第' || c.is_ascii_digit() || ('０'..='９').contains(&c);
    if t.len() > 40 || !t.starts_with(opens) || !t.chars().any(crate::chars::is_digit) {
        return None;
    }
    let caps = page_re().captures(t)?;
    let n = caps.get(1).or(caps.get(2)).or(caps.get(3))?;
    // Full-width digits too ("— ３ —").
    crate::grammar::numerals::parse_digits(n.as_str())
}

/// Page numbers inside a line, as removals. `seen` collects the numbers removed.
/// `before` is the cleaned text so far: the item sequence there tells how "——48." splits when
/// the page sequence cannot.
pub(crate) fn inline_pages(line: &str, before: &str, pages: &mut PageSequence, seen: &mut Vec<u32>) -> Vec<Edit> {
    let mut out = Vec::new();
    if !has_dash(line) {
        return out;
    }
    // Positions are byte offsets walked char by char (no per-line char table: a 20 MB line would
    // cost 16 bytes a char). Page numbers and dashes are short, so every look is local.
    let at = |p: usize| line.get(p..).and_then(|s| s.chars().next());
    let next = |p: usize| p + at(p).map_or(1, char::len_utf8);
    let before_char = |p: usize| line.get(..p).and_then(|s| s.chars().next_back());
    let skip_space = |mut p: usize| {
        while let Some(c @ (' ' | '\u{3000}' | '\u{a0}' | '\t')) = at(p) {
            p += c.len_utf8();
        }
        p
    };
    // Half- or full-width digits ("— ３ —").
    let is_digit = |p: usize| at(p).is_some_and(crate::chars::is_digit);
    let number = |s: &str| crate::grammar::numerals::parse_digits(s);
    // Where the last item number before a position was looked for, and what it was: the hint is
    // read from the line before each glued candidate, so it is carried forward, not rescanned.
    let mut item_scan = ItemScan::default();
    let mut bracket_scan = BracketScan::default();
    let mut i = 0;
    while i < line.len() {
        // Jump to the next dash: only dashes can open page furniture.
        let Some(off) = line[i..].find(is_dash) else { break };
        i += off;
        let Some(c) = at(i) else { break };
        if !is_dash(c) || before_char(i).is_some_and(|p| p.is_ascii_alphanumeric() || is_dash(p)) {
            i = next(i);
            continue;
        }
        // Leading dash run (1–2).
        let mut j = i;
        let mut lead = 0;
        while lead < 2 && at(j).is_some_and(is_dash) {
            j = next(j);
            lead += 1;
        }
        let digits_start = skip_space(j);
        let mut k = digits_start;
        let mut count = 0;
        while count < 4 && is_digit(k) {
            k = next(k);
            count += 1;
        }
        if k == digits_start || is_digit(k) {
            i = next(i);
            continue;
        }
        let digits = &line[digits_start..k];
        let after_digits = k;
        let m = skip_space(k);
        // Form A: dashes on both sides — "— 3—", "- 3 -".
        let mut t = m;
        let mut trailing = 0;
        while trailing < 2 && at(t).is_some_and(is_dash) {
            t = next(t);
            trailing += 1;
        }
        let next_is_digit = is_digit(t);
        let value: u32 = number(digits).unwrap_or(u32::MAX);
        // A run of stray dashes before it ("— — — 3 —") makes it a page's decoration even when
        // the next item's number is glued after it ("— 3 —2.以…").
        let decor_start = stray_dashes_start(line, i);
        let mut removed: Option<(usize, usize)> = None; // byte range to remove
        if trailing > 0 && (!next_is_digit || decor_start < i) && value < 1000 {
            pages.accept(value);
            seen.push(value);
            removed = Some((decor_start, t));
        } else if lead == 2 && trailing == 0 {
            // Form B: "—— 2" / "——6(7)" / "——48." — a double dash and a page number, maybe glued
            // to the next item's number.
            let after = at(after_digits);
            let blocked = matches!(after, Some('年' | '月' | '日' | '%' | '％' | '号' | '个' | '万' | '元'));
            // With no page seen yet, a number standing apart ("—— 2 (一)", "——6(7)") is a page.
            let apart = after.is_none_or(|a| a.is_whitespace() || matches!(a, '(' | '（'));
            // Or the bracketed item after it continues the text's own bracketed items ("（14）…
            // ——8(15)加快…"): a text that holds two page sequences (its own, and a printout's
            // footers) has no one sequence to go by.
            let fits = pages.plausible(value)
                || (pages.last == 0 && apart && value < 1000)
                || (value < 1000 && bracket_scan.continued_at(line, i, after_digits, before));
            if !blocked && fits && !matches!(after, Some('.' | '．' | '、')) {
                pages.accept(value);
                seen.push(value);
                removed = Some((i, after_digits));
            } else if !blocked
                && count >= 2
                && matches!(after, Some('.' | '．' | '、'))
                && !is_digit(next(after_digits))
            {
                // Split: the longest prefix that continues the page sequence, or else the one
                // whose rest continues the item sequence (a marker "8.加大", not a decimal
                // "12.5亿元"). The items are trusted with pages seen too: a text holding two page
                // sequences (its own and a printout's, "—4—" just above) has no one to go by.
                let hint =
                    last_item_number_before(line, i, &mut item_scan).or_else(|| last_item_number(tail(before, 2000)));
                for n in (1..count).rev() {
                    let cut = digits.char_indices().nth(n).map_or(digits.len(), |(at, _)| at);
                    let p: u32 = number(&digits[..cut]).unwrap_or(u32::MAX);
                    let rest: Option<u32> = number(&digits[cut..]);
                    let by_items = hint.is_some_and(|h| rest == Some(h + 1));
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
            i = next(i);
            continue;
        };
        // Trailing spaces go with the page number when a space remains on the left or the number
        // sat mid-sentence; leading spaces go too when the text runs on (mid-sentence).
        let mut end = b;
        if !is_digit(b) {
            end = skip_space(b);
        }
        let mut start = a;
        // Stray dashes before the number make it a page's decoration, not a break mid-sentence.
        let runs_on = a == i && at(end).is_some_and(|c| is_han(c) || "，,、。；".contains(c));
        if runs_on {
            while let Some(w) = before_char(start).filter(|c| c.is_whitespace()) {
                start -= w.len_utf8();
            }
        }
        out.push(Edit { start, end: end.min(line.len()), with: "" });
        i = end.max(next(i));
    }
    out
}

/// Where stray dashes a space apart that stand before a page number's own ("— — — 2 —", a page's
/// decoration) start, each with a space or the line's start before it: at most three; `at` when
/// there are none (a dash glued to text is the text's: "研究—— — 2 —").
fn stray_dashes_start(line: &str, at: usize) -> usize {
    let mut start = at;
    for k in 0..3 {
        let spaced = line[..start].trim_end_matches([' ', '\u{3000}', '\u{a0}', '\t']);
        let Some(dash) = spaced.chars().next_back().filter(|&c| is_dash(c)) else { break };
        let from = spaced.len() - dash.len_utf8();
        if spaced.len() == start {
            break;
        }
        match line[..from].chars().next_back() {
            Some(c) if !c.is_whitespace() => {
                // The first of a run of stray dashes glued to the text ("党工委— — — 3 —"): a single
                // dash after an ideograph is no punctuation (the dash of a sentence is doubled,
                // "研究——", and a range stands between digits).
                if k > 0 && is_han(c) {
                    start = from;
                }
                break;
            }
            _ => start = from,
        }
    }
    start
}

/// Where the scan for the last item number of a line stands: every marker before `from` is
/// settled (no longer prefix of the line can change it), and `last` is the last of them.
#[derive(Default)]
struct ItemScan {
    from: usize,
    last: Option<u32>,
}

/// [`last_item_number`] of `line[..pos]`, each part of the line scanned about once however many
/// positions are asked for (positions only grow within a line). A marker is at most 13 bytes, so
/// the iteration over `line[..pos]` agrees with that over any longer prefix for every match that
/// ends 16 bytes before `pos`: those are settled, only the tail is scanned again.
fn last_item_number_before(line: &str, pos: usize, scan: &mut ItemScan) -> Option<u32> {
    let hay = &line[..pos];
    let mut safe = pos.saturating_sub(16);
    while !line.is_char_boundary(safe) {
        safe -= 1;
    }
    let mut at = scan.from.min(pos);
    let mut result = scan.last;
    let mut first_unsettled = None;
    while let Some(c) = item_re().captures_at(hay, at) {
        let Some(m) = c.get(0) else { break };
        let v = c[1].parse().ok();
        if m.end() <= safe {
            scan.from = m.end();
            scan.last = v;
        } else if first_unsettled.is_none() {
            first_unsettled = Some(m.start());
        }
        result = v;
        at = m.end();
    }
    // No marker starts between the settled point and here: later scans may start here.
    let x = first_unsettled.unwrap_or(safe).min(safe);
    if x > scan.from {
        scan.from = x;
    }
    result
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
    item_re().captures_iter(s).last().and_then(|c| c[1].parse().ok())
}

/// The last bracketed item number ("(14)", "（14）") before a position of a line, for positions
/// asked in increasing order: each part of the line is scanned once (as [`ItemScan`] does), and
/// the text cleaned before the line at most once, so a line of many page numbers costs no more
/// than one pass.
#[derive(Default)]
struct BracketScan {
    from: usize,
    last: Option<u32>,
    /// The last bracketed number in the end of the text cleaned before the line, once looked for.
    before: Option<Option<u32>>,
}

impl BracketScan {
    /// Whether a bracketed item number opens `line` at `at` ("(15)") and is the one after the last
    /// bracketed number before `pos` in the line, or else in the end of the text cleaned so far
    /// (`before`).
    fn continued_at(&mut self, line: &str, pos: usize, at: usize, before: &str) -> bool {
        let Some(c) = bracketed_re().captures(&line[at..]) else { return false };
        let Some(n) = c[1].parse::<u32>().ok() else { return false };
        let prev = self.last_before(line, pos).or_else(|| {
            *self.before.get_or_insert_with(|| {
                bracketed_re_anywhere().captures_iter(tail(before, 2000)).last().and_then(|c| c[1].parse().ok())
            })
        });
        prev.is_some_and(|p| p + 1 == n)
    }

    fn last_before(&mut self, line: &str, pos: usize) -> Option<u32> {
        let hay = &line[..pos];
        let mut at = self.from.min(pos);
        while let Some(c) = bracketed_re_anywhere().captures_at(hay, at) {
            let Some(m) = c.get(0) else { break };
            self.last = c[1].parse().ok();
            at = m.end();
        }
        // A number that starts just before `pos` may end after it: the last bytes are read again.
        let mut safe = pos.saturating_sub(12).max(at);
        while !line.is_char_boundary(safe) {
            safe -= 1;
        }
        self.from = safe.max(self.from);
        self.last
    }
}

fn bracketed_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"^[(（]([0-9]{1,3})[)）]"))
}

fn bracketed_re_anywhere() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"[(（]([0-9]{1,3})[)）]"))
}

fn item_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"(?:^|[\s。；;：:])([0-9０-９]{1,3})[.．、][^0-9０-９]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dash_test_by_bytes_agrees() {
        for u in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(has_dash(&format!("a{c}b")), is_dash(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn both_engines_read_the_patterns_alike() {
        for p in [page_re(), item_re(), bracketed_re(), bracketed_re_anywhere()] {
            crate::grammar::pattern::verify(p.written()).unwrap();
        }
    }

    /// Random lines over `alphabet`, each asked at growing positions (on char boundaries), as
    /// the page scan asks: `check(line, pos)` for each, a fresh scan state per line.
    fn growing_prefixes(alphabet: &str, mut state: u64, mut check: impl FnMut(&str, usize, bool)) {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut rnd = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..2_000 {
            let line: String = (0..1 + rnd(120)).map(|_| alphabet[rnd(alphabet.len())]).collect();
            let mut pos = 0;
            let mut first = true;
            while pos < line.len() {
                pos += 1 + rnd(8);
                while pos < line.len() && !line.is_char_boundary(pos) {
                    pos += 1;
                }
                check(&line, pos.min(line.len()), std::mem::take(&mut first));
            }
        }
    }

    #[test]
    fn item_number_scan_agrees_with_a_full_rescan() {
        let mut scan = ItemScan::default();
        growing_prefixes(" 。；:1２3.．、x一", 0x9E37_79B9_7F4A_7C15, |line, pos, first| {
            if first {
                scan = ItemScan::default();
            }
            let got = last_item_number_before(line, pos, &mut scan);
            assert_eq!(got, last_item_number(&line[..pos]), "{line:?} at {pos}");
        });
    }

    #[test]
    fn bracket_scan_agrees_with_a_full_rescan() {
        let full = |s: &str| bracketed_re_anywhere().captures_iter(s).last().and_then(|c| c[1].parse::<u32>().ok());
        let mut scan = BracketScan::default();
        growing_prefixes("(（)）1２3。x一 ", 0x2545_F491_4F6C_DD1D, |line, pos, first| {
            if first {
                scan = BracketScan::default();
            }
            assert_eq!(scan.last_before(line, pos), full(&line[..pos]), "{line:?} at {pos}");
        });
    }

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
        // A page's decoration, its first dash glued to the unit before it.
        assert_eq!(run("各街道党工委— — — 3 —2.以区域化", 2), "各街道党工委2.以区域化");
        assert_eq!(run("研究—— — 3 —提供", 2), "研究——提供");
        assert_eq!(run("工作步骤和任务 —— 2 (一)宣传发动", 1), "工作步骤和任务 (一)宣传发动");
        assert_eq!(run("县信访局。 ——6(7)依法制定", 5), "县信访局。 (7)依法制定");
        // Out of the page sequence (a printout's own footers numbered it on), but the item after
        // it continues the text's bracketed items.
        assert_eq!(run("(14)依法执行。 ——8(15)加快", 12), "(14)依法执行。 (15)加快");
        assert_eq!(run("(14)依法执行。 ——8(16)加快", 12), "(14)依法执行。 ——8(16)加快");
        assert_eq!(run("文艺宣传。 ——48.加大新闻", 3), "文艺宣传。 8.加大新闻");
        assert_eq!(run("7.开展好文艺宣传。 ——48.加大", 0), "7.开展好文艺宣传。 8.加大");
        // Page 4 seen already (a printout's footer), the item after it tells the split.
        assert_eq!(run("7.开展好文艺宣传。 ——48.加大", 4), "7.开展好文艺宣传。 8.加大");
        // A decimal is no item marker.
        assert_eq!(run("1.目标 ——12.5亿元", 0), "1.目标 ——12.5亿元");
        assert_eq!(run("2023—2025年", 0), "2023—2025年");
        assert_eq!(run("（2023年5月-8月）", 0), "（2023年5月-8月）");
        assert_eq!(run("目标——2025年实现", 0), "目标——2025年实现");
        // Full-width digits, as text typed in full-width mode writes them.
        assert_eq!(run("目标 — ３—提供", 2), "目标提供");
        assert_eq!(run("文艺宣传。 ——４８．加大新闻", 3), "文艺宣传。 ８．加大新闻");
        assert_eq!(run("目标——２０２５年实现", 0), "目标——２０２５年实现");
    }

    #[test]
    fn whole_lines() {
        assert_eq!(page_line("- 3 -"), Some(3));
        assert_eq!(page_line(" — 12 — "), Some(12));
        assert_eq!(page_line("— — — 3 —"), Some(3));
        assert_eq!(page_line("第3页 共9页"), Some(3));
        assert_eq!(page_line("— ３ —"), Some(3), "full-width digits");
        assert_eq!(page_line("第１２页 共２０页"), Some(12));
        assert_eq!(page_line("3"), None);
        assert_eq!(page_line("一、总体要求"), None);
    }
}
