//! The text pipeline on arbitrary bytes: decoding (UTF-8/UTF-16/GB18030 detection), cleaning,
//! structure, grammar and assembly. Any panic is a bug; errors are fine.
#![no_main]
use gongwen::testing as read;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = read::text::read(data, None) {
        let _ = gongwen::parse_source(&src, data, &gongwen::Options::default());
    }
});
