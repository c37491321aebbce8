"""A text-suffixed file is opened once: the dispatcher reads plain text from the bytes it
sniffed. Its answer must be what the text reader alone gives for the same file (the same
``SourceText``, or the same error), and the control characters counted in UTF-8 bytes must be
what the plain pattern counts in the decoded text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

import auditor.readers.sniff as sniff
import auditor.readers.text as text_reader
from auditor.errors import InputError
from auditor.plugins.manager import make_plugins
from auditor.readers.sniff import HEAD_BYTES
from auditor.readers.text import _CONTROL, decode, read_text_file

ROOT = Path(__file__).resolve().parents[1]
BUILTINS = make_plugins(autoload=False)
TEXT_FILES = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix.lower() in text_reader.SUFFIXES)


def _answer(read, path: Path):
    """What a reader makes of ``path``: its ``SourceText`` as a dict, or the error it raises."""
    try:
        source = read(path)
    except InputError as exc:
        return ("error", type(exc), str(exc), exc.path)
    return source.model_dump() if source is not None else None


def _same_as_text_reader(path: Path) -> None:
    expected = _answer(read_text_file, path)
    if expected is not None:  # None: not a text name (a .docx is the .docx reader's)
        assert _answer(BUILTINS.read, path) == expected


def test_fixtures_read_once_as_the_text_reader_reads_them():
    assert len(TEXT_FILES) > 50
    for path in TEXT_FILES:
        _same_as_text_reader(path)


def _samples(rng: random.Random) -> list[bytes]:
    han = "法治政府建设年度报告一二三、。，：；（）\n \t\x0c\x1b\x01\x7f"
    text = "".join(rng.choice(han) for _ in range(rng.randrange(0, 3 * HEAD_BYTES)))
    return [
        text.encode("utf-8"),
        text.encode("gb18030"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        bytes(rng.randrange(0, 256) for _ in range(rng.randrange(0, 600))),
        text.encode("utf-8") + b"\x00",
    ]


@pytest.mark.parametrize("name", ["r.txt", "r.md", "r.TEXT", "r.markdown", "r.docx"])
def test_random_files_read_once_as_the_text_reader_reads_them(tmp_path, name):
    rng = random.Random(name)
    for k in range(20):
        for data in _samples(rng):
            path = tmp_path / f"{k}-{name}"
            path.write_bytes(data)
            _same_as_text_reader(path)


def test_missing_empty_folder_and_too_large(tmp_path, monkeypatch):
    _same_as_text_reader(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    _same_as_text_reader(tmp_path / "folder.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    _same_as_text_reader(tmp_path / "empty.txt")
    monkeypatch.setattr(sniff, "MAX_BYTES", 64)  # the one file-size limit
    for n in (63, 64, 65, HEAD_BYTES + 10):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(b"a" * n)
        _same_as_text_reader(path)


def test_control_characters_counted_in_bytes_as_in_text():
    rng = random.Random(8)
    alphabet = [chr(c) for c in range(0x20)] + ["\x7f", "a", "法", "。", "\u0085", "\u2028", "😀"]
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 300))).replace("\x00", "")
        if not text:
            continue
        data = text.encode("utf-8")
        plain = len(_CONTROL.findall(text)) > max(8, len(text) // 100)
        try:
            assert decode(data, "x.txt") == (text, "utf-8") and not plain
        except InputError as exc:
            assert plain and "control characters" in exc.message
