"""What the comments say: one comment per finding, and the summary on the title."""

from __future__ import annotations

import re

from .._version import __version__
from ..models import AuditResult, Finding, MissingEntry, RuleResult, Severity
from ..models.lexicon import lexicon

DEFAULT_AUTHOR = "法治政府建设年度报告审查"
VERDICTS = lexicon().labels.verdict_said
KINDS = lexicon().kind_labels("report", known_only=True)
_FLAG_NOTE = re.compile(r"（--[^）]*）")
_STOPS = "。！？；….!?;"


def sentence(text: str) -> str:
    """``text`` ending as a sentence does (a closing quote or bracket after a full stop counts)."""
    text = text.strip()
    bare = text.rstrip("”’）)》」")
    return text if not text or (bare and bare[-1] in _STOPS) else text + "。"


def finding_text(finding: Finding, rule: RuleResult | None, missing: MissingEntry | None,
                 unplaced: str | None = None) -> list[str]:
    """The paragraphs of a finding's comment: what is wrong, what is missing, what to do, why."""
    title = rule.title if rule else ""
    problem = finding.message
    if title and problem.startswith(title + "："):
        problem = problem[len(title) + 1:]
    lines = [f"【{finding.severity.label}】{finding.code} {title}".rstrip(), "问题：" + sentence(problem)]
    if missing is not None and missing.items and not all(i.label in problem for i in missing.items):
        lines.append("缺少：" + "；".join(i.label for i in missing.items) + "。")
    if finding.replacement:
        lines.append(f"可改为：“{finding.replacement}”。")
    if finding.suggestion:
        lines.append("建议：" + sentence(finding.suggestion))
    if rule is not None and rule.basis:
        lines.append("依据：" + "；".join(b.cite() for b in rule.basis) + "。")
    if rule is not None and rule.waived:
        lines.append("已豁免" + (f"：{sentence(rule.waiver_reason)}" if rule.waiver_reason else "。")
                     + "不影响审查结论。")
    if unplaced:
        lines.append(f"（原文位置：{unplaced}；未能在副本中标到原文字上，故标在标题处。）")
    return lines


def missing_text(entry: MissingEntry) -> list[str]:
    """A missing element that no finding carries (rare): its own comment on the title."""
    lines = [f"【{entry.severity.label}】{entry.code} {entry.title}",
             "缺少：" + "；".join(i.label for i in entry.items) + "。"]
    if entry.suggestion:
        lines.append("建议：" + sentence(entry.suggestion))
    if entry.basis:
        lines.append("依据：" + "；".join(entry.basis) + "。")
    return lines


def summary_text(result: AuditResult) -> list[str]:
    """The summary on the title: verdict and score, counts by severity, missing elements, why."""
    verdict = VERDICTS.get(result.verdict, result.verdict)
    score = f"得分{result.score:g}（满分100）" if result.score is not None else "未计分"
    lines = [f"【审查结论】{verdict}，{score}"]
    meta = result.metadata
    about = []
    if meta.organisation:
        about.append(meta.organisation.value)
    if meta.report_year:
        about.append(f"{meta.report_year.value}年度")
    if meta.kind and meta.kind.value in KINDS:
        about.append(KINDS[meta.kind.value])
    if about:
        lines.append("报告：" + "，".join(about))
    counts = {s: sum(f.severity is s for f in result.findings) for s in Severity}
    if result.findings:
        shown = "，".join(f"{s.label}{counts[s]}项" for s in (Severity.error, Severity.warning, Severity.info)
                         if counts[s])
        lines.append(f"发现问题{len(result.findings)}项：{shown}。")
    else:
        lines.append("未发现问题。")
    if result.missing:
        lines.append(f"缺少要素{len(result.missing)}项：" + "；".join(
            f"{m.title}（{m.code}）" for m in result.missing) + "。")
    if result.reasons:
        lines.append("不通过的原因：" + "；".join(_FLAG_NOTE.sub("", r) for r in result.reasons) + "。")
    if result.waivers:
        lines.append("已豁免：" + "；".join(f"{w.code}（{w.reason}）" for w in result.waivers) + "。")
    lines.append(f"以上批注由审查工具自动生成（auditor {__version__}），原文未作改动；"
                 "每条问题的批注标在相应原文上，请逐条核实后修改。")
    return lines
