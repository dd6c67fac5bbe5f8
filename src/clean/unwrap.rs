//! Hard-wrapped text (折行文本): a text copied out of a PDF, or from a page that keeps a print
//! layout, has each printed line as a line. A sentence, a list of units or a date then runs over a
//! line break ("国家发展改革委、工业和信" / "息化部参与）"), and every grammar that reads within a
//! line (responsibility brackets, dates, targets) loses it. Such a text is recognised by its line
//! widths: many lines are about one width, and most of those end in the middle of a sentence. A
//! full line that does not end a sentence (nor a lead-in, a notice's heading or a title) then
//! runs on into the next line, unless that line opens with an item marker or a page label, or
//! repeats it ([`runs_on`]). A paragraph's last line is short, so it is never joined. Blank lines
//! at a page break, and in a text with a blank line after every line, are passed over.

use super::wide;

/// How much narrower (in columns: a Chinese character is 2, a half-width one 1) than the wrap
/// width `w` a line may be and still be full: a paragraph's first line is indented two
/// characters, and half-width commas and digits leave a full line a little short; the more of
/// them the wider the line.
fn slack(w: usize) -> usize {
    (w / 8).max(8)
}

/// How much wider: typesetting hangs a comma or a full stop past the margin rather than start a
/// line with it (避头尾), and a text layer gives full-width punctuation as ASCII (",", ":"), so a
/// line that holds little of it measures wider than the ones that set the margin.
fn hang(w: usize) -> usize {
    (w / 10).max(4)
}

/// The narrowest wrap width taken: 15 Chinese characters.
const MIN_WIDTH: usize = 30;
/// The fewest full lines that make a text hard-wrapped.
const MIN_FULL: usize = 6;

/// A line's width in columns.
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

/// Whether a line ends a sentence (。！？； or one of them before a closing quote or bracket), a
/// lead-in (：, as the 主送 line "各有关单位：" does) or a row of a page's layout table (|).
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['”', '’', '）', ')', '」', '』', '"', '\'']);
    t.ends_with(['。', '！', '？', '；', '.', '!', '?', ';', '：', ':', '|'])
}

/// The widths (columns) of a hard-wrapped text's full lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Band {
    /// The margin: the median width of the full lines.
    pub margin: usize,
    pub low: usize,
    pub high: usize,
}

impl Band {
    /// The band of a text wrapped at `margin`.
    pub(crate) fn at(margin: usize) -> Band {
        Band { margin, low: margin.saturating_sub(slack(margin)), high: margin + hang(margin) }
    }

    fn holds(&self, width: usize) -> bool {
        (self.low..=self.high).contains(&width)
    }
}

/// The band of full lines, when the text is hard-wrapped. `lines()` gives the text's lines that
/// may be joined (not chrome, page numbers or table cells), trimmed, blank ones left out (it is
/// called for each pass over them).
///
/// The full lines are found by [`full_band`]. The text is hard-wrapped when at least a fifth of
/// its lines (of those at least [`MIN_WIDTH`] wide) are full, at least seven in ten of those end
/// mid-sentence (in a text of a paragraph a line, lines of one width are paragraphs that end with
/// a full stop, or headings), lines wider than the band hold at most a fifth of its characters,
/// and at least half of it is Chinese.
pub(crate) fn wrap_band<'a, I: Iterator<Item = &'a str>>(lines: impl Fn() -> I) -> Option<Band> {
    // Widths only (4 bytes a line), the lines read again for what else is counted: a text of
    // millions of short lines costs little memory here.
    let mut widths: Vec<u32> = lines().map(|l| width(l) as u32).collect();
    if widths.len() < 2 * MIN_FULL {
        return None;
    }
    widths.sort_unstable();
    // Lines narrower than any wrap (headings, page numbers, a table's cells one a line) are no
    // share of the text's prose: a fifth is counted of the others.
    let wide_lines = widths.len() - widths.partition_point(|&w| (w as usize) < MIN_WIDTH);
    let band = full_band(&widths, wide_lines).filter(|b| b.margin >= MIN_WIDTH)?;
    let (mut full, mut mid_sentence) = (0, 0);
    for l in lines().filter(|l| band.holds(width(l))) {
        full += 1;
        mid_sentence += usize::from(!ends_sentence(l));
    }
    let enough = full >= MIN_FULL && full * 5 >= wide_lines && mid_sentence * 10 >= full * 7;
    // A text of a paragraph a line holds most of its characters in lines far wider than any band
    // of its short lines (headings, names, a list): a wrapped one nearly none.
    let total: u64 = widths.iter().map(|&w| u64::from(w)).sum();
    let wider: u64 = widths.iter().filter(|&&w| w as usize > band.high).map(|&w| u64::from(w)).sum();
    // Chinese text: a text in a Latin or Cyrillic script (a list of sentences a line) is left as
    // it is.
    let chinese: u64 = lines().map(|l| l.chars().filter(|&c| wide(c)).count() as u64 * 2).sum();
    (enough && wider * 5 <= total && chinese * 2 >= total).then_some(band)
}

