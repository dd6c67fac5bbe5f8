"""examples/spark_tasks.py in Spark's local mode (local[2]) on corpus/renderings and a few files
that fail: the Parquet task rows equal `gongwen tasks --format jsonl` on the same files as
multisets (source mapped to the path relative to IN_DIR), and every file has its documents row.

Needs Java and pyspark (.ci/run installs both); without them the test is skipped, or fails when
GONGWEN_SPARK_REQUIRED=1.
"""

import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HOSTILE, ROOT, run

FAILING = {"empty.txt": "NotADocumentError", "encrypted.docx": "EncryptedError", "cfb_loop.doc": "DamagedError"}


def spark_submit() -> Path:
    required = os.environ.get("GONGWEN_SPARK_REQUIRED") == "1"
    try:
        import pyarrow  # noqa: F401
        import pyspark
    except ImportError:
        if required:
            raise
        pytest.skip("pyspark is not installed")
    if shutil.which("java") is None:
        if required:
            pytest.fail("no java on PATH")
        pytest.skip("no java on PATH")
    return Path(pyspark.__file__).parent / "bin" / "spark-submit"


def canonical(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    submit = spark_submit()
    base = tmp_path_factory.mktemp("spark")
    in_dir, out_dir = base / "in", base / "out"
    shutil.copytree(ROOT / "corpus" / "renderings", in_dir)
    (in_dir / "failing").mkdir()
    for name in FAILING:
        shutil.copy(HOSTILE / name, in_dir / "failing" / name)
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    cmd = [str(submit), "--master", "local[2]", str(ROOT / "examples" / "spark_tasks.py"), str(in_dir), str(out_dir)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return in_dir.resolve(), out_dir, done.stdout


def read_parquet(folder: Path) -> list:
    import pyarrow.dataset as ds

    return ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()


def test_task_rows_equal_the_cli(cli, spark_run):
    in_dir, out_dir, _ = spark_run
    got = read_parquet(out_dir / "tasks")
    prefix = f"file:{in_dir}/"
    for row in got:
        year = row.pop("deadline_year")
        assert year == (int(row["deadline"][:4]) if row["deadline"] else None)
        assert row["source"].startswith(prefix), row["source"]
        row["source"] = row["source"][len(prefix) :]
    # The CLI on the same folder (it reports the failing files on stderr and exits 1).
    lines = run(cli, "tasks", "--format", "jsonl", str(in_dir), check=False).stdout.decode().splitlines()
    expected = [json.loads(line) for line in lines]
    for row in expected:
        row["source"] = str(Path(row["source"]).relative_to(in_dir))
    assert len(expected) > 2000
    assert collections.Counter(map(canonical, got)) == collections.Counter(map(canonical, expected))


def test_every_file_has_its_documents_row(spark_run):
    in_dir, out_dir, stdout = spark_run
    docs = {r["path"]: r for r in read_parquet(out_dir / "documents")}
    files = [p for p in in_dir.rglob("*") if p.is_file()]
    assert sorted(docs) == sorted(f"file:{p}" for p in files)
    for p in files:
        r = docs[f"file:{p}"]
        assert r["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
        if p.name in FAILING:
            assert (r["status"], r["error_kind"]) == ("error", FAILING[p.name]), r
            assert r["error"] and r["tasks"] is None
        else:
            assert r["status"] == "ok" and r["error"] is None, r
            assert r["format"] in {"txt", "docx", "doc", "rtf", "html", "pdf"}
            assert r["items"] >= 0 and r["tasks"] >= 0
    total = sum(r["tasks"] or 0 for r in docs.values())
    assert f"{len(files) - len(FAILING)} ok, {len(FAILING)} errors), {total} task rows" in stdout
