"""The Chinese words a reviewer sees for the tool's internal values: rule groups, report kinds,
verdicts, and a finding's problem without its rule's title in front. One place, so that the
spreadsheet formats and ``audit rule CODE`` say the same thing."""

from __future__ import annotations

from ..lazy_regex import LazyPattern

#: A rule's group is the letters of its code (``GF001`` → ``GF``). A pack that brings a new group
#: adds its name here (tests/test_spreadsheets.py checks every shipped pack).
GROUP_LABELS = {
    "FZ": "法定内容", "XF": "学习习近平法治思想", "GF": "规范性文件", "TI": "标题", "SG": "落款",
    "TM": "时间节点", "PN": "标点符号", "TR": "规范提法", "NU": "数字用法", "QL": "内容质量",
    "ZF": "政府报告要素", "BM": "部门报告要素", "XZ": "乡镇（街道）报告要素", "LH": "联合报告要素",
    "TP": "纲要任务领域", "CN": "名称和提法核对", "WZ": "用字",
}
#: Report kinds (``models.document.ReportKind``), short enough for a spreadsheet column.
KIND_LABELS = {"government": "政府", "department": "部门", "town": "乡镇", "joint": "联合", "unknown": "不明"}
VERDICT_LABELS = {"pass": "通过", "fail": "不通过", "unevaluated": "未评估"}
NOT_A_REPORT = "非年度报告"  # the verdict shown for a file that is not a 法治政府建设年度报告

_GROUP = LazyPattern(r"[A-Z]+")
# The part of a title that every FZ rule repeats: "上一年度推进法治政府建设的主要举措…" says
# no more in a column header than "上一年度主要举措…".
_BOILERPLATE = LazyPattern(r"推进法治(?:政府)?建设的?|（[^）]*）")
_FOLD_GAP = LazyPattern(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_TRAILING = "，、；：,;:“‘（《 "


def group_label(group: str) -> str:
    """``GF`` → ``规范性文件``; a group no shipped pack uses is shown as it is."""
    return GROUP_LABELS.get(group, group)


def group_of(code: str) -> str:
    m = _GROUP.match(code)
    return m.group(0) if m else code


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "unknown", kind or "不明")


def short_title(title: str, limit: int = 16) -> str:
    """A rule title short enough for a column header: the repeated 推进法治政府建设 and any
    parenthesis dropped, then cut at ``limit`` characters with an ellipsis."""
    short = _BOILERPLATE.sub("", title).strip() or title
    return short if len(short) <= limit else short[: limit - 1].rstrip(_TRAILING) + "…"


def prose(text: str) -> str:
    """Text from a YAML folded block as one paragraph: the line breaks a folded block turns into
    spaces are dropped between Chinese characters, where they would show as stray gaps."""
    return _FOLD_GAP.sub("", text.strip())


def problem_text(message: str, title: str | None) -> str:
    """A finding's message as a reviewer writes it beside the rule's code and title: without
    the title repeated in front (the engine writes ``title：problem``)."""
    if title and message.startswith(title + "："):
        return message[len(title) + 1:]
    return message
