"""``--format xlsx`` / ``--output xlsx=PATH``: an Excel workbook for the reviewer, in Chinese.

Sheets:

- 矩阵: one row per report (file, title, organisation, year, kind, score, verdict, why), one column
  per rule with its status in words *and* a fill colour (the colour helps, the word is what counts:
  it survives printing in black and white and reads for colour-blind reviewers), and the missing
  items. Header row and first column frozen, an autofilter on every column.
- 问题: one row per finding (file, rule, severity, location, quote, problem, suggestion, basis).
- 缺失要素: one row per rule not (fully) met with what it lacks, how to fix it and on what basis.
- 规则: the rules in the columns of 矩阵, with their group, full title, severity and weight.

openpyxl is an optional dependency (``pip install 'auditor[xlsx]'``), imported only when a
workbook is written: it writes real .xlsx (styles, frozen panes, autofilter) that Excel, WPS and
LibreOffice open, which hand-written SpreadsheetML would have to re-implement and test.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from ..errors import AuditorError
from ..models import AuditResult, AuditRun, Finding, RuleInfo, RuleResult, Severity, Status
from .base import Formatter
from .csv_format import MISSING_COLUMN, REPORT_COLUMNS, missing_text, report_cells, rule_columns, rule_header
from .csv_format import status_text as status_words
from .labels import group_label, group_of, problem_text
from .terminal import width as display_width

INSTALL_HINT = "--format xlsx needs openpyxl: pip install 'auditor[xlsx]'"

# Fills as Excel's own "good / neutral / bad" cell styles, so the sheet looks familiar.
STATUS_FILLS = {Status.passed: "C6EFCE", Status.partial: "FFEB9C", Status.failed: "FFC7CE",
                Status.not_applicable: "EDEDED", Status.unevaluated: "D9D9D9"}
STATUS_FONTS = {Status.passed: "006100", Status.partial: "9C5700", Status.failed: "9C0006",
                Status.not_applicable: "595959", Status.unevaluated: "595959"}
VERDICT_STATUS = {"pass": Status.passed, "fail": Status.failed, "unevaluated": Status.unevaluated}
SEVERITY_STATUS = {Severity.error: Status.failed, Severity.warning: Status.partial,
                   Severity.info: Status.not_applicable}
HEADER_FILL = "DDEBF7"
LINE_HEIGHT = 15  # points per line of 11-point text, CJK included
PAGE_WIDTH = 220  # column-width units printed across one landscape A4 page at about 60 %

FINDING_COLUMNS = ["文件", "代码", "规则", "级别", "位置", "原文", "问题", "修改建议", "依据"]
MISSING_COLUMNS = ["文件", "代码", "规则", "级别", "状态", "缺少", "修改建议", "依据"]
RULE_COLUMNS = ["代码", "分组", "规则", "级别", "权重"]


def require_openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise AuditorError(INSTALL_HINT) from None
    return openpyxl


def _lines(text: str, width: int) -> int:
    """Lines a wrapped cell takes in a column ``width`` characters wide."""
    room = max(width - 1, 1)
    return sum(max(1, -(-display_width(line) // room)) for line in text.splitlines() or [""])


class XlsxFormatter(Formatter):
    name = "xlsx"
    description = "Excel workbook in Chinese: report × rule matrix, findings, missing items (needs openpyxl)"
    suffix = ".xlsx"
    #: Bytes, not text: the command writes it to a file (or to a redirected stdout), never a terminal.
    binary: ClassVar[bool] = True

    @staticmethod
    def check_available() -> None:
        require_openpyxl()

    def render(self, run: AuditRun) -> str:
        raise AuditorError("--format xlsx writes a binary workbook: use --output xlsx=PATH")

    def render_bytes(self, run: AuditRun) -> bytes:
        openpyxl = require_openpyxl()
        wb = openpyxl.Workbook()
        rules = rule_columns(self, run)
        self._matrix(wb.active, run, rules)
        self._findings(wb.create_sheet("问题"), run)
        self._missing(wb.create_sheet("缺失要素"), run)
        self._rules(wb.create_sheet("规则"), run, rules)
        wb.properties.title = "法治政府建设年度报告审查结果"
        wb.properties.creator = "auditor"
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    # -- sheets ---------------------------------------------------------------------------------

    def _matrix(self, ws: Any, run: AuditRun, rules: list[tuple[str, str]]) -> None:
        ws.title = "矩阵"
        headers = [*REPORT_COLUMNS, *(rule_header(c, t) for c, t in rules), MISSING_COLUMN]
        first_rule = len(REPORT_COLUMNS) + 1
        rows, statuses = [], []
        for rep in run.reports:
            by_code = {r.code: r for r in rep.results}
            words = [status_words(by_code.get(c), rep) for c, _ in rules]
            # The fill follows the status; a rule not run shows 未评估 or nothing.
            statuses.append([by_code[c].status if c in by_code else Status.unevaluated if w else None
                             for (c, _), w in zip(rules, words, strict=True)])
            rows.append([*report_cells(self, rep), *words, missing_text(rep)])
        self._table(ws, headers, rows, widths={"文件": 36, "标题": 46, "说明": 24, MISSING_COLUMN: 60},
                    narrow=range(first_rule, first_rule + len(rules)), freeze="B2")
        score_col = REPORT_COLUMNS.index("得分") + 1
        verdict_col = REPORT_COLUMNS.index("结论") + 1
        for i, (rep, row_statuses) in enumerate(zip(run.reports, statuses, strict=True), start=2):
            cell = ws.cell(row=i, column=score_col)
            if rep.score is not None:
                cell.value = rep.score  # a number, so that the column sorts and filters as one
                cell.number_format = "0.0"
            self._colour(ws.cell(row=i, column=verdict_col), VERDICT_STATUS.get(rep.verdict))
            for col, status in enumerate(row_statuses, start=first_rule):
                self._colour(ws.cell(row=i, column=col), status)
        catalog = self.catalog_of(run)
        for col, (code, title) in enumerate(rules, start=first_rule):
            info = catalog.get(code)
            self._note(ws.cell(row=1, column=col), f"{code} {title}" + (f"\n{info.description}" if info else ""))

    def _findings(self, ws: Any, run: AuditRun) -> None:
        catalog = self.catalog_of(run)
        rows = []
        severities = []
        for rep in run.reports:
            by_code = {r.code: r for r in rep.results}
            for f in rep.findings:
                rule = by_code.get(f.code)
                rows.append(self._finding_row(rep, f, rule, catalog))
                severities.append(f.severity)
        self._table(ws, FINDING_COLUMNS, rows, widths={"文件": 30, "规则": 24, "位置": 18, "原文": 36, "问题": 44,
                                                       "修改建议": 44, "依据": 36}, freeze="C2")
        col = FINDING_COLUMNS.index("级别") + 1
        for i, severity in enumerate(severities, start=2):
            self._colour(ws.cell(row=i, column=col), SEVERITY_STATUS[severity])

    def _finding_row(self, rep: AuditResult, f: Finding, rule: RuleResult | None,
                     catalog: dict[str, RuleInfo]) -> list[str]:
        title = rule.title if rule else (catalog[f.code].title if f.code in catalog else "")
        where = ""
        if f.location:
            where = f.location.short()
            if f.location.heading_path:
                where += "\n" + f.location.section()
        basis = "；".join(b.cite() for b in rule.basis) if rule else ""
        return [self.relative(rep.path), f.code, title, f.severity.label, where, f.quote or "",
                problem_text(f.message, title), f.suggestion or "", basis]

    def _missing(self, ws: Any, run: AuditRun) -> None:
        rows, statuses = [], []
        for rep in run.reports:
            for e in rep.missing:
                rows.append([self.relative(rep.path), e.code, e.title, e.severity.label, e.status.label,
                             "、".join(i.label for i in e.items), e.suggestion or "", "；".join(e.basis)])
                statuses.append(e.status)
        self._table(ws, MISSING_COLUMNS, rows, widths={"文件": 30, "规则": 30, "缺少": 36, "修改建议": 50,
                                                       "依据": 40}, freeze="C2")
        col = MISSING_COLUMNS.index("状态") + 1
        for i, status in enumerate(statuses, start=2):
            self._colour(ws.cell(row=i, column=col), status)

    def _rules(self, ws: Any, run: AuditRun, rules: list[tuple[str, str]]) -> None:
        severities = {r.code: (r.severity, r.weight) for rep in run.reports for r in rep.results}
        catalog = self.catalog_of(run)
        rows = []
        for code, title in rules:
            info = catalog.get(code)
            severity, weight = (info.severity, info.weight) if info else severities.get(code, (None, None))
            rows.append([code, group_label(group_of(code)), title, severity.label if severity else "",
                         "" if weight is None else f"{weight:g}"])
        self._table(ws, RULE_COLUMNS, rows, widths={"规则": 50}, freeze="B2")

    # -- cells ----------------------------------------------------------------------------------

    def _table(self, ws: Any, headers: list[str], rows: list[list[str]], *, widths: dict[str, int],
               freeze: str, narrow: range = range(0)) -> None:
        """Header row in bold on a pale fill, wrapped text, frozen panes, autofilter, and column
        widths from the content (CJK counted double), within a sensible range."""
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter

        ws.append(headers)
        for row in rows:
            ws.append(row)
        thin = Side(style="thin", color="BFBFBF")
        header_fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if cell.column in narrow else "left")
            cell.border = Border(bottom=thin)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top",
                                           horizontal="center" if cell.column in narrow else "left")
        column_widths = []
        for col, header in enumerate(headers, start=1):
            if col in narrow:
                width = 11  # 部分符合 fits; the header wraps onto three lines
            else:
                longest = max([display_width(header)] + [display_width(line) for r in rows
                                                         for line in str(r[col - 1] or "").splitlines()])
                width = min(max(longest + 2, 8), widths.get(header, 30))
            column_widths.append(width)
            ws.column_dimensions[get_column_letter(col)].width = width
        # Row heights from the wrapped lines: neither Excel nor LibreOffice grows a row written
        # without one, and wrapped text would overlap the next row.
        for i, row in enumerate([headers, *rows], start=1):
            lines = max(_lines(str(v or ""), w) for v, w in zip(row, column_widths, strict=True))
            ws.row_dimensions[i].height = min(LINE_HEIGHT * lines + 4, 180)
        ws.freeze_panes = freeze
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        # Printed: as many pages across as a landscape A4 holds at a readable size, rows running on.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = max(1, -(-sum(column_widths) // PAGE_WIDTH))
        ws.page_setup.fitToHeight = 0

    @staticmethod
    def _colour(cell: Any, status: Status | None) -> None:
        if status is None:
            return
        from openpyxl.styles import Font, PatternFill

        fill = STATUS_FILLS[status]
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        cell.font = Font(color=STATUS_FONTS[status])

    @staticmethod
    def _note(cell: Any, text: str) -> None:
        from openpyxl.comments import Comment

        comment = Comment(text, "auditor")
        comment.width, comment.height = 320, 120
        cell.comment = comment
