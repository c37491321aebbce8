"""The plain-text / Markdown reader: encoding detection, rejection of non-text, Markdown blanking."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import auditor.readers.sniff as sniff
from auditor.errors import InputError
from auditor.models import SourceText
from auditor.parse import load_vocabulary, parse
from auditor.readers.text import blank_markdown, decode, read_text_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
MODEL_TEXT = (FIXTURES / "model" / "model-report.txt").read_bytes().decode("utf-8")
TITLE = "青禾市生态环境局关于2025年度法治政府建设情况的报告"
TRADITIONAL_TITLE = "青禾市生態環境局關於2025年度法治政府建設情況的報告"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- encodings -------------------------------------------------------------------------------


def test_utf8(tmp_path):
    path = write(tmp_path, "report.txt", MODEL_TEXT.encode("utf-8"))
    source = read_text_file(path)
    assert isinstance(source, SourceText)
    assert source.text == MODEL_TEXT
    assert source.encoding == "utf-8"
    assert source.format == "txt"
    assert source.path == str(path)


def test_utf8_bom_is_stripped(tmp_path):
    path = write(tmp_path, "report.txt", MODEL_TEXT.encode("utf-8-sig"))
    source = read_text_file(path)
    assert source.text == MODEL_TEXT
    assert not source.text.startswith("\ufeff")
    assert source.encoding == "utf-8 (BOM)"


def test_utf8_bom_fixture():
    source = read_text_file(FIXTURES / "edge" / "utf8-bom.txt")
    assert source.text.startswith(TITLE)
    assert source.text == MODEL_TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    data = MODEL_TEXT.encode(codec) if codec == "utf-16" else ("\ufeff" + MODEL_TEXT).encode(codec)
    source = read_text_file(write(tmp_path, "report.txt", data))
    assert source.text == MODEL_TEXT
    assert source.encoding == "utf-16 (BOM)"


def test_utf16_bom_fixture():
    source = read_text_file(FIXTURES / "edge" / "utf16-bom.txt")
    assert source.text == MODEL_TEXT
    assert source.encoding == "utf-16 (BOM)"


def test_gb18030_long_text(tmp_path):
    source = read_text_file(write(tmp_path, "report.txt", MODEL_TEXT.encode("gb18030")))
    assert source.text == MODEL_TEXT
    assert source.encoding == "gb18030"


def test_gb18030_fixture():
    data = (FIXTURES / "edge" / "gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    source = read_text_file(FIXTURES / "edge" / "gb18030.txt")
    assert source.text == MODEL_TEXT
    assert source.encoding == "gb18030"


@pytest.mark.parametrize(
    "text",
    [
        TITLE,
        TITLE + "\n",
        "2024年度法治政府建设工作情况报告",
        "市委、市政府：\n",
        "二、存在的不足\n",
        "青禾市生态环境局\n2026年2月10日\n",
        "一是执法队伍专业化水平有待提升。",
    ],
)
def test_gb18030_short_text(tmp_path, text):
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data, "short.txt") == (text, "gb18030")
    assert read_text_file(write(tmp_path, "short.txt", data)).text == text


def test_big5_traditional_text(tmp_path):
    text = (FIXTURES / "edge" / "traditional.txt").read_bytes().decode("utf-8")
    source = read_text_file(write(tmp_path, "report.txt", text.encode("big5")))
    assert source.text == text
    assert source.text.startswith(TRADITIONAL_TITLE)
    assert source.encoding == "big5"


def test_big5_short_traditional_text():
    text = TRADITIONAL_TITLE + "\n一、主要舉措和成效\n全年辦理行政處罰案件十二件。\n"
    assert decode(text.encode("big5"), "short.txt") == (text, "big5")


def test_ascii_is_utf8():
    assert decode(b"annual report 2025\n", "a.txt") == ("annual report 2025\n", "utf-8")


# -- rejected input --------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(InputError, match="file is empty") as info:
        read_text_file(path)
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: file is empty"


def test_empty_fixture():
    with pytest.raises(InputError, match="file is empty"):
        read_text_file(FIXTURES / "edge" / "empty.txt")


def test_whitespace_only_file_is_read_but_has_no_report():
    source = read_text_file(FIXTURES / "edge" / "whitespace-only.txt")
    assert source.text.strip() == ""
    doc = parse(source, load_vocabulary([ROOT / "rules" / "roles.yaml"]))
    assert doc.paragraphs == [] and doc.sections == []
    assert doc.metadata.title is None


def test_nul_bytes_mean_binary(tmp_path):
    path = write(tmp_path, "data.txt", "法治政府".encode() + b"\x00\x01\x02" + "建设".encode())
    with pytest.raises(InputError, match="binary") as info:
        read_text_file(path)
    assert "NUL" in info.value.message
    assert str(path) in str(info.value)


def test_binary_fixture_is_rejected():
    with pytest.raises(InputError, match="binary"):
        read_text_file(FIXTURES / "edge" / "binary.txt")


def test_many_control_characters_mean_binary():
    with pytest.raises(InputError, match=r"binary.*control characters"):
        decode(b"abc\x01\x02\x03\x1b" * 20, "ctrl.txt")


def test_a_few_control_characters_are_tolerated():
    text = "一、主要举措和成效\x0c\n" + "全年办理案件12件。\n" * 50 + "\x1b"
    assert decode(text.encode("utf-8"), "ok.txt")[0] == text


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_random_high_bytes_cannot_be_decoded(tmp_path, seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4096))
    path = write(tmp_path, "noise.txt", data)
    with pytest.raises(InputError, match="cannot decode") as info:
        read_text_file(path)
    assert str(info.value).startswith(f"{path}: ")


def test_invalid_utf8_after_a_utf8_bom():
    with pytest.raises(InputError, match="BOM"):
        decode(b"\xef\xbb\xbf" + b"\xff\xfe\xfa\xfb" * 4, "bad.txt")


# -- files and suffixes ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.docx", "report.pdf", "report.html", "report", "report.txt.bak"])
def test_unsupported_suffix_returns_none(tmp_path, name):
    path = write(tmp_path, name, MODEL_TEXT.encode("utf-8"))
    assert read_text_file(path) is None


@pytest.mark.parametrize("name", ["report.TXT", "report.text", "report.Md", "report.markdown"])
def test_supported_suffixes_any_case(tmp_path, name):
    source = read_text_file(write(tmp_path, name, "法治政府建设\n".encode()))
    assert source is not None
    assert source.text == "法治政府建设\n"
    assert source.format == ("md" if name.lower().endswith((".md", ".markdown")) else "txt")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sniff, "MAX_BYTES", 64)
    path = write(tmp_path, "huge.txt", ("法治政府建设" * 10).encode("utf-8"))  # 180 bytes
    with pytest.raises(InputError, match="too large") as info:
        read_text_file(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_file_at_the_size_limit_is_read(tmp_path, monkeypatch):
    data = ("法治政府建设" * 10).encode("utf-8")
    monkeypatch.setattr(sniff, "MAX_BYTES", len(data))
    assert read_text_file(write(tmp_path, "ok.txt", data)).text == "法治政府建设" * 10


def test_missing_file_names_the_path(tmp_path):
    path = tmp_path / "nowhere" / "report.txt"
    with pytest.raises(InputError, match="cannot be read") as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_directory_with_a_text_suffix_cannot_be_read(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(InputError, match="cannot be read") as info:
        read_text_file(path)
    assert info.value.path == str(path)


# -- Markdown --------------------------------------------------------------------------------

MARKDOWN = (
    f"# {TITLE}\n"
    "\n"
    "市委、市政府：\n"
    "\n"
    "## 一、2025年推进法治政府建设的主要举措和成效\n"
    "\n"
    "### （一）严格规范性文件管理\n"
    "\n"
    "全年制定**规范性文件**3件，均经`合法性审核`。\n"
    "\n"
    "> 1.5万本普法读物发放到户。\n"
    "\n"
    "## 二、存在的不足\n"
    "\n"
    "- 一是执法队伍专业化水平有待提升。\n"
    "* 二是普法的针对性和覆盖面不够。\n"
    "\n"
    "## 三、2026年推进法治政府建设的主要安排\n"
    "\n"
    "__继续加强__执法队伍建设。\n"
    "\n"
    "青禾市生态环境局\n"
    "\n"
    "2026年2月10日\n"
)


def test_markdown_markup_is_blanked_with_offsets_preserved(tmp_path):
    source = read_text_file(write(tmp_path, "report.md", MARKDOWN.encode("utf-8")))
    assert source.format == "md"
    assert len(source.text) == len(MARKDOWN)
    for original, blanked in zip(MARKDOWN, source.text, strict=True):
        assert blanked == original or (original in "#*_`>-" and blanked == " ")
    for markup in ("#", "**", "__", "`", "> ", "- ", "* "):
        assert markup not in source.text
    lines = source.text.split("\n")
    assert lines[0] == f"  {TITLE}"
    assert lines[4] == "   一、2025年推进法治政府建设的主要举措和成效"
    assert lines[8] == "全年制定  规范性文件  3件，均经 合法性审核 。"
    assert "1.5万本普法读物" in lines[10]


def test_markdown_headings_parse_as_headings(tmp_path):
    source = read_text_file(write(tmp_path, "report.md", MARKDOWN.encode("utf-8")))
    doc = parse(source, load_vocabulary([ROOT / "rules" / "roles.yaml"]))
    assert [(s.level, s.number, s.title, s.roles) for s in doc.sections] == [
        (1, 1, "2025年推进法治政府建设的主要举措和成效", ["measures"]),
        (1, 2, "存在的不足", ["shortcomings"]),
        (1, 3, "2026年推进法治政府建设的主要安排", ["plan"]),
    ]
    assert [(c.marker, c.title) for c in doc.sections[0].children] == [("(一)", "严格规范性文件管理")]
    meta = doc.metadata
    assert meta.title.value == TITLE
    assert meta.title_organisation.value == "青禾市生态环境局"
    assert meta.signature_date is not None and meta.signature_date.value.isoformat() == "2026-02-10"
    assert [(i.marker, i.number) for i in doc.items] == [("一是", 1), ("二是", 2)]
    # locations point into the Markdown file: the heading text starts after "## "
    loc = doc.locate(doc.sections[1].heading.start, doc.sections[1].heading.end)
    assert (loc.line, loc.column) == (13, 4)
    assert MARKDOWN.split("\n")[12][loc.column - 1 : loc.end_column - 1] == "二、存在的不足"


def test_blank_markdown_leaves_plain_text_and_numbering_alone():
    text = "一、主要举措和成效\n1.全面落实行政执法“三项制度”\n（一）坚持学思践悟\n罚没款1865.4万元，占比10%-20%。\n"
    assert blank_markdown(text) == text


# -- regressions: each of these was a real bug found by these tests ----------------------------


@pytest.mark.parametrize("text", ["报告。", "（三）健全重"])
def test_very_short_gb18030_text_is_decoded(text):
    data = text.encode("gb18030")
    assert data.decode("gb18030") == text  # the bytes are valid GB18030
    assert decode(data, "short.txt") == (text, "gb18030")
