//! Every line of tests/spec/targets.jsonl: `scan_targets(input)` yields the expected target first
//! (op, value, unit).

use gongwen::testing::scan_targets;
use gongwen::Op;

fn op_str(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Gt => ">",
        Op::Le => "<=",
        Op::Lt => "<",
        Op::Eq => "=",
        Op::Approx => "~",
    }
}

/// (op, value, unit, indicator) of one expected target; the indicator only where the line says.
fn want(v: &serde_json::Value) -> (String, f64, String, Option<String>) {
    (
        v["op"].as_str().expect("op").to_string(),
        v["value"].as_f64().expect("value"),
        v["unit"].as_str().expect("unit").to_string(),
        v["indicator"].as_str().map(str::to_string),
    )
}

/// Each line: `expect` is the first target found, a list of every target found, or null where
/// the input sets no target.
#[test]
fn spec_targets() {
    let spec = include_str!("spec/targets.jsonl");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("spec line is JSON");
        let input = case["input"].as_str().expect("input");
        cases += 1;
        let found = scan_targets(input);
        let (wants, all) = match &case["expect"] {
            serde_json::Value::Null => (Vec::new(), true),
            serde_json::Value::Array(a) => (a.iter().map(want).collect(), true),
            one => (vec![want(one)], false),
        };
        let got: Vec<_> = found.iter().take(if all { found.len() } else { 1 }).map(|f| &f.value).collect();
        let same = got.len() == wants.len()
            && got.iter().zip(&wants).all(|(t, (op, value, unit, ind))| {
                op_str(t.op) == op
                    && (t.value - value).abs() < 1e-9
                    && t.unit == *unit
                    && (ind.is_none() || t.indicator == *ind)
            });
        if !same {
            let got: Vec<_> = got.iter().map(|t| (op_str(t.op), t.value, &t.unit, &t.indicator)).collect();
            failures.push(format!("{input}: got {got:?}, want {wants:?}"));
        }
        for f in &found {
            assert_eq!(&input[f.start..f.end], f.value.raw, "range and raw agree");
        }
    }
    assert!(cases > 0);
    assert!(failures.is_empty(), "{} of {cases} spec cases fail:\n{}", failures.len(), failures.join("\n"));
}
