//! The RTF reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = gongwen::testing::rtf::read_source(data) {
        let _ = gongwen::parse_source(&src, data, &gongwen::Options::default());
    }
});
