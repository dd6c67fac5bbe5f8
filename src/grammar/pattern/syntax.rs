//! Rewrites a regular expression of the `regex` crate's syntax into one that `regex-lite` reads
//! with the same meaning: regex-lite's `\s`, `\d` and `\w` are ASCII only, it has no `\p{…}`
//! classes and no nested classes or class set operations. Every character class (bracketed or
//! an escape) becomes an explicit list of code point ranges, computed with `regex_syntax`'s own
//! Unicode tables; the rest of the pattern is copied as written. The rewritten pattern is what
//! both engines compile, so they agree by construction (a test checks that `regex_syntax` reads
//! the original and the rewrite as the same expression).

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
use std::sync::Mutex;

/// The rewrite, or None for what regex-lite cannot do the same way (word boundaries and case
/// folding, which differ outside ASCII; class set operations; anything unparsed): such a pattern
/// runs on the `regex` crate alone.
pub(crate) fn lite_syntax(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                let (class, next) = escape(&chars, i)?;
                match class {
                    Some(c) => write_class(&mut out, &c),
                    None => out.extend(&chars[i..next]),
                }
                i = next;
            }
            '[' => {
                let (class, next) = bracketed(&chars, i)?;
                write_class(&mut out, &class);
                i = next;
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                let end = group_opening_end(&chars, i)?;
                out.extend(&chars[i..end]);
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// The end of a group's opening `(?…` at `chars[i]`: a name (`(?P<n>`, `(?<n>`), or flags that
/// both engines read alike (multi-line, dot-all, swap-greed); None for case folding, verbose mode
/// and the rest.
fn group_opening_end(chars: &[char], i: usize) -> Option<usize> {
    if matches!(chars.get(i + 2), Some('P' | '<')) {
        return Some(chars[i..].iter().position(|&c| c == '>')? + i + 1);
    }
    let end = chars[i..].iter().position(|&c| c == ':' || c == ')')? + i;
    chars[i + 2..end].iter().all(|c| matches!(c, 'm' | 's' | 'U' | '-')).then_some(end + 1)
}

/// An escape at `chars[i]` (a backslash): its class when it is one (`\s`, `\p{Han}` …), or None
/// for an escape copied as written (`\.`, `\n`, `\x{3000}`); the index after it. Fails on word
/// boundaries (`\b`, `\B`: Unicode in `regex`, ASCII in regex-lite).
fn escape(chars: &[char], i: usize) -> Option<(Option<ClassUnicode>, usize)> {
    let c = *chars.get(i + 1)?;
    let end = match c {
        'p' | 'P' if chars.get(i + 2) == Some(&'{') => chars[i..].iter().position(|&c| c == '}')? + i + 1,
        'p' | 'P' => i + 3,
        'x' | 'u' | 'U' if chars.get(i + 2) == Some(&'{') => chars[i..].iter().position(|&c| c == '}')? + i + 1,
        'x' => i + 4,
        'u' => i + 6,
        'U' => i + 10,
        _ => i + 2,
    };
    let text: String = chars.get(i..end)?.iter().collect();
    match c {
        'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'p' | 'P' => Some((Some(unicode_class(&text)?), end)),
        'b' | 'B' | '<' | '>' => None,
        _ => Some((None, end)),
    }
}

/// The Unicode class of a class expression (`\d`, `[[:alpha:]]`), by `regex_syntax`; the few
/// that patterns use again and again (`\s`, `\p{Han}`) are looked up once.
fn unicode_class(expr: &str) -> Option<ClassUnicode> {
    static SEEN: Mutex<Vec<(String, Option<ClassUnicode>)>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, c)) = seen.iter().find(|(e, _)| e == expr) {
        return c.clone();
    }
    let class = parse_class(expr);
    if seen.len() < 64 {
        seen.push((expr.to_string(), class.clone()));
    }
    class
}

fn parse_class(expr: &str) -> Option<ClassUnicode> {
    match regex_syntax::parse(expr).ok()?.into_kind() {
        HirKind::Class(Class::Unicode(c)) => Some(c),
        HirKind::Literal(l) => {
            let c = std::str::from_utf8(&l.0).ok()?.chars().next()?;
            Some(ClassUnicode::new([ClassUnicodeRange::new(c, c)]))
        }
        _ => None,
    }
}

/// A bracketed class starting at `chars[i]` (`[`): its members and the index after its `]`.
fn bracketed(chars: &[char], i: usize) -> Option<(ClassUnicode, usize)> {
    let mut j = i + 1;
    let negated = chars.get(j) == Some(&'^');
    if negated {
        j += 1;
    }
    let mut class = ClassUnicode::empty();
    let mut first = true;
    loop {
        let c = *chars.get(j)?;
        if c == ']' && !first {
            break;
        }
        first = false;
        if matches!((c, chars.get(j + 1)), ('&', Some('&')) | ('-', Some('-')) | ('~', Some('~'))) {
            return None;
        }
        let (item, next) = class_item(chars, j)?;
        class.union(&item);
        j = next;
    }
    if negated {
        class.negate();
    }
    Some((class, j + 1))
}

