"""``--compare-years``: each report of a run paired with the same organisation's report of the
year before, and compared with it.

Pairing reads the audited metadata (organisation and report year). Organisation names compare
folded and without spaces, as ``evaluation.metrics.metadata_matches`` compares them (widths and
character variants do not matter). Nothing is guessed: two reports of one organisation and year,
a report with no report of the year before, or one whose organisation or year could not be read
is left uncompared, with one line saying why. The configuration's ``previous`` mapping pairs files
by path where the metadata cannot be read, and wins over the metadata.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..models.comparison import NotCompared


@dataclass(frozen=True)
class Entry:
    """One audited report: its path as shown in the run, the file, and its metadata."""

    shown: str
    file: Path
    organisation: str | None
    year: int | None
    mapped: Path | None = None  # last year's file, from the configuration's ``previous``


@dataclass(frozen=True)
class Pair:
    last: str  # path as shown (a file of the run, or the mapped file)
    last_file: Path
    this: Entry
    how: str  # "metadata" | "config"


def folded(name: str) -> str:
    from ..normalize import fold_phrase

    return "".join(fold_phrase(name).split())


def pair_reports(entries: list[Entry], shown_for=None) -> tuple[list[Pair], list[NotCompared]]:
    """The pairs (in the run's order of this year's reports) and the reports left uncompared."""
    shown_for = shown_for or str
    by_file = {e.file.resolve(): e for e in entries}
    pairs: list[Pair] = []
    notes: list[NotCompared] = []
    groups: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.mapped is None and e.organisation and e.year:
            groups[(folded(e.organisation), e.year)].append(e)
    used: set[str] = set()
    for e in entries:
        if e.mapped is not None:
            last = by_file.get(e.mapped.resolve())
            pairs.append(Pair(last.shown if last else shown_for(e.mapped), e.mapped, e, "config"))
            used.update({e.shown, *([last.shown] if last else [])})
            continue
        if not (e.organisation and e.year):
            continue
        key = (folded(e.organisation), e.year)
        if len(groups[key]) > 1:
            continue
        before = groups.get((key[0], e.year - 1), [])
        if len(before) == 1:
            pairs.append(Pair(before[0].shown, before[0].file, e, "metadata"))
            used.update({e.shown, before[0].shown})
    for e in entries:
        if e.shown in used:
            continue
        notes.append(NotCompared(path=e.shown, organisation=e.organisation, year=e.year, reason=_why(e, groups)))
    return pairs, notes


def _why(e: Entry, groups: dict[tuple[str, int], list[Entry]]) -> str:
    if not e.organisation or not e.year:
        missing = "、".join(x for x, v in (("发文机关", e.organisation), ("报告年度", e.year)) if not v)
        return f"未能识别{missing}，无法配对；可在配置文件的 previous 中指定上年度报告"
    key = (folded(e.organisation), e.year)
    same = groups[key]
    if len(same) > 1:
        others = "、".join(x.shown for x in same if x is not e)
        return f"{e.organisation}{e.year}年度另有报告（{others}），无法确定哪一份与上年度对比，未作对比"
    before = groups.get((key[0], e.year - 1), [])
    if len(before) > 1:
        names = "、".join(x.shown for x in before)
        return f"{e.organisation}{e.year - 1}年度有{len(before)}份报告（{names}），无法确定对比对象，未作对比"
    return f"本次审查中没有{e.organisation}{e.year - 1}年度或{e.year + 1}年度的报告，未作对比"
