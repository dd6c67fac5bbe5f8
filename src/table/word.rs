//! Task tables of Word/RTF/HTML documents: the readers say which cell each paragraph stands in,
//! so rows and columns are known; the header row gives the roles. A vertically merged cell gives
//! no paragraph in the rows it continues into, so a missing cell takes the value above it (a unit
//! cell merged down applies to every row it spans). Header rows repeated on each page are skipped.

use super::flattened::FoundTable;
use super::{header_role, is_task_header, CellText, Role, Row};
use crate::clean::MappedText;
use crate::read::SourceText;
use std::collections::BTreeMap;

/// The task tables of a structured document, in cleaned-text offsets.
pub fn tables(src: &SourceText, m: &MappedText) -> Vec<FoundTable> {
    if src.cells.is_empty() {
        return Vec::new();
    }
    // table → row → col → cell text and cleaned span.
    let mut grid: BTreeMap<u32, BTreeMap<u32, BTreeMap<u32, CellText>>> = BTreeMap::new();
    let mut pos = 0;
    for (line, cell) in crate::lines::split_inclusive(&src.text).zip(src.cells.iter()) {
        let start = pos;
        pos += line.len();
        let Some(c) = cell else { continue };
        let t = line.trim();
        let span = [m.to_clean(start), m.to_clean(start + line.trim_end().len())];
        let slot = grid
            .entry(c.table)
            .or_default()
            .entry(c.row)
            .or_default()
            .entry(c.col)
            .or_insert_with(|| CellText { text: String::new(), span });
        if !t.is_empty() {
            if !slot.text.is_empty() {
                slot.text.push('\n');
            }
            slot.text.push_str(t);
        }
        slot.span[1] = span[1];
    }
    let mut out = Vec::new();
    for rows in grid.into_values() {
        if let Some(t) = table(rows) {
            out.push(t);
        }
    }
    out
}

/// The header: among the first rows, the first row — or block of up to three rows, a label
/// merged over several rows or a group label ("责任分工") over its sub-labels — whose cells are all
/// header labels of a task table. A caption row above it ("附件2 任务分工表") is passed over. Gives
/// the header's last row and the role of each column (the lowest label of a column wins).
fn header(rows: &[BTreeMap<u32, CellText>]) -> Option<(usize, Vec<(u32, Role)>)> {
    for i in 0..rows.len().min(5) {
        let mut labels: BTreeMap<u32, &str> = BTreeMap::new();
        for (j, row) in rows.iter().enumerate().skip(i).take(3) {
            labels.extend(row.iter().filter(|(_, c)| !c.text.is_empty()).map(|(k, c)| (*k, c.text.as_str())));
            let roles: Option<Vec<(u32, Role)>> = labels.iter().map(|(k, t)| header_role(t).map(|r| (*k, r))).collect();
            let Some(roles) = roles else { continue };
            if is_task_header(&roles.iter().map(|x| x.1).collect::<Vec<_>>()) {
                return Some((j, roles));
            }
        }
    }
    None
}

fn table(rows: BTreeMap<u32, BTreeMap<u32, CellText>>) -> Option<FoundTable> {
    let rows: Vec<BTreeMap<u32, CellText>> = rows.into_values().collect();
    let (h, roles_by_col) = header(&rows)?;
    let header_text: Vec<&str> = rows[h].values().map(|c| c.text.as_str()).collect();
    let roles: Vec<Role> = roles_by_col.iter().map(|x| x.1).collect();
    let mut out_rows = Vec::new();
    let mut above: BTreeMap<u32, CellText> = BTreeMap::new();
    for r in &rows[h + 1..] {
        if r.values().map(|c| c.text.as_str()).collect::<Vec<_>>() == header_text {
            continue; // the header repeated on a new page
        }
        if r.values().all(|c| c.text.is_empty()) {
            continue;
        }
        let mut cells = Vec::new();
        for (col, role) in &roles_by_col {
            let cell = match r.get(col) {
                Some(c) => Some(c.clone()),
                // Merged down from the row above (never the task text or its number).
                None if !matches!(role, Role::Text | Role::No) => above.get(col).cloned(),
                None => None,
            };
            if let Some(c) = &cell {
                above.insert(*col, c.clone());
            }
            cells.push(cell.map(|mut c| {
                c.text = if matches!(role, Role::Lead | Role::Support | Role::Units | Role::UnitRow) {
                    c.text.replace('\n', "、")
                } else {
                    c.text
                };
                c
            }));
        }
        out_rows.push(Row { cells });
    }
    let start = rows[h].values().map(|c| c.span[0]).min()?;
    let end = rows.last()?.values().map(|c| c.span[1]).max()?;
    Some(FoundTable { roles, rows: out_rows, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{join, Cell, Paragraph};

    fn p(text: &str, cell: Option<(u32, u32, u32)>) -> Paragraph {
        Paragraph { text: text.into(), cell: cell.map(|(table, row, col)| Cell { table, row, col }) }
    }

    #[test]
    fn rows_with_merged_units_and_repeated_header() {
        let paras = vec![
            p("附件", None),
            p("序号", Some((0, 0, 0))),
            p("重点任务", Some((0, 0, 1))),
            p("牵头单位", Some((0, 0, 2))),
            p("完成时限", Some((0, 0, 3))),
            p("1", Some((0, 1, 0))),
            p("建设数据平台", Some((0, 1, 1))),
            p("市数据局", Some((0, 1, 2))),
            p("2025年6月底前", Some((0, 1, 3))),
            p("序号", Some((0, 2, 0))),
            p("重点任务", Some((0, 2, 1))),
            p("牵头单位", Some((0, 2, 2))),
            p("完成时限", Some((0, 2, 3))),
            p("2", Some((0, 3, 0))),
            p("完善标准体系", Some((0, 3, 1))),
            p("2025年12月底前", Some((0, 3, 3))),
        ];
        let src = join(&paras, crate::model::Format::Docx, "UTF-8");
        let (m, _) = crate::clean::clean(&src.text);
        let t = tables(&src, &m);
        assert_eq!(t.len(), 1);
        let tasks = super::super::tasks(&t[0].roles, &t[0].rows, None);
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[1].no.as_deref(), Some("2"));
        assert_eq!(tasks[1].responsible.as_ref().unwrap().units, ["市数据局"], "merged down");
        assert_eq!(tasks[1].dates[0].end.as_deref(), Some("2025-12"));
    }
}
