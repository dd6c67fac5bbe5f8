//! The phrase grammar of one date (日期), written with nom combinators over `&str`.
//!
//! A date is `year? month? day?` plus modifiers:
//! - year: `2023年`, `2023 年` (PDF text), `二〇二三年`, `2023年度`, or a relative year 今年/本年/明年/去年,
//!   or a bare 年 in 年底/年末 (the year then comes from the context);
//! - after a year: a quarter (第三季度/三季度), a half (上半年/下半年), or a month;
//! - month `5月`/`5月份`/`十二月`, day `10日`/`10号`, a blank day `5月 日` (signature templates);
//! - after a month: 上旬/中旬/下旬 (ten-day parts);
//! - 底/末 (end of the month, quarter or year).
//!
//! Two dates joined by a separator (- — ~ 至 到) form a span; the second end borrows the year (and
//! month) of the first when it omits them: `2023年5月-8月`, `2021年1月1日至12月31日`. Two special
//! shapes write the unit only once: `2023—2025年` and `2023年1-3月`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{map_opt, opt, peek, value};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

use crate::chars::{digit_value, is_digit};
use crate::grammar::numerals::{cn_digit, is_cn_numeral, parse_cn_number, parse_digits};
use crate::grammar::words::WordIndex;

pub(super) type R<'a, T> = IResult<&'a str, T>;

/// A recoverable nom failure at `i`.
pub(super) fn fail<T>(i: &str) -> R<'_, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

/// Where the year of a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSrc {
    /// Written out: 2023年.
    Written(i32),
    /// Relative to the context year: 今年 = 0, 明年 = +1, 去年 = -1.
    Relative(i32),
    /// Not written: taken from the context.
    Missing,
}

/// The part of a year or month a date names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Whole,
    /// 第N季度, 1..=4.
    Quarter(u32),
    /// 上半年 = 1, 下半年 = 2.
    Half(u32),
    /// 上旬 = 1, 中旬 = 2, 下旬 = 3.
    Xun(u32),
}

/// One date as written, before the year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct When {
    pub year: YearSrc,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub part: Part,
    /// 底/末: the end of the month, quarter, half or year.
    pub end_of: bool,
}

impl When {
    fn year(year: YearSrc) -> When {
        When { year, month: None, day: None, part: Part::Whole, end_of: false }
    }
}

/// Horizontal white space that PDF extraction leaves inside dates ("2019 年").
pub(super) fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// At most three blanks: dates never hold more, and the bound keeps every attempt short.
pub(super) fn ws(i: &str) -> R<'_, &str> {
    // By hand (nom's take_while_m_n showed in profiles): called between all parts of a date.
    let mut end = 0;
    for c in i.chars().take(3) {
        if !is_hspace(c) {
            break;
        }
        end += c.len_utf8();
    }
    Ok((&i[end..], &i[..end]))
}

fn ws1(i: &str) -> R<'_, &str> {
    match ws(i)? {
        (_, "") => fail(i),
        ok => Ok(ok),
    }
}

/// A run of half- or full-width digits: (value, number of digits). Longer runs are no date part.
fn arabic(i: &str) -> R<'_, (u32, usize)> {
    // By hand: tried at every number of a text. A run longer than four digits fails whole.
    let mut v = 0;
    let mut n = 0;
    let mut end = 0;
    for (k, c) in i.char_indices() {
        let Some(d) = digit_value(c) else { break };
        n += 1;
        if n > 4 {
            return fail(i);
        }
        v = v * 10 + d;
        end = k + c.len_utf8();
    }
    if n == 0 {
        return fail(i);
    }
    Ok((&i[end..], (v, n)))
}

/// A small Chinese number (month, day, quarter): one digit character, or a form with 十/廿
/// (十二, 二十一). Positional runs such as 一二 are rejected: 一二月 means "January and February".
fn cn_small(i: &str) -> R<'_, u32> {
    map_opt(take_while1(is_cn_numeral), |s: &str| {
        let n = s.chars().count();
        if n == 1 {
            return s.chars().next().and_then(cn_digit).or_else(|| parse_cn_number(s));
        }
        if n <= 3 && s.contains(['十', '廿', '拾']) {
            return parse_cn_number(s);
        }
        None
    })
    .parse(i)
}

