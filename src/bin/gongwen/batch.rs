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
//!   the files in flight by itself. With `--jobs 1` there is no worker: the main thread parses
//!   each file as it dispatches it.
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
use gongwen::{Document, Item};
use indicatif::HumanCount;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// An office's own unit names (`--units-map`).
    pub units_map: Option<std::sync::Arc<gongwen::UnitsMap>>,
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

/// The batch status for a library error: a plain match on the variant (docs/errors.md). Only what
/// is not a document at all is skipped (an image, an empty file, random bytes, a workbook, a text
/// file without text); a document that cannot be read (damaged, encrypted, scanned, over a
/// limit) failed.
pub fn status_for(e: &gongwen::Error) -> Status {
    use gongwen::{Error as E, Format};
    match e {
        E::NotADocument { .. } | E::Unsupported { .. } | E::NoText { format: Format::Txt | Format::Html, .. } => {
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

impl Sink {
    /// The output folder, in tree mode.
    fn outdir(&self) -> Option<&Path> {
        match self {
            Sink::Tree { outdir, .. } => Some(outdir),
            Sink::Lines => None,
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let mut batch = match Batch::setup(&args) {
        Ok(b) => b,
        Err(code) => return code,
    };
    batch.dispatch();
    batch.finish(started, args.quiet)
}

/// What the command line asks for, checked.
struct Plan {
    roots: Vec<PathBuf>,
    sink: Sink,
    jobs: usize,
}

/// Reports a usage error: exit code 2.
fn usage(message: String) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

impl Plan {
    /// Checks the arguments in the order the messages are documented: the list of files, then
    /// where the results go, then the number of jobs.
    fn from_args(args: &Args) -> Result<Plan, ExitCode> {
        let roots = roots(args)?;
        let sink = match (&args.output, &args.jsonl) {
            (Some(outdir), None) => Sink::Tree { outdir: outdir.clone(), force: args.force },
            (None, Some(dash)) if dash == "-" => Sink::Lines,
            (None, Some(other)) => {
                return Err(usage(format!("gongwen batch: --jsonl takes only - (standard output), not {other:?}")))
            }
            (Some(_), Some(_)) => {
                return Err(usage("gongwen batch: give either -o OUTDIR or --jsonl -, not both".into()))
            }
            (None, None) => {
                return Err(usage("gongwen batch: say where the results go: -o OUTDIR or --jsonl -".into()))
            }
        };
        let jobs = match args.jobs {
            Some(0) => return Err(usage("gongwen batch: --jobs must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        };
        Ok(Plan { roots, sink, jobs })
    }
}

/// The paths named on the command line, then those of `--files-from` (a file, or `-` for
/// standard input), one a line.
fn roots(args: &Args) -> Result<Vec<PathBuf>, ExitCode> {
    let mut roots = args.paths.clone();
    if let Some(from) = &args.files_from {
        let text = if from == "-" {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                return Err(usage(format!("gongwen: cannot read the list of files from standard input: {e}")));
            }
            s
        } else {
            std::fs::read_to_string(from)
                .map_err(|e| usage(format!("gongwen: {from}: cannot read the list of files: {e}")))?
        };
        roots.extend(text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty()).map(PathBuf::from));
    }
    if roots.is_empty() {
        return Err(usage("gongwen batch: no input: name files or folders, or use --files-from".into()));
    }
    Ok(roots)
}

/// Empties (or creates) the temp folder inside OUTDIR: what a killed run left there is partial.
fn prepare_outdir(sink: &Sink) -> Result<(), ExitCode> {
    if let Some(outdir) = sink.outdir() {
        // The old index goes before any output changes: a run killed before its new index is
        // in place leaves none (the next run writes it), never one that disagrees with the
        // outputs.
        if let Err(e) = std::fs::remove_file(outdir.join("index.jsonl")) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("gongwen: {}: cannot replace the index: {e}", outdir.display());
                return Err(ExitCode::from(1));
            }
        }
        let tmp = outdir.join(TMP);
        let _ = std::fs::remove_dir_all(&tmp);
        if let Err(e) = std::fs::create_dir_all(&tmp) {
            eprintln!("gongwen: {}: cannot create the output folder: {e}", outdir.display());
            return Err(ExitCode::from(1));
        }
    }
    Ok(())
}

/// The index, written in the temp folder and renamed into place only when the run completes.
fn open_index(sink: &Sink) -> Result<Option<BufWriter<std::fs::File>>, ExitCode> {
    let Some(outdir) = sink.outdir() else { return Ok(None) };
    match std::fs::File::create(outdir.join(TMP).join("index.jsonl")) {
        Ok(f) => Ok(Some(BufWriter::new(f))),
        Err(e) => {
            eprintln!("gongwen: {}: cannot write the index: {e}", outdir.display());
            Err(ExitCode::from(1))
        }
    }
}

/// The worker threads, the channel that feeds them and the one they answer on; with one job, no
/// thread: the files are parsed where they are dispatched (a hand-off to one worker and back
/// costs two thread wake-ups a file, which a loaded machine makes long).
struct Workers {
    /// `None` once the run is over: the workers then end when the queue is empty.
    jobs: Option<crossbeam_channel::Sender<Job>>,
    results: crossbeam_channel::Receiver<(usize, Outcome)>,
    handles: Vec<std::thread::JoinHandle<()>>,
    /// One job: parsed here.
    inline: Option<Inline>,
}

/// What `--jobs 1` parses with where it dispatches, and the outcomes not yet received.
struct Inline {
    sink: Sink,
    base: gongwen::Options,
    done: std::collections::VecDeque<(usize, Outcome)>,
}

/// Parses one job; a panic in the parser fails this file, not the run.
fn guarded(job: &Job, sink: &Sink, base: &gongwen::Options) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(job, sink, base))).unwrap_or_else(|_| {
        let mut r = Record::new(&job.path, Status::Failed);
        r.error = Some("internal error while parsing (please report this file)".into());
        Outcome { record: r, line: None, resumed: false, dup_of: None }
    })
}

impl Workers {
    fn spawn(n: usize, sink: &Sink, base: gongwen::Options) -> Workers {
        let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
        let (res_tx, res_rx) = crossbeam_channel::unbounded::<(usize, Outcome)>();
        if n == 1 {
            let inline = Some(Inline { sink: sink.clone(), base, done: Default::default() });
            return Workers { jobs: None, results: res_rx, handles: Vec::new(), inline };
        }
        let handles = (0..n)
            .map(|_| {
                let rx = job_rx.clone();
                let tx = res_tx.clone();
                let sink = sink.clone();
                let base = base.clone();
                std::thread::spawn(move || {
                    for job in rx {
                        if tx.send((job.seq, guarded(&job, &sink, &base))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        Workers { jobs: Some(job_tx), results: res_rx, handles, inline: None }
    }

    fn send(&mut self, job: Job) {
        if let Some(Inline { sink, base, done }) = &mut self.inline {
            done.push_back((job.seq, guarded(&job, sink, base)));
        } else if let Some(tx) = &self.jobs {
            let _ = tx.send(job);
        }
    }

    /// The next outcome, waiting at most `wait` for a worker's.
    fn receive(&mut self, wait: Duration) -> Result<(usize, Outcome), crossbeam_channel::RecvTimeoutError> {
        match &mut self.inline {
            Some(i) => i.done.pop_front().ok_or(crossbeam_channel::RecvTimeoutError::Disconnected),
            None => self.results.recv_timeout(wait),
        }
    }

    /// Closes the queue and waits for the workers to finish the files they hold.
    fn stop(&mut self) {
        self.jobs = None;
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

/// The state of one run: the inputs, the workers, and the results waiting to be written in
/// path order.
struct Batch {
    sink: Sink,
    entries: Vec<Entry>,
    /// See [`duplicate_groups`]; and the entries others duplicate.
    dups: HashMap<usize, (usize, String)>,
    is_original: HashSet<usize>,
    /// Set by Ctrl-C, or when standard output cannot be written: no more files are dispatched.
    stop: Arc<AtomicBool>,
    progress: Progress,
    index: Option<BufWriter<std::fs::File>>,
    stdout: BufWriter<std::io::StdoutLock<'static>>,
    workers: Workers,
    /// Files dispatched beyond the next one to write: bounds the reorder buffer and so memory.
    window: usize,
    /// The next entry to dispatch, the next to write, and how many the workers hold.
    next: usize,
    written: usize,
    inflight: usize,
    /// Results that arrived before an earlier path's, by entry index.
    buffer: BTreeMap<usize, Outcome>,
    /// Records of files that others duplicate, kept until the run ends (one per group).
    originals: HashMap<usize, Record>,
    counts: Counts,
    /// The first write that failed (index or standard output): the run then exits with 1.
    io_error: Option<String>,
}

impl Batch {
    /// Checks the arguments, prepares OUTDIR, walks the inputs, finds the duplicates and starts
    /// the workers. A usage error returns exit code 2, an output folder that cannot be written 1.
    fn setup(args: &Args) -> Result<Batch, ExitCode> {
        let Plan { roots, sink, jobs } = Plan::from_args(args)?;
        prepare_outdir(&sink)?;
        let stop = Arc::new(AtomicBool::new(false));
        {
            let stop = stop.clone();
            // A second Ctrl-C while draining is ignored: the files in flight finish in any case.
            let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
        }
        let entries = walk::walk(&roots, sink.outdir());
        let dups = duplicate_groups(&entries);
        let is_original = dups.values().map(|&(o, _)| o).collect();
        let progress = Progress::new(entries.len(), args.quiet);
        let index = open_index(&sink)?;
        let stdout = BufWriter::new(std::io::stdout().lock());
        let base = gongwen::Options {
            password: args.password.clone(),
            units_map: args.units_map.clone(),
            ..Default::default()
        };
        let workers = Workers::spawn(jobs, &sink, base);
        Ok(Batch {
            sink,
            entries,
            dups,
            is_original,
            stop,
            progress,
            index,
            stdout,
            workers,
            window: jobs * 4 + 16,
            next: 0,
            written: 0,
            inflight: 0,
            buffer: BTreeMap::new(),
            originals: HashMap::new(),
            counts: Counts::default(),
            io_error: None,
        })
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The main loop: keeps the window of files dispatched, writes what is ready in path order,
    /// waits for the next result. Ends when all is written, or when stopped and nothing is in
    /// flight.
    fn dispatch(&mut self) {
        loop {
            while self.next < self.entries.len() && self.next < self.written + self.window && !self.stopped() {
                self.dispatch_next();
            }
            self.write_ready();
            if self.written == self.entries.len() || (self.inflight == 0 && self.stopped()) {
                break;
            }
            if self.inflight == 0 {
                continue;
            }
            if !self.receive() {
                break;
            }
        }
    }

    /// Hands the next entry to a worker; problems and duplicates need none, their outcome is
    /// known now.
    fn dispatch_next(&mut self) {
        let seq = self.next;
        match &self.entries[seq] {
            Entry::Problem { path, failed, reason } => {
                let mut r = Record::new(path, if *failed { Status::Failed } else { Status::Skipped });
                r.error = Some(reason.clone());
                self.buffer.insert(seq, Outcome { record: r, line: None, resumed: false, dup_of: None });
            }
            Entry::File { path, .. } => match self.dups.get(&seq) {
                Some(&(orig, ref sha)) => {
                    let mut r = Record::new(path, Status::Duplicate);
                    r.sha256 = Some(sha.clone());
                    self.buffer.insert(seq, Outcome { record: r, line: None, resumed: false, dup_of: Some(orig) });
                }
                None => {
                    self.workers.send(Job { seq, path: path.clone() });
                    self.inflight += 1;
                }
            },
        }
        self.next += 1;
    }

    /// Waits (at most 250 ms, so the progress line keeps ticking) for a worker's result. False
    /// when every worker is gone.
    fn receive(&mut self) -> bool {
        match self.workers.receive(Duration::from_millis(250)) {
            Ok((seq, out)) => {
                self.inflight -= 1;
                self.buffer.insert(seq, out);
            }
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => self.progress.tick(&self.counts),
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return false,
        }
        true
    }

    /// Writes the buffered outcomes that are next in path order.
    fn write_ready(&mut self) {
        while let Some(out) = self.buffer.remove(&self.written) {
            self.write(out);
            self.written += 1;
        }
    }

    /// Writes the outcome of entry `self.written`: its index line and, in `--jsonl` mode, its
    /// document. A duplicate takes its counts from its original, written before it.
    fn write(&mut self, mut out: Outcome) {
        if let Some(o) = out.dup_of.and_then(|orig| self.originals.get(&orig)) {
            fill_duplicate(&mut out.record, o);
        }
        if self.is_original.contains(&self.written) {
            self.originals.insert(self.written, out.record.clone());
        }
        self.counts.add(&out);
        self.progress.done(&out.record, &self.counts);
        if let Some(w) = self.index.as_mut() {
            if let Err(e) = serde_json::to_writer(&mut *w, &out.record)
                .map_err(std::io::Error::from)
                .and_then(|_| w.write_all(b"\n"))
            {
                self.io_error.get_or_insert(format!("cannot write the index: {e}"));
            }
        }
        if let Some(line) = &out.line {
            if let Err(e) = self.stdout.write_all(line) {
                self.io_error.get_or_insert(format!("cannot write to standard output: {e}"));
                self.stop.store(true, Ordering::SeqCst);
            }
        }
    }

    /// Stops the workers, puts the index in place (a complete run only), prints the summary and
    /// gives the exit code: 1 for a failed write, 130 interrupted, 3 when a file failed.
    fn finish(mut self, started: Instant, quiet: bool) -> ExitCode {
        self.workers.stop();
        let _ = self.stdout.flush();
        let interrupted = self.written < self.entries.len();
        self.progress.finish();
        self.close_index(interrupted);
        if !quiet {
            self.summary(started, interrupted);
        }
        if let Some(e) = &self.io_error {
            eprintln!("gongwen batch: {e}");
            return ExitCode::from(1);
        }
        if interrupted {
            ExitCode::from(130)
        } else if self.counts.failed > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Renames the index into OUTDIR when the run is complete (an interrupted run leaves the
    /// previous index, if any), then removes the temp folder.
    fn close_index(&mut self, interrupted: bool) {
        let (Some(outdir), Some(mut w)) = (self.sink.outdir(), self.index.take()) else { return };
        if !interrupted {
            let res = w
                .flush()
                .and_then(|_| std::fs::rename(outdir.join(TMP).join("index.jsonl"), outdir.join("index.jsonl")));
            if let Err(e) = res {
                self.io_error.get_or_insert(format!("cannot write the index: {e}"));
            }
        }
        drop(w);
        let _ = std::fs::remove_dir_all(outdir.join(TMP));
    }

    fn summary(&self, started: Instant, interrupted: bool) {
        let secs = started.elapsed().as_secs_f64();
        let c = &self.counts;
        eprintln!(
            "gongwen batch: {} of {} inputs in {:.1} s ({:.0} files/s): {} ok ({} resumed), {} duplicate, {} skipped, {} failed{}",
            self.written,
            self.entries.len(),
            secs,
            self.written as f64 / secs.max(1e-9),
            c.ok,
            c.resumed,
            c.duplicate,
            c.skipped,
            c.failed,
            if interrupted { "; interrupted: run again to complete" } else { "" }
        );
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
fn process(job: &Job, sink: &Sink, base: &gongwen::Options) -> Outcome {
    let mut r = Record::new(&job.path, Status::Failed);
    let bytes = match std::fs::read(&job.path) {
        Ok(b) => b,
        Err(e) => {
            r.error = Some(format!("cannot read the file: {e}"));
            return Outcome { record: r, line: None, resumed: false, dup_of: None };
        }
    };
    let rel = output_name(&job.path);
    if let Sink::Tree { outdir, force: false } = sink {
        if let Some(doc) = existing(&outdir.join(&rel), &bytes, &r.path) {
            r.sha256 = Some(doc.source.sha256.clone());
            fill_counts(&mut r, &doc);
            r.output = Some(rel.to_string_lossy().into_owned());
            return Outcome { record: r, line: None, resumed: true, dup_of: None };
        }
    }
    let opts = gongwen::Options { path: r.path.clone(), ..base.clone() };
    let doc = match gongwen::parse(&bytes, &opts) {
        Ok(d) => d,
        Err(e) => {
            r.sha256 = Some(hex(&Sha256::digest(&bytes)));
            r.status = status_for(&e);
            r.error = Some(e.to_string());
            return Outcome { record: r, line: None, resumed: false, dup_of: None };
        }
    };
    drop(bytes);
    // The parse hashed the input already (`source.sha256`): a second pass would cost a sixteenth
    // of a PDF batch's time.
    r.sha256 = Some(doc.source.sha256.clone());
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

/// The earlier output for this input, if it is complete and for the same bytes (hashed only when
/// there is an output to compare with).
fn existing(dest: &Path, bytes: &[u8], path: &str) -> Option<Document> {
    let text = std::fs::read(dest).ok()?;
    let doc: Document = serde_json::from_slice(&text).ok()?;
    (doc.source.path == path && doc.source.sha256 == hex(&Sha256::digest(bytes))).then_some(doc)
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

/// Whole files per second with thousands separators: "4,741 files/s".
fn rate_text(per_sec: f64) -> String {
    format!("{} files/s", HumanCount(per_sec.max(0.0).round() as u64))
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
            // Whole files per second with thousands separators (indicatif's {per_sec} prints
            // "4740.6327/s").
            let rate = |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate_text(s.per_sec()));
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} files  {rate}  ETA {eta}  {msg}",
            ) {
                bar.set_style(style.with_key("rate", rate));
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
                let (done, total, rate) = (HumanCount(*done as u64), HumanCount(*total as u64), rate_text(rate));
                eprintln!("gongwen batch: {done}/{total} files, {rate}, {} failed", counts.failed);
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rate_text;

    #[test]
    fn progress_shows_whole_files_per_second() {
        assert_eq!(rate_text(4740.6327), "4,741 files/s");
        assert_eq!(rate_text(0.4), "0 files/s");
        assert_eq!(rate_text(1_234_567.0), "1,234,567 files/s");
    }
}
