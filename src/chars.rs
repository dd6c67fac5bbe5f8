//! Character classes shared by every stage, each defined once under one meaning. The scanners
//! call them at nearly every character, so they answer the common case (an ideograph) first.

/// `char::is_whitespace`, answered without the Unicode table for the characters of Chinese
/// text: every White_Space character above ASCII lies at or below U+3000 (the ideographic
/// space), so ideographs and full-width forms are known not to be space at once.
#[inline]
pub fn is_space(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_whitespace() || u == 0x0B
    } else {
        u <= 0x3000 && c.is_whitespace()
    }
}

/// Space inside a line: a space, a tab, the ideographic space (全角空格) or a no-break space;
/// never a line break. Head lines (文号, dates) allow these between their parts.
#[inline]
pub fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
}

/// True for CJK ideographs (汉字, the characters of running Chinese text, names and titles),
/// the extension planes and 〇 included.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3007)
}

/// A half- or full-width decimal digit (0–9, ０–９).
#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The value of a half- or full-width decimal digit.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Any opening bracket, title marks (书名号 《〈) and corner quotes included.
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '《' | '〈' | '（' | '(' | '〔' | '[' | '【' | '［' | '「' | '『' | '｛' | '{')
}

/// Any closing bracket, the mirror of [`is_open_bracket`].
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, '》' | '〉' | '）' | ')' | '〕' | ']' | '】' | '］' | '」' | '』' | '｝' | '}')
}

/// The brackets that hold a statement or a note inside a sentence: （…牵头）, 【责任单位：…】,
/// 〔2023〕. Title marks and quotes are not among them: they hold names, not statements.
pub fn is_paren_open(c: char) -> bool {
    matches!(c, '（' | '(' | '〔' | '【' | '[' | '［')
}

/// The mirror of [`is_paren_open`].
pub fn is_paren_close(c: char) -> bool {
    matches!(c, '）' | ')' | '〕' | '】' | ']' | '］')
}

/// Sentence punctuation: a title, an organ name or a subject never contains these.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(c, '。' | '，' | ',' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?')
}

/// Just after the last character of `s` that `stop` holds for (0 when there is none): where the
/// run after the last space (or other stop) starts, whatever the stop's width in UTF-8 (an
/// ideographic space is three bytes).
pub fn after_last(s: &str, stop: impl Fn(char) -> bool) -> usize {
    s.char_indices().rev().find(|&(_, c)| stop(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// The text without any whitespace (ideographic and no-break spaces included): how names,
/// titles and 文号 are compared.
pub fn strip_space(s: &str) -> String {
    without_space(s).into_owned()
}

/// [`strip_space`], borrowing the text when it holds no whitespace (most lines of a PDF). Runs
/// between spaces are copied whole: a character at a time into a growing string cost ten times
/// the scan.
pub fn without_space(s: &str) -> std::borrow::Cow<'_, str> {
    let Some((first, len)) = next_space(s, 0) else { return std::borrow::Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut at = first + len;
    while let Some((k, len)) = next_space(s, at) {
        out.push_str(&s[at..k]);
        at = k + len;
    }
    out.push_str(&s[at..]);
    std::borrow::Cow::Owned(out)
}

/// The next white space character (as [`is_space`] tells it) at or after byte `from` (a char
/// boundary): its offset and length. Read by lead byte, a character at a time, without decoding:
/// every space above ASCII lies below U+3001 (C2: U+0085, U+00A0; E1: U+1680; E2: U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F; E3: U+3000), so an ideograph is passed on its lead byte.
pub fn next_space(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        // Ideographs (lead bytes E4–EF) in a tight loop.
        while b.get(i).is_some_and(|x| (0xE4..=0xEF).contains(x)) {
            i += 3;
        }
        let Some(&x) = b.get(i) else { break };
        let (len, width) = match x {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => (1, 1),
            0..=0x7F => (0, 1),
            0xE4..=0xEF => (0, 3),
            0xF0.. => (0, 4),
            0xC2 => (2 * usize::from(matches!(b[i + 1], 0x85 | 0xA0)), 2),
            0xE1 => (3 * usize::from(b[i + 1] == 0x9A && b[i + 2] == 0x80), 3),
            0xE2 => (
                3 * usize::from(matches!(
                    (b[i + 1], b[i + 2]),
                    (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
                )),
                3,
            ),
            0xE3 => (3 * usize::from(b[i + 1] == 0x80 && b[i + 2] == 0x80), 3),
            0xE0 => (0, 3),
            // C3–DF (C0, C1 and continuation bytes never lead a character of a str).
            _ => (0, 2),
        };
        if len > 0 {
            return Some((i, len));
        }
        i += width;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_space_agrees_with_std() {
        for u in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_space(c), c.is_whitespace(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn next_space_agrees_with_is_space() {
        for u in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(u) {
                let s = format!("a{c}b");
                let want = is_space(c).then_some((1, c.len_utf8()));
                assert_eq!(next_space(&s, 1), want, "U+{u:04X}");
            }
        }
        assert_eq!(without_space("关于 印发\u{3000}方案\u{a0}"), "关于印发方案");
        assert!(matches!(without_space("关于印发"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn classes() {
        assert!(is_digit('7') && is_digit('７') && !is_digit('七'));
        assert_eq!(digit_value('９'), Some(9));
        assert!(is_han('责') && is_han('〇') && is_han('𠀀') && !is_han('，'));
        assert!(is_inline_space('\u{3000}') && !is_inline_space('\n'));
        assert!(is_open_bracket('《') && !is_paren_open('《') && is_paren_open('（'));
        assert!(is_close_bracket('》') && is_paren_close('〕'));
        assert_eq!(strip_space("关于 印发\u{3000}方案"), "关于印发方案");
    }
}
