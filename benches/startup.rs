//! `cargo bench --bench startup`: the start-up cost of the CLI (issue 14): the CPU time (user +
//! system) of a `gongwen parse` process on a 1 KB file against that of `gongwen text` on it, the
//! first KB of two corpus texts (a download site's page with chrome and a notice; a plan body).
//! CPU time of the children is read from /proc/self/stat (cutime + cstime, in clock ticks: summed
//! over many runs, the tick's granularity does not matter). Linux only.

use std::path::Path;
use std::process::{Command, Stdio};

const RUNS: u32 = 300;

/// cutime + cstime of this process's waited-for children, in clock ticks.
fn children_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // In `rest`, field 3 (state) is index 0: cutime is field 16, cstime field 17.
    Some(fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?)
}

/// Mean CPU milliseconds of one run of `gongwen ARGS FILE` (a tick is 10 ms on Linux).
fn cpu_ms(bin: &str, command: &str, file: &Path) -> Option<f64> {
    let before = children_ticks()?;
    for _ in 0..RUNS {
        Command::new(bin).args([command, file.to_str()?]).stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
    }
    let ticks = children_ticks()? - before;
    Some(ticks as f64 * 10.0 / RUNS as f64)
}

/// The first `n` bytes of a text, cut at a character boundary.
fn excerpt(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_gongwen");
    let dir = std::env::temp_dir().join(format!("gongwen-startup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    for name in ["000.txt", "003.txt"] {
        let text = std::fs::read_to_string(docs.join(name)).expect("a corpus text");
        let file = dir.join(name);
        std::fs::write(&file, excerpt(&text, 1024)).expect("the excerpt written");
        let (Some(text_ms), Some(parse_ms)) = (cpu_ms(bin, "text", &file), cpu_ms(bin, "parse", &file)) else {
            println!("startup: /proc/self/stat is not readable here (Linux only)");
            return;
        };
        println!(
            "first KB of {name}: text {text_ms:.2} ms, parse {parse_ms:.2} ms CPU per process, parse/text {:.2}",
            parse_ms / text_ms
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
