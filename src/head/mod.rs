//! The document's head and signature: the covering notice (通知) fields and the plan title.
//!
//! A plan usually comes wrapped in a notice: 发文机关 + 关于印发……的通知 (subject), 文号 (document
//! number), 主送 (addressees, the line ending with ：), the notice body, the signature (落款: organ
//! and 成文日期), sometimes 附件： (attachment list), then the plan's own title and its body.
//! Scraped texts add site chrome and metadata blocks (索引号/发文机关/文号…); they are read as a
//! fallback, the document's own text is preferred.
//!
//! Each field has its own scanner ([`doc_number`], [`signature`], [`notice`], [`title`]); this
//! module wires them together. Everything works on byte offsets into the cleaned text, looks only at
//! the head (before `body_start`) except the signature of a notice whose own requirements are
//! numbered, and never panics on any input.

pub mod doc_number;
pub mod flat;
pub mod label;
pub mod masthead;
pub mod notice;
pub mod organs;
pub mod signature;
pub mod title;
pub mod title_marks;

use crate::chars::{is_close_bracket, is_open_bracket, strip_space};
use crate::model::Notice;

/// What the head of a document says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    /// The plan's own title (whitespace removed), None if the text has none.
    pub title: Option<String>,
    /// The covering notice, or the document's own head/signature when it is itself the official
    /// text (an 意见 with its own 文号, 主送, signature); None when the text has neither.
    pub notice: Option<Notice>,
    /// Byte range of the notice's 附件： list (e.g. "附件：1.XXX清单 2.YYY表"), so the structure
    /// parser does not take "1." "2." there for items.
    pub attachment_list: Option<(usize, usize)>,
}

/// Reads the head of `text`: notice fields and plan title.
///
/// `text`: the cleaned document text; `body_start`: byte offset where the first numbered item of
/// the body starts (text.len() when there is none).
pub fn extract_head(text: &str, body_start: usize) -> Head {
    let body_start = floor_boundary(text, body_start.min(text.len()));
    let lines = flat::split(text, lines(text), body_start);
    let meta = notice::metadata(&text[..body_start]);

    let mut subject = notice::find_subject(text, &lines, body_start);
    let after_subject = subject.as_ref().map_or(0, |s| s.end);
    let addressees = notice::find_addressees(text, &lines, after_subject, body_start);
    // The head proper ends where the addressees start: a 文号 after that is a cited one.
    let head_end = addressees.as_ref().map_or(body_start, |a| a.start);
    let doc_number = doc_number::find(text, &lines, head_end).map(|f| f.value).or_else(|| meta.doc_number.clone());

    // The document's own title line makes an official head only with a 文号 or 主送.
    if subject.as_ref().is_some_and(|s| s.own_text) && doc_number.is_none() && addressees.is_none() {
        subject = None;
    }
    let sig_from = addressees.as_ref().map_or(after_subject, |a| a.end);
    let sig = signature::find(text, &lines, sig_from, body_start, addressees.is_some());
    let date = sig.as_ref().and_then(|s| s.date.clone());
    let date =
        date.or_else(|| signature::heading_date(text, &lines, after_subject, head_end)).or_else(|| meta.date.clone());

    let signers = sig.as_ref().map(|s| s.signers.as_slice()).unwrap_or_default();
    let head_issuers = subject.as_ref().map(|s| trim_to_signers(&s.issuers, signers)).unwrap_or_default();
    // A joint notice whose subject line names only its first issuer: the signature lists them all.
    let signature_lists_more = signers.len() > head_issuers.len() && head_issuers.iter().all(|h| signers.contains(h));
    let mut issuers = if !head_issuers.is_empty() && !signature_lists_more {
        head_issuers
    } else if !head_issuers.is_empty() {
        signers.to_vec()
    } else if let Some(s) = sig.as_ref().filter(|s| !s.signers.is_empty()) {
        s.signers.clone()
    } else {
        meta.issuer.iter().cloned().collect()
    };
    // A flattened head prints the 发文机关标志 and the subject's own issuers side by side: the
    // same organ is never an issuer twice.
    let mut seen = std::collections::HashSet::new();
    issuers.retain(|x| seen.insert(x.clone()));
    let masthead = masthead::find(text, &lines, head_end);
    let from_heading = subject.as_ref().is_some_and(|s| !s.issuers.is_empty());
    let issuers = masthead::settle(issuers, masthead.as_deref(), doc_number.as_deref(), from_heading);

    let attachments = notice::attachment_list(text, &lines);
    let has_notice = subject.is_some()
        || doc_number.is_some()
        || addressees.is_some()
        || sig.as_ref().is_some_and(|s| s.date.is_some() && !s.signers.is_empty());
    let notice_end = sig.as_ref().map(|s| s.end);

    let title = title::find(
        text,
        &lines,
        body_start,
        notice_end,
        subject.as_ref().map(|s| s.value.as_str()),
        subject.as_ref().map(|s| s.end),
        addressees.as_ref().map_or(0, |a| a.end),
    );

    let title = match subject.as_ref().filter(|s| !notice::issues_a_document(&s.value)) {
        // A document issued directly (an 意见 or a 通知 that issues nothing): its title is its
        // heading as printed, issuers included, unless a plan's own title line follows the heading.
        // Unless its body issues the one document it lists as 附件 ("现将…方案印发给你们").
        Some(_) if issued_attachment(text, sig_from, body_start, attachments.as_ref()).is_some() => {
            issued_attachment(text, sig_from, body_start, attachments.as_ref())
        }
        Some(s) if title.as_ref().and_then(|t| t.start).is_none_or(|at| at < s.end) => {
            Some(strip_space(&text[s.heading_start..s.end]))
        }
        _ => title.map(|t| t.text),
    };
    let notice = has_notice.then(|| Notice {
        subject: subject.map(|s| s.value),
        issuers,
        doc_number,
        addressees: addressees.map(|a| a.parts).unwrap_or_default(),
        date,
        attachments: attachments.as_ref().map(|a| a.titles.clone()).unwrap_or_default(),
    });
    Head { title, notice, attachment_list: attachments.map(|a| (a.start, a.end)) }
}

