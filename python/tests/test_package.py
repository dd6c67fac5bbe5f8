"""The package itself: version, documentation, typing files, parse_many, and the GIL released."""

import importlib.resources
import inspect
import re
import threading
import time
from pathlib import Path

import pytest

import gongwen
from conftest import CORPUS_DOCS, HOSTILE, ROOT, rel

API = ["parse", "parse_json", "text", "tasks", "parse_many", "schema", "task_schema"]
EXCEPTIONS = [
    "Error",
    "NotADocumentError",
    "UnsupportedFormatError",
    "EncryptedError",
    "DamagedError",
    "NoTextError",
    "LimitError",
    "UnknownEncodingError",
]


def cargo_version(path: Path) -> str:
    return re.search(r'^version = "([^"]+)"', path.read_text(), re.M).group(1)


def test_version_is_the_crates():
    assert gongwen.__version__ == cargo_version(ROOT / "Cargo.toml")
    assert gongwen.__version__ == cargo_version(ROOT / "python" / "Cargo.toml")


def test_the_extension_is_abi3():
    # One wheel for every CPython from 3.9 on: the module is built against the stable ABI.
    assert gongwen._native.__file__.endswith(".abi3.so")


def test_every_name_is_documented_and_typed():
    stub = importlib.resources.files("gongwen").joinpath("__init__.pyi").read_text()
    assert importlib.resources.files("gongwen").joinpath("py.typed").is_file()
    for name in API + EXCEPTIONS:
        obj = getattr(gongwen, name)
        assert obj.__doc__ and len(obj.__doc__) > 30, name
        assert re.search(rf"^(def|class) {name}\b", stub, re.M), name
    for name in EXCEPTIONS[1:]:
        assert issubclass(getattr(gongwen, name), gongwen.Error)
    assert str(inspect.signature(gongwen.parse)).startswith("(source, *, encoding=None, path=None, password=None")


def test_parse_many_keeps_input_order_and_returns_errors():
    good = [rel(p) for p in CORPUS_DOCS[:12]]
    paths = good[:5] + ["no/such.txt", rel(HOSTILE / "empty.txt")] + good[5:] + [Path(good[0])]
    for jobs in (1, 2, 3):
        results = list(gongwen.parse_many(paths, jobs=jobs))
        assert [p for p, _ in results] == paths
        assert results[-1][0] is paths[-1]
        for p, r in results:
            p = str(p)
            if p == "no/such.txt":
                assert isinstance(r, FileNotFoundError) and r.filename == p
            elif p.endswith("empty.txt"):
                assert isinstance(r, gongwen.NotADocumentError) and r.path == p
            else:
                assert r == gongwen.parse(p)
    it = gongwen.parse_many(good, jobs=2)
    assert it.__length_hint__() == len(good)
    next(it)
    assert it.__length_hint__() == len(good) - 1


def test_parse_many_stops_when_dropped():
    many = [rel(CORPUS_DOCS[0])] * 500
    it = gongwen.parse_many(many, jobs=2)
    assert next(it)[1]["source"]["path"] == many[0]
    before = threading.active_count()
    del it
    assert threading.active_count() <= before
    assert list(gongwen.parse_many([])) == []
    with pytest.raises(ValueError):
        gongwen.parse_many(many, jobs=0)
    with pytest.raises(TypeError):
        gongwen.parse_many(b"bytes are not paths")
    with pytest.raises(TypeError):
        gongwen.parse_many([b"x"])


def big_plan() -> bytes:
    """A plan of about 4 MB: long enough that its parse spans many of Python's switch intervals."""
    lines = ["关于印发某县工作方案的通知", "一、总体要求"]
    for i in range(1, 12000):
        lines.append(f"（{i}）推进第{i}项工作，到2025年底覆盖率达90%以上。（牵头单位：县发改委；配合单位：县财政局）")
    return "\n".join(lines).encode()


def test_the_gil_is_released_while_rust_parses():
    """Another Python thread keeps running while one thread is inside gongwen.parse_json: the main
    thread's loop ticks many times within the parse's own time span. With the GIL held it could
    not tick at all until the call returned."""
    data = big_plan()
    span = {}

    def work():
        span["start"] = time.perf_counter()
        gongwen.parse_json(data)
        span["end"] = time.perf_counter()

    ticks = []
    t = threading.Thread(target=work)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    assert span["end"] - span["start"] > 0.05, "the document parsed too fast to tell"
    inside = [x for x in ticks if span["start"] + 0.01 < x < span["end"] - 0.01]
    assert len(inside) > 1000, len(inside)
