//! The .docx reader (ZIP container, relationships, styles, numbering, body XML), then the
//! pipeline on what it read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = gongwen::testing::docx::read(data) {
        let _ = gongwen::parse_source(&src, data, &gongwen::Options::default());
    }
});
