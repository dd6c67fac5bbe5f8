"""Shared fixtures: the repository's root, its corpus, and the `gongwen` command the package is
compared with (GONGWEN_BIN, else target/release/gongwen, built with cargo when missing)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DOCS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
RENDERINGS = sorted(p for p in (ROOT / "corpus" / "renderings").rglob("*") if p.is_file() and p.suffix != ".tsv")
HOSTILE = ROOT / "tests" / "hostile"
PDF_MADE = ROOT / "tests" / "fixtures" / "pdf" / "made"


def rel(p: Path) -> str:
    """A path as the tests hand it to both sides: relative to the root (the CLI runs there)."""
    return str(p.relative_to(ROOT))


@pytest.fixture(scope="session")
def cli() -> Path:
    given = os.environ.get("GONGWEN_BIN")
    binary = Path(given) if given else ROOT / "target" / "release" / "gongwen"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
    return binary.resolve()


def run(cli_path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The CLI run from the root, output as bytes."""
    return subprocess.run([str(cli_path), *args], cwd=ROOT, capture_output=True, check=check)


def run_json(cli_path: Path, *args: str):
    return json.loads(run(cli_path, *args).stdout)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    # The package reads relative paths from the working directory, as the CLI does.
    monkeypatch.chdir(ROOT)
