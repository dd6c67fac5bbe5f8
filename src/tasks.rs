//! Task lists (任务清单) for trackers: flat rows drawn from a [`Document`], and the per-unit view
//! (按单位) that supervision offices (督查室) send to each office. Pure: no I/O; the CLI writes
//! the rows as JSONL, CSV or XLSX.
//!
//! A row is one actionable task: every item that has its own responsibility (责任单位), its own
//! deadline, or no children, and every table task (任务分工表 row), in the body and in the
//! attachments. An item without its own responsibility takes its nearest ancestor's, and one
//! without dates of its own takes its nearest ancestor's deadline/period; both are flagged, so a
//! tracker can tell what the text says from what was carried down.

use crate::model::{DateFact, DateKind, Document, Item, Responsibility, RoleBasis, TableTask, Target};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a row was drawn from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A numbered item of the body or of an attachment.
    Item,
    /// A row of a task table (任务分工表).
    TableTask,
}

/// One actionable task. The field order is the column order of the CSV and of the XLSX sheet;
/// names are part of the public contract (fields are only ever added).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TaskRow {
    /// The input file (`source.path` of the document).
    pub source: String,
    /// The plan's title.
    pub title: Option<String>,
    /// 文号 of the covering notice.
    pub doc_number: Option<String>,
    /// The attachment label (附件1, 附件…) when the task stands in an attachment; null in the body.
    pub attachment: Option<String>,
    pub kind: TaskKind,
    /// The item path ("2.1.3"); for a table task its 序号 as written, else "#" and its row
    /// number counted from 1 within its table part.
    pub path: String,
    /// The item's short title (小标题), when it has one.
    pub heading: Option<String>,
    /// The task text.
    pub text: String,
    /// 牵头单位: lead units, as the text states them (see `roles`); empty when it does not.
    pub lead: Vec<String>,
    /// 配合单位: supporting units, as the text states them; empty when it does not.
    pub support: Vec<String>,
    /// All responsible units, in order.
    pub units: Vec<String>,
    /// True when the units come from the nearest ancestor with a responsibility line.
    pub units_inherited: bool,
    /// Completion deadline (完成时限), ISO partial date ("2023", "2023-07", "2023-07-31").
    pub deadline: Option<String>,
    /// Start of the period (时间安排), ISO partial date; a single date (2023年5月) is a period
    /// that starts and ends on it.
    pub period_start: Option<String>,
    /// End of the period, ISO partial date.
    pub period_end: Option<String>,
    /// True when deadline and period come from the nearest ancestor that states dates.
    pub dates_inherited: bool,
    /// Quantitative targets as written (满意度达90%以上).
    pub targets: Vec<String>,
    /// How `lead`/`support` are known: `stated` by a label or role word, by a `rule` (列第一位者为
    /// 牵头单位, a 牵头 column), or `none` (then both are empty and every unit is responsible).
    pub roles: RoleBasis,
    /// One key per unit of `units` (the place and the full name of the office): group by it to
    /// count one office once across plans.
    pub unit_keys: Vec<String>,
}

/// The version of the task row schema: 2 since `lead`/`support` hold only roles the text states
/// (they held every unit when it stated none) and rows gained `roles` and `unit_keys`.
pub const TASK_SCHEMA_VERSION: &str = "2";

/// The dates a task carries: deadline and period, as they pass down the tree.
#[derive(Debug, Clone, Default, PartialEq)]
struct When {
    deadline: Option<String>,
    period: Option<(Option<String>, Option<String>)>,
}

impl When {
    fn of(dates: &[DateFact]) -> When {
        let deadline =
            dates.iter().find(|d| d.kind == DateKind::Deadline).and_then(|d| d.end.clone().or_else(|| d.start.clone()));
        // A range first; a single point in time (2023年5月召开大会) is a one-date period.
        let period =
            dates.iter().find(|d| d.kind == DateKind::Range).map(|d| (d.start.clone(), d.end.clone())).or_else(|| {
                dates
                    .iter()
                    .find(|d| d.kind == DateKind::Point && d.start.is_some())
                    .map(|d| (d.start.clone(), d.start.clone()))
            });
        When { deadline, period }
    }

