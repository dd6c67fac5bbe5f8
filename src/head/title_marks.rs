//! What stands around a title on its line, read by scanners (pure functions) rather than
//! regular expressions: the patterns they replace ran on nearly every head line and cost more to
//! compile than a small document's whole parse (issue 14). Each test compares a scanner with the
//! pattern it replaces on every line of the corpus.

use super::label::han_label;
use crate::chars::is_han;

const CN_DIGITS: &str = "一二三四五六七八九十";

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The byte length of the run of characters at the start of `s` that satisfy `keep`, at most
/// `max` of them, and how many there were.
fn run(s: &str, max: usize, keep: impl Fn(char) -> bool) -> (usize, usize) {
    let mut len = 0;
    let mut n = 0;
    for c in s.chars().take(max) {
        if !keep(c) {
            break;
        }
        len += c.len_utf8();
        n += 1;
    }
    (len, n)
}

/// Junk before a title on its line, repeated: white space, Markdown "#", a 【label】 of at most
/// ten characters, a viewer's page counter "1、", a label "政策解读:", a "|" or bullet.
pub fn junk_len(s: &str) -> usize {
    let mut at = 0;
    while let Some(n) = junk_piece(&s[at..]) {
        at += n;
    }
    at
}

fn junk_piece(s: &str) -> Option<usize> {
    let c = s.chars().next()?;
    let after = |n: usize, close: char| s[n..].starts_with(close).then(|| n + close.len_utf8());
    match c {
        _ if c.is_whitespace() => Some(run(s, usize::MAX, char::is_whitespace).0),
        '#' => Some(run(s, usize::MAX, |c| c == '#').0),
        '【' => after(c.len_utf8() + run(&s[c.len_utf8()..], 10, |c| c != '】' && c != '\n').0, '】'),
        '|' | '•' | '·' => Some(c.len_utf8()),
        _ if is_digit(c) => after(run(s, 2, is_digit).0, '、'),
        _ if is_han(c) => han_label(s),
        _ => None,
    }
}

/// True when `s` starts (after white space) with an item marker — （一） 一、 1. 第一章 — which makes
/// it a heading of the body, never the title.
pub fn starts_with_item_marker(s: &str) -> bool {
    let s = s.trim_start();
    let numeral = |c: char| CN_DIGITS.contains(c) || is_digit(c);
    let (open, close) = (['（', '('], ['）', ')']);
    if let Some(rest) = s.strip_prefix(open) {
        let (len, n) = run(rest, 3, numeral);
        return n >= 1 && rest[len..].starts_with(close);
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (len, n) = run(rest, 3, numeral);
        return n >= 1 && rest[len..].starts_with(['章', '条', '節', '节', '部']);
    }
    let (len, n) = run(s, 3, |c| CN_DIGITS.contains(c));
    if n >= 1 {
        return s[len..].starts_with('、');
    }
    let (len, n) = run(s, 2, is_digit);
    let mut rest = s[len..].chars();
    n >= 1 && matches!(rest.next(), Some('.' | '．')) && rest.next().is_some_and(|c| !is_digit(c))
}

/// A year range or status after a plan's kind, "(2017—2020年)", "（试行）": its byte length at the
/// start of `s` (spaces before it included), or None.
pub fn tail_len(s: &str) -> Option<usize> {
    let lead = run(s, usize::MAX, |c| c.is_whitespace() && c != '\n').0;
    let rest = &s[lead..];
    let open = rest.chars().next().filter(|&c| c == '（' || c == '(')?;
    let inner = &rest[open.len_utf8()..];
    let years = |c: char| is_digit(c) || c.is_whitespace() || "〇一二三四五六七八九十—–-－~～至年".contains(c);
    let (len, n) = run(inner, 16, years);
    let body = if n >= 2 && inner[len..].starts_with([')', '）']) {
        len
    } else {
        ["试行", "暂行", "試行", "暫行", "征求意见稿", "修订"].iter().find(|w| inner.starts_with(**w))?.len()
    };
    let close = inner[body..].chars().next().filter(|&c| c == ')' || c == '）')?;
    Some(lead + open.len_utf8() + body + close.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::pattern::Pattern;

    /// is_han's ideographs, for \p{Han} in the patterns the scanners replace.
    const HAN: &str = r"\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}\x{F900}-\x{FAFF}\x{20000}-\x{2FFFF}\x{3007}";

    fn corpus_lines() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/docs");
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flat_map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap_or_default()
                    .lines()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        out.extend(
            [
                "# 标题：【原创】1、关于",
                "【这是一个很长很长的标签内容】x",
                "12、x",
                "123、x",
                "（一）x",
                "(1０)",
                "第十二章",
                "一、",
                "1.x",
                "1．x",
                "1.2",
                "十一、",
                "（2017—2020年）",
                " (试行)",
                "（ 2026年 ）",
                "(2023)",
                "（1）",
                "（征求意见稿）",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn junk_as_the_pattern_reads_it() {
        let re = Pattern::new(&format!(
            r"^(?:\s+|#+|【[^】\n]{{0,10}}】|[0-9０-９]{{1,2}}、|[{HAN}][{HAN}[^\S\n]]{{0,7}}[:：]|[|•·])+"
        ));
        for l in corpus_lines() {
            assert_eq!(junk_len(&l), re.find(&l).map_or(0, |m| m.end()), "{l:?}");
        }
    }

    #[test]
    fn item_markers_as_the_pattern_reads_them() {
        let re = Pattern::new(
            r"^\s*(?:[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.．][^0-9０-９]|第[一二三四五六七八九十0-9０-９]{1,3}[章条節节部])",
        );
        for l in corpus_lines() {
            assert_eq!(starts_with_item_marker(&l), re.is_match(&l), "{l:?}");
        }
    }

    #[test]
    fn tails_as_the_pattern_reads_them() {
        let re = Pattern::new(
            r"^[^\S\n]*[（(](?:[0-9０-９〇一二三四五六七八九十—–\-－~～至年\s]{2,16}|试行|暂行|試行|暫行|征求意见稿|修订)[)）]",
        );
        for l in corpus_lines() {
            for (i, _) in l.char_indices().filter(|&(i, c)| c == '（' || c == '(' || (i == 0)) {
                let s = &l[i..];
                assert_eq!(tail_len(s), re.find(s).map(|m| m.end()), "{s:?}");
            }
        }
    }
}
