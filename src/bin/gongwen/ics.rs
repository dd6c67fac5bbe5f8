//! `gongwen tasks --format ics`: the tasks with a deadline as an iCalendar (RFC 5545) file of
//! VTODOs, so a clerk imports a plan's deadlines into a calendar or task app. The icalendar crate
//! writes the lines (escaping and folding at 75 octets); what goes in them is decided here.
//!
//! Re-imports update instead of duplicating, and the bytes do not change from run to run: the UID
//! comes from the document's sha256, the task's place (attachment and item path) and its text;
//! DTSTAMP is the notice's date (发文日期), else a fixed epoch — never the clock.

use gongwen::{RoleBasis, TaskRow};
use icalendar::{Calendar, Component, Property, Todo};
use sha2::{Digest, Sha256};

/// The tasks of one document, with what the calendar needs from the document itself.
pub struct DocTasks {
    /// `source.sha256` of the document.
    pub sha256: String,
    /// The covering notice's date (ISO), when the document has one.
    pub date: Option<String>,
    pub rows: Vec<TaskRow>,
}

impl DocTasks {
    pub fn of(doc: &gongwen::Document) -> DocTasks {
        DocTasks {
            sha256: doc.source.sha256.clone(),
            date: doc.notice.as_ref().and_then(|n| n.date.clone()),
            rows: gongwen::task_rows(doc),
        }
    }
}

/// DTSTAMP when the document prints no date: a fixed instant, so the output is reproducible.
const EPOCH_STAMP: &str = "19700101T000000Z";

/// The calendar of every task with a deadline, in input order, as CRLF text.
pub fn calendar(docs: &[DocTasks]) -> Vec<u8> {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        concat!("-//gongwen//gongwen ", env!("CARGO_PKG_VERSION"), "//ZH").to_string().as_str(),
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("X-WR-CALNAME", "任务清单"));
    for doc in docs {
        let stamp = doc
            .date
            .as_deref()
            .and_then(|d| compact_date(d, false))
            .map_or(EPOCH_STAMP.to_string(), |d| format!("{d}T000000Z"));
        for row in &doc.rows {
            if let Some(due) = row.deadline.as_deref().and_then(|d| compact_date(d, true)) {
                cal.push(todo(row, &doc.sha256, &stamp, &due));
            }
        }
    }
    cal.to_string().into_bytes()
}

fn todo(row: &TaskRow, sha256: &str, stamp: &str, due: &str) -> Todo {
    let mut due_prop = Property::new("DUE", due);
    due_prop.add_parameter("VALUE", "DATE");
    Todo::new()
        .uid(&uid(row, sha256))
        .add_property("DTSTAMP", stamp)
        .append_property(due_prop)
        .summary(&summary(row))
        .description(&description(row))
        .add_property("STATUS", "NEEDS-ACTION")
        .done()
}

/// Stable across runs and re-imports of the same document; distinct for each task of it.
fn uid(row: &TaskRow, sha256: &str) -> String {
    let mut h = Sha256::new();
    for part in [sha256, row.attachment.as_deref().unwrap_or(""), &row.path, &row.text] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let hex: String = h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@gongwen")
}

/// The item's short title (小标题), else the first 30 characters of its text.
fn summary(row: &TaskRow) -> String {
    let head = row.heading.as_deref().filter(|h| !h.is_empty());
    let text = head.unwrap_or(&row.text);
    let mut s: String = text.chars().take(30).collect();
    if head.is_none() && text.chars().count() > 30 {
        s.push('…');
    }
    format!("{} {s}", row.path)
}

/// The task text, its units with their roles as the text states them, and where it comes from.
fn description(row: &TaskRow) -> String {
    let mut lines = vec![row.text.clone()];
    match row.roles {
        RoleBasis::None if !row.units.is_empty() => lines.push(format!("责任单位：{}", row.units.join("、"))),
        RoleBasis::None => {}
        _ => {
            if !row.lead.is_empty() {
                lines.push(format!("牵头单位：{}", row.lead.join("、")));
            }
            if !row.support.is_empty() {
                lines.push(format!("配合单位：{}", row.support.join("、")));
            }
        }
    }
    if let Some(t) = &row.title {
        lines.push(format!("方案：{t}"));
    }
    let place = row.attachment.as_deref().map_or(String::new(), |a| format!("{a} "));
    lines.push(format!("来源：{} {place}{}", row.source, row.path));
    lines.join("\n")
}

/// An ISO partial date as YYYYMMDD: a year is its 31 December and a month its last day when
/// `end` (a deadline means "by the end of"), else their first day.
fn compact_date(iso: &str, end: bool) -> Option<String> {
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let (y, m, d) = match parts.as_slice() {
        [y] => (*y, if end { 12 } else { 1 }, None),
        [y, m] => (*y, *m, None),
        [y, m, d] => (*y, *m, Some(*d)),
        _ => return None,
    };
    let last = days_in_month(y, m)?;
    let d = d.unwrap_or(if end { last } else { 1 });
    ((1000..=9999).contains(&y) && (1..=last).contains(&d)).then(|| format!("{y:04}{m:02}{d:02}"))
}

fn days_in_month(y: u32, m: u32) -> Option<u32> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    Some(match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::compact_date;

    #[test]
    fn deadlines_end_their_period() {
        assert_eq!(compact_date("2023", true).as_deref(), Some("20231231"));
        assert_eq!(compact_date("2024-02", true).as_deref(), Some("20240229"));
        assert_eq!(compact_date("2023-02", true).as_deref(), Some("20230228"));
        assert_eq!(compact_date("1900-02", true).as_deref(), Some("19000228"));
        assert_eq!(compact_date("2023-07-15", true).as_deref(), Some("20230715"));
        assert_eq!(compact_date("2023-06", false).as_deref(), Some("20230601"));
        assert_eq!(compact_date("2023-13", true), None);
        assert_eq!(compact_date("2023-02-30", true), None);
        assert_eq!(compact_date("2023-Q3", true), None);
    }
}
