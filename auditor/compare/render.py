"""The comparison as text for a terminal (Chinese; no line wider than ``width`` display columns,
CJK characters counting two) and as JSON."""

from __future__ import annotations

from ..models.comparison import Comparison, Place
from ..report import terminal
from ..report.labels import REPETITION_LABELS

KINDS = REPETITION_LABELS


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``terminal.wrap`` with a hanging indent: ``first`` prefixes the first line, ``rest`` the others."""
    lines = terminal.wrap(text, width - terminal.width(first))
    if len(lines) <= 1:
        return [first + line for line in lines]
    more = terminal.wrap(text[len(lines[0]):].lstrip(), width - terminal.width(rest))
    return [first + lines[0]] + [rest + line for line in more]


def _where(p: Place) -> str:
    if p.location is None:
        return ""
    section = p.location.section()
    return f"{p.location.short()} {section}".strip()


def _number(value: float) -> str:
    return f"{value:g}"


def render_table(c: Comparison, width: int | None = None) -> str:
    width = width or terminal.terminal_width()
    out: list[str] = []

    def add(text: str, indent: int = 0, hang: int = 2) -> None:
        out.extend(wrap(text, width, " " * indent, " " * (indent + hang)))

    def year(ref) -> str:
        return f"{ref.year}年度" if ref.year else "年度不详"

    add(f"年度报告对比：{c.last.path}（{year(c.last)}）→ {c.this.path}（{year(c.this)}）")
    if c.this.organisation:
        add(f"发文机关：{c.this.organisation}")
    s = c.summary
    out.append("")
    add(f"一、上年度工作安排的落实情况：共{s.plan_items}项，已报告{s.reported}项，未见报告{s.not_found}项")
    if not c.plan:
        add("上年度报告中未找到下一年度工作安排。", 2)
    for i, item in enumerate(c.plan, 1):
        mark = "✓ 已报告" if item.status == "reported" else "✗ 未见报告"
        add(f"{i}. {item.item}  {mark}", 2, 3)
        add(f"上年安排（{_where(item.plan)}）：{item.plan.quote}", 5, 2)
        if item.evidence is not None:
            add(f"今年举措（{_where(item.evidence)}）：{item.evidence.quote}", 5, 2)
        elif item.mention is not None:
            add(f"今年提及（{_where(item.mention)}）：{item.mention.quote}", 5, 2)
            if item.note:
                add(f"不算已落实：{item.note}", 5, 2)
        else:
            add("今年的主要举措和成效中没有相关内容。", 5, 2)
    out.append("")
    add(f"二、与上年报告重复的内容：{s.repeated}处")
    if not c.repeated:
        add("未发现。", 2)
    for i, r in enumerate(c.repeated, 1):
        add(f"{i}. {KINDS[r.kind]}（相似度{r.similarity:g}%）", 2, 3)
        add(f"上年（{_where(r.last)}）：{r.last.quote}", 5, 2)
        add(f"今年（{_where(r.this)}）：{r.this.quote}", 5, 2)
    out.append("")
    add(f"三、两年都报告的数据：{s.figures}项")
    if not c.figures:
        add("未发现。", 2)
    for i, f in enumerate(c.figures, 1):
        change = "持平" if f.change == 0 else (f"增加{_number(f.change)}{f.unit}" if f.change > 0
                                               else f"减少{_number(-f.change)}{f.unit}")
        add(f"{i}. {f.indicator}：上年{_number(f.last_value)}{f.unit} → 今年{_number(f.this_value)}{f.unit}"
            f"（{change}）", 2, 3)
        add(f"上年（{_where(f.last)}）：{f.last.quote}", 5, 2)
        add(f"今年（{_where(f.this)}）：{f.this.quote}", 5, 2)
    return "\n".join(out) + "\n"


def render_json(c: Comparison) -> str:
    return c.model_dump_json(indent=2) + "\n"
