//! The plan's own title: the line before the body that ends with a plan kind (方案, 意见, 要点,
//! 计划… see grammar/plan_kinds.txt), possibly followed by a year range "(2024—2026年)" on the same
//! or the next line, or split over two lines right after the notice. Where the text has no such
//! line, the document named by the notice: 关于印发《X》的通知 → X, 关于印发X的通知 → X, or
//! "现将《X》印发" / "《X》已经……同意" in the notice body.

use super::{drop_pinyin, title_marks, Line};
use crate::chars::{is_close_bracket, is_open_bracket, is_sentence_punct, strip_space};
use crate::grammar::data;
use crate::grammar::words::CharBloom;
use std::sync::OnceLock;

/// The last characters of the plan kinds: a title can only end at one of them, and testing the
/// character spares comparing every kind at every position.
pub(super) fn kind_last_chars() -> &'static [char] {
    static ENDS: OnceLock<Vec<char>> = OnceLock::new();
    ENDS.get_or_init(|| {
        let mut v: Vec<char> = data::list("plan_kinds").iter().filter_map(|k| k.chars().last()).collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// End of a title that opens `seg` (byte offset), or None. The title ends with a plan kind (and
/// an optional year range) followed by the end of the segment, a space, or a preamble opener
/// (the body glued to the title on sharing sites); it has no sentence punctuation and its
/// brackets are closed.
pub fn title_in(seg: &str) -> Option<usize> {
    let kinds = data::list("plan_kinds");
    let kind_ends = kind_last_chars();
    // The last characters of the kinds, as a filter: most characters are passed at once.
    static ENDS: OnceLock<CharBloom> = OnceLock::new();
    let ends = ENDS.get_or_init(|| kind_ends.iter().fold(CharBloom::EMPTY, |b, &c| b.with(c)));
    let openers = data::list("preamble_openers");
    // Counted as we go, so that a long line costs one pass.
    let (mut visible, mut depth, mut broken) = (0usize, 0i32, false);
    for (i, c) in seg.char_indices() {
        if is_sentence_punct(c) {
            return None;
        }
        if !c.is_whitespace() {
            visible += 1;
        }
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth -= 1;
            broken |= depth < 0;
        }
        let end = i + c.len_utf8();
        if visible < 4
            || depth != 0
            || broken
            || !ends.may_hold(c)
            || kind_ends.binary_search(&c).is_err()
            || !kinds.iter().any(|k| seg[..end].ends_with(k))
        {
            continue;
        }
        let end = end + title_marks::tail_len(&seg[end..]).unwrap_or(0);
        let rest = &seg[end..];
        let rest_blank = rest.chars().take_while(|&c| c != '\n').all(char::is_whitespace);
        if rest_blank
            || rest.starts_with(char::is_whitespace)
            || openers.iter().any(|o| rest.starts_with(o))
            || data::list("title_followers").iter().any(|l| rest.starts_with(l))
        {
            return Some(end);
        }
    }
    None
}

/// A title and where its line starts in the text (None when it was read from the notice's
/// subject or body rather than from a title line).
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub text: String,
    pub start: Option<usize>,
}

/// A title found on the lines before the body: the byte range of its text, and the lines it
/// starts and ends on (two when it is broken inside its 《》).
struct Found {
    first_line: usize,
    start: usize,
    end: usize,
    last_line: usize,
}

