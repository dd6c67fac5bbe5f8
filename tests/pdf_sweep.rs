//! Every PDF of pdf.js's test suite (../shared/fixtures/pdfjs, 969 real-world files: broken
//! cross-reference tables, odd fonts, encryption, CMaps) through `gongwen::parse` with the default
//! limits: no panic, no hang (a watchdog fails the test when no file finishes for 30 s, naming the
//! files in flight), and every failure one of the documented errors. The counts by outcome are
//! printed; `cargo test --release --test pdf_sweep -- --nocapture` shows them.

use gongwen::{Error, Options};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const STALL: Duration = Duration::from_secs(30);

fn outcome(path: &PathBuf) -> String {
    let bytes = std::fs::read(path).unwrap();
    let opts = Options { path: path.display().to_string(), ..Default::default() };
    match std::panic::catch_unwind(|| gongwen::parse(&bytes, &opts)) {
        Err(_) => "PANIC".into(),
        Ok(Ok(_)) => "ok".into(),
        Ok(Err(Error::NoText { .. })) => "no text".into(),
        Ok(Err(Error::Encrypted { .. })) => "encrypted".into(),
        Ok(Err(Error::Damaged { .. })) => "damaged".into(),
        Ok(Err(Error::Limit { kind, .. })) => format!("limit {kind:?}"),
        Ok(Err(e)) => format!("UNEXPECTED {e}"),
    }
}

#[test]
fn pdfjs_sweep() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/pdfjs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(Mutex::new(BTreeMap::<usize, PathBuf>::new()));
    let results = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (files, next, done, in_flight, results) =
                (files.clone(), next.clone(), done.clone(), in_flight.clone(), results.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(path) = files.get(i) else { break };
                in_flight.lock().unwrap().insert(i, path.clone());
                let t = Instant::now();
                let o = outcome(path);
                in_flight.lock().unwrap().remove(&i);
                results.lock().unwrap().push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    o,
                    t.elapsed(),
                ));
                done.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    let (mut last, mut last_change) = (0, Instant::now());
    while done.load(Ordering::SeqCst) < files.len() {
        std::thread::sleep(Duration::from_millis(50));
        let now = done.load(Ordering::SeqCst);
        if now != last {
            (last, last_change) = (now, Instant::now());
        } else if last_change.elapsed() > STALL {
            panic!("no file finished for {STALL:?}; in flight: {:?}", in_flight.lock().unwrap());
        }
    }
    for w in workers {
        w.join().unwrap();
    }
    let results = results.lock().unwrap();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, o, _) in results.iter() {
        *counts.entry(o.as_str()).or_default() += 1;
    }
    let slowest = results.iter().max_by_key(|r| r.2).unwrap();
    eprintln!(
        "{} files in {:.1?}: {counts:?}; slowest {} ({:.2?})",
        results.len(),
        start.elapsed(),
        slowest.0,
        slowest.2
    );
    let bad: Vec<_> = results.iter().filter(|(_, o, _)| o == "PANIC" || o.starts_with("UNEXPECTED")).collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(results.len(), files.len());
    // Most of the suite is read: the rest are image-only or vector-only pages, files pdftotext
    // cannot read either, and the encrypted files whose password is not empty.
    assert!(counts.get("ok").copied().unwrap_or(0) >= 580, "{counts:?}");
}
