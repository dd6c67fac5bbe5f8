//! Chinese numerals (一二三…十百千, 〇/零, 两, 廿) and full-width digits.

use crate::chars::digit_value;

/// Value of one Chinese digit character, including the financial (大写) forms.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' | '貳' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Every character [`is_cn_numeral`] accepts, for tables built from the set (a test keeps the two
/// in step).
pub const CN_NUMERALS: &str = "〇零○Ｏ一壹二贰两貳兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟廿";

/// True for characters that may appear in a Chinese number.
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟' | '廿')
}

/// Parses a whole string of Chinese numerals as a number: 十 → 10, 十二 → 12, 二十 → 20,
/// 一百零五 → 105, and digit-by-digit forms such as 二〇二三 → 2023.
pub fn parse_cn_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let has_unit = s.chars().any(|c| matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟' | '廿'));
    if !has_unit {
        // 二〇二三: positional digits.
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        }
        return Some(v);
    }
    let mut total: u32 = 0;
    let mut cur: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            cur = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '廿' => {
                total += 20;
                cur = None;
                continue;
            }
            _ => return None,
        };
        total = total.checked_add(cur.unwrap_or(1).checked_mul(unit)?)?;
        cur = None;
    }
    Some(total + cur.unwrap_or(0))
}

/// Parses a run of half- or full-width decimal digits.
pub fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(digit_value(c)?)?;
    }
    Some(v)
}

/// Value of an enclosed number: ①…⑳ (circled), ⑴…⒇ (parenthesized), ⒈…⒛ (with full stop).
pub fn enclosed_value(c: char) -> Option<(u32, EnclosedKind)> {
    let u = c as u32;
    match u {
        0x2460..=0x2473 => Some((u - 0x2460 + 1, EnclosedKind::Circled)),
        0x3251..=0x325F => Some((u - 0x3251 + 21, EnclosedKind::Circled)),
        0x32B1..=0x32BF => Some((u - 0x32B1 + 36, EnclosedKind::Circled)),
        0x2474..=0x2487 => Some((u - 0x2474 + 1, EnclosedKind::Paren)),
        0x2488..=0x249B => Some((u - 0x2488 + 1, EnclosedKind::FullStop)),
        0x3220..=0x3229 => Some((u - 0x3220 + 1, EnclosedKind::CnParen)),
        _ => None,
    }
}

/// The shape of an enclosed-number character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnclosedKind {
    /// ①
    Circled,
    /// ⑴
    Paren,
    /// ⒈
    FullStop,
    /// ㈠
    CnParen,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numeral_list_is_the_numeral_test() {
        let listed: Vec<char> = CN_NUMERALS.chars().collect();
        let tested: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_cn_numeral(c)).collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, tested);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(parse_cn_number("一"), Some(1));
        assert_eq!(parse_cn_number("十"), Some(10));
        assert_eq!(parse_cn_number("十二"), Some(12));
        assert_eq!(parse_cn_number("二十"), Some(20));
        assert_eq!(parse_cn_number("二十三"), Some(23));
        assert_eq!(parse_cn_number("一百零五"), Some(105));
        assert_eq!(parse_cn_number("二〇二三"), Some(2023));
        assert_eq!(parse_cn_number("廿一"), Some(21));
        assert_eq!(parse_cn_number("是"), None);
    }

    #[test]
    fn digits_and_enclosed() {
        assert_eq!(parse_digits("１２"), Some(12));
        assert_eq!(parse_digits("12"), Some(12));
        assert_eq!(enclosed_value('①'), Some((1, EnclosedKind::Circled)));
        assert_eq!(enclosed_value('⑳'), Some((20, EnclosedKind::Circled)));
        assert_eq!(enclosed_value('⑼'), Some((9, EnclosedKind::Paren)));
    }
}
