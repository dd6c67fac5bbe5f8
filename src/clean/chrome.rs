//! Site chrome: whole lines that belong to a web page or a document viewer, not to the document
//! (grammar/chrome.txt), and the page counters that document-sharing viewers prepend ("2、").

use super::Edit;
use crate::grammar::data;
use crate::grammar::gated::{Gated, GatedSet};
use crate::grammar::pattern::Pattern;
use std::collections::HashMap;
use std::sync::OnceLock;

/// All patterns (compiled on the first line that holds one of their words), and the indices of
/// those that say the text was cut short.
fn patterns() -> &'static (GatedSet, Vec<bool>) {
    static SET: OnceLock<(GatedSet, Vec<bool>)> = OnceLock::new();
    SET.get_or_init(|| {
        let list = data::list("chrome");
        let cut = list.iter().map(|p| p.starts_with('!')).collect();
        let whole: Vec<String> = list.iter().map(|p| format!("^(?:{})$", p.trim_start_matches('!'))).collect();
        // Anchored at the line's start: a line that starts with none of a pattern's first
        // characters is no match of it.
        let set = GatedSet::new(&whole, data::required_words("chrome"), data::first_chars("chrome"));
        (set, cut)
    })
}

/// What a line is, as chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chrome {
    /// Not chrome: text of the document.
    No,
    /// Chrome to drop.
    Yes,
    /// Chrome that also says the document was cut short ("仅展示665字,全文共3671字").
    CutShort,
}

/// Classifies a whole line.
pub(crate) fn chrome_line(line: &str) -> Chrome {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if info_line(t) {
        return Chrome::Yes;
    }
    if t.is_empty() || t.chars().count() > 120 {
        return Chrome::No;
    }
    // The patterns are written in simplified characters: a page in traditional ones ("下載文檔",
    // "溫馨提示") is read in its simplified form.
    let folded = crate::grammar::data::simplified_text(t);
    let t = folded.as_ref();
    let (set, cut) = patterns();
    let matches = set.matches(t);
    if matches.is_empty() {
        Chrome::No
    } else if matches.iter().any(|&i| cut[i]) {
        Chrome::CutShort
    } else {
        Chrome::Yes
    }
}

/// A web page's source line, "来源：X  发布时间：Y  浏览次数：N", at any length (a site may fill its
/// fields with any text, a printout sets them on one line): it opens with a source or date label
/// and closes with the view counter, which no sentence of a document does.
fn info_line(t: &str) -> bool {
    t.len() <= 3000
        && (t.starts_with("来源") || t.starts_with("來源") || t.starts_with("发布") || t.starts_with("發布"))
        && info_re().is_match(t)
}

fn info_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"^(来源|來源|发布时间|發布時間|发布日期|發布日期)\s*[:：].*(浏览次数|瀏覽次數|浏览量|瀏覽量|阅读量|閱讀量|访问量|訪問量)\s*[:：]\s*[0-9０-９]*\s*次?$",
        )
    })
}

/// The patterns of chrome inside a line (grammar/chrome_inline.txt) behind their words.
fn inline_re() -> &'static Gated {
    static RE: OnceLock<Gated> = OnceLock::new();
    RE.get_or_init(|| {
        let alts: Vec<String> = data::list("chrome_inline").iter().map(|p| format!("(?:{p})")).collect();
        // An alternation requires one of its branches' words, if every branch has some.
        let words: Option<Vec<&str>> =
            data::required_words("chrome_inline").iter().try_fold(Vec::new(), |mut all: Vec<&str>, w| {
                all.extend(w.as_ref()?.iter());
                Some(all)
            });
        Gated::new(&alts.join("|"), words.as_deref())
    })
}

/// The starts of the lines of `src` that may hold chrome inside them: those with a word of the
/// patterns. Most texts have none, and then nothing is compiled or searched; one search of the
/// whole text for the words spares a scan of every line.
pub(crate) fn inline_chrome_lines(src: &str) -> Vec<usize> {
    inline_re().lines_with_words(src).into_iter().map(|(at, _)| at).collect()
}

