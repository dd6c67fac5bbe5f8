//! `gongwen batch`: a folder tree in, one JSON per input and an index out.
//!
//! Design, and why:
//! - The walk collects the paths first (sorted): paths are small, and knowing them all gives the
//!   progress bar its total, a deterministic order and the duplicate groups up front.
//! - Duplicates: only files whose size equals another's are hashed before the run; in each group of
//!   identical contents the smallest path is parsed, the others are recorded as `duplicate` of it.
//! - Workers: N std threads pulling jobs from a crossbeam channel (multi-consumer; std's mpsc has a
//!   single consumer). Parsing is CPU-bound and each file is independent, so plain threads are
//!   enough; rayon would bring a global pool and work stealing we do not need, and would not bound
//!   the files in flight by itself.
//! - Bounded memory: the main thread dispatches at most `window` files beyond the last one written
//!   to the index, and puts results back in path order through a small reorder buffer. So memory
//!   holds the paths plus at most `window` results, whatever the archive size, and index.jsonl
//!   (and `--jsonl` output) is written in path order as the run goes, identical for any `--jobs`.
//! - Atomic outputs: each JSON is written to OUTDIR/.gongwen-tmp and renamed into place, so a kill
//!   at any moment leaves whole files or none; the temp folder is cleared at the next start.
//!   (No fsync: this guards against a killed process, not against a power cut.)
//! - Resume: an existing output whose `source.sha256` and `source.path` match the input is kept
//!   (read back for the index counts) unless `--force`.

use crate::walk::{self, Entry};
use gongwen::model::{Document, Item};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub force: bool,
    pub quiet: bool,
    pub files_from: Option<String>,
    pub jsonl: Option<String>,
    /// The password of encrypted PDFs (the same for every input).
    pub password: Option<String>,
}

/// The temp folder inside OUTDIR; cleared at every start.
const TMP: &str = ".gongwen-tmp";

/// What became of one input, as index.jsonl says it.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Parsed; its JSON is written.
    Ok,
    /// A document that could not be read, or whose JSON could not be written.
    Failed,
    /// Not a document gongwen reads.
    Skipped,
    /// The same bytes as an earlier path: its JSON is that one's.
    Duplicate,
}

/// The batch status for a library error: a plain match on the variant (docs/errors.md).
pub fn status_for(e: &gongwen::Error) -> Status {
    use gongwen::Error as E;
    match e {
        // A scanned PDF or OFD is a document that needs OCR: a failure to act on, not a skip.
        E::NoText { format: gongwen::Format::Pdf | gongwen::Format::Ofd, .. } => Status::Failed,
        E::NotADocument { .. } | E::Unsupported { .. } | E::Encrypted { .. } | E::Damaged { .. } | E::NoText { .. } => {
            Status::Skipped
        }
        _ => Status::Failed,
    }
}

/// One line of index.jsonl. Field order is the documented column order.
#[derive(Serialize, Clone, Debug)]
struct Record {
    path: String,
    sha256: Option<String>,
    format: Option<gongwen::Format>,
    status: Status,
    items: usize,
    table_tasks: usize,
    warnings: usize,
    error: Option<String>,
    /// The JSON written for this input, relative to OUTDIR.
    output: Option<String>,
    /// For a duplicate: the path whose content it repeats.
    duplicate_of: Option<String>,
}

impl Record {
    fn new(path: &Path, status: Status) -> Record {
        Record {
            path: path.to_string_lossy().into_owned(),
            sha256: None,
            format: None,
            status,
            items: 0,
            table_tasks: 0,
            warnings: 0,
            error: None,
            output: None,
            duplicate_of: None,
        }
    }
}

/// What a worker (or the main thread) hands back for one input.
struct Outcome {
    record: Record,
    /// The document line, in `--jsonl` mode.
    line: Option<Vec<u8>>,
    /// The output was already there for the same content.
    resumed: bool,
    /// A duplicate waiting for its original's record (filled in when written, in path order).
    dup_of: Option<usize>,
}

struct Job {
    seq: usize,
    path: PathBuf,
}