    fn is_empty(&self) -> bool {
        self.deadline.is_none() && self.period.is_none()
    }
}

/// What a document gives every row.
struct Context<'a> {
    source: &'a str,
    title: Option<&'a str>,
    doc_number: Option<&'a str>,
    attachment: Option<&'a str>,
}

/// The task rows of a document, in reading order: body items, body table tasks, then each
/// attachment's items and table tasks.
pub fn task_rows(doc: &Document) -> Vec<TaskRow> {
    task_rows_with_spans(doc).into_iter().map(|(r, _)| r).collect()
}

/// The task rows with the span (byte offsets [start, end) into the decoded source text) of the
/// item or table row each comes from, so a viewer can show a task in its place.
pub fn task_rows_with_spans(doc: &Document) -> Vec<(TaskRow, [usize; 2])> {
    let mut out = Vec::new();
    let mut cx = Context {
        source: &doc.source.path,
        title: doc.title.as_deref(),
        doc_number: doc.notice.as_ref().and_then(|n| n.doc_number.as_deref()),
        attachment: None,
    };
    part_rows(&cx, &doc.items, &doc.table_tasks, &mut out);
    for a in &doc.attachments {
        cx.attachment = Some(&a.label);
        part_rows(&cx, &a.items, &a.table_tasks, &mut out);
    }
    out
}

fn part_rows(cx: &Context, items: &[Item], tables: &[TableTask], out: &mut Vec<(TaskRow, [usize; 2])>) {
    for it in items {
        item_rows(cx, it, None, &When::default(), out);
    }
    for (i, t) in tables.iter().enumerate() {
        let path = match t.no.as_deref().map(str::trim) {
            Some(no) if !no.is_empty() => no.to_string(),
            _ => format!("#{}", i + 1),
        };
        out.push((
            row(
                cx,
                TaskKind::TableTask,
                path,
                None,
                &t.text,
                t.responsible.as_ref(),
                false,
                &When::of(&t.dates),
                false,
                &t.targets,
            ),
            t.span,
        ));
    }
}

