"""``--format table`` (default): the human report, in Chinese, for the drafter at a terminal.

Every line fits the terminal (``COLUMNS``, else the terminal's width, else 80 display columns);
the findings table is drawn by ``terminal.table`` rather than tabulate, whose import (with
wcwidth) costs about 100 ms of every start."""

from __future__ import annotations

from ..lazy_regex import LazyPattern
from ..models import AuditResult, AuditRun, Finding, Severity
from ..models.results import NOT_A_REPORT_PREFIX
from . import terminal
from .base import Formatter
from .labels import KIND_SHOWN, NOT_A_REPORT, VERDICT_LABELS, problem_text

KINDS = KIND_SHOWN
_COLORS = {Severity.error: "31", Severity.warning: "33", Severity.info: "36"}
VERDICTS = VERDICT_LABELS

_COUNT = LazyPattern(r"^存在(\d+)个(错误|警告|提示)级问题$")  # scoring.gate's wording
_WINDOW_EDGE_START = LazyPattern(r"^[0-9A-Za-z.%/\-]+[年月日号个件次条项人名万亿元%]?")
_WINDOW_EDGE_END = LazyPattern(r"[0-9A-Za-z.%/\-]+$")
QUOTE_CONTEXT = 8  # characters the engine takes on each side of a finding's span (engine.to_result)


def not_a_report(r: AuditResult) -> bool:
    return r.status == "not_a_report"


def _why_not(r: AuditResult) -> str:
    return (r.problem or "").removeprefix(NOT_A_REPORT_PREFIX)


def verdict_text(r: AuditResult) -> str:
    """结论 and why, in words: 不通过 —— 存在1个错误级问题，须修改后再报送."""
    if not_a_report(r):
        return f"{NOT_A_REPORT} —— {_why_not(r)}，未评分"
    if not r.evaluated:
        return f"未评估 —— {r.problem}"
    if r.verdict == "fail":
        why = "；".join(r.reasons)
        return f"不通过 —— {why}，须修改后再报送" if why else "不通过"
    rest = "、".join(f"{n}个{sev.label}级问题" for sev, n in _counts(r.findings))
    return f"通过 —— 另有{rest}，建议修改" if rest else "通过"


def _counts(findings: list[Finding]) -> list[tuple[Severity, int]]:
    """(severity, number of findings) for each severity found, most severe first."""
    counts = [(sev, sum(f.severity == sev for f in findings)) for sev in Severity]
    return [(sev, n) for sev, n in counts if n]


def summary_line(r: AuditResult, relative=None) -> str:
    """One line per report: file, organisation, score and verdict (``--quiet`` prints only these)."""
    path = relative(r.path) if relative else r.path
    if not_a_report(r):
        return f"{path}  {NOT_A_REPORT}：{_why_not(r)}"
    if not r.evaluated:
        return f"{path}  未评估：{r.problem}"
    org = r.metadata.organisation.value if r.metadata.organisation else "发文机关未识别"
    score = "—" if r.score is None else f"{r.score:g}分"
    why = [f"{sev.label}{n}处" for sev, n in _counts(r.findings)]
    if r.verdict == "fail" and not any(_COUNT.match(x) for x in r.reasons):
        why = [*r.reasons, *why]
    verdict = VERDICTS[r.verdict] + (f"（{'，'.join(why)}）" if why else "")
    return f"{path}  {org}  {score}  {verdict}"


