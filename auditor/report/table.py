"""``--format table`` (default): the human report, in Chinese, for the drafter at a terminal."""

from __future__ import annotations

from tabulate import tabulate

from ..models import AuditResult, AuditRun, Severity
from .base import Formatter

KINDS = {"government": "政府", "department": "部门", "town": "乡镇（街道）", "joint": "党委政府联合",
         "unknown": "不明"}
_COLORS = {Severity.error: "31", Severity.warning: "33", Severity.info: "36"}
VERDICTS = {"pass": "通过", "fail": "不通过", "unevaluated": "未评估"}


class TableFormatter(Formatter):
    name = "table"
    description = "human-readable report with a findings table (default)"

    def render(self, run: AuditRun) -> str:
        parts = [self.report(r) for r in run.reports]
        if len(run.reports) > 1:
            s = run.summary
            parts.append(f"共{s.reports}份报告：通过{s.passed}份，不通过{s.failed}份，未评估{s.unevaluated}份。")
        return "\n\n".join(parts) + "\n"

    def _c(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def report(self, r: AuditResult) -> str:
        lines = [f"报告：{r.path}"]
        if not r.evaluated:
            lines.append(self._c(f"结论：未评估 —— {r.problem}", "31"))
            return "\n".join(lines)
        m = r.metadata
        lines.append(f"标题：{m.title.value if m.title else '（未识别）'}")
        lines.append("  ".join([
            f"发文机关：{m.organisation.value if m.organisation else '（未识别）'}",
            f"报告年度：{m.report_year.value if m.report_year else '（未识别）'}",
            f"类型：{KINDS[m.kind.value] if m.kind else '不明'}",
        ]))
        dates = [f"成文日期：{m.signature_date.value:%Y-%m-%d}" if m.signature_date else "成文日期：（未识别）"]
        if m.publication_date:
            dates.append(f"发布日期：{m.publication_date.value:%Y-%m-%d}")
        lines.append("  ".join(dates))
        score = "—" if r.score is None else f"{r.score:g}"
        verdict = VERDICTS[r.verdict]
        verdict = self._c(verdict, "32" if r.verdict == "pass" else "31")
        why = f" —— {'；'.join(r.reasons)}" if r.reasons else ""
        lines.append(f"得分：{score}/100  结论：{verdict}{why}")
        if r.groups:
            lines.append("分组得分：" + "  ".join(
                f"{g.group} {'—' if g.score is None else f'{g.score:g}'}" for g in r.groups))
        if r.findings:
            rows = []
            for f in r.findings:
                loc = f.location.short() if f.location else "—"
                if f.location and f.location.heading_path:
                    loc += "\n" + f.location.section()
                rows.append([f.code, self._c(f.severity.label, _COLORS[f.severity]), loc, f.message, f.quote or ""])
            lines.append("")
            lines.append(tabulate(rows, headers=["代码", "级别", "位置", "问题", "原文"], tablefmt="simple",
                                  maxcolwidths=[None, None, None, 40, 30]))
        else:
            lines.append("未发现问题。")
        if r.waivers:
            lines.append("")
            lines.append("已豁免（按配置文件接受，不影响结论）：")
            for w in r.waivers:
                lines.append(f"  {w.code} 理由：{w.reason}（{w.source}）")
        if r.missing:
            lines.append("")
            lines.append("缺失要素及修改建议：")
            for entry in r.missing:
                lines.append(f"  {entry.code} {entry.title}（{entry.severity.label}）")
                lines.append("    缺少：" + "、".join(i.label for i in entry.items))
                if entry.basis:
                    lines.append("    依据：" + "；".join(entry.basis))
                if entry.suggestion:
                    lines.append("    建议：" + entry.suggestion)
        return "\n".join(lines)