/// One item of a bracketed class at `chars[j]`: a nested class, a POSIX class, a class escape,
/// or a character or range of characters.
fn class_item(chars: &[char], j: usize) -> Option<(ClassUnicode, usize)> {
    match chars[j] {
        '[' if chars.get(j + 1) == Some(&':') => {
            let end = chars[j..].windows(2).position(|w| w == [':', ']'])? + j + 2;
            let posix: String = chars[j..end].iter().collect();
            Some((unicode_class(&format!("[{posix}]"))?, end))
        }
        '[' => bracketed(chars, j),
        '\\' if matches!(chars.get(j + 1), Some('d' | 'D' | 's' | 'S' | 'w' | 'W' | 'p' | 'P')) => {
            let (class, end) = escape(chars, j)?;
            Some((class?, end))
        }
        _ => {
            let (lo, mut end) = class_char(chars, j)?;
            let mut hi = lo;
            if chars.get(end) == Some(&'-') && chars.get(end + 1).is_some_and(|&c| c != ']') {
                (hi, end) = class_char(chars, end + 1)?;
            }
            (lo <= hi).then(|| (ClassUnicode::new([ClassUnicodeRange::new(lo, hi)]), end))
        }
    }
}

/// One character of a class, literal or escaped, and the index after it.
fn class_char(chars: &[char], j: usize) -> Option<(char, usize)> {
    if chars[j] != '\\' {
        return Some((chars[j], j + 1));
    }
    let (class, end) = escape(chars, j)?;
    if class.is_some() {
        return None;
    }
    let text: String = chars[j..end].iter().collect();
    let c = unicode_class(&text)?;
    let r = c.ranges().first()?;
    (c.ranges().len() == 1 && r.start() == r.end()).then_some((r.start(), end))
}

/// Writes a class as a list of ranges, `[a-z一-鿿\x{3000}]`, or as the negation of its complement when
/// that is shorter (`[^\x{A}]`): what regex-lite parses fastest. ASCII letters and digits and
/// every character outside ASCII are written as themselves, the rest as code point escapes.
fn write_class(out: &mut String, class: &ClassUnicode) {
    // Only a class that runs to the last code point ([^…] as written) is shorter negated.
    let negated = class.ranges().last().is_some_and(|r| r.end() == char::MAX).then(|| {
        let mut n = class.clone();
        n.negate();
        n
    });
    let (class, caret) = match &negated {
        Some(n) if n.ranges().len() < class.ranges().len() => (n, "^"),
        _ => (class, ""),
    };
    if class.ranges().is_empty() {
        // The empty class (matches nothing) has no list: its negation's negation.
        out.push_str("[^\\x{0}-\\x{10FFFF}]");
        return;
    }
    out.push('[');
    out.push_str(caret);
    for r in class.ranges() {
        write_char(out, r.start());
        if r.end() != r.start() {
            out.push('-');
            write_char(out, r.end());
        }
    }
    out.push(']');
}

fn write_char(out: &mut String, c: char) {
    // Only ASCII punctuation means something in a class (and only ASCII white space in verbose
    // mode, which is never rewritten): every other character is written as itself, the shortest
    // form for regex-lite to parse.
    if c.is_ascii_alphanumeric() || !c.is_ascii() {
        out.push(c);
        return;
    }
    out.push_str("\\x{");
    let v = c as u32;
    let digits = (32 - v.leading_zeros()).div_ceil(4).max(1);
    for k in (0..digits).rev() {
        out.push(char::from_digit((v >> (4 * k)) & 0xF, 16).unwrap_or('0'));
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_meaning(p: &str) {
        let lite = lite_syntax(p).unwrap_or_else(|| panic!("{p}: not rewritten"));
        assert_eq!(regex_syntax::parse(p).unwrap(), regex_syntax::parse(&lite).unwrap(), "{p} → {lite}");
        assert!(regex_lite::Regex::new(&lite).is_ok(), "{lite}");
    }

    #[test]
    fn classes_become_ranges_with_the_same_meaning() {
        for p in [
            r"^[^\S\n]*(?:#+[^\S\n]*)?(?:[•·]?[^\S\n]*[\p{Han}][\p{Han}[^\S\n]]{0,7}[:：][^\S\n|]*\|?[^\S\n]*)?",
            r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．]\D|第[一二\d]{1,3}[章条節节部])",
            r"[（(]\s*(?:以下|下文)?(?:简称|簡稱)\s*[:：]?\s*[“「\x22]?([^”」\x22（）()，。；\n]{1,16})[”」\x22]?",
            r"^(?:[—－–\-―─]{1,2}\s*(\d{1,4})|第\s*(\d{1,4})\s*页\s*[,，/]?)$",
            r"[]a-c\]\\[:digit:]]+\.\x{3000}\u{A0}(?m:^)\pL\w+",
            r"(?s:.)(?P<n>x)",
        ] {
            same_meaning(p);
        }
    }

    #[test]
    fn what_regex_lite_reads_otherwise_is_left_to_regex() {
        for p in [r"\bword\b", r"(?i)ß", r"(?x)a b", r"[a-z&&[^aeiou]]", r"[a-z--c]", r"[", r"\p{NoSuch}"] {
            assert_eq!(lite_syntax(p), None, "{p}");
        }
    }
}
