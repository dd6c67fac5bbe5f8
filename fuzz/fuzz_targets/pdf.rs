//! The PDF reader (lopdf's objects, our fonts, CMaps, content streams and the layout stage) and
//! then the whole pipeline, within small limits so that one input stays fast.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = gongwen::Limits {
        max_pdf_stream_bytes: 16 << 20,
        max_pdf_inflated_bytes: 64 << 20,
        max_pdf_operators: 1_000_000,
        ..gongwen::Limits::default()
    };
    if let Ok(src) = gongwen::read::pdf::read_with(data, &limits, None) {
        let _ = gongwen::parse_source(&src, data, &gongwen::Options::default());
    }
});
