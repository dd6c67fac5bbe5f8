//! The text pipeline on arbitrary UTF-8 (libFuzzer's mutations kept valid), which reaches the
//! grammar far more often than raw bytes do.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let src = gongwen::SourceText::plain(s.to_string());
    let _ = gongwen::parse_source(&src, s.as_bytes(), &gongwen::Options::default());
});
