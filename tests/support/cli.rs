//! Runs the `gongwen` binary as a user would: arguments, optional standard input, a working
//! folder; returns (exit code, stdout bytes, stderr text). Shared by the CLI-facing tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

pub fn run(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().unwrap();
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(b) = stdin {
            pipe.write_all(b).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}
