"""Properties of ``audit_text`` and the parser over report-shaped random texts (hypothesis).

Whatever the text: no exception but the documented ``AuditorError``; a score within 0–100 (or
none, for a text not evaluated); every location inside the text; every quote made of the
original's characters, in order, around its location.

The suite runs the short profile. The long run (about ten minutes) is

    HYPOTHESIS_PROFILE=soak pytest tests/test_properties.py -p no:cacheprovider
"""

from __future__ import annotations

import os
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from auditor import Auditor, parse  # noqa: E402
from auditor.errors import AuditorError  # noqa: E402
from auditor.models import AuditResult, Location  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

MODEL = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")
MODEL_LINES = MODEL.splitlines()

settings.register_profile("short", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("soak", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "short"))

ORGS = ["青禾市生态环境局", "某县人民政府", "某市司法局", "某区人民政府办公室", "某省自然资源厅", "", "某镇"]
KINDS = ["关于2025年度法治政府建设情况的报告", "2025年法治政府建设年度报告", "法治政府建设工作报告",
         "2024年度法治政府建设工作情况", "年度报告", "关于法治建设的报告"]
MARKERS = ["一、", "二、", "三、", "十一、", "（一）", "(二)", "1.", "2．", "3、", "（1）", "(4)", "①", "第一章 ",
           "第二部分 ", ""]
HEADINGS = ["主要举措和成效", "存在的不足", "存在的问题和原因", "下一步工作打算", "2026年工作计划",
            "党政主要负责人履行推进法治建设第一责任人职责情况", "深入学习贯彻习近平法治思想", "加强规范性文件监督管理",
            "补短板强弱项", "不足的原因", "问题导向", "工作安排"]
PHRASES = ["深入学习贯彻习近平法治思想", "主要负责人主持召开常务会议专题研究法治工作", "严格落实第一责任人职责",
           "尚未建立", "没有开展", "计划于2026年开展", "一是加强学习", "二是完善制度", "三是强化监督",
           "审核规范性文件12件", "备案审查", "行政复议案件3件", "出庭应诉率100%", "法治宣传教育", "法制宣传",
           "依据《中华人民共和国行政处罚法》", "《法治政府建设实施纲要（2021—2025年）》", "补齐短板", "存在差距",
           "2025年3月1日", "二〇二五年十二月", "12月31日前", "向社会公开", "报送市委、市政府", "某某",
           "“八五”普法", "（见附件）", "——", "……", "；", "：", "，", "。", "、", "！", "？"]
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)


@st.composite
def reports(draw) -> str:
    """A report-shaped text: a title, a salutation, headings of several tiers, sentences of the
    domain's phrases, dates and numbers, with random noise between them."""
    title = draw(st.sampled_from(ORGS)) + draw(st.sampled_from(KINDS))
    lines = [title]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["市委、市政府：", "县委、县政府：", ""])))
    for _ in range(draw(st.integers(0, 14))):
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(MARKERS)) + draw(st.sampled_from(HEADINGS)))
        else:
            parts = draw(st.lists(st.one_of(st.sampled_from(PHRASES), HAN, NOISE,
                                            st.integers(-10**6, 10**12).map(str)), min_size=1, max_size=12))
            lines.append("".join(parts))
    if draw(st.booleans()):
        signed = draw(st.sampled_from(["2026年1月20日", "二〇二六年一月", "2025年13月40日"]))
        lines += [draw(st.sampled_from(ORGS)), signed]
    breaks = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \u3000"]))
    return breaks.join(lines)


@st.composite
def mutated_model(draw) -> str:
    """The model report with random edits: lines deleted, repeated, swapped, cut, and text or
    punctuation inserted."""
    lines = list(MODEL_LINES)
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "repeat", "swap", "cut", "insert", "punct", "join"]))
        if op == "delete":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k]
        elif op == "insert":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.one_of(NOISE, st.sampled_from(PHRASES + MARKERS))) + lines[i][k:]
        elif op == "punct":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.sampled_from("《》“”（）()【】「」，。；：、\t\u3000\x0c")) + lines[i][k:]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + lines[i + 1]]
    return "\n".join(lines)


_AUDITOR = Auditor()
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _offset(lines: list[str], line: int, column: int) -> int:
    """The original offset of a 1-based line and column (line breaks counted as one)."""
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _check_location(text: str, lines: list[str], where: Location) -> None:
    assert 1 <= where.line <= where.end_line <= len(lines), where
    assert 1 <= where.column <= len(lines[where.line - 1]) + 2, where
    assert 1 <= where.end_column <= len(lines[where.end_line - 1]) + 2, where
    if where.line == where.end_line:
        assert where.column <= where.end_column, where


def _check_quote(text: str, lines: list[str], quote: str | None, where: Location | None) -> None:
    if not quote:
        return
    body = quote[:-1] if quote.endswith("…") else quote
    squeezed = "".join(body.split())
    if where is None:
        assert _is_subsequence(squeezed, "".join(text.split())), quote
        return
    # The quote is taken at its location, widened by a few characters of context (which may cross
    # a line): its characters are the original's, in order, near there.
    start = max(0, _offset(lines, where.line, where.column) - 80)
    end = _offset(lines, where.end_line, where.end_column) + 80
    window = "".join(text.replace("\r\n", "\n").replace("\r", "\n")[start:end].split())
    assert _is_subsequence(squeezed, window), (quote, where)


def _check(text: str, result: AuditResult) -> None:
    assert result.score is None or 0 <= result.score <= 100, result.score
    lines = _lines(text)
    for r in result.results:
        assert 0 <= r.credit <= 1
        for e in r.evidence:
            if e.location is not None:
                _check_location(text, lines, e.location)
            _check_quote(text, lines, e.quote, e.location)
        for f in r.findings:
            if f.location is not None:
                _check_location(text, lines, f.location)
            _check_quote(text, lines, f.quote, f.location)


def _audit(text: str) -> AuditResult | None:
    try:
        return _AUDITOR.audit_text(text)
    except AuditorError as exc:  # documented refusals: one line
        assert "\n" not in str(exc)
        return None


@given(reports())
def test_report_shaped_texts(text):
    result = _audit(text)
    if result is not None:
        _check(text, result)


@given(mutated_model())
def test_mutated_model_reports(text):
    result = _audit(text)
    if result is not None:
        _check(text, result)


@given(st.text(max_size=400))
def test_any_text(text):
    result = _audit(text)
    if result is not None:
        _check(text, result)


@given(st.one_of(reports(), mutated_model()))
def test_parser_spans_inside_the_text(text):
    doc = parse(text)
    n = len(doc.text)
    assert len(doc.offsets) >= n
    assert all(0 <= o < max(1, len(doc.original)) for o in doc.offsets[:n])
    for section in doc.sections:
        assert 0 <= section.heading.start <= section.heading.end <= section.span.end <= n, section
        assert section.span.start <= section.heading.start
    for paragraph in doc.paragraphs:
        assert 0 <= paragraph.span.start <= paragraph.span.end <= n
        assert doc.text[paragraph.span.start:paragraph.span.end] == paragraph.text
