//! schema/document.schema.json is generated from the Rust types; this fails when it is stale.
//! Regenerate with: GONGWEN_WRITE_SCHEMA=1 cargo test --test schema

#[test]
fn committed_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/document.schema.json");
    let now = gongwen::document_schema();
    if std::env::var_os("GONGWEN_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == now,
        "schema/document.schema.json is stale: run GONGWEN_WRITE_SCHEMA=1 cargo test --test schema"
    );
}

#[test]
fn documents_validate_against_the_schema_shape() {
    // Every required top-level property of the schema is present in a real document.
    let schema: serde_json::Value = serde_json::from_str(&gongwen::document_schema()).unwrap();
    let doc = gongwen::parse(
        "一、总体要求\n（一）目标。到2025年底满意度达90%以上。责任单位：县委办".as_bytes(),
        &Default::default(),
    )
    .unwrap();
    let v = serde_json::to_value(&doc).unwrap();
    for key in schema["required"].as_array().unwrap() {
        assert!(v.get(key.as_str().unwrap()).is_some(), "missing {key}");
    }
    assert_eq!(v["schema_version"], "1");
}
