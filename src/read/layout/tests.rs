//! The layout stage on synthetic pages set as a 公文 is set (GB/T 9704: A4, a 156 × 225 mm text
//! block, 16 pt body text indented two characters, 22 pt centred title, "— N —" page numbers).

use super::furniture::is_page_number;
use super::marker::starts_with_marker;
use super::*;
use crate::read::Cell;

const W: f32 = 595.0;
const H: f32 = 842.0;
const LEFT: f32 = 79.0;
const RIGHT: f32 = 521.0;
const TOP: f32 = 105.0;
const BOTTOM: f32 = 742.0;
const BODY: f32 = 16.0;
const PITCH: f32 = 28.0;

fn width(c: char, size: f32) -> f32 {
    if c.is_ascii() {
        size / 2.0
    } else {
        size
    }
}

/// Glyphs for `text` from `x` on `baseline`; spaces are gaps, as most writers draw them.
fn run(page: &mut Page, text: &str, mut x: f32, baseline: f32, size: f32) -> f32 {
    for c in text.chars() {
        let w = width(c, size);
        if c != ' ' {
            page.glyphs.push(Glyph {
                text: c.to_string().into(),
                x0: x,
                x1: x + w,
                top: baseline - 0.88 * size,
                baseline,
                size,
                ..Default::default()
            });
        }
        x += w;
    }
    x
}

fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| width(c, size)).sum()
}

/// Sets a document page by page: paragraphs wrapped at the right margin.
struct Setter {
    pages: Vec<Page>,
    y: f32,
    numbers: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left(f32),
    Centre,
    Right(f32),
}

impl Setter {
    fn new() -> Setter {
        Setter { pages: vec![Page { width: W, height: H, ..Default::default() }], y: TOP, numbers: true }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().unwrap()
    }

    fn new_page(&mut self) {
        self.pages.push(Page { width: W, height: H, ..Default::default() });
        self.y = TOP;
    }

    fn line_down(&mut self, pitch: f32) {
        self.y += pitch;
        if self.y > BOTTOM {
            self.new_page();
        }
    }

    /// A paragraph: `Left(indent in characters)`, centred, or `Right(characters from the margin)`.
    fn para(&mut self, text: &str, align: Align, size: f32) -> &mut Self {
        let pitch = if size > BODY { size * 1.6 } else { PITCH };
        let mut rest: Vec<char> = text.chars().collect();
        let mut first = true;
        while !rest.is_empty() {
            let indent = match align {
                Align::Left(n) if first => n * size,
                _ => 0.0,
            };
            let mut n = 0;
            let mut w = indent;
            while n < rest.len() && w + width(rest[n], size) <= RIGHT - LEFT + 0.01 {
                w += width(rest[n], size);
                n += 1;
            }
            let line: String = rest.drain(..n.max(1)).collect();
            let x = match align {
                Align::Left(_) => LEFT + indent,
                Align::Centre => (LEFT + RIGHT - text_width(&line, size)) / 2.0,
                Align::Right(k) => RIGHT - k * size - text_width(&line, size),
            };
            let y = self.y;
            run(self.page(), &line, x, y, size);
            self.line_down(pitch);
            first = false;
        }
        self
    }

    fn body(&mut self, text: &str) -> &mut Self {
        self.para(text, Align::Left(2.0), BODY)
    }

    fn gap(&mut self, points: f32) -> &mut Self {
        self.y += points;
        self
    }

    fn done(&mut self) -> Vec<Page> {
        let mut pages = std::mem::take(&mut self.pages);
        if self.numbers {
            for (i, p) in pages.iter_mut().enumerate() {
                let label = format!("— {} —", i + 1);
                let x = if i % 2 == 0 { RIGHT - 16.0 - text_width(&label, 14.0) } else { LEFT + 16.0 };
                run(p, &label, x, 790.0, 14.0);
            }
        }
        pages
    }
}

fn texts(pages: &[Page]) -> Vec<String> {
    lay_out(pages).paragraphs.into_iter().map(|p| p.text).collect()
}

const LONG: &str = "为贯彻落实党中央、国务院关于加强全国网络安全和信息化工作有关部署，推进政府网站互联互通融合发展，现就开展政府网站集约化试点工作，制定以下方案。";

#[test]
fn wrapped_lines_join_without_spaces() {
    let pages = Setter::new().body(LONG).body("第二段。").done();
    assert_eq!(texts(&pages), vec![LONG.to_string(), "第二段。".to_string()]);
}

