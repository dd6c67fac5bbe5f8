//! What a call names as its input: bytes, or a path to read as `gongwen parse FILE` reads it, with
//! the options (`encoding`, `password`, the limits as keyword arguments named after the CLI's
//! flags). The bytes of a `bytes` object are borrowed, not copied, and read with the GIL released.

use crate::errors::{guard, Failure};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where the bytes come from.
pub enum Bytes<'py> {
    Borrowed(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
    File(PathBuf),
}

/// One input and how to read it.
pub struct Input<'py> {
    pub bytes: Bytes<'py>,
    pub options: gongwen::Options,
}

/// True when `obj` names a path (str or os.PathLike) rather than holding bytes.
pub fn is_path(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__").unwrap_or(false)
}

/// True when `obj` is a source (bytes-like or a path) rather than a parsed document or a list.
pub fn is_source(obj: &Bound<'_, PyAny>) -> bool {
    is_path(obj) || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() || is_buffer(obj)
}

fn is_buffer(obj: &Bound<'_, PyAny>) -> bool {
    obj.py().import("builtins").and_then(|b| b.getattr("memoryview")).and_then(|m| m.call1((obj,))).is_ok()
}

/// The path as `source.path` shows it: the text of the str or os.PathLike given.
pub fn shown_path(obj: &Bound<'_, PyAny>) -> PyResult<(PathBuf, String)> {
    let path: PathBuf = obj.extract()?;
    let shown = path.to_string_lossy().into_owned();
    Ok((path, shown))
}

impl<'py> Input<'py> {
    /// The input `source` with `path=` (shown for bytes; "-" when absent) and the options.
    pub fn new(source: &Bound<'py, PyAny>, path: Option<String>, options: gongwen::Options) -> PyResult<Self> {
        let (bytes, shown) = if is_path(source) {
            let (file, shown) = shown_path(source)?;
            (Bytes::File(file), path.unwrap_or(shown))
        } else if let Ok(b) = source.cast::<PyBytes>() {
            (Bytes::Borrowed(b.clone()), path.unwrap_or_else(|| "-".into()))
        } else if let Ok(b) = source.cast::<PyByteArray>() {
            (Bytes::Owned(b.to_vec()), path.unwrap_or_else(|| "-".into()))
        } else if is_buffer(source) {
            let copy = source.py().import("builtins")?.getattr("bytes")?.call1((source,))?;
            (Bytes::Owned(copy.cast::<PyBytes>()?.as_bytes().to_vec()), path.unwrap_or_else(|| "-".into()))
        } else {
            let kind = source.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "source must be bytes-like or a path (str or os.PathLike), not {kind}"
            )));
        };
        Ok(Input { bytes, options: gongwen::Options { path: shown, ..options } })
    }

    /// Runs `f` on the bytes with the GIL released; a library error or a panic becomes the Python
    /// exception for this input.
    pub fn run<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&[u8], &gongwen::Options) -> Result<T, gongwen::Error> + Send,
    ) -> PyResult<T> {
        let options = &self.options;
        let result = match &self.bytes {
            Bytes::Borrowed(b) => {
                let slice = b.as_bytes();
                py.detach(|| guard(|| checked(slice, options).and_then(|s| Ok(f(s, options)?))))
            }
            Bytes::Owned(v) => py.detach(|| guard(|| checked(v, options).and_then(|s| Ok(f(s, options)?)))),
            Bytes::File(p) => py.detach(|| guard(|| read_file(p, &options.limits).and_then(|v| Ok(f(&v, options)?)))),
        };
        result.map_err(|e| e.into_py(py, &self.options.path))
    }
}

/// Bytes given in memory obey the input-size limit as standard input does for the CLI.
fn checked<'a>(bytes: &'a [u8], options: &gongwen::Options) -> Result<&'a [u8], Failure> {
    options.limits.check_input_size(bytes.len() as u64)?;
    Ok(bytes)
}

/// Reads a file as `gongwen parse FILE` does: what is not a regular file is refused before any byte
/// is read (a FIFO could block forever), and so is a file over the input-size limit.
pub fn read_file(path: &Path, limits: &gongwen::Limits) -> Result<Vec<u8>, Failure> {
    let meta = std::fs::metadata(path).map_err(gongwen::Error::from)?;
    // A directory is left to the read below, which fails as Python's open() does (EISDIR).
    if !meta.is_file() && !meta.is_dir() {
        return Err(Failure::NotRegular);
    }
    if meta.is_file() {
        limits.check_input_size(meta.len())?;
    }
    let max = limits.max_input_bytes;
    let mut buf = Vec::new();
    let file = std::fs::File::open(path).map_err(gongwen::Error::from)?;
    file.take(max.saturating_add(1)).read_to_end(&mut buf).map_err(gongwen::Error::from)?;
    limits.check_input_size(buf.len() as u64)?;
    Ok(buf)
}

/// The keyword arguments that set limits: the CLI's flags without their dashes, in the CLI's
/// units (MB where the flag takes MB).
pub const LIMIT_KEYWORDS: [&str; 13] = [
    "max_input_size",
    "max_unpacked_size",
    "max_zip_entries",
    "max_compression_ratio",
    "max_xml_depth",
    "max_rtf_depth",
    "max_pdf_objects",
    "max_pdf_stream_size",
    "max_pdf_inflated_size",
    "max_pdf_pages",
    "max_pdf_depth",
    "max_pdf_operators",
    "max_text_size",
];

/// The options of a call: encoding, password and limits (the defaults for those not given).
pub fn options(
    func: &str,
    encoding: Option<String>,
    password: Option<String>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<gongwen::Options> {
    let mut l = gongwen::Limits::default();
    for (key, value) in limits.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        let n: u64 = value
            .extract()
            .map_err(|_| PyValueError::new_err(format!("{func}(): {key} must be a whole number of at least 0")))?;
        let mb = n.saturating_mul(gongwen::MB);
        let count = usize::try_from(n).unwrap_or(usize::MAX);
        match key.as_str() {
            "max_input_size" => l.max_input_bytes = mb,
            "max_unpacked_size" => l.max_unpacked_bytes = mb,
            "max_zip_entries" => l.max_zip_entries = count,
            "max_compression_ratio" => l.max_compression_ratio = n,
            "max_xml_depth" => l.max_xml_depth = count,
            "max_rtf_depth" => l.max_rtf_depth = count,
            "max_pdf_objects" => l.max_pdf_objects = n,
            "max_pdf_stream_size" => l.max_pdf_stream_bytes = mb,
            "max_pdf_inflated_size" => l.max_pdf_inflated_bytes = mb,
            "max_pdf_pages" => l.max_pdf_pages = n,
            "max_pdf_depth" => l.max_pdf_depth = count,
            "max_pdf_operators" => l.max_pdf_operators = n,
            "max_text_size" => l.max_text_bytes = mb,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "{func}() got an unexpected keyword argument '{key}' (limits: {})",
                    LIMIT_KEYWORDS.join(", ")
                )))
            }
        }
    }
    // `..Default::default()`: fields the library's Options gains later keep their defaults here.
    #[allow(clippy::needless_update)]
    let options = gongwen::Options { path: String::new(), encoding, limits: l, password, ..Default::default() };
    Ok(options)
}
