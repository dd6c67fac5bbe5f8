//! tests/spec/structure.jsonl and furniture.jsonl: small documents with every item expected
//! (path and opening words, as in the corpus gold), and page furniture with the cleaned text.

use serde_json::Value;

fn cases(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec").join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Whitespace and punctuation folded, as the corpus scorer compares opening words.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、；：？！“”‘’（）《》〈〉【】—…·".contains(*c)
        })
        .collect()
}

fn flatten(items: &[gongwen::Item], out: &mut Vec<(String, String)>) {
    for it in items {
        out.push((it.path.clone(), it.text.clone()));
        flatten(&it.children, out);
    }
}

#[test]
fn structure_cases() {
    let mut failures = Vec::new();
    for case in cases("structure.jsonl") {
        let input = case["input"].as_str().unwrap();
        let doc = gongwen::parse(input.as_bytes(), &Default::default()).unwrap();
        let mut got = Vec::new();
        flatten(&doc.items, &mut got);
        let want: Vec<(String, String)> = case["expect_items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["path"].as_str().unwrap().to_string(), i["text_prefix"].as_str().unwrap().to_string()))
            .collect();
        let ok = got.len() == want.len()
            && got.iter().zip(&want).all(|(g, w)| g.0 == w.0 && loose(&g.1).starts_with(&loose(&w.1)));
        if !ok {
            failures.push(format!("{input:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn furniture_cases() {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for case in cases("furniture.jsonl") {
        let input = case["input"].as_str().unwrap();
        let (cleaned, _) = gongwen::testing::clean(input);
        assert_eq!(fold(&cleaned.text), fold(case["expect_text"].as_str().unwrap()), "{input:?}");
    }
}