#[test]
fn a_notice_head_comes_out_as_word_has_it() {
    let mut s = Setter::new();
    s.para("XX市人民政府办公室文件", Align::Centre, 26.0)
        .gap(20.0)
        .para("X府办发〔2023〕5号", Align::Centre, BODY)
        .gap(30.0)
        .para("XX市人民政府办公室关于印发XX市推进", Align::Centre, 22.0)
        .para("试点工作方案的通知", Align::Centre, 22.0)
        .gap(14.0)
        .para("各区人民政府，市政府各委、办、局：", Align::Left(0.0), BODY)
        .body("《XX市推进政府网站集约化试点工作方案》已经市政府同意，现印发给你们，请认真贯彻执行。")
        .gap(28.0)
        .para("XX市人民政府办公室", Align::Right(4.0), BODY)
        .para("2023年5月10日", Align::Right(4.0), BODY)
        .body("（此件公开发布）");
    let pages = s.done();
    assert_eq!(
        texts(&pages),
        [
            "XX市人民政府办公室文件",
            "X府办发〔2023〕5号",
            "XX市人民政府办公室关于印发XX市推进",
            "试点工作方案的通知",
            "各区人民政府，市政府各委、办、局：",
            "《XX市推进政府网站集约化试点工作方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
            "XX市人民政府办公室",
            "2023年5月10日",
            "（此件公开发布）",
        ]
    );
}

#[test]
fn item_markers_open_paragraphs_without_indent() {
    // Flush-left items whose lines fill the text block: only the markers tell where they start.
    let a = "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，坚持以人民为中心。";
    let b = "（二）基本原则。问题导向，针对政府网站存在的建设分散、数据不通、使用不便等突出问题，建设基于统一信息资源库的政府网站集约化平台";
    let c = "1.问题导向。针对存在的突出问题。";
    let d = "第一条 为了规范管理，制定本办法。";
    let mut s = Setter::new();
    for t in ["一、总体要求", a, b, c, d] {
        s.para(t, Align::Left(0.0), BODY);
    }
    assert_eq!(texts(&s.done()), vec!["一、总体要求", a, b, c, d]);
}

#[test]
fn a_larger_gap_opens_a_paragraph() {
    // Two paragraphs, neither indented, the first ending on a full line: only the gap separates.
    let full: String = "网".repeat(27) + "站";
    let mut s = Setter::new();
    s.para(&full, Align::Left(0.0), BODY).gap(20.0).para("下一段", Align::Left(0.0), BODY);
    assert_eq!(texts(&s.done()), vec![full, "下一段".to_string()]);
}

#[test]
fn page_numbers_and_running_heads_are_left_out_and_a_sentence_runs_across_the_page_break() {
    let mut s = Setter::new();
    // Three pages (a running head must repeat on two other pages), LONG broken by each break.
    for _ in 0..30 {
        s.body(LONG);
    }
    s.body("最后一段。");
    let mut pages = s.done();
    assert!(pages.len() >= 3);
    for p in pages.iter_mut() {
        run(p, "XX市人民政府公报", 240.0, 50.0, 10.5);
    }
    let out = texts(&pages);
    assert_eq!(out.len(), 31, "{out:?}");
    assert!(out[..30].iter().all(|t| t == LONG), "{out:?}");
    assert_eq!(out[30], "最后一段。");
}

#[test]
fn page_number_forms() {
    for t in ["— 3 —", "-3-", "- 12 -", "第3页 共9页", "第 3 页", "共9页 第3页", "3/9", "Page 3", "Page 3 of 9", "7"]
    {
        assert!(is_page_number(t), "{t}");
    }
    for t in ["一、总体要求", "2023年", "—", "3.5", "第三条", "1.加强领导", "12345"] {
        assert!(!is_page_number(t), "{t}");
    }
}

#[test]
fn marker_forms() {
    for t in [
        "一、总体要求",
        "（一）指导思想",
        "(二)原则",
        "1.问题导向",
        "12、加强",
        "（3）落实",
        "3）落实",
        "①组织",
        "第一条 为了",
        "第三章 总则",
        "附件1",
        "附件：",
    ] {
        assert!(starts_with_marker(t), "{t}");
    }
    for t in [
        "2.92亿元",
        "2023.5月",
        "一是加强",
        "附件所列",
        "第一次会议",
        "10%以上",
        "网站",
        "二、三、四类)贷款",
        "2、3、4号楼",
    ] {
        assert!(!starts_with_marker(t), "{t}");
    }
}