/// A number written either way; `cn` allows Chinese numerals.
fn number(i: &str, cn: bool) -> R<'_, u32> {
    match arabic(i) {
        Ok((r, (v, _))) => Ok((r, v)),
        Err(e) if !cn => Err(e),
        Err(_) => cn_small(i),
    }
}

/// Four digits 1900..=2100 (the digits of a year without 年), arabic or Chinese (二〇二三).
pub(super) fn year_number(i: &str) -> R<'_, (i32, bool)> {
    // Written out by hand rather than with `alt`: it is tried several times at every number of
    // a text. A run of exactly four digits, or of four Chinese digit characters (no 十/百).
    let Some(first) = i.chars().next() else {
        return fail(i);
    };
    let (y, cn, rest) = if is_digit(first) {
        let end = i.find(|c: char| !is_digit(c)).unwrap_or(i.len());
        let run = &i[..end];
        if run.chars().count() != 4 {
            return fail(i);
        }
        match parse_digits(run) {
            Some(v) => (v as i32, false, &i[end..]),
            None => return fail(i),
        }
    } else if is_cn_numeral(first) {
        let end = i.find(|c: char| !is_cn_numeral(c)).unwrap_or(i.len());
        let mut n = 0;
        let mut v: i32 = 0;
        for c in i[..end].chars() {
            match cn_digit(c) {
                Some(d) => v = v.wrapping_mul(10).wrapping_add(d as i32),
                None => return fail(i),
            }
            n += 1;
        }
        if n != 4 {
            return fail(i);
        }
        (v, true, &i[end..])
    } else {
        return fail(i);
    };
    if (1900..=2100).contains(&y) {
        Ok((rest, (y, cn)))
    } else {
        fail(i)
    }
}

/// A written year with its 年: `2023年`, `2019 年`, `二〇二三年`, `2023年度` → (year, chinese?).
pub(super) fn written_year(i: &str) -> R<'_, (i32, bool)> {
    written_year_after(year_number(i))
}

/// [`written_year`] given what [`year_number`] read at the same place (read once per attempt).
fn written_year_after(number: R<'_, (i32, bool)>) -> R<'_, (i32, bool)> {
    let (r, y) = number?;
    let (r, _) = (ws, char('年'), opt(char('度'))).parse(r)?;
    Ok((r, y))
}

/// 今年/本年/明年/去年: a year relative to the context year.
fn relative_year(i: &str) -> R<'_, i32> {
    // Tried wherever a date may start: the first character rules out most places at once.
    if !i.starts_with(['今', '本', '明', '去']) {
        return fail(i);
    }
    alt((value(0, tag("今年")), value(0, tag("本年")), value(1, tag("明年")), value(-1, tag("去年")))).parse(i)
}

/// A month: `5月`, `5 月`, `5月份`, `十二月` (Chinese only when `cn`).
fn month(i: &str, cn: bool) -> R<'_, u32> {
    let (r, _) = ws(i)?;
    let (r, m) = number(r, cn)?;
    if !(1..=12).contains(&m) {
        return fail(i);
    }
    let (r, _) = (ws, char('月'), opt(char('份'))).parse(r)?;
    Ok((r, m))
}

/// A day: `10日`, `10号`, `十日`.
pub(super) fn day(i: &str, cn: bool) -> R<'_, u32> {
    let (r, _) = ws(i)?;
    let (r, d) = number(r, cn)?;
    if !(1..=31).contains(&d) {
        return fail(i);
    }
    let (r, _) = (ws, one_of("日号")).parse(r)?;
    Ok((r, d))
}

/// A day left blank in a signature template: `2023年5月 日`. The blank is required, so that
/// 5月日常 is not read as a blank day.
fn blank_day(i: &str) -> R<'_, ()> {
    value((), (ws1, char('日'))).parse(i)
}

