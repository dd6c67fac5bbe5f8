//! `gongwen.parse_many`: files parsed on Rust threads, handed back in input order. Workers take
//! the next index from a shared counter and may run at most `WINDOW_PER_JOB` files a job ahead of
//! the caller, so an archive of any size is parsed in bounded memory; the Python side only turns
//! each finished document into a dict. Dropping the iterator stops the workers after the files
//! they hold.

use crate::errors::{guard, Failure};
use crate::input::read_file;
use crate::to_py::to_py;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// How many files a worker may parse ahead of the caller, per job.
const WINDOW_PER_JOB: usize = 4;

type Outcome = Result<gongwen::Document, Failure>;

/// What the workers and the caller share.
struct Shared {
    files: Vec<(PathBuf, String)>,
    options: gongwen::Options,
    window: usize,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// The next index a worker takes.
    next: usize,
    /// How many results the caller has taken.
    taken: usize,
    /// Finished results not yet taken.
    done: BTreeMap<usize, Outcome>,
    stopped: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker never panics while holding the lock (parsing runs outside it, under `guard`).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next index to parse, waiting while the window is full; None when all are taken.
    fn claim(&self) -> Option<usize> {
        let mut st = self.lock();
        loop {
            if st.stopped || st.next >= self.files.len() {
                return None;
            }
            if st.next < st.taken + self.window {
                st.next += 1;
                return Some(st.next - 1);
            }
            st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn work(&self) {
        while let Some(i) = self.claim() {
            let (path, shown) = &self.files[i];
            let options = gongwen::Options { path: shown.clone(), ..self.options.clone() };
            let outcome =
                guard(|| read_file(path, &options.limits).and_then(|bytes| Ok(gongwen::parse(&bytes, &options)?)));
            self.lock().done.insert(i, outcome);
            self.changed.notify_all();
        }
    }

    /// The result of index `i` (the next in order), waiting for a worker to finish it.
    fn take(&self, i: usize) -> Outcome {
        let mut st = self.lock();
        loop {
            if let Some(outcome) = st.done.remove(&i) {
                st.taken = i + 1;
                drop(st);
                self.changed.notify_all();
                return outcome;
            }
            st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// An iterator of `(path, dict | exception)` in input order: the dict is what `gongwen.parse`
/// returns, the exception what it would raise (a `gongwen.Error` subclass, or an `OSError`
/// subclass for a file that cannot be read); it is returned, not raised.
#[pyclass(module = "gongwen")]
pub struct ParseMany {
    shared: Arc<Shared>,
    given: Vec<Py<PyAny>>,
    position: usize,
}

impl ParseMany {
    pub fn start(given: Vec<Py<PyAny>>, files: Vec<(PathBuf, String)>, jobs: usize, options: gongwen::Options) -> Self {
        let jobs = jobs.min(files.len()).max(1);
        let shared = Arc::new(Shared {
            files,
            options,
            window: jobs * WINDOW_PER_JOB,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        for _ in 0..jobs {
            let s = Arc::clone(&shared);
            std::thread::spawn(move || s.work());
        }
        ParseMany { shared, given, position: 0 }
    }
}

#[pymethods]
impl ParseMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(mut slf: PyRefMut<'py, Self>, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let i = slf.position;
        if i >= slf.given.len() {
            return Ok(None);
        }
        slf.position += 1;
        let shared = Arc::clone(&slf.shared);
        let outcome = py.detach(|| shared.take(i));
        let shown = &shared.files[i].1;
        let value = match outcome {
            Ok(doc) => to_py(py, &doc)?,
            Err(f) => f.into_py(py, shown).into_value(py).into_bound(py).into_any(),
        };
        Ok(Some(PyTuple::new(py, [slf.given[i].bind(py).clone(), value])?))
    }

    fn __length_hint__(&self) -> usize {
        self.given.len() - self.position
    }
}

impl Drop for ParseMany {
    fn drop(&mut self) {
        self.shared.lock().stopped = true;
        self.shared.changed.notify_all();
    }
}