#[test]
fn latin_words_wrap_with_a_space() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    // 70 half-width characters fill the block; "region" (6) does not fit after the first line.
    let first = "The plan covers the whole of the province and every one of its cities";
    assert_eq!(first.len(), 69);
    run(&mut p, first, LEFT, 200.0, 12.0);
    run(&mut p, "region and more", LEFT, 215.0, 12.0);
    run(&mut p, &"word ".repeat(14), LEFT, 230.0, 12.0);
    run(&mut p, "end", LEFT, 245.0, 12.0);
    let pages = [p];
    let out = texts(&pages);
    assert_eq!(out[0], format!("{first} region and more"));
}

#[test]
fn fake_bold_is_read_once_and_superscripts_stay_on_their_line() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    run(&mut p, "面积100km", LEFT, 200.0, BODY);
    let x = LEFT + text_width("面积100km", BODY);
    run(&mut p, "2", x, 194.0, 9.0);
    run(&mut p, "加粗", LEFT, 300.0, BODY);
    run(&mut p, "加粗", LEFT + 0.4, 300.0, BODY);
    let pages = [p];
    assert_eq!(texts(&pages), vec!["面积100km2", "加粗"]);
}

#[test]
fn a_page_turned_a_quarter_is_read_in_its_own_frame() {
    // A landscape page printed on a portrait sheet: the text runs down the page (rotation 90).
    let mut s = Setter::new();
    s.numbers = false;
    s.body(LONG);
    let mut pages = s.done();
    for g in &mut pages[0].glyphs {
        g.rotation = 90;
    }
    assert_eq!(texts(&pages), vec![LONG]);
    assert_eq!(upright(90, W, H, 100.0, 200.0), (200.0, W - 100.0));
    assert_eq!(upright(270, W, H, 100.0, 200.0), (H - 200.0, 100.0));
}

#[test]
fn a_diagonal_watermark_does_not_mix_with_the_body() {
    let mut s = Setter::new();
    s.numbers = false;
    s.body(LONG).body("第二段。");
    let mut pages = s.done();
    // "内部资料" four times down the page at 45°, across the body lines.
    for k in 0..4 {
        let (sx, sy) = (100.0 + 20.0 * k as f32, 90.0 + 60.0 * k as f32);
        for (i, c) in "内部资料".chars().enumerate() {
            let step = 20.0 * i as f32 * std::f32::consts::FRAC_1_SQRT_2;
            let (px, py) = (sx + step, sy + step);
            let (x, y) = upright(45, W, H, px, py);
            pages[0].glyphs.push(Glyph {
                text: c.to_string().into(),
                x0: x,
                x1: x + 20.0,
                top: y - 18.0,
                baseline: y,
                size: 20.0,
                rotation: 45,
                ..Default::default()
            });
        }
    }
    let out = texts(&pages);
    assert_eq!(out[..2], [LONG.to_string(), "第二段。".to_string()]);
    assert_eq!(out[2..].concat(), "内部资料".repeat(4));
}

/// Adds the rules of a grid: `xs` column lines, `ys` row lines; `skip` holds the (row, col) of
/// grid cells whose bottom border is not drawn (merged with the cell below).
fn grid(page: &mut Page, xs: &[f32], ys: &[f32], skip: &[(usize, usize)]) {
    for &x in xs {
        page.rules.push(Rule { x0: x, y0: ys[0], x1: x, y1: ys[ys.len() - 1] });
    }
    for (r, &y) in ys.iter().enumerate() {
        for c in 0..xs.len() - 1 {
            if r == 0 || !skip.contains(&(r - 1, c)) {
                page.rules.push(Rule { x0: xs[c], y0: y, x1: xs[c + 1], y1: y });
            }
        }
    }
}

fn cells(pages: &[Page]) -> Vec<(String, Option<Cell>)> {
    lay_out(pages).paragraphs.into_iter().map(|p| (p.text, p.cell)).collect()
}

fn cell(table: u32, row: u32, col: u32) -> Option<Cell> {
    Some(Cell { table, row, col })
}

