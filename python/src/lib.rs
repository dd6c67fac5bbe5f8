//! The Python binding of gongwen (`import gongwen`): the library's calls, nothing else. Each
//! function hands bytes to the library with the GIL released and gives back what the CLI prints,
//! as Python objects (`to_py`) or text; errors become the exceptions of python/gongwen/__init__.py
//! (`errors`). There is no parsing logic here.
#![forbid(unsafe_code)]

mod errors;
mod input;
mod many;
mod to_py;

use errors::{guard, Failure};
use input::{is_path, is_source, options, shown_path, Input};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Parses a document and returns it as a dict: `json.loads` of what `gongwen parse` prints.
///
/// `source` is the document's bytes (bytes, bytearray, memoryview) or a path (str or
/// os.PathLike) to read. `source.path` in the result is `path=` when given, else the path read,
/// else "-". `encoding` overrides detection for text and HTML (any WHATWG label: "gbk", "big5"…);
/// `password` opens an encrypted PDF. Limits are keyword arguments named as the CLI's flags,
/// in their units: max_input_size (MB), max_unpacked_size (MB), max_zip_entries,
/// max_compression_ratio, max_xml_depth, max_rtf_depth, max_pdf_objects, max_pdf_stream_size
/// (MB), max_pdf_inflated_size (MB), max_pdf_pages, max_pdf_depth, max_pdf_operators,
/// max_text_size (MB; 0: 20 times the input, at least 64 MB).
///
/// Raises a gongwen.Error subclass when the input is not a readable document (NotADocumentError,
/// UnsupportedFormatError, EncryptedError, DamagedError, NoTextError, LimitError,
/// UnknownEncodingError), and an OSError subclass when a file cannot be read. The GIL is released
/// while the document is read and parsed.
#[pyfunction]
#[pyo3(signature = (source, *, encoding=None, path=None, password=None, **limits))]
fn parse<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    encoding: Option<String>,
    path: Option<String>,
    password: Option<String>,
    limits: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::new(source, path, options("parse", encoding, password, limits)?)?;
    let doc = input.run(py, gongwen::parse)?;
    to_py::to_py(py, &doc)
}

/// Parses a document and returns its JSON exactly as `gongwen parse` prints it (`--pretty` with
/// `pretty=True`), final newline included. Arguments and errors as `parse`.
#[pyfunction]
#[pyo3(signature = (source, *, encoding=None, path=None, password=None, pretty=false, **limits))]
fn parse_json(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    encoding: Option<String>,
    path: Option<String>,
    password: Option<String>,
    pretty: bool,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let input = Input::new(source, path, options("parse_json", encoding, password, limits)?)?;
    let json = input.run(py, |bytes, opts| {
        let doc = gongwen::parse(bytes, opts)?;
        let mut out = Vec::with_capacity(bytes.len() * 2);
        gongwen::write_json(&doc, pretty, &mut out)?;
        Ok(out)
    })?;
    String::from_utf8(json).map_err(|e| PyValueError::new_err(format!("internal error: {e}")))
}

/// The source text the parser reads, one paragraph a line: exactly what `gongwen text` prints
/// (it ends with a newline). Arguments and errors as `parse`.
#[pyfunction]
#[pyo3(signature = (source, *, encoding=None, path=None, password=None, **limits))]
fn text(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    encoding: Option<String>,
    path: Option<String>,
    password: Option<String>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let input = Input::new(source, path, options("text", encoding, password, limits)?)?;
    input.run(py, |bytes, opts| {
        let mut t = gongwen::read_text(bytes, opts)?.text;
        if !t.ends_with('\n') {
            t.push('\n');
        }
        Ok(t)
    })
}

