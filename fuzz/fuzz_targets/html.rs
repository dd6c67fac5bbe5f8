//! The HTML reader (pages and MHT messages).
#![no_main]
use gongwen::testing::html::{self, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the packaging so both paths are reached from any seed.
    let Some((&k, rest)) = data.split_first() else { return };
    let kind = if k & 1 == 0 { Kind::Page } else { Kind::Mime };
    if let Ok(src) = html::read(rest, kind, None) {
        let _ = gongwen::parse_source(&src, rest, &gongwen::Options::default());
    }
});
