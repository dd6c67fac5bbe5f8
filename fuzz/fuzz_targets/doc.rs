//! The .doc/.wps reader (OLE2 container, FIB, piece table, PAPX, lists, styles).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = gongwen::testing::doc::read(data) {
        let _ = gongwen::parse_source(&src, data, &gongwen::Options::default());
    }
});
