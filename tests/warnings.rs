//! Warnings are values with stable codes: the document is still returned.

fn codes(text: &[u8]) -> Vec<String> {
    gongwen::parse(text, &Default::default())
        .unwrap()
        .warnings
        .into_iter()
        .map(|w| w.code.as_str().to_string())
        .collect()
}

#[test]
fn numbering_gap_and_duplicate() {
    let c = codes("一、总体要求。\n三、保障措施。\n".as_bytes());
    assert_eq!(c, ["numbering_gap"]);
    let doc = gongwen::parse("一、甲。\n二、乙。\n二、丙。\n三、丁。\n".as_bytes(), &Default::default()).unwrap();
    assert_eq!(doc.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(), ["numbering_duplicate"]);
    // The duplicate keeps its number as written: two items with path "2".
    assert_eq!(doc.items.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(), ["1", "2", "2", "3"]);
    assert!(doc.warnings[0].offset.is_some());
}

#[test]
fn orphan_responsibility() {
    assert_eq!(codes("责任单位：县委办、县政府办。\n一、总体要求。\n".as_bytes()), ["orphan_responsibility"]);
}

#[test]
fn truncated_and_complete() {
    assert_eq!(codes("一、总体要求\n（一）指导思想。坚持以人民为中心，全面".as_bytes()), ["truncated"]);
    assert!(codes("一、总体要求\n（一）指导思想。坚持以人民为中心。".as_bytes()).is_empty());
    // A bare marker at the very end opens an item that is not there.
    assert_eq!(codes("一、总体要求。\n二、基本原则\n(一)".as_bytes()), ["truncated"]);
}

#[test]
fn encoding_guessed() {
    let (gbk, _, _) = encoding_rs::GBK.encode("一、总体要求。\n二、重点任务。\n");
    assert_eq!(codes(&gbk), ["encoding_guessed"]);
}

#[test]
fn bare_number_before_the_attachments_opens_nothing() {
    let doc =
        gongwen::parse("一、总体要求。\n二、基本原则\n(一)\n附件\n任务清单\n".as_bytes(), &Default::default()).unwrap();
    assert_eq!(doc.items.len(), 2);
    assert!(doc.items[1].children.is_empty());
    assert!(doc.warnings.iter().any(|w| w.code.as_str() == "truncated"));
}