#[test]
fn a_ruled_table_gives_cells_with_merged_cells_once() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    run(&mut p, "前言。", LEFT + 32.0, 120.0, BODY);
    let xs = [LEFT, LEFT + 40.0, LEFT + 300.0, RIGHT];
    let ys = [140.0, 170.0, 200.0, 230.0];
    grid(&mut p, &xs, &ys, &[(1, 2)]);
    for (r, row) in
        [["序号", "任务", "牵头单位"], ["1", "建设平台", "市政务办"], ["2", "形成规范", ""]].iter().enumerate()
    {
        for (c, t) in row.iter().enumerate() {
            run(&mut p, t, xs[c] + 4.0, ys[r] + 21.0, 12.0);
        }
    }
    run(&mut p, "后记。", LEFT + 32.0, 260.0, BODY);
    let out = cells(&[p]);
    let want = vec![
        ("前言。".to_string(), None),
        ("序号".into(), cell(0, 0, 0)),
        ("任务".into(), cell(0, 0, 1)),
        ("牵头单位".into(), cell(0, 0, 2)),
        ("1".into(), cell(0, 1, 0)),
        ("建设平台".into(), cell(0, 1, 1)),
        ("市政务办".into(), cell(0, 1, 2)),
        ("2".into(), cell(0, 2, 0)),
        ("形成规范".into(), cell(0, 2, 1)),
        ("后记。".into(), None),
    ];
    assert_eq!(out, want);
}

#[test]
fn wrapped_cell_text_is_one_paragraph() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    let xs = [LEFT, LEFT + 70.0, RIGHT];
    let ys = [140.0, 170.0, 230.0];
    grid(&mut p, &xs, &ys, &[]);
    run(&mut p, "单位", xs[0] + 4.0, 161.0, 12.0);
    run(&mut p, "内容", xs[1] + 4.0, 161.0, 12.0);
    // A centred unit list wrapped in a narrow cell.
    run(&mut p, "市发改委、", xs[0] + 5.0, 188.0, 12.0);
    run(&mut p, "市财政局", xs[0] + 11.0, 204.0, 12.0);
    run(&mut p, "内容", xs[1] + 4.0, 188.0, 12.0);
    let out = cells(&[p]);
    assert_eq!(out[2], ("市发改委、市财政局".to_string(), cell(0, 1, 0)));
}

#[test]
fn a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header() {
    let xs = [LEFT, LEFT + 40.0, RIGHT];
    let mut pages = Vec::new();
    for (n, rows) in [vec![("1", "甲任务")], vec![("2", "乙任务"), ("3", "丙任务")]].into_iter().enumerate() {
        let mut p = Page { width: W, height: H, ..Default::default() };
        let (top, bottom) = if n == 0 { (600.0, 742.0) } else { (105.0, 300.0) };
        let step = (bottom - top) / (rows.len() + 1) as f32;
        let ys: Vec<f32> = (0..=rows.len() + 1).map(|i| top + step * i as f32).collect();
        grid(&mut p, &xs, &ys, &[]);
        run(&mut p, "序号", xs[0] + 4.0, ys[0] + 18.0, 12.0);
        run(&mut p, "任务", xs[1] + 4.0, ys[0] + 18.0, 12.0);
        for (i, (no, task)) in rows.iter().enumerate() {
            run(&mut p, no, xs[0] + 4.0, ys[i + 1] + 18.0, 12.0);
            run(&mut p, task, xs[1] + 4.0, ys[i + 1] + 18.0, 12.0);
        }
        run(&mut p, &format!("— {} —", n + 1), 280.0, 790.0, 14.0);
        pages.push(p);
    }
    let out = cells(&pages);
    let got: Vec<(&str, Option<Cell>)> = out.iter().map(|(t, c)| (t.as_str(), *c)).collect();
    assert_eq!(
        got,
        vec![
            ("序号", cell(0, 0, 0)),
            ("任务", cell(0, 0, 1)),
            ("1", cell(0, 1, 0)),
            ("甲任务", cell(0, 1, 1)),
            ("2", cell(0, 2, 0)),
            ("乙任务", cell(0, 2, 1)),
            ("3", cell(0, 3, 0)),
            ("丙任务", cell(0, 3, 1)),
        ]
    );
}

