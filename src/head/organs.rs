//! Organ names (发文机关): the issuers of a notice and the signers of its signature, told from
//! the organ endings of grammar/org_suffixes.txt (办公室, 人民政府, 委员会, 局…), and runs of
//! several names glued together split into names.

use super::{balanced, drop_pinyin};
use crate::chars::{is_han, strip_space};
use crate::grammar::data;
use std::sync::OnceLock;

/// Splits a run of organ names into names: "中共XX县区委办公室XX县区人民政府办公室" →
/// ["中共XX县区委办公室", "XX县区人民政府办公室"]; None when `s` is not made of organ names
/// (a spam string, a sentence, a title).
///
/// A cut is made only after a strong ending (three characters or more, see
/// grammar/org_suffixes.txt) and only where the next name visibly starts anew: with 中共, or with
/// the same place name as the first ("河北雄安新区…委员会河北雄安新区…") — so that
/// "XX市人民政府国有资产监督管理委员会" stays one name.
pub fn split_organs(s: &str) -> Option<Vec<String>> {
    // Every piece must be an organ name, so the whole ends like one: most strings fail here,
    // before any copying.
    if !ends_like_organ(s) {
        return None;
    }
    // Pinyin glued in by converters ("銀保監(jiān)會(huì)") is no part of the name.
    let s = strip_space(&drop_pinyin(s));
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 3 || chars.len() > 60 {
        return None;
    }
    if !chars.iter().all(|&c| is_han(c) || matches!(c, 'X' | 'x' | '（' | '）' | '(' | ')')) {
        return None;
    }
    let (all_endings, strong) = organ_endings();
    let strong_at =
        |i: usize| -> usize { strong.iter().filter(|x| chars[i..].starts_with(x)).map(|x| x.len()).max().unwrap_or(0) };
    let mut pieces: Vec<String> = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < chars.len() {
        let n = strong_at(i);
        if n == 0 {
            i += 1;
            continue;
        }
        let mut end = i + n;
        loop {
            let m = if end < chars.len() { strong_at(end) } else { 0 };
            if m == 0 {
                break;
            }
            end += m;
        }
        let rest = &chars[end..];
        if !rest.is_empty() && (rest.starts_with(&['中', '共']) || place(rest) == place(&chars[start..end])) {
            pieces.push(chars[start..end].iter().collect());
            start = end;
        }
        i = end;
    }
    pieces.push(chars[start..].iter().collect());
    // Names with a one-character ending glued together ("黄浦区教育局黄浦区文化和旅游局"): cut
    // after an ending where the next name starts with the same place.
    let pieces: Vec<String> = pieces.iter().flat_map(|p| split_at_weak_endings(p, all_endings)).collect();
    pieces.iter().all(|p| is_organ(p)).then_some(pieces)
}

/// The place an organ name starts with: its first two characters after 中共.
fn place(v: &[char]) -> &[char] {
    let v = if v.starts_with(&['中', '共']) { &v[2..] } else { v };
    &v[..v.len().min(2)]
}

/// Organ endings as characters.
type Endings = Vec<Vec<char>>;

/// The organ endings as characters (all of them, and the strong ones of three or more), made once.
fn organ_endings() -> (&'static [Vec<char>], &'static [Vec<char>]) {
    static ENDS: OnceLock<(Endings, Endings)> = OnceLock::new();
    let (all, strong) = ENDS.get_or_init(|| {
        let all: Vec<Vec<char>> = data::list("org_suffixes").iter().map(|x| x.chars().collect()).collect();
        let strong = all.iter().filter(|x| x.len() >= 3).cloned().collect();
        (all, strong)
    });
    (all, strong)
}

/// Splits one run of names after an organ ending (局, 委, 办…) where what follows starts with the
/// same two characters of place as the name before it (or with 中共).
fn split_at_weak_endings(p: &str, ends: &[Vec<char>]) -> Vec<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = start + 3;
    while i + 3 <= chars.len() {
        let rest = &chars[i..];
        if (rest.starts_with(&['中', '共']) || place(rest) == place(&chars[start..i]))
            && ends.iter().any(|e| chars[start..i].ends_with(e))
        {
            out.push(chars[start..i].iter().collect());
            start = i;
            i = start + 3;
            continue;
        }
        i += 1;
    }
    out.push(chars[start..].iter().collect());
    out
}

/// The organ names of a whole line: space-separated names ("省发展改革委  省财政厅"), each
/// possibly several glued ones; None when any part is not an organ name.
pub fn organs_in_line(t: &str) -> Option<Vec<String>> {
    let t = &t[names_start(t)..];
    // Joint issuers printed as a list: "国务院办公厅、中央军委办公厅".
    let toks: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == '、').filter(|x| !x.is_empty()).collect();
    if toks.len() > 1 {
        let parts: Option<Vec<Vec<String>>> = toks.iter().map(|x| split_organs(x)).collect();
        if let Some(p) = parts {
            return Some(p.concat());
        }
    }
    split_organs(t)
}

/// Where the names of a line start: after spaces and a list bullet of a scraped page
/// ("•   青岛市人民政府").
pub fn names_start(line: &str) -> usize {
    line.len() - line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '•' | '·' | '●' | '▪' | '■')).len()
}

/// One organ name: ends with an organ ending, is not a phrase of the notice itself.
fn is_organ(p: &str) -> bool {
    p.chars().count() >= 3
        && balanced(p)
        && data::list("org_suffixes").iter().any(|x| p.ends_with(x))
        && !["关于", "關于", "印发", "印發", "通知"].iter().any(|w| p.contains(w))
}

/// True when `s` ends with the last character of an organ ending (室, 厅, 府, 局…): a cheap
/// test before [`organs_ending`], since 印发 stands in many lines of a notice.
pub(super) fn ends_like_organ(s: &str) -> bool {
    static LAST: OnceLock<Vec<char>> = OnceLock::new();
    let last = LAST.get_or_init(|| {
        let mut v: Vec<char> = data::list("org_suffixes").iter().filter_map(|x| x.chars().next_back()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let s = s.trim_end();
    // "…會(huì)": the character before a pinyin gloss is the last of the name.
    let s = match s.strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
        Some((head, gloss)) if !gloss.is_empty() && gloss.chars().all(super::is_pinyin_letter) => head,
        _ => s,
    };
    s.chars().next_back().is_some_and(|c| last.binary_search(&c).is_ok())
}
