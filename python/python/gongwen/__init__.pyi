"""Types of the gongwen package (the functions are in Rust: gongwen._native)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

__version__: str

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]
PathArg = Union[str, "os.PathLike[str]"]
Document = Dict[str, Any]
TaskRow = Dict[str, Any]

class Error(Exception):
    """An input gongwen cannot read; ``str(e)`` is the CLI's one-line reason."""

    path: Optional[str]
    def __init__(self, message: str, path: Optional[str] = ...) -> None: ...

class NotADocumentError(Error):
    """Not a document at all: empty, binary data, an MHT message without a page."""

class UnsupportedFormatError(Error):
    """An Excel or PowerPoint file, a ZIP or OLE2 file without a Word document, a Word 2 fast save."""

    format: Optional[str]

class EncryptedError(Error):
    """Password-protected: a Word file, or a PDF whose user password is missing or wrong."""

    format: Optional[str]

class DamagedError(Error):
    """The container or markup is broken beyond use."""

    format: Optional[str]

class NoTextError(Error):
    """A readable document with no text: an empty RTF/HTML page, a scanned PDF/OFD (needs OCR)."""

    format: Optional[str]

class LimitError(Error):
    """The input crossed a resource limit; ``kind`` is the keyword argument that moves it."""

    kind: Optional[str]
    limit: Optional[int]
    actual: Optional[int]

class UnknownEncodingError(Error, ValueError):
    """``encoding=`` names no encoding."""

    name: Optional[str]

def parse(
    source: Source,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    password: Optional[str] = None,
    max_input_size: int = ...,
    max_unpacked_size: int = ...,
    max_zip_entries: int = ...,
    max_compression_ratio: int = ...,
    max_xml_depth: int = ...,
    max_rtf_depth: int = ...,
    max_pdf_objects: int = ...,
    max_pdf_stream_size: int = ...,
    max_pdf_inflated_size: int = ...,
    max_pdf_pages: int = ...,
    max_pdf_depth: int = ...,
    max_pdf_operators: int = ...,
    max_text_size: int = ...,
) -> Document:
    """Parses a document: ``json.loads`` of what ``gongwen parse`` prints.

    ``source`` is bytes-like or a path (str or os.PathLike). ``source.path`` in the result is
    ``path=``, else the path read, else "-". Limits are named as the CLI's flags, in their units
    (MB for the sizes). Raises a gongwen.Error subclass for input that is not a readable document
    and an OSError subclass for a file that cannot be read. The GIL is released while parsing.
    """

def parse_json(
    source: Source,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    password: Optional[str] = None,
    pretty: bool = False,
    max_input_size: int = ...,
    max_unpacked_size: int = ...,
    max_zip_entries: int = ...,
    max_compression_ratio: int = ...,
    max_xml_depth: int = ...,
    max_rtf_depth: int = ...,
    max_pdf_objects: int = ...,
    max_pdf_stream_size: int = ...,
    max_pdf_inflated_size: int = ...,
    max_pdf_pages: int = ...,
    max_pdf_depth: int = ...,
    max_pdf_operators: int = ...,
    max_text_size: int = ...,
) -> str:
    """The document's JSON exactly as ``gongwen parse`` prints it (final newline included)."""

def text(
    source: Source,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    password: Optional[str] = None,
    max_input_size: int = ...,
    max_unpacked_size: int = ...,
    max_zip_entries: int = ...,
    max_compression_ratio: int = ...,
    max_xml_depth: int = ...,
    max_rtf_depth: int = ...,
    max_pdf_objects: int = ...,
    max_pdf_stream_size: int = ...,
    max_pdf_inflated_size: int = ...,
    max_pdf_pages: int = ...,
    max_pdf_depth: int = ...,
    max_pdf_operators: int = ...,
    max_text_size: int = ...,
) -> str:
    """The source text the parser reads, one paragraph a line: what ``gongwen text`` prints."""

def tasks(docs: Union[Document, Source, Iterable[Union[Document, Source]]]) -> List[TaskRow]:
    """Task rows exactly as the lines of ``gongwen tasks --format jsonl``, from parsed dicts or
    sources; ``pandas.DataFrame(gongwen.tasks(docs))`` makes the table."""

class ParseMany(Iterator[Tuple[PathArg, Union[Document, Exception]]]):
    """The iterator ``parse_many`` returns."""

    def __iter__(self) -> "ParseMany": ...
    def __next__(self) -> Tuple[PathArg, Union[Document, Exception]]: ...
    def __length_hint__(self) -> int: ...

def parse_many(
    paths: Iterable[PathArg],
    jobs: Optional[int] = None,
    *,
    encoding: Optional[str] = None,
    password: Optional[str] = None,
    max_input_size: int = ...,
    max_unpacked_size: int = ...,
    max_zip_entries: int = ...,
    max_compression_ratio: int = ...,
    max_xml_depth: int = ...,
    max_rtf_depth: int = ...,
    max_pdf_objects: int = ...,
    max_pdf_stream_size: int = ...,
    max_pdf_inflated_size: int = ...,
    max_pdf_pages: int = ...,
    max_pdf_depth: int = ...,
    max_pdf_operators: int = ...,
    max_text_size: int = ...,
) -> ParseMany:
    """Parses files on Rust threads; yields ``(path, dict or exception)`` in input order. The
    exception (a gongwen.Error or OSError subclass) is returned, not raised."""

def schema() -> Dict[str, Any]:
    """The JSON Schema of the document (``gongwen schema``)."""

def task_schema() -> Dict[str, Any]:
    """The JSON Schema of a task row (``gongwen task-schema``)."""