/// The one attachment a notice lists, when its body says it issues it (印发给你们) although its
/// subject does not say 印发: that attachment is the plan.
fn issued_attachment(
    text: &str,
    from: usize,
    body_start: usize,
    list: Option<&notice::AttachmentList>,
) -> Option<String> {
    let [one] = list?.titles.as_slice() else { return None };
    // A title ends with a plan kind; a list item that runs on is no title.
    if title::title_in(one) != Some(one.len()) {
        return None;
    }
    let body = &text[floor_boundary(text, from.min(body_start))..body_start];
    ["印发给你们", "印發給你們", "印发你们", "印发给各"].iter().any(|w| body.contains(w)).then(|| one.clone())
}

/// One line of the text: `[start, end)` without the line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The lines of `text` with their byte ranges (`\n`, `\r\n` and `\r` end a line).
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    // A newline is one byte in UTF-8 and never part of another character: search the bytes.
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
        out.push(Line { start, end });
        start = i + 1;
    }
    out.push(Line { start, end: text.len() });
    out
}

/// Largest char boundary `<= i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True when every bracket of `s` is closed within it (no nesting check needed for our uses).
pub fn balanced(s: &str) -> bool {
    let mut depth: i32 = 0;
    for c in s.chars() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
    }
    depth == 0
}

