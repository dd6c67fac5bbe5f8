//! Task tables of web pages (issue 11, class 11): a caption row merged over the whole width, a
//! header spanning several rows with a group label over its sub-labels, and a leading 任务类型
//! column merged down over its tasks. The task rows still come out with their units and deadlines.

/// (序号, task text, units, deadline) of a table task.
type Seen<'a> = (Option<&'a str>, &'a str, Vec<&'a str>, Option<&'a str>);

fn tasks(html: &str) -> Vec<gongwen::TableTask> {
    let doc = gongwen::parse(html.as_bytes(), &gongwen::Options::default()).unwrap();
    let mut out = doc.table_tasks;
    out.extend(doc.attachments.into_iter().flat_map(|a| a.table_tasks));
    out
}

const PAGE: &str = r#"<html><head><meta charset="utf-8"><title>任务分工</title></head><body><div class="article">
<p>甲区优化营商环境行动方案</p><p>一、总体要求</p><p>（一）目标。完成。</p><p>附件2</p>
<table border="1">
<tr><td colspan="5">附件2 任务分工表</td></tr>
<tr><td rowspan="3">序号</td><td rowspan="3">任务类型</td><td rowspan="3">工作事项</td><td colspan="2">责任分工</td></tr>
<tr><td rowspan="2">牵头单位</td><td rowspan="2">完成时限</td></tr>
<tr></tr>
<tr><td>1</td><td rowspan="2">行动一：提升审批效率</td><td>压缩开办企业时间至1个工作日以内</td><td>区市场监管局</td><td>2024年6月底前</td></tr>
<tr><td>2</td><td>推行工程建设项目审批告知承诺制</td><td>区住建局、区自然资源局</td><td>2024年9月底前</td></tr>
<tr><td>3</td><td>行动二：优化政务服务</td><td>推进“一网通办”</td><td>区政务服务中心</td><td>2024年12月底前</td></tr>
</table></div></body></html>"#;

#[test]
fn caption_row_header_over_three_rows_and_a_merged_type_column() {
    let t = tasks(PAGE);
    let got: Vec<Seen> = t
        .iter()
        .map(|t| {
            let units = t.responsible.as_ref().map_or(vec![], |r| r.units.iter().map(String::as_str).collect());
            let deadline =
                t.dates.iter().find(|d| d.kind == gongwen::DateKind::Deadline).and_then(|d| d.end.as_deref());
            (t.no.as_deref(), t.text.as_str(), units, deadline)
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("1"), "压缩开办企业时间至1个工作日以内", vec!["区市场监管局"], Some("2024-06")),
            (Some("2"), "推行工程建设项目审批告知承诺制", vec!["区住建局", "区自然资源局"], Some("2024-09")),
            (Some("3"), "推进“一网通办”", vec!["区政务服务中心"], Some("2024-12")),
        ]
    );
    // A 牵头单位 column says who leads.
    assert_eq!(t[1].responsible.as_ref().unwrap().lead, ["区住建局", "区自然资源局"]);
}

#[test]
fn merged_cells_take_the_columns_a_browser_gives_them() {
    // Row 2's first cell sits right of the cell merged down from row 1, not under it.
    let html = r#"<html><body><table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>建设平台</td><td rowspan="2">市数据局</td><td>2025年6月底前</td></tr>
<tr><td>2</td><td>完善标准</td><td>2025年12月底前</td></tr></table></body></html>"#;
    let t = tasks(html);
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].responsible.as_ref().unwrap().units, ["市数据局"]);
    assert_eq!(t[1].dates[0].end.as_deref(), Some("2025-12"));
}
