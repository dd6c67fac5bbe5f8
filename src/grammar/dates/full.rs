//! The full date of a signature or a head line (成文日期): "2023年5月10日", "2023年5月 日" (day left
//! blank), "二〇二三年五月十日", with spaces inside as typesetting leaves them. Strict: all of 年, 月
//! and 日 are written, and the year lies in 1900–2100; the statement grammar of [`super`] reads the
//! looser dates of running text.

use crate::chars::{digit_value, is_inline_space};
use crate::grammar::numerals::{cn_digit, parse_cn_number};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::combinator::{map_opt, opt};
use nom::{IResult, Parser};

fn arabic(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| {
        map_opt(take_while_m_n(min, max, |c| digit_value(c).is_some()), |d: &str| {
            d.chars().try_fold(0u32, |v, c| Some(v * 10 + digit_value(c)?))
        })
        .parse(i)
    }
}

/// A year in Chinese digits; the zero is often typed as the digit 0 or the letter O ("二0一0").
fn cn_year(i: &str) -> IResult<&str, u32> {
    let digit = |c: char| cn_digit(c).is_some() || matches!(c, '0' | 'O');
    let value = |s: &str| parse_cn_number(&s.replace(['0', 'O'], "〇"));
    map_opt(take_while_m_n(4, 4, digit), value).parse(i)
}

fn cn_small(i: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(1, 3, |c| cn_digit(c).is_some() || c == '十' || c == '廿'), parse_cn_number).parse(i)
}

/// `2023年5月10日`, `2023年5月 日`, `二〇二三年五月十日` → (year, month, day).
pub fn full_date(i: &str) -> IResult<&str, (u32, u32, Option<u32>)> {
    let sp = || take_while(is_inline_space);
    let (i, (y, _, _, _, m, _, _, _, d, _, _)) = (
        alt((arabic(4, 4), cn_year)),
        sp(),
        alt((tag("年"), tag("年"))),
        sp(),
        alt((arabic(1, 2), cn_small)),
        sp(),
        tag("月"),
        sp(),
        opt(alt((arabic(1, 2), cn_small))),
        sp(),
        tag("日"),
    )
        .parse(i)?;
    let ok = (1900..=2100).contains(&y) && (1..=12).contains(&m) && d.is_none_or(|d| (1..=31).contains(&d));
    if !ok {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((i, (y, m, d)))
}

/// A full date as ISO: "2023-05-10", or "2023-05" when the day was left blank.
pub fn iso_ymd(y: u32, m: u32, d: Option<u32>) -> String {
    match d {
        Some(d) => super::iso_date(y as i32, &[m, d]),
        None => super::iso_date(y as i32, &[m]),
    }
}
