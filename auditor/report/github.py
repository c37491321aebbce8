"""``--format github``: GitHub Actions workflow commands (annotations).

GitHub shows at most 10 errors and 10 warnings (and 10 notices) per step, so the most important
are emitted — highest severity, then heaviest rule — and a final line says how many were left
out; the full result goes to the step summary (written by the CLI as Markdown).
"""

from __future__ import annotations

from ..models import AuditRun, Finding, RuleInfo, Severity
from .base import Formatter

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
LIMIT = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _weight(catalog: dict[str, RuleInfo], code: str) -> float:
    info = catalog.get(code)
    return info.weight if info else 0.0


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (full result in $GITHUB_STEP_SUMMARY)"

    def render(self, run: AuditRun) -> str:
        catalog = self.catalog_of(run)
        items: list[tuple[str, Finding]] = [(self.relative(r.path), f) for r in run.reports for f in r.findings]
        items.sort(key=lambda pf: (-pf[1].severity.rank, -_weight(catalog, pf[1].code), pf[0],
                                   pf[1].location.line if pf[1].location else 0))
        lines, shown, hidden = [], {s: 0 for s in Severity}, {s: 0 for s in Severity}
        for r in run.reports:
            if not r.evaluated:
                path = escape_property(self.relative(r.path))
                lines.append(f"::error file={path},title={escape_property('auditor: 无法评估')}::"
                             f"{escape_data(r.problem or '')}")
        for path, f in items:
            if shown[f.severity] >= LIMIT:
                hidden[f.severity] += 1
                continue
            shown[f.severity] += 1
            lines.append(self._command(path, f, catalog))
        left = sum(hidden.values())
        if left:
            note = f"另有{left}条问题未逐条标注，完整结果见本步骤摘要（Summary）"
            lines.append(f"::notice title=auditor::{escape_data(note)}")
        return "".join(line + "\n" for line in lines)

    def _command(self, path: str, f: Finding, catalog: dict[str, RuleInfo]) -> str:
        props = [f"file={escape_property(path)}"]
        loc = f.location
        if loc is not None:
            props.append(f"line={loc.line}")
            props.append(f"endLine={loc.end_line}")
            if loc.line == loc.end_line:  # GitHub accepts columns only on single-line spans
                props.append(f"col={loc.column}")
                props.append(f"endColumn={loc.end_column}")
        info = catalog.get(f.code)
        title = f"{f.code} {info.title}" if info else f.code
        props.append(f"title={escape_property(title)}")
        message = f.message + (f"\n建议：{f.suggestion}" if f.suggestion else "")
        return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(message)}"