/// Where the documents go.
#[derive(Clone)]
enum Sink {
    Tree { outdir: PathBuf, force: bool },
    Lines,
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let mut roots = args.paths.clone();
    if let Some(from) = &args.files_from {
        let text = if from == "-" {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                eprintln!("gongwen: cannot read the list of files from standard input: {e}");
                return ExitCode::from(2);
            }
            s
        } else {
            match std::fs::read_to_string(from) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("gongwen: {from}: cannot read the list of files: {e}");
                    return ExitCode::from(2);
                }
            }
        };
        roots.extend(text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty()).map(PathBuf::from));
    }
    if roots.is_empty() {
        eprintln!("gongwen batch: no input: name files or folders, or use --files-from");
        return ExitCode::from(2);
    }
    let sink = match (&args.output, &args.jsonl) {
        (Some(outdir), None) => Sink::Tree { outdir: outdir.clone(), force: args.force },
        (None, Some(dash)) if dash == "-" => Sink::Lines,
        (None, Some(other)) => {
            eprintln!("gongwen batch: --jsonl takes only - (standard output), not {other:?}");
            return ExitCode::from(2);
        }
        (Some(_), Some(_)) => {
            eprintln!("gongwen batch: give either -o OUTDIR or --jsonl -, not both");
            return ExitCode::from(2);
        }
        (None, None) => {
            eprintln!("gongwen batch: say where the results go: -o OUTDIR or --jsonl -");
            return ExitCode::from(2);
        }
    };
    let jobs = match args.jobs {
        Some(0) => {
            eprintln!("gongwen batch: --jobs must be at least 1");
            return ExitCode::from(2);
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    if let Sink::Tree { outdir, .. } = &sink {
        let tmp = outdir.join(TMP);
        let _ = std::fs::remove_dir_all(&tmp);
        if let Err(e) = std::fs::create_dir_all(&tmp) {
            eprintln!("gongwen: {}: cannot create the output folder: {e}", outdir.display());
            return ExitCode::from(1);
        }
    }

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second Ctrl-C while draining is ignored: the files in flight finish in any case.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }

    let exclude = match &sink {
        Sink::Tree { outdir, .. } => Some(outdir.as_path()),
        Sink::Lines => None,
    };
    let entries = walk::walk(&roots, exclude);
    let dups = duplicate_groups(&entries);
    let is_original: std::collections::HashSet<usize> = dups.values().map(|&(o, _)| o).collect();
    let total = entries.len();

    let mut progress = Progress::new(total, args.quiet);
    let mut index = match &sink {
        Sink::Tree { outdir, .. } => match std::fs::File::create(outdir.join(TMP).join("index.jsonl")) {
            Ok(f) => Some(BufWriter::new(f)),
            Err(e) => {
                eprintln!("gongwen: {}: cannot write the index: {e}", outdir.display());
                return ExitCode::from(1);
            }
        },
        Sink::Lines => None,
    };
    let mut stdout = BufWriter::new(std::io::stdout().lock());

    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (res_tx, res_rx) = crossbeam_channel::unbounded::<(usize, Outcome)>();
    let mut workers = Vec::new();
    for _ in 0..jobs {
        let rx = job_rx.clone();
        let tx = res_tx.clone();
        let sink = sink.clone();
        let password = args.password.clone();
        workers.push(std::thread::spawn(move || {
            for job in rx {
                let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    process(&job, &sink, password.as_deref())
                }))
                .unwrap_or_else(|_| {
                    let mut r = Record::new(&job.path, Status::Failed);
                    r.error = Some("internal error while parsing (please report this file)".into());
                    Outcome { record: r, line: None, resumed: false, dup_of: None }
                });
                if tx.send((job.seq, out)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(job_rx);
    drop(res_tx);

    // Files dispatched beyond the next one to write: bounds the reorder buffer and so memory.
    let window = jobs * 4 + 16;
    let mut next = 0usize;
    let mut written = 0usize;
    let mut inflight = 0usize;
    let mut buffer: BTreeMap<usize, Outcome> = BTreeMap::new();
    // Records of files that others duplicate, kept until the run ends (one per group).
    let mut originals: HashMap<usize, Record> = HashMap::new();
    let mut counts = Counts::default();
    let mut io_error: Option<String> = None;
    loop {
        while next < total && next < written + window && !stop.load(Ordering::SeqCst) {
            match &entries[next] {
                Entry::Problem { path, failed, reason } => {
                    let mut r = Record::new(path, if *failed { Status::Failed } else { Status::Skipped });
                    r.error = Some(reason.clone());
                    buffer.insert(next, Outcome { record: r, line: None, resumed: false, dup_of: None });
                }
                Entry::File { path, .. } => match dups.get(&next) {
                    Some(&(orig, ref sha)) => {
                        let mut r = Record::new(path, Status::Duplicate);
                        r.sha256 = Some(sha.clone());
                        buffer.insert(next, Outcome { record: r, line: None, resumed: false, dup_of: Some(orig) });
                    }
                    None => {
                        let _ = job_tx.send(Job { seq: next, path: path.clone() });
                        inflight += 1;
                    }
                },
            }
            next += 1;
        }
        while let Some(mut out) = buffer.remove(&written) {
            if let Some(orig) = out.dup_of {
                if let Some(o) = originals.get(&orig) {
                    fill_duplicate(&mut out.record, o);
                }
            }
            if is_original.contains(&written) {
                originals.insert(written, out.record.clone());
            }
            counts.add(&out);
            progress.done(&out.record, &counts);
            if let Some(w) = index.as_mut() {
                if let Err(e) = serde_json::to_writer(&mut *w, &out.record)
                    .map_err(std::io::Error::from)
                    .and_then(|_| w.write_all(b"\n"))
                {
                    io_error.get_or_insert(format!("cannot write the index: {e}"));
                }
            }
            if let Some(line) = &out.line {
                if let Err(e) = stdout.write_all(line) {
                    io_error.get_or_insert(format!("cannot write to standard output: {e}"));
                    stop.store(true, Ordering::SeqCst);
                }
            }
            written += 1;
        }
        if written == total || (inflight == 0 && stop.load(Ordering::SeqCst)) {
            break;
        }
        if inflight == 0 {
            continue;
        }
        match res_rx.recv_timeout(Duration::from_millis(250)) {
            Ok((seq, out)) => {
                inflight -= 1;
                buffer.insert(seq, out);
            }
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => progress.tick(&counts),
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        }
    }
    drop(job_tx);
    for w in workers {
        let _ = w.join();
    }
    let _ = stdout.flush();
    let interrupted = written < total;
    progress.finish();

    if let (Sink::Tree { outdir, .. }, Some(mut w)) = (&sink, index) {
        if !interrupted {
            let res = w
                .flush()
                .and_then(|_| std::fs::rename(outdir.join(TMP).join("index.jsonl"), outdir.join("index.jsonl")));
            if let Err(e) = res {
                io_error.get_or_insert(format!("cannot write the index: {e}"));
            }
        }
        drop(w);
        let _ = std::fs::remove_dir_all(outdir.join(TMP));
    }

    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "gongwen batch: {} of {} inputs in {:.1} s ({:.0} files/s): {} ok ({} resumed), {} duplicate, {} skipped, {} failed{}",
            written,
            total,
            secs,
            written as f64 / secs.max(1e-9),
            counts.ok,
            counts.resumed,
            counts.duplicate,
            counts.skipped,
            counts.failed,
            if interrupted { "; interrupted: run again to complete" } else { "" }
        );
    }
    if let Some(e) = io_error {
        eprintln!("gongwen batch: {e}");
        return ExitCode::from(1);
    }
    if interrupted {
        ExitCode::from(130)
    } else if counts.failed > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

/// For each file whose content repeats an earlier (smaller) path: its entry index → (the
/// original's entry index, sha256). Only files sharing a size with another are read here.
fn duplicate_groups(entries: &[Entry]) -> HashMap<usize, (usize, String)> {
    let mut by_size: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Entry::File { path, .. } = e {
            if let Ok(m) = std::fs::metadata(path) {
                by_size.entry(m.len()).or_default().push(i);
            }
        }
    }
    let mut out = HashMap::new();
    let mut sizes: Vec<_> = by_size.into_iter().filter(|(_, v)| v.len() > 1).collect();
    sizes.sort();
    for (_, group) in sizes {
        let mut first: HashMap<String, usize> = HashMap::new();
        for i in group {
            let Ok(bytes) = std::fs::read(entries[i].path()) else { continue };
            let sha = hex(&Sha256::digest(&bytes));
            match first.get(&sha) {
                // Indices ascend within a group, so the first seen is the smallest path.
                Some(&orig) => {
                    out.insert(i, (orig, sha));
                }
                None => {
                    first.insert(sha, i);
                }
            }
        }
    }
    out
}

fn fill_duplicate(r: &mut Record, orig: &Record) {
    r.duplicate_of = Some(orig.path.clone());
    r.format = orig.format;
    r.items = orig.items;
    r.table_tasks = orig.table_tasks;
    r.warnings = orig.warnings;
    if orig.status != Status::Ok {
        // Same bytes, same fate: a copy of a damaged file is as damaged.
        r.status = orig.status;
        r.error = Some(format!("same content as {}: {}", orig.path, orig.error.as_deref().unwrap_or("")));
    }
}

/// Reads, hashes and parses one input, writing its JSON (tree mode) or returning its line.
fn process(job: &Job, sink: &Sink, password: Option<&str>) -> Outcome {
    let mut r = Record::new(&job.path, Status::Failed);
    let bytes = match std::fs::read(&job.path) {
        Ok(b) => b,
        Err(e) => {
            r.error = Some(format!("cannot read the file: {e}"));
            return Outcome { record: r, line: None, resumed: false, dup_of: None };
        }
    };
    let sha = hex(&Sha256::digest(&bytes));
    r.sha256 = Some(sha.clone());
    let rel = output_name(&job.path);
    if let Sink::Tree { outdir, force: false } = sink {
        if let Some(doc) = existing(&outdir.join(&rel), &sha, &r.path) {
            fill_counts(&mut r, &doc);
            r.output = Some(rel.to_string_lossy().into_owned());
            return Outcome { record: r, line: None, resumed: true, dup_of: None };
        }
    }
    let opts = gongwen::Options { path: r.path.clone(), password: password.map(str::to_string), ..Default::default() };
    let doc = match gongwen::parse(&bytes, &opts) {
        Ok(d) => d,
        Err(e) => {
            r.status = status_for(&e);
            r.error = Some(e.to_string());
            return Outcome { record: r, line: None, resumed: false, dup_of: None };
        }
    };
    drop(bytes);
    fill_counts(&mut r, &doc);
    let mut json = serde_json::to_vec(&doc).expect("a document serializes");
    json.push(b'\n');
    drop(doc);
    match sink {
        Sink::Lines => Outcome { record: r, line: Some(json), resumed: false, dup_of: None },
        Sink::Tree { outdir, .. } => {
            let tmp = outdir.join(TMP).join(format!("{}-{}.json", std::process::id(), job.seq));
            let dest = outdir.join(&rel);
            let res = dest
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|_| std::fs::write(&tmp, &json))
                .and_then(|_| std::fs::rename(&tmp, &dest));
            match res {
                Ok(()) => {
                    r.status = Status::Ok;
                    r.output = Some(rel.to_string_lossy().into_owned());
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    r.status = Status::Failed;
                    r.error = Some(format!("cannot write {}: {e}", dest.display()));
                    r.items = 0;
                    r.table_tasks = 0;
                    r.warnings = 0;
                }
            }
            Outcome { record: r, line: None, resumed: false, dup_of: None }
        }
    }
}

