"""Text that is not plausibly Chinese is refused when it is decoded (issue #12): Japanese and
Korean files, in their own encodings or in UTF-8, and valid GBK that is noise. Before, Shift-JIS
read as GBK gave a report of mojibake that was audited. Real Chinese text, in any encoding we
read, with half-width punctuation or a few Japanese words in it, is still read."""

from __future__ import annotations

import random
import re

import pytest

from auditor.errors import InputError
from auditor.readers.text import read_text_file

from .conftest import FIXTURES
from .hostile.cases import JAPANESE, KOREAN

MODEL = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")


def refused(tmp_path, data: bytes) -> str:
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    line = str(info.value)
    assert line.startswith(f"{path}: ") and "\n" not in line
    return line


@pytest.mark.parametrize(("text", "codec", "why"), [
    (JAPANESE, "shift_jis", "rare ones outside GB2312"),
    (JAPANESE.replace("。", ". ").replace("、", ", "), "shift_jis", "rare ones outside GB2312"),
    (JAPANESE, "euc_jp", "are Japanese kana or Korean hangul"),
    (KOREAN, "euc_kr", "a space between Chinese characters"),
    (JAPANESE, "utf-8", "is not Chinese text: 600 of its 1,260 CJK letters are Japanese kana"),
    (KOREAN, "utf-8", "is not Chinese text"),
])
def test_japanese_and_korean_are_refused_whatever_the_encoding(tmp_path, text, codec, why):
    assert why in refused(tmp_path, text.encode(codec))


def test_valid_gbk_that_is_noise_is_refused(tmp_path):
    rng = random.Random(3)
    noise = bytes(b for _ in range(2000) for b in (rng.randint(0xB0, 0xF7), rng.randint(0xA1, 0xFE)))
    assert "almost no Chinese punctuation" in refused(tmp_path, noise)


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-8", "utf-16"])
def test_chinese_is_read_in_every_encoding(tmp_path, codec):
    path = tmp_path / "r.txt"
    path.write_bytes(MODEL.encode(codec))
    assert read_text_file(path).text.replace("\r\n", "\n").strip() == MODEL.strip()


def test_chinese_with_half_width_punctuation_or_a_few_japanese_words_is_read(tmp_path):
    half = re.sub("[，。]", lambda m: "," if m.group() == "，" else ".", MODEL)
    path = tmp_path / "half.txt"
    path.write_bytes(half.encode("gbk"))
    assert read_text_file(path).text.strip() == half.strip()
    quoted = MODEL.replace("依法行政", "依法行政（日本称“法の支配”）", 3)
    path.write_bytes(quoted.encode("utf-8"))
    assert "法の支配" in read_text_file(path).text


def test_traditional_chinese_in_big5_is_read(tmp_path):
    text = (FIXTURES / "edge" / "traditional.txt").read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5", "replace"))
    read = read_text_file(path)
    assert read.encoding == "big5" and "法治政府" in read.text