/// See the module doc. `notice_end`: end of the notice's signature (a title split over two lines
/// is joined only right after it); `subject`: the notice subject; `after_addressees`: where the
/// notice body starts.
pub fn find(
    text: &str,
    lines: &[Line],
    body_start: usize,
    notice_end: Option<usize>,
    subject: Option<&str>,
    subject_end: Option<usize>,
    after_addressees: usize,
) -> Option<Title> {
    let mut best: Option<Found> = None;
    // A notice that names the document it issues (关于印发《X》的通知) and has a signature: the
    // plan's own title follows the signature. A line before it that reads like a title is a
    // page label ("类型: 实施意见") or a sentence of the notice ("……以当年政府投资计划为准"),
    // unless it is X itself.
    let named = subject.and_then(from_subject).map(|x| fold_title(&x));
    let acceptable = |start: usize, end: usize| -> bool {
        let t = strip_space(&text[start..end]);
        // A plan kind alone ("实施意见") is a label, not a title.
        if data::list("plan_kinds").contains(&t.as_str()) {
            return false;
        }
        match (&named, notice_end) {
            (Some(x), Some(ne)) => start >= ne || fold_title(&t) == *x,
            _ => true,
        }
    };
    for (li, l) in lines.iter().enumerate() {
        // A table's first header cell (序号) opens a table: its cells ("第二季度完成情况") are no
        // titles, which stand above it.
        if l.start >= body_start || l.text(text).trim_matches(|c: char| c.is_whitespace() || c == '|') == "序号" {
            break;
        }
        let end = l.end.min(body_start);
        let mut cuts = vec![l.start];
        if let Some(ne) = notice_end.filter(|&ne| ne > l.start && ne < end) {
            cuts.push(ne);
        }
        for (k, &s) in cuts.iter().enumerate() {
            let e = cuts.get(k + 1).copied().unwrap_or(end);
            let seg = &text[s..e];
            if title_marks::starts_with_item_marker(seg) {
                continue;
            }
            let skip = title_marks::junk_len(seg);
            // A later title wins (the plan's own title follows its notice), but not a short line
            // such as a table's header cell "工作任务安排" after a real title.
            let outranks = |t: usize| best.is_none() || text[s + skip..s + skip + t].chars().count() >= 8;
            if let Some(t) = title_in(&seg[skip..]).filter(|&t| acceptable(s + skip, s + skip + t) && outranks(t)) {
                let from = s + skip + repeat_start(&seg[skip..skip + t]);
                best = Some(Found { first_line: li, start: from, end: s + skip + t, last_line: li });
            } else if k + 1 == cuts.len() && opens_bracket(&seg[skip..]) {
                // A title broken inside its 《》 over two lines ("昌吉州落实《自治区……服务" /
                // "体系建设规划》实施方案"): read it with the next line.
                let next = lines[li + 1..].iter().position(|n| !n.text(text).trim().is_empty()).map(|p| li + 1 + p);
                if let Some(ni) = next.filter(|&ni| lines[ni].end <= body_start) {
                    if let Some(t) =
                        title_in(&text[s + skip..lines[ni].end]).filter(|&t| acceptable(s + skip, s + skip + t))
                    {
                        best = Some(Found { first_line: li, start: s + skip, end: s + skip + t, last_line: ni });
                    }
                }
            }
        }
    }
    if let Some(Found { first_line: li, start, end, last_line: last }) = best {
        let mut title = strip_space(&text[start..end]);
        // First half of a title split over two lines, right after the notice (or, when the
        // notice has no signature, right after its subject line).
        if let (Some(ne), true) =
            (notice_end.or(subject_end), lines[li].start + leading_ws(lines[li].text(text)) == start)
        {
            if let Some(p) = lines[..li].iter().rev().find(|p| !p.text(text).trim().is_empty()) {
                let pt = p.text(text).trim();
                if p.start >= ne && text[ne..p.start].trim().is_empty() && is_fragment(pt) {
                    title = strip_space(pt) + &title;
                }
            }
        }
        // Year range on the next line.
        if text[end..lines[last].end].trim().is_empty() {
            if let Some(n) = lines[last + 1..].iter().find(|n| !n.text(text).trim().is_empty()) {
                if let Some(m) = title_marks::tail_len(n.text(text)) {
                    if n.text(text)[m..].trim().is_empty() && n.start < body_start {
                        title += &strip_space(&n.text(text)[..m]);
                    }
                }
            }
        }
        return Some(Title { text: title, start: Some(start) });
    }
    let named = subject.and_then(from_subject);
    let named = named.or_else(|| from_notice_body(&text[after_addressees.min(body_start)..body_start]));
    named.map(|text| Title { text, start: None })
}

/// Where the title proper starts in a title `t` that a flattened page printed after its own copy
/// with a site's word added ("创建全国文明城市宣传工作方案范文 创建全国文明城市宣传工作方案"): at its
/// last space-separated piece when that piece, four characters or more, opens what stands
/// before it too; with nothing between the lines ("…方案范文创建…方案", "X VIP专免…侵权投诉X"),
/// at the second copy of the longest piece that both opens and ends it ([`copy_start`]); else 0.
fn repeat_start(t: &str) -> usize {
    let Some(k) = t.trim_end().rfind(char::is_whitespace) else { return copy_start(t) };
    let last = t[k..].trim();
    let before = strip_space(&t[..k]);
    let at = t.len() - t[k..].trim_start().len();
    if last.chars().count() >= 4 && before.starts_with(&strip_space(last)) {
        at
    } else {
        copy_start(t)
    }
}

