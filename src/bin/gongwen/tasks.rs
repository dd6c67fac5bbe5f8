//! `gongwen tasks` (task rows as JSONL, CSV, XLSX or ICS) and `gongwen units` (the per-unit view).
//! The rows come from `gongwen::tasks`, the bytes from [`crate::output`] (shared with `serve`);
//! this module only reads files and writes the result.

use crate::output::{DocTasks, TaskFormat};
use crate::walk::{self, Entry};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// What became of the inputs: how many were read, skipped (not documents) and failed.
#[derive(Default)]
struct Counts {
    ok: usize,
    skipped: usize,
    failed: usize,
}

impl Counts {
    /// Prints the summary (when anything was not read) and gives the exit code: 3 when some
    /// input failed, as `batch` does.
    fn finish(&self, command: &str) -> ExitCode {
        if self.skipped + self.failed > 0 {
            eprintln!("gongwen {command}: {} read, {} skipped, {} failed", self.ok, self.skipped, self.failed);
        }
        if self.failed > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Parses every input; returns the rows and what became of the inputs. Files found in folders
/// that are not documents are reported and skipped; a named file that is not one fails.
fn collect(paths: &[PathBuf], units_map: Option<Arc<gongwen::UnitsMap>>) -> (Vec<DocTasks>, Counts) {
    let mut docs = Vec::new();
    let mut counts = Counts::default();
    for e in walk::walk(paths, None) {
        match e {
            Entry::Problem { path, failed: f, reason } => {
                eprintln!("gongwen: {}: {reason}", path.display());
                if f {
                    counts.failed += 1;
                } else {
                    counts.skipped += 1;
                }
            }
            Entry::File { path, named } => {
                let shown = path.to_string_lossy().into_owned();
                let doc = std::fs::read(&path).map_err(gongwen::Error::from).and_then(|b| {
                    let opts =
                        gongwen::Options { path: shown.clone(), units_map: units_map.clone(), ..Default::default() };
                    gongwen::parse(&b, &opts)
                });
                match doc {
                    Ok(doc) => {
                        docs.push(DocTasks::of(&doc));
                        counts.ok += 1;
                    }
                    Err(e) if !named && crate::batch::status_for(&e) == crate::batch::Status::Skipped => {
                        eprintln!("gongwen: {shown}: skipped, {e}");
                        counts.skipped += 1;
                    }
                    Err(e) => {
                        eprintln!("gongwen: {shown}: {e}");
                        counts.failed += 1;
                    }
                }
            }
        }
    }
    (docs, counts)
}

pub fn run_tasks(
    paths: &[PathBuf],
    format: TaskFormat,
    output: Option<PathBuf>,
    excel: bool,
    units_map: Option<Arc<gongwen::UnitsMap>>,
) -> ExitCode {
    if format == TaskFormat::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("gongwen tasks: XLSX is binary: write it to a file with -o OUT.xlsx");
        return ExitCode::from(2);
    }
    let (docs, counts) = collect(paths, units_map);
    let bytes = match crate::output::task_bytes(&docs, format, excel) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("gongwen tasks: cannot build the workbook: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(code) = emit(&bytes, output) {
        return code;
    }
    counts.finish("tasks")
}

pub fn run_units(paths: &[PathBuf], output: Option<PathBuf>, units_map: Option<Arc<gongwen::UnitsMap>>) -> ExitCode {
    let (docs, counts) = collect(paths, units_map);
    let rows: Vec<_> = docs.into_iter().flat_map(|d| d.rows).collect();
    let views = gongwen::unit_views(&rows);
    let mut json = serde_json::to_vec_pretty(&views).expect("the view serializes");
    json.push(b'\n');
    if let Err(code) = emit(&json, output) {
        return code;
    }
    counts.finish("units")
}

/// Writes to the file atomically (temp + rename) or to stdout.
fn emit(bytes: &[u8], output: Option<PathBuf>) -> Result<(), ExitCode> {
    match output {
        Some(path) => {
            let mut tmp = path.clone().into_os_string();
            tmp.push(".tmp");
            let tmp = PathBuf::from(tmp);
            if let Err(e) = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &path)) {
                let _ = std::fs::remove_file(&tmp);
                eprintln!("gongwen: {}: cannot write the output: {e}", path.display());
                return Err(ExitCode::from(1));
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            if out.write_all(bytes).and_then(|_| out.flush()).is_err() {
                return Err(ExitCode::from(1));
            }
        }
    }
    Ok(())
}
