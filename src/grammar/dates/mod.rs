//! Dates (日期/时限): points (2023年5月), periods (2023年5月-8月, 第三季度, 上半年, 中旬),
//! deadlines (6月底前, 到2028年底, 完成时限：2023年12月), ongoing (长期坚持) and recurring (每季度)
//! time frames, normalized to ISO partial dates ("2023", "2023-05", "2023-05-10").
//!
//! The phrase grammar of one date is in [`phrase`] (nom). Here a linear scan tries the statement
//! grammar at each character that may open a date and keeps the first, longest reading; the scan
//! then resumes after it, so facts never overlap.
//!
//! A date without a year takes [`DateContext::year`]; when the context has none, it takes the last
//! year written earlier in the same text (经……后于2月7日前 after 2021年2月3日前). A date whose year
//! cannot be known is dropped: a bare 6月 says nothing a tracker can use.

mod full;
mod phrase;

pub use full::{full_date, iso_ymd};

use std::sync::OnceLock;

use super::words::{CharBloom, CharSet, Marks, WordIndex};
use crate::chars::is_digit;
use crate::grammar::data;
use crate::grammar::numerals::{is_cn_numeral, CN_NUMERALS};
use crate::grammar::Found;
use crate::model::{DateFact, DateKind};
use nom::combinator::opt;
use nom::Parser;
use phrase::{any_word, end_mark, fail, skip_clock, span, when, ws, years_within, Part, When, YearSrc, R};

/// Year of the enclosing phase or of the document, used when a phrase has no year.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// The year a date without one belongs to (the item's, its phase's or the document's).
    pub year: Option<i32>,
    /// The document's own year, for words relative to the present (今年, 本年度, 明年): an
    /// item's written years ("2000年底前建成的小区") say nothing about when "this year" is.
    pub now: Option<i32>,
}

/// Every date statement in `text`, in order, non-overlapping, each with its byte range.
pub fn scan_dates(text: &str, ctx: &DateContext) -> Vec<Found<DateFact>> {
    scan_dates_in(&Marks::new(text, stops()), ctx)
}

/// What [`scan_dates_in`] stops at: what may open a statement (the filter of `may_open`, which
/// holds every opening character) and what opens or closes a title.
pub fn stops() -> CharBloom {
    opening_chars().any.union(CharBloom::EMPTY.with_all(&['《', '》', '\n']))
}

/// [`scan_dates`] of the text of `marks`, which cover [`stops`].
pub fn scan_dates_in(marks: &Marks, ctx: &DateContext) -> Vec<Found<DateFact>> {
    let text = marks.text();
    let mut out = Vec::new();
    let mut last_year: Option<i32> = None;
    let mut resume = 0;
    // Inside the 《》 of a cited title ("《2025年度工作报告》") a year names the document, not
    // a time of the task: such dates are passed over (a title runs at most 100 characters).
    let mut title_open: Option<usize> = None;
    // Most characters neither open a statement nor open or close a title: the loop sees only
    // the others (`stops`), and reads the character before only where needed.
    let stops = stops();
    for (pos, c) in marks.hits(&stops) {
        match c {
            '《' => title_open = Some(pos),
            '》' | '\n' => title_open = None,
            _ => {}
        }
        if title_open.is_some_and(|o| pos - o > 300) {
            title_open = None;
        }
        if pos < resume || title_open.is_some() {
            continue;
        }
        let before = text[..pos].chars().next_back();
        if !may_open(c, before) {
            continue;
        }
        let rest = &text[pos..];
        if !may_begin(rest, c) {
            continue;
        }
        let Ok((after, draft)) = statement(rest, before) else {
            continue;
        };
        let end = text.len() - after.len();
        resume = end;
        if not_task_date(text, pos, end) {
            continue;
        }
        if let Some(y) = draft.written_year() {
            last_year = Some(y);
        }
        let base = ctx.year.or(last_year);
        if let Some(fact) = draft.finish(&text[pos..end], base, ctx.now.or(base)) {
            out.push(Found { value: fact, start: pos, end });
        }
    }
    // "分别于2月14日、5月16日、8月15日、11月14日前": the 前 closing a list of dates makes each
    // of them a deadline.
    for k in (1..out.len()).rev() {
        let (a, b) = (&out[k - 1], &out[k]);
        let joined = matches!(text[a.end..b.start].trim(), "、" | "和" | "及" | "与");
        if joined && b.value.kind == DateKind::Deadline && a.value.kind == DateKind::Point {
            let v = &mut out[k - 1].value;
            v.kind = DateKind::Deadline;
            v.end = v.start.take();
        }
    }
    recurring_lists(text, &mut out);
    out
}

/// "每年1月15日、7月15日前": the dates listed after a recurring one, without a year of their
/// own, recur as well.
fn recurring_lists(text: &str, out: &mut [Found<DateFact>]) {
    for k in 1..out.len() {
        let joined = matches!(text[out[k - 1].end..out[k].start].trim(), "、" | "和" | "及" | "与");
        if joined && out[k - 1].value.kind == DateKind::Recurring && out[k].value.year_inferred {
            let v = &mut out[k].value;
            (v.kind, v.start, v.end, v.year_inferred) = (DateKind::Recurring, None, None, false);
        }
    }
}

