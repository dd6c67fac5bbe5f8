//! Site chrome: whole lines that belong to a web page or a document viewer, not to the document
//! (grammar/chrome.txt), and the page counters that document-sharing viewers prepend ("2、").

use crate::grammar::data;
use regex::RegexSet;
use std::collections::HashMap;
use std::sync::OnceLock;

fn patterns() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        RegexSet::new(data::list("chrome").iter().map(|p| format!("^(?:{p})$")))
            .expect("grammar/chrome.txt holds valid regular expressions")
    })
}

/// True when the whole line is chrome.
pub(crate) fn is_chrome_line(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    !t.is_empty() && t.chars().count() <= 120 && patterns().is_match(t)
}

/// Viewer page counters: lines starting "1、" "2、" "3、" … in sequence, where every counter after the
/// first cuts a sentence in two (the previous line ends without punctuation). Real items of the
/// "1、" style follow a finished sentence, so they never form such a sequence. Returns the line
/// numbers (0-based) with the byte length of the counter to remove.
pub(crate) fn viewer_counters(src: &str) -> HashMap<usize, usize> {
    let mut found: Vec<(usize, u32, usize, bool)> = Vec::new(); // line, number, len, continues
    let mut prev_end: Option<char> = None;
    for (no, line) in src.split('\n').enumerate() {
        let t = line.trim_start();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() && t[digits.len()..].starts_with('、') {
            if let Ok(n) = digits.parse::<u32>() {
                let continues = prev_end.is_some_and(|c| super::is_cjk(c) || c.is_ascii_alphanumeric());
                found.push((no, n, digits.len() + '、'.len_utf8(), continues));
            }
        }
        if let Some(c) = line.trim_end().chars().last() {
            prev_end = Some(c);
        }
    }
    let seq_ok = found.len() >= 2
        && found.iter().enumerate().all(|(i, f)| f.1 == i as u32 + 1)
        && found.iter().skip(1).all(|f| f.3);
    if seq_ok {
        found.into_iter().map(|f| (f.0, f.2)).collect()
    } else {
        HashMap::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for l in ["分享", "下载文档", "大小:59KB", "网站客服:3074922707", "VIP专免", "999+", "59.45KB", "35 页", "仅展示665字,全文共3671字", "|||||||||", "浏览次数:次", "- 配套讲稿:"] {
            assert!(is_chrome_line(l), "{l}");
        }
        for l in ["一、指导思想", "1.召开发动大会。", "时间安排", "责任单位:县委办"] {
            assert!(!is_chrome_line(l), "{l}");
        }
    }

    #[test]
    fn viewer_counters_need_a_broken_sentence() {
        let doc = "1、乡镇工作要点 坚决禁用高度\n2、高残农药,实现无公害\n3、金建设";
        let c = viewer_counters(doc);
        assert_eq!(c.len(), 3);
        let real = "1、召开大会。\n2、做好宣传。";
        assert!(viewer_counters(real).is_empty());
    }
}