/// A month and day left blank: `2023年  月  日`.
fn blank_month(i: &str) -> R<'_, ()> {
    value((), (ws1, char('月'), opt(blank_day))).parse(i)
}

/// 第三季度 / 三季度 / 3季度 → 1..=4.
pub(super) fn quarter(i: &str) -> R<'_, u32> {
    let (r, _) = (ws, opt(char('第')), ws).parse(i)?;
    let (r, q) = number(r, true)?;
    if !(1..=4).contains(&q) {
        return fail(i);
    }
    let (r, _) = (ws, tag("季度")).parse(r)?;
    Ok((r, q))
}

/// 上半年 / 下半年 → 1 / 2.
pub(super) fn half(i: &str) -> R<'_, u32> {
    let (r, _) = ws(i)?;
    if !r.starts_with(['上', '下']) {
        return fail(i);
    }
    alt((value(1, tag("上半年")), value(2, tag("下半年")))).parse(r)
}

/// 上旬 / 中旬 / 下旬 → 1 / 2 / 3.
pub(super) fn xun(i: &str) -> R<'_, u32> {
    alt((value(1, tag("上旬")), value(2, tag("中旬")), value(3, tag("下旬")))).parse(i)
}

/// "5年内" / "五年之内" / "3年时间内" after the start of a period (2022年起5年内): the number of
/// years the period lasts.
pub(super) fn years_within(i: &str) -> R<'_, u32> {
    let (r, _) = ws(i)?;
    let (r, n) = number(r, true)?;
    if !(1..=50).contains(&n) {
        return fail(i);
    }
    let (r, _) = (ws, char('年'), opt(tag("时间")), alt((tag("之内"), tag("以内"), tag("内")))).parse(r)?;
    Ok((r, n))
}

/// `i` after a time of day written after a date ("下午5：00", "17:30", "12时30分"), or `i`
/// itself when none stands there. The time never changes the (day) date.
pub(super) fn skip_clock(i: &str) -> &str {
    let (r, _) = ws(i).unwrap_or((i, ""));
    let r = ["上午", "下午", "中午", "晚上", "早上", "凌晨"].iter().find_map(|w| r.strip_prefix(w)).unwrap_or(r);
    let (r, _) = ws(r).unwrap_or((r, ""));
    let Ok((r, (h, _))) = arabic(r) else { return i };
    if h > 24 {
        return i;
    }
    if let Some(m) = r.strip_prefix([':', '：']) {
        return match arabic(m) {
            Ok((rest, (_, 2))) => rest,
            _ => i,
        };
    }
    match r.strip_prefix(['时', '点']) {
        Some(rest) => {
            let rest = arabic(rest).ok().and_then(|(x, _)| x.strip_prefix('分')).unwrap_or(rest);
            rest.strip_prefix('整').unwrap_or(rest)
        }
        None => i,
    }
}

/// 底/末: the end of the unit just written.
pub(super) fn end_mark(i: &str) -> R<'_, bool> {
    value(true, one_of("底末")).parse(i)
}

/// 初: the beginning; the date keeps its unit.
fn begin_mark(i: &str) -> R<'_, ()> {
    value((), char('初')).parse(i)
}

/// What may follow a year: a quarter, a half, a month (with day or ten-day part) or nothing.
/// Chinese months are accepted after any year: 2023年五月 occurs in hand-typed signatures.
fn after_year(i: &str, year: YearSrc) -> R<'_, When> {
    let mut w = When::year(year);
    if let Ok((r, q)) = quarter(i) {
        w.part = Part::Quarter(q);
        let (r, e) = opt(end_mark).parse(r)?;
        w.end_of = e.is_some();
        return Ok((r, w));
    }
    if let Ok((r, h)) = half(i) {
        w.part = Part::Half(h);
        let (r, e) = opt(end_mark).parse(r)?;
        w.end_of = e.is_some();
        return Ok((r, w));
    }
    if let Ok((r, m)) = month(i, true) {
        w.month = Some(m);
        return after_month(r, w, true);
    }
    if let Ok((r, ())) = blank_month(i) {
        return Ok((r, w));
    }
    year_modifiers(i, w)
}