/// Chrome inside a line (grammar/chrome_inline.txt): a page's font-size switch, a site footer
/// glued after the last sentence. The ranges to remove, for a line [`inline_chrome_lines`] named.
pub(crate) fn inline_chrome(line: &str) -> Vec<Edit> {
    inline_re().get().find_iter(line).map(|m| Edit { start: m.start(), end: m.end(), with: "" }).collect()
}

#[cfg(test)]
fn is_chrome_line(line: &str) -> bool {
    chrome_line(line) != Chrome::No
}

/// Viewer page counters: lines starting "1、" "2、" "3、" … in sequence, where every counter after the
/// first cuts a sentence in two (the previous line ends without punctuation). Real items of the
/// "1、" style follow a finished sentence, so they never form such a sequence. When no line
/// starts with one, the counters inside a flattened line ([`inline_viewer_counters`]). Returns,
/// by line number (0-based), where each counter to remove starts in its line and its length.
/// Lines `page_own` names (the page's chrome, its copy of a title) are the page's, not the
/// document's: they are passed over.
pub(crate) fn viewer_counters(src: &str, page_own: impl Fn(usize) -> bool) -> HashMap<usize, Vec<(usize, usize)>> {
    let mut found: Vec<(usize, u32, usize, bool)> = Vec::new(); // line, number, len, continues
    let mut prev_end: Option<char> = None;
    for (no, line) in crate::lines::split(src).enumerate().filter(|&(no, _)| !page_own(no)) {
        let t = line.trim_start();
        if let Some((n, len)) = counter_at(t) {
            let continues = prev_end.is_some_and(|c| crate::chars::is_han(c) || c.is_ascii_alphanumeric());
            found.push((no, n, len, continues));
        }
        if let Some(c) = line.trim_end().chars().last() {
            prev_end = Some(c);
        }
    }
    let seq_ok = found.len() >= 2
        && found.iter().enumerate().all(|(i, f)| f.1 == i as u32 + 1)
        && found.iter().skip(1).all(|f| f.3);
    if !seq_ok {
        // A flattened text has one line: its first counter may open it, the rest are inside.
        return if found.len() <= 1 {
            // After spaces first; failing that, glued to the text (lines joined with nothing).
            Some(inline_viewer_counters(src, false, &page_own))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| inline_viewer_counters(src, true, &page_own))
        } else {
            HashMap::new()
        };
    }
    let lines = crate::lines::split(src).collect::<Vec<_>>();
    found.into_iter().map(|f| (f.0, vec![(lines[f.0].len() - lines[f.0].trim_start().len(), f.2)])).collect()
}

/// A counter "N、" opening `t` (half- or full-width digits, "２、"): its number and byte length.
fn counter_at(t: &str) -> Option<(u32, usize)> {
    let digits: usize = t.chars().take_while(|&c| crate::chars::is_digit(c)).take(5).map(char::len_utf8).sum();
    let n = t[..digits].chars().count();
    if n == 0 || n > 4 || !t[digits..].starts_with('、') {
        return None;
    }
    Some((crate::grammar::numerals::parse_digits(&t[..digits])?, digits + '、'.len_utf8()))
}

/// The byte length of the digits (half- or full-width) that end `s`.
fn digits_before(s: &str) -> usize {
    s.chars().rev().take_while(|&c| crate::chars::is_digit(c)).map(char::len_utf8).sum()
}

/// Fewest bytes between two viewer counters inside a line: each stands at the top of a page of
/// text (200 ideographs and more).
const COUNTER_GAP: usize = 600;