/// The earlier output for this input, if it is complete and for the same bytes.
fn existing(dest: &Path, sha: &str, path: &str) -> Option<Document> {
    let text = std::fs::read(dest).ok()?;
    let doc: Document = serde_json::from_slice(&text).ok()?;
    (doc.source.sha256 == sha && doc.source.path == path).then_some(doc)
}

fn fill_counts(r: &mut Record, doc: &Document) {
    r.status = Status::Ok;
    r.format = Some(doc.source.format);
    r.items = count(&doc.items) + doc.attachments.iter().map(|a| count(&a.items)).sum::<usize>();
    r.table_tasks = doc.table_tasks.len() + doc.attachments.iter().map(|a| a.table_tasks.len()).sum::<usize>();
    r.warnings = doc.warnings.len();
}

fn count(items: &[Item]) -> usize {
    items.iter().map(|i| 1 + count(&i.children)).sum()
}

/// The output path relative to OUTDIR: the input path as given, without root or `.`, `..` as
/// `__`, with `.json` appended (so a.doc and a.docx do not collide).
pub fn output_name(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => out.push("__"),
            _ => {}
        }
    }
    let mut s = out.into_os_string();
    s.push(".json");
    PathBuf::from(s)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Default)]
struct Counts {
    ok: usize,
    resumed: usize,
    duplicate: usize,
    skipped: usize,
    failed: usize,
}