/// True when the words around the date at `start..end` say it is no time of the task
/// (grammar/date_not_task.txt): a birth date or cut-off of an eligibility rule (1973年6月以后
/// 出生), the end of a computation (任职时间计算到2024年6月), or the year in the name of another
/// list (已纳入2021年市重点改革任务清单).
fn not_task_date(text: &str, start: usize, end: usize) -> bool {
    let w = words();
    let after = text[end..].trim_start();
    let after = after.strip_prefix("（含）").or_else(|| after.strip_prefix("(含)")).unwrap_or(after);
    let after =
        ["以后", "以前", "之后", "之前", "后", "前"].iter().find_map(|x| after.strip_prefix(x)).unwrap_or(after);
    if w.not_task_after.prefix_of(after).is_some() {
        return true;
    }
    let before = text[..start].trim_end();
    if w.not_task_before.suffix_of(before).is_some() {
        return true;
    }
    w.name_verbs.suffix_of(before).is_some() && names_list(&text[end..], &w.name_nouns)
}

/// True when the words right after a year, up to 20 characters without punctuation, end in the
/// noun of a list or document (市重点改革任务清单).
fn names_list(rest: &str, nouns: &[&str]) -> bool {
    let mut n = rest.len();
    for (k, (b, c)) in rest.char_indices().enumerate() {
        if k == 20 || !crate::chars::is_han(c) {
            n = b;
            break;
        }
    }
    nouns.iter().any(|x| rest[..n].contains(x))
}

/// `text` read as ONE date phrase (a table cell such as 完成时限 "2019年12月底前", a signature date
/// "2023年5月 日" / "二〇二三年五月十日"), None if it is not one.
pub fn parse_date(text: &str, ctx: &DateContext) -> Option<DateFact> {
    let t = text.trim_matches(is_cell_filler);
    if t.is_empty() {
        return None;
    }
    if data::list("ongoing_cell_words").contains(&t) {
        return Some(empty_fact(t, DateKind::Ongoing));
    }
    // 于2012年10月底前 / 在2023年底前: the preposition carries nothing.
    let body = t.strip_prefix('于').or_else(|| t.strip_prefix('在')).unwrap_or(t);
    let (after, draft) = statement(body, None).ok()?;
    let tail = after.trim_matches(is_cell_filler);
    let tail_ok = tail.is_empty() || data::list("completion_verbs").contains(&tail);
    if !tail_ok {
        return None;
    }
    let raw = &body[..body.len() - after.len()];
    let base = ctx.year.or(draft.written_year());
    draft.finish(raw, base, ctx.now.or(base))
}

/// The first 4-digit year (1900..=2100) written in a text, e.g. to take a phase's year.
/// A year counts when 年 follows it (2023年, 2019 年, 二〇二三年), when it opens a span of years
/// (2023—2025年), or when it stands in the brackets of a document number (〔2023〕).
pub fn first_year(text: &str) -> Option<i32> {
    first_year_in(&Marks::new(text, numbers()))
}

/// The digits and Chinese numerals: every form of [`first_year`] opens with one.
fn numbers() -> CharBloom {
    static NUMBERS: OnceLock<CharBloom> = OnceLock::new();
    *NUMBERS.get_or_init(|| {
        ('0'..='9').chain('０'..='９').chain(CN_NUMERALS.chars()).fold(CharBloom::EMPTY, |b, c| b.with(c))
    })
}

/// [`first_year`] of the text of `marks`, which cover [`stops`] (which holds the numbers).
pub fn first_year_in(marks: &Marks) -> Option<i32> {
    let text = marks.text();
    // One Bloom test passes the characters that open no number, and the character before is
    // read only where a run may open.
    let numbers = numbers();
    for (pos, c) in marks.hits(&numbers) {
        let before = text[..pos].chars().next_back();
        let opens_run =
            (is_digit(c) && !before.is_some_and(is_digit)) || (is_cn_numeral(c) && !before.is_some_and(is_cn_numeral));
        if !opens_run {
            continue;
        }
        let rest = &text[pos..];
        // Every form starts with a year of four digits or four Chinese numerals (二〇二三): a
        // shorter run ("一是", "3个") is skipped without trying the grammar.
        let four = if is_digit(c) {
            rest.chars().take(4).filter(|&x| is_digit(x)).count()
        } else {
            rest.chars().take(4).filter(|&x| is_cn_numeral(x)).count()
        };
        if four < 4 {
            continue;
        }
        if let Ok((r, (y, _))) = phrase::written_year(rest) {
            // A birth year (1973年6月以后出生) or a list's name is not the document's year.
            let end = statement(rest, before).map_or(text.len() - r.len(), |(after, _)| text.len() - after.len());
            if !not_task_date(text, pos, end) {
                return Some(y);
            }
            continue;
        }
        if let Ok((_, (a, Some(_)))) = span(rest, before) {
            if let YearSrc::Written(y) = a.year {
                return Some(y);
            }
        }
        if matches!(before, Some('〔' | '[' | '［' | '【')) {
            if let Ok((r, (y, _))) = phrase::year_number(rest) {
                if r.starts_with(['〕', ']', '］', '】']) {
                    return Some(y);
                }
            }
        }
    }
    None
}

/// Characters around a cell's value that are not part of it.
fn is_cell_filler(c: char) -> bool {
    c.is_whitespace() || "（）()[]【】〔〕。；;，,.、:：".contains(c)
}

