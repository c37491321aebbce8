"""Every output format stays valid whatever a report's title holds (issue #12): control characters
(XML 1.0 forbids most of them), markup, bidirectional and zero-width characters, a spreadsheet
formula and terminal escapes. JSON and SARIF parse (SARIF against its schema), JUnit is well-formed
XML, CSV has the same cells per row and no formula, and no text output carries a raw escape."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from auditor import Auditor
from auditor.plugins.manager import make_plugins

from .conftest import SHARED
from .hostile.cases import HOSTILE_TITLES, _report

FORMATS = make_plugins().formats()
XML_FORBIDDEN = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {"\ufffe", "\uffff"}


@pytest.fixture(scope="module")
def runs():
    auditor = Auditor()
    return {label: auditor.summarise([auditor.audit_text(_report(title), f"{label}.txt")])
            for label, title in HOSTILE_TITLES.items()}


def render(run, fmt: str) -> str:
    return FORMATS[fmt]().render(run)


@pytest.mark.parametrize("label", sorted(HOSTILE_TITLES))
def test_json_and_jsonl_parse_and_keep_the_title(runs, label):
    data = json.loads(render(runs[label], "json"))
    assert data["reports"][0]["results"]
    for line in render(runs[label], "jsonl").splitlines():
        json.loads(line)


@pytest.mark.parametrize("label", sorted(HOSTILE_TITLES))
def test_sarif_is_valid(runs, label):
    sarif = json.loads(render(runs[label], "sarif"))
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_file.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8"))).validate(sarif)


@pytest.mark.parametrize("label", sorted(HOSTILE_TITLES))
def test_junit_is_well_formed_xml_without_forbidden_characters(runs, label):
    text = render(runs[label], "junit")
    assert not XML_FORBIDDEN & set(text)
    assert ET.fromstring(text).tag == "testsuites"


@pytest.mark.parametrize("label", sorted(HOSTILE_TITLES))
def test_csv_rows_are_whole_and_no_cell_is_a_formula(runs, label):
    rows = list(csv.reader(io.StringIO(render(runs[label], "csv").lstrip("\ufeff"))))
    assert len({len(row) for row in rows}) == 1
    assert not any(cell[:1] in ("=", "+", "-", "@") and cell[1:2] not in ("", " ") and not cell[1:2].isdigit()
                   for row in rows for cell in row)


@pytest.mark.parametrize("fmt", ["table", "concise", "markdown", "github", "html"])
def test_text_outputs_carry_no_raw_escape_or_control(runs, fmt):
    for label in HOSTILE_TITLES:
        text = render(runs[label], fmt)
        assert "\x1b" not in text and "\x07" not in text and "\x01" not in text, (label, fmt)
