"""The Chinese words a reviewer sees for the tool's internal values: rule groups, report kinds,
verdicts, and a finding's problem without its rule's title in front. The words are the lexicon's
(rules/lexicon.yaml), so that every format and ``audit rule CODE`` say the same thing."""

from __future__ import annotations

from ..lazy_regex import LazyPattern
from ..models.lexicon import lexicon

_LABELS = lexicon().labels  # (the words themselves are in rules/lexicon.yaml)
#: A rule's group is the letters of its code (``GF001`` → ``GF``). A pack that brings a new group
#: adds its name to the lexicon (tests/test_spreadsheets.py checks every shipped pack).
GROUP_LABELS = _LABELS.groups
#: Report kinds (``models.document.ReportKind``), short enough for a spreadsheet column.
KIND_LABELS = lexicon().kind_labels("short")
#: Report kinds as a report's 类型 (the table, Markdown and HTML formats).
KIND_SHOWN = lexicon().kind_labels("shown")
VERDICT_LABELS = _LABELS.verdict
NOT_A_REPORT = _LABELS.not_a_report  # the verdict shown for a file that is not a 法治政府建设年度报告
REPETITION_LABELS = _LABELS.repetition  # what ``audit compare`` found repeated from last year

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