/// Cheap test of whether a date statement may start at `c`. Digits and Chinese numerals only at
/// the start of their run, so that 2023 is never read as 023 and 十二月 never as 二月; other
/// characters only when some statement can begin with them, so ordinary text is skipped at once.
fn may_open(c: char, before: Option<char>) -> bool {
    let open = opening_chars();
    // One bit test rules out most characters of the Basic Multilingual Plane: the filter holds
    // every digit, Chinese numeral and opening character there (others are tested in full).
    if (c as u32) <= 0xFFFF && !open.any.may_hold(c) {
        return false;
    }
    if is_digit(c) {
        return !before.is_some_and(is_digit);
    }
    if is_cn_numeral(c) {
        return !before.is_some_and(is_cn_numeral);
    }
    open.openers.contains(c)
}

/// A necessary condition for a statement at the start of `rest` (whose first character is `c`),
/// read off the grammar: most places [`may_open`] lets through (一 of 进一步, 3 of 3个, 上 of 以上)
/// are ruled out by the next character or two, before the statement grammar tries its forms.
/// Beside the word lists (tried in full wherever one of their words may start):
/// - a number (a run of digits or of Chinese numerals) is followed, after at most three spaces
///   (as `phrase::ws` allows), by 年 (a year), 月 (a month), 季 (a quarter), a range separator
///   (2023—2025年, 5-8月) or, after digits, the / and . of a numeric date (2023/5/10);
/// - 年 opens only 年底/年末; 今 本 明 去 only a relative year (今年…); 上 下 only 上半年/下半年;
///   第 only a quarter, a number after it (第三季度).
fn may_begin(rest: &str, c: char) -> bool {
    let w = words();
    if [&w.ongoing, &w.recurring, &w.deadline_labels, &w.deadline_prefixes].iter().any(|l| l.starts(c)) {
        return true;
    }
    let after = |n: usize| rest[c.len_utf8()..].chars().nth(n);
    let after_spaces = |s: &str| {
        s.chars()
            .skip_while(|&x| phrase::is_hspace(x))
            .take(1)
            .next()
            .filter(|_| s.chars().take_while(|&x| phrase::is_hspace(x)).take(4).count() <= 3)
    };
    if is_digit(c) || is_cn_numeral(c) {
        let in_run = |x: char| if is_digit(c) { is_digit(x) } else { is_cn_numeral(x) };
        let run = rest.find(|x: char| !in_run(x)).unwrap_or(rest.len());
        let Some(next) = after_spaces(&rest[run..]) else { return false };
        let date_char = matches!(next, '年' | '月' | '季') || phrase::SEPARATOR_STARTS.contains(&next);
        return date_char || (is_digit(c) && matches!(next, '/' | '.'));
    }
    match c {
        '年' => matches!(after(0), Some('底' | '末')),
        '今' | '本' | '明' | '去' => after(0) == Some('年'),
        '上' | '下' => after(0) == Some('半'),
        '第' => after_spaces(&rest[c.len_utf8()..]).is_some_and(|x| is_digit(x) || is_cn_numeral(x)),
        _ => true,
    }
}

/// What may open a date statement.
struct Openers {
    /// Characters other than numbers that open a statement.
    openers: CharSet,
    /// Bloom filter of the openers and of every digit and Chinese numeral up to U+FFFF.
    any: CharBloom,
}

/// The first characters of the statements that do not start with a number: 年底, 今年…, 第三季度,
/// 上半年, 自/从, and the first characters of the word lists.
fn opening_chars() -> &'static Openers {
    static CHARS: OnceLock<Openers> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut v: Vec<char> = "年今本明去第上下自从".chars().collect();
        for list in ["ongoing_words", "recurring_words", "deadline_labels", "deadline_prefixes"] {
            v.extend(data::list(list).iter().filter_map(|w| w.chars().next()));
        }
        let openers = CharSet::new(v);
        // Listed, not found by testing all 65,536 characters: that loop was a sixth of the CPU
        // time of `gongwen parse` on a small file.
        let numbers = ('0'..='9').chain('０'..='９').chain(CN_NUMERALS.chars());
        let any = numbers.fold(openers.bloom(), |b, c| b.with(c));
        Openers { openers, any }
    })
}

/// The word lists of the statement grammar, prepared once: the scan tries them at every
/// character that may open a date.
struct Words {
    ongoing: WordIndex<()>,
    recurring: WordIndex<()>,
    deadline_labels: WordIndex<()>,
    date_now: WordIndex<()>,
    since: WordIndex<()>,
    deadline_prefixes: WordIndex<()>,
    completion_verbs: WordIndex<()>,
    deadline_words: WordIndex<()>,
    /// grammar/date_not_task.txt, by where the word stands.
    not_task_after: WordIndex<()>,
    not_task_before: WordIndex<()>,
    name_verbs: WordIndex<()>,
    name_nouns: Vec<&'static str>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let w = |name| WordIndex::plain(data::list(name));
        let not_task = data::pairs("date_not_task");
        let placed =
            |at: &str| -> Vec<&'static str> { not_task.iter().filter(|(_, p)| *p == at).map(|(w, _)| *w).collect() };
        Words {
            not_task_after: WordIndex::plain(&placed("after")),
            not_task_before: WordIndex::plain(&placed("before")),
            name_verbs: WordIndex::plain(&placed("verb")),
            name_nouns: placed("noun"),
            ongoing: w("ongoing_words"),
            recurring: w("recurring_words"),
            deadline_labels: w("deadline_labels"),
            date_now: w("date_now_words"),
            since: w("since_words"),
            deadline_prefixes: w("deadline_prefixes"),
            completion_verbs: w("completion_verbs"),
            deadline_words: w("deadline_words"),
        }
    })
}

