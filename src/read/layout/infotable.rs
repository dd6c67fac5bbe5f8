//! A web page's information table (信息公开: 索引号 | 0000-1473 | 发布机构 | … | 文号 | …), which a
//! browser prints as a grid of label cells and value cells above the article. It is page chrome,
//! not a table of the document: the HTML reader leaves it out with the rest of the page around
//! the article, and so does the layout stage (a site may put any text in its value cells, an
//! item's first sentence among them, which would open items before the document starts).

use super::tables::{Table, TableCell};

/// The labels of such tables, without their colon.
const LABELS: &[&str] = &[
    "索引号",
    "发布机构",
    "发文机关",
    "发文单位",
    "发布单位",
    "来源",
    "文号",
    "名称",
    "标题",
    "主题分类",
    "主题词",
    "有效性",
    "生成日期",
    "发布日期",
    "成文日期",
    "发文日期",
    "信息分类",
    "内容分类",
    "公开方式",
    "公开范围",
    "所属机构",
];

fn text(c: &TableCell) -> String {
    c.lines.iter().flat_map(|l| l.text.chars()).filter(|c| !c.is_whitespace()).collect()
}

/// A label cell: one of [`LABELS`] with its colon, nothing else.
fn is_label(cell: &str) -> bool {
    cell.strip_suffix([':', '：']).is_some_and(|l| LABELS.contains(&l))
}

/// Whether the table is such an information table: two label cells or more, and every row
/// opening with one.
pub(crate) fn is_info_table(t: &Table) -> bool {
    let labels = t.cells.iter().filter(|c| is_label(&text(c))).count();
    let rows_open_with_label = (0..t.rows)
        .all(|r| t.cells.iter().filter(|c| c.row == r).min_by_key(|c| c.col).is_none_or(|c| is_label(&text(c))));
    labels >= 2 && rows_open_with_label
}
