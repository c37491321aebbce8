"""``--format html``: the evidence report a reviewer reads in a browser and prints.

One self-contained page (inline CSS and script, no network request, works from ``file://``): the
header with score, verdict and per-group bars; the report text as read, with the evidence that
satisfied each requirement highlighted and every finding marked in place by severity; the findings
(a click scrolls to the mark), the requirement checklist and the missing items with suggestions and
bases; filters by severity and group; a print stylesheet.

``--output html=DIR/`` writes one page per report plus ``index.html``, a report × requirement matrix.

Results carry locations, not text: the page re-reads each report through the same reader plugins the
audit used, so line and column of every location point into exactly the text that was audited.

Everything that comes from a report (text, metadata, file names, quotes, messages) goes through
``html.escape``; nothing from a report is ever placed inside the script or the stylesheet, and the
Content-Security-Policy admits only this module's own script and stylesheet by hash.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote as url_quote

from ..models import AuditResult, AuditRun, Finding, Location, Severity, SourceText, Status
from .base import Formatter
from .html_assets import CSS, JS, _digest, _e
from .labels import group_label
from .table import KINDS, VERDICTS
from .visible import visible

MARKS = {Status.passed: "✓", Status.partial: "◐", Status.failed: "✗", Status.not_applicable: "—",
         Status.unevaluated: "?"}
SEVERITIES = (Severity.error, Severity.warning, Severity.info)
_BREAK = re.compile(r"\r\n|\r|\n")  # as Document._line_col counts lines
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


CSP = (f"default-src 'none'; script-src {_digest(JS)}; style-src {_digest(CSS)}; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def page(title: str, body: str, extra_css: str = "") -> str:
    """``extra_css``: a second stylesheet (a constant, never from a report), admitted by its own hash."""
    csp = CSP if not extra_css else CSP.replace(f"style-src {_digest(CSS)}",
                                                f"style-src {_digest(CSS)} {_digest(extra_css)}")
    extra = f"<style>{extra_css}</style>\n" if extra_css else ""
    title, body = visible(title), visible(body)  # (one character for one: offsets into the text hold)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_e(csp)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n{extra}</head>\n<body>\n<main>\n{body}</main>\n"
        f"<script>{JS}</script>\n</body>\n</html>\n"
    )


# -- placing locations in the text ------------------------------------------------------------


@dataclass
class _Mark:
    start: int
    end: int
    finding: str | None = None  # "f3"
    evidence: str | None = None  # "e2"
    severity: Severity | None = None
    group: str = ""
    code: str = ""
    note: str = ""


@dataclass
class _Placed:
    """The report text and where each finding and piece of evidence sits in it."""

    text: str | None
    marks: list[_Mark] = field(default_factory=list)
    finding_ids: dict[int, str] = field(default_factory=dict)  # index in result.findings -> "f3" when placed
    evidence_ids: dict[tuple[int, int], str] = field(default_factory=dict)  # (result, evidence) -> "e2"


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _span(starts: list[int], size: int, loc: Location) -> tuple[int, int] | None:
    if not (1 <= loc.line <= len(starts) and 1 <= loc.end_line <= len(starts)):
        return None
    start = starts[loc.line - 1] + loc.column - 1
    end = starts[loc.end_line - 1] + loc.end_column - 1
    if not 0 <= start < size:
        return None
    end = min(max(end, start + 1), size)  # a point location still marks its character
    return start, end


def place(result: AuditResult, text: str | None) -> _Placed:
    placed = _Placed(text=text)
    if text is None:
        return placed
    starts, size = _line_starts(text), len(text)
    groups = {r.code: r.group for r in result.results}
    for i, f in enumerate(result.findings):
        span = _span(starts, size, f.location) if f.location else None
        if span:
            fid = placed.finding_ids[i] = f"f{i + 1}"
            placed.marks.append(_Mark(*span, finding=fid, severity=f.severity, group=groups.get(f.code, ""),
                                      code=f.code, note=f"{f.code} {f.severity.label}：{f.message}"))
    n = 0
    for ri, r in enumerate(result.results):
        for ei, ev in enumerate(r.evidence):
            span = _span(starts, size, ev.location)
            if span:
                n += 1
                eid = placed.evidence_ids[(ri, ei)] = f"e{n}"
                placed.marks.append(_Mark(*span, evidence=eid, group=r.group, code=r.code,
                                          note=f"{r.code} 依据原文" + (f"（{ev.item}）" if ev.item else "")))
    return placed


def _marked_text(placed: _Placed, prefix: str) -> str:
    """The text, cut at every mark boundary; each piece covered by marks is one ``<mark>`` that
    lists them all, and every mark's first piece is preceded by an anchor a link can scroll to."""
    text = placed.text or ""
    cuts = sorted({0, len(text), *(m.start for m in placed.marks), *(m.end for m in placed.marks)})
    starting: dict[int, list[_Mark]] = {}
    for m in placed.marks:
        starting.setdefault(m.start, []).append(m)
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        for m in starting.get(a, []):
            out.append(f'<span class="anchor" id="{prefix}-{m.finding or m.evidence}"></span>')
        piece = _e(text[a:b])
        over = [m for m in placed.marks if m.start <= a and m.end >= b]
        if not over:
            out.append(piece)
            continue
        found = [m for m in over if m.finding]
        worst = max((m.severity for m in found if m.severity), key=lambda s: s.rank, default=None)
        show = worst.value if worst else "ev"
        ending = [m for m in found if m.end == b]
        attrs = {
            "class": "m",
            "data-show": show,
            "data-f": " ".join(m.finding for m in found if m.finding),
            "data-e": " ".join(m.evidence for m in over if m.evidence),
            "data-eg": " ".join(sorted({m.group for m in over if m.evidence})),
            "data-fend": " ".join(m.finding for m in ending if m.finding),
            "data-codes": " ".join(m.code for m in ending),
            "title": "\n".join(m.note for m in over),
        }
        out.append("<mark " + " ".join(f'{k}="{_e(v)}"' for k, v in attrs.items()) + f">{piece}</mark>")
    return "".join(out)


