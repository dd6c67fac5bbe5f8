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

/// Each line: `expect` is the one fact `scan_dates` finds (and `parse_date` reads), a list of
/// every fact found, or null where the input holds no date of the task.
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
        let wants: Vec<_> = match &case["expect"] {
            Value::Null => Vec::new(),
            Value::Array(all) => all.iter().map(expected).collect(),
            one => vec![expected(one)],
        };
        let facts = scan_dates(input, &ctx);
        let scanned: Vec<_> = facts.iter().map(|f| got(&f.value)).collect();
        if scanned != wants {
            failures.push(format!("scan_dates({input:?}): want {wants:?}, got {scanned:?}"));
        }
        for f in &facts {
            if input.get(f.start..f.end) != Some(f.value.raw.as_str()) {
                failures.push(format!("scan_dates({input:?}): raw {:?} is not the byte range", f.value.raw));
            }
        }
        if !case["expect"].is_object() {
            continue;
        }
        let parsed = parse_date(input, &ctx).map(|f| got(&f));
        if parsed.as_ref() != wants.first() {
            failures.push(format!("parse_date({input:?}): want {:?}, got {parsed:?}", wants.first()));
        }
    }
    assert!(n > 0);
    assert!(failures.is_empty(), "{} of {n} lines fail:\n{}", failures.len(), failures.join("\n"));
}

/// Whitespace removed, as the gold's text_prefix is written.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The document's year as the parser takes it: the notice's date, else the first year written
/// in the title, else in the text (a year with 年, or a 文号's 〔2016〕).
fn doc_year(gold: &Value, doc: &str) -> Option<i32> {
    let year_re = regex::Regex::new(r"((?:19|20)\d\d)(?:年|〕)").expect("regex");
    let first = |t: &str| year_re.captures(t).and_then(|c| c[1].parse().ok());
    gold["notice"]["date"]
        .as_str()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
        .or_else(|| gold["title"].as_str().and_then(first))
        .or_else(|| first(doc))
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
        let year = doc_year(&gold, &doc);
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
    // None missed (144 and 151 did until the year was taken as the parser takes it, from the
    // title or a cited 文号 when there is no notice date): every miss now fails.
    assert!(misses.is_empty(), "{} of {total} gold date facts missed", misses.len());
}