#[test]
fn a_row_broken_by_the_page_is_one_row() {
    let xs = [LEFT, LEFT + 40.0, RIGHT];
    let mut a = Page { width: W, height: H, ..Default::default() };
    grid(&mut a, &xs, &[650.0, 680.0, 742.0], &[]);
    run(&mut a, "序号", xs[0] + 4.0, 671.0, 12.0);
    run(&mut a, "任务", xs[1] + 4.0, 671.0, 12.0);
    run(&mut a, "1", xs[0] + 4.0, 700.0, 12.0);
    let first = "推进政府网站集约化平台建设，统一标准体系、统一技术平台、统一安全防";
    assert_eq!(first.chars().count(), 33);
    let end = run(&mut a, first, xs[1] + 4.0, 700.0, 12.0);
    assert!(end <= xs[2] && end > xs[2] - 12.0);
    let mut b = Page { width: W, height: H, ..Default::default() };
    grid(&mut b, &xs, &[105.0, 135.0, 165.0], &[]);
    run(&mut b, "序号", xs[0] + 4.0, 126.0, 12.0);
    run(&mut b, "任务", xs[1] + 4.0, 126.0, 12.0);
    run(&mut b, "护。", xs[1] + 4.0, 156.0, 12.0);
    let out = cells(&[a, b]);
    assert_eq!(out.len(), 4, "{out:?}");
    assert_eq!(out[3], (format!("{first}护。"), cell(0, 1, 1)));
}

#[test]
fn a_lone_box_is_no_table() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    grid(&mut p, &[40.0, 555.0], &[40.0, 800.0], &[]);
    run(&mut p, "框内正文", LEFT, 200.0, BODY);
    assert_eq!(cells(&[p]), vec![("框内正文".to_string(), None)]);
}

#[test]
fn pages_without_text_are_listed() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    run(&mut p, "正文", LEFT, 200.0, BODY);
    let blank = Page { width: W, height: H, has_image: true, ..Default::default() };
    let out = lay_out(&[blank.clone(), p, blank]);
    assert_eq!(out.pages_without_text, vec![1, 3]);
    assert_eq!(out.paragraphs.len(), 1);
}

#[test]
fn hostile_pages_give_a_result() {
    let mut p = Page { width: f32::NAN, height: -5.0, ..Default::default() };
    p.glyphs.push(Glyph {
        text: "甲".into(),
        x0: f32::NAN,
        x1: 1.0,
        top: 0.0,
        baseline: 1.0,
        size: 1.0,
        ..Default::default()
    });
    p.glyphs.push(Glyph {
        text: "乙".into(),
        x0: 5.0,
        x1: 1.0,
        top: 9.0,
        baseline: 1.0,
        size: -3.0,
        ..Default::default()
    });
    p.glyphs.push(Glyph {
        text: "\u{0}\n".into(),
        x0: 5.0,
        x1: 6.0,
        top: 0.0,
        baseline: 1.0,
        size: 1.0,
        ..Default::default()
    });
    p.glyphs.push(Glyph {
        text: "丙".into(),
        x0: 1e30,
        x1: f32::INFINITY,
        top: 0.0,
        baseline: 1.0,
        size: 1.0,
        rotation: 45,
        font: 0,
    });
    // A dense mesh of rules: over the budget, read as no table.
    for i in 0..15_000 {
        let v = i as f32 * 0.05;
        p.rules.push(Rule { x0: v, y0: 0.0, x1: v, y1: 800.0 });
        p.rules.push(Rule { x0: 0.0, y0: v, x1: 600.0, y1: v });
    }
    p.rules.push(Rule { x0: f32::NAN, y0: 0.0, x1: 1.0, y1: f32::INFINITY });
    let out = lay_out(&[p]);
    assert_eq!(out.paragraphs.iter().map(|p| p.text.as_str()).collect::<String>(), "乙");
}

#[test]
fn many_pages_lay_out() {
    let mut s = Setter::new();
    for _ in 0..400 {
        s.body(LONG);
    }
    let pages = s.done();
    assert!(pages.len() > 30);
    let out = texts(&pages);
    assert_eq!(out.len(), 400);
    assert!(out.iter().all(|t| t == LONG));
}

#[test]
fn a_line_spaced_out_reads_without_spaces_but_a_real_space_stays() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    // The red header set with a third of an em between its characters.
    let mut x = 120.0;
    for c in "路桥区卫生局文件".chars() {
        x = run(&mut p, &c.to_string(), x, 150.0, 30.0) + 10.0;
    }
    // A space drawn as a gap of a quarter em in a line of close-set characters.
    let end = run(&mut p, "实施方案", LEFT, 300.0, BODY);
    run(&mut p, "中共某县委办公室", end + 4.0, 300.0, BODY);
    assert_eq!(texts(&[p]), vec!["路桥区卫生局文件", "实施方案 中共某县委办公室"]);
}