/// A statement before its year is resolved.
#[derive(Debug, Clone, Copy)]
struct Draft {
    kind: DateKind,
    /// The date whose beginning starts the fact (Point, Range).
    lo: Option<When>,
    /// The date whose end ends the fact (Point, Range, Deadline).
    hi: Option<When>,
}

impl Draft {
    fn point(w: When) -> Draft {
        Draft { kind: DateKind::Point, lo: Some(w), hi: Some(w) }
    }
    fn bare(kind: DateKind) -> Draft {
        Draft { kind, lo: None, hi: None }
    }
    fn deadline(w: When) -> Draft {
        Draft { kind: DateKind::Deadline, lo: None, hi: Some(w) }
    }

    /// The last year written out in the statement.
    fn written_year(&self) -> Option<i32> {
        [self.hi, self.lo].into_iter().flatten().find_map(|w| match w.year {
            YearSrc::Written(y) => Some(y),
            _ => None,
        })
    }

    /// The fact, with the year of the context where the text left it out; None when a year is
    /// needed and none is known, or the date does not exist (2月30日).
    fn finish(&self, raw: &str, base: Option<i32>, now: Option<i32>) -> Option<DateFact> {
        let mut fact = empty_fact(raw, self.kind);
        match self.kind {
            DateKind::Ongoing | DateKind::Recurring => {}
            DateKind::Point => {
                let b = bounds(&self.lo?, base, now)?;
                fact.year_inferred = b.inferred;
                fact.start = Some(b.lo.clone());
                if b.lo != b.hi {
                    // 第三季度, 上半年, 中旬 name a period.
                    fact.kind = DateKind::Range;
                    fact.end = Some(b.hi);
                }
            }
            DateKind::Range => {
                let lo = self.lo.map(|w| bounds(&w, base, now));
                let hi = self.hi.map(|w| bounds(&w, base, now));
                if matches!(lo, Some(None)) || matches!(hi, Some(None)) {
                    return None;
                }
                let (lo, hi) = (lo.flatten(), hi.flatten());
                fact.year_inferred = lo.iter().chain(hi.iter()).any(|b| b.inferred);
                fact.start = lo.map(|b| b.lo);
                fact.end = hi.map(|b| b.hi);
            }
            DateKind::Deadline => {
                let b = bounds(&self.hi?, base, now)?;
                fact.year_inferred = b.inferred;
                fact.end = Some(b.hi);
            }
        }
        Some(fact)
    }
}

fn empty_fact(raw: &str, kind: DateKind) -> DateFact {
    DateFact { raw: raw.to_string(), kind, start: None, end: None, year_inferred: false }
}

/// The first and last ISO partial dates a `When` covers.
struct Bounds {
    lo: String,
    hi: String,
    inferred: bool,
}

fn bounds(w: &When, base: Option<i32>, now: Option<i32>) -> Option<Bounds> {
    let (y, inferred) = match w.year {
        YearSrc::Written(y) => (y, false),
        YearSrc::Relative(k) => (now? + k, true),
        YearSrc::Missing => (base?, true),
    };
    let ym = |m: u32| iso_date(y, &[m]);
    let (lo, hi) = match (w.month, w.day, w.part) {
        (_, _, Part::Quarter(q)) => (ym(3 * q - 2), ym(3 * q)),
        (_, _, Part::Half(h)) => (ym(6 * h - 5), ym(6 * h)),
        (Some(m), None, Part::Xun(x)) => {
            let last = days_in_month(y, m);
            let (a, b) = match x {
                1 => (1, 10),
                2 => (11, 20),
                _ => (21, last),
            };
            (iso_date(y, &[m, a]), iso_date(y, &[m, b]))
        }
        (Some(m), Some(d), _) => {
            if d > days_in_month(y, m) {
                return None;
            }
            let s = iso_date(y, &[m, d]);
            (s.clone(), s)
        }
        (Some(m), None, _) => (ym(m), ym(m)),
        (None, Some(_), _) => return None,
        // 2028年底 = December; 2023年 = the year.
        (None, None, _) if w.end_of => (ym(12), ym(12)),
        (None, None, _) => (iso_date(y, &[]), iso_date(y, &[])),
    };
    // 第三季度末 / 上半年末: only the last month.
    let lo = if w.end_of { hi.clone() } else { lo };
    Some(Bounds { lo, hi, inferred })
}

/// `y` and the month/day `parts` as an ISO partial date, "2023", "2023-05", "2023-05-10": the
/// same text as `format!("{y:04}-{m:02}-{d:02}")`, written digit by digit in the usual case
/// (facts are many, and the formatting machinery was a tenth of the scan).
pub fn iso_date(y: i32, parts: &[u32]) -> String {
    if !(0..=9999).contains(&y) || parts.iter().any(|p| *p > 99) {
        let mut s = format!("{y:04}");
        for p in parts {
            s.push_str(&format!("-{p:02}"));
        }
        return s;
    }
    let mut s = String::with_capacity(4 + 3 * parts.len());
    let y = y as u32;
    for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(char::from(b'0' + d as u8));
    }
    for p in parts {
        s.push('-');
        s.push(char::from(b'0' + (p / 10) as u8));
        s.push(char::from(b'0' + (p % 10) as u8));
    }
    s
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One date statement at the start of `i`; `prev` is the character before it.
fn statement(i: &str, prev: Option<char>) -> R<'_, Draft> {
    if let Ok(ok) = ongoing(i) {
        return Ok(ok);
    }
    if let Ok(ok) = recurring(i) {
        return Ok(ok);
    }
    if let Ok(ok) = labeled(i) {
        return Ok(ok);
    }
    if let Ok(ok) = since(i) {
        return Ok(ok);
    }
    if let Ok(ok) = dated(i, prev) {
        return Ok(ok);
    }
    by_deadline(i)
}