/// Walks one item and its children, carrying the nearest ancestor's responsibility and dates.
fn item_rows<'a>(
    cx: &Context,
    it: &'a Item,
    up_resp: Option<&'a Responsibility>,
    up_when: &When,
    out: &mut Vec<(TaskRow, [usize; 2])>,
) {
    let own_resp = it.responsible.as_ref().filter(|r| !r.units.is_empty());
    let own_when = When::of(&it.dates);
    let has_deadline = own_when.deadline.is_some();
    if own_resp.is_some() || has_deadline || it.children.is_empty() {
        let (resp, resp_inh) = match own_resp {
            Some(r) => (Some(r), false),
            None => (up_resp, up_resp.is_some()),
        };
        let (when, when_inh) = if own_when.is_empty() { (up_when, !up_when.is_empty()) } else { (&own_when, false) };
        out.push((
            row(
                cx,
                TaskKind::Item,
                it.path.clone(),
                it.heading.as_deref(),
                &it.text,
                resp,
                resp_inh,
                when,
                when_inh,
                &it.targets,
            ),
            it.span,
        ));
    }
    let next_resp = own_resp.or(up_resp);
    let next_when = if own_when.is_empty() { up_when } else { &own_when };
    for c in &it.children {
        item_rows(cx, c, next_resp, next_when, out);
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    cx: &Context,
    kind: TaskKind,
    path: String,
    heading: Option<&str>,
    text: &str,
    resp: Option<&Responsibility>,
    units_inherited: bool,
    when: &When,
    dates_inherited: bool,
    targets: &[Target],
) -> TaskRow {
    let (lead, support, units) = match resp {
        Some(r) => roles(r),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let unit_keys = resp.map_or(Vec::new(), |r| keys_of(r, &units));
    let (period_start, period_end) = when.period.clone().unwrap_or((None, None));
    TaskRow {
        source: cx.source.to_string(),
        title: cx.title.map(str::to_string),
        doc_number: cx.doc_number.map(str::to_string),
        attachment: cx.attachment.map(str::to_string),
        kind,
        path,
        heading: heading.map(str::to_string),
        text: text.to_string(),
        lead,
        support,
        units,
        units_inherited,
        deadline: when.deadline.clone(),
        period_start,
        period_end,
        dates_inherited,
        targets: targets.iter().map(|t| t.raw.clone()).collect(),
        roles: resp.map_or(RoleBasis::None, |r| r.roles),
        unit_keys,
    }
}

/// The key of each of `units`, from the responsibility's own keys (the name itself when it has
/// none: a document parsed before keys existed).
fn keys_of(r: &Responsibility, units: &[String]) -> Vec<String> {
    units
        .iter()
        .map(|u| r.units.iter().position(|x| x == u).and_then(|i| r.unit_keys.get(i)).unwrap_or(u).clone())
        .collect()
}

/// Lead, support and all units. When the text states no roles (责任单位：A、B), lead and support
/// stay empty: every unit is responsible, none is said to lead. When it states them, a unit named
/// but in neither role list supports.
fn roles(r: &Responsibility) -> (Vec<String>, Vec<String>, Vec<String>) {
    if r.roles == RoleBasis::None || (r.lead.is_empty() && r.support.is_empty()) {
        return (Vec::new(), Vec::new(), r.units.clone());
    }
    let mut lead = r.lead.clone();
    let mut support = r.support.clone();
    if lead.is_empty() {
        // Only 配合单位 named: the others in `units` are the responsible ones.
        lead = r.units.iter().filter(|u| !support.contains(u)).cloned().collect();
    } else {
        for u in &r.units {
            if !lead.contains(u) && !support.contains(u) {
                support.push(u.clone());
            }
        }
    }
    let mut units = r.units.clone();
    for u in lead.iter().chain(&support) {
        if !units.contains(u) {
            units.push(u.clone());
        }
    }
    (lead, support, units)
}

/// A task as listed under a unit.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UnitTask {
    pub source: String,
    pub attachment: Option<String>,
    pub path: String,
    pub heading: Option<String>,
    pub text: String,
    pub deadline: Option<String>,
    /// True when the unit comes from an ancestor's responsibility line.
    pub units_inherited: bool,
}

/// One office's share of the tasks (按单位): what it leads, supports, or answers for where the
/// text names no roles, and when. Names that share a unit key are one office.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UnitView {
    /// The unit as first written (县委办).
    pub unit: String,
    /// Its key (see `TaskRow::unit_keys`).
    pub key: String,
    /// Every name the office is written with, in order of first appearance.
    pub names: Vec<String>,
    /// Tasks it leads (牵头).
    pub lead: Vec<UnitTask>,
    /// Tasks it supports (配合).
    pub support: Vec<UnitTask>,
    /// Tasks it is responsible for where the text does not say lead or support (责任单位).
    pub responsible: Vec<UnitTask>,
    /// The distinct deadlines of all its tasks, ascending.
    pub deadlines: Vec<String>,
}

/// A unit's role in one task row.
#[derive(Clone, Copy, PartialEq)]
enum Share {
    Lead,
    Support,
    Responsible,
}

