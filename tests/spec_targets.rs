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

#[test]
fn spec_targets() {
    let spec = include_str!("spec/targets.jsonl");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("spec line is JSON");
        let input = case["input"].as_str().expect("input");
        let expect = &case["expect"];
        cases += 1;
        let found = scan_targets(input);
        let Some(first) = found.first() else {
            failures.push(format!("{input}: nothing found"));
            continue;
        };
        let t = &first.value;
        let want_value = expect["value"].as_f64().expect("value");
        let ok = op_str(t.op) == expect["op"].as_str().expect("op")
            && (t.value - want_value).abs() < 1e-9
            && t.unit == expect["unit"].as_str().expect("unit");
        if !ok {
            failures.push(format!("{input}: got {} {} {}, want {expect}", op_str(t.op), t.value, t.unit));
        }
        assert_eq!(&input[first.start..first.end], t.raw, "range and raw agree");
    }
    assert!(cases > 0);
    assert!(failures.is_empty(), "{} of {cases} spec cases fail:\n{}", failures.len(), failures.join("\n"));
}