/// The widest band of widths (`slack + hang` wide) that holds at least a fifth of the sorted
/// `widths` that are [`MIN_WIDTH`] or more (`wide_lines` of them; and [`MIN_FULL`]): its median is
/// the margin. Most full lines reach the margin; first lines (indented) fall short of it, and
/// lines with hung punctuation or with little ASCII in them pass it, fewer of each. The widest
/// such band, not the fullest: a plan of short items has more short lines (an item's last line)
/// than full ones.
fn full_band(widths: &[u32], wide_lines: usize) -> Option<Band> {
    let need = (wide_lines.div_ceil(5)).max(MIN_FULL);
    let mut low = widths.len();
    for top in (0..widths.len()).rev() {
        let t = widths[top] as usize;
        while low > 0 && widths[low - 1] as usize + slack(t) + hang(t) >= t {
            low -= 1;
        }
        if top + 1 - low >= need {
            let band = Band::at(widths[(low + top) / 2] as usize);
            // The widest line of the band is full, with a character hung past it, unless it stands
            // far out from the widest tenth (a line of ASCII, a link, that only reaches in).
            let wide = widths[low + (top - low) * 9 / 10] as usize;
            let widest = if t <= wide + hang(band.margin) { t } else { wide };
            return Some(Band { high: band.high.max(widest + 2), ..band });
        }
    }
    None
}

/// Whether the line break after `line` is a wrap, in a text whose full lines are `band`: `line` is
/// full and does not end a sentence (a full stop inside a bracket still open, `in_bracket`, ends
/// none: "（市发改委、市商务局。" / "排名第一的为牵头单位）"), and `next` (the next line that may be
/// joined, with no blank line between) does not open with an item marker (outside a bracket).
pub(crate) fn runs_on(line: &str, next: &str, band: &Band, in_bracket: bool) -> bool {
    let line = line.trim();
    let w = width(line);
    let next = next.trim();
    !next.is_empty()
        && band.holds(w)
        && (in_bracket || !(ends_sentence(line) || ends_heading(line)))
        && !(w + 2 < band.margin && ends_closed(line))
        && line != next
        // Inside a bracket a number is no item ("（以下简称为第一、" / "二、三、四类）").
        && (in_bracket || !crate::structure::markers::opens_line(next))
        && !opens_page_label(next)
}

/// Whether a line opens with a label of a web page's information table (grammar/page_labels.txt,
/// "发布机构", "分   类"), set apart from its value by a space or a colon: a row of its own. (Prose
/// that a wrap starts with the same word runs on: "生活垃圾" / "分类工作".)
fn opens_page_label(line: &str) -> bool {
    crate::grammar::data::list("page_labels").iter().any(|label| {
        let mut rest = line.trim_start();
        for c in label.chars() {
            match rest.trim_start().strip_prefix(c) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.chars().next().is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '：' | '|'))
    })
}

/// A notice's heading ends with 通知 (……实施方案的通知); in running text the word stands inside
/// 《》, which is open at the line's end.
fn ends_heading(line: &str) -> bool {
    line.ends_with("通知")
}