/// 长期坚持, 持续推进.
fn ongoing(i: &str) -> R<'_, Draft> {
    let (r, _) = any_word(i, &words().ongoing)?;
    Ok((r, Draft::bare(DateKind::Ongoing)))
}

/// 每年, 每季度, and what pins the time inside the cycle: 每月28日前, 每年6月底前, 每季度末.
fn recurring(i: &str) -> R<'_, Draft> {
    let (mut r, _) = any_word(i, &words().recurring)?;
    if let Ok((r2, w)) = when(r, None) {
        if w.year == YearSrc::Missing {
            r = r2;
        }
    } else if let Ok((r2, _)) = phrase::day(r, false) {
        r = r2;
    } else if let Ok((r2, _)) = end_mark(r) {
        r = r2;
    }
    if let Ok((r2, _)) = deadline_suffix(r) {
        r = r2;
    }
    Ok((r, Draft::bare(DateKind::Recurring)))
}

/// 完成时限：2023年12月. A single date after the label is the deadline; a stated period stays one.
fn labeled(i: &str) -> R<'_, Draft> {
    let (r, _) = any_word(i, &words().deadline_labels)?;
    let (r, _) = ws(r)?;
    let r = r.strip_prefix(['：', ':']).unwrap_or(r);
    let (r, _) = ws(r)?;
    let r = r.strip_prefix('于').unwrap_or(r);
    let (r, d) = if let Ok(ok) = since(r) {
        ok
    } else if let Ok(ok) = dated(r, None) {
        ok
    } else {
        by_deadline(r)?
    };
    let d = match (d.kind, d.hi) {
        (DateKind::Point, Some(hi)) => Draft::deadline(hi),
        _ => d,
    };
    Ok((r, d))
}

/// 自/从 …… 起 …… 到/至 ……: a period from a date (or from now: 自即日起) to another.
fn since(i: &str) -> R<'_, Draft> {
    let r = match i.strip_prefix('自').or_else(|| i.strip_prefix('从')) {
        Some(r) => r,
        None => return fail(i),
    };
    let (r, _) = ws(r)?;
    let (r, lo) = match any_word(r, &words().date_now) {
        Ok((r2, _)) => (r2, None),
        Err(_) => {
            let (r2, (a, b)) = span(r, None)?;
            if let Some(b) = b {
                let (r3, _) = opt(deadline_suffix).parse(r2)?;
                return Ok((r3, Draft { kind: DateKind::Range, lo: Some(a), hi: Some(b) }));
            }
            (r2, Some(a))
        }
    };
    let (r, _) = ws(r)?;
    let (r, _) = opt(|x| any_word(x, &words().since)).parse(r)?;
    if let Ok((r2, ())) = phrase::separator(r) {
        if let Ok((r3, b)) = when(r2, None) {
            let (r4, _) = opt(deadline_suffix).parse(r3)?;
            return Ok((r4, Draft { kind: DateKind::Range, lo, hi: Some(b) }));
        }
    }
    match lo {
        Some(a) => Ok((r, Draft { kind: DateKind::Range, lo: Some(a), hi: None })),
        None => fail(i),
    }
}

/// 到2028年底, 截至2020年底, 到三季度: by then.
fn by_deadline(i: &str) -> R<'_, Draft> {
    let (r, _) = any_word(i, &words().deadline_prefixes)?;
    let (r, _) = ws(r)?;
    let (r, (a, b)) = span(r, None)?;
    let (r, _) = opt(deadline_suffix).parse(r)?;
    Ok((r, Draft::deadline(b.unwrap_or(a))))
}

/// A date or span and the word after it: ……前 (deadline), ……起 (open period), or nothing.
fn dated(i: &str, prev: Option<char>) -> R<'_, Draft> {
    // `prev` keeps year-less dates from starting inside words (3年底, 前三季度): see `phrase::when`.
    let (r, (a, b)) = span(i, prev)?;
    if let Ok((r2, _)) = deadline_suffix(r) {
        return Ok((r2, Draft::deadline(b.unwrap_or(a))));
    }
    if let Ok((r2, _)) = any_word(r, &words().since) {
        // 2022年起5年内: the period ends with its last year (2026).
        if let (None, Ok((r3, n))) = (b, years_within(r2)) {
            if let Some(hi) = years_later(&a, n) {
                return Ok((r3, Draft { kind: DateKind::Range, lo: Some(a), hi: Some(hi) }));
            }
        }
        return Ok((r2, Draft { kind: DateKind::Range, lo: Some(a), hi: b }));
    }
    if let Some(b) = b {
        return Ok((r, Draft { kind: DateKind::Range, lo: Some(a), hi: Some(b) }));
    }
    // 2023年底完成: an end-of-period date followed by a completion verb is a deadline.
    if a.end_of {
        let (r2, _) = ws(r)?;
        if any_word(r2, &words().completion_verbs).is_ok() {
            return Ok((r, Draft::deadline(a)));
        }
    }
    Ok((r, Draft::point(a)))
}