#[test]
fn a_space_the_line_wrapped_at_is_kept() {
    // LibreOffice draws the space a line wraps at ("…的通知 " / "拱政办发〔2018〕42号").
    let mut p = Page { width: W, height: H, ..Default::default() };
    let end = run(&mut p, &"字".repeat(26), LEFT, 200.0, BODY);
    p.glyphs.push(Glyph {
        text: " ".into(),
        x0: end,
        x1: end + 8.0,
        top: 186.0,
        baseline: 200.0,
        size: BODY,
        ..Default::default()
    });
    run(&mut p, "拱政办发〔2018〕42号", LEFT, 228.0, BODY);
    run(&mut p, &"字".repeat(27), LEFT, 256.0, BODY);
    assert_eq!(texts(&[p]), vec!["字".repeat(26) + " 拱政办发〔2018〕42号", "字".repeat(27)]);
}

#[test]
fn a_count_wrapped_after_its_first_number_is_no_item() {
    // "…简称为第一、" / "二、三、四类)贷款": the line goes on with the count, not an item 二、.
    let text = "各银监局对整改为公司类贷款保全分离为公司类贷第一、二、三、四类贷款进行分类监管。";
    let pages = Setter::new().body(text).done();
    assert_eq!(texts(&pages), vec![text.to_string()]);
}

#[test]
fn a_paragraph_set_right_is_one_paragraph() {
    // A web page's paragraph aligned right: each full line ragged on the left by under a
    // character, the last one short and ending at the margin too.
    let text = "坚持以习近平新时代中国特色社会主义思想为指导".repeat(3) + "全面贯彻";
    let mut s = Setter::new();
    s.para(LONG, Align::Left(0.0), BODY).para(&text, Align::Right(0.0), BODY).para("下一段。", Align::Left(2.0), BODY);
    assert_eq!(texts(&s.done()), vec![LONG.to_string(), text, "下一段。".to_string()]);
}

#[test]
fn the_last_line_of_a_paragraph_set_right_ends_it_across_a_page_break() {
    // A web page's paragraph aligned right whose last line is set in seven characters (no deeper
    // than a hanging indent), then on the next page a paragraph whose full first line is flush.
    let text = "坚持以习近平新时代中国特色社会主义思想为指导".repeat(3) + "全面贯彻落实精神。";
    let mut s = Setter::new();
    s.para(&text, Align::Right(0.0), BODY);
    s.new_page();
    s.para(LONG, Align::Left(0.0), BODY);
    assert_eq!(texts(&s.done()), vec![text, LONG.to_string()]);
}

#[test]
fn a_paragraph_centred_line_by_line_is_one_paragraph() {
    // Full lines set in from both margins alike by half a character (a browser centring a
    // paragraph whose characters do not fill the line), the last one short and centred.
    let mut p = Page { width: W, height: H, ..Default::default() };
    let full = "字".repeat(27);
    let mut y = 200.0;
    for _ in 0..4 {
        run(&mut p, &full, LEFT, y, BODY);
        y += PITCH;
    }
    run(&mut p, "段末。", LEFT, y, BODY);
    let centred = ["坚持以习近平新时代中国特色社会主义思想为指导全面贯彻".to_string(), "落实精神".to_string()];
    for (k, l) in [&centred[0], &centred[0], &centred[1]].into_iter().enumerate() {
        let x = (LEFT + LEFT + 27.0 * BODY - text_width(l, BODY)) / 2.0;
        run(&mut p, l, x, y + (k + 1) as f32 * PITCH, BODY);
    }
    let out = texts(&[p]);
    assert_eq!(out[1], centred[0].repeat(2) + &centred[1]);
}

#[test]
fn a_centred_line_below_a_line_short_of_the_margins_opens_a_paragraph() {
    // A title line centred on its own that happens to stand two characters in, as a first-line
    // indent does: the date centred below it is a line of its own.
    let mut s = Setter::new();
    s.para("关于重点办好城乡建设改善人民生活", Align::Centre, 22.0).para("(2019年1月29日)", Align::Centre, 22.0);
    s.body(LONG);
    let out = texts(&s.done());
    assert_eq!(out[..2], ["关于重点办好城乡建设改善人民生活".to_string(), "(2019年1月29日)".to_string()]);
}