# -- the page of one report -----------------------------------------------------------------


def _where(f: Finding) -> str:
    if f.location is None:
        return "全文"
    section = f.location.section()
    return f.location.short() + (f" {section}" if section else "")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _bar(score: float | None) -> str:
    width = 0.0 if score is None else max(0.0, min(100.0, score))
    level = "low" if width < 60 else "mid" if width < 85 else "high"
    return (f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
            f'aria-label="{_e(_score(score))}分"><rect class="track" width="100" height="10"></rect>'
            f'<rect class="fill {level}" width="{width:g}" height="10"></rect></svg>')


def _header(r: AuditResult, shown_path: str, compared: str = "") -> str:
    m = r.metadata
    title = m.title.value if m.title else "（未识别标题）"
    rows = [("文件", shown_path),
            ("发文机关", m.organisation.value if m.organisation else "（未识别）"),
            ("报告年度", f"{m.report_year.value}年度" if m.report_year else "（未识别）"),
            ("报告类型", KINDS[m.kind.value] if m.kind else "不明")]
    meta = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    out = [f"<h1>{_e(title)}</h1>", f'<dl class="meta">{meta}</dl>',
           f'<div><span class="score">{_e(_score(r.score))}</span><span class="muted">/100</span>'
           f'<span class="verdict v-{_e(r.verdict)}">{_e(VERDICTS[r.verdict])}</span></div>']
    if r.reasons:
        out.append("<p>未通过的原因：" + "；".join(_e(x) for x in r.reasons) + "</p>")
    if r.problem:
        out.append(f"<p>无法审查：{_e(r.problem)}</p>")
    if compared:
        out.append(compared)
    if r.groups:
        rows_html = "".join(
            f"<tr><td>{_e(group_label(g.group))}（{_e(g.group)}）</td><td>{_bar(g.score)}</td>"
            f"<td>{_e(_score(g.score))}</td><td class=\"muted\">{g.rules}条</td></tr>" for g in r.groups)
        out.append(f'<table class="groups" aria-label="分组得分">{rows_html}</table>')
    return '<header class="card">' + "".join(out) + "</header>"


def _filters(r: AuditResult) -> str:
    counts = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
    sev = "".join(f'<label><input type="checkbox" data-filter="sev" value="{s.value}" checked> '
                  f"{s.label}（{counts[s]}）</label>" for s in SEVERITIES)
    groups = list(dict.fromkeys(x.group for x in r.results))
    grp = "".join(f'<label><input type="checkbox" data-filter="grp" value="{_e(g)}" checked> '
                  f"{_e(group_label(g))}</label>" for g in groups)
    return (f'<div class="filters card noprint"><fieldset><legend>级别</legend>{sev}</fieldset>'
            f"<fieldset><legend>分组</legend>{grp}</fieldset></div>")


