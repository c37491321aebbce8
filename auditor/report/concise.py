"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations

from ..models import AuditRun
from .base import Formatter


class ConciseFormatter(Formatter):
    name = "concise"
    description = "one line per finding (path:line:col: CODE [severity] message)"

    def render(self, run: AuditRun) -> str:
        lines = []
        for report in run.reports:
            path = self.relative(report.path)
            if not report.evaluated:
                status = "not_a_report" if report.status == "not_a_report" else "unevaluated"
                lines.append(f"{path}:1:1: - [{status}] {report.problem}")
                continue
            for f in report.findings:
                where = f"{f.location.line}:{f.location.column}" if f.location else "1:1"
                lines.append(f"{path}:{where}: {f.code} [{f.severity.value}] {f.message}")
        return "".join(line + "\n" for line in lines)