/// A line that closes a bracket or a quote at its end: when it is short of the margin by more
/// than a character, a heading or title ("……行动方案（2022—2024年）"), not a wrapped line.
fn ends_closed(line: &str) -> bool {
    line.ends_with(['）', ')', '”', '》', '」', '』', '】', '〕'])
}

/// The round and title brackets (（）《》) left open at the end of `line`, given `open` before it.
pub(crate) fn brackets_open(line: &str, open: usize) -> usize {
    line.chars().fold(open, |n, c| match c {
        '（' | '(' | '《' => n + 1,
        '）' | ')' | '》' => n.saturating_sub(1),
        _ => n,
    })
}

/// Whether a text has blank lines after nearly every line (nine in ten of its lines, twelve or
/// more): a copy that doubled its line breaks, where a blank line is no paragraph's end. `blank`
/// tells for each line whether it is blank.
pub(crate) fn double_spaced(blank: &[bool]) -> bool {
    let (mut text, mut spaced, mut prev_blank, mut prev_text) = (0usize, 0usize, 0usize, false);
    for &is_blank in blank {
        if is_blank {
            prev_blank += 1;
            continue;
        }
        spaced += usize::from(prev_text && prev_blank > 0);
        text += 1;
        prev_text = true;
        prev_blank = 0;
    }
    text >= 12 && spaced * 10 >= (text - 1) * 9
}

/// What a line break becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    /// It stays: a paragraph ends there.
    Keep,
    /// It goes: a wrap in Chinese text or inside a number ("2" / "023年").
    Glue,
    /// It becomes a space: a wrap between two Latin words ("Plan" / "A").
    Space,
}

impl Join {
    pub(crate) fn text(self) -> &'static str {
        match self {
            Join::Keep => "\n",
            Join::Glue => "",
            Join::Space => " ",
        }
    }
}

