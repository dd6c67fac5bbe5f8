//! Every line of tests/spec/responsibility.jsonl: scan the input, merge the statements, and
//! compare units, lead and support exactly.

use gongwen::testing::{merge, scan_responsibility, RespRules};
use gongwen::Responsibility;
use serde_json::Value;

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// (units, lead, support) of `input` scanned under `rules`, or a failure message.
fn check(input: &str, want: &Value, rules: &mut RespRules) -> Option<String> {
    let found: Vec<Responsibility> = scan_responsibility(input, rules).into_iter().map(|f| f.value).collect();
    let got = merge(&found).unwrap_or_default();
    let (units, lead, support) = (strings(&want["units"]), strings(&want["lead"]), strings(&want["support"]));
    (got.units != units || got.lead != lead || got.support != support).then(|| {
        format!(
            "{input}\n  want units {units:?} lead {lead:?} support {support:?}\n  got  units {:?} lead {:?} support {:?}",
            got.units, got.lead, got.support
        )
    })
}

/// Each line, and the inputs of its `next` list (the following items of the same document,
/// scanned under the rules the line left: a rule with 下同 carries on, one without stays).
#[test]
fn every_spec_line() {
    let spec = include_str!("spec/responsibility.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let case: Value = serde_json::from_str(line).expect("spec line is JSON");
        let mut rules = RespRules::default();
        failures.extend(check(case["input"].as_str().expect("input"), &case["expect"], &mut rules));
        for next in case["next"].as_array().into_iter().flatten() {
            let input = next["input"].as_str().expect("input");
            failures.extend(check(input, &next["expect"], &mut rules).map(|f| format!("(next) {f}")));
        }
    }
    assert!(n >= 41, "spec has {n} lines");
    assert!(failures.is_empty(), "{} of {n} spec lines fail:\n{}", failures.len(), failures.join("\n"));
}

/// In running text the statement's range covers exactly the spec input: the caller can cut it
/// out and leave the text around it whole. Lines marked `whole` are an item's whole text (prose,
/// a text that stops inside a name): there the end of the text matters, and prose is not cut.
#[test]
fn ranges_cover_the_statement() {
    let spec = include_str!("spec/responsibility.jsonl");
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("spec line is JSON");
        if case["whole"].as_bool() == Some(true) {
            continue;
        }
        let input = case["input"].as_str().expect("input");
        let before = "做好宣传工作。";
        let text = format!("{before}{input} 2.下一项工作");
        let found = scan_responsibility(&text, &mut RespRules::default());
        let (Some(first), Some(last)) = (found.first(), found.last()) else {
            panic!("{text}: nothing found");
        };
        assert_eq!(first.start, before.len(), "{text}");
        assert_eq!(last.end, before.len() + input.len(), "{text}");
    }
}

/// Corpus sweep, run by hand: `RESP_CORPUS=items.jsonl cargo test --test spec_responsibility -- --ignored --nocapture`.
/// Each line holds {doc, path, text, units, lead, support} for one gold item (its own text cut
/// from the corpus document). Prints every item whose units differ and the unit F1, scored like
/// eval/score.py (false units count).
#[test]
#[ignore]
fn corpus_sweep() {
    let Ok(path) = std::env::var("RESP_CORPUS") else {
        return;
    };
    let data = std::fs::read_to_string(path).expect("corpus file");
    let (mut tp, mut fp, mut fnn, mut roles_ok, mut roles_all) = (0, 0, 0, 0, 0);
    let mut doc = String::new();
    let mut rules = RespRules::default();
    for line in data.lines() {
        let case: Value = serde_json::from_str(line).expect("json");
        if case["doc"].as_str() != Some(&doc) {
            doc = case["doc"].as_str().unwrap_or_default().to_string();
            rules = RespRules::default();
        }
        let text = case["text"].as_str().unwrap_or_default();
        let found: Vec<Responsibility> = scan_responsibility(text, &mut rules).into_iter().map(|f| f.value).collect();
        let got = merge(&found).unwrap_or_default();
        let want = strings(&case["units"]);
        let mut rest = got.units.clone();
        for u in &want {
            if let Some(k) = rest.iter().position(|x| x == u) {
                rest.remove(k);
                tp += 1;
            } else {
                fnn += 1;
            }
        }
        fp += rest.len();
        let mut bad = got.units != want;
        if !case["lead"].is_null() {
            roles_all += 1;
            let mut a = (strings(&case["lead"]), strings(&case["support"]));
            let mut b = (got.lead.clone(), got.support.clone());
            a.0.sort();
            a.1.sort();
            b.0.sort();
            b.1.sort();
            if a == b {
                roles_ok += 1;
            } else {
                bad = true;
            }
        }
        if bad {
            println!(
                "{doc} {}: want {want:?} L{:?} S{:?}\n   got {:?} L{:?} S{:?}\n   raw {:?}",
                case["path"], case["lead"], case["support"], got.units, got.lead, got.support, got.raw
            );
        }
    }
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fnn).max(1) as f64;
    println!("units tp {tp} fp {fp} fn {fnn} F1 {f1:.4}; roles {roles_ok}/{roles_all}");
}

/// Lists every statement found in whole documents, run by hand to look for false statements:
/// `RESP_DOCS=/path/to/docs cargo test --test spec_responsibility -- --ignored --nocapture`.
#[test]
#[ignore]
fn corpus_statements() {
    let Ok(dir) = std::env::var("RESP_DOCS") else {
        return;
    };
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).expect("docs dir").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let mut rules = RespRules::default();
        for f in scan_responsibility(&text, &mut rules) {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            println!("{name}\t{}\t{:?}\tL{:?}\tS{:?}", f.value.raw, f.value.units, f.value.lead, f.value.support);
        }
    }
}