def _findings(r: AuditResult, placed: _Placed, prefix: str) -> str:
    if not r.findings:
        return "<h2>问题</h2><p>未发现问题。</p>"
    groups = {x.code: x.group for x in r.results}
    items = []
    for i, f in enumerate(r.findings):
        body = (f'<span class="badge sev-{f.severity.value}">{_e(f.severity.label)}</span>'
                f"<strong>{_e(f.code)}</strong> <span class=\"muted\">{_e(_where(f))}</span>"
                f'<div class="msg">{_e(f.message)}</div>'
                + (f'<div class="quote">原文：{_e(f.quote)}</div>' if f.quote else "")
                + (f'<div class="quote">建议：{_e(f.suggestion)}</div>' if f.suggestion else ""))
        fid = placed.finding_ids.get(i)
        if fid:
            body = f'<a class="jump" href="#{prefix}-{fid}" data-key="{fid}" data-attr="f">{body}</a>'
        items.append(f'<li class="finding sev-{f.severity.value}" data-f="{fid or f"u{i + 1}"}" '
                     f'data-sev="{f.severity.value}" data-grp="{_e(groups.get(f.code, ""))}" '
                     f'data-code="{_e(f.code)}">{body}</li>')
    return f'<h2>问题（{len(r.findings)}）</h2><ol class="findings">{"".join(items)}</ol>'


def _missing(r: AuditResult, placed: _Placed, prefix: str) -> str:
    if not r.missing:
        return ""
    first: dict[str, str] = {}  # rule code -> its first placed finding's id
    for i, f in enumerate(r.findings):
        if i in placed.finding_ids:
            first.setdefault(f.code, placed.finding_ids[i])
    groups = {x.code: x.group for x in r.results}
    items = []
    for e in r.missing:
        parts = [f'<span class="box" aria-hidden="true">☐</span><strong>{_e(e.code)} {_e(e.title)}</strong> '
                 f'<span class="badge sev-{e.severity.value}">{_e(e.severity.label)}</span>'
                 f'<span class="st st-{e.status.value}">{_e(e.status.label)}</span>']
        if e.items:
            parts.append("<div>缺少：" + "、".join(_e(i.label) for i in e.items) + "</div>")
        if e.suggestion:
            parts.append(f"<div>修改建议：{_e(e.suggestion)}</div>")
        if e.basis:
            parts.append("<div class=\"quote\">依据：" + "；".join(_e(b) for b in e.basis) + "</div>")
        if e.code in first:
            fid = first[e.code]
            parts.append(f'<a class="to-mark noprint" href="#{prefix}-{fid}" data-key="{fid}" data-attr="f">'
                         "在原文中查看</a>")
        items.append(f'<li data-rule-grp="{_e(groups.get(e.code, ""))}">{"".join(parts)}</li>')
    return f'<h2>缺失要素清单（{len(r.missing)}）</h2><ul class="missing">{"".join(items)}</ul>'


def _rules(r: AuditResult, placed: _Placed, prefix: str) -> str:
    items = []
    for ri, res in enumerate(r.results):
        links: list[str] = []
        for ei, _ev in enumerate(res.evidence):
            eid = placed.evidence_ids.get((ri, ei))
            if eid:
                links.append(f'<a class="to-mark" href="#{prefix}-{eid}" data-key="{eid}" data-attr="e">'
                             f"原文{len(links) + 1}</a>")
        items.append(
            f'<li data-rule-grp="{_e(res.group)}"><span class="st st-{res.status.value}" '
            f'title="{_e(res.status.label)}">{MARKS[res.status]} {_e(res.status.label)}</span> '
            f"<strong>{_e(res.code)}</strong> {_e(res.title)}"
            + (" <span class=\"muted\">（已豁免）</span>" if res.waived else "")
            + (f' <span class="noprint">{" ".join(links)}</span>' if links else "")
            + f'<div class="quote">{_e(res.message)}</div></li>')
    return f'<h2>逐项审查（{len(r.results)}）</h2><ul class="rules">{"".join(items)}</ul>'