/// Viewer page counters inside lines (a flattened text: "……坚决禁用高度 2、高残农药……"): every "N、"
/// after a space or at a line's start, in sequence from 1, each after the first cutting a
/// sentence (a letter or ideograph before the space) and a page apart from the one before. Any
/// other "N、" after a space (a list of the text's own) breaks the sequence, and then nothing is
/// removed. Found from the 、 (memchr), so a text without counters costs one quick pass. With
/// `glued`, a counter may follow any character but a digit ("……坚决禁用高度2、高残农药……").
fn inline_viewer_counters(
    src: &str,
    glued: bool,
    page_own: impl Fn(usize) -> bool,
) -> HashMap<usize, Vec<(usize, usize)>> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // line, start in the line, len
    let mut last: Option<usize> = None; // where the last counter starts in src
    let mut lines = LineOf::default();
    for at in memchr::memmem::find_iter(src.as_bytes(), "、") {
        let digits = digits_before(&src[..at]);
        let start = at - digits;
        let before = src[..start].chars().next_back();
        if digits == 0 || !(glued || before.is_none_or(char::is_whitespace)) {
            continue;
        }
        let (line_no, line_start) = lines.of(src, start);
        if page_own(line_no) {
            continue;
        }
        let Some((n, len)) = counter_at(&src[start..]) else { return HashMap::new() };
        let solid = src[..start].trim_end().chars().next_back();
        let cuts = solid.is_some_and(|p| crate::chars::is_han(p) || p.is_ascii_alphanumeric());
        let far = last.is_none_or(|s| start - s >= COUNTER_GAP);
        if n as usize != found.len() + 1 || !far || (!found.is_empty() && !cuts) {
            return HashMap::new();
        }
        found.push((line_no, start - line_start, len));
        last = Some(start);
    }
    let mut out: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    if found.len() >= 2 {
        for (line_no, start, len) in found {
            out.entry(line_no).or_default().push((start, len));
        }
    }
    out
}

/// The line that holds a byte offset, for offsets asked in increasing order: the line breaks
/// are counted once, from the last offset asked.
#[derive(Default)]
struct LineOf {
    line_no: usize,
    line_start: usize,
}

impl LineOf {
    /// The line number (0-based) and start of the line holding `at`.
    fn of(&mut self, src: &str, at: usize) -> (usize, usize) {
        let mut breaks = memchr::memchr_iter(b'\n', &src.as_bytes()[self.line_start..at]);
        if let Some(last) = breaks.next_back() {
            self.line_no += breaks.count() + 1;
            self.line_start += last + 1;
        }
        (self.line_no, self.line_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for l in [
            "分享",
            "下载文档",
            "大小:59KB",
            "网站客服:3074922707",
            "VIP专免",
            "999+",
            "59.45KB",
            "35 页",
            "仅展示665字,全文共3671字",
            "|||||||||",
            "浏览次数:次",
            "- 配套讲稿:",
            // A download site's page in traditional characters.
            "下載文檔",
            "網站客服:3074922707",
            "来源:阅读量:3126人民政府办公室 发布时间:2、坚持党政领导、部门联动。建立健全以党政领导负责制为核心的责任体系,明确各级河长职责,强化属地为主、部门联动机制,统筹各方力量,落实工作措施,形成一级抓一级、层层抓落实的工作格局。 浏览次数:1344",
        ] {
            assert!(is_chrome_line(l), "{l}");
        }
        assert_eq!(chrome_line("仅展示665字,全文共3671字"), Chrome::CutShort);
        for l in ["一、指导思想", "1.召开发动大会。", "时间安排", "责任单位:县委办"] {
            assert!(!is_chrome_line(l), "{l}");
        }
    }

    #[test]
    fn every_chrome_pattern_has_words_to_gate_it() {
        // A pattern without required words would be compiled for every document (see gated.rs).
        for p in data::list("chrome").iter().chain(data::list("chrome_inline")) {
            assert!(crate::grammar::required::required_words(p.trim_start_matches('!')).is_some(), "{p}");
        }
        // Both engines read every pattern alike (src/grammar/pattern).
        crate::grammar::pattern::verify(info_re().written()).unwrap();
        for p in data::list("chrome").iter().chain(data::list("chrome_inline")) {
            crate::grammar::pattern::verify(&format!("^(?:{})$", p.trim_start_matches('!'))).unwrap();
        }
        // build.rs wrote the first characters of the patterns.
        for (p, f) in data::list("chrome").iter().zip(data::first_chars("chrome")) {
            let found = crate::grammar::required::first_chars(p.trim_start_matches('!'));
            assert_eq!(found.as_deref(), *f, "{p}");
        }
        // build.rs wrote the words the patterns require.
        let written = data::required_words("chrome");
        for (p, w) in data::list("chrome").iter().zip(written) {
            let found = crate::grammar::required::required_words(p.trim_start_matches('!'));
            assert_eq!(found.as_deref(), w.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>()).as_deref());
        }
        assert!(patterns().0.is_gated());
        assert!(is_chrome_line("关怀版 无障碍"));
    }