class TableFormatter(Formatter):
    name = "table"
    description = "human-readable report with a findings table (default)"

    def __init__(self, *args, width: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.width = width or terminal.terminal_width()

    def render(self, run: AuditRun) -> str:
        parts = [self.report(r) for r in run.reports]
        if len(run.reports) > 1:
            parts.append(self.total(run))
        return "\n\n".join(parts) + "\n"

    def total(self, run: AuditRun) -> str:
        s = run.summary
        skipped = sum(not_a_report(r) for r in run.reports)
        text = (f"共{s.reports}份报告：通过{s.passed}份，不通过{s.failed}份，"
                f"未评估{s.unevaluated - skipped}份" + (f"，非年度报告{skipped}份" if skipped else "") + "。")
        return "\n".join(terminal.wrap(text, self.width))

    def _c(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def _lines(self, text: str, indent: int = 0, hang: int | None = None) -> list[str]:
        """``text`` wrapped to the width, indented; continuation lines indented by ``hang``."""
        hang = indent if hang is None else hang
        first = terminal.wrap(text, self.width - indent)
        if len(first) <= 1:
            return [" " * indent + line for line in first]
        rest = terminal.wrap("".join(first[1:]) if hang == indent else text[len(first[0]):].lstrip(),
                             self.width - hang)
        return [" " * indent + first[0]] + [" " * hang + line for line in rest]

    def report(self, r: AuditResult) -> str:
        lines = [self._c(x, "1") for x in self._lines(summary_line(r, self.relative))]
        if not r.evaluated:  # the summary line says it all: what the file is not, or why it was not read
            return "\n".join(lines)
        m = r.metadata
        lines += self._lines(f"标题：{m.title.value if m.title else '（未识别）'}", hang=6)
        facts = [
            f"发文机关：{m.organisation.value if m.organisation else '（未识别）'}",
            f"报告年度：{m.report_year.value if m.report_year else '（未识别）'}",
            f"类型：{KINDS[m.kind.value] if m.kind else '不明'}",
            f"成文日期：{m.signature_date.value:%Y-%m-%d}" if m.signature_date else "成文日期：（未识别）",
        ]
        if m.publication_date:
            facts.append(f"发布日期：{m.publication_date.value:%Y-%m-%d}")
        lines += self._joined(facts)
        score = "—" if r.score is None else f"{r.score:g}"
        verdict = verdict_text(r)
        lines += self._paint(self._lines(f"得分：{score}/100  结论：{verdict}", hang=4),
                             "结论：" + verdict.partition(" —— ")[0], "32" if r.verdict == "pass" else "31")
        if r.groups:
            lines += self._joined([f"{g.group} {'—' if g.score is None else f'{g.score:g}'}" for g in r.groups],
                                  first="分组得分：")
        if r.findings:
            lines.append("")
            lines += self.findings(r)
        else:
            lines.append("未发现问题。")
        if r.waivers:
            lines.append("")
            lines.append("已豁免（按配置文件接受，不影响结论）：")
            for w in r.waivers:
                lines += self._lines(f"{w.code} 理由：{w.reason}（{w.source}）", indent=2, hang=4)
        if r.missing:
            lines.append("")
            lines.append("缺失要素及修改建议：")
            for entry in r.missing:
                lines += self._lines(f"{entry.code} {entry.title}（{entry.severity.label}）", indent=2, hang=4)
                lines += self._lines("缺少：" + "、".join(i.label for i in entry.items), indent=4, hang=10)
                if entry.basis:
                    lines += self._lines("依据：" + "；".join(entry.basis), indent=4, hang=10)
                if entry.suggestion:
                    lines += self._lines("建议：" + entry.suggestion, indent=4, hang=10)
        return "\n".join(lines)

    def _paint(self, lines: list[str], text: str, code: str) -> list[str]:
        """Colour ``text`` where it stands in the first line (after wrapping, so that a colour code
        is never cut by a line break)."""
        if self.color and lines and text in lines[0]:
            lines[0] = lines[0].replace(text, self._c(text, code), 1)
        return lines

    def _joined(self, items: list[str], first: str = "") -> list[str]:
        """Short facts side by side, two spaces apart, as many per line as fit."""
        out: list[str] = []
        line = first
        for item in items:
            sep = "  " if line.strip() and line != first else ""
            if line and terminal.width(line + sep + item) > self.width:
                out.append(line)
                line = " " * terminal.width(first) + item
            else:
                line += sep + item
        out.append(line)
        return [x for part in out for x in terminal.wrap(part, self.width)]

    # -- findings -------------------------------------------------------------------------

    def findings(self, r: AuditResult) -> list[str]:
        """Findings grouped by rule, most important first: the rule's requirement once, then each
        finding's own words, where it is, and the text there with a little context."""
        titles = {x.code: x.title for x in r.results}
        order: dict[str, int] = {}
        for f in r.findings:
            order.setdefault(f.code, len(order))
        ordered = sorted(r.findings, key=lambda f: order[f.code])
        rows, colours = [], []
        seen: set[str] = set()
        for f in ordered:
            title = titles.get(f.code, "")
            detail = problem_text(f.message, title)
            text = f"{title}\n{detail}" if f.code not in seen and title and detail != f.message else detail
            seen.add(f.code)
            loc = f.location.short() if f.location else "—"
            if f.location and f.location.heading_path:
                loc += "\n" + f.location.section(6 if self.width < 100 else 12)
            rows.append([f.code, f.severity.label, loc, text, quote(f)])
            colours.append(_COLORS[f.severity])
        paint = (lambda row, col: colours[row] if col == 1 else None) if self.color else None
        drawn = terminal.table(["代码", "级别", "位置", "问题", "原文"], rows, self.width, flexible=(3, 4),
                               paint=paint, max_lines={4: 3})
        if drawn:
            return drawn
        out: list[str] = []  # too narrow for columns: one block per finding
        for row, colour in zip(rows, colours, strict=True):
            code, level, loc, text, q = row
            out += self._paint(self._lines(f"{code}  {level}  {loc.replace(chr(10), '  ')}"), level, colour)
            out += self._lines(text.replace("\n", "："), indent=2)
            if q:
                out += self._lines(f"原文：{q}", indent=2, hang=8)
        return out


def quote(f: Finding) -> str:
    """The finding's text with the context the engine took around it, marked with … where the
    line goes on; a number or ASCII word cut by the context window is dropped, not shown split."""
    q = f.quote or ""
    loc = f.location
    if not q or loc is None or loc.line != loc.end_line or q.endswith("…"):
        return q
    span = max(loc.end_column - loc.column, 1)
    if len(q) <= span:
        return q
    before = min(QUOTE_CONTEXT, loc.column - 1)
    after = len(q) - before - span
    lead = ""
    if loc.column - 1 > QUOTE_CONTEXT and before > 0:  # the window starts inside the line
        m = _WINDOW_EDGE_START.match(q)
        if m and m.end() <= before:
            q = q[m.end():]
        lead = "…"
    tail = ""
    if after >= QUOTE_CONTEXT:  # a full window after the span: the line may go on
        m = _WINDOW_EDGE_END.search(q)
        if m and len(q) - m.start() <= after:
            q = q[:m.start()]
        tail = "…"
    return lead + q + tail


def quiet_text(run: AuditRun, *, color: bool = False) -> str:
    """``--quiet``: the summary line of each report, and the batch total when there are several."""
    formatter = TableFormatter(color=color)
    lines = [x for r in run.reports for x in formatter._lines(summary_line(r, formatter.relative))]
    if len(run.reports) > 1:
        lines.append(formatter.total(run))
    return "".join(line + "\n" for line in lines)