/// Removes pinyin glued after a character by some converters: "印發(fā)" → "印發".
pub fn drop_pinyin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(')') {
            Some(j) if j > 0 && after[..j].chars().all(is_pinyin_letter) => rest = &after[j + 1..],
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// Plan kinds no organ's name holds (规划, 计划 and 办法 do: 规划和自然资源局, 发展计划委员会).
const NOT_IN_ORGANS: [&str; 10] =
    ["方案", "意见", "意見", "要点", "要點", "细则", "細則", "分解表", "分工表", "任务清单"];

/// The subject line's issuers, each cut to the signer it ends with when more stands before that
/// signer: a page that glued its own words to the heading ("部门规划株洲市人民政府关于…",
/// "请慎用天津市西青区人民政府办公室关于…") signs with the name alone. An organ's name never holds
/// the plan kinds of [`NOT_IN_ORGANS`]: a page title glued before it ("…提升三年行动实施方案银川市
/// 人民政府办公室") is cut after its last one.
fn trim_to_signers(issuers: &[String], signers: &[String]) -> Vec<String> {
    let kinds = NOT_IN_ORGANS;
    let cut = |i: &String| {
        let s = signers.iter().filter(|s| s.chars().count() >= 3 && i.len() > s.len() && i.ends_with(s.as_str()));
        if let Some(s) = s.max_by_key(|s| s.len()) {
            return s.clone();
        }
        let after_kind = kinds.iter().filter_map(|k| i.rfind(k).map(|p| p + k.len())).max();
        match after_kind.filter(|&p| i[p..].chars().count() >= 3) {
            Some(p) => i[p..].to_string(),
            None => i.clone(),
        }
    };
    issuers.iter().map(cut).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_helpers() {
        let t = "甲\r\n乙\n\n丙";
        let ls = lines(t);
        assert_eq!(ls.len(), 4);
        assert_eq!(ls[0].text(t), "甲");
        assert_eq!(ls[3].text(t), "丙");
        assert_eq!(crate::chars::strip_space(" 国办函\u{3000}〔2018〕\u{a0}71号 "), "国办函〔2018〕71号");
        assert_eq!(drop_pinyin("關于印發(fā)2023年(試行)"), "關于印發2023年(試行)");
        assert!(balanced("关于贯彻《条例》"));
        assert!(!balanced("《宝鸡市2022年深化改革工作安排"));
        assert_eq!(floor_boundary("中文", 1), 0);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "\n", "关于", "附件：", "一、", "2023年", "〔2023〕号", "201825", "：\n：", "关于印发的通知"]
        {
            for b in 0..=t.len() + 2 {
                let _ = extract_head(t, b);
            }
        }
    }

    #[test]
    fn whole_notice() {
        let t = "国务院办公厅关于印发《政府网站集约化\n试点工作方案》的通知\n国办函〔2018〕71号\n\
                 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
                 《政府网站集约化试点工作方案》已经国务院领导同志同意，现印发给你们，请认真贯彻执行。\n\
                 国务院办公厅\n2018年10月27日\n（此件公开发布）\n政府网站集约化试点工作方案\n\
                 为贯彻落实……，制定以下方案。\n一、总体要求\n";
        let body = t.find("一、").unwrap();
        let h = extract_head(t, body);
        assert_eq!(h.title.as_deref(), Some("政府网站集约化试点工作方案"));
        let n = h.notice.unwrap();
        assert_eq!(n.subject.as_deref(), Some("关于印发《政府网站集约化试点工作方案》的通知"));
        assert_eq!(n.issuers, vec!["国务院办公厅"]);
        assert_eq!(n.doc_number.as_deref(), Some("国办函〔2018〕71号"));
        assert_eq!(n.addressees, vec!["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]);
        assert_eq!(n.date.as_deref(), Some("2018-10-27"));
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    /// An 意见 that is itself the official text: own head, 文号, 主送 and signature.
    #[test]
    fn own_official_text() {
        let t = "XX市人民政府关于加快发展数字经济的实施意见\nX政发〔2023〕5号\n各县区人民政府，市直各部门：\n\
                 为加快发展数字经济，现提出如下意见。\n一、总体要求\n……\nXX市人民政府\n二〇二三年五月十日\n";
        let h = extract_head(t, t.find("一、").unwrap());
        // Issued directly: the title is the heading as printed, issuer included (issue 11).
        assert_eq!(h.title.as_deref(), Some("XX市人民政府关于加快发展数字经济的实施意见"));
        let n = h.notice.unwrap();
        assert_eq!(n.subject.as_deref(), Some("关于加快发展数字经济的实施意见"));
        assert_eq!(n.issuers, vec!["XX市人民政府"]);
        assert_eq!(n.doc_number.as_deref(), Some("X政发〔2023〕5号"));
        assert_eq!(n.addressees, vec!["各县区人民政府", "市直各部门"]);
    }

    /// A plan without any notice: no notice, even with 关于 in its title.
    #[test]
    fn plan_alone() {
        let t = "关于推进人才集聚工程的实施意见\n\n为深入贯彻……，提出以下实施意见。\n一、总体目标\n";
        let h = extract_head(t, t.find("一、").unwrap());
        assert_eq!(h.title.as_deref(), Some("关于推进人才集聚工程的实施意见"));
        assert!(h.notice.is_none());
    }

    /// The joint 办公室 form without 关于: "A办公室 B办公室印发《X》的通知", then the plan's title
    /// over two lines right after it.
    #[test]
    fn joint_subject_without_about() {
        let t = "中共静安区委办公室 静安区人民政府办公室印发《静安区加快建设“国际静安”三年行动计划(2018—2020年)》的通知\n\
                 静安区全力打响品牌\n加快建设“国际静安”三年行动计划\n(2018—2020年)\n为贯彻落实……，特制定本行动计划。\n一、总体要求\n";
        let h = extract_head(t, t.find("一、").unwrap());
        let n = h.notice.unwrap();
        assert_eq!(n.subject.as_deref(), Some("印发《静安区加快建设“国际静安”三年行动计划(2018—2020年)》的通知"));
        assert_eq!(n.issuers, vec!["中共静安区委办公室", "静安区人民政府办公室"]);
        assert_eq!(h.title.as_deref(), Some("静安区全力打响品牌加快建设“国际静安”三年行动计划(2018—2020年)"));
        // "现将《X》印发" in a sentence is no subject.
        let t = "各区县：\n现将《XX方案》印发给你们的通知精神转达。\n一、总体要求\n";
        assert!(extract_head(t, t.find("一、").unwrap()).notice.is_none_or(|n| n.subject.is_none()));
    }

    /// A notice page without the plan it issues: the title is the document the subject names,
    /// not a page label before it nor a sentence of the notice that ends in 计划.
    #[test]
    fn notice_only_page_takes_the_named_title() {
        let t = "类型: 实施意见\n上海市宝山区人民政府办公室关于转发区大居推进办制订的《宝山区三年行动计划（2021—2023年）》的通知\n\
                 各镇人民政府，各街道办事处：\n区大居推进办制订的《宝山区三年行动计划（2021—2023年）》已经区政府同意，现转发给你们。\n\
                 具体项目实施以当年政府投资计划为准。\n上海市宝山区人民政府办公室\n2021年6月17日\n";
        let h = extract_head(t, t.len());
        assert_eq!(h.title.as_deref(), Some("宝山区三年行动计划（2021—2023年）"));
    }

    /// Joint notices: many organs signed two to a line and glued ("…教育局黄浦区文化和旅游局"),
    /// and a subject line that names only the first issuer while the signature lists both.
    #[test]
    fn many_joint_signers() {
        let t = "关于印发《黄浦区行动方案》的通知\n区政府各委、办、局：\n现将《黄浦区行动方案》印发给你们。\n\
                 黄浦区发展和改革委员会黄浦区建设和管理委员会\n黄浦区规划和自然资源局黄浦区住房保障和房屋管理局\n\
                 黄浦区机关事务管理局黄浦区国有资产监督管理委员会\n黄浦区商务委员会黄浦区卫生健康委员会\n\
                 黄浦区教育局黄浦区文化和旅游局\n黄浦区投资促进办公室\n2025年2月24日\n黄浦区行动方案\n一、主要任务\n";
        let n = extract_head(t, t.find("一、").unwrap()).notice.unwrap();
        assert_eq!(n.issuers.len(), 11);
        assert_eq!(n.issuers[8..], ["黄浦区教育局", "黄浦区文化和旅游局", "黄浦区投资促进办公室"]);
        let t = "上海市奉贤区水务局关于印发《治理工作方案》的通知\n各镇人民政府：\n现印发，请认真组织实施。\n\
                 上海市奉贤区水务局               上海市奉贤区财政局\n2024年6月14日\n";
        let n = extract_head(t, t.len()).notice.unwrap();
        assert_eq!(n.issuers, ["上海市奉贤区水务局", "上海市奉贤区财政局"]);
    }

    /// Joint signers on one line, date glued to （此件公开发布）, attachment list before the signature.
    #[test]
    fn joint_signers_and_attachments() {
        let t = "省发展改革委 省财政厅关于印发《XX行动计划》的通知\n各市发展改革委、财政局：\n现将《XX行动计划》印发给你们。\n\
                 附件：1.任务清单\n2.责任分工表\n省发展改革委    省财政厅\n2023年6月1日（此件公开发布）\nXX行动计划\n一、总体要求\n";
        let h = extract_head(t, t.find("一、").unwrap());
        let n = h.notice.unwrap();
        assert_eq!(n.issuers, vec!["省发展改革委", "省财政厅"]);
        assert_eq!(n.date.as_deref(), Some("2023-06-01"));
        assert_eq!(n.attachments, vec!["任务清单", "责任分工表"]);
        assert_eq!(h.title.as_deref(), Some("XX行动计划"));
        let (a, b) = h.attachment_list.unwrap();
        assert!(t[a..b].starts_with("附件") && t[a..b].ends_with("责任分工表"));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text built from the characters the scanners react to, any body offset: no panic.
        #[test]
        fn never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
            "关于", "印发", "的通知", "《", "》", "〔2023〕", "12号", "2023年", "5月", "10日", " ", "\n",
            "：", ",", "。", "人民政府", "办公室", "各县区", "附件：", "1.", "实施方案", "(2024—2026年)",
            "(fā)", "一、", "201825", "二〇二三年", "|", "中共", "XX", "（此件公开发布）", "签发人",
        ]), 0..60), cut in 0usize..400) {
            let t: String = parts.concat();
            let h = extract_head(&t, cut);
            if let Some((a, b)) = h.attachment_list {
                prop_assert!(a <= b && b <= t.len());
            }
        }
    }

    #[test]
    fn long_line_is_fast() {
        let t = "方案".repeat(50_000) + &"关于".repeat(20_000) + "一、";
        let start = std::time::Instant::now();
        let _ = extract_head(&t, t.len() - "一、".len());
        assert!(start.elapsed().as_secs() < 5);
    }
}

