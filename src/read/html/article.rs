//! The article on a web page. A government site shows a plan inside page chrome: the top nav
//! (首页 | 政务公开 …), a breadcrumb (当前位置), an information table (索引号 / 发布机构 / 文号),
//! a source-and-views line (来源 / 浏览次数), share buttons and a footer (主办 / ICP备). The
//! chrome's lines are short, link-heavy or both, and they can look like a notice's head (an
//! organ name, a date) or end the text mid-sentence. The article itself sits in one container
//! element. We find that container and keep what is in it:
//! 1. the containers the site's CMS names as the article (TRS's `TRS_Editor`, gov.cn's
//!    `UCAP-CONTENT`, `zoom`…; the text and its 附件 table may sit in two) holding together at
//!    least a third of the page's text (a short notice on a page whose information table and
//!    source line repeat its opening lines holds about half);
//! 2. else an `<article>` or `<main>` element holding at least half of it;
//! 3. else the innermost container holding every long paragraph (the article's prose), when
//!    what it leaves out is at most half as much text as it keeps.
//!
//! When the article's container leaves out the page's `<h1>` and no kept paragraph near the top
//! repeats it, the `<h1>` line is kept in front: many sites show the title only there. Word's own
//! "Web page" output has no chrome and is kept whole.

use super::super::Paragraph;
use crate::chars::strip_space;

/// Class or id names (compared lower-case, whole names) that CMSs give the article container.
const HINTS: &[&str] = &[
    "trs_editor",
    "trs_ueditor",
    "ucap-content",
    "pages_content",
    "pages-content",
    "zoom",
    "fontzoom",
    "article-content",
    "article_content",
    "articlecontent",
    "art_con",
    "zwnr",
];

/// Elements whose extent is tracked as possible article containers.
const CONTAINERS: &[&str] = &["div", "section", "article", "main", "table", "td", "th"];

/// Deepest container nesting tracked (deeper ones are tag soup, not layout).
const MAX_OPEN: usize = 256;

/// A paragraph this long (shown characters, not mostly link text) is article prose.
const LONG: usize = 50;

/// How many of the article's first paragraphs are looked at for the `<h1>` title.
const TITLE_WINDOW: usize = 12;

/// A container element and the paragraphs it holds: `first..end`.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Named as the article by a class or id (HINTS).
    hint: bool,
    /// An `<article>` or `<main>` element.
    semantic: bool,
    name: &'static str,
    first: usize,
    /// `usize::MAX` while open (an element never closed runs to the end of the page).
    end: usize,
}

/// A parsed page: every paragraph, and what locating the article needs.
pub(super) struct Page {
    pub paras: Vec<Paragraph>,
    /// Per paragraph: shown characters, and how many of them are link text.
    pub sizes: Vec<(usize, usize)>,
    /// Paragraphs inside an `<h1>`.
    pub h1: Vec<usize>,
    pub nodes: Vec<Node>,
    /// Written by Word or WPS as a web page: no site chrome.
    pub word: bool,
}

/// Records an opening tag of a container; `at` is the index of the next paragraph.
pub(super) fn open(nodes: &mut Vec<Node>, open: &mut Vec<usize>, name: &str, attrs: &str, at: usize) {
    let Some(&name) = CONTAINERS.iter().find(|c| **c == name) else {
        if name == "tr" {
            close_cells(nodes, open, at);
        }
        return;
    };
    if matches!(name, "td" | "th") {
        // A cell ends the cell before it, closed or not.
        close_cells(nodes, open, at);
    }
    if open.len() >= MAX_OPEN {
        return;
    }
    let hint = class_and_id(attrs).any(|n| HINTS.iter().any(|h| n.eq_ignore_ascii_case(h)));
    open.push(nodes.len());
    nodes.push(Node { hint, semantic: matches!(name, "article" | "main"), name, first: at, end: usize::MAX });
}

/// Records a closing tag: ends the innermost open element of that name and all open inside it.
pub(super) fn close(nodes: &mut [Node], open: &mut Vec<usize>, name: &str, at: usize) {
    if name == "tr" {
        close_cells(nodes, open, at);
        return;
    }
    if !CONTAINERS.contains(&name) {
        return;
    }
    let Some(k) = open.iter().rposition(|&i| nodes[i].name == name) else { return };
    for i in open.drain(k..) {
        nodes[i].end = at;
    }
}

fn close_cells(nodes: &mut [Node], open: &mut Vec<usize>, at: usize) {
    while let Some(&i) = open.last() {
        if !matches!(nodes[i].name, "td" | "th") {
            break;
        }
        nodes[i].end = at;
        open.pop();
    }
}

