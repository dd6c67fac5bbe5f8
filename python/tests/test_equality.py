"""The package gives what the CLI prints, on every corpus document and every rendering of it
(text, .docx, .doc, RTF, HTML, and the LibreOffice, reportlab and Chromium PDFs)."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import gongwen
from conftest import CORPUS_DOCS, RENDERINGS, rel, run

ALL = CORPUS_DOCS + RENDERINGS


def test_the_corpus_is_there():
    assert len(CORPUS_DOCS) >= 36
    formats = {p.parent.name for p in RENDERINGS}
    assert {"docx", "doc", "rtf", "html", "pdf-lo", "pdf-reportlab", "pdf-chromium"} <= formats


def _cli_outputs(cli, paths):
    """`gongwen parse` and `gongwen text` of each path (run two at a time)."""

    def one(p):
        return run(cli, "parse", rel(p)).stdout.decode(), run(cli, "text", rel(p)).stdout.decode()

    with ThreadPoolExecutor(4) as pool:
        return dict(zip(paths, pool.map(one, paths)))


@pytest.fixture(scope="module")
def cli_outputs(cli):
    return _cli_outputs(cli, ALL)


def test_parse_json_is_the_cli_stdout(cli_outputs):
    for p in ALL:
        assert gongwen.parse_json(rel(p)) == cli_outputs[p][0], p


def test_parse_is_json_loads_of_the_cli_stdout(cli_outputs):
    for p in ALL:
        expected = json.loads(cli_outputs[p][0])
        got = gongwen.parse(rel(p))
        assert got == expected, p
        # Same types as json.loads gives: lists, never tuples (spans), floats stay floats.
        assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False), p


def test_text_is_the_cli_stdout(cli_outputs):
    for p in ALL:
        assert gongwen.text(rel(p)) == cli_outputs[p][1], p


def test_bytes_and_path_forms_agree(cli_outputs):
    for p in ALL[::7]:
        expected = json.loads(cli_outputs[p][0])
        data = p.read_bytes()
        assert gongwen.parse(data, path=rel(p)) == expected, p
        assert gongwen.parse(bytearray(data), path=rel(p)) == expected, p
        assert gongwen.parse(memoryview(data), path=rel(p)) == expected, p
        assert gongwen.parse(Path(rel(p))) == expected, p
        assert gongwen.parse(data)["source"]["path"] == "-"
        assert gongwen.parse(Path(rel(p)), path="shown")["source"]["path"] == "shown"


def test_pretty_is_the_cli_pretty(cli):
    p = rel(CORPUS_DOCS[0])
    assert gongwen.parse_json(p, pretty=True) == run(cli, "parse", p, "--pretty").stdout.decode()


def test_tasks_are_the_cli_jsonl(cli):
    paths = [rel(p) for p in ALL]
    lines = run(cli, "tasks", "--format", "jsonl", *paths).stdout.decode().splitlines()
    expected = [json.loads(line) for line in lines]
    assert len(expected) > 1000
    # From sources, from parsed dicts, and from parse_many's dicts: the same rows in the same order.
    assert gongwen.tasks(paths) == expected
    assert gongwen.tasks(gongwen.parse(p) for p in paths) == expected
    assert gongwen.tasks(doc for _, doc in gongwen.parse_many(paths)) == expected
    # Field order as the CLI writes it.
    assert list(gongwen.tasks(paths[0])[0]) == list(expected[0])


def test_tasks_of_one_document(cli):
    p = rel(CORPUS_DOCS[0])
    expected = [json.loads(line) for line in run(cli, "tasks", "--format", "jsonl", p).stdout.splitlines()]
    doc = gongwen.parse(p)
    assert gongwen.tasks(doc) == expected
    assert gongwen.tasks(p) == expected
    assert gongwen.tasks(Path(p)) == expected
    assert gongwen.tasks([doc, Path(p).read_bytes()])[len(expected) :] == [
        dict(r, source="-") for r in expected
    ]


def test_tasks_make_a_dataframe():
    pandas = pytest.importorskip("pandas")
    rows = gongwen.tasks([rel(p) for p in CORPUS_DOCS[:5]])
    frame = pandas.DataFrame(rows)
    assert len(frame) == len(rows)
    assert list(frame.columns) == list(rows[0])
    assert frame["units_inherited"].dtype == bool


def test_schemas_are_the_cli_schemas(cli):
    assert gongwen.schema() == json.loads(run(cli, "schema").stdout)
    assert gongwen.task_schema() == json.loads(run(cli, "task-schema").stdout)
