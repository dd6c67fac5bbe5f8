//! `gongwen batch` through the real binary, on temp trees built from corpus/docs: outputs,
//! index.jsonl, exit codes, resume, duplicates, determinism across --jobs, and kill -9 / Ctrl-C
//! mid-run followed by a rerun that must equal a clean run.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
}

/// Runs the binary in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            pipe.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temp folder for one test.
fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// `root/in`: the corpus in `copies` variants (distinct bytes: k trailing newlines), spread over
/// nested folders.
fn build_input(root: &Path, copies: usize) -> usize {
    let mut n = 0;
    for k in 0..copies {
        for (i, p) in corpus().iter().enumerate() {
            let dir = root.join("in").join(format!("set{k}")).join(format!("g{}", i % 3));
            std::fs::create_dir_all(&dir).unwrap();
            let mut bytes = std::fs::read(p).unwrap();
            bytes.extend(std::iter::repeat_n(b'\n', k));
            std::fs::write(dir.join(p.file_name().unwrap()), bytes).unwrap();
            n += 1;
        }
    }
    n
}

/// Every file under `dir` (relative path → bytes), the temp folder excepted.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn go(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".gongwen-tmp") {
                continue;
            }
            if p.is_dir() {
                go(base, &p, out);
            } else {
                out.insert(p.strip_prefix(base).unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        go(dir, dir, &mut out);
    }
    out
}

fn index(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("index.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn outputs_index_duplicates_skips_and_exit_codes() {
    let root = tmp("basic");
    build_input(&root, 1);
    let inp = root.join("in");
    std::fs::create_dir_all(inp.join("z-copies")).unwrap();
    std::fs::copy(inp.join("set0/g0/000.txt"), inp.join("z-copies/again.txt")).unwrap();
    std::fs::write(
        inp.join("z-copies/photo.jpg"),
        [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0, 0],
    )
    .unwrap();
    std::fs::write(inp.join("empty.txt"), b"").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", inp.join("z-copies/loop")).unwrap();
        std::os::unix::fs::symlink("missing.txt", inp.join("dangling.txt")).unwrap();
    }
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out", "--jobs", "2"], None);
    // The dangling symlink cannot be read: the run completes and exits 3.
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("in/dangling.txt") && err.contains("ok"), "{err}");
    let idx = index(&root.join("out"));
    let paths: Vec<&str> = idx.iter().map(|r| r["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "index sorted by path");
    let by: BTreeMap<&str, &Value> = idx.iter().map(|r| (r["path"].as_str().unwrap(), r)).collect();
    assert_eq!(by["in/z-copies/again.txt"]["status"], "duplicate");
    assert_eq!(by["in/z-copies/again.txt"]["duplicate_of"], "in/set0/g0/000.txt");
    assert_eq!(by["in/z-copies/again.txt"]["items"], by["in/set0/g0/000.txt"]["items"]);
    assert!(!root.join("out/in/z-copies/again.txt.json").exists(), "a duplicate is parsed once and written once");
    assert_eq!(by["in/z-copies/photo.jpg"]["status"], "skipped");
    assert!(by["in/z-copies/photo.jpg"]["error"].as_str().unwrap().contains("not a document"));
    assert_eq!(by["in/empty.txt"]["status"], "skipped");
    #[cfg(unix)]
    {
        assert_eq!(by["in/z-copies/loop"]["status"], "skipped");
        assert!(by["in/z-copies/loop"]["error"].as_str().unwrap().contains("loop"));
        assert_eq!(by["in/dangling.txt"]["status"], "failed");
    }
    let ok: Vec<&&Value> = by.values().filter(|r| r["status"] == "ok").collect();
    assert_eq!(ok.len(), corpus().len());
    for r in ok {
        let out = root.join("out").join(r["output"].as_str().unwrap());
        let doc: gongwen::Document = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(doc.source.path, r["path"].as_str().unwrap());
        assert_eq!(doc.source.sha256, r["sha256"].as_str().unwrap());
        assert_eq!(
            r["items"].as_u64().unwrap() as usize,
            doc.items.iter().map(count).sum::<usize>()
                + doc.attachments.iter().flat_map(|a| &a.items).map(count).sum::<usize>()
        );
    }
    assert!(!root.join("out/.gongwen-tmp").exists());
    // The documented column order.
    let first = std::fs::read_to_string(root.join("out/index.jsonl")).unwrap();
    let cols =
        ["path", "sha256", "format", "status", "items", "table_tasks", "warnings", "error", "output", "duplicate_of"];
    let mut at = 0;
    for c in cols {
        let i = first[at..].find(&format!("\"{c}\":")).unwrap_or_else(|| panic!("{c} out of order")) + at;
        at = i;
    }
    // Without the broken link every input is done: exit 0.
    std::fs::remove_file(inp.join("dangling.txt")).ok();
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out", "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "--quiet: {err}");
}

