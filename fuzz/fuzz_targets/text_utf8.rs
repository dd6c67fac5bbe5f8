//! The text pipeline on arbitrary UTF-8 (libFuzzer's mutations kept valid), which reaches the
//! grammar far more often than raw bytes do.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let src = gongwen::read::SourceText {
        text: s.to_string(),
        format: "txt",
        encoding: "UTF-8".into(),
        encoding_guessed: false,
        had_errors: false,
        cells: Vec::new(),
        damage: None,
    };
    let _ = gongwen::parse_source(&src, s.as_bytes(), &gongwen::Options::default());
});
