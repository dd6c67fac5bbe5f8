//! The `gongwen` command line. Exit codes: 0 done (warnings allowed), 1 input unreadable or not a
//! document, 2 usage.

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
    let mut json = if pretty { serde_json::to_vec_pretty(&doc) } else { serde_json::to_vec(&doc) }.expect("the document serializes");
    json.push(b'\n');
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