/// The per-office view of task rows, offices in order of first appearance.
pub fn unit_views(rows: &[TaskRow]) -> Vec<UnitView> {
    let mut views: Vec<UnitView> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in rows {
        let task = UnitTask {
            source: r.source.clone(),
            attachment: r.attachment.clone(),
            path: r.path.clone(),
            heading: r.heading.clone(),
            text: r.text.clone(),
            deadline: r.deadline.clone(),
            units_inherited: r.units_inherited,
        };
        for (k, u) in r.units.iter().enumerate() {
            let share = if r.lead.contains(u) {
                Share::Lead
            } else if r.support.contains(u) {
                Share::Support
            } else if r.roles == RoleBasis::None {
                Share::Responsible
            } else {
                continue;
            };
            let key = r.unit_keys.get(k).unwrap_or(u);
            let i = *index.entry(key.clone()).or_insert_with(|| {
                views.push(UnitView {
                    unit: u.clone(),
                    key: key.clone(),
                    names: Vec::new(),
                    lead: Vec::new(),
                    support: Vec::new(),
                    responsible: Vec::new(),
                    deadlines: Vec::new(),
                });
                views.len() - 1
            });
            add(&mut views[i], u, share, &task);
        }
    }
    views
}

fn add(v: &mut UnitView, name: &str, share: Share, task: &UnitTask) {
    if !v.names.iter().any(|n| n == name) {
        v.names.push(name.to_string());
    }
    match share {
        Share::Lead => v.lead.push(task.clone()),
        Share::Support => v.support.push(task.clone()),
        Share::Responsible => v.responsible.push(task.clone()),
    }
    if let Some(d) = &task.deadline {
        if let Err(at) = v.deadlines.binary_search(d) {
            v.deadlines.insert(at, d.clone());
        }
    }
}

/// The CSV column names, in order (the serde names of [`TaskRow`]).
pub const TASK_COLUMNS: [&str; 19] = [
    "source",
    "title",
    "doc_number",
    "attachment",
    "kind",
    "path",
    "heading",
    "text",
    "lead",
    "support",
    "units",
    "units_inherited",
    "deadline",
    "period_start",
    "period_end",
    "dates_inherited",
    "targets",
    "roles",
    "unit_keys",
];

/// Several units (or targets) in one cell are joined by 、 (the enumeration comma).
pub const TASK_LIST_JOIN: &str = "、";

/// The row's cells as text, in [`TASK_COLUMNS`] order: lists joined by [`TASK_LIST_JOIN`], booleans as
/// true/false, missing values empty.
pub fn task_cells(r: &TaskRow) -> [String; 19] {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    [
        r.source.clone(),
        opt(&r.title),
        opt(&r.doc_number),
        opt(&r.attachment),
        match r.kind {
            TaskKind::Item => "item".into(),
            TaskKind::TableTask => "table_task".into(),
        },
        r.path.clone(),
        opt(&r.heading),
        r.text.clone(),
        r.lead.join(TASK_LIST_JOIN),
        r.support.join(TASK_LIST_JOIN),
        r.units.join(TASK_LIST_JOIN),
        r.units_inherited.to_string(),
        opt(&r.deadline),
        opt(&r.period_start),
        opt(&r.period_end),
        r.dates_inherited.to_string(),
        r.targets.join(TASK_LIST_JOIN),
        role_basis_name(r.roles).into(),
        r.unit_keys.join(TASK_LIST_JOIN),
    ]
}

/// The serialized name of a role basis ("stated", "rule", "none").
pub fn role_basis_name(b: RoleBasis) -> &'static str {
    match b {
        RoleBasis::Stated => "stated",
        RoleBasis::Rule => "rule",
        RoleBasis::None => "none",
    }
}