def report_section(r: AuditResult, text: str | None, prefix: str, shown_path: str, back: str = "",
                   comparison: Any = None) -> str:
    """``comparison``: last year's report against this one (``compare.Comparison``), shown after
    the text and findings with both years side by side."""
    placed = place(r, text) if r.evaluated else _Placed(text=None)
    compared = ""
    if comparison is not None:
        compared = (f'<p class="noprint"><a href="#{prefix}-cmp">与上年度报告对比：'
                    f"{_e(comparison.last.path)} ↓</a></p>")
    out = [f'<section class="report" id="{prefix}">', back, _header(r, shown_path, compared)]
    if not r.evaluated:
        return "".join([*out, "</section>"])
    out.append(_filters(r))
    if placed.text is not None:
        doc = (f'<h2>报告原文</h2><p class="muted noprint">依据原文以绿色标出；问题按级别标出：'
               f"错误为红色实线、警告为黄色虚线、提示为蓝色点线，标记后注明规则代码。</p>"
               f'<div class="doc card" lang="zh-CN">{_marked_text(placed, prefix)}</div>')
    else:
        doc = "<h2>报告原文</h2><p>原文无法重新读取，问题仅按位置列出。</p>"
    side = _findings(r, placed, prefix) + _missing(r, placed, prefix)
    out.append(f'<div class="layout"><div>{doc}</div><aside class="side">{side}</aside></div>')
    if comparison is not None:
        from .html_compare import embedded

        out.append(embedded(comparison, prefix))
    out.append(f'<div class="card">{_rules(r, placed, prefix)}</div>')
    if r.waivers:
        out.append("<h2>已豁免</h2><ul>" + "".join(f"<li>{_e(w.code)}：{_e(w.reason)}（{_e(w.source)}）</li>"
                                                   for w in r.waivers) + "</ul>")
    out.append("</section>")
    return "".join(out)


# -- the matrix of many reports -------------------------------------------------------------


def matrix(run: AuditRun, links: list[str], shown: list[str], compared: dict[str, Any] | None = None,
           not_compared: dict[str, str] | None = None, as_last: dict[str, str] | None = None) -> str:
    """``compared``/``not_compared`` (a ``--compare-years`` or ``--previous`` run): a column saying
    which reports were compared with last year's, linking to the comparison, or why not."""
    codes: list[str] = list(dict.fromkeys(res.code for r in run.reports for res in r.results))
    titles = {res.code: res.title for r in run.reports for res in r.results}
    head = "".join(f'<th scope="col" title="{_e(titles[c])}">{_e(c)}</th>' for c in codes)
    years = bool(compared or not_compared)
    if years:
        head = '<th scope="col">上年对比</th>' + head
    rows = []
    for r, link, name in zip(run.reports, links, shown, strict=True):
        status = {res.code: res.status for res in r.results}
        m = r.metadata
        cells = []
        for c in codes:
            s = status.get(c)
            cells.append(f'<td class="st st-{s.value}" title="{_e(c)} {_e(s.label)}">{MARKS[s]}</td>' if s
                         else '<td class="muted" title="未审查">·</td>')
        rows.append(
            f'<tr data-score="{"" if r.score is None else f"{r.score:g}"}">'
            f'<td class="name"><a href="{_e(link)}">{_e(name)}</a>'
            + (f'<div class="muted">{_e(m.organisation.value)}</div>' if m.organisation else "")
            + f'</td><td>{_e(m.report_year.value) if m.report_year else "—"}</td>'
            f"<td>{_e(_score(r.score))}</td>"
            f'<td><span class="verdict v-{_e(r.verdict)}">{_e(VERDICTS[r.verdict])}</span></td>'
            + (_compared_cell(r.path, link, compared or {}, not_compared or {}, as_last or {}) if years else "")
            + "".join(cells) + "</tr>")
    summary = run.summary
    legend = "".join(f'<span><span class="st st-{st.value}">{MARKS[st]}</span> {_e(st.label)}</span>'
                     for st in Status)
    return (f"<h1>法治政府建设年度报告审查汇总</h1><p>共{summary.reports}份报告：通过{summary.passed}份，"
            f"不通过{summary.failed}份，未评估{summary.unevaluated}份。点击报告名称查看逐份审查结果。</p>"
            f'<p class="legend">{legend}</p><div class="matrix-wrap"><table class="matrix">'
            f'<thead><tr><th class="name" scope="col">报告</th><th scope="col">年度</th>'
            f'<th scope="col"><button type="button" class="sort" data-order="none">得分 ⇅</button></th>'
            f'<th scope="col">结论</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _compared_cell(path: str, link: str, compared: dict[str, Any], not_compared: dict[str, str],
                   as_last: dict[str, str]) -> str:
    c = compared.get(path)
    if c is not None:
        s = c.summary
        file, _, anchor = link.partition("#")
        target = f"{file}#{anchor or 'r1'}-cmp"
        title = (f"与{c.last.path}对比：上年安排{s.plan_items}项，已报告{s.reported}项，未见报告{s.not_found}项；"
                 f"重复{s.repeated}处")
        return (f'<td class="compared"><a href="{_e(target)}" title="{_e(title)}">'
                f"已对比 {s.reported}/{s.plan_items}</a></td>")
    if path in as_last:
        return f'<td class="muted as-last">作为{_e(as_last[path])}的上年报告</td>'
    if path in not_compared:
        return f'<td class="muted not-compared" title="{_e(not_compared[path])}">未对比</td>'
    return '<td class="muted">—</td>'