#[test]
fn a_chart_repeated_on_every_page_keeps_its_edge_rows() {
    // Three pages alike (a colour chart): rows of labels down the page, the last in the footer
    // zone. The row inside it repeats at its place too: they are the pages' text, no running foot.
    let pages: Vec<Page> = (0..3)
        .map(|_| {
            let mut p = Page { width: W, height: H, ..Default::default() };
            for (k, y) in [200.0, 400.0, 600.0, 800.0].into_iter().enumerate() {
                run(&mut p, &format!("A = 0.{k}5"), LEFT, y, BODY);
            }
            p
        })
        .collect();
    let out = texts(&pages);
    assert_eq!(out.concat().matches("A = 0.35").count(), 3, "{out:?}");
}

/// A borderless grid as a browser prints a table: `rows` of cells, each cell's text from its
/// column's left edge, cells drawn one after the other.
fn set_grid(p: &mut Page, rows: &[&[&str]], cols: &[f32], top: f32) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            run(p, cell, cols[c], top + r as f32 * 20.0, 12.0);
        }
    }
}

#[test]
fn a_borderless_grid_is_a_table_and_a_web_page_information_table_is_left_out() {
    let mut p = Page { width: W, height: H, ..Default::default() };
    // The page's information table: label and value cells, two rows of four columns.
    let info: [&[&str]; 2] = [
        &["索引号:", "0000-1471", "发布机构:", "某某人民政府办公室"],
        &["发文日期:", "二、组织领导", "文号:", "某政发〔2022〕1号"],
    ];
    set_grid(&mut p, &info, &[40.0, 110.0, 260.0, 330.0], 100.0);
    run(&mut p, "关于印发某某方案的通知", 150.0, 200.0, 16.0);
    // A borderless table of the document: three rows of three columns.
    let table: [&[&str]; 3] =
        [&["序号", "任务", "牵头单位"], &["1", "建设平台", "市发展改革委"], &["2", "完善制度", "市财政局"]];
    set_grid(&mut p, &table, &[79.0, 160.0, 360.0], 260.0);
    let layout = lay_out(&[p]);
    let texts: Vec<&str> = layout.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(!texts.iter().any(|t| t.contains("索引号") || t.contains("组织领导")), "{texts:?}");
    let cells: Vec<(u32, u32, &str)> =
        layout.paragraphs.iter().filter_map(|p| p.cell.map(|c: Cell| (c.row, c.col, p.text.as_str()))).collect();
    assert!(cells.contains(&(1, 2, "市发展改革委")), "{cells:?}");
    assert!(cells.contains(&(2, 1, "完善制度")), "{cells:?}");
    assert_eq!(texts.iter().filter(|t| **t == "关于印发某某方案的通知").count(), 1, "{texts:?}");
}

#[test]
fn an_information_table_with_narrow_gutters_and_wrapped_labels_is_left_out() {
    // As Chromium prints one: "0000-2062" a quarter em before "发布机构:", the label "发文日期:"
    // wrapped as "发文" / "日期:", its wider line reaching into the white beside its column.
    let mut p = Page { width: W, height: H, ..Default::default() };
    run(&mut p, "索引号:", 36.0, 80.0, 12.0);
    run(&mut p, "0000-2062", 102.5, 80.0, 12.0);
    run(&mut p, "发布机构:", 159.5, 80.0, 12.0);
    run(&mut p, "某某人民政府办公室", 216.5, 80.0, 12.0);
    run(&mut p, "发文", 36.0, 96.0, 12.0);
    run(&mut p, "日期:", 36.0, 112.0, 12.0);
    run(&mut p, "文号:", 159.5, 96.0, 12.0);
    run(&mut p, "一、工作目标", 216.5, 96.0, 12.0);
    run(&mut p, "关于印发某某方案的通知", 150.0, 200.0, 16.0);
    let out = texts(&[p]);
    assert_eq!(out, vec!["关于印发某某方案的通知"]);
}

