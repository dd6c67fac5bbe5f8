//! Every line of tests/spec/dates.jsonl: `scan_dates` over the input returns exactly the one
//! expected fact (kind, start, end, year_inferred; `raw` is not compared), and `parse_date`
//! reads the same input as that fact.

use gongwen::testing::{parse_date, scan_dates, DateContext};
use gongwen::DateFact;
use serde_json::Value;

fn expected(v: &Value) -> (String, Option<String>, Option<String>, bool) {
    let s = |k: &str| v[k].as_str().map(str::to_string);
    (s("kind").unwrap_or_default(), s("start"), s("end"), v["year_inferred"].as_bool().unwrap_or(false))
}

fn got(f: &DateFact) -> (String, Option<String>, Option<String>, bool) {
    let kind = serde_json::to_value(f.kind).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default();
    (kind, f.start.clone(), f.end.clone(), f.year_inferred)
}

#[test]
fn every_spec_line() {
    let text = include_str!("spec/dates.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let case: Value = serde_json::from_str(line).expect("valid jsonl");
        let input = case["input"].as_str().expect("input");
        let ctx = DateContext { year: case["context_year"].as_i64().map(|y| y as i32), now: None };
        let want = expected(&case["expect"]);
        let facts = scan_dates(input, &ctx);
        let scanned: Vec<_> = facts.iter().map(|f| got(&f.value)).collect();
        if scanned != vec![want.clone()] {
            failures.push(format!("scan_dates({input:?}): want {want:?}, got {scanned:?}"));
        }
        for f in &facts {
            if input.get(f.start..f.end) != Some(f.value.raw.as_str()) {
                failures.push(format!("scan_dates({input:?}): raw {:?} is not the byte range", f.value.raw));
            }
        }
        let parsed = parse_date(input, &ctx).map(|f| got(&f));
        if parsed != Some(want.clone()) {
            failures.push(format!("parse_date({input:?}): want {want:?}, got {parsed:?}"));
        }
    }
    assert!(n > 0);
    assert!(failures.is_empty(), "{} of {n} lines fail:\n{}", failures.len(), failures.join("\n"));
}

/// Whitespace removed, as the gold's text_prefix is written.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The gold items with period/deadline/dates, checked the way the scorer (date_hits in
/// eval/score.py) checks them: each item's own text runs from its text_prefix to the next gold
/// item's prefix in the document (whitespace removed); the context year is the notice's year.
#[test]
fn corpus_gold_dates() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let Ok(entries) = std::fs::read_dir(format!("{dir}/gold")) else {
        return;
    };
    let mut names: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    let (mut hits, mut total) = (0, 0);
    let mut misses = Vec::new();
    for path in names {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let Ok(doc) = std::fs::read_to_string(format!("{dir}/docs/{file}")) else {
            continue;
        };
        let doc = squeeze(&doc);
        let year = gold["notice"]["date"].as_str().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let ctx = DateContext { year, now: year };
        let mut items: Vec<&Value> = gold["items"].as_array().into_iter().flatten().collect();
        items.extend(gold["table_tasks"].as_array().into_iter().flatten());
        // item start offsets, found in order
        let mut cursor = 0;
        let mut starts = Vec::new();
        for it in &items {
            let p = squeeze(it["text_prefix"].as_str().unwrap_or(""));
            let at = doc[cursor..].find(&p).map(|k| k + cursor).or_else(|| doc.find(&p));
            if let Some(a) = at {
                cursor = a;
            }
            starts.push(at);
        }
        for (k, it) in items.iter().enumerate() {
            let wants_any = ["period", "deadline", "dates"].iter().any(|f| !it[*f].is_null());
            let Some(a) = starts[k].filter(|_| wants_any) else {
                continue;
            };
            let b = starts[k + 1..].iter().flatten().copied().find(|&b| b > a).unwrap_or(doc.len()).min(a + 1500);
            let mut b = b;
            while !doc.is_char_boundary(b) {
                b -= 1;
            }
            let own = &doc[a..b];
            let ds: Vec<DateFact> = scan_dates(own, &ctx).into_iter().map(|f| f.value).collect();
            let mut check = |ok: bool, what: String| {
                total += 1;
                if ok {
                    hits += 1;
                } else {
                    misses.push(format!(
                        "{file} {}: {what} in {:?}",
                        it["path"].as_str().or(it["no"].as_str()).unwrap_or("?"),
                        own.chars().take(60).collect::<String>()
                    ));
                }
            };
            if let Some(p) = it["period"].as_array() {
                let (s, e) = (p[0].as_str(), p[1].as_str());
                check(
                    ds.iter().any(|d| d.start.as_deref() == s && d.end.as_deref() == e),
                    format!("period {s:?}-{e:?}"),
                );
            }
            if let Some(dl) = it["deadline"].as_str() {
                let ok = ds
                    .iter()
                    .any(|d| d.end.as_deref() == Some(dl) || (d.start.as_deref() == Some(dl) && d.end.is_none()));
                check(ok, format!("deadline {dl}"));
            }
            for p in it["dates"].as_array().into_iter().flatten() {
                let p = p.as_str();
                check(ds.iter().any(|d| d.start.as_deref() == p || d.end.as_deref() == p), format!("date {p:?}"));
            }
        }
    }
    eprintln!("corpus gold dates: {hits}/{total}");
    for m in &misses {
        eprintln!("MISS {m}");
    }
    // A ratchet, as tests/corpus.rs: the misses when issue 11's documents joined (144: a year from
    // a cited 文号; 151: a phase with no year in a plan titled 2023年度). Lower it as they are fixed.
    const MAX_MISSES: usize = 2;
    assert!(misses.len() <= MAX_MISSES, "{} of {total} gold date facts missed", misses.len());
}
