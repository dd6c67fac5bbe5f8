//! Output bytes shared by the commands and `gongwen serve`: the document JSON exactly as
//! `gongwen parse` prints it, and task lists as JSONL, CSV, XLSX or ICS exactly as `gongwen tasks`
//! writes them. One code path, so the API cannot drift from the CLI.

pub use crate::ics::DocTasks;
use gongwen::Document;
use gongwen::{csv_record, task_cells, unit_views, TaskRow, UnitView, TASK_COLUMNS};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TaskFormat {
    Jsonl,
    Csv,
    Xlsx,
    /// iCalendar (RFC 5545): one VTODO per task with a deadline.
    Ics,
}

/// The document as `gongwen parse` prints it (see [`gongwen::write_json`]), as bytes.
pub fn document_json(doc: &Document, pretty: bool) -> Vec<u8> {
    let mut json = Vec::new();
    gongwen::write_json(doc, pretty, &mut json).expect("writing to memory cannot fail");
    json
}

/// Task rows in one of the formats of `gongwen tasks`; `excel` starts a CSV with a byte-order mark.
pub fn task_bytes(docs: &[DocTasks], format: TaskFormat, excel: bool) -> Result<Vec<u8>, XlsxError> {
    let rows = || docs.iter().flat_map(|d| d.rows.iter());
    Ok(match format {
        TaskFormat::Jsonl => {
            let mut out = Vec::new();
            for r in rows() {
                serde_json::to_writer(&mut out, r).expect("a row serializes");
                out.push(b'\n');
            }
            out
        }
        TaskFormat::Csv => {
            let mut s = String::new();
            if excel {
                // The BOM is how Excel on Windows tells UTF-8 from the local code page (GBK).
                s.push('\u{feff}');
            }
            csv_record(&TASK_COLUMNS, &mut s);
            for r in rows() {
                csv_record(&task_cells(r), &mut s);
            }
            s.into_bytes()
        }
        TaskFormat::Xlsx => xlsx(&rows().cloned().collect::<Vec<_>>())?,
        TaskFormat::Ics => crate::ics::calendar(docs),
    })
}

/// Column headers of the 任务清单 sheet (for people: Chinese), in `TASK_COLUMNS` order,
/// with widths in characters.
const SHEET_COLUMNS: [(&str, f64); 19] = [
    ("文件", 18.0),
    ("方案标题", 24.0),
    ("文号", 18.0),
    ("附件", 8.0),
    ("类型", 10.0),
    ("序号", 10.0),
    ("小标题", 24.0),
    ("任务内容", 60.0),
    ("牵头单位", 24.0),
    ("配合单位", 24.0),
    ("责任单位", 28.0),
    ("单位继承", 9.0),
    ("完成时限", 11.0),
    ("开始时间", 11.0),
    ("结束时间", 11.0),
    ("时间继承", 9.0),
    ("目标", 30.0),
    ("职责", 14.0),
    ("单位标识", 30.0),
];

/// Excel refuses cells longer than 32,767 characters.
fn cell(s: &str) -> String {
    const MAX: usize = 32_000;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

/// The workbook: 任务清单 (one row per task) and 按单位 (each unit's led and supported tasks).
/// Metadata is fixed (creation date 2000-01-01, no author) so the same rows give the same bytes.
pub fn xlsx(rows: &[TaskRow]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date).set_title("任务清单"));
    let head = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let ws = wb.add_worksheet();
    ws.set_name("任务清单")?;
    header(ws, &SHEET_COLUMNS, &head)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = task_cells(r);
        for (c, v) in cells.iter().enumerate() {
            let v = match c {
                4 => if v == "item" { "条目" } else { "表格" }.to_string(),
                11 | 15 => if v == "true" { "是" } else { "" }.to_string(),
                // Whether the text says who leads: 牵头/配合 as stated or by a rule, else 责任.
                17 => match v.as_str() {
                    "stated" => "牵头/配合",
                    "rule" => "牵头/配合（按规则）",
                    _ => "责任",
                }
                .to_string(),
                _ => cell(v),
            };
            if !v.is_empty() {
                ws.write_string_with_format(row, c as u16, v, &wrap)?;
            }
        }
    }
    if !rows.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, SHEET_COLUMNS.len() as u16 - 1)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("按单位")?;
    let cols: [(&str, f64); 9] = [
        ("单位", 20.0),
        ("写法", 28.0),
        ("角色", 8.0),
        ("完成时限", 11.0),
        ("文件", 18.0),
        ("附件", 8.0),
        ("序号", 10.0),
        ("任务内容", 70.0),
        ("单位继承", 9.0),
    ];
    header(ws, &cols, &head)?;
    let mut row = 1u32;
    for v in unit_views(rows) {
        let UnitView { unit, names, lead, support, responsible, .. } = v;
        let names = names.join(gongwen::TASK_LIST_JOIN);
        for (role, list) in [("牵头", lead), ("配合", support), ("责任", responsible)] {
            for t in list {
                let text = match &t.heading {
                    Some(h) if !t.text.starts_with(h.as_str()) => format!("{h}：{}", t.text),
                    _ => t.text.clone(),
                };
                let vals = [
                    unit.clone(),
                    names.clone(),
                    role.to_string(),
                    t.deadline.clone().unwrap_or_default(),
                    t.source.clone(),
                    t.attachment.clone().unwrap_or_default(),
                    t.path.clone(),
                    cell(&text),
                    if t.units_inherited { "是".into() } else { String::new() },
                ];
                for (c, v) in vals.iter().enumerate() {
                    if !v.is_empty() {
                        ws.write_string_with_format(row, c as u16, v, &wrap)?;
                    }
                }
                row += 1;
            }
        }
    }
    if row > 1 {
        ws.autofilter(0, 0, row - 1, cols.len() as u16 - 1)?;
    }
    wb.save_to_buffer()
}

fn header(ws: &mut Worksheet, cols: &[(&str, f64)], fmt: &Format) -> Result<(), XlsxError> {
    for (c, (name, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, fmt)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
