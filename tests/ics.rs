//! `gongwen tasks --format ics`, read back by an independent parser (the `ical` crate): one VTODO
//! per task with a deadline, DUE an all-day date at the end of the deadline's period, UIDs stable
//! and distinct, DTSTAMP from the notice's date, RFC 5545 lines (CRLF, at most 75 octets), and the
//! same bytes on every run.

use std::io::BufReader;
use std::path::Path;
use std::process::Command;

fn gongwen(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn doc(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs").join(name).display().to_string()
}

/// The VTODOs as (name → value) lists, as the independent parser reads them.
fn todos(ics: &[u8]) -> Vec<Vec<(String, String, String)>> {
    let mut cals = ical::IcalParser::new(BufReader::new(ics));
    let cal = cals.next().expect("one calendar").expect("a valid calendar");
    assert!(cals.next().is_none());
    cal.todos
        .into_iter()
        .map(|t| {
            t.properties
                .into_iter()
                .map(|p| {
                    let params =
                        p.params.unwrap_or_default().iter().map(|(k, v)| format!("{k}={}", v.join(","))).collect();
                    (p.name, p.value.unwrap_or_default(), params)
                })
                .collect()
        })
        .collect()
}

fn value<'a>(todo: &'a [(String, String, String)], name: &str) -> &'a str {
    let found: Vec<_> = todo.iter().filter(|p| p.0 == name).collect();
    assert_eq!(found.len(), 1, "exactly one {name}");
    &found[0].1
}

/// The deadline of each task row with one, in order, from the JSONL rows.
fn deadlines(files: &[String]) -> Vec<(String, String)> {
    let mut args = vec!["tasks"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = gongwen(&args);
    assert_eq!(code, 0, "{err}");
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|r| Some((r["path"].as_str()?.to_string(), r["deadline"].as_str()?.to_string())))
        .collect()
}

#[test]
fn one_todo_per_deadline_with_an_all_day_due_date() {
    let files: Vec<String> = ["000.txt", "001.txt", "002.txt", "015.txt", "037.txt", "051.txt"].map(doc).to_vec();
    let mut args = vec!["tasks", "--format", "ics"];
    args.extend(files.iter().map(String::as_str));
    let (code, ics, err) = gongwen(&args);
    assert_eq!(code, 0, "{err}");
    let want = deadlines(&files);
    let got = todos(&ics);
    assert!(want.len() >= 60, "the corpus files have {} deadlines", want.len());
    assert_eq!(got.len(), want.len());
    let mut uids = std::collections::HashSet::new();
    for (todo, (path, deadline)) in got.iter().zip(&want) {
        let due = todo.iter().find(|p| p.0 == "DUE").unwrap();
        assert_eq!(due.2, "VALUE=DATE", "an all-day date");
        assert_eq!(due.1, expected_due(deadline), "{path}: {deadline}");
        assert!(value(todo, "SUMMARY").starts_with(path.as_str()));
        assert!(value(todo, "DESCRIPTION").contains("来源："));
        assert!(uids.insert(value(todo, "UID").to_string()), "UIDs are distinct");
        assert_eq!(value(todo, "DTSTAMP").len(), 16);
    }
    let (_, again, _) = gongwen(&args);
    assert!(again == ics, "the same bytes on every run");
    for line in ics.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        assert!(line.ends_with(b"\r"), "CRLF line ends");
        assert!(line.len() <= 76, "a line of {} octets", line.len() - 1);
    }
}

/// A year is due on 31 December, a month on its last day, a day on itself.
fn expected_due(deadline: &str) -> String {
    let last = |y: u32, m: u32| match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let p: Vec<u32> = deadline.split('-').map(|x| x.parse().unwrap()).collect();
    match p[..] {
        [y] => format!("{y:04}1231"),
        [y, m] => format!("{y:04}{m:02}{:02}", last(y, m)),
        [y, m, d] => format!("{y:04}{m:02}{d:02}"),
        _ => unreachable!(),
    }
}

#[test]
fn dtstamp_is_the_notice_date_and_uids_survive_a_rename() {
    // 001 is signed 2018-10-27: every VTODO is stamped then, not at the time of the run.
    let (_, ics, _) = gongwen(&["tasks", "--format", "ics", &doc("001.txt")]);
    let first = todos(&ics);
    assert!(!first.is_empty());
    assert!(first.iter().all(|t| value(t, "DTSTAMP") == "20181027T000000Z"));
    // The same document under another name: the same UIDs, so a re-import updates.
    let dir = std::env::temp_dir().join(format!("gongwen-ics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("改名后的方案.txt");
    std::fs::copy(doc("001.txt"), &copy).unwrap();
    let (_, ics2, _) = gongwen(&["tasks", "--format", "ics", copy.to_str().unwrap()]);
    let uids = |t: &[Vec<(String, String, String)>]| t.iter().map(|t| value(t, "UID").to_string()).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&todos(&ics2)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_document_without_deadlines_is_an_empty_calendar() {
    // 003 has tasks but states no deadline: a valid calendar with no VTODO.
    assert!(deadlines(&[doc("003.txt")]).is_empty());
    let (code, ics, _) = gongwen(&["tasks", "--format", "ics", &doc("003.txt")]);
    assert_eq!(code, 0);
    assert!(todos(&ics).is_empty());
}
