//! The library's errors as Python exceptions, chosen by the `gongwen::Error` variant (never by the
//! message): the classes are defined in python/gongwen/__init__.py, one a variant, and carry the
//! path and the CLI's one-line reason. A file that cannot be read is the usual `OSError` subclass
//! (`FileNotFoundError`, `PermissionError`, `IsADirectoryError`…). A panic in Rust is caught
//! where it happens and becomes `gongwen.Error("internal error: …")`.

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What went wrong in Rust, carried back to where the GIL is held.
#[derive(Debug)]
pub enum Failure {
    /// The library refused the input.
    Lib(gongwen::Error),
    /// A file that is not a regular file (a FIFO could block forever): refused before reading.
    NotRegular,
    /// A panic, with its message.
    Panic(String),
}

impl From<gongwen::Error> for Failure {
    fn from(e: gongwen::Error) -> Self {
        Failure::Lib(e)
    }
}

/// Runs `f`, turning a panic into [`Failure::Panic`] so that it never unwinds into Python.
pub fn guard<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            Err(Failure::Panic(msg))
        }
    }
}

impl Failure {
    /// The Python exception for this failure on the input shown as `path`.
    pub fn into_py(self, py: Python<'_>, path: &str) -> PyErr {
        let made = match self {
            Failure::Lib(gongwen::Error::Io(e)) => os_error(py, &e, path),
            Failure::Lib(e) => library_error(py, &e, path),
            Failure::NotRegular => {
                // EINVAL, as the CLI's reason says: the path is valid but not a file to read.
                let msg = "not a regular file (a pipe, socket or device), which is not read";
                einval(py).and_then(|n| make_os_error(py, n, msg, path))
            }
            Failure::Panic(msg) => make(py, "Error", &format!("internal error: {msg}"), path, &[]),
        };
        made.unwrap_or_else(|e| e)
    }
}

/// A detail attribute of an exception (`format`, `kind`, `limit`…) and its value.
type Detail<'py> = (&'static str, Bound<'py, PyAny>);

fn library_error(py: Python<'_>, e: &gongwen::Error, path: &str) -> PyResult<PyErr> {
    let msg = e.to_string();
    let format = |f: &gongwen::Format| -> PyResult<Detail<'_>> { Ok(("format", f.name().into_bound_py_any(py)?)) };
    match e {
        gongwen::Error::NotADocument { .. } => make(py, "NotADocumentError", &msg, path, &[]),
        gongwen::Error::Unsupported { format: f, .. } => make(py, "UnsupportedFormatError", &msg, path, &[format(f)?]),
        gongwen::Error::Encrypted { format: f } => make(py, "EncryptedError", &msg, path, &[format(f)?]),
        gongwen::Error::Damaged { format: f, .. } => make(py, "DamagedError", &msg, path, &[format(f)?]),
        gongwen::Error::NoText { format: f, .. } => make(py, "NoTextError", &msg, path, &[format(f)?]),
        gongwen::Error::Limit { kind, limit, actual, .. } => {
            // The keyword that moves the limit: the CLI flag without its dashes.
            let keyword = kind.flag().trim_start_matches("--").replace('-', "_");
            let details = [
                ("kind", keyword.into_bound_py_any(py)?),
                ("limit", limit.into_bound_py_any(py)?),
                ("actual", actual.into_bound_py_any(py)?),
            ];
            make(py, "LimitError", &msg, path, &details)
        }
        gongwen::Error::UnknownEncoding { name } => {
            let name = ("name", name.into_bound_py_any(py)?);
            make(py, "UnknownEncodingError", &msg, path, &[name])
        }
        // A variant added to the library later: the base class, with the library's message.
        _ => make(py, "Error", &msg, path, &[]),
    }
}

/// An instance of the class `name` of the gongwen package, with `path` and the details set.
fn make(py: Python<'_>, name: &str, msg: &str, path: &str, details: &[Detail<'_>]) -> PyResult<PyErr> {
    let class = py.import("gongwen")?.getattr(name)?;
    let exc = class.call1((msg, path))?;
    for (key, value) in details {
        exc.setattr(*key, value)?;
    }
    Ok(PyErr::from_value(exc))
}

/// `OSError(errno, strerror, path)`: Python picks the subclass from errno (2 →
/// FileNotFoundError, 13 → PermissionError, 21 → IsADirectoryError…), as `open()` would.
fn os_error(py: Python<'_>, e: &std::io::Error, path: &str) -> PyResult<PyErr> {
    let text = e.to_string();
    // Rust's text for an OS error ends with " (os error N)"; Python's strerror does not.
    let strerror = text.split(" (os error").next().unwrap_or(&text);
    make_os_error(py, e.raw_os_error(), strerror, path)
}

/// `errno.EINVAL` of this platform.
fn einval(py: Python<'_>) -> PyResult<Option<i32>> {
    py.import("errno")?.getattr("EINVAL")?.extract().map(Some)
}

fn make_os_error(py: Python<'_>, errno: Option<i32>, strerror: &str, path: &str) -> PyResult<PyErr> {
    let class = py.get_type::<PyOSError>();
    let exc = match errno {
        Some(n) => class.call1((n, strerror, path))?,
        None => class.call1((strerror,))?,
    };
    exc.setattr("path", path)?;
    Ok(PyErr::from_value(exc))
}
