//! A short label before a head line's value: "# " of Markdown, "名  称: | ", "标题: ",
//! "• 政策解读:". A scanner, not a regular expression: it runs on every line of a head, and the
//! pattern it replaces (`^\s*(#+\s*)?([•·]?\s*\p{Han}[\p{Han}\s]{0,7}[:：][\s|]*)?`, spaces not
//! crossing a line) cost more to compile than a small document's whole parse.

use crate::chars::is_han;

/// White space within a line.
fn is_gap(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

/// The byte length of the label prefix of `line` (0 when there is none; leading spaces and a
/// Markdown "#" count even without a label).
pub fn label_len(line: &str) -> usize {
    let lead = skip(line, 0, is_gap);
    let hashes = skip(line, lead, |c| c == '#');
    let start = if hashes > lead { skip(line, hashes, is_gap) } else { lead };
    start + labelled(&line[start..]).unwrap_or(0)
}

/// "• 名 称：| " at the start of `s`: an optional bullet, a Han character, up to seven more Han
/// characters or spaces, a colon, then spaces and at most one "|" among them.
fn labelled(s: &str) -> Option<usize> {
    let mut at = s.strip_prefix(['•', '·']).map_or(0, |rest| s.len() - rest.len());
    at = skip(s, at, is_gap);
    at += han_label(&s[at..])?;
    at = skip(s, at, |c| is_gap(c) && c != '|');
    if s[at..].starts_with('|') {
        at += 1;
    }
    Some(skip(s, at, is_gap))
}

/// "名 称：" at the start of `s`: a Han character, up to seven more Han characters or spaces, and
/// a colon; its byte length.
pub fn han_label(s: &str) -> Option<usize> {
    let first = s.chars().next().filter(|&c| is_han(c))?;
    let mut at = first.len_utf8();
    for c in s[at..].chars().take(7) {
        if !(is_han(c) || is_gap(c)) {
            break;
        }
        at += c.len_utf8();
    }
    let colon = s[at..].chars().next().filter(|&c| c == ':' || c == '：')?;
    Some(at + colon.len_utf8())
}

/// The index after the run of characters of `s` from `at` that satisfy `keep`.
fn skip(s: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    s[at..].char_indices().find(|&(_, c)| !keep(c)).map_or(s.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::pattern::Pattern;

    /// The regular expression the scanner replaces, with is_han's ideographs for \p{Han}.
    const LABEL: &str = r"^[^\S\n]*(?:#+[^\S\n]*)?(?:[•·]?[^\S\n]*[\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}\x{F900}-\x{FAFF}\x{20000}-\x{2FFFF}\x{3007}][\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}\x{F900}-\x{FAFF}\x{20000}-\x{2FFFF}\x{3007}[^\S\n]]{0,7}[:：][^\S\n|]*\|?[^\S\n]*)?";

    #[test]
    fn labels_as_the_pattern_reads_them() {
        let re = Pattern::new(LABEL);
        let mut lines = vec![
            "# 关于印发…的通知",
            "名  称: | 关于…",
            "  • 发文单位:咸宁",
            "标题：关于",
            "政策解读:",
            "一二三四五六七八九:太长",
            "关于印发：",
            "|标题:",
            "## ",
            "",
        ];
        let corpus: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/docs"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .collect();
        lines.extend(corpus.iter().flat_map(|t| t.lines().take(60)));
        for l in lines {
            assert_eq!(label_len(l), re.find(l).map_or(0, |m| m.end()), "{l:?}");
        }
    }
}