    #[test]
    fn viewer_counters_need_a_broken_sentence() {
        let doc = "1、乡镇工作要点 坚决禁用高度\n2、高残农药,实现无公害\n3、金建设";
        let c = viewer_counters(doc, |_| false);
        assert_eq!(c.len(), 3);
        let real = "1、召开大会。\n2、做好宣传。";
        assert!(viewer_counters(real, |_| false).is_empty());
        // Full-width digits, as a text typed or converted full-width has them.
        let wide = "１、乡镇工作要点 坚决禁用高度\n２、高残农药,实现无公害\n３、金建设";
        assert_eq!(viewer_counters(wide, |_| false).len(), 3);
        // A printed web page's copy of a line as its title, above the text: the page's own line.
        let page = format!("当前位置:首页\n3、金建设\n来源:本站\n{doc}");
        assert!(viewer_counters(&page, |_| false).is_empty());
        assert_eq!(viewer_counters(&page, |n| n < 3).len(), 3);
    }

    /// A flattened text: the counters a page apart inside the line, each cutting a sentence.
    #[test]
    fn viewer_counters_inside_a_line() {
        let page = "全年经济社会发展预期目标全乡生产总值达到预期".repeat(10);
        let doc = format!("1、乡镇工作要点 {page}坚决禁用高度 2、高残农药,{page} 3、金建设");
        let c = viewer_counters(&doc, |_| false);
        assert_eq!(c[&0].len(), 3, "{c:?}");
        assert!(doc[c[&0][1].0..].starts_with("2、高残"));
        // Offsets are into the line that holds them.
        let c = viewer_counters(&format!("文库\n{doc}"), |_| false);
        assert_eq!(c[&1], viewer_counters(&doc, |_| false)[&0]);
        // The page's own lines are passed over.
        let c = viewer_counters(&format!("3、金建设\n{doc}"), |n| n == 0);
        assert_eq!(c[&1], viewer_counters(&doc, |_| false)[&0]);
        // Glued to the text, when no counter stands after a space.
        let glued = doc.replace(' ', "");
        assert_eq!(viewer_counters(&glued, |_| false)[&0].len(), 3);
        // The text's own list (after a full stop, or too close together) is left alone.
        for real in [format!("1、召开大会 {page}。 2、做好宣传"), "一、任务 1、召开大会 2、做好宣传".to_string()]
        {
            assert!(viewer_counters(&real, |_| false).is_empty(), "{real}");
        }
    }

    /// What is left of a line once its inline chrome is removed.
    fn without_inline_chrome(line: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for e in inline_chrome(line) {
            out.push_str(&line[at..e.start]);
            at = e.end;
        }
        out + &line[at..]
    }

    /// A page's breadcrumb inside a flattened line, labelled or not, goes up to the space after
    /// its last step; without that space nothing is removed (the title could be glued to it).
    #[test]
    fn breadcrumbs_inside_a_line() {
        let cases = [
            ("当前位置：首页 > 生态环境 关于印发方案的通知", "关于印发方案的通知"),
            ("首页 > 区政府办文件 > 2021年 各镇人民政府,各街道办事处:", "各镇人民政府,各街道办事处:"),
            ("您的位置: 首頁 › 政務公開 關於印發", "關於印發"),
            ("首页>通知公告>关于印发方案的通知", "首页>通知公告>关于印发方案的通知"),
            ("返回首页 各单位:", "返回首页 各单位:"),
        ];
        for (line, left) in cases {
            assert_eq!(without_inline_chrome(line), left, "{line}");
        }
    }
}