/// 底/末/初 right after a year (2028年底, 年末).
fn year_modifiers(i: &str, mut w: When) -> R<'_, When> {
    if let Ok((r, e)) = end_mark(i) {
        w.end_of = e;
        return Ok((r, w));
    }
    let (r, _) = opt(begin_mark).parse(i)?;
    Ok((r, w))
}

/// What may follow a month: a day, a blank day, a ten-day part, 底/末/初.
fn after_month(i: &str, mut w: When, cn: bool) -> R<'_, When> {
    if let Ok((r, d)) = day(i, cn) {
        w.day = Some(d);
        return Ok((r, w));
    }
    if let Ok((r, ())) = blank_day(i) {
        return Ok((r, w));
    }
    if let Ok((r, x)) = xun(i) {
        w.part = Part::Xun(x);
        return Ok((r, w));
    }
    year_modifiers(i, w)
}

/// One date. `prev` is the character before `i` (None at the start of the text); it keeps the
/// year-less forms from starting inside words such as 前三季度 (the first three quarters), 以上半年
/// or 3年底.
pub(super) fn when(i: &str, prev: Option<char>) -> R<'_, When> {
    let number = year_number(i);
    let written = written_year_after(number.clone());
    when_after(i, prev, number, written)
}

/// [`when`] given what [`year_number`] and [`written_year`] read at `i`.
fn when_after<'a>(
    i: &'a str,
    prev: Option<char>,
    number: R<'a, (i32, bool)>,
    written: R<'a, (i32, bool)>,
) -> R<'a, When> {
    if let Ok(ok) = numeric_date(i, number) {
        return Ok(ok);
    }
    if let Ok((r, (y, _))) = written {
        return after_year(r, YearSrc::Written(y));
    }
    if let Ok((r, k)) = relative_year(i) {
        return after_year(r, YearSrc::Relative(k));
    }
    if prev.is_some_and(blocks_yearless) {
        return fail(i);
    }
    yearless(i)
}

/// `2023-05-10`, `2023/5/10`, `2023.05.10` (web page metadata): all three parts, one separator
/// kind, and no digit or separator right after, so that 2023.5 and version numbers stay out.
fn numeric_date<'a>(i: &'a str, number: R<'a, (i32, bool)>) -> R<'a, When> {
    let (r, (y, cn)) = number?;
    if cn {
        return fail(i);
    }
    let (r, sep) = one_of("-/.").parse(r)?;
    let (r, (m, _)) = arabic(r)?;
    let (r, _) = char(sep).parse(r)?;
    let (r, (d, _)) = arabic(r)?;
    let next_is_digit = r.chars().next().is_some_and(is_digit);
    let next_continues = r.starts_with(sep) && r[sep.len_utf8()..].chars().next().is_some_and(is_digit);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || next_is_digit || next_continues {
        return fail(i);
    }
    let (r, _) = opt((ws, one_of("日号"))).parse(r)?;
    Ok((r, When { month: Some(m), day: Some(d), ..When::year(YearSrc::Written(y)) }))
}

/// Characters after which a year-less date cannot start: counting words (第三季度 is taken at 第,
/// 前三季度 = the first three quarters, 近3月), numbers, and 以上 (以上半年).
fn blocks_yearless(c: char) -> bool {
    is_digit(c)
        || is_cn_numeral(c)
        || matches!(
            c,
            '第' | '前'
                | '近'
                | '每'
                | '个'
                | '几'
                | '后'
                | '头'
                | '以'
                | '今'
                | '本'
                | '明'
                | '去'
                | '当'
                | '全'
                | '半'
                | '.'
                | '．'
        )
}

