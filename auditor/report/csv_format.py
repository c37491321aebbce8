"""``--format csv``: the report × rule matrix a reviewer opens in a spreadsheet, in Chinese.

One row per report (a folder run gives the matrix of all its reports): file, title, organisation,
year, kind, score, verdict and why, then one column per rule headed ``GF001 规范性文件…`` (code and
short title) holding the status in words (符合/部分符合/不符合/不适用/未评估), and last the missing
items joined by "；".

Written as UTF-8 with a byte-order mark: Excel opens a CSV without one in the system's ANSI code
page (GBK on Chinese Windows) and shows the Chinese as mojibake; with the BOM it reads UTF-8.
Python reads it back with ``encoding="utf-8-sig"``.

One CSV holds one table, so the findings are not here: they are in ``--format xlsx`` (sheet 问题),
``json`` and ``html``.
"""

from __future__ import annotations

import csv
import io

from ..models import AuditResult, AuditRun, RuleResult, Status
from .base import Formatter
from .labels import NOT_A_REPORT, VERDICT_LABELS, kind_label, short_title

REPORT_COLUMNS = ["文件", "标题", "发文机关", "报告年度", "类型", "得分", "结论", "说明"]
MISSING_COLUMN = "缺失要素"


def rule_columns(formatter: Formatter, run: AuditRun) -> list[tuple[str, str]]:
    """(code, title) of every rule, in pack order; from the results when there is no catalogue."""
    catalog = formatter.catalog_of(run)
    if catalog:
        return [(code, info.title) for code, info in catalog.items()]
    seen: dict[str, str] = {}
    for rep in run.reports:
        for r in rep.results:
            seen.setdefault(r.code, r.title)
    return sorted(seen.items())


def rule_header(code: str, title: str) -> str:
    return f"{code} {short_title(title)}"


def status_text(result: RuleResult | None, rep: AuditResult) -> str:
    if result is None:  # the rule was not run on this report (nothing to assess in what is not a report)
        return "" if rep.evaluated or rep.status == "not_a_report" else Status.unevaluated.label
    return result.status.label + ("（已豁免）" if result.waived else "")


def report_cells(formatter: Formatter, rep: AuditResult) -> list[str]:
    """The report columns of one row (``REPORT_COLUMNS``), as text."""
    m = rep.metadata
    why = (rep.problem or "") if not rep.evaluated else "；".join(rep.reasons)
    return [
        formatter.relative(rep.path),
        m.title.value if m.title else "",
        m.organisation.value if m.organisation else "",
        str(m.report_year.value) if m.report_year else "",
        kind_label(m.kind.value) if m.kind else (kind_label(None) if rep.evaluated else ""),
        "" if rep.score is None else f"{rep.score:g}",
        NOT_A_REPORT if rep.status == "not_a_report" else VERDICT_LABELS.get(rep.verdict, rep.verdict),
        why,
    ]


def missing_text(rep: AuditResult) -> str:
    """A report's missing items, rule by rule: "GF001：合法性审核、备案；FZ003：对不足原因的分析"."""
    return "；".join(f"{e.code}：" + "、".join(i.label for i in e.items) for e in rep.missing if e.items)


class CsvFormatter(Formatter):
    name = "csv"
    description = "report × rule matrix in Chinese for spreadsheets (UTF-8 with BOM)"
    suffix = ".csv"

    def render(self, run: AuditRun) -> str:
        rules = rule_columns(self, run)
        sheet = _score_sheet_columns(run)  # audit --scoring: the evaluator's sheet after the matrix
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([*REPORT_COLUMNS, *(rule_header(c, t) for c, t in rules), MISSING_COLUMN, *sheet.header])
        for rep in run.reports:
            by_code = {r.code: r for r in rep.results}
            writer.writerow([*report_cells(self, rep), *(status_text(by_code.get(c), rep) for c, _ in rules),
                             missing_text(rep), *sheet.cells(rep)])
        return "\ufeff" + buf.getvalue()


class _NoSheet:
    header: tuple[str, ...] = ()

    def cells(self, rep: AuditResult) -> list[str]:
        return []


def _score_sheet_columns(run: AuditRun):
    """Columns added by ``--scoring`` (auditor.scoresheet is imported only then)."""
    if run.ranking is None:
        return _NoSheet()
    from .score_sheets import CsvColumns

    return CsvColumns(run)
