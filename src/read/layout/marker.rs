//! Item markers at the start of a line (一、 （一） 1. 1、 （1） ① 第一条 附件): a line that opens
//! with one starts a paragraph, as it does in the Word original.

const CN_DIGITS: &str = "一二三四五六七八九十百零〇两";

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// The number of leading chars satisfying `f`.
fn run(chars: &[char], f: impl Fn(char) -> bool) -> usize {
    chars.iter().take_while(|c| f(**c)).count()
}

/// True when the numeral after a marker's 、 is another numeral of its kind with its 、: a count
/// ("第一、" / "二、三、四类" wrapped mid-sentence), not an item.
fn enumerated(rest: &[char], digit: impl Fn(char) -> bool) -> bool {
    let n = run(rest, digit);
    n > 0 && rest.get(n) == Some(&'、')
}

/// True when the text opens with an item marker.
pub(crate) fn starts_with_marker(text: &str) -> bool {
    // The first twelve characters, without a vector: a line of every page goes through here.
    let mut buf = ['\0'; 12];
    let mut n = 0;
    for (slot, c) in buf.iter_mut().zip(text.trim_start().chars()) {
        *slot = c;
        n += 1;
    }
    let chars = &buf[..n];
    let Some(&first) = chars.first() else { return false };
    if ('\u{2460}'..='\u{249b}').contains(&first) || ('\u{3251}'..='\u{325f}').contains(&first) {
        return true; // ① ⑴ ⒈ and the circled numbers past 20
    }
    let cn = run(chars, is_cn_digit);
    if cn > 0 && cn <= 4 {
        return chars.get(cn) == Some(&'、') && !enumerated(&chars[cn + 1..], is_cn_digit);
    }
    let digits = run(chars, |c| c.is_ascii_digit());
    if digits > 0 && digits <= 3 {
        return match chars.get(digits) {
            Some('、') => !enumerated(&chars[digits + 1..], |c| c.is_ascii_digit()),
            Some('）' | ')') => true,
            // 1. but not 2.92 or a date 2023.5
            Some('.' | '．') => !chars.get(digits + 1).is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    if matches!(first, '（' | '(') {
        let inner = &chars[1..];
        let n = run(inner, is_cn_digit).max(run(inner, |c| c.is_ascii_digit()));
        return n > 0 && n <= 3 && matches!(inner.get(n), Some('）' | ')'));
    }
    if first == '第' {
        let n = run(&chars[1..], |c| is_cn_digit(c) || c.is_ascii_digit());
        return n > 0 && matches!(chars.get(n + 1), Some('条' | '章' | '节' | '部' | '篇' | '阶' | '项'));
    }
    if chars.starts_with(&['附', '件']) {
        return chars.get(2).is_none_or(|c| c.is_ascii_digit() || is_cn_digit(*c) || matches!(c, '：' | ':'));
    }
    false
}