/// A date without a year: 5月…, 年底/年末, 三季度, 上半年, 五月十日 (Chinese month only with a day,
/// so that 统一月报 stays text).
fn yearless(i: &str) -> R<'_, When> {
    let w = When::year(YearSrc::Missing);
    // 年底 / 年末: the context year's end. 年 itself must not follow a number (handled by `when`'s
    // caller through `prev`).
    let bare_year: R<'_, (char, char)> = (char('年'), peek(one_of("底末"))).parse(i);
    if let Ok((r, _)) = bare_year {
        return year_modifiers(r, w);
    }
    if let Ok((r, q)) = quarter(i) {
        let (r, e) = opt(end_mark).parse(r)?;
        return Ok((r, When { part: Part::Quarter(q), end_of: e.is_some(), ..w }));
    }
    if let Ok((r, h)) = half(i) {
        return Ok((r, When { part: Part::Half(h), ..w }));
    }
    if let Ok((r, m)) = month(i, false) {
        return after_month(r, When { month: Some(m), ..w }, false);
    }
    let (r, m) = month(i, true)?;
    let (r, d) = day(r, true)?;
    Ok((r, When { month: Some(m), day: Some(d), ..w }))
}

/// The first characters of the range separators.
pub(super) const SEPARATOR_STARTS: [char; 9] = ['—', '-', '－', '–', '~', '～', '〜', '至', '到'];

/// A range separator: - — —— ~ 至 到 (and their full-width forms).
pub(super) fn separator(i: &str) -> R<'_, ()> {
    let (r, _) = ws(i)?;
    // Every separator below starts with one of these characters.
    if !r.starts_with(SEPARATOR_STARTS) {
        return fail(i);
    }
    let (r, _) = alt((
        tag("——"),
        tag("--"),
        tag("—"),
        tag("-"),
        tag("－"),
        tag("–"),
        tag("~"),
        tag("～"),
        tag("〜"),
        tag("至"),
        tag("到"),
    ))
    .parse(r)?;
    let (r, _) = ws(r)?;
    Ok((r, ()))
}

/// A date or a span of two dates. The second end borrows what it leaves out from the first.
pub(super) fn span(i: &str, prev: Option<char>) -> R<'_, (When, Option<When>)> {
    // The year at `i` is read once for all the shapes below (they all begin with it).
    let number = year_number(i);
    let written = written_year_after(number.clone());
    if let Ok(res) = year_pair(number.clone()) {
        return Ok(res);
    }
    if let Ok(res) = month_pair(i, prev, written.clone()) {
        return Ok(res);
    }
    let (r, a) = when_after(i, prev, number, written)?;
    if let Ok((r2, b)) = second_end(r, &a) {
        return Ok((r2, (a, Some(b))));
    }
    Ok((r, (a, None)))
}

/// `2023—2025年`, `2023-2025年底`: the first year written without 年.
fn year_pair(number: R<'_, (i32, bool)>) -> R<'_, (When, Option<When>)> {
    let (r, (y, _)) = number?;
    let (r, ()) = separator(r)?;
    let (r, (y2, _)) = written_year(r)?;
    let (r, b) = year_modifiers(r, When::year(YearSrc::Written(y2)))?;
    Ok((r, (When::year(YearSrc::Written(y)), Some(b))))
}

/// `2023年1-3月`, `5-8月`: the first month written without 月.
fn month_pair<'a>(i: &'a str, prev: Option<char>, written: R<'a, (i32, bool)>) -> R<'a, (When, Option<When>)> {
    let (r, year) = match written {
        Ok((r, (y, _))) => (r, YearSrc::Written(y)),
        Err(_) => match relative_year(i) {
            Ok((r, k)) => (r, YearSrc::Relative(k)),
            Err(_) if prev.is_some_and(blocks_yearless) => return fail(i),
            Err(_) => (i, YearSrc::Missing),
        },
    };
    let (r, _) = ws(r)?;
    let (r, m1) = number(r, false)?;
    let (r, ()) = separator(r)?;
    let (r, m2) = month(r, false)?;
    if !(1..=12).contains(&m1) || m2 < m1 {
        return fail(i);
    }
    let a = When { month: Some(m1), ..When::year(year) };
    let (r, b) = after_month(r, When { month: Some(m2), ..When::year(year) }, false)?;
    Ok((r, (a, Some(b))))
}

/// The second end of a span after `a`: a full date, or a date that omits the year (and month).
fn second_end<'a>(i: &'a str, a: &When) -> R<'a, When> {
    let (r, ()) = separator(i)?;
    let cn = true;
    let (r, mut b) = match when(r, None) {
        Ok(ok) => ok,
        // 5月1日-10日: only the day is repeated.
        Err(_) if a.day.is_some() => {
            let (r2, d) = day(r, cn)?;
            (r2, When { day: Some(d), month: a.month, ..When::year(YearSrc::Missing) })
        }
        Err(e) => return Err(e),
    };
    if b.year == YearSrc::Missing {
        b.year = a.year;
        // 2023年11月-2月 crosses into the next year.
        if let (Some(ma), Some(mb)) = (a.month, b.month) {
            if mb < ma {
                b.year = match a.year {
                    YearSrc::Written(y) => YearSrc::Written(y + 1),
                    YearSrc::Relative(k) => YearSrc::Relative(k + 1),
                    YearSrc::Missing => YearSrc::Missing,
                };
            }
        }
    }
    Ok((r, b))
}

