//! Tables flattened one cell per line (a Word table copied as text, a scraped page): a header row
//! of known labels (序号/任务内容/牵头部门/配合部门/时间节点…) on consecutive lines, then rows —
//! started by the expected 序号 when the table has one, or of the header's width when not. Merged
//! cells (a task name only on a group's first row) and unit lists wrapped onto two lines are
//! realigned by what the cells hold.

use super::{header_role, is_task_header, CellText, Role, Row};
use crate::grammar::dates::{parse_date, DateContext};

/// A table found in the text, with cleaned-text offsets.
#[derive(Debug, Clone)]
pub struct FoundTable {
    pub roles: Vec<Role>,
    pub rows: Vec<Row>,
    /// Byte range of the whole table (header included) in the scanned text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    // A scraped page may close each cell with a pipe ("80 |"): it is no part of the cell.
    let edge = |c: char| c.is_whitespace() || c == '|';
    for raw in crate::lines::split_inclusive(text) {
        let t = raw.trim_matches(edge);
        if !t.is_empty() {
            let lead = raw.len() - raw.trim_start_matches(edge).len();
            out.push(Line { text: t, start: pos + lead, end: pos + lead + t.len() });
        }
        pos += raw.len();
    }
    out
}

fn number_of(s: &str) -> Option<u32> {
    (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn is_attachment_heading(s: &str) -> bool {
    s.strip_prefix("附件").is_some_and(|r| r.chars().count() <= 3)
}

/// Every flattened task table in `text`. Linear in the number of lines.
pub fn find(text: &str) -> Vec<FoundTable> {
    let ls = lines(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        let (roles, j) = header_at(&ls, i);
        if roles.len() < 2 || !is_task_header(&roles) {
            i += 1;
            continue;
        }
        let (rows, next) =
            if roles.first() == Some(&Role::No) { numbered_rows(&ls, j, &roles) } else { fixed_rows(&ls, j, &roles) };
        if rows.is_empty() {
            i = j;
            continue;
        }
        let end = ls[next - 1].end;
        out.push(FoundTable { roles, rows, start: ls[i].start, end });
        i = next;
    }
    out
}

/// The header row starting at line `i`: the roles of its labels and the line after it. A label
/// wrapped over two lines of its cell ("责任" / "领导") is read joined.
fn header_at(ls: &[Line], i: usize) -> (Vec<Role>, usize) {
    let mut roles = Vec::new();
    let mut j = i;
    while j < ls.len() && ls[j].text.chars().count() <= 12 {
        if let Some(r) = header_role(ls[j].text) {
            roles.push(r);
            j += 1;
            continue;
        }
        let joined = ls.get(j + 1).filter(|n| n.text.chars().count() <= 8).map(|n| format!("{}{}", ls[j].text, n.text));
        match joined.as_deref().and_then(header_role) {
            Some(r) if !roles.is_empty() => {
                roles.push(r);
                j += 2;
            }
            _ => break,
        }
    }
    (roles, j)
}

fn cell(l: &Line) -> CellText {
    CellText { text: l.text.to_string(), span: [l.start, l.end] }
}

/// Rows that start with the expected 序号 (1, 2, 3 …).
fn numbered_rows(ls: &[Line], from: usize, roles: &[Role]) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut k = from;
    let mut expected = match ls.get(k).and_then(|l| number_of(l.text)) {
        Some(n) => n,
        None => return (rows, from),
    };
    let width = roles.len() - 1;
    let mut last_name: Option<CellText> = None;
    while k < ls.len() && number_of(ls[k].text) == Some(expected) {
        let no = cell(&ls[k]);
        let mut m = k + 1;
        let mut cells = Vec::new();
        while m < ls.len() && number_of(ls[m].text) != Some(expected + 1) && !is_attachment_heading(ls[m].text) {
            // A row never holds more than a few cells beyond the header's width.
            if cells.len() > width * 2 + 2 {
                break;
            }
            if header_role(ls[m].text).is_some() && cells.len() >= width {
                break;
            }
            cells.push(cell(&ls[m]));
            m += 1;
        }
        let aligned = align(cells, &roles[1..], &mut last_name);
        let mut row = Row { cells: vec![Some(no)] };
        row.cells.extend(aligned);
        rows.push(row);
        k = m;
        expected += 1;
        if k < ls.len() && is_attachment_heading(ls[k].text) {
            break;
        }
    }
    (rows, k)
}

/// Rows of exactly the header's width (tables without 序号, e.g. a 分解表 by town).
fn fixed_rows(ls: &[Line], from: usize, roles: &[Role]) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut k = from;
    let w = roles.len();
    while k + w <= ls.len() {
        let chunk = &ls[k..k + w];
        if chunk.iter().any(|l| is_attachment_heading(l.text) || header_role(l.text).is_some()) {
            break;
        }
        // Each cell must look like its column: a unit row is a short name, text is longer.
        let ok = roles.iter().zip(chunk).all(|(r, l)| match r {
            Role::UnitRow | Role::Lead | Role::Support | Role::Units => l.text.chars().count() <= 40,
            Role::Deadline => parse_date(l.text, &DateContext { year: None, now: None }).is_some(),
            _ => true,
        });
        if !ok {
            break;
        }
        rows.push(Row { cells: chunk.iter().map(|l| Some(cell(l))).collect() });
        k += w;
    }
    (rows, k)
}

fn looks_like_units(s: &str) -> bool {
    s.chars().count() <= 60 && !s.contains('。') && !s.contains('：')
}