def page_name(index: int, path: str) -> str:
    """A safe, unique file name for one report's page: its number and its name's letters."""
    stem = _UNSAFE_NAME.sub("_", Path(path).stem).strip("._")[:60] or "report"
    return f"{index:03d}-{stem}.html"


class HtmlFormatter(Formatter):
    name = "html"
    description = "evidence report for a browser: marked text, findings, checklist (DIR/ for one page per report)"
    suffix = ".html"
    folder: ClassVar[bool] = True
    #: How a report's text is read again: the plugins' reader (``Plugins.read``), given by whoever
    #: holds the plugins (the CLI, the desk), since a format depends only on the models. Without it
    #: the findings are listed without the text.
    read_source: Callable[[Path], SourceText | None] | None = None

    def _text(self, r: AuditResult) -> str | None:
        """The report's text as its reader gives it (what every location points into)."""
        if not r.evaluated or self.read_source is None:
            return None
        try:
            source = self.read_source(Path(r.path))
        except Exception:  # the file changed or vanished since the audit: list findings without text
            return None
        return source.text if source is not None else None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: Set by ``audit --previous`` / ``--compare-years``: this year's report path -> its
        #: ``compare.Comparison`` with last year's; and the path -> why it was not compared.
        self.comparisons: dict[str, Any] = {}
        self.not_compared: dict[str, str] = {}

    def _title(self, r: AuditResult) -> str:
        return (r.metadata.title.value if r.metadata.title else Path(r.path).name) + " — 审查结果"

    def _comparison(self, r: AuditResult) -> Any:
        return self._comparison_of(r.path) if r.path in self.comparisons else None

    def _css(self) -> str:
        if not self.comparisons:
            return ""
        from .html_compare import EMBED_CSS

        return EMBED_CSS

    def _matrix(self, run: AuditRun, links: list[str], shown: list[str]) -> str:
        compared = {p: self._comparison_of(p) for p in self.comparisons}
        as_last = {c.last.path: self.relative(p) for p, c in self.comparisons.items()}
        return matrix(run, links, shown, compared, self.not_compared, as_last)

    def _comparison_of(self, path: str) -> Any:
        """The comparison with both paths shown as the run shows them."""
        c = self.comparisons[path].model_copy(deep=True)
        c.last.path, c.this.path = self.relative(c.last.path), self.relative(c.this.path)
        return c

    def render(self, run: AuditRun) -> str:
        shown = [self.relative(r.path) for r in run.reports]
        if len(run.reports) == 1:
            r = run.reports[0]
            return page(self._title(r), report_section(r, self._text(r), "r1", shown[0],
                                                       comparison=self._comparison(r)), self._css())
        parts = [f'<div class="card">{self._matrix(run, [f"#r{i}" for i in range(1, len(run.reports) + 1)], shown)}'
                 "</div>"]
        parts += [report_section(r, self._text(r), f"r{i}", name, comparison=self._comparison(r))
                  for i, (r, name) in enumerate(zip(run.reports, shown, strict=True), start=1)]
        return page("法治政府建设年度报告审查结果", "".join(parts), self._css())

    def render_folder(self, run: AuditRun) -> dict[str, str]:
        shown = [self.relative(r.path) for r in run.reports]
        names = [page_name(i, r.path) for i, r in enumerate(run.reports, start=1)]
        files = {"index.html": page("法治政府建设年度报告审查汇总",
                                    self._matrix(run, [url_quote(n) for n in names], shown))}
        back = '<p class="noprint"><a href="index.html">← 返回汇总</a></p>'
        for r, name, path in zip(run.reports, names, shown, strict=True):
            files[name] = page(self._title(r), report_section(r, self._text(r), "r1", path, back,
                                                              comparison=self._comparison(r)), self._css())
        return files
