"""``--format csv``: one row per report, one column per rule (its status), plus score and
verdict; UTF-8 with BOM so that Excel opens it correctly."""

from __future__ import annotations

import csv
import io

from ..models import AuditRun
from .base import Formatter


class CsvFormatter(Formatter):
    name = "csv"
    description = "report × rule matrix for spreadsheets (UTF-8 with BOM)"
    suffix = ".csv"

    def render(self, run: AuditRun) -> str:
        codes: list[str] = list(self.catalog) or sorted({r.code for rep in run.reports for r in rep.results})
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(["报告", "发文机关", "报告年度", "类型", "得分", "结论", *codes])
        for rep in run.reports:
            statuses = {r.code: r.status.value for r in rep.results}
            m = rep.metadata
            writer.writerow([
                self.relative(rep.path),
                m.organisation.value if m.organisation else "",
                m.report_year.value if m.report_year else "",
                m.kind.value if m.kind else "",
                "" if rep.score is None else f"{rep.score:g}",
                rep.verdict,
                *[statuses.get(c, "") for c in codes],
            ])
        return "\ufeff" + buf.getvalue()