/// Where the second copy starts in `t` = X + what stands between + X: X is the longest text that
/// both opens and ends `t` without overlapping itself, eight characters or more (a title's own
/// words seldom open and close it: "工作方案落实工作方案" is whole; found with the prefix function
/// of Knuth, Morris and Pratt, linear in the title); else 0.
fn copy_start(t: &str) -> usize {
    // White space is left out of the comparison (one copy may be spaced: "xx 县2022 年…").
    let solid: Vec<(usize, char)> = t.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let chars: Vec<char> = solid.iter().map(|&(_, c)| c).collect();
    let mut border = vec![0usize; chars.len()];
    for i in 1..chars.len() {
        let mut k = border[i - 1];
        while k > 0 && chars[i] != chars[k] {
            k = border[k - 1];
        }
        border[i] = k + usize::from(chars[i] == chars[k]);
    }
    // The longest border that does not overlap its copy.
    let mut b = border.last().copied().unwrap_or(0);
    while b > 0 && 2 * b > chars.len() {
        b = border[b - 1];
    }
    if b < 8 {
        return 0;
    }
    solid[chars.len() - b].0
}

fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// A line that can be the first half of a title: short, no sentence, not a date or an organ.
/// A title compared across spellings: no spaces, 〈〉 as 《》, brackets of either width alike.
fn fold_title(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).map(fold_title_char).collect()
}

/// One character of a title compared across spellings: 〈〉 as 《》 (a subject quotes the
/// quotation inside its 《》 with 〈〉), full-width brackets as half-width.
pub fn fold_title_char(c: char) -> char {
    match c {
        '〈' => '《',
        '〉' => '》',
        '（' => '(',
        '）' => ')',
        _ => c,
    }
}

/// True when `seg` leaves a bracket open and holds no sentence punctuation: the first line of a
/// title that runs on.
fn opens_bracket(seg: &str) -> bool {
    let mut depth = 0i32;
    for c in seg.chars() {
        if is_sentence_punct(c) {
            return false;
        }
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth -= 1;
        }
    }
    depth > 0
}

fn is_fragment(t: &str) -> bool {
    let sq = strip_space(t);
    let n = sq.chars().count();
    (2..=40).contains(&n)
        && sq.chars().filter(|c| crate::chars::is_han(*c)).count() >= 2
        && !sq.chars().any(is_sentence_punct)
        && !sq.contains("此件")
        && !sq.chars().all(|c| c.is_ascii_digit())
        && crate::grammar::dates::full_date(&sq).is_err()
        && super::organs::split_organs(&sq).is_none()
        && super::doc_number::in_line(t).is_none()
}

/// The document a notice prints: 关于印发《X》的通知 → X; 关于印发X的通知 → X; 关于转发…《X》的通知 → X.
pub fn from_subject(subject: &str) -> Option<String> {
    let s = drop_pinyin(&strip_space(subject));
    // A subject quoted with its issuer ("X办公厅关于印发…的通知" in a news report).
    let about = ["关于", "關于", "關於", "关於"].iter().filter_map(|a| s.find(a)).min();
    let s = match about {
        Some(p) if p > 0 && super::organs::split_organs(&s[..p]).is_some() => &s[p..],
        _ => &s,
    };
    // "关于印发《X》的通知", or the joint form without 关于 ("印发《X》的通知").
    let s = ["关于", "關于", "關於", "关於"].iter().find_map(|a| s.strip_prefix(a)).unwrap_or(s);
    let (verb, x) = ["印发", "印發", "转发", "轉發"].iter().find_map(|v| s.strip_prefix(v).map(|x| (*v, x)))?;
    let x = x.strip_suffix("的通知")?;
    // 《X》, or 〈X〉 when the subject is itself quoted in 《》 (a page title).
    let whole = [('《', '》'), ('〈', '〉')]
        .iter()
        .find_map(|&(o, c)| x.strip_prefix(o).and_then(|y| y.strip_suffix(c)).filter(|y| !y.contains(o)));
    if let Some(inner) = whole {
        return Some(inner.to_string());
    }
    if verb.starts_with('转') || verb.starts_with('轉') {
        let open = x.rfind('《')?;
        return x[open + '《'.len_utf8()..].strip_suffix('》').map(str::to_string);
    }
    (!x.is_empty()).then(|| x.to_string())
}