/// Puts a row's cells under the right columns (`roles` without 序号). A task name merged over
/// a group appears only on the group's first row; a unit list may wrap onto a second line.
fn align(mut cells: Vec<CellText>, roles: &[Role], last_name: &mut Option<CellText>) -> Vec<Option<CellText>> {
    let w = roles.len();
    // Wrapped unit lists: a cell ending with 、 or a comma continues on the next line.
    let mut k = 0;
    while cells.len() > w && k + 1 < cells.len() {
        if cells[k].text.ends_with(['、', '，', ',']) && looks_like_units(&cells[k + 1].text) {
            let next = cells.remove(k + 1);
            cells[k].text.push_str(&next.text);
            cells[k].span[1] = next.span[1];
        } else {
            k += 1;
        }
    }
    let mut out: Vec<Option<CellText>> = vec![None; w];
    let name_col = roles.iter().position(|r| *r == Role::Name);
    // A name cell is a short title; a long sentence there means the cells are not in their
    // columns (the row has no name and an extra wrapped line).
    let name_fits = |cells: &[CellText], at: usize| {
        cells.get(at).is_some_and(|c| c.text.chars().count() <= 20 && !c.text.contains(['。', '，', ',']))
    };
    if cells.len() == w && name_col.is_none_or(|n| name_fits(&cells, n)) {
        for (slot, c) in out.iter_mut().zip(cells) {
            *slot = Some(c);
        }
        if let Some(n) = name_col {
            *last_name = out[n].clone();
        }
        return out;
    }
    if let (Some(n), true) = (name_col, cells.len() + 1 == w) {
        // The merged name cell is missing: the row belongs to the previous group.
        let mut it = cells.into_iter();
        for (c, slot) in out.iter_mut().enumerate() {
            *slot = if c == n { last_name.clone() } else { it.next() };
        }
        return out;
    }
    // Otherwise by content: the deadline is a date at the end, the text the longest cell, the
    // unit columns follow the text in order.
    let ctx = DateContext { year: None, now: None };
    if let Some(d) = roles.iter().position(|r| *r == Role::Deadline) {
        if cells.last().is_some_and(|c| parse_date(&c.text, &ctx).is_some()) {
            out[d] = cells.pop();
        }
    }
    let Some(t) = roles.iter().position(|r| *r == Role::Text) else { return out };
    let Some(longest) = (0..cells.len()).max_by_key(|&i| cells[i].text.chars().count()) else { return out };
    let after: Vec<CellText> = cells.drain(longest + 1..).collect();
    out[t] = cells.pop();
    if let (Some(n), Some(c)) = (name_col, cells.pop()) {
        out[n] = Some(c);
    }
    let unit_cols: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Role::Lead | Role::Support | Role::Units))
        .map(|(i, _)| i)
        .collect();
    let mut after = after.into_iter();
    for (k, &c) in unit_cols.iter().enumerate() {
        if k + 1 == unit_cols.len() {
            // The last unit column takes whatever is left.
            let rest: Vec<CellText> = after.by_ref().collect();
            if let Some(first) = rest.first() {
                let text = rest.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("、");
                out[c] =
                    Some(CellText { text, span: [first.span[0], rest.last().map_or(first.span[1], |l| l.span[1])] });
            }
        } else {
            out[c] = after.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_table_with_merged_and_wrapped_cells() {
        let text = "附件1\n任务清单\n序号\n任务名称\n任务内容\n牵头部门\n配合部门\n时间节点\n1\n加强组织领导\n召开动员大会。\n区政府办公室\n各成员单位\n2019年3月\n2\n纳入绩效评价指标体系。\n区委组织部\n区绿化市容局\n2019年\n3\n推进全面覆盖\n开展达标创建活动。\n各街镇（园区）\n区绿化市容局、\n区农业农村委\n2019年\n附件2\n";
        let t = find(text);
        assert_eq!(t.len(), 1);
        let rows = &t[0].rows;
        assert_eq!(rows.len(), 3);
        let texts: Vec<_> = rows.iter().map(|r| r.cells[2].as_ref().unwrap().text.clone()).collect();
        assert_eq!(texts, ["召开动员大会。", "纳入绩效评价指标体系。", "开展达标创建活动。"]);
        assert_eq!(rows[1].cells[1].as_ref().unwrap().text, "加强组织领导");
        assert_eq!(rows[2].cells[4].as_ref().unwrap().text, "区绿化市容局、区农业农村委");
        let tasks = super::super::tasks(&t[0].roles, rows, None);
        assert_eq!(tasks[2].responsible.as_ref().unwrap().lead, ["各街镇（园区）"]);
        assert_eq!(tasks[2].responsible.as_ref().unwrap().support, ["区绿化市容局", "区农业农村委"]);
        assert_eq!(tasks[0].dates[0].end.as_deref(), Some("2019-03"));
    }

    #[test]
    fn fixed_width_table() {
        let text = "街镇、园区\n目标任务\n罗店镇\n创建达标累计61个小区。\n大场镇\n创建达标累计86个小区。\n附件3\n";
        let t = find(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 2);
        let tasks = super::super::tasks(&t[0].roles, &t[0].rows, None);
        assert_eq!(tasks[1].responsible.as_ref().unwrap().units, ["大场镇"]);
        assert_eq!(tasks[1].no, None);
    }

    #[test]
    fn prose_is_not_a_table() {
        assert!(find("一、工作任务\n责任单位\n完成时限为年底。").is_empty());
    }
}