#[cfg(test)]
mod flattened {
    use super::*;

    fn head(t: &str) -> (Head, Notice) {
        let h = extract_head(t, t.find("一、").unwrap_or(t.len()));
        let n = h.notice.clone().expect("a notice");
        (h, n)
    }

    /// Joint notice, 标志 then a glued 文号, the subject repeating the issuers, glued 主送.
    #[test]
    fn joint_notice_on_one_line() {
        let t = "页面导航\n中共甲县委办公室 甲县人民政府办公室甲办发〔2023〕12号中共甲县委办公室甲县人民政府办公室关于印发甲县乡村振兴示范创建工作方案的通知各乡镇党委、政府,县直各单位:经县委、县政府同意,现印发给你们,请认真抓好落实。中共甲县委办公室 甲县人民政府办公室 2023年8月2日甲县乡村振兴示范创建工作方案 一、工作目标 到2025年……";
        let (h, n) = head(t);
        assert_eq!(n.doc_number.as_deref(), Some("甲办发〔2023〕12号"));
        assert_eq!(n.issuers, vec!["中共甲县委办公室", "甲县人民政府办公室"]);
        assert_eq!(n.subject.as_deref(), Some("关于印发甲县乡村振兴示范创建工作方案的通知"));
        assert_eq!(n.addressees, vec!["各乡镇党委、政府", "县直各单位"]);
        assert_eq!(n.date.as_deref(), Some("2023-08-02"));
        assert_eq!(h.title.as_deref(), Some("甲县乡村振兴示范创建工作方案"));
    }