/// The last year (or month) of a period of `n` years from `a`: 2022年 + 5 → 2026, 2023年9月 + 3
/// → 2026-08. None when `a` has no written year.
fn years_later(a: &When, n: u32) -> Option<When> {
    let YearSrc::Written(y) = a.year else { return None };
    let (year, month) = match a.month {
        None => (y + n as i32 - 1, None),
        Some(m) => {
            let last = (m - 1) + 12 * n - 1;
            (y + (last / 12) as i32, Some(last % 12 + 1))
        }
    };
    Some(When { year: YearSrc::Written(year), month, day: None, part: Part::Whole, end_of: false })
}

/// `i` after a weekday in brackets right after a date ("2022年1月14日（周五）前"), or `i`.
fn skip_weekday(i: &str) -> &str {
    let Some(inner) = i.strip_prefix(['（', '(']) else { return i };
    let Some(day) = inner.strip_prefix("星期").or_else(|| inner.strip_prefix("周")) else { return i };
    let mut chars = day.chars();
    match (chars.next(), chars.next()) {
        (Some(d), Some('）' | ')')) if "一二三四五六日天".contains(d) => chars.as_str(),
        _ => i,
    }
}

/// 前/之前/以前/底前/为止 after a date. A lone 前 must not begin 前后 (around), 前期, 前列, 前提 or
/// 前三季度 (the first three quarters).
fn deadline_suffix(i: &str) -> R<'_, &'static str> {
    let (r0, _) = ws(skip_clock(skip_weekday(i)))?;
    let (r, w) = any_word(r0, &words().deadline_words)?;
    if w == "前" {
        if let Some(c) = r.chars().next() {
            if "后期列提沿端景置瞻夕".contains(c) || is_cn_numeral(c) || is_digit(c) {
                return fail(i);
            }
        }
    }
    Ok((r, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(y: Option<i32>) -> DateContext {
        DateContext { year: y, now: None }
    }

    /// (kind, start, end) of every fact.
    fn facts(text: &str, y: Option<i32>) -> Vec<(DateKind, Option<String>, Option<String>)> {
        scan_dates(text, &ctx(y)).into_iter().map(|f| (f.value.kind, f.value.start, f.value.end)).collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    use DateKind::*;

    /// `may_begin` is a necessary condition: wherever a statement parses, it lets the place
    /// through (every place of the corpus texts, and odd spacings and numbers).
    #[test]
    fn may_begin_never_rules_out_a_statement() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| crate::testing::read(&std::fs::read(e.unwrap().path()).unwrap(), None).unwrap().text)
            .collect();
        texts.push(
            "2023 年 二〇二三   年 5   -8月 5    月 三 季度 第 3季度 第　三季度 上半年 下半年 年底 年末 今年 本年 \
             明年 去年 2023/5/10 2023.05.10 2023-05-10 十二月 五月十日 2023—2025年 2023～2024 5至8月 \
             每季度 长期坚持 完成时限：2023年 截至2020年底 到三季度 自2023年起 从即日起 一直 １２月"
                .to_string(),
        );
        let mut tried = 0;
        for t in &texts {
            let mut prev = None;
            for (pos, c) in t.char_indices() {
                let rest = &t[pos..];
                if statement(rest, prev).is_ok() {
                    assert!(may_begin(rest, c), "{:?}", &rest[..rest.len().min(30)]);
                    tried += 1;
                }
                prev = Some(c);
            }
        }
        assert!(tried > 500, "{tried}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn may_begin_holds_on_date_characters(t in "[0-9０-９一二三四五六七八九十〇两年月日号季度第上下半旬底末初今本明去自从起至到—\\-－~～/. 　长期每完成时限截]{1,14}") {
            let c = t.chars().next().unwrap();
            if statement(&t, None).is_ok() {
                proptest::prop_assert!(may_begin(&t, c), "{t:?}");
            }
        }
    }

    #[test]
    fn a_deadline_word_closing_a_list_of_dates() {
        let f = scan_dates("分别于2022年2月14日、5月16日、8月15日、11月14日前报送", &ctx(None));
        let ends: Vec<_> = f.iter().map(|x| (x.value.kind, x.value.end.clone())).collect();
        assert_eq!(ends.len(), 4);
        assert!(ends.iter().all(|(k, _)| *k == DateKind::Deadline));
        assert_eq!(ends[1].1.as_deref(), Some("2022-05-16"));
    }

    #[test]
    fn weekday_before_the_deadline_word() {
        let f = scan_dates("各区应于2022年1月14日（周五）前报送", &ctx(None));
        assert_eq!((f[0].value.kind, f[0].value.end.as_deref()), (DateKind::Deadline, Some("2022-01-14")));
    }

    #[test]
    fn years_in_cited_titles_are_not_dates() {
        let f = scan_dates("围绕《2022年陕西省营商环境评价报告》反馈问题，2023年6月底前完成整改", &ctx(None));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value.end.as_deref(), Some("2023-06"));
        // An unclosed 《 does not hide the rest of a long text.
        let long = format!("《{}。2023年底前完成", "很长".repeat(200));
        assert_eq!(scan_dates(&long, &ctx(None)).len(), 1);
    }

    #[test]
    fn iso_matches_format() {
        for y in [-12345, -5, 0, 7, 99, 2023, 9999, 10000, 123456] {
            assert_eq!(iso_date(y, &[]), format!("{y:04}"));
            for m in [0, 1, 9, 10, 12, 99, 100, 1234] {
                assert_eq!(iso_date(y, &[m]), format!("{y:04}-{m:02}"));
                for d in [1, 31, 100] {
                    assert_eq!(iso_date(y, &[m, d]), format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }

    #[test]
    fn corpus_phases() {
        // 000: phases in the heading
        assert_eq!(facts("宣传发动,营造声势(2023年5月-8月)", None), vec![(Range, s("2023-05"), s("2023-08"))]);
        assert_eq!(facts("任务分解,狠抓落实(2023年5月—2023年8月)", None), vec![(Range, s("2023-05"), s("2023-08"))]);
        // 012
        assert_eq!(facts("动员部署(2025年1月10日)。", None), vec![(Point, s("2025-01-10"), None)]);
        assert_eq!(
            facts("(二)集中攻坚(2025年1月11日-2025年10月底)。", None),
            vec![(Range, s("2025-01-11"), s("2025-10"))]
        );
        let f = facts("持续推进(2025年10月底-2025年12月底)。", None);
        assert_eq!(f[1], (Range, s("2025-10"), s("2025-12")));
        // 015
        assert_eq!(facts("（一）建立工作机制（2021年8月）。", None), vec![(Point, s("2021-08"), None)]);
    }

    #[test]
    fn corpus_deadlines() {
        // 001
        assert_eq!(
            facts("工作目标。2019年12月底前，试点地区完成政府网站集约化工作", None),
            vec![(Deadline, None, s("2019-12"))]
        );
        assert_eq!(facts("并于2018年12月底前报送国务院办公厅备案。", None), vec![(Deadline, None, s("2018-12"))]);
        // 051
        assert_eq!(facts("工作目标到2028年底，新增各类公园300座以上", None), vec![(Deadline, None, s("2028-12"))]);
        // 002
        assert_eq!(facts("试点目标。到2020年，系统构建", None), vec![(Deadline, None, s("2020"))]);
        // 034
        assert_eq!(facts("截至2020年底,农村生活垃圾分类", None), vec![(Deadline, None, s("2020-12"))]);
        // 004: a deadline, then 年底前 written with its year
        assert_eq!(
            facts("会同配合单位于2012年10月底前牵头制定完成具体实施细则；各区要于2012年底前制定完成", None),
            vec![(Deadline, None, s("2012-10")), (Deadline, None, s("2012-12"))]
        );
        // 015: the phase's year
        assert_eq!(
            facts("10月15日前，形成崇明区城市体检正式报告", Some(2021)),
            vec![(Deadline, None, s("2021-10-15"))]
        );
        // 000
        assert_eq!(facts("2023年8月之前完成。", None), vec![(Deadline, None, s("2023-08"))]);
        // 019
        assert_eq!(facts("于2021年3月15日前报县政府", None), vec![(Deadline, None, s("2021-03-15"))]);
    }

    #[test]
    fn corpus_year_from_text() {
        // 020: the second date takes the year written before it when no context is given
        let f = facts("務于2021年2月3日前報送各位分管市領導,經分管市領導審核把關后于2月7日前報送市政府。", None);
        assert_eq!(f, vec![(Deadline, None, s("2021-02-03")), (Deadline, None, s("2021-02-07"))]);
        // 020: 年底 alone, and 每月28日前 is recurring
        let f = facts("跟蹤落實,年底逐一績效對賬。各牽頭單位要于每月28日前將", Some(2021));
        assert_eq!(f, vec![(Point, s("2021-12"), None), (Recurring, None, None)]);
        // 037: quarters after a written year
        let f = facts("2019年垃圾焚烧设施开工建设：一季度完成设施规划选址；二季度完成立项。2020年形成处置能力。", None);
        assert_eq!(
            f,
            vec![
                (Point, s("2019"), None),
                (Range, s("2019-01"), s("2019-03")),
                (Range, s("2019-04"), s("2019-06")),
                (Point, s("2020"), None),
            ]
        );
    }

    #[test]
    fn corpus_points_and_starts() {
        // 004
        assert_eq!(facts("2012年起5年内，大力实施", None), vec![(Range, s("2012"), s("2016"))]);
        // 010
        let f = facts("到2022年底,推动纳税进入全国一流水平,2023年底推动包容普惠创新", None);
        assert_eq!(f, vec![(Deadline, None, s("2022-12")), (Point, s("2023-12"), None)]);
        // 015
        assert_eq!(facts("采用数据截止日期为2020年12月31日。", None), vec![(Point, s("2020-12-31"), None)]);
        assert_eq!(facts("2023年底完成80%以上地市", None), vec![(Deadline, None, s("2023-12"))]);
        // 037 flattened table: a row number glued after the cell
        assert_eq!(
            facts("区政府办公室各联席会议成员单位2019年3月2将生活垃圾", None),
            vec![(Point, s("2019-03"), None)]
        );
        assert_eq!(facts("区绿化市容局2019年14党政机关", None), vec![(Point, s("2019"), None)]);
        // 037: 到三季度
        assert_eq!(facts("到三季度全区居住区", Some(2019)), vec![(Deadline, None, s("2019-09"))]);
    }

    #[test]
    fn not_dates() {
        for t in [
            "X办发〔2023〕12号",
            "[2023]5号",
            "(2023)12号",
            "“十四五”时期",
            "2023.5",
            "提高1.5倍",
            "达到90%以上",
            "24小时内",
            "3个月内",
            "5年内重点引进100名",
            "在2—3年内调整到位",
            "新增2000个",
            "6月",
            "（3）月度考核",
            "统一月报",
        ] {
            assert_eq!(facts(t, None), vec![], "{t}");
        }
        // a bare month needs a year
        assert_eq!(facts("6月底前", None), vec![]);
        assert_eq!(facts("前三季度", Some(2020)), vec![]);
        assert_eq!(facts("2023年5月前后", None), vec![(Point, s("2023-05"), None)]);
    }

    #[test]
    fn spaces_and_widths() {
        assert_eq!(facts("xx 县2022 年", None), vec![(Point, s("2022"), None)]);
        assert_eq!(facts("2022 年 5 月 10 日", None), vec![(Point, s("2022-05-10"), None)]);
        assert_eq!(facts("２０２３年５月", None), vec![(Point, s("2023-05"), None)]);
        assert_eq!(facts("2023年11月-2月", None), vec![(Range, s("2023-11"), s("2024-02"))]);
        assert_eq!(facts("2024年2月下旬", None), vec![(Range, s("2024-02-21"), s("2024-02-29"))]);
        assert_eq!(facts("2023年2月30日", None), vec![]);
    }

    #[test]
    fn more_shapes() {
        let one = |t: &str, y: Option<i32>| {
            let f = scan_dates(t, &ctx(y));
            assert_eq!(f.len(), 1, "{t}: {f:?}");
            let v = &f[0].value;
            (v.raw.clone(), v.kind, v.start.clone(), v.end.clone())
        };
        assert_eq!(one("每年6月底前报送", None), ("每年6月底前".into(), Recurring, None, None));
        assert_eq!(one("并于每季度末向市政府报告", None), ("每季度末".into(), Recurring, None, None));
        assert_eq!(one("自2023年1月1日起施行", None), ("自2023年1月1日起".into(), Range, s("2023-01-01"), None));
        assert_eq!(one("从2023年5月至8月", None).1, Range);
        assert_eq!(
            one("2023年5月10日—20日", None).2..one("2023年5月10日—20日", None).3,
            s("2023-05-10")..s("2023-05-20")
        );
        assert_eq!(one("发布日期：2023-05-10", None).2, s("2023-05-10"));
        assert_eq!(one("明年底前", Some(2023)), ("明年底前".into(), Deadline, None, s("2024-12")));
        assert_eq!(one("5-8月", Some(2023)).2..one("5-8月", Some(2023)).3, s("2023-05")..s("2023-08"));
        assert_eq!(one("2023年1-3月", None).3, s("2023-03"));
        assert_eq!(one("2024年第一季度末前", None), ("2024年第一季度末前".into(), Deadline, None, s("2024-03")));
        assert_eq!(one("二○二三年五月", None).2, s("2023-05"));
        assert_eq!(one("2019年以来", None).1, Range);
        assert_eq!(one("2019年5月至年底", None).3, s("2019-12"));
    }

    #[test]
    fn byte_ranges() {
        let t = "（一）宣传发动（2023年5月-8月）。于2023年7月之前完成";
        for f in scan_dates(t, &ctx(None)) {
            assert_eq!(&t[f.start..f.end], f.value.raw);
        }
    }

    #[test]
    fn cells_and_signatures() {
        let c = ctx(None);
        let p = |t: &str| parse_date(t, &c).map(|f| (f.kind, f.start, f.end));
        assert_eq!(p("2019年12月底前"), Some((Deadline, None, s("2019-12"))));
        assert_eq!(p("2023年5月 日"), Some((Point, s("2023-05"), None)));
        assert_eq!(p("二〇二三年五月十日"), Some((Point, s("2023-05-10"), None)));
        assert_eq!(p(" 2019年3月 "), Some((Point, s("2019-03"), None)));
        assert_eq!(p("2019年6月底前完成"), Some((Deadline, None, s("2019-06"))));
        assert_eq!(p("长期"), Some((Ongoing, None, None)));
        assert_eq!(p("每季度"), Some((Recurring, None, None)));
        assert_eq!(p("2021年崇明区城市体检工作方案"), None);
        // a web page stamp with its weekday is not a signature date
        assert!(p("2025年4月16日 星期三").is_none());
        assert_eq!(p("完成时限：2023年第三季度"), Some((Deadline, None, s("2023-09"))));
    }

    #[test]
    fn first_years() {
        assert_eq!(first_year("宣传发动,营造声势(2023年5月-8月)"), Some(2023));
        assert_eq!(first_year("(2023—2025年)"), Some(2023));
        assert_eq!(first_year("X办发〔2022〕3号"), Some(2022));
        assert_eq!(first_year("新增2000个，2024年完成"), Some(2024));
        assert_eq!(first_year("二〇二三年五月"), Some(2023));
        assert_eq!(first_year("无"), None);
    }

    proptest::proptest! {
        /// Any mix of date characters: no panic, ranges on char boundaries, in order, disjoint.
        #[test]
        fn scan_is_total(t in "[0-9０-９〇一二三四五十年月日号底前至到自起每季度上下半旬 　\\-—（）(a-z]{0,40}") {
            let found = scan_dates(&t, &ctx(Some(2023)));
            let mut last = 0;
            for f in &found {
                proptest::prop_assert!(f.start >= last && f.start < f.end);
                proptest::prop_assert_eq!(t.get(f.start..f.end), Some(f.value.raw.as_str()));
                last = f.end;
            }
            let _ = parse_date(&t, &ctx(None));
            let _ = first_year(&t);
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in ["", "年", "年底", "每", "自", "到", "2023年-", "——", "9999年99月99日", "自即日起", "〔"]
        {
            let _ = scan_dates(t, &ctx(Some(2023)));
            let _ = parse_date(t, &ctx(None));
            let _ = first_year(t);
        }
    }
}