impl Counts {
    fn add(&mut self, o: &Outcome) {
        match o.record.status {
            Status::Ok => self.ok += 1,
            Status::Duplicate => self.duplicate += 1,
            Status::Skipped => self.skipped += 1,
            Status::Failed => self.failed += 1,
        }
        if o.resumed {
            self.resumed += 1;
        }
    }
}

/// A progress bar on a terminal; plain lines (failures, and a count every 10 s) otherwise;
/// nothing with --quiet.
enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { total: usize, done: usize, last: Instant, start: Instant },
    Quiet,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        if quiet {
            return Progress::Quiet;
        }
        if std::io::stderr().is_terminal() {
            let bar =
                indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr());
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  ETA {eta}  {msg}")
            {
                bar.set_style(style);
            }
            bar.set_message("0 failed");
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress::Bar(bar)
        } else {
            Progress::Lines { total, done: 0, last: Instant::now(), start: Instant::now() }
        }
    }

    fn done(&mut self, r: &Record, counts: &Counts) {
        match self {
            Progress::Bar(bar) => {
                if r.status == Status::Failed {
                    bar.println(format!("gongwen: {}: {}", r.path, r.error.as_deref().unwrap_or("")));
                }
                bar.set_message(format!("{} failed", counts.failed));
                bar.inc(1);
            }
            Progress::Lines { done, .. } => {
                *done += 1;
                if r.status == Status::Failed {
                    eprintln!("gongwen: {}: {}", r.path, r.error.as_deref().unwrap_or(""));
                }
                self.tick(counts);
            }
            Progress::Quiet => {}
        }
    }

    fn tick(&mut self, counts: &Counts) {
        if let Progress::Lines { total, done, last, start } = self {
            if last.elapsed() >= Duration::from_secs(10) {
                *last = Instant::now();
                let rate = *done as f64 / start.elapsed().as_secs_f64().max(1e-9);
                eprintln!("gongwen batch: {done}/{total} files, {rate:.0} files/s, {} failed", counts.failed);
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
