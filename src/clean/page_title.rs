//! A web page's title above the document that repeats it: the page's <h1> (a copy of the
//! document's heading or of its first section heading, "一、总体要求") set above the article, which
//! the HTML reader leaves out when the article repeats it, and a printout or a scraped text keeps.
//! Such a line is a short heading standing before the document's first sentence, printed again
//! word for word a few lines below, where nothing between the two is printed twice (a table of
//! contents recurs whole: its entries are kept).

use std::collections::HashSet;

/// How many non-empty lines below the copy the repeat may stand.
const WINDOW: usize = 8;
/// The longest heading taken, in characters.
const LONGEST: usize = 40;
/// The shortest: a heading, not a table's header label wrapped over lines ("责任" / "领导").
const SHORTEST: usize = 4;

/// The line numbers (0-based) of the page titles to leave out.
pub(crate) fn copies(src: &str) -> HashSet<usize> {
    let lines: Vec<(usize, String)> = src
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n, l.chars().filter(|c| !c.is_whitespace()).collect::<String>()))
        .filter(|(_, l)| !l.is_empty())
        .take(64)
        .collect();
    let sentence = |l: &str| l.contains('。') || l.chars().count() > 60;
    let first_sentence = lines.iter().position(|(_, l)| sentence(l)).unwrap_or(lines.len());
    let mut out = HashSet::new();
    for i in 0..first_sentence {
        let l = &lines[i].1;
        if !(SHORTEST..=LONGEST).contains(&l.chars().count()) || l.contains([':', '：']) {
            continue;
        }
        let Some(j) = (i + 1..lines.len().min(i + 1 + WINDOW)).find(|&j| lines[j].1 == *l) else { continue };
        // What stands between is printed once: no line of it recurs, before or after.
        let elsewhere: HashSet<&str> = lines[..i].iter().chain(&lines[j + 1..]).map(|(_, l)| l.as_str()).collect();
        if lines[i + 1..j].iter().all(|(_, m)| !elsewhere.contains(m.as_str()) && m != l) {
            out.insert(lines[i].0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::copies;

    #[test]
    fn a_page_title_repeated_below_is_left_out() {
        let page = "当前位置:首页\n一、总体要求\n2017-08-07 来源:本站\n为深入贯彻落实精神,制定本方案。\n一、总体要求\n(一)指导思想\n";
        assert_eq!(copies(page), [1].into_iter().collect());
        // A table of contents recurs whole: its first entry stays.
        let toc = "目录\n一、总体要求\n二、主要任务\n一、总体要求\n坚持以人民为中心。\n二、主要任务\n";
        assert!(copies(toc).is_empty());
        // A table header whose labels wrap: its labels recur, they are no title.
        assert!(copies("序号\n责任\n领导\n责任\n科室\n1\n白仙山水库工程。\n").is_empty());
        // A heading printed once stays.
        assert!(copies("关于印发某方案的通知\n各单位:\n现印发给你们。\n").is_empty());
    }
}
