//! The text pipeline alone (cleaning, structure, grammar, head, assembly, JSON: everything after
//! the readers), for profiling under callgrind:
//!
//! `valgrind --tool=callgrind --toggle-collect=text_prof::measured target/release/examples/text_prof [--rounds N] FILE…`
//!
//! Every file is read to its source text first and parsed once to warm up (the grammar's patterns
//! compile on first use); only `measured` (N rounds of `parse_source` and the JSON) is collected.
//! The input's SHA-256 is left out: `parse_source` is given no bytes to hash. Prints the files and
//! the bytes of JSON written.
use std::hint::black_box;

fn main() {
    let mut rounds = 1u32;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).expect("--rounds N"),
            _ => paths.push(a),
        }
    }
    let options = gongwen::Options::default();
    let srcs: Vec<gongwen::SourceText> =
        paths.iter().filter_map(|p| gongwen::read_text(&std::fs::read(p).unwrap(), &options).ok()).collect();
    // Three rounds: a pattern searches with `regex` once regex-lite has had its budget.
    let warm = run(&srcs, 3, &options) / 3;
    let bytes = measured(&srcs, rounds, &options);
    println!("{} files of {}, {rounds} rounds, {bytes} bytes of JSON ({warm} a round)", srcs.len(), paths.len());
}

/// What callgrind collects.
#[inline(never)]
fn measured(srcs: &[gongwen::SourceText], rounds: u32, options: &gongwen::Options) -> usize {
    run(srcs, rounds, options)
}

/// `rounds` rounds of parse to JSON over the source texts; the bytes of JSON written.
#[inline(never)]
fn run(srcs: &[gongwen::SourceText], rounds: u32, options: &gongwen::Options) -> usize {
    let mut bytes = 0;
    for _ in 0..rounds {
        for src in srcs {
            let doc = gongwen::parse_source(src, &[], options);
            bytes += black_box(serde_json::to_vec(&doc).unwrap()).len();
        }
    }
    bytes
}
