"""gongwen: Chinese government plan documents (实施方案, 工作方案, 行动方案, 工作要点, 任务分解方案,
意见) to structured data — every numbered task, its responsible units (牵头/配合), deadlines and
targets, and the covering notice — from the same Rust core as the ``gongwen`` command.

    >>> import gongwen
    >>> doc = gongwen.parse("notice.docx")          # a dict: json.loads of `gongwen parse`
    >>> rows = gongwen.tasks(doc)                   # task rows as `gongwen tasks --format jsonl`
    >>> for path, result in gongwen.parse_many(paths, jobs=4): ...

Errors: only input that cannot be read at all raises; everything else is a warning inside the
document. The exceptions mirror the library's error kinds (docs/errors.md).
"""

from typing import Optional


class Error(Exception):
    """An input gongwen cannot read. ``str(e)`` is the CLI's one-line reason (what
    ``gongwen parse`` prints after ``gongwen: FILE:``); ``e.path`` is the input's path
    (``source.path``: the path given, ``path=``, or "-" for bytes)."""

    path: Optional[str]

    def __init__(self, message: str, path: Optional[str] = None) -> None:
        super().__init__(message)
        self.path = path


class NotADocumentError(Error):
    """Not a document at all: empty, binary data, an MHT message without a page."""


class UnsupportedFormatError(Error):
    """A file of a kind gongwen recognises but does not read as a plan: an Excel workbook, a
    PowerPoint file, a ZIP or OLE2 file without a Word document, a Word 2 fast save. ``e.format``
    is the container ("doc", "docx")."""

    format: Optional[str] = None


class EncryptedError(Error):
    """Password-protected (加密): a Word file, or a PDF whose user password was not given or is
    wrong (pass ``password=``). ``e.format`` is the format."""

    format: Optional[str] = None


class DamagedError(Error):
    """The container or markup is broken beyond use (a damaged file that still yields text is
    parsed, with a ``damaged`` warning). ``e.format`` is the format."""

    format: Optional[str] = None


class NoTextError(Error):
    """A readable document with no text in it: an empty RTF or HTML page, or a scanned PDF/OFD
    whose pages are images (needs OCR). ``e.format`` is the format."""

    format: Optional[str] = None


class LimitError(Error):
    """The input crossed one of the resource limits. ``e.kind`` is the keyword argument that moves
    it (``"max_input_size"``…, the CLI flag without its dashes), ``e.limit`` the limit and
    ``e.actual`` what the input needed when known (bytes for sizes, else a count)."""

    kind: Optional[str] = None
    limit: Optional[int] = None
    actual: Optional[int] = None


class UnknownEncodingError(Error, ValueError):
    """``encoding=`` names no encoding (a usage error: exit 2 on the command line). ``e.name`` is
    the name given."""

    name: Optional[str] = None


from ._native import (  # noqa: E402  (the classes above must exist before Rust raises them)
    ParseMany,
    __version__,
    _panic_for_test,
    parse,
    parse_json,
    parse_many,
    schema,
    task_schema,
    tasks,
    text,
)

__all__ = [
    "DamagedError",
    "EncryptedError",
    "Error",
    "LimitError",
    "NoTextError",
    "NotADocumentError",
    "ParseMany",
    "UnknownEncodingError",
    "UnsupportedFormatError",
    "__version__",
    "parse",
    "parse_json",
    "parse_many",
    "schema",
    "task_schema",
    "tasks",
    "text",
]