/// Appends one CSV record per RFC 4180: fields holding a comma, quote, CR or LF are quoted, quotes
/// doubled, records end with CRLF.
pub fn csv_record<S: AsRef<str>>(fields: &[S], out: &mut String) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// The JSON Schema of [`TaskRow`]; the committed copy is schema/task.schema.json.
pub fn task_schema() -> String {
    let mut schema = schemars::schema_for!(TaskRow);
    schema.schema.extensions.insert("version".into(), serde_json::Value::from(TASK_SCHEMA_VERSION));
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        crate::parse(text.as_bytes(), &crate::Options { path: "t.txt".into(), ..Default::default() }).unwrap()
    }

    #[test]
    fn leaves_and_responsible_parents_are_rows_and_units_pass_down() {
        let doc = parse(
            "XX县创建工作实施方案\n一、工作步骤\n（一）宣传发动（2023年5月-8月）。责任单位：县委宣传部\n1.召开发动大会。\n2.做好公益广告，2023年7月底前完成。责任单位：县文明办、县住建局\n（二）总结验收。\n",
        );
        let rows = task_rows(&doc);
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["1.1", "1.1.1", "1.1.2", "1.2"], "{rows:#?}");
        let r = &rows[1];
        assert_eq!(r.units, ["县委宣传部"]);
        assert!(r.units_inherited && r.dates_inherited);
        assert_eq!((r.period_start.as_deref(), r.period_end.as_deref()), (Some("2023-05"), Some("2023-08")));
        let r = &rows[2];
        // 责任单位 names no roles: nobody is said to lead.
        assert!(r.lead.is_empty() && r.support.is_empty() && r.roles == RoleBasis::None);
        assert_eq!(r.units, ["县文明办", "县住建局"]);
        assert!(!r.units_inherited && !r.dates_inherited);
        assert_eq!(r.deadline.as_deref(), Some("2023-07"));
        assert!(rows[3].units.is_empty() && !rows[3].units_inherited);
    }

    #[test]
    fn roles_split_lead_and_support() {
        let r = Responsibility {
            raw: String::new(),
            units: vec!["A".into(), "B".into(), "C".into()],
            lead: vec!["A".into()],
            support: vec!["B".into()],
            roles: RoleBasis::Stated,
            ..Responsibility::default()
        };
        let (lead, support, units) = roles(&r);
        assert_eq!((lead, support, units.len()), (vec!["A".to_string()], vec!["B".to_string(), "C".to_string()], 3));
        let r = Responsibility {
            raw: String::new(),
            units: vec!["A".into(), "B".into()],
            lead: vec![],
            support: vec!["B".into()],
            roles: RoleBasis::Stated,
            ..Responsibility::default()
        };
        assert_eq!(roles(&r).0, ["A"]);
    }

    #[test]
    fn per_unit_view_lists_led_and_supported_tasks_with_deadlines() {
        let doc = parse(
            "一、重点任务\n（一）做好公益广告，2023年7月底前完成。牵头单位：县文明办；配合单位：县住建局\n（二）开展好文艺宣传，2023年6月底前完成。责任单位：县住建局\n",
        );
        let views = unit_views(&task_rows(&doc));
        let names: Vec<&str> = views.iter().map(|v| v.unit.as_str()).collect();
        assert_eq!(names, ["县文明办", "县住建局"], "{views:#?}");
        assert_eq!((views[1].lead.len(), views[1].support.len(), views[1].responsible.len()), (0, 1, 1));
        assert_eq!(views[1].deadlines, ["2023-06", "2023-07"]);
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let mut s = String::new();
        csv_record(&["a", "b,c", "say \"hi\"", "x\ny", "县委办、县政府办"], &mut s);
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",县委办、县政府办\r\n");
    }

    #[test]
    fn cells_follow_the_column_order() {
        let doc = parse("一、重点任务\n（一）做好公益广告。责任单位：县文明办、县住建局\n");
        let r = &task_rows(&doc)[0];
        let c = task_cells(r);
        assert_eq!(c.len(), TASK_COLUMNS.len());
        let v = serde_json::to_value(r).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut cols = TASK_COLUMNS.to_vec();
        cols.sort();
        let mut keys = keys.clone();
        keys.sort();
        assert_eq!(cols, keys);
        assert_eq!(c[10], "县文明办、县住建局");
    }
}