/// Damaged documents failed (exit 3); only what is not a document is skipped; the summary
/// counts both.
#[test]
fn damaged_documents_fail_and_non_documents_are_skipped() {
    let root = tmp("statuses");
    let inp = root.join("in");
    std::fs::create_dir_all(&inp).unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(&corpus()[0], inp.join("good.txt")).unwrap();
    let docx = std::fs::read(here.join("tests/fixtures/docx/tracked.docx")).unwrap();
    std::fs::write(inp.join("truncated.docx"), &docx[..docx.len() / 2]).unwrap();
    std::fs::copy(here.join("tests/hostile/cfb_out_of_range.doc"), inp.join("corrupt.doc")).unwrap();
    std::fs::copy(here.join("tests/hostile/encrypted.docx"), inp.join("encrypted.docx")).unwrap();
    std::fs::copy(here.join("tests/hostile/random.bin"), inp.join("random.bin")).unwrap();
    std::fs::copy(here.join("tests/fixtures/docx/workbook.xlsx"), inp.join("workbook.xlsx")).unwrap();
    std::fs::write(inp.join("photo.jpg"), [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).unwrap();
    std::fs::write(inp.join("empty.txt"), b"").unwrap();
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out", "--jobs", "2"], None);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("1 ok (0 resumed), 0 duplicate, 4 skipped, 3 failed"), "{err}");
    let by: BTreeMap<String, String> = index(&root.join("out"))
        .iter()
        .map(|r| (r["path"].as_str().unwrap().to_string(), r["status"].as_str().unwrap().to_string()))
        .collect();
    for (name, status) in [
        ("good.txt", "ok"),
        ("truncated.docx", "failed"),
        ("corrupt.doc", "failed"),
        ("encrypted.docx", "failed"),
        ("random.bin", "skipped"),
        ("workbook.xlsx", "skipped"),
        ("photo.jpg", "skipped"),
        ("empty.txt", "skipped"),
    ] {
        assert_eq!(by[&format!("in/{name}")], status, "{name}");
    }
    // tasks and units count the same way and exit 3 too.
    for cmd in ["tasks", "units"] {
        let (code, _, err) = run(&root, &[cmd, "in"], None);
        assert_eq!(code, 3, "{cmd}: {err}");
        assert!(err.contains(&format!("gongwen {cmd}: 1 read, 4 skipped, 3 failed")), "{cmd}: {err}");
    }
}

fn count(i: &gongwen::Item) -> usize {
    1 + i.children.iter().map(count).sum::<usize>()
}

#[test]
fn usage_errors_exit_2() {
    let root = tmp("usage");
    build_input(&root, 1);
    for args in [
        &["batch", "in"][..],
        &["batch", "-o", "out"],
        &["batch", "in", "-o", "out", "--jsonl", "-"],
        &["batch", "in", "-o", "out", "--jobs", "0"],
        &["batch", "in", "-o", "out", "--bogus"],
    ] {
        let (code, _, err) = run(&root, args, None);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
}

#[test]
fn resume_skips_done_inputs_and_force_redoes_them() {
    let root = tmp("resume");
    let n = build_input(&root, 1);
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out"], None);
    assert_eq!(code, 0, "{err}");
    let first = tree(&root.join("out"));
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out"], None);
    assert_eq!(code, 0);
    assert!(err.contains(&format!("({n} resumed)")), "{err}");
    assert_eq!(tree(&root.join("out")), first, "a resumed run writes the same outputs");
    // A changed input is parsed again.
    let changed = root.join("in/set0/g1/001.txt");
    let mut bytes = std::fs::read(&changed).unwrap();
    bytes.extend_from_slice("\n\n".as_bytes());
    std::fs::write(&changed, bytes).unwrap();
    let (_, _, err) = run(&root, &["batch", "in", "-o", "out"], None);
    assert!(err.contains(&format!("({} resumed)", n - 1)), "{err}");
    let doc: gongwen::Document =
        serde_json::from_slice(&std::fs::read(root.join("out/in/set0/g1/001.txt.json")).unwrap()).unwrap();
    let rec = index(&root.join("out")).into_iter().find(|r| r["path"] == "in/set0/g1/001.txt").unwrap();
    assert_eq!(doc.source.sha256, rec["sha256"].as_str().unwrap());
    let (_, _, err) = run(&root, &["batch", "in", "-o", "out", "--force"], None);
    assert!(err.contains("(0 resumed)"), "{err}");
}

#[test]
fn outputs_are_identical_whatever_jobs_and_input_order() {
    let root = tmp("determinism");
    build_input(&root, 2);
    let (c1, _, e1) = run(&root, &["batch", "in", "-o", "out1", "--jobs", "1"], None);
    let (c2, _, e2) = run(&root, &["batch", "in", "-o", "out2", "--jobs", "2"], None);
    assert_eq!((c1, c2), (0, 0), "{e1}{e2}");
    let (t1, t2) = (tree(&root.join("out1")), tree(&root.join("out2")));
    assert!(t1.len() > 50);
    assert!(t1 == t2, "--jobs 1 and --jobs 2 differ");
    // The same files named in another order, through --files-from.
    let mut list: Vec<String> = t1
        .keys()
        .filter(|k| k.ends_with(".json") && k.starts_with("in/"))
        .map(|k| k.trim_end_matches(".json").to_string())
        .collect();
    list.reverse();
    let (c3, _, e3) = run(&root, &["batch", "--files-from", "-", "-o", "out3", "--jobs", "2"], Some(&list.join("\n")));
    assert_eq!(c3, 0, "{e3}");
    assert!(tree(&root.join("out3")) == t1, "order of the inputs changed the outputs");
}

#[test]
fn jsonl_streams_one_document_a_line_in_path_order() {
    let root = tmp("jsonl");
    let n = build_input(&root, 1);
    let (code, out1, err) = run(&root, &["batch", "in", "--jsonl", "-", "--jobs", "1", "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    let (_, out2, _) = run(&root, &["batch", "in", "--jsonl", "-", "--jobs", "2", "--quiet"], None);
    assert_eq!(out1, out2);
    let docs: Vec<gongwen::Document> = out1.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), n);
    assert!(docs.windows(2).all(|w| w[0].source.path < w[1].source.path));
    assert!(!root.join("in/index.jsonl").exists());
}

/// Starts a batch and stops it after `delay` (or once it ended); returns whether it was stopped.
fn start_and_stop(root: &Path, args: &[&str], delay: Duration, signal: Option<&str>) -> Option<i32> {
    let mut child = bin()
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while t.elapsed() < delay {
        if let Some(st) = child.try_wait().unwrap() {
            return st.code();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    match signal {
        None => child.kill().unwrap(),
        Some(sig) => {
            Command::new("kill").args([sig, &child.id().to_string()]).status().unwrap();
        }
    }
    child.wait().unwrap().code()
}

/// Every output present is whole: valid JSON of a document for its input.
fn assert_whole(out: &Path) {
    for (rel, bytes) in tree(out) {
        if rel == "index.jsonl" {
            continue;
        }
        let doc: gongwen::Document =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel} is not whole: {e}"));
        assert_eq!(format!("{}.json", doc.source.path), rel);
    }
}

#[test]
#[cfg(unix)]
fn kill_9_at_several_moments_then_rerun_equals_a_clean_run() {
    let root = tmp("kill");
    build_input(&root, 4);
    let (code, _, err) = run(&root, &["batch", "in", "-o", "clean", "--jobs", "2"], None);
    assert_eq!(code, 0, "{err}");
    let clean = tree(&root.join("clean"));
    // Seeded moments: fixed delays spread over the run (a run of this set takes ~0.1-1 s).
    for (i, ms) in [3u64, 15, 40, 90, 200].into_iter().enumerate() {
        let out = format!("killed{i}");
        let code = start_and_stop(
            &root,
            &["batch", "in", "-o", &out, "--jobs", "2", "--quiet"],
            Duration::from_millis(ms),
            None,
        );
        assert_whole(&root.join(&out));
        if code.is_some() && code != Some(0) {
            panic!("run ended with {code:?} before the kill");
        }
        // Killed once more, later, on the partial tree: resume must cope with its own leftovers.
        start_and_stop(
            &root,
            &["batch", "in", "-o", &out, "--jobs", "2", "--quiet"],
            Duration::from_millis(ms / 2 + 1),
            None,
        );
        assert_whole(&root.join(&out));
        let (code, _, err) = run(&root, &["batch", "in", "-o", &out, "--jobs", "2"], None);
        assert_eq!(code, 0, "{err}");
        assert!(tree(&root.join(&out)) == clean, "rerun after kill -9 at {ms} ms differs from a clean run");
    }
}

/// index.jsonl is absent or agrees with the JSON on disk: every row's output is there and is of
/// the content the row names.
fn assert_index_agrees(out: &Path) {
    if !out.join("index.jsonl").exists() {
        return;
    }
    for r in index(out) {
        let Some(rel) = r["output"].as_str() else { continue };
        let bytes = std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel} of the index: {e}"));
        let doc: gongwen::Document = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc.source.sha256, r["sha256"].as_str().unwrap(), "{rel}: the index disagrees with the output");
    }
}

/// Inputs change, then a rerun is killed with -9 at seeded moments: the index never disagrees
/// with the outputs, and the next run completes it.
#[test]
#[cfg(unix)]
fn a_killed_rerun_never_leaves_an_index_that_disagrees() {
    let root = tmp("kill-index");
    build_input(&root, 2);
    for (i, ms) in [2u64, 10, 30, 80, 160].into_iter().enumerate() {
        let (code, _, err) = run(&root, &["batch", "in", "-o", "out", "--jobs", "2", "--quiet"], None);
        assert_eq!(code, 0, "{err}");
        // Every input changes (one more trailing line each round).
        for p in tree(&root.join("in")).keys() {
            let path = root.join("in").join(p);
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.extend_from_slice(format!("\n第{i}轮\n").as_bytes());
            std::fs::write(&path, bytes).unwrap();
        }
        start_and_stop(&root, &["batch", "in", "-o", "out", "--jobs", "2", "--quiet"], Duration::from_millis(ms), None);
        assert_index_agrees(&root.join("out"));
    }
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out", "--jobs", "2", "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    assert!(root.join("out/index.jsonl").exists());
    assert_index_agrees(&root.join("out"));
}

#[test]
#[cfg(unix)]
fn ctrl_c_stops_after_the_files_in_flight_with_130() {
    let root = tmp("sigint");
    build_input(&root, 4);
    let (_, _, _) = run(&root, &["batch", "in", "-o", "clean"], None);
    let clean = tree(&root.join("clean"));
    // Wait for the first output, so the handler is installed, then interrupt.
    let child = bin()
        .args(["batch", "in", "-o", "out", "--jobs", "1"])
        .current_dir(&root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while tree(&root.join("out")).keys().all(|k| !k.ends_with(".txt.json")) && t.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(1));
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    let code = out.status.code();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(code == Some(130) || code == Some(0), "{code:?} {err}");
    if code == Some(130) {
        assert!(err.contains("interrupted"), "{err}");
        assert!(!root.join("out/index.jsonl").exists(), "no index for an interrupted run");
    }
    assert_whole(&root.join("out"));
    let (code, _, err) = run(&root, &["batch", "in", "-o", "out"], None);
    assert_eq!(code, 0, "{err}");
    assert!(tree(&root.join("out")) == clean);
}