/// What replaces a wrap's line break between `line` and `next`.
pub(crate) fn joiner(line: &str, next: &str) -> Join {
    let last = line.trim_end().chars().next_back().unwrap_or(' ');
    let first = next.trim_start().chars().next().unwrap_or(' ');
    let latin = |c: char| c.is_ascii_alphanumeric();
    if latin(last) && latin(first) && !(last.is_ascii_digit() && first.is_ascii_digit()) {
        Join::Space
    } else {
        Join::Glue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph set at `chars` Chinese characters a line, its first line indented by two.
    fn set(paragraph: &str, chars: usize) -> Vec<String> {
        let cs: Vec<char> = paragraph.chars().collect();
        let mut out = vec![cs[..chars - 2].iter().collect::<String>()];
        out.extend(cs[chars - 2..].chunks(chars).map(|c| c.iter().collect::<String>()));
        out
    }

    fn text() -> Vec<String> {
        let p = "为深入推动美丽乡村建设，全面助力乡村振兴，促进农业高质高效、农村宜居宜业、农民富裕富足，\
                 按照中央、省、市决策部署，围绕打造美丽乡村、宜居家园目标，结合全县实际，特制定本实施方案。";
        let mut lines = vec!["一、指导思想".to_string()];
        for _ in 0..4 {
            lines.extend(set(p, 20));
        }
        lines
    }

    #[test]
    fn finds_the_wrap_width() {
        let lines = text();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(wrap_band(|| refs.iter().copied()).map(|b| b.margin), Some(40));
    }

    #[test]
    fn a_text_in_another_script_is_not_wrapped() {
        let line = "Он хотели его поймать, но Ребров раскидал защитников своей палочкой и";
        let lines: Vec<&str> = std::iter::repeat_n(line, 20).collect();
        assert_eq!(wrap_band(|| lines.iter().copied()), None);
    }

    #[test]
    fn a_paragraph_a_line_is_not_wrapped() {
        let p = "为深入推动美丽乡村建设，全面助力乡村振兴，结合全县实际，特制定本实施方案。";
        let lines: Vec<&str> = std::iter::repeat_n(p, 20).collect();
        assert_eq!(wrap_band(|| lines.iter().copied()), None, "every line ends a sentence");
        let short: Vec<&str> = std::iter::repeat_n("一、指导思想", 20).collect();
        assert_eq!(wrap_band(|| short.iter().copied()), None, "narrower than a printed line");
    }

    /// [`runs_on`] where `line` reaches the margin.
    fn full(line: &str, next: &str, in_bracket: bool) -> bool {
        runs_on(line, next, &Band::at(width(line)), in_bracket)
    }

    #[test]
    fn full_lines_run_on() {
        assert!(full("国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国", "家统计局参与）", false));
        assert!(full("国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部。", "排名第一的为牵头单位）", true));
        // A sentence's end, a short last line, a blank line and an item marker each end a paragraph.
        assert!(!full("国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部参与。", "下一段", false));
        assert!(!runs_on("国家发展改革委参与", "下一段", &Band::at(40), false));
        assert!(!full("国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国", " ", false));
        assert!(!full("一、提高城市基层党建工作水平，加强党对基层治理的全面领导工作", "（一）完善", false));
        // The 主送 line, a row of a page's layout table.
        assert!(!full("各县市区人民政府、云龙示范区管委会，各有关单位：", "为构建", false));
        assert!(!full("索引号： | 000014349/2023-91150 | 信息分类： | |", "发布机构", false));
        // A row of a page's information table.
        assert!(!full("索 引 号 MB1534522/2023-05475 发文日期 2023-01-03", "发布机构 区人民政府办公室", false));
        assert!(!full("索 引 号 MB1534522/2023-05475 发文日期 2023-01-03", "分   类 政务公开", false));
        assert!(full("推进农村人居环境整治，全面开展农村生活垃圾", "分类工作", false));
        // A heading, and a page's title printed twice.
        assert!(!full("县人民政府办公室关于印发开阳县县域商业体系建设工作实施方案的通知", "作者：", false));
        assert!(full("根据县人民政府办公室关于印发开阳县县域商业体系建设工作的通知", "》精神", true));
        let title = "开府办发〔2023〕3号 开阳县人民政府办公室关于印发方案的";
        assert!(!full(title, title, false));
        // A title a little short of the margin, closed by its bracket; a line that is not.
        let heading = "基础设施建设三年行动方案（2022—2024年）";
        assert!(!runs_on(heading, "为贯彻落实", &Band::at(width(heading) + 6), false));
        assert!(runs_on("基础设施建设三年行动方案（2022—2024年）的", "通知精神", &Band::at(width(heading) + 6), false));
        // Inside a bracket a number is no item.
        assert!(full("各银监局对整改为公司类贷款、仍按平台贷款处理四类（以下简称为第一、", "二、三、四类）贷款", true));
        // A number that is no marker runs on: "提高" / "1.5倍".
        assert!(full("推动全市规模以上工业企业研发投入强度比上年度提高", "1.5倍以上", false));
    }

    #[test]
    fn tells_double_spaced_text() {
        let lines = |sep: &str| (0..15).map(|k| format!("第{k}行")).collect::<Vec<_>>().join(sep);
        let spaced = |t: &str| double_spaced(&t.split('\n').map(|l| l.trim().is_empty()).collect::<Vec<_>>());
        assert!(spaced(&lines("\n\n")));
        assert!(!spaced(&lines("\n")));
        assert!(spaced(&lines("\n\n\n")));
        let mixed = format!("{}\n\n{}", lines("\n"), lines("\n"));
        assert!(!spaced(&mixed), "paragraphs apart");
    }

    #[test]
    fn counts_open_brackets() {
        assert_eq!(brackets_open("工作（市发改委、", 0), 1);
        assert_eq!(brackets_open("市商务局）。（另", 1), 1);
        assert_eq!(brackets_open("））", 1), 0);
    }

    #[test]
    fn joins_latin_words_with_a_space() {
        assert_eq!(joiner("Plan ", "A"), Join::Space);
        assert_eq!(joiner("2022", "年"), Join::Glue);
        assert_eq!(joiner("2", "023年"), Join::Glue, "a number broken by the wrap");
        assert_eq!(joiner("COVID", "19"), Join::Space);
        assert_eq!(joiner("工业和信", "息化部"), Join::Glue);
    }
}
