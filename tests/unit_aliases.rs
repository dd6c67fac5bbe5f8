//! One name per unit, measured: tests/units/aliases.tsv holds pairs of unit names labelled "the same
//! office" (1) or "two offices that look alike" (0) by a reader other than the author of the rules in
//! src/grammar/unit_keys.rs, from the corpus and from public lists of organ names (机构设置 pages).
//! Each pair may carry the issuer of the document it comes from, which gives unplaced names their
//! place. A pair is merged when both names get the same key. A wrong merge counts more than a missed
//! one (a supervision office would add up two offices' tasks), so precision has the higher bar.

use gongwen::testing::{issuer_place, unit_key, KeyContext};

struct Pair {
    a: String,
    b: String,
    same: bool,
    issuer: String,
}

fn pairs(text: &str) -> Vec<Pair> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("a\tb\tsame\tissuer\tsource\tnote"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Pair { a: f[0].into(), b: f[1].into(), same: f[2] == "1", issuer: f[3].into() }
        })
        .collect()
}

/// The issuer as the labeller wrote it, without their remarks in brackets ("广州市（文件未署发文机关）").
fn context(issuer: &str) -> KeyContext<'static> {
    let name = issuer.split(['（', '(']).next().unwrap_or("").trim();
    KeyContext { place: issuer_place(name), ..KeyContext::default() }
}

#[test]
fn alias_pairs_merge_with_high_precision_and_recall() {
    let pairs = pairs(include_str!("units/aliases.tsv"));
    assert!(pairs.iter().filter(|p| p.same).count() >= 150);
    assert!(pairs.iter().filter(|p| !p.same).count() >= 150);
    measure(&pairs, 0.99, 0.90);
}

/// A second set labelled afterwards by another reader who saw neither the rules nor the first set.
/// Measured before any rule looked at it: precision 1.0, recall 0.644; the short forms it showed
/// were then added to the data (recall 0.83), so it is no longer held out: a floor, not a goal.
#[test]
fn second_set_of_pairs_merges_with_high_precision() {
    measure(&pairs(include_str!("units/aliases-holdout.tsv")), 0.99, 0.80);
}

fn measure(pairs: &[Pair], min_precision: f64, min_recall: f64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut report = String::new();
    for p in pairs {
        let cx = context(&p.issuer);
        let (ka, kb) = (unit_key(&p.a, &cx), unit_key(&p.b, &cx));
        let merged = ka == kb;
        match (merged, p.same) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                report += &format!("wrong merge: {} | {} -> {ka}\n", p.a, p.b);
            }
            (false, true) => {
                fn_ += 1;
                report += &format!("missed: {} -> {ka} | {} -> {kb} ({})\n", p.a, p.b, p.issuer);
            }
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!("{report}pairs {} precision {precision:.4} recall {recall:.4}", pairs.len());
    assert!(precision >= min_precision, "precision {precision:.4}\n{report}");
    assert!(recall >= min_recall, "recall {recall:.4}\n{report}");
}
