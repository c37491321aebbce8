"""``--format markdown``: a readable report for a PR comment, an e-mail or the step summary."""

from __future__ import annotations

from ..models import AuditResult, AuditRun, Status
from .base import Formatter
from .table import KINDS, VERDICTS
from .visible import visible

MARKS = {Status.passed: "✓", Status.partial: "◐", Status.failed: "✗", Status.not_applicable: "—",
         Status.unevaluated: "?"}
ELEMENT_GROUPS = ("FZ", "XF", "GF")  # the statutory and user-named elements


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownFormatter(Formatter):
    name = "markdown"
    description = "Markdown report (PR comment, e-mail, step summary)"
    suffix = ".md"

    def render(self, run: AuditRun) -> str:
        parts = ["# 法治政府建设年度报告审查结果", ""]
        s = run.summary
        if s.reports > 1:
            parts += [f"共{s.reports}份报告：通过{s.passed}份，不通过{s.failed}份，未评估{s.unevaluated}份。", "",
                      "| 报告 | 得分 | 结论 |", "|---|---|---|"]
            parts += [f"| {_cell(self.relative(r.path))} | {'—' if r.score is None else f'{r.score:g}'} | "
                      f"{VERDICTS[r.verdict]} |" for r in run.reports]
            parts.append("")
        for r in run.reports:
            parts += self._report(r)
        return visible("\n".join(parts).rstrip() + "\n")  # (nothing of ours is a control character)

    def _report(self, r: AuditResult) -> list[str]:
        out = [f"## {_cell(self.relative(r.path))}", ""]
        if not r.evaluated:
            return [*out, f"**结论：未评估** —— {r.problem}", ""]
        m = r.metadata
        out += [
            f"- 标题：{m.title.value if m.title else '（未识别）'}",
            f"- 发文机关：{m.organisation.value if m.organisation else '（未识别）'}；"
            f"报告年度：{m.report_year.value if m.report_year else '（未识别）'}；"
            f"类型：{KINDS[m.kind.value] if m.kind else '不明'}",
            f"- **得分：{'—' if r.score is None else f'{r.score:g}'}/100；结论：{VERDICTS[r.verdict]}**"
            + (f"（{'；'.join(r.reasons)}）" if r.reasons else ""),
            "",
            "### 要素清单",
            "",
            "| | 代码 | 要素 | 说明 |",
            "|---|---|---|---|",
        ]
        for res in r.results:
            if res.group in ELEMENT_GROUPS:
                out.append(f"| {MARKS[res.status]} | {res.code} | {_cell(res.title)} | {_cell(res.message)} |")
        out.append("")
        if r.findings:
            out += ["### 问题", "", "| 代码 | 级别 | 位置 | 问题 | 原文 |", "|---|---|---|---|---|"]
            for f in r.findings:
                loc = f.location.short() if f.location else "—"
                out.append(f"| {f.code} | {f.severity.label} | {loc} | {_cell(f.message)} | {_cell(f.quote or '')} |")
            out.append("")
        if r.waivers:
            out += ["### 已豁免", ""]
            out += [f"- {w.code}：{_cell(w.reason)}（{_cell(w.source)}）" for w in r.waivers] + [""]
        if r.missing:
            out += ["### 缺失要素及修改建议", ""]
            for e in r.missing:
                items = "、".join(i.label for i in e.items)
                out.append(f"- **{e.code} {e.title}**（{e.severity.label}）：缺少{items}。"
                           + (f"建议：{e.suggestion}" if e.suggestion else "")
                           + (f"（依据：{'；'.join(e.basis)}）" if e.basis else ""))
            out.append("")
        return out