    /// One issuer, the 文号 in brackets after the subject, a cited 文号 in the notice body,
    /// （此件公开发布） after the date and a year range after the title.
    #[test]
    fn single_issuer_number_after_subject() {
        let t = "乙市人民政府关于印发乙市数字政府建设行动计划的通知（乙政发〔2024〕3号） 各县区人民政府，市政府各部门： 根据《丙省数字政府建设方案》（丙政发〔2022〕9号），现将行动计划印发给你们。 乙市人民政府 2024年2月6日（此件公开发布） 乙市数字政府建设行动计划（2024—2026年） 一、总体要求";
        let (h, n) = head(t);
        assert_eq!(n.doc_number.as_deref(), Some("乙政发〔2024〕3号"));
        assert_eq!(n.issuers, vec!["乙市人民政府"]);
        assert_eq!(n.addressees, vec!["各县区人民政府", "市政府各部门"]);
        assert_eq!(n.date.as_deref(), Some("2024-02-06"));
        assert_eq!(h.title.as_deref(), Some("乙市数字政府建设行动计划（2024—2026年）"));
    }

    /// The subject without issuers: they come from the signature; a date in Chinese numerals.
    #[test]
    fn issuers_from_the_signature() {
        let t = "丁县人民政府办公室 丁府办字〔2021〕40号 关于印发丁县河道保洁工作方案的通知 各乡镇人民政府，县直有关单位： 现将方案印发给你们，请遵照执行。 丁县人民政府办公室 二〇二一年六月九日 丁县河道保洁工作方案 一、保洁范围";
        let (h, n) = head(t);
        assert_eq!(n.doc_number.as_deref(), Some("丁府办字〔2021〕40号"));
        assert_eq!(n.issuers, vec!["丁县人民政府办公室"]);
        assert_eq!(n.date.as_deref(), Some("2021-06-09"));
        assert_eq!(h.title.as_deref(), Some("丁县河道保洁工作方案"));
    }

