"""near: several term groups must co-occur within one sentence or paragraph."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from ..matching.terms import TermGroup
from ..models import Span, Status, missing_item
from .base import Check, CheckContext, EvidenceDraft, Outcome, Tiling
from .clauses import Mention


class NearParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    groups: list[TermGroup] = Field(min_length=2)
    within: Literal["sentence", "paragraph"] = "paragraph"
    min: int | None = Field(default=None, ge=1)  # groups needed in one unit for partial credit
    done_only: bool = True
    # A strength rule: when the first group never occurs, the element itself is missing and
    # another rule reports it, so this one is not applicable rather than a second failure.
    anchor_first: bool = False


class Near(Check):
    name = "near"
    Params = NearParams
    description = "若干要素须在同一句或同一段中同时出现"
    params: NearParams

    def __init__(self, *args):
        super().__init__(*args)
        self.groups = [self.group(g) for g in self.params.groups]

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        spans = ctx.scope_spans(self.rule.scope)
        labels = [g.label for g in self.groups]  # (missing items made only for those missing)
        if spans is None:
            return Outcome(status=Status.failed, credit=0, message="未找到适用范围",
                           missing=[missing_item(g.id, g.label) for g in self.groups])
        # Paragraphs and sentences that do not overlap (as the parser makes them) are told apart by
        # where each starts: no span per sentence, one bisection per mention (see ``Tiling``).
        tiling = ctx.tiling(p.within, spans)
        layout: _Layout
        if tiling is not None:
            # (mentions placed in the paragraphs: the sentences' union is theirs)
            found = [ctx.places(g, tiling.cover) for g in self.groups]
            layout = _Tiled(tiling, [[c[0] for c in f] for f in found])
        else:
            units = ctx.units(p.within, spans)
            found = [ctx.places(g, units) for g in self.groups]
            layout = _Units(units, [[c[0] for c in f] for f in found])
        # Every mention, judged (done this year or not) only when a unit needs it: judging each
        # mention of every term in the document cost more than the rest of the check. (Placed
        # only: judged by where they are, no Match made.)
        groups, mention_at, done = self.groups, ctx.mention_at, Mention.done

        def counts(i: int, c: tuple[int, int, bool]) -> bool:
            return not p.done_only or mention_at(c[0], c[1], groups[i]) is done

        held = layout.held  # the units where some group is mentioned, in order
        if p.anchor_first:
            # The units holding a counted anchor (each unit's anchors judged until one counts).
            anchors = found[0]
            kept = []
            for u in held:
                lo, hi = layout.where(u, 0)
                if lo < hi and any(counts(0, c) for c in anchors[lo:hi]):
                    kept.append(u)
            if not kept:
                return Outcome(status=Status.not_applicable, credit=1,
                               message=f"未提及“{labels[0]}”（由相关要素规则报告）")
            held = kept

        present_in: dict[int, list[tuple[int, tuple[int, int, bool]]]] = {}

        def present(u: int) -> list[tuple[int, tuple[int, int, bool]]]:
            """The groups with a counted mention in unit u, each with its first such mention."""
            if u not in present_in:
                out = []
                for i, places in enumerate(found):
                    lo, hi = layout.where(u, i)
                    c = next((c for c in places[lo:hi] if counts(i, c)), None)
                    if c is not None:
                        out.append((i, c))
                present_in[u] = out
            return present_in[u]

        # The first unit (in order) with the most groups: try k = all groups first, then fewer; a
        # unit where fewer than k groups occur at all cannot have k counted, so it is not judged.
        bounds = layout.bounds
        best_unit, best = None, []
        for k in range(len(self.groups), 0, -1):
            j = next((u for u in held if bounds[u] >= k and len(present(u)) == k), None)
            if j is not None:
                best_unit, best = layout.unit(j), present(j)
                break
        n = len(self.groups)
        chosen = [i for i, _m in best]
        missing = [missing_item(g.id, g.label) for i, g in enumerate(self.groups) if i not in chosen]
        evidence = [EvidenceDraft(item=labels[i], span=Span(start=c[0], end=c[1])) for i, c in best]
        unit_name = "同一句" if p.within == "sentence" else "同一段"
        need = p.min or n
        if len(best) == n:
            return Outcome(status=Status.passed, credit=1, evidence=evidence,
                           message=f"{unit_name}中包含：" + "、".join(labels), anchor=best_unit)
        names = "、".join(labels[i] for i in chosen) or "无"
        message = f"{unit_name}中最多包含：{names}；缺少：" + "、".join(m.label for m in missing)
        status = Status.partial if best and len(best) >= need else Status.failed
        credit = len(best) / n if status is Status.partial else 0.0
        return Outcome(status=status, credit=credit, message=message, evidence=evidence, missing=missing,
                       anchor=best_unit or spans[0])


class _Layout(Protocol):
    """Where each group's mentions lie among the units of a check (a unit is a key of ``bounds``)."""

    held: list[int]  # the units where some group is mentioned, in order

    @property
    def bounds(self) -> Mapping[int, int] | Sequence[int]:
        """How many groups are mentioned in each of those units (read only: a dict or a list)."""
        ...

    def where(self, u: int, i: int) -> tuple[int, int]:
        """The slice of group i's placed mentions that start in unit u."""
        ...

    def unit(self, u: int) -> Span: ...


class _Units:
    """Units as a list (they may overlap): a unit holds the mentions that start in [start, end)."""

    def __init__(self, units: list[Span], starts: list[list[int]]):
        self.units = units
        self.starts = starts
        self.bounds = _groups_in(starts, units)
        self.held = [j for j, b in enumerate(self.bounds) if b]

    def where(self, u: int, i: int) -> tuple[int, int]:
        unit, st = self.units[u], self.starts[i]
        return bisect.bisect_left(st, unit.start), bisect.bisect_left(st, unit.end)

    def unit(self, u: int) -> Span:
        return self.units[u]


class _Tiled:
    """Disjoint units (``Tiling``): each placed mention lies in exactly one, found by its start."""

    def __init__(self, tiling: Tiling, starts: list[list[int]]):
        self.tiling = tiling
        marks = tiling.marks
        # each group's mentions' units, in the mentions' order (so ascending)
        self.keys = keys = [list(map(bisect.bisect_right, repeat(marks), st)) for st in starts]
        # how many groups each unit holds (each group once per unit; a dict, not a Counter: its
        # constructor's Python-level checks cost more than the counting here)
        bounds: dict[int, int] = {}
        self.bounds = bounds
        get = bounds.get
        for unit in chain.from_iterable(map(dict.fromkeys, keys)):
            bounds[unit] = get(unit, 0) + 1
        self.held = sorted(bounds)

    def where(self, u: int, i: int) -> tuple[int, int]:
        keys = self.keys[i]
        return bisect.bisect_left(keys, u), bisect.bisect_right(keys, u)

    def unit(self, u: int) -> Span:
        return self.tiling.unit(u)


def _groups_in(starts: list[list[int]], units: list[Span]) -> list[int]:
    """For each unit, how many of the groups (their sorted mention starts) occur in it at all:
    bisections mapped over the units at C speed (a unit is [start, end); units may overlap)."""
    unit_starts = [u.start for u in units]
    unit_ends = [u.end for u in units]
    present = [list(map(operator.lt, map(bisect.bisect_left, repeat(st), unit_starts),
                        map(bisect.bisect_left, repeat(st), unit_ends))) for st in starts if st]
    return list(map(sum, zip(*present, strict=True))) if present else [0] * len(units)
