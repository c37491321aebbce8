"""List numbering from a .docx is bounded (issue #12): a counter of 2,147,483,647 in a lettered or
roman list once asked for 82 million letters per paragraph, and a level text of 100,000 "%1" for
200,000 characters per paragraph. Such values are read as Word would keep them sane: letters and
roman numerals beyond their range in decimal, starts capped at Word's own maximum, and an
over-long level text ignored. The report's words are read either way."""

from __future__ import annotations

import pytest

from auditor.readers.docx import read_docx
from auditor.readers.docx_styles import MAX_LIST_START
from auditor.readers.numerals import MAX_LETTERED, MAX_ROMAN, format_number

from .hostile.cases import _docx, _model_body, _numbering


def numbered_lines(tmp_path, fmt: str, start: str, lvl_text: str = "%1、") -> list[str]:
    path = tmp_path / "n.docx"
    path.write_bytes(_docx(_model_body(numbered=True), _numbering(fmt, start, lvl_text)))
    lines = read_docx(path).text.splitlines()
    assert any("法治政府建设" in line for line in lines)  # the words themselves are all there
    return lines[1:4]  # the three numbered paragraphs


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperLetter", "lowerRoman", "upperRoman"])
def test_a_huge_lettered_or_roman_counter_is_written_in_decimal(tmp_path, fmt):
    lines = numbered_lines(tmp_path, fmt, "2147483647")
    assert [line.split("、")[0] for line in lines] == [str(MAX_LIST_START + i) for i in range(3)]


def test_counters_in_range_keep_their_form():
    assert format_number(MAX_LETTERED, "lowerLetter") == "z" * 30
    assert format_number(MAX_LETTERED + 1, "lowerLetter") == str(MAX_LETTERED + 1)
    assert format_number(MAX_ROMAN, "upperRoman") == "MMMCMXCIX"
    assert format_number(MAX_ROMAN + 1, "upperRoman") == str(MAX_ROMAN + 1)
    assert format_number(0, "lowerRoman") == "0"


@pytest.mark.parametrize("start", ["999999999999999999999", "-5", "x"])
def test_out_of_range_or_broken_starts_are_read_sanely(tmp_path, start):
    first = numbered_lines(tmp_path, "decimal", start)[0].split("、")[0]
    assert first in {str(MAX_LIST_START), "0", "1"}


def test_an_overlong_level_text_is_not_a_list_number(tmp_path):
    lines = numbered_lines(tmp_path, "decimal", "1", "%1" * 100_000)
    assert all(len(line) < 200 for line in lines)
    assert not any(line.startswith("1") for line in lines)
