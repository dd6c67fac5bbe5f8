//! Every line of tests/spec/responsibility.jsonl: scan the input, merge the statements, and
//! compare units, lead and support exactly.

use gongwen::grammar::responsibility::{merge, scan_responsibility, RespRules};
use gongwen::model::Responsibility;
use serde_json::Value;

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

#[test]
fn every_spec_line() {
    let spec = include_str!("spec/responsibility.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let case: Value = serde_json::from_str(line).expect("spec line is JSON");
        let input = case["input"].as_str().expect("input");
        let want = &case["expect"];
        let mut rules = RespRules::default();
        let found: Vec<Responsibility> =
            scan_responsibility(input, &mut rules).into_iter().map(|f| f.value).collect();
        let got = merge(&found).unwrap_or_default();
        let (units, lead, support) = (strings(&want["units"]), strings(&want["lead"]), strings(&want["support"]));
        if got.units != units || got.lead != lead || got.support != support {
            failures.push(format!(
                "{input}\n  want units {units:?} lead {lead:?} support {support:?}\n  got  units {:?} lead {:?} support {:?}",
                got.units, got.lead, got.support
            ));
        }
    }
    assert!(n >= 16, "spec has {n} lines");
    assert!(failures.is_empty(), "{} of {n} spec lines fail:\n{}", failures.len(), failures.join("\n"));
}

/// In running text the statement's range covers exactly the spec input: the caller can cut it
/// out and leave the text around it whole.
#[test]
fn ranges_cover_the_statement() {
    let spec = include_str!("spec/responsibility.jsonl");
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("spec line is JSON");
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