/// The values of the `class` (each name) and `id` attributes.
fn class_and_id(attrs: &str) -> impl Iterator<Item = &str> {
    let class = attr(attrs, "class").unwrap_or("");
    let id = attr(attrs, "id").unwrap_or("");
    class.split_ascii_whitespace().chain(id.split_ascii_whitespace())
}

/// An attribute's value (quoted or bare); names compared ignoring ASCII case.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut k = 0;
    while k + name.len() < b.len() {
        let before_ok = k == 0 || b[k - 1].is_ascii_whitespace();
        if before_ok && b[k..k + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let rest = attrs[k + name.len()..].trim_start();
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                return Some(match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                    _ => v.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
                });
            }
        }
        k += 1;
    }
    None
}

/// Says whether the page was written by Word or WPS ("Save as Web Page"): its `<html>` tag
/// declares Office's namespaces, or it names its Word ProgId.
pub(super) fn is_word_html(html: &str) -> bool {
    let head = html.get(..html.len().min(8192)).unwrap_or_else(|| {
        let mut end = html.len().min(8192);
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        &html[..end]
    });
    let lower = head.to_ascii_lowercase();
    lower.contains("urn:schemas-microsoft-com:office:word") || lower.contains("word.document")
}

/// The paragraphs of the article (all of them when no container can be told apart).
pub(super) fn select(page: Page) -> Vec<Paragraph> {
    let Page { paras, sizes, h1, nodes, word } = page;
    let n = paras.len().min(sizes.len());
    let mut pre = Vec::with_capacity(n + 1);
    pre.push(0usize);
    for &(c, _) in &sizes[..n] {
        pre.push(pre.last().copied().unwrap_or(0) + c);
    }
    let total = pre[n];
    if word || total == 0 {
        return paras;
    }
    let range = |nd: &Node| (nd.first.min(n), nd.end.min(n));
    // Every container the CMS names as the article (a page may hold the text and its 附件
    // table in two), nested ones merged, when together they hold a third of the page.
    let hinted = || {
        let mut ranges: Vec<(usize, usize)> =
            nodes.iter().filter(|nd| nd.hint).map(range).filter(|&(a, b)| a < b).collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a < last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let kept: usize = merged.iter().map(|&(a, b)| pre[b] - pre[a]).sum();
        (kept * 3 >= total && kept > 0).then_some(merged)
    };
    // The <article> or <main> with the most text, when it holds half the page.
    let semantic = || {
        let mut found: Option<((usize, usize), usize)> = None;
        for nd in nodes.iter().filter(|nd| nd.semantic) {
            let (a, b) = range(nd);
            let c = if a < b { pre[b] - pre[a] } else { 0 };
            if c * 2 >= total && found.is_none_or(|(_, fc)| c > fc) {
                found = Some(((a, b), c));
            }
        }
        found.map(|(r, _)| vec![r])
    };
    // The innermost container of the article's prose: long paragraphs, not lists of links.
    let prose = || {
        let long: Vec<usize> = (0..n).filter(|&i| sizes[i].0 >= LONG && sizes[i].1 * 2 < sizes[i].0).collect();
        let (&lo, &hi) = (long.first()?, long.last()?);
        if long.len() < 2 {
            return None;
        }
        let inner = nodes.iter().map(range).filter(|&(a, b)| a <= lo && b > hi).min_by_key(|&(a, b)| b - a)?;
        let kept = pre[inner.1] - pre[inner.0];
        ((total - kept) * 2 <= kept).then(|| vec![inner])
    };
    let Some(ranges) = hinted().or_else(semantic).or_else(prose) else { return paras };
    let first = ranges.first().map_or(0, |r| r.0);
    if ranges.len() == 1 && first == 0 && ranges[0].1 >= n {
        return paras;
    }
    // The title in an <h1> before the article, when the article does not repeat it.
    let title = h1.iter().rev().find(|&&i| i < first).and_then(|&i| {
        let t = strip_space(&paras[i].text);
        let repeated = ranges
            .iter()
            .flat_map(|&(a, b)| &paras[a..b])
            .take(TITLE_WINDOW)
            .any(|p| strip_space(&p.text).contains(&t));
        (t.chars().count() >= 4 && paras[i].cell.is_none() && !repeated).then_some(i)
    });
    let mut paras = paras;
    let mut out = Vec::new();
    if let Some(i) = title {
        out.push(std::mem::take(&mut paras[i]));
    }
    for (a, b) in ranges {
        out.extend(paras[a..b].iter_mut().map(std::mem::take));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::paragraphs;
    use super::*;

    fn article(html: &str) -> Vec<String> {
        select(super::super::parse(html)).into_iter().map(|p| p.text).collect()
    }

    const PROSE: &str = "为深入贯彻落实省委省政府决策部署，进一步优化营商环境，激发市场主体活力，推动经济社会高质量发展，结合我市实际，制定本方案。";

    #[test]
    fn cms_container_kept_chrome_dropped() {
        let html = format!(
            "<html><body><div class=top><a href=/>首页</a> | <a>政务公开</a></div>\
             <table class=xxgk><tr><td>发布机构:</td><td>某某市人民政府办公室</td></tr><tr><td>文号:<td>某政办发〔2022〕1号</table>\
             <h1 class=title>某某市优化营商环境行动方案</h1><div class=info>来源:某某市人民政府办公室 浏览次数:<span>12</span></div>\
             <div class=\"TRS_Editor\"><div class=Custom_UnionStyle><p align=center>某某市优化营商环境行动方案</p><p>{PROSE}</p>\
             <p>一、总体要求</p><table><tr><td>序号<td>任务</tr></table></div></div>\
             <div class=foot>主办:某某市人民政府办公室 网站标识码:3600000000</div></body></html>"
        );
        assert_eq!(article(&html), ["某某市优化营商环境行动方案", PROSE, "一、总体要求", "序号", "任务"]);
        // All of it is still there for callers who want the page.
        assert!(paragraphs(&html).iter().any(|p| p.text.starts_with("主办")));
    }

    #[test]
    fn h1_title_kept_when_the_article_lacks_it() {
        let html = format!(
            "<body><div class=nav><a>首页</a> &gt; <a>通知公告</a></div><h1>关于印发某某方案的通知</h1>\
             <div id=zoom><p>各县（市、区）人民政府：</p><p>{PROSE}</p></div><div class=share>分享到：<a>微信</a></div></body>"
        );
        assert_eq!(article(&html), ["关于印发某某方案的通知", "各县（市、区）人民政府：", PROSE]);
        // The text and its attachment table in two named containers, a share bar between.
        let two = format!("<body><div class=nav><a>首页</a></div><div class=TRS_Editor><p>{PROSE}</p></div><div class=share>分享到</div><div class=TRS_Editor><p>附件</p><table><tr><td>序号<td>任务</table></div><div class=foot>主办</div></body>");
        assert_eq!(article(&two), [PROSE, "附件", "序号", "任务"]);
    }

    #[test]
    fn prose_container_without_hints() {
        let html = format!(
            "<body><div class=head><ul><li><a>首页</a><li><a>政务公开</a></ul></div>\
             <div class=main><div class=left><a>相关文件</a></div><div class=wz><p>一、目标</p><p>{PROSE}</p><p>二、任务</p><p>{PROSE}</p></div></div>\
             <div class=foot>版权所有 某某市人民政府</div></body>"
        );
        assert_eq!(article(&html), ["一、目标", PROSE, "二、任务", PROSE]);
        // One long paragraph is no evidence of where the article is: the page is kept whole.
        let one = format!("<body><div>首页</div><div><p>{PROSE}</p></div></body>");
        assert_eq!(article(&one).len(), 2);
        // Prose in two sibling containers: their common parent (here the body) keeps all.
        let two = format!("<body><div>首页</div><div><p>{PROSE}</p></div><div><p>{PROSE}</p></div></body>");
        assert_eq!(article(&two).len(), 3);
    }

    #[test]
    fn word_pages_kept_whole() {
        let html = format!(
            "<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body><div class=WordSection1><p>{PROSE}</p><p>{PROSE}</p></div>\
             <div class=WordSection2><table><tr><td>序号<td>任务</table></div></body></html>"
        );
        assert_eq!(article(&html).len(), 4);
    }

    #[test]
    fn containers_in_tag_soup() {
        // Unclosed cells and divs, stray closing tags: never fails, still finds the article.
        let html = format!(
            "<table><tr><td>首页<td><div class=trs_editor><p>{PROSE}<p>{PROSE}</td></tr></table></div></div><div>尾"
        );
        assert_eq!(article(&html), [PROSE, PROSE]);
        let deep = "<div>".repeat(1000) + "x";
        assert_eq!(article(&deep), ["x"]);
        assert_eq!(attr("class='a b' id=zoom", "id"), Some("zoom"));
        assert_eq!(attr("data-id=x", "id"), None);
    }
}
