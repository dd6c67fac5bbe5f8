//! The `gongwen` command line. Exit codes: 0 done (warnings allowed), 1 input unreadable or not a
//! document (or an output that cannot be written), 2 usage; `batch` adds 3 (some inputs failed,
//! the others are done) and 130 (interrupted by Ctrl-C after the files in flight).

mod batch;
mod output;
#[cfg(feature = "serve")]
mod serve;
mod tasks;
mod walk;

use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "gongwen", version, about = "Chinese government plan documents to structured JSON")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse one document and print its JSON (schema version 1) on stdout.
    Parse {
        /// The document, or - for standard input.
        file: String,
        /// Write the JSON here instead of stdout (written atomically: no partial file on error).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        /// Override encoding detection (gbk, gb18030, utf-8, utf-16le, utf-16be, big5, …).
        #[arg(long)]
        encoding: Option<String>,
        /// Print a summary of the warnings on stderr.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Print the document's paragraphs as plain UTF-8 text, one a line: exactly what the
    /// structure parser reads (before cleaning).
    Text {
        /// The document, or - for standard input.
        file: String,
        /// Override encoding detection.
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Print the JSON Schema of the document output (schema version 1).
    Schema,
    /// Convert many files: one JSON per input under OUTDIR (mirroring the input paths) plus
    /// OUTDIR/index.jsonl. Exit codes: 0 all done, 3 some inputs failed, 2 usage, 130
    /// interrupted, 1 the output folder cannot be written.
    Batch {
        /// Files and folders (walked recursively).
        paths: Vec<PathBuf>,
        /// The output folder.
        #[arg(short, long, value_name = "OUTDIR")]
        output: Option<PathBuf>,
        /// Files parsed at once (default: all cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Redo inputs whose output already exists for the same content.
        #[arg(long)]
        force: bool,
        /// No progress, no summary: only fatal errors.
        #[arg(short, long)]
        quiet: bool,
        /// Read more paths, one a line, from this file (- for standard input).
        #[arg(long, value_name = "FILE")]
        files_from: Option<String>,
        /// Stream the documents, one JSON a line, to standard output (-) instead of a tree.
        #[arg(long, value_name = "-")]
        jsonl: Option<String>,
    },
    /// One row per actionable task (items with responsibility, a deadline or no children, and
    /// table tasks) as JSONL, CSV or XLSX. Exit codes: 0 done, 1 some input unreadable, 2 usage.
    Tasks {
        /// Files and folders (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(short, long, value_enum, default_value = "jsonl")]
        format: output::TaskFormat,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// CSV: start with a byte-order mark so Excel on Windows reads UTF-8.
        #[arg(long)]
        excel: bool,
    },
    /// The per-unit view as JSON: each unit with the tasks it leads and supports and their
    /// deadlines. Exit codes as for `tasks`.
    Units {
        /// Files and folders (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of a task row (`gongwen tasks --format jsonl`).
    TaskSchema,
    /// Serve the HTTP API (/v1/parse, /v1/tasks, schemas, OpenAPI) and the web page (/) until
    /// Ctrl-C. Prints `listening on http://ADDR` on stdout once bound (port 0 picks a free one).
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Parse { file, output, pretty, encoding, verbose } => parse(&file, output, pretty, encoding, verbose),
        Command::Text { file, encoding } => text(&file, encoding),
        Command::Schema => {
            print!("{}", gongwen::document_schema());
            ExitCode::SUCCESS
        }
        Command::Batch { paths, output, jobs, force, quiet, files_from, jsonl } => {
            batch::run(batch::Args { paths, output, jobs, force, quiet, files_from, jsonl })
        }
        Command::Tasks { paths, format, output, excel } => tasks::run_tasks(&paths, format, output, excel),
        Command::Units { paths, output } => tasks::run_units(&paths, output),
        Command::TaskSchema => {
            print!("{}", gongwen::tasks::task_schema());
            ExitCode::SUCCESS
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}

fn read_input(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        let meta = std::fs::metadata(file)?;
        if meta.is_dir() {
            return Err(std::io::Error::other("it is a directory"));
        }
        std::fs::read(file)
    }
}

fn parse(file: &str, output: Option<PathBuf>, pretty: bool, encoding: Option<String>, verbose: bool) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("gongwen: {file}: {msg}");
        ExitCode::from(1)
    };
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read the file: {e}")),
    };
    let opts = gongwen::Options { path: file.to_string(), encoding };
    let doc = match gongwen::parse(&bytes, &opts) {
        Ok(d) => d,
        Err(gongwen::Error::UnknownEncoding(name)) => {
            eprintln!("gongwen: unknown encoding name {name:?}");
            return ExitCode::from(2);
        }
        Err(e) => return fail(e.to_string()),
    };
    let json = output::document_json(&doc, pretty);
    if verbose {
        eprintln!("gongwen: {file}: {} items, {} warnings", count(&doc.items), doc.warnings.len());
        for w in &doc.warnings {
            eprintln!("  {} {}", w.code, w.message);
        }
    }
    match output {
        Some(path) => {
            // Atomic: a temp file beside the target, renamed over it only when complete.
            let tmp = path.with_extension("json.tmp");
            let res = std::fs::write(&tmp, &json).and_then(|_| std::fs::rename(&tmp, &path));
            if let Err(e) = res {
                let _ = std::fs::remove_file(&tmp);
                eprintln!("gongwen: {}: cannot write the output: {e}", path.display());
                return ExitCode::from(1);
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            if out.write_all(&json).and_then(|_| out.flush()).is_err() {
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

fn text(file: &str, encoding: Option<String>) -> ExitCode {
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("gongwen: {file}: cannot read the file: {e}");
            return ExitCode::from(1);
        }
    };
    match gongwen::read::read(&bytes, encoding.as_deref()) {
        Ok(src) => {
            let mut out = std::io::stdout().lock();
            let mut t = src.text;
            if !t.ends_with('\n') {
                t.push('\n');
            }
            if out.write_all(t.as_bytes()).and_then(|_| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(gongwen::Error::UnknownEncoding(name)) => {
            eprintln!("gongwen: unknown encoding name {name:?}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("gongwen: {file}: {e}");
            ExitCode::from(1)
        }
    }
}

fn count(items: &[gongwen::model::Item]) -> usize {
    items.iter().map(|i| 1 + count(&i.children)).sum()
}
