//! Properties that hold for any input: parse returns a document or a typed error (never a
//! panic); every span lies inside the decoded text, children inside their parent, siblings in
//! order; the JSON reads back to the same document.

use gongwen::Item;
use proptest::prelude::*;

fn check_spans(items: &[Item], lo: usize, hi: usize) -> Result<(), String> {
    let mut at = lo;
    for it in items {
        let [a, b] = it.span;
        if a < at || b > hi || a > b {
            return Err(format!("span {:?} of {} outside [{at}, {hi}]", it.span, it.path));
        }
        check_spans(&it.children, a, b)?;
        at = b.max(a);
    }
    Ok(())
}

fn collect_paths(items: &[Item], out: &mut Vec<String>) {
    for i in items {
        out.push(i.path.clone());
        collect_paths(&i.children, out);
    }
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match gongwen::parse(bytes, &Default::default()) {
        Ok(doc) => {
            let len = gongwen::testing::read(bytes, None).map(|s| s.text.len()).unwrap_or(0);
            check_spans(&doc.items, 0, len).map_err(TestCaseError::fail)?;
            // Paths are unique, except where the text itself repeats a number or starts its
            // numbering again: then a warning says so (issue 2 keeps numbers as written).
            let mut paths = Vec::new();
            collect_paths(&doc.items, &mut paths);
            let n = paths.len();
            paths.sort();
            paths.dedup();
            let explained = doc
                .warnings
                .iter()
                .any(|w| w.code.as_str() == "numbering_duplicate" || w.code.as_str() == "numbering_restart");
            prop_assert!(paths.len() == n || explained, "duplicate paths without a warning");
            let json = serde_json::to_string(&doc).unwrap();
            let back: gongwen::Document = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, doc);
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

/// Text made of the pieces that drive the grammar: markers of every style, page furniture,
/// dates, targets, responsibility labels, brackets, line breaks and ordinary words.
fn plan_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "二、",
        "十、",
        "（一）",
        "(二)",
        "1.",
        "2．",
        "3、",
        "（1）",
        "(2)",
        "⑴",
        "①",
        "②",
        "第一条",
        "第二章",
        "第一阶段",
        "第三部分",
        "— 3—",
        "——48.",
        "- 5 -",
        "第3页 共9页",
        "2023年5月",
        "5月至8月",
        "年底前",
        "6月底前",
        "达90%以上",
        "低于2起/万户",
        "新增1000个",
        "责任单位：",
        "牵头单位:",
        "配合单位：",
        "县委办",
        "、",
        "，",
        "。",
        "；",
        "：",
        "（",
        "）",
        "(",
        ")",
        "\n",
        " ",
        "加强组织领导",
        "一是",
        "提高1.5倍",
        "第（3）项",
        "附件",
        "附件1",
        "关于印发",
        "的通知",
        "〔2023〕12号",
        "〞",
        "臵",
        "印發(fā)",
        "<p>",
        "</p>",
        "&nbsp;",
        "Р",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn any_text(s in "\\PC{0,300}") {
        check(s.as_bytes())?;
    }

    #[test]
    fn plan_like_text(s in plan_like()) {
        check(s.as_bytes())?;
    }
}
