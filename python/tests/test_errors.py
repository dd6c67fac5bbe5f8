"""Every exception kind: its class follows the library's error variant, its message is the CLI's
one-line reason (what `gongwen parse FILE` prints after `gongwen: FILE: `), `.path` the input."""

import os
import pickle
import stat
import tempfile
from pathlib import Path

import pytest

import gongwen
from conftest import CORPUS_DOCS, HOSTILE, PDF_MADE, rel, run

# (fixture, class, details): one input for each variant of gongwen::Error.
CASES = [
    (HOSTILE / "empty.txt", gongwen.NotADocumentError, {}),
    (HOSTILE / "random.bin", gongwen.NotADocumentError, {}),
    (HOSTILE / "xls_renamed.doc", gongwen.UnsupportedFormatError, {"format": "doc"}),
    # An encrypted .docx is an OLE2 container (the OOXML package sits encrypted inside it).
    (HOSTILE / "encrypted.docx", gongwen.EncryptedError, {"format": "doc"}),
    (PDF_MADE / "rc4_user.pdf", gongwen.EncryptedError, {"format": "pdf"}),
    (HOSTILE / "cfb_loop.doc", gongwen.DamagedError, {"format": "doc"}),
    (HOSTILE / "ofd_truncated.ofd", gongwen.DamagedError, {"format": "ofd"}),
    (HOSTILE / "ofd_images_only.ofd", gongwen.NoTextError, {"format": "ofd"}),
    (PDF_MADE / "scanned.pdf", gongwen.NoTextError, {"format": "pdf"}),
    (HOSTILE / "zip_bomb.docx", gongwen.LimitError, {"kind": "max_compression_ratio", "limit": 100}),
    (HOSTILE / "deep.rtf", gongwen.LimitError, {"kind": "max_rtf_depth", "limit": 1000}),
]


def cli_reason(cli, path: str, *args: str) -> str:
    r = run(cli, "parse", path, *args, check=False)
    assert r.returncode == 1
    prefix = f"gongwen: {path}: "
    line = r.stderr.decode().strip()
    assert line.startswith(prefix), line
    return line[len(prefix) :]


@pytest.mark.parametrize("fixture,cls,details", CASES, ids=[c[0].name for c in CASES])
def test_error_kinds(cli, fixture, cls, details):
    p = rel(fixture)
    with pytest.raises(cls) as info:
        gongwen.parse(p)
    e = info.value
    assert type(e) is cls and isinstance(e, gongwen.Error)
    assert str(e) == cli_reason(cli, p)
    assert e.path == p
    for key, value in details.items():
        assert getattr(e, key) == value
    # The same from bytes (path "-" or path=), from every entry point, and through pickle.
    data = fixture.read_bytes()
    with pytest.raises(cls) as from_bytes:
        gongwen.parse(data)
    assert from_bytes.value.path == "-" and str(from_bytes.value) == str(e)
    for call in (gongwen.parse_json, gongwen.text, gongwen.tasks):
        with pytest.raises(cls):
            call(p)
    [(_, returned)] = list(gongwen.parse_many([p]))
    assert type(returned) is cls and str(returned) == str(e) and returned.path == p
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is cls and str(again) == str(e) and again.path == p
    assert all(getattr(again, k) == v for k, v in details.items())


def test_limits_as_keywords(cli):
    p = rel(CORPUS_DOCS[0])
    with pytest.raises(gongwen.LimitError) as info:
        gongwen.parse(p, max_input_size=0)
    e = info.value
    assert str(e) == cli_reason(cli, p, "--max-input-size", "0")
    assert (e.kind, e.limit, e.actual) == ("max_input_size", 0, os.path.getsize(p))
    with pytest.raises(gongwen.LimitError):
        gongwen.parse(Path(p).read_bytes(), max_input_size=0)
    # Raised limits let the zip bomb through (it inflates 1028:1; its one part is also over the
    # default limit for one part, 12 times the input plus 32 MB, which max_text_size sets).
    doc = gongwen.parse(
        rel(HOSTILE / "zip_bomb.docx"), max_compression_ratio=2000, max_unpacked_size=2048, max_text_size=2048
    )
    assert doc["source"]["format"] == "docx"
    # The text limit (issue 13): 1 MB of text from a 2.4 MB input is refused.
    big = ("一、总体要求\n" + "加强组织领导。" * 120_000).encode("utf-8")
    with pytest.raises(gongwen.LimitError) as info:
        gongwen.parse(big, max_text_size=1)
    assert info.value.kind == "max_text_size"
    with pytest.raises(TypeError, match="max_bogus"):
        gongwen.parse(p, max_bogus=1)
    with pytest.raises(ValueError):
        gongwen.parse(p, max_input_size=-1)


def test_unknown_encoding_is_a_value_error():
    with pytest.raises(gongwen.UnknownEncodingError) as info:
        gongwen.parse(b"abc", encoding="klingon")
    assert isinstance(info.value, ValueError) and isinstance(info.value, gongwen.Error)
    assert str(info.value) == 'unknown encoding name "klingon"'
    assert info.value.name == "klingon"
    assert gongwen.parse("一、总体要求".encode("gbk"), encoding="gbk")["source"]["encoding"] == "GBK"


def test_password_opens_an_encrypted_pdf(cli):
    p = rel(PDF_MADE / "aes256_user.pdf")
    assert gongwen.parse_json(p, password="secret") == run(cli, "parse", p, "--password", "secret").stdout.decode()
    assert gongwen.text(p, password="secret").strip() == "用户密码加密的文件（AES）。"
    with pytest.raises(gongwen.EncryptedError):
        gongwen.parse(p, password="wrong")


def test_missing_file_is_file_not_found(cli):
    with pytest.raises(FileNotFoundError) as info:
        gongwen.parse("no/such/file.docx")
    e = info.value
    assert e.filename == "no/such/file.docx" and e.path == "no/such/file.docx"
    assert "No such file or directory" in str(e)
    assert "No such file or directory" in cli_reason(cli, "no/such/file.docx")


def test_folder_is_a_directory_error():
    with pytest.raises(IsADirectoryError):
        gongwen.parse(rel(HOSTILE))


def test_unreadable_file_is_permission_error():
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "locked.txt"
        f.write_text("一、总体要求")
        f.chmod(0)
        with pytest.raises(PermissionError):
            gongwen.parse(str(f))


def test_fifo_is_refused_without_blocking(cli):
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, "pipe")
        os.mkfifo(fifo)
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        with pytest.raises(OSError) as info:
            gongwen.parse(fifo)
        e = info.value
        assert not isinstance(e, gongwen.Error)
        assert e.strerror == cli_reason(cli, fifo)
        assert e.filename == fifo and e.path == fifo


def test_a_rust_panic_is_an_internal_error():
    with pytest.raises(gongwen.Error) as info:
        gongwen._panic_for_test("boom")
    assert type(info.value) is gongwen.Error
    assert str(info.value) == "internal error: boom"
    # The interpreter goes on.
    assert gongwen.parse(b"\xe4\xb8\x80")["source"]["bytes"] == 3


def test_wrong_source_types():
    for bad in (None, 3, 1.5, ["a"], {"a": 1}):
        with pytest.raises(TypeError):
            gongwen.parse(bad)
    with pytest.raises(ValueError, match="not a document"):
        gongwen.tasks({"not": "a document"})
    with pytest.raises(TypeError):
        gongwen.tasks([3])
