//! The `gongwen` command line. Exit codes: 0 done (warnings allowed), 1 input unreadable or not a
//! document (or an output that cannot be written), 2 usage; `batch` adds 3 (some inputs failed,
//! the others are done) and 130 (interrupted by Ctrl-C after the files in flight).

/// mimalloc rather than glibc's malloc: a PDF batch spends an eighth of its time allocating and
/// freeing small objects (Cargo.toml has the measurement).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod ics;
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
        #[command(flatten)]
        limits: LimitArgs,
        /// The password of an encrypted PDF (not needed when it only restricts copying or printing).
        #[arg(long)]
        password: Option<String>,
        /// An office's own unit names for `unit_keys`: a CSV of alias,canonical.
        #[arg(long, value_name = "FILE.csv")]
        units_map: Option<PathBuf>,
    },
    /// Print the document's paragraphs as plain UTF-8 text, one a line: exactly what the
    /// structure parser reads (before cleaning).
    Text {
        /// The document, or - for standard input.
        file: String,
        /// Override encoding detection.
        #[arg(long)]
        encoding: Option<String>,
        /// The password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
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
        /// The password of encrypted PDFs.
        #[arg(long)]
        password: Option<String>,
        /// An office's own unit names for `unit_keys`: a CSV of alias,canonical.
        #[arg(long, value_name = "FILE.csv")]
        units_map: Option<PathBuf>,
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
        /// An office's own unit names for `unit_keys`: a CSV of alias,canonical.
        #[arg(long, value_name = "FILE.csv")]
        units_map: Option<PathBuf>,
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
        /// An office's own unit names for `unit_keys`: a CSV of alias,canonical.
        #[arg(long, value_name = "FILE.csv")]
        units_map: Option<PathBuf>,
    },
    /// Print the JSON Schema of a task row (`gongwen tasks --format jsonl`).
    TaskSchema,
    /// Serve the HTTP API (/v1/parse, /v1/tasks, schemas, OpenAPI) and the web page (/) until
    /// Ctrl-C. Prints `listening on http://ADDR` on stdout once bound (port 0 picks a free one).
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

/// Resource limits for hostile input (defaults in `gongwen::Limits`).
#[derive(clap::Args)]
struct LimitArgs {
    /// Refuse inputs larger than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 200)]
    max_input_size: u64,
    /// Refuse a .docx (ZIP) that would inflate to more than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    max_unpacked_size: u64,
    /// Refuse a .docx (ZIP) listing more entries than this.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    max_zip_entries: usize,
    /// Refuse a .docx entry over 1 MB that inflates more than N times its packed size.
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_compression_ratio: u64,
    /// Stop reading .docx XML nested deeper than this (the document is marked damaged).
    #[arg(long, value_name = "N", default_value_t = 1_000)]
    max_xml_depth: usize,
    /// Refuse RTF whose groups nest deeper than this.
    #[arg(long, value_name = "N", default_value_t = 1_000)]
    max_rtf_depth: usize,
    /// Refuse a PDF holding more objects than this.
    #[arg(long, value_name = "N", default_value_t = 2_000_000)]
    max_pdf_objects: u64,
    /// Refuse a PDF with a stream that decompresses to more than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    max_pdf_stream_size: u64,
    /// Refuse a PDF whose streams decompress to more than this many MB in total.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    max_pdf_inflated_size: u64,
    /// Refuse a PDF with more pages than this.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    max_pdf_pages: u64,
    /// Refuse a PDF nesting arrays, forms or its page tree deeper than this.
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_pdf_depth: usize,
    /// Refuse a PDF page running more content-stream operators than this.
    #[arg(long, value_name = "N", default_value_t = 20_000_000)]
    max_pdf_operators: u64,
    /// Refuse an input whose text is more than this many MB (0: 20 times the input, at least 64 MB).
    #[arg(long, value_name = "MB", default_value_t = 0)]
    max_text_size: u64,
}