/// The task rows of documents, each a dict exactly as a line of `gongwen tasks --format jsonl`:
/// `pandas.DataFrame(gongwen.tasks(docs))` makes the task table.
///
/// `docs` is one document or an iterable of them; a document is a dict that `parse` returned, or
/// a source (bytes or a path) that is parsed first, with the errors of `parse`. Rows come in the
/// order of the documents, each document's in reading order.
#[pyfunction]
fn tasks<'py>(py: Python<'py>, docs: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let many: Vec<Bound<'py, PyAny>> = if docs.is_instance_of::<PyDict>() || is_source(docs) {
        vec![docs.clone()]
    } else {
        docs.try_iter()?.collect::<PyResult<_>>()?
    };
    let rows = PyList::empty(py);
    for d in &many {
        let doc: gongwen::Document = if d.is_instance_of::<PyDict>() {
            pythonize::depythonize(d)
                .map_err(|e| PyValueError::new_err(format!("not a document as gongwen.parse returns it: {e}")))?
        } else if is_source(d) {
            Input::new(d, None, gongwen::Options::default())?.run(py, gongwen::parse)?
        } else {
            let kind = d.get_type().name()?;
            return Err(PyTypeError::new_err(format!("tasks() takes parsed dicts, bytes or paths, not {kind}")));
        };
        // Inside the guard too: a dict edited by hand must not crash the interpreter.
        let made = py.detach(|| guard(|| Ok(gongwen::task_rows(&doc))));
        for row in made.map_err(|f| f.into_py(py, &doc.source.path))? {
            rows.append(to_py::to_py(py, &row)?)?;
        }
    }
    Ok(rows)
}

/// Parses files on Rust threads and yields `(path, result)` in the order of `paths`: `result` is
/// the dict `parse` returns, or the exception it would raise (a gongwen.Error subclass, or an
/// OSError subclass for a file that cannot be read), returned rather than raised, so one bad file
/// does not stop the rest. `path` is the item of `paths` as given (str or os.PathLike).
///
/// `jobs` is the number of threads (default: the machine's cores). At most a few files a thread
/// are parsed ahead of the caller, so memory stays bounded on archives of any size; `encoding`,
/// `password` and the limits apply to every file.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, *, encoding=None, password=None, **limits))]
fn parse_many(
    paths: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    encoding: Option<String>,
    password: Option<String>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<many::ParseMany> {
    let options = options("parse_many", encoding, password, limits)?;
    if is_source(paths) && !is_path(paths) {
        return Err(PyTypeError::new_err("parse_many() takes an iterable of paths"));
    }
    let mut given = Vec::new();
    let mut files = Vec::new();
    for p in paths.try_iter()? {
        let p = p?;
        if !is_path(&p) {
            let kind = p.get_type().name()?;
            return Err(PyTypeError::new_err(format!("parse_many() takes paths (str or os.PathLike), not {kind}")));
        }
        files.push(shown_path(&p)?);
        given.push(p.unbind());
    }
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("parse_many(): jobs must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    Ok(many::ParseMany::start(given, files, jobs, options))
}

/// The JSON Schema of the document `parse` returns (`gongwen schema`), as a dict.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &gongwen::document_schema())
}

/// The JSON Schema of a task row (`gongwen task-schema`), as a dict.
#[pyfunction]
fn task_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &gongwen::task_schema())
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((text,))
}

/// Panics inside the same guard as every call, so the tests can see a Rust panic arrive as
/// gongwen.Error("internal error: …") (no input is known to make the library panic).
#[pyfunction]
fn _panic_for_test(py: Python<'_>, message: String) -> PyResult<()> {
    let outcome: Result<(), Failure> = py.detach(|| guard(|| panic!("{message}")));
    outcome.map_err(|f| f.into_py(py, "-"))
}

/// The library's own speed, for python/bench.py: parses each of `docs` (bytes) and writes its JSON
/// into a reused buffer, `rounds` times, all in Rust with the GIL released; returns the seconds.
/// The same work as `parse_json` minus the Python call, measured in the same process and build.
#[pyfunction]
fn _library_loop(py: Python<'_>, docs: Vec<Vec<u8>>, rounds: usize) -> PyResult<f64> {
    let outcome = py.detach(|| {
        guard(|| {
            let mut out = Vec::new();
            let start = std::time::Instant::now();
            for _ in 0..rounds {
                for bytes in &docs {
                    out.clear();
                    let doc = gongwen::parse(bytes, &gongwen::Options::default())?;
                    gongwen::write_json(&doc, false, &mut out).map_err(gongwen::Error::from)?;
                }
            }
            Ok(start.elapsed().as_secs_f64())
        })
    });
    outcome.map_err(|f| f.into_py(py, "-"))
}

/// gongwen's Rust core, compiled (the package `gongwen` re-exports it).
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::{_library_loop, _panic_for_test, parse, parse_json, parse_many, schema, task_schema, tasks, text};

    #[pymodule_export]
    use super::many::ParseMany;

    /// The crate's version, which is the library's.
    #[allow(non_upper_case_globals)]
    #[pymodule_export]
    const __version__: &str = env!("CARGO_PKG_VERSION");
}