/// The rest of `i` after the longest word of `words` it starts with, and that word.
pub(super) fn any_word<'a>(i: &'a str, words: &WordIndex<()>) -> R<'a, &'static str> {
    match words.prefix_of(i) {
        Some((w, ())) => Ok((&i[w.len()..], w)),
        None => fail(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(i: &str) -> When {
        when(i, None).expect(i).1
    }

    #[test]
    fn years_months_days() {
        assert_eq!(w("2023年5月").month, Some(5));
        assert_eq!(w("2019 年").year, YearSrc::Written(2019));
        assert_eq!(w("二〇二三年五月十日").day, Some(10));
        assert_eq!(w("２０２３年５月").month, Some(5));
        let x = w("2023年5月 日");
        assert_eq!((x.month, x.day), (Some(5), None));
        assert_eq!(w("2024年第三季度").part, Part::Quarter(3));
        assert_eq!(w("三季度").part, Part::Quarter(3));
        assert_eq!(w("2024年上半年").part, Part::Half(1));
        assert_eq!(w("2024年4月中旬").part, Part::Xun(2));
        assert!(w("6月底").end_of);
        assert!(w("年底").end_of);
    }

    #[test]
    fn not_dates() {
        assert!(when("3个月", None).is_err());
        assert!(when("5年内", None).is_err());
        assert!(when("统一月报", None).is_err());
        assert!(when("1.5倍", None).is_err());
        assert!(when("三季度", Some('前')).is_err());
        // a table row number glued to the cell: 2019年3月 then row 2
        let (r, x) = when("2019年3月2将生活", None).unwrap();
        assert_eq!((x.month, x.day, r), (Some(3), None, "2将生活"));
        let (r, x) = when("2019年14党政机关", None).unwrap();
        assert_eq!((x.month, r), (None, "14党政机关"));
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(w("2023-05-10").day, Some(10));
        assert_eq!(w("2023/5/10").month, Some(5));
        assert_eq!(w("2023.05.10").day, Some(10));
        assert!(when("2023.5", None).is_err());
        assert!(when("2023.5.1.2", None).is_err());
        assert!(when("2023-13-01", None).is_err());
    }

    #[test]
    fn spans() {
        let (_, (a, b)) = span("2023年5月-8月", None).unwrap();
        assert_eq!((a.month, b.unwrap().month, b.unwrap().year), (Some(5), Some(8), YearSrc::Written(2023)));
        let (_, (_, b)) = span("2023—2025年", None).unwrap();
        assert_eq!(b.unwrap().year, YearSrc::Written(2025));
        let (_, (a, b)) = span("2023年1-3月", None).unwrap();
        assert_eq!((a.month, b.unwrap().month), (Some(1), Some(3)));
        let (r, (_, b)) = span("2023年7月—5—科学", None).unwrap();
        assert!(b.is_none());
        assert_eq!(r, "—5—科学");
    }
}