impl LimitArgs {
    fn limits(&self) -> gongwen::Limits {
        let mb = gongwen::MB;
        gongwen::Limits {
            max_input_bytes: self.max_input_size.saturating_mul(mb),
            max_unpacked_bytes: self.max_unpacked_size.saturating_mul(mb),
            max_zip_entries: self.max_zip_entries,
            max_compression_ratio: self.max_compression_ratio,
            max_xml_depth: self.max_xml_depth,
            max_rtf_depth: self.max_rtf_depth,
            max_pdf_objects: self.max_pdf_objects,
            max_pdf_stream_bytes: self.max_pdf_stream_size.saturating_mul(mb),
            max_pdf_inflated_bytes: self.max_pdf_inflated_size.saturating_mul(mb),
            max_pdf_pages: self.max_pdf_pages,
            max_pdf_depth: self.max_pdf_depth,
            max_pdf_operators: self.max_pdf_operators,
            max_text_bytes: self.max_text_size.saturating_mul(mb),
        }
    }
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
        Command::Parse { file, output, pretty, encoding, verbose, limits, password, units_map } => {
            let Some(units_map) = units_map_arg(units_map.as_deref()) else { return ExitCode::from(2) };
            let opts = gongwen::Options { path: file.clone(), encoding, limits: limits.limits(), password, units_map };
            parse(&file, output, pretty, verbose, opts)
        }
        Command::Text { file, encoding, password } => text(&file, encoding, password),
        Command::Schema => {
            print!("{}", gongwen::document_schema());
            ExitCode::SUCCESS
        }
        Command::Batch { paths, output, jobs, force, quiet, files_from, jsonl, password, units_map } => {
            let Some(units_map) = units_map_arg(units_map.as_deref()) else { return ExitCode::from(2) };
            batch::run(batch::Args { paths, output, jobs, force, quiet, files_from, jsonl, password, units_map })
        }
        Command::Tasks { paths, format, output, excel, units_map } => {
            let Some(units_map) = units_map_arg(units_map.as_deref()) else { return ExitCode::from(2) };
            tasks::run_tasks(&paths, format, output, excel, units_map)
        }
        Command::Units { paths, output, units_map } => {
            let Some(units_map) = units_map_arg(units_map.as_deref()) else { return ExitCode::from(2) };
            tasks::run_units(&paths, output, units_map)
        }
        Command::TaskSchema => {
            print!("{}", gongwen::task_schema());
            ExitCode::SUCCESS
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}

/// The `--units-map` file, read: Some(None) without one, None (after a one-line message, a usage
/// error) when it cannot be read or is not alias,canonical lines.
pub fn units_map_arg(path: Option<&std::path::Path>) -> Option<Option<std::sync::Arc<gongwen::UnitsMap>>> {
    let Some(path) = path else { return Some(None) };
    let read = std::fs::read_to_string(path).map_err(|e| e.to_string());
    match read.and_then(|t| gongwen::UnitsMap::from_csv(&t)) {
        Ok(m) => Some(Some(std::sync::Arc::new(m))),
        Err(why) => {
            eprintln!("gongwen: --units-map {}: {why}", path.display());
            None
        }
    }
}

/// Reads the input, refusing up front what is not a regular file (a directory, a FIFO that could
/// block forever, a device) and what is over the size limit, before any byte is read.
fn read_input(file: &str, limits: &gongwen::Limits) -> Result<Vec<u8>, String> {
    let max = limits.max_input_bytes;
    let mut buf = Vec::new();
    if file == "-" {
        std::io::stdin()
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        let meta = match std::fs::metadata(file) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(file).is_ok() => {
                return Err("a symbolic link whose target does not exist".into());
            }
            Err(e) => return Err(format!("cannot read the file: {e}")),
        };
        if meta.is_dir() {
            return Err("a directory, not a file".into());
        }
        if !meta.is_file() {
            return Err("not a regular file (a pipe, socket or device), which is not read".into());
        }
        limits.check_input_size(meta.len()).map_err(|e| e.to_string())?;
        let f = std::fs::File::open(file).map_err(|e| format!("cannot read the file: {e}"))?;
        f.take(max.saturating_add(1)).read_to_end(&mut buf).map_err(|e| format!("cannot read the file: {e}"))?;
    }
    limits.check_input_size(buf.len() as u64).map_err(|e| e.to_string())?;
    Ok(buf)
}

fn parse(file: &str, output: Option<PathBuf>, pretty: bool, verbose: bool, opts: gongwen::Options) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("gongwen: {file}: {msg}");
        ExitCode::from(1)
    };
    let bytes = match read_input(file, &opts.limits) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let doc = match gongwen::parse(&bytes, &opts) {
        Ok(d) => d,
        Err(gongwen::Error::UnknownEncoding { name }) => {
            eprintln!("gongwen: unknown encoding name {name:?}");
            return ExitCode::from(2);
        }
        Err(e) => {
            if verbose {
                // The technical detail behind the plain-words message.
                eprintln!("gongwen: {file}: detail: {e:?}");
            }
            return fail(e.to_string());
        }
    };
    if verbose {
        eprintln!("gongwen: {file}: {} items, {} warnings", count(&doc.items), doc.warnings.len());
        for w in &doc.warnings {
            eprintln!("  {} {}", w.code, w.message);
        }
    }
    // The JSON streams out through a buffer: a large document is not held twice in memory.
    match output {
        Some(path) => {
            // Atomic: a temp file beside the target, renamed over it only when complete.
            let tmp = path.with_extension("json.tmp");
            let res = std::fs::File::create(&tmp)
                .and_then(|f| gongwen::write_json(&doc, pretty, std::io::BufWriter::with_capacity(1 << 16, f)))
                .and_then(|_| std::fs::rename(&tmp, &path));
            if let Err(e) = res {
                let _ = std::fs::remove_file(&tmp);
                eprintln!("gongwen: {}: cannot write the output: {e}", path.display());
                return ExitCode::from(1);
            }
        }
        None => {
            let out = std::io::stdout().lock();
            if gongwen::write_json(&doc, pretty, std::io::BufWriter::with_capacity(1 << 16, out)).is_err() {
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

fn text(file: &str, encoding: Option<String>, password: Option<String>) -> ExitCode {
    let bytes = match read_input(file, &gongwen::Limits::default()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("gongwen: {file}: {e}");
            return ExitCode::from(1);
        }
    };
    match gongwen::read_text(&bytes, &gongwen::Options { encoding, password, ..Default::default() }) {
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
        Err(gongwen::Error::UnknownEncoding { name }) => {
            eprintln!("gongwen: unknown encoding name {name:?}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("gongwen: {file}: {e}");
            ExitCode::from(1)
        }
    }
}

fn count(items: &[gongwen::Item]) -> usize {
    items.iter().map(|i| 1 + count(&i.children)).sum()
}
