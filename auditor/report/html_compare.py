"""``audit compare --format html``: last year's and this year's passages side by side.

One self-contained page (inline stylesheet, no script, no network request): for each plan item,
repetition and figure, a row with last year's passage on the left and this year's on the right,
each with its location. Everything taken from the reports goes through ``html.escape``; the
Content-Security-Policy admits only this module's stylesheet, by hash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html_assets import _digest, _e
from .labels import REPETITION_LABELS

if TYPE_CHECKING:  # only named in annotations: the evidence report imports this module for every page
    from ..models.comparison import Comparison, Place  # that shows a comparison

CSS = """
:root{--ok:#1a7f37;--bad:#b42318;--warn:#9a6700;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2328;
line-height:1.6;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px;border-bottom:2px solid var(--line)}
.meta{color:var(--muted);margin:0 0 8px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:8px 0 16px;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:10px}
.pair>header{grid-column:1/-1;font-weight:600}
.side{border-left:4px solid var(--line);padding:4px 10px;min-width:0;overflow-wrap:anywhere}
.side.last{border-color:#8c959f}.side.this{border-color:#0969da}
.side .where{display:block;color:var(--muted);font-size:13px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;margin-left:8px;color:#fff}
.reported{background:var(--ok)}.not_found{background:var(--bad)}.repeat{background:var(--warn)}
.empty{color:var(--muted);font-style:italic}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{background:#fff}.pair{break-inside:avoid}}
"""
CSP = f"default-src 'none'; style-src {_digest(CSS)}; img-src data:; base-uri 'none'; form-action 'none'"
# The same pieces inside the evidence report's page (``html_format``), scoped under ``.cmp`` so
# that the report's own rules (its sticky ``.side`` column, small grey ``.quote``) do not apply.
EMBED_CSS = """
.cmp .pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:8px 0 14px;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:10px}
.cmp .pair>header{grid-column:1/-1;font-weight:600}
.cmp .side{border-left:4px solid var(--line);padding:4px 10px;min-width:0;overflow-wrap:anywhere;position:static;
max-height:none;overflow:visible}
.cmp .side.last{border-color:#8c959f}.cmp .side.this{border-color:#0969da}
.cmp .side .where{display:block;color:var(--muted);font-size:13px}
.cmp .side .quote{color:inherit;font-size:inherit;margin:4px 0}
.cmp .badge{padding:0 8px;border-radius:10px;font-size:13px;margin-left:8px;color:#fff}
.cmp .reported{background:#1a7f37}.cmp .not_found{background:#b42318}.cmp .repeat{background:#9a6700}
.cmp .empty{color:var(--muted);font-style:italic}
.cmp table{border-collapse:collapse;background:#fff;width:100%}
.cmp th,.cmp td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.cmp td.num{text-align:right;font-variant-numeric:tabular-nums}
.cmp p.meta{display:block;margin:0 0 6px;color:var(--muted)}
@media print{.cmp .pair{break-inside:avoid}}
"""
KINDS = REPETITION_LABELS


def _side(label: str, p: Place | None, which: str, empty: str = "") -> str:
    if p is None:
        return f'<div class="side {which}"><span class="where">{_e(label)}</span><p class="empty">{_e(empty)}</p></div>'
    where = ""
    if p.location is not None:
        where = f"{p.location.short()} {p.location.section(24)}".strip()
    return (f'<div class="side {which}"><span class="where">{_e(label)} · {_e(where)}</span>'
            f'<p class="quote">{_e(p.quote)}</p></div>')


def _number(value: float) -> str:
    return f"{value:g}"


def _years(c: Comparison) -> tuple[str, str]:
    return (f"{c.last.year}年度" if c.last.year else "上年", f"{c.this.year}年度" if c.this.year else "今年")


def _meta(c: Comparison) -> list[str]:
    last_year, this_year = _years(c)
    return [f'<p class="meta">上年：{_e(c.last.path)}（{_e(last_year)}） · '
            f'今年：{_e(c.this.path)}（{_e(this_year)}）</p>',
            f'<p class="meta">相似度：{_e(c.similarity.name)}（归一化编辑相似度，只比较汉字、字母和数字；'
            f'不低于{c.similarity.repeated_threshold:g}%视为重复）</p>']


def render_html(c: Comparison) -> str:
    body = [f"<h1>年度报告对比：{_e(c.this.organisation or c.this.title or c.this.path)}</h1>", *_meta(c),
            *sections(c)]
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_e(CSP)}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">\n"
            f"<title>年度报告对比 {_e(c.this.path)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def embedded(c: Comparison, prefix: str) -> str:
    """The comparison as a section of a report's evidence page (``id="{prefix}-cmp"``): the same
    rows, headed one level down; its stylesheet is ``EMBED_CSS``."""
    s = c.summary
    return (f'<section class="card cmp" id="{_e(prefix)}-cmp"><h2>与上年度报告对比</h2>' + "".join(_meta(c))
            + f'<p>上年度工作安排{s.plan_items}项：已报告{s.reported}项，未见报告{s.not_found}项；'
            f"与上年重复{s.repeated}处；两年都报告的数据{s.figures}项。</p>"
            + "\n".join(sections(c, f"{prefix}-cmp-", "h3")) + "</section>")


def sections(c: Comparison, prefix: str = "", h: str = "h2") -> list[str]:
    """Plan follow-through, repetitions and figures: each finding a row, last year left."""
    last_year, this_year = _years(c)
    s = c.summary
    body = [f'<section id="{_e(prefix)}plan"><{h}>上年度工作安排的落实情况（共{s.plan_items}项，已报告{s.reported}项，'
            f'未见报告{s.not_found}项）</{h}>']
    for item in c.plan:
        badge = ('<span class="badge reported">已报告</span>' if item.status == "reported"
                 else '<span class="badge not_found">未见报告</span>')
        right = item.evidence or item.mention
        label = "今年提及" + (f"（{item.note}）" if item.note else "") if item.mention else "今年举措"
        body.append(f'<article class="pair plan-item" data-status="{_e(item.status)}"><header>{_e(item.item)}{badge}'
                    f"</header>{_side('上年安排', item.plan, 'last')}"
                    f"{_side(label, right, 'this', '今年的主要举措和成效中没有相关内容。')}</article>")
    body.append("</section>")
    body.append(f'<section id="{_e(prefix)}repeated"><{h}>与上年报告重复的内容（{s.repeated}处）</{h}>')
    if not c.repeated:
        body.append('<p class="empty">未发现。</p>')
    for r in c.repeated:
        body.append(f'<article class="pair repetition" data-kind="{_e(r.kind)}"><header>{_e(KINDS[r.kind])}'
                    f'<span class="badge repeat">相似度{_e(f"{r.similarity:g}")}%</span></header>'
                    f"{_side('上年', r.last, 'last')}{_side('今年', r.this, 'this')}</article>")
    body.append("</section>")
    body.append(f'<section id="{_e(prefix)}figures"><{h}>两年都报告的数据（{s.figures}项）</{h}>')
    if c.figures:
        body.append(f"<table><thead><tr><th>指标</th><th>{_e(last_year)}</th><th>{_e(this_year)}</th><th>变化</th>"
                    "<th>上年原文</th><th>今年原文</th></tr></thead><tbody>")
        for f in c.figures:
            change = "持平" if f.change == 0 else (f"+{_number(f.change)}" if f.change > 0 else _number(f.change))
            body.append(f'<tr class="figure"><td>{_e(f.indicator)}</td>'
                        f'<td class="num">{_e(_number(f.last_value) + f.unit)}</td>'
                        f'<td class="num">{_e(_number(f.this_value) + f.unit)}</td><td class="num">{_e(change)}</td>'
                        f"<td>{_e(f.last.quote)}</td><td>{_e(f.this.quote)}</td></tr>")
        body.append("</tbody></table>")
    else:
        body.append('<p class="empty">未发现。</p>')
    body.append("</section>")
    return body
