"""The default table at a terminal: every line fits the width (display columns, CJK = 2), numbers
and ASCII words are never split, colour only where asked, --quiet, and the wrapping primitives."""

from __future__ import annotations

import os
import re

import pytest

from auditor.report import terminal

from .conftest import CORPUS, FIXTURES, run_audit

ANSI = re.compile(r"\033\[[0-9;]*m")
# Numbers with their units and ASCII words as they appear in the reports and the table.
ATOMS = re.compile(r"\d+(?:\.\d+)?%|\d{4}年|\d+:\d+|[A-Z]{2}\d{3}")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    env.update(extra)
    return env


def _inputs() -> list[str]:
    found = sorted(str(p) for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return [*found, str(FIXTURES)]


def test_display_width_counts_wide_characters_twice_and_marks_zero():
    assert terminal.width("abc") == 3
    assert terminal.width("法治政府") == 8
    assert terminal.width("ｆｕｌｌ") == 8  # fullwidth letters
    assert terminal.width("e\u0301") == 1  # a combining accent takes no column
    assert terminal.width("\033[31m错误\033[0m") == 4  # colour codes take none


@pytest.mark.parametrize("columns", [10, 11, 14, 23, 40])
def test_wrap_keeps_numbers_and_words_whole_and_lines_within_width(columns):
    text = "2024年全年办理行政复议案件12件，纠错率12.5%，见GF001和line:col，合法性审核率100%。"
    lines = terminal.wrap(text, columns)
    assert "".join(lines) == text
    assert all(terminal.width(line) <= columns for line in lines)
    for atom in ("2024年", "12件", "12.5%", "GF001", "line:col", "100%"):
        assert any(atom in line for line in lines), (atom, lines)
    assert not any(line.startswith(("，", "。")) for line in lines)  # no line opens with a closing mark


def test_table_fits_80_columns_and_never_splits_a_number():
    out = run_audit(*_inputs(), env=_env(COLUMNS="80"))
    assert out.returncode in (0, 1, 2), out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) > 100
    too_wide = [line for line in lines if terminal.width(line) > 80]
    assert not too_wide, too_wide[:3]
    # Every number/code in the JSON findings' quotes and messages shows whole in the table when short.
    text = out.stdout
    for atom in {"GF001", "FZ003", "2025年", "2026-02-10"}:
        assert atom in text


def test_wide_terminal_uses_the_width():
    args = [str(p) for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []
    args = args or [str(FIXTURES / "missing" / "unbalanced-book-mark.txt"), str(FIXTURES / "missing" / "no-causes.txt")]
    narrow = run_audit(*args, env=_env(COLUMNS="80")).stdout.splitlines()
    wide = run_audit(*args, env=_env(COLUMNS="200")).stdout.splitlines()
    assert max(terminal.width(line) for line in wide) <= 200
    assert max(terminal.width(line) for line in wide) > 100  # long messages spread out
    assert len(wide) < len(narrow)  # fewer wrapped lines


def test_no_color_env_and_color_flags():
    report = str(FIXTURES / "missing" / "no-normative-docs.txt")
    assert not ANSI.search(run_audit("--color", "auto", report, env=_env(NO_COLOR="1")).stdout)
    assert not ANSI.search(run_audit(report, env=_env()).stdout)  # a pipe is not a terminal
    assert not ANSI.search(run_audit("--color", "never", report, env=_env()).stdout)
    coloured = run_audit("--color", "always", report, env=_env(COLUMNS="80")).stdout
    assert "\033[31m" in coloured  # 不通过 and 错误 in red
    assert all(terminal.width(line) <= 80 for line in coloured.splitlines())


def test_verdict_line_explains_itself_without_flag_names():
    out = run_audit(str(FIXTURES / "missing" / "no-normative-docs.txt"), env=_env()).stdout
    verdict = next(line for line in out.splitlines() if line.startswith("得分："))
    assert "结论：不通过 —— 存在1个错误级问题" in verdict
    assert "--fail" not in out and "（--" not in out
    passed = run_audit(str(FIXTURES / "missing" / "no-causes.txt"), env=_env()).stdout
    assert "结论：通过 —— 另有1个警告级问题，建议修改" in passed


def test_rule_title_is_not_repeated_before_each_message():
    out = run_audit(str(CORPUS / "001_6bcddc314182265b.txt") if CORPUS.is_dir()
                    else str(FIXTURES / "missing" / "fazhi-term.txt"), env=_env(COLUMNS="200")).stdout
    table = out.split("缺失要素及修改建议")[0]
    rows = [line for line in table.splitlines() if re.match(r"[A-Z]{2}\d{3}\s", line)]
    assert rows
    # The requirement is shown once per rule, never glued to a message with "：".
    for line in rows:
        assert not re.search(r"[A-Z]{2}\d{3}.*\S：未", line), line


def test_quote_shows_context_with_ellipses():
    out = run_audit(str(FIXTURES / "missing" / "unbalanced-book-mark.txt"), env=_env(COLUMNS="200")).stdout
    row = next(line for line in out.splitlines() if line.startswith("PN001"))
    assert "》" in row and "…" in row


def test_quiet_prints_one_summary_line_per_report():
    folder = FIXTURES / "missing"
    out = run_audit("--quiet", str(folder), env=_env(COLUMNS="200"))
    lines = out.stdout.splitlines()
    files = sorted(folder.glob("*.txt"))
    assert len(lines) == len(files) + 1  # one per report and the total
    assert lines[-1].startswith(f"共{len(files)}份报告")
    line = next(x for x in lines if "no-normative-docs.txt" in x)
    assert "青禾市生态环境局" in line and "分" in line and "不通过" in line
    assert out.returncode == run_audit(str(folder)).returncode == 1  # the exit code is unchanged


def test_every_report_opens_with_its_summary_line():
    out = run_audit(str(FIXTURES / "missing" / "no-causes.txt"), str(FIXTURES / "model"), env=_env()).stdout
    blocks = out.strip().split("\n\n")
    assert blocks[0].startswith("fixtures/missing/no-causes.txt  青禾市生态环境局  95.4分  通过")
    assert any(b.startswith("fixtures/model/model-report.txt  青禾市生态环境局  100分  通过") for b in blocks)


def test_progress_is_silent_when_stderr_is_not_a_terminal():
    out = run_audit(str(FIXTURES / "missing"))
    assert out.stderr == ""