#[test]
fn a_cell_cut_by_the_page_break_runs_on_at_the_top_of_the_next_page() {
    // A web page's information table whose 文号 cell holds a whole text, printed over two pages;
    // the article follows on the second page.
    let mut p1 = Page { width: W, height: H, ..Default::default() };
    let rows: [&[&str]; 2] =
        [&["索引号:", "0000-1471", "发布机构:", "某某人民政府办公室"], &["发文日期:", "", "文号:"]];
    set_grid(&mut p1, &rows, &[40.0, 110.0, 260.0, 330.0], 100.0);
    let line = "这是网站放进文号栏里的正文";
    let mut y = 120.0;
    while y < 800.0 {
        run(&mut p1, line, 330.0, y, 12.0);
        y += 16.0;
    }
    let mut p2 = Page { width: W, height: H, ..Default::default() };
    for k in 0..3 {
        run(&mut p2, line, 330.0, 60.0 + k as f32 * 16.0, 12.0);
    }
    run(&mut p2, "关于印发某某方案的通知", 150.0, 200.0, 16.0);
    let out = texts(&[p1, p2]);
    assert_eq!(out, vec!["关于印发某某方案的通知"]);
}

#[test]
fn a_page_of_many_gaps_on_few_lines_is_read_whole() {
    // Three lines of 20,000 characters each set a space apart: the gutter search gives up within
    // its budget (no grid), and every character is kept.
    let mut p = Page { width: 1e6, height: H, ..Default::default() };
    let line: String = "字 ".repeat(20_000);
    for k in 0..3 {
        run(&mut p, &line, LEFT, TOP + k as f32 * PITCH, 12.0);
    }
    let out = texts(&[p]).concat();
    assert_eq!(out.chars().filter(|&c| c == '字').count(), 60_000);
}

#[test]
fn a_tall_title_lends_its_pitch_to_no_body_text() {
    // A web page's <h1> wrapped over twelve lines at 24 pt on a 33 pt pitch (1.375 sizes), above a
    // paragraph at 16 pt on a 32 pt pitch (2 sizes): the title's pitch is the document's commonest,
    // yet the body's lines are one paragraph.
    let mut p = Page { width: W, height: H, ..Default::default() };
    let title = "字".repeat(18);
    for k in 0..12 {
        run(&mut p, &title, LEFT, 60.0 + k as f32 * 33.0, 24.0);
    }
    let line = "文".repeat(27);
    for k in 0..8 {
        run(&mut p, &line, LEFT, 500.0 + k as f32 * 32.0, BODY);
    }
    let out = texts(&[p]);
    assert_eq!(out, vec![title.repeat(12), line.repeat(8)]);
}

#[test]
fn a_centred_line_too_full_for_the_next_word_goes_on() {
    // A paragraph centred by a browser whose first line stands 1.5 characters in at each end: the
    // next line's first word ("20201231", 4 characters wide) did not fit beside it.
    let mut p = Page { width: W, height: H, ..Default::default() };
    let body = "字".repeat(27);
    run(&mut p, &body, LEFT, 200.0, BODY);
    run(&mut p, "段末。", LEFT, 228.0, BODY);
    let first = "坚".repeat(23) + "进";
    let x = LEFT + (27.0 * BODY - text_width(&first, BODY)) / 2.0;
    run(&mut p, &first, x, 256.0, BODY);
    let last = "20201231年底前,农村生活垃圾分类";
    run(&mut p, last, LEFT + (27.0 * BODY - text_width(last, BODY)) / 2.0, 284.0, BODY);
    let out = texts(&[p]);
    assert_eq!(out[1..], [first + last]);
}

#[test]
fn a_full_line_goes_on_a_centred_paragraph_and_a_percent_sign_holds_on() {
    // A centred line 2.5 characters short in all, then a full line opening with "60%以": the
    // first word, the percent sign holding on to 以, would not have fitted; the line goes on.
    let mut p = Page { width: W, height: H, ..Default::default() };
    let body = "字".repeat(27);
    run(&mut p, &body, LEFT, 200.0, BODY);
    run(&mut p, "段末。", LEFT, 228.0, BODY);
    let first = "a".to_string() + &"坚".repeat(24);
    run(&mut p, &first, LEFT + (27.0 * BODY - text_width(&first, BODY)) / 2.0, 256.0, BODY);
    let full = "60%以上。".to_string() + &"字".repeat(22) + "b";
    assert_eq!(text_width(&full, BODY), 27.0 * BODY);
    run(&mut p, &full, LEFT, 284.0, BODY);
    run(&mut p, "段末。", LEFT + 12.0 * BODY, 312.0, BODY);
    let out = texts(&[p]);
    assert_eq!(out[1..], [first + &full + "段末。"]);
}
