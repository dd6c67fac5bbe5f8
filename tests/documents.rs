//! Whole small documents (written for these tests, in the forms real notices take), with the
//! values a supervision office needs checked by hand: who, what, by when, how much.

use gongwen::{DateKind, Item, Op};

fn parse(name: &str) -> gongwen::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text").join(name);
    gongwen::parse(&std::fs::read(path).unwrap(), &Default::default()).unwrap()
}

fn find<'a>(items: &'a [Item], path: &str) -> &'a Item {
    fn go<'a>(items: &'a [Item], path: &str) -> Option<&'a Item> {
        items.iter().find_map(|i| if i.path == path { Some(i) } else { go(&i.children, path) })
    }
    go(items, path).unwrap_or_else(|| panic!("no item {path}"))
}

#[test]
fn action_plan_with_covering_notice() {
    let d = parse("action_plan.txt");
    let n = d.notice.as_ref().unwrap();
    assert_eq!(n.doc_number.as_deref(), Some("X政办发〔2024〕15号"));
    assert_eq!(n.issuers, ["XX市人民政府办公室"]);
    assert_eq!(n.addressees, ["各县（市、区）人民政府", "市政府各部门"]);
    assert_eq!(n.date.as_deref(), Some("2024-03-18"));
    assert_eq!(d.title.as_deref(), Some("XX市优化营商环境三年行动方案（2024—2026年）"));

    let it = find(&d.items, "2.1.1");
    assert_eq!(it.heading.as_deref(), Some("深化“一网通办”"));
    let r = it.responsible.as_ref().unwrap();
    assert_eq!(r.lead, ["市政务服务局"]);
    assert_eq!(r.support, ["市大数据局", "各县（市、区）人民政府"]);
    assert!(!it.text.contains("牵头单位"), "the responsibility statement is not item text");
    assert_eq!(it.dates[0].kind, DateKind::Deadline);
    assert_eq!(it.dates[0].end.as_deref(), Some("2024-06"));

    let it = find(&d.items, "2.1.2");
    assert_eq!(it.responsible.as_ref().unwrap().lead, ["市司法局"]);
    assert!(it.dates.iter().any(|f| f.kind == DateKind::Recurring));

    // 3. runs on under （二）.
    let it = find(&d.items, "2.2.3");
    assert_eq!(it.responsible.as_ref().unwrap().units, ["市发展改革委", "市财政局"]);
    assert_eq!(it.targets[0].op, Op::Ge);
    assert_eq!((it.targets[0].value, it.targets[0].unit.as_str()), (10.0, "亿元"));
    assert!(it.dates.iter().any(|f| f.end.as_deref() == Some("2024-12")));

    let goal = find(&d.items, "1");
    // The whole noun phrase before the comparator (issue 11), not its ending alone.
    assert_eq!(goal.targets[0].indicator.as_deref(), Some("市场主体满意度"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn opinion_with_chapters_articles_and_signature() {
    let d = parse("opinion_articles.txt");
    let n = d.notice.as_ref().unwrap();
    assert_eq!(n.doc_number.as_deref(), Some("X政发〔2023〕8号"));
    assert_eq!(n.date.as_deref(), Some("2023-04-10"));
    assert_eq!(find(&d.items, "2.3").responsible.as_ref().unwrap().units, ["省大数据局"]);
    let last = find(&d.items, "2.4");
    // The signature block closes the document: it is not part of the last article.
    assert_eq!(last.text, "推进数据共享。一是完善目录，二是健全机制。");
    assert_eq!(last.responsible.as_ref().unwrap().support, ["省直各部门"]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn notice_numbered_requirements_are_not_plan_items() {
    let d = parse("notice_with_numbered_requirements.txt");
    assert_eq!(d.title.as_deref(), Some("XX县2024年重点工作任务分解方案"));
    let paths: Vec<(&str, &str)> = d
        .items
        .iter()
        .flat_map(|i| std::iter::once(i).chain(&i.children))
        .map(|i| (i.path.as_str(), i.text.as_str()))
        .collect();
    assert_eq!(paths.iter().map(|p| p.0).collect::<Vec<_>>(), ["1", "1.1", "1.2", "2", "2.1"]);
    assert_eq!(paths[0].1, "经济发展");
    assert_eq!(find(&d.items, "1.2").responsible.as_ref().unwrap().units, ["县发改局", "县财政局"]);
    assert_eq!(d.notice.as_ref().unwrap().date.as_deref(), Some("2024-02-01"));
}

/// The subject quotes the report as 〈政府工作报告〉, the plan's own title line as 《政府工作报告》:
/// the plan still starts at its title line, and the notice's 一、二、 (with the reference
/// "附表1、2" inside their brackets) are not plan items.
#[test]
fn notice_requirements_before_a_title_quoted_differently() {
    let d = parse("notice_requirements_quoted_title.txt");
    assert_eq!(d.title.as_deref(), Some("2024年市《政府工作报告》目标任务责任分解方案"));
    let paths: Vec<&str> =
        d.items.iter().flat_map(|i| std::iter::once(i).chain(&i.children)).map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["1", "1.1", "1.2"]);
    assert_eq!(d.items[0].text, "主要预期目标");
    assert_eq!(find(&d.items, "1.2").responsible.as_ref().unwrap().units, ["市人力资源和社会保障局"]);
    assert_eq!(d.notice.as_ref().unwrap().date.as_deref(), Some("2024-01-26"));
}

/// Task tails as municipal task lists write them: the deadline inside the responsibility
/// statement is the task's deadline; "（二）项目…" is an item (not a 第（2）项 reference); a
/// phase heading "（一）第一阶段：…" is one item whose children are the phase's tasks.
#[test]
fn task_tails_phases_and_project_items() {
    let t = "三、实施步骤\n（一）第一阶段：集中攻坚\n2023年9月底前，全面排查。\n1.组织排查。（市住建委牵头，各区政府组织落实，2023年9月底前完成）\n2.建立台账。（牵头单位：市住建委，配合单位：市公安局；完成时限：2023年10月底前）\n（二）项目资金保障。区财政局安排资金。（责任单位：区财政局）\n";
    let d = gongwen::parse(t.as_bytes(), &Default::default()).unwrap();
    fn preorder(items: &[Item], out: &mut Vec<String>) {
        for i in items {
            out.push(i.path.clone());
            preorder(&i.children, out);
        }
    }
    let mut paths = Vec::new();
    preorder(&d.items, &mut paths);
    assert_eq!(paths, ["3", "3.1", "3.1.1", "3.1.2", "3.2"]);
    assert!(find(&d.items, "3.1").text.starts_with("第一阶段：集中攻坚"));
    let t1 = find(&d.items, "3.1.1");
    assert_eq!(t1.responsible.as_ref().unwrap().support, ["各区政府"]);
    assert_eq!(t1.dates[0].end.as_deref(), Some("2023-09"));
    let t2 = find(&d.items, "3.1.2");
    assert_eq!(t2.dates[0].kind, DateKind::Deadline);
    assert_eq!(t2.dates[0].end.as_deref(), Some("2023-10"));
    assert_eq!(find(&d.items, "3.2").responsible.as_ref().unwrap().units, ["区财政局"]);
}

/// 附表 opens an attachment as 附件 does: its list after the body is no items.
#[test]
fn attached_tables_are_attachments() {
    let t = "一、主要任务\n（一）加强组织领导。各区要落实。\n附表：1.任务分工表\n2.光伏建设分配表\n附表1\n任务分工表\n序号\n工作任务\n责任单位\n1\n推进地铁光伏\n申通地铁集团\n";
    let d = gongwen::parse(t.as_bytes(), &Default::default()).unwrap();
    assert_eq!(d.items.len(), 1);
    assert!(d.items[0].children[0].children.is_empty());
    assert_eq!(d.attachments.len(), 1);
    assert_eq!(d.attachments[0].label, "附表1");
    assert_eq!(d.attachments[0].title.as_deref(), Some("任务分工表"));
}

/// Task tables whose header names the task in two columns (事项 + 工作措施, 任务类型 + 重点内容):
/// one task a 序号.
#[test]
fn task_table_with_a_name_and_a_text_column() {
    let t = "一、主要任务\n（一）加强组织领导。各区要落实。\n附件：重点任务分解表\n序号\n任务类型\n重点内容\n责任单位\n1\n建设管理\n区建设管理委负责指导推进海绵城市建设工作。\n区建设管理委、区发展改革委\n2\n系统方案\n编制海绵城市系统方案。2026年底前，完成系统方案编制。\n区建设管理委\n";
    let d = gongwen::parse(t.as_bytes(), &Default::default()).unwrap();
    let tasks = &d.attachments[0].table_tasks;
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].no.as_deref(), Some("1"));
    assert_eq!(tasks[0].responsible.as_ref().unwrap().units, ["区建设管理委", "区发展改革委"]);
    assert_eq!(tasks[1].dates[0].end.as_deref(), Some("2026-12"));
}

/// "附件：" alone on its line with the numbered titles below is a list of attachments closing
/// the plan, not an attachment holding items 1–3.
#[test]
fn attachment_list_below_a_bare_label() {
    let t = "一、工作要求\n（一）加强组织领导\n各单位要高度重视。\n附件：\n1．城镇燃气安全排查整治工作联络员及分管领导\n2．公用燃气管道排查整治工作情况汇总表\n";
    let d = gongwen::parse(t.as_bytes(), &Default::default()).unwrap();
    assert!(d.attachments.is_empty());
    assert_eq!(d.items.len(), 1);
    assert!(d.items[0].children[0].children.is_empty());
}
