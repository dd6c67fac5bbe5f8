//! Task tables (任务分工表/重点任务清单): header roles → rows of cells → table tasks. Rows come
//! from Word tables (cells known) or from a table flattened one cell per line ([`flattened`]).

pub mod flattened;
pub mod word;

use crate::grammar::data;
use crate::grammar::dates::{parse_date, scan_dates, DateContext};
use crate::grammar::responsibility::split_units;
use crate::grammar::targets::scan_targets;
use crate::model::{DateKind, Responsibility, RoleBasis, TableTask};

/// What a column holds, from its header label (grammar/table_headers.txt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    No,
    Name,
    Text,
    Lead,
    Support,
    Units,
    Deadline,
    UnitRow,
    Other,
}

/// The role named in grammar/table_headers.txt; a misspelt name fails the test
/// `every_header_names_a_role` instead of falling back to `Other`.
fn role_named(name: &str) -> Option<Role> {
    Some(match name {
        "no" => Role::No,
        "name" => Role::Name,
        "text" => Role::Text,
        "lead" => Role::Lead,
        "support" => Role::Support,
        "units" => Role::Units,
        "deadline" => Role::Deadline,
        "unit_row" => Role::UnitRow,
        "other" => Role::Other,
        _ => return None,
    })
}

/// The role of a header label, if it is one.
pub fn header_role(label: &str) -> Option<Role> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, Role>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let pairs = data::pairs("table_headers").into_iter();
        pairs.map(|(label, role)| (label, role_named(role).unwrap_or(Role::Other))).collect()
    });
    if label.len() > 40 {
        return None;
    }
    // A scraped page may close each cell with a pipe ("序号 |").
    let label = label.trim_matches(|c: char| c == '|' || c.is_whitespace());
    let l: std::borrow::Cow<str> = if label.contains(char::is_whitespace) {
        label.chars().filter(|c| !c.is_whitespace()).collect::<String>().into()
    } else {
        label.into()
    };
    map.get(l.as_ref()).copied()
}

/// True when a header row describes a task table: it names the task and who or when.
pub fn is_task_header(roles: &[Role]) -> bool {
    let has = |r: Role| roles.contains(&r);
    roles.len() >= 2
        && (has(Role::Text) || has(Role::Name))
        && (has(Role::Lead) || has(Role::Units) || has(Role::Deadline) || has(Role::UnitRow) || has(Role::Support))
}

/// One cell: its text and its byte range (in the text the spans are reported against).
#[derive(Debug, Clone, PartialEq)]
pub struct CellText {
    pub text: String,
    pub span: [usize; 2],
}

/// A table row already split into cells, aligned with the header's roles.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Option<CellText>>,
}

/// Turns aligned rows into table tasks. `year` is the document's year for dates without one.
pub fn tasks(roles: &[Role], rows: &[Row], year: Option<i32>) -> Vec<TableTask> {
    let col = |r: Role| roles.iter().position(|x| *x == r);
    let ctx = DateContext { year, now: year };
    let mut out = Vec::new();
    for row in rows {
        let get = |r: Role| col(r).and_then(|i| row.cells.get(i).cloned().flatten());
        let text = get(Role::Text).or_else(|| get(Role::Name));
        let Some(text) = text else { continue };
        let lead = get(Role::Lead).map(|c| split_units(&c.text)).unwrap_or_default();
        let mut support = get(Role::Support).map(|c| split_units(&c.text)).unwrap_or_default();
        // 牵头单位 | 责任单位: beside a lead column, a units column names the rest (issue 11).
        if let (true, false, Some(c)) = (support.is_empty(), lead.is_empty(), get(Role::Units)) {
            support = split_units(&c.text).into_iter().filter(|u| !lead.contains(u)).collect();
        }
        let mut units: Vec<String> = Vec::new();
        for u in lead.iter().chain(&support) {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
        for c in [get(Role::Units), get(Role::UnitRow)].into_iter().flatten() {
            for u in split_units(&c.text) {
                if !units.contains(&u) {
                    units.push(u);
                }
            }
        }
        let raw: Vec<String> = [get(Role::Lead), get(Role::Support), get(Role::Units), get(Role::UnitRow)]
            .into_iter()
            .flatten()
            .map(|c| c.text)
            .collect();
        let lead = if support.is_empty() && get(Role::Lead).is_none() { Vec::new() } else { lead };
        // A 牵头 column is the table's rule for the roles; a units column alone tells none.
        let roles = if lead.is_empty() && support.is_empty() { RoleBasis::None } else { RoleBasis::Rule };
        let responsible = (!units.is_empty()).then(|| Responsibility {
            raw: raw.join("；"),
            units,
            lead,
            support,
            roles,
            unit_keys: Vec::new(),
        });
        let mut dates = Vec::new();
        if let Some(d) = get(Role::Deadline) {
            // A 完成时限 cell is a deadline whatever its wording ("2019年3月", "2019年6月底前").
            if let Some(mut f) = parse_date(&d.text, &ctx) {
                if f.kind == DateKind::Point {
                    f.kind = DateKind::Deadline;
                    f.end = f.start.take();
                }
                dates.push(f);
            } else {
                dates.extend(scan_dates(&d.text, &ctx).into_iter().map(|f| f.value));
            }
        }
        dates.extend(scan_dates(&text.text, &ctx).into_iter().map(|f| f.value));
        let targets = scan_targets(&text.text).into_iter().map(|f| f.value).collect();
        let start = row.cells.iter().flatten().map(|c| c.span[0]).min().unwrap_or(text.span[0]);
        let end = row.cells.iter().flatten().map(|c| c.span[1]).max().unwrap_or(text.span[1]);
        out.push(TableTask {
            no: get(Role::No).map(|c| c.text.trim().to_string()).filter(|s| !s.is_empty()),
            text: crate::clean::squeeze(&text.text),
            responsible,
            dates,
            targets,
            span: [start, end],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_names_a_role() {
        for (label, role) in data::pairs("table_headers") {
            assert!(role_named(role).is_some(), "{label}: unknown role {role:?}");
        }
    }

    #[test]
    fn roles_from_labels() {
        assert_eq!(header_role("序 号"), Some(Role::No));
        assert_eq!(header_role("牵头部门"), Some(Role::Lead));
        assert_eq!(header_role("完成时限"), Some(Role::Deadline));
        assert_eq!(header_role("加强组织领导"), None);
        assert!(is_task_header(&[Role::No, Role::Text, Role::Lead, Role::Deadline]));
        assert!(!is_task_header(&[Role::No, Role::Other]));
        assert_eq!(header_role("推进单位"), Some(Role::Units));
    }

    #[test]
    fn a_units_column_beside_a_lead_column_is_the_rest() {
        let cell = |t: &str| Some(CellText { text: t.into(), span: [0, 0] });
        let roles = [Role::Text, Role::Lead, Role::Units];
        let rows = [Row {
            cells: vec![cell("推进项目建设"), cell("区发改委"), cell("区财政局、区发改委")]
        }];
        let r = tasks(&roles, &rows, None).remove(0).responsible.unwrap();
        assert_eq!((r.lead, r.support), (vec!["区发改委".to_string()], vec!["区财政局".to_string()]));
    }
}