    /// A page's words glued before the subject line's issuer: cut to the signer's name, or after
    /// a plan kind (a page title); names that hold 规划 or 计划 are left whole.
    #[test]
    fn page_words_glued_before_the_issuer() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            trim_to_signers(&s(&["请慎用天津市西青区人民政府办公室"]), &s(&["天津市西青区人民政府办公室"])),
            s(&["天津市西青区人民政府办公室"])
        );
        assert_eq!(
            trim_to_signers(&s(&["提升三年行动实施方案银川市人民政府办公室"]), &[]),
            s(&["银川市人民政府办公室"])
        );
        for whole in ["甲市规划和自然资源局", "国家发展计划委员会", "甲县人民政府办公室"] {
            assert_eq!(trim_to_signers(&s(&[whole]), &s(&["甲县人民政府办公室"])), s(&[whole]));
        }
    }
}

#[cfg(test)]
mod flattened_own_text {
    use super::*;

    /// An 意见 that is itself the official text, flattened: own title, 文号 and 主送 on one line,
    /// the signature after the body.
    #[test]
    fn own_official_text_on_one_line() {
        let t = "戊市人民政府关于促进民营经济发展的实施意见 戊政发〔2022〕8号 各区县人民政府，市直各部门：为促进民营经济发展，现提出如下意见。 一、总体要求 ……。 戊市人民政府 2022年9月1日";
        let h = extract_head(t, t.find("一、").unwrap());
        assert_eq!(h.title.as_deref(), Some("戊市人民政府关于促进民营经济发展的实施意见"));
        let n = h.notice.unwrap();
        assert_eq!(n.subject.as_deref(), Some("关于促进民营经济发展的实施意见"));
        assert_eq!(n.doc_number.as_deref(), Some("戊政发〔2022〕8号"));
        assert_eq!(n.issuers, vec!["戊市人民政府"]);
        assert_eq!(n.addressees, vec!["各区县人民政府", "市直各部门"]);
        assert_eq!(n.date.as_deref(), Some("2022-09-01"));
    }
}
