"""The score sheet and the ranking for a person at a terminal (after the table format).

Every line fits ``width`` display columns (CJK characters count two), so nothing wraps badly at
COLUMNS=80.
"""

from __future__ import annotations

from ..models import AuditResult, AuditRun
from ..models.scoresheet import IndicatorScore, ScoreSheet, SheetDeduction
from . import terminal

SHOWN_DEDUCTIONS = 8  # per indicator; the rest are counted
NUMBERS = 14  # two right-aligned columns: 满分, 得分


def _pad(text: str, width: int) -> str:
    return terminal.pad(terminal.truncate(text, width), width)


def wrap(text: str, width: int, first: str = "") -> list[str]:
    """``text`` on one paragraph broken into lines of at most ``width`` columns, after ``first`` on
    the first line and as many spaces on the others (the terminal report's wrapping)."""
    rest = " " * terminal.width(first)
    lines = terminal.wrap(text.replace("\n", " "), width - terminal.width(first))
    return [((rest if i else first) + line).rstrip() for i, line in enumerate(lines)]


def _n(x: float) -> str:
    return f"{x:g}"


def render_run(run: AuditRun, width: int = 80) -> str:
    """Every evaluated report's sheet, then the ranking when there are several."""
    width = max(width, 40)
    sheets = [(r, r.score_sheet) for r in run.reports if r.score_sheet is not None]
    if not sheets:
        return ""
    first = sheets[0][1]
    out = ["", *wrap(f"评分表：{first.title}（{first.scheme} {first.version}，满分{_n(first.total)}分）", width)]
    ranked = len(run.ranking or [])
    for report, sheet in sheets:
        out += ["", *render_sheet(report, sheet, width, ranked)]
    if ranked > 1:
        out += ["", *render_ranking(run, width)]
    return "\n".join(out) + "\n"


def render_quiet(run: AuditRun, width: int = 80) -> str:
    """For ``--quiet``: the ranking when several reports were scored, else the one sheet's total."""
    sheets = [s for r in run.reports if (s := r.score_sheet) is not None]
    if not sheets:
        return ""
    if len(run.ranking or []) > 1:
        return "\n".join(["", *render_ranking(run, max(width, 40))]) + "\n"
    return f"评分表得分：{_n(sheets[0].awarded)}/{_n(sheets[0].total)}\n"


def render_sheet(report: AuditResult, sheet: ScoreSheet, width: int = 80, ranked: int = 0) -> list[str]:
    org = report.metadata.organisation.value if report.metadata.organisation else None
    out = wrap(report.path + (f"（{org}）" if org else ""), width, "报告：")
    place = f"  排名：{sheet.rank}/{ranked}" if sheet.rank is not None and ranked > 1 else ""
    out.append(f"评分表得分：{_n(sheet.awarded)}/{_n(sheet.total)}{place}")
    label = width - NUMBERS
    out.append(_pad("指标", label) + f"{'满分':>5}{'得分':>5}")
    group = None
    for ind in sheet.indicators:
        if ind.group and ind.group != group:
            group = ind.group
            members = [i for i in sheet.indicators if i.group == group]
            out.append(_pad(group, label) + _numbers(sum(i.points for i in members),
                                                     sum(i.awarded for i in members)))
        out += _indicator(ind, width, indent="  " if ind.group else "")
    return out


def _numbers(points: float, awarded: float) -> str:
    return f"{_n(round(points, 4)):>{NUMBERS // 2}}{_n(round(awarded, 4)):>{NUMBERS // 2}}"


def _indicator(ind: IndicatorScore, width: int, indent: str) -> list[str]:
    label = width - NUMBERS
    note = "（不适用，按满分计）" if ind.status == "not_applicable" else ""
    out = [_pad(f"{indent}{ind.id} {ind.title}{note}", label) + _numbers(ind.points, ind.awarded)]
    taken = [d for d in ind.deductions if d.points > 0]
    last = None
    for d in taken[:SHOWN_DEDUCTIONS]:  # evidence shared with the line above is not repeated
        out += _deduction(d, width, indent + "  ", same=(d.evidence, d.location) == last)
        last = (d.evidence, d.location)
    more = len(taken) - SHOWN_DEDUCTIONS
    if more > 0:
        out.append(f"{indent}    ……另有{more}项扣分（见 --format json）")
    capped = len(ind.deductions) - len(taken)
    if capped:
        out += wrap(f"另有{capped}项问题，已达扣分上限，不再扣分", width, indent + "    ")
    return out


def _deduction(d: SheetDeduction, width: int, indent: str, same: bool = False) -> list[str]:
    head = f"{indent}−{_n(d.points)} "
    lines = wrap(d.reason, width, head)
    if same:
        return lines
    detail = []
    if d.evidence:
        detail.append(terminal.truncate(d.evidence, 60))
    if d.location is not None:
        detail.append(f"位置 {d.location.short()}")
    if detail:
        lines += wrap("，".join(detail), width, " " * terminal.width(head))
    return lines


def render_ranking(run: AuditRun, width: int = 80) -> list[str]:
    entries = run.ranking or []
    out = wrap("排名（按评分表得分从高到低；同分并列同一名次，按审查顺序列出）", width)
    out.append(f"名次{' ' * 6}得分  报告")  # columns of 4, 10 and the rest, as in the rows
    for e in entries:
        head = f"{e.rank:>4}{_n(e.awarded) + '/' + _n(e.total):>10}  "
        who = e.path + (f"（{e.organisation}）" if e.organisation else "")
        out.append(head + terminal.truncate(who, width - terminal.width(head)))
    return out


# -- CSV columns (--format csv / --output csv=PATH with --scoring) --------------------------------

class CsvColumns:
    """The score-sheet columns of the CSV matrix: total, rank, one column per indicator (points
    awarded), and the deductions with their reasons."""

    def __init__(self, run: AuditRun):
        sheet = next((r.score_sheet for r in run.reports if r.score_sheet is not None), None)
        self.header = [] if sheet is None else [
            f"评分表得分（满分{_n(sheet.total)}）", "排名",
            *(f"{i.id} {i.title}（{_n(i.points)}分）" for i in sheet.indicators), "评分表扣分"]

    def cells(self, report: AuditResult) -> list[str]:
        sheet = report.score_sheet
        if sheet is None:
            return [""] * len(self.header)
        deductions = "；".join(f"{i.id} −{_n(d.points)} {d.reason}"
                              for i in sheet.indicators for d in i.deductions if d.points > 0)
        return [_n(sheet.awarded), "" if sheet.rank is None else str(sheet.rank),
                *(_n(i.awarded) for i in sheet.indicators), deductions]