/// The document the text names as issued: "现将《X》印发给你们", "《X》已经市政府同意" in a notice's
/// body, or "发布了《X》" in a news report of it; the first such 《X》. When X is itself a notice
/// (关于印发《Y》的通知), Y.
fn from_notice_body(s: &str) -> Option<String> {
    // A scanner rather than a regex: `[^《》\n]{4,80}` compiled into thousands of automaton states
    // at every start of the program (issue 14's start-up time).
    // The words before and after 《X》 (grammar/issued_before.txt, issued_after.txt, with their
    // traditional forms).
    let (before_words, after_words) = (data::list("issued_before"), data::list("issued_after"));
    let mut from = 0;
    while let Some(open) = s[from..].find('《').map(|i| from + i) {
        let inner_start = open + '《'.len_utf8();
        let Some(len) = s[inner_start..].find(['《', '》', '\n']) else { break };
        let close = inner_start + len;
        from = close;
        if !s[close..].starts_with('》') {
            continue;
        }
        let inner = &s[inner_start..close];
        let before = s[..open].strip_suffix('了').unwrap_or(&s[..open]);
        let after = s[close + '》'.len_utf8()..].trim_start();
        let named =
            before_words.iter().any(|w| before.ends_with(w)) || after_words.iter().any(|w| after.starts_with(w));
        if named && (4..=80).contains(&inner.chars().count()) {
            let x = strip_space(inner);
            return Some(from_subject(&x).unwrap_or(x));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page label glued after the title ends it, as a space would.
    #[test]
    fn page_label_glued_after_the_title() {
        for (seg, title) in [
            ("2024年《政府工作报告》重点工作目标任务分解表附件2024年", "2024年《政府工作报告》重点工作目标任务分解表"),
            ("甲县农村人居环境整治行动实施方案索 引 号:3132", "甲县农村人居环境整治行动实施方案"),
            ("甲区清洁家园行动方案解读单位:甲区", "甲区清洁家园行动方案"),
        ] {
            assert_eq!(title_in(seg).map(|e| &seg[..e]), Some(title), "{seg}");
        }
    }

    #[test]
    fn a_title_after_its_copy_on_a_flattened_page() {
        let t = "创建全国文明城市宣传工作方案范文 创建全国文明城市宣传工作方案";
        assert_eq!(&t[repeat_start(t)..], "创建全国文明城市宣传工作方案");
        // A title set in two pieces is whole.
        for t in ["甲市2023年 工作要点", "甲市 甲市工作方案"] {
            assert_eq!(repeat_start(t), 0, "{t}");
        }
        // The same with nothing between the lines: the second copy, whatever stands between.
        let t = "创建全国文明城市宣传工作方案范文创建全国文明城市宣传工作方案";
        assert_eq!(&t[repeat_start(t)..], "创建全国文明城市宣传工作方案");
        let t = "甲县乡村建设实施方案VIP专免2024-01-1535页侵权投诉甲县乡村建设实施方案";
        assert_eq!(&t[repeat_start(t)..], "甲县乡村建设实施方案");
        let t = "xx县2022年乡村建设实施方案VIP专免侵权投诉xx 县2022 年乡村建设实施方案";
        assert_eq!(&t[repeat_start(t)..], "xx 县2022 年乡村建设实施方案");
        // A title that only opens and ends with the same few characters is whole.
        for t in ["甲市甲市工作方案", "方案方案", "工作方案落实工作方案"] {
            assert_eq!(repeat_start(t), 0, "{t}");
        }
    }

    #[test]
    fn title_endings() {
        assert_eq!(
            title_in("姚安县全面推行河长制行动计划(2017—2020年) "),
            Some("姚安县全面推行河长制行动计划(2017—2020年)".len())
        );
        assert_eq!(
            title_in("创建全国文明城市宣传工作方案按照市委、市政府"),
            Some("创建全国文明城市宣传工作方案".len())
        );
        assert_eq!(title_in("乡镇2023年工作要点 2023年是"), Some("乡镇2023年工作要点".len()));
        assert_eq!(title_in("创建全国文明城市宣传工作方案范文"), None);
        assert_eq!(title_in("关于印发XX实施方案的通知"), None);
        assert_eq!(title_in("《宝鸡市2022年深化改革工作安排》已经市政府同意"), None);
        assert_eq!(title_in("结合全县实际,特制定本实施方案。"), None);
    }

    #[test]
    fn the_document_a_notice_body_names() {
        assert_eq!(
            from_notice_body("现将《宝鸡市2022年深化改革工作安排》印发给你们").as_deref(),
            Some("宝鸡市2022年深化改革工作安排")
        );
        assert_eq!(
            from_notice_body("市政府发布了《关于印发《X市创新行动方案》的通知》").as_deref(),
            Some("X市创新行动方案")
        );
        assert_eq!(from_notice_body("《甲乙丙丁方案》 已经市政府同意").as_deref(), Some("甲乙丙丁方案"));
        // Named without 印发/已经 around it, too short, or over a line break: not the document.
        assert_eq!(from_notice_body("根据《中华人民共和国预算法》规定"), None);
        assert_eq!(from_notice_body("印发《方案》"), None);
        assert_eq!(from_notice_body("印发《甲乙丙\n丁方案》"), None);
    }

    #[test]
    fn subject_to_title() {
        assert_eq!(
            from_subject("关于印发《政府网站集约化试点工作方案》的通知").as_deref(),
            Some("政府网站集约化试点工作方案")
        );
        assert_eq!(
            from_subject("关于印发“无废城市”建设试点工作方案的通知").as_deref(),
            Some("“无废城市”建设试点工作方案")
        );
        assert_eq!(
            from_subject("關于印發(fā)2023年《政府工作報告》重點任務分解落實方案的通知").as_deref(),
            Some("2023年《政府工作報告》重點任務分解落實方案")
        );
        assert_eq!(
            from_subject("关于转发市政务服务中心管理办公室《咸宁市政府大数据中心建设方案》的通知").as_deref(),
            Some("咸宁市政府大数据中心建设方案")
        );
        assert_eq!(from_subject("关于2020年重点工作任务分解的通知"), None);
        assert_eq!(
            from_subject("印发《静安区三年行动计划(2018—2020年)》的通知").as_deref(),
            Some("静安区三年行动计划(2018—2020年)")
        );
    }

    #[test]
    fn split_title_after_notice() {
        let t = "中共河北雄安新区工作委员会\n2021年3月15日\n(此件公开发布)\n全面推进乡村振兴\n加快农业农村现代化的实施方案\n为认真贯彻落实……,结合实际。\n一、总体要求";
        let ls = super::super::lines(t);
        let ne = t.find("全面").unwrap() - 1;
        let body = t.find("一、").unwrap();
        assert_eq!(
            find(t, &ls, body, Some(ne), None, None, 0).map(|t| t.text).as_deref(),
            Some("全面推进乡村振兴加快农业农村现代化的实施方案")
        );
        let t = "广元市安全生产委员会\n2024年3月7日\n广元市安全生产治本攻坚三年行动方案\n(2024—2026年)\n为认真贯彻落实……。\n一、总体要求";
        let ls = super::super::lines(t);
        let body = t.find("一、").unwrap();
        let ne = t.find("广元市安全生产治本").unwrap() - 1;
        assert_eq!(
            find(t, &ls, body, Some(ne), None, None, 0).map(|t| t.text).as_deref(),
            Some("广元市安全生产治本攻坚三年行动方案(2024—2026年)")
        );
    }

    #[test]
    fn a_table_header_cell_is_no_title() {
        // A progress report's table: its last header cell ends as a report's title does.
        let t = "泗洲头镇2024年度重点工作计划二季度执行情况\n序号\n重点工作\n工作任务安排\n第二季度完成情况\n1\n白仙山水库工程";
        let ls = super::super::lines(t);
        assert_eq!(
            find(t, &ls, t.len(), None, None, None, 0).map(|t| t.text).as_deref(),
            Some("泗洲头镇2024年度重点工作计划二季度执行情况")
        );
    }

    #[test]
    fn title_broken_inside_its_brackets() {
        let t = "昌吉回族自治州人民政府办公室\n2023年5月6日\n昌吉州落实《自治区“十四五”城乡社区服务\n体系建设规划》实施方案\n为深入贯彻落实……,制定本方案。\n一、工作目标";
        let ls = super::super::lines(t);
        let body = t.find("一、").unwrap();
        let ne = t.find("昌吉州落实").unwrap() - 1;
        assert_eq!(
            find(t, &ls, body, Some(ne), None, None, 0).map(|t| t.text).as_deref(),
            Some("昌吉州落实《自治区“十四五”城乡社区服务体系建设规划》实施方案")
        );
    }
}
