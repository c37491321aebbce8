"""Evaluation → text: ``table`` for a terminal, ``markdown`` for the README, ``json`` for tools."""

from __future__ import annotations

from collections.abc import Callable

from tabulate import tabulate

from .metrics import flag_mismatch
from .models import Evaluation

FIELD_LABELS = {"title": "title 标题", "organisation": "organisation 发文机关",
                "report_year": "report_year 报告年度", "kind": "kind 报告类型"}
DASH = "—"  # an undefined figure: precision with nothing flagged, recall with nothing to find


def pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.1%}"


def dec(value: float | None) -> str:
    return DASH if value is None else f"{value:.2f}"


def render(evaluation: Evaluation, fmt: str) -> str:
    try:
        return RENDERERS[fmt](evaluation)
    except KeyError:
        raise ValueError(f"unknown format '{fmt}'") from None


def render_json(evaluation: Evaluation) -> str:
    return evaluation.model_dump_json(indent=2) + "\n"


def render_table(evaluation: Evaluation) -> str:
    return _render(evaluation, markdown=False)


def render_markdown(evaluation: Evaluation) -> str:
    return _render(evaluation, markdown=True)


def _render(ev: Evaluation, *, markdown: bool) -> str:
    fmt = "github" if markdown else "simple"

    def heading(text: str) -> str:
        return f"### {text}" if markdown else text

    def table(rows: list[list[str]], headers: list[str]) -> str:
        if markdown:
            rows = [[c.replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]
        return tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True)

    g = ev.gate
    title = f"Evaluation 评测: {ev.labels} — {ev.cases} cases 例, pack {ev.pack}"
    out = [f"## {title}" if markdown else title, ""]
    out += [heading("Gate 门槛判定"), "",
            f"accuracy 准确率 {g.correct}/{g.total} ({pct(g.accuracy)}); "
            f"false pass 误放行 {g.false_pass} (labelled fail, tool passed); "
            f"false fail 误拦截 {g.false_fail} (labelled pass, tool failed)", ""]
    out += [heading("Metadata 元数据"), "",
            table([[FIELD_LABELS[f.field], f"{f.correct}/{f.total}", pct(f.accuracy)] for f in ev.metadata],
                  ["field 字段", "correct 正确", "accuracy 准确率"]), ""]
    out += [heading("Rules 规则 (flagged = fail or partial)"), ""]
    if ev.rules:
        out += [table([[r.code, r.title, str(r.support), str(r.tp), str(r.fp), str(r.fn), str(r.tn),
                        dec(r.precision), dec(r.recall), f"{r.exact}/{r.support}"] for r in ev.rules],
                      ["rule 规则", "requirement 要求", "support", "TP", "FP", "FN", "TN",
                       "precision 精确率", "recall 召回率", "exact 状态一致"]), ""]
    else:
        out += ["no rule is labelled 未标注规则", ""]
    out += [heading(f"Disagreements 不一致 ({len(ev.disagreements)})"), ""]
    if ev.disagreements:
        rows = [[d.case, d.check + ("" if d.check in ("gate", *FIELD_LABELS) or flag_mismatch(d) else " (exact)"),
                 d.expected, d.actual, d.location or "", d.message or ""] for d in ev.disagreements]
        out += [table(rows, ["case 案例", "check 检查", "expected 标注", "tool 工具", "where 位置",
                             "message 说明"]), ""]
    else:
        out += ["none 无", ""]
    if ev.misses:
        out += [heading("Below thresholds 未达标"), ""]
        out += [f"- {m.measure}: {m.value:.3f} < {m.minimum:g}" for m in ev.misses] + [""]
    return "\n".join(out)


RENDERERS: dict[str, Callable[[Evaluation], str]] = {
    "table": render_table, "markdown": render_markdown, "json": render_json}
