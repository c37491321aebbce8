"""The clause model: is a mention of a term a thing this body *did* this year?

A mention sits in a clause (the text between two clause breaks; 、 and 和 join a coordinated list
inside one clause). The clause decides what the mention means:

- ``cited``: the term only occurs inside the name of a cited document (学习《…第一责任人职责规定》),
  unless the clause acts on that document (制定/修订/印发《…办法》);
- ``negated``: a negator governs the term, before it (尚未全面开展规范性文件清理, 未能及时报备) or after
  a coordinated list (合法性审核、备案工作尚未开展 negates both); a negated *finding* (未发现问题) is not a
  negated act;
- ``deferred``: planned or postponed (计划于明年启动…, 拟于…, 待…后再开展, 列入明年计划, the pack's
  plan cues);
- ``done``: none of these.

The lexicon below is grammar, not policy: packs add their own negation and plan cues in
``settings``. Everything is bounded by the clause, so judging a mention is O(clause length).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from ..lazy_regex import LazyPattern
from ..matching.anchors import anchors, required_starts
from ..parse.meta_title import cited_spans

CLAUSE_BREAKS = "。;!?,:\n"
CLAUSE_WINDOW = 120  # a clause longer than this is cut: keeps judging linear on huge inputs

# A plan cue as a pack's settings hold it: compiled, or compiled on first use.
PlanCue = re.Pattern[str] | LazyPattern

# Negators that govern what follows them. 未经 is left out on purpose: “未经合法性审核的不得印发”
# states a rule that is in force, not an act left undone.
_NEGATOR = LazyPattern(r"尚未|仍未|暂未|从未|并未|还未|未能|未曾|没能|还没有|尚没有|仍没有|没有|缺乏|"
                      r"未(?!经|来|成年|知)")
# What may stand between a negator and the act it governs (adverbs, a preposition and its object).
_GAP = 8
# Acts: a negator followed (within the gap) by one of these leaves the act undone.
# LazyPattern: patterns of rarer paths (a negator found, a mention inside a cited title) are compiled
# only when a report takes them: compiling them all cost a cold start ~4 ms.
_ACTS = LazyPattern(
    r"开展|建立|落实|进行|实施|完成|制定|启动|出台|到位|健全|执行|履行|组织|召开|审核|审查|报备|备案|"
    r"清理|评估|纳入|覆盖|形成|推行|推进|设立|配备|公开|公布|印发|修订|聘请|参加|学习|贯彻|研究|部署"
)
# Findings: “未发现问题”“没有出现反弹” report a result of work that was done, not work left undone.
_FINDINGS = LazyPattern(r"发现|出现|发生|收到|接到|造成|引发|存在|涉及|违反|超过|超出|达到|满足")
# A negation inside a relative clause that a handling verb governs: 对未及时报备的文件督促补报.
_HANDLING = LazyPattern(r"对|针对|督促|责令|纠正|清理|发现|查处|通报|整改")
_RELATIVE = LazyPattern(r"^[^,。;:]{0,8}?的")
_TURN = LazyPattern(r"但|然而|不过|却|只是|仅|同时|并且|并")
# After the term: 还不到位 / 尚不健全 describe the element as a shortcoming.
_SHORTFALL_AFTER = LazyPattern(r"^[^。;!?]{0,12}?(?:还|仍|尚)?(?:不到位|不健全|不完善|未到位|未健全)")
# Deferral around the term, beyond the pack's plan cues.
_DEFER_BEFORE = LazyPattern(
    r"原定|原计划|原拟|计划于|拟于|预计于|准备于|将于|待[^,。;:]{1,20}?(?:后|之后|以后|时)|留待|暂缓|推迟|延后|择机|适时"
)
_DEFER_AFTER = LazyPattern(
    r"^[^。;!?]{0,20}?(?:将于|拟于|计划于|预计于|准备于|待[^,。;:]{1,20}?(?:后|之后|以后)再?|留待|暂缓|推迟|"
    r"列入(?:明年|下一年度?|下年度?|下一步|今后|\d{4}年度?)(?:的)?(?:工作)?(?:计划|安排|要点|重点))"
)


def _char_class(chars: Iterable[str]) -> LazyPattern:
    """A class of ``chars``, searched for at C speed (see ``_SHORTFALL_STARTS``)."""
    return LazyPattern("[" + re.escape("".join(sorted(chars))) + "]")


# The characters the literals start with one of which every match of these patterns holds
# (``required_starts``; tests/test_check_shortcuts.py works them out again): a clause holding
# none of them is not searched. Led by an anchor or a look-behind, these patterns are tried at
# every character of a clause (~1,000 instructions each); a class of characters is searched for
# at C speed. (``frozenset.isdisjoint`` makes a string of each character: it cost more.)
_SHORTFALL_STARTS = frozenset("不未")
_DEFER_AFTER_STARTS = frozenset("将拟计预准待留暂推列")
_MAY_FALL_SHORT = _char_class(_SHORTFALL_STARTS)
_MAY_DEFER_AFTER = _char_class(_DEFER_AFTER_STARTS)
# A clause acts on a cited document when its verb authors or handles the document itself.
_AUTHORING = LazyPattern(r"制定|修订|修改|印发|出台|起草|发布|颁布|公布|编制|废止|清理|下发|审核|审查|审议|备案|"
                          r"报备|报送|建立|健全|完善|评估|合法性")
_STUDY_OR_CITE = LazyPattern(r"学习|研读|宣传|宣讲|解读|培训|传达|贯彻|落实|执行|遵守|依据|按照|根据|对照|依照|"
                              r"遵循|围绕|对标|参照|结合|通过|组织|开展|读")


_OTHER_TITLES = LazyPattern(r"《[^《》]*》")


class Mention(str, Enum):
    done = "done"
    cited = "cited"
    negated = "negated"
    deferred = "deferred"
    in_plan = "in_plan"  # inside the next-year plan part
    in_shortcomings = "in_shortcomings"  # inside the shortcomings part


MENTION_LABELS = {
    Mention.cited: "仅见于所引文件或学习材料的名称",
    Mention.negated: "仅见于否定表述（如“尚未开展”）",
    Mention.deferred: "仅见于计划或推迟的表述（如“计划于明年启动”）",
    Mention.in_plan: "仅见于下一年度安排",
    Mention.in_shortcomings: "仅见于存在的不足",
}


class BookTitles:
    """The 《…》 spans of a text (``parse.meta_title.cited_spans``), answering "which one
    encloses [start, end)?".

    A cited name never spans a line break (``cited_spans`` starts afresh at each), so the name
    enclosing a mention is among the names of the mention's own line: only the lines of judged
    mentions are read, and only those holding a 《 are scanned (listing every name of the text
    visited each of its characters, for a few dozen mentions)."""

    def __init__(self, text: str):
        self.text = text
        self._lines: dict[int, tuple[list[int], list[int]]] = {}  # by line start: names' starts, ends

    def enclosing(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.text
        line = text.rfind("\n", 0, start) + 1
        names = self._lines.get(line)
        if names is None:
            stop = text.find("\n", line)
            stop = len(text) if stop == -1 else stop
            spans = cited_spans(text[line:stop]) if text.find("《", line, stop) != -1 else []
            names = self._lines[line] = ([line + s for s, _e in spans], [line + e for _s, e in spans])
        starts, ends = names
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start > starts[i] and end < ends[i]:
            return starts[i], ends[i]
        return None


_CLAUSE_BREAK = LazyPattern("[" + re.escape(CLAUSE_BREAKS) + "]")
# Greedy to the end of its range, then back to the last break: where the clause before starts.
_LAST_BREAK = LazyPattern(".*[" + re.escape(CLAUSE_BREAKS) + "]", re.DOTALL)


class ClauseBreaks:
    """``clause_bounds`` by two regular-expression calls within the window around a mention (instead
    of eight ``rfind`` and eight ``find``). Finding every break of the text once cost more: a report
    judges a few dozen mentions, and the scan visited all of its characters."""

    def __init__(self, text: str):
        self.text = text
        self._size = len(text)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """As ``clause_bounds(text, start, end)``."""
        text = self.text
        # (the window clamped by comparisons: max() and min() are two calls per judged mention)
        lo = start - CLAUSE_WINDOW if start > CLAUSE_WINDOW else 0
        hi = end + CLAUSE_WINDOW
        if hi > self._size:
            hi = self._size
        before = _LAST_BREAK.match(text, lo, start)  # ends just after the last break before start
        after = _CLAUSE_BREAK.search(text, end, hi)
        return (before.end() if before else lo), (after.start() if after else hi)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = max(0, start - CLAUSE_WINDOW), min(len(text), end + CLAUSE_WINDOW)
    c_start = max(lo - 1, *(text.rfind(c, lo, start) for c in CLAUSE_BREAKS)) + 1
    ends = [i for c in CLAUSE_BREAKS if (i := text.find(c, end, hi)) != -1]
    return c_start, (min(ends) if ends else hi)


def judge_clause(text: str, start: int, end: int, *, titles: BookTitles, negation_cues: Iterable[str],
                 plan_cues: Iterable[PlanCue], titles_count: bool = False,
                 breaks: ClauseBreaks | None = None) -> Mention:
    """What the mention [start, end) says about the act, judged within its clause (``breaks``:
    the text's clause breaks when the caller keeps them, for speed only)."""
    c_start, c_end = breaks.bounds(start, end) if breaks is not None else clause_bounds(text, start, end)
    title = titles.enclosing(start, end)
    if title is not None and not titles_count and not _acts_on_document(text, c_start, title, c_end):
        return Mention.cited
    # Around a cited title, the clause is the one the title sits in, not the words inside it.
    before = text[c_start : title[0] if title else start]
    after = text[title[1] if title else end : c_end]
    gates = _clause_gates(negation_cues, plan_cues)
    if gates is not None and not gates[0].search(before) and not gates[1].search(after):
        return Mention.done  # (most clauses: no negator, cue or deferral can start on either side)
    if _negated_before(before, negation_cues, after) or _negated_after(after):
        return Mention.negated
    gate = _plan_gate(plan_cues)
    if gate is None or gate.search(before):  # (most clauses hold no character a cue needs)
        for cue in plan_cues:  # (a loop, not any() over a generator: this runs for every judged mention)
            if cue.search(before):
                return Mention.deferred
    if _DEFER_BEFORE.search(before) or (_MAY_DEFER_AFTER.search(after) and _DEFER_AFTER.search(after)):
        return Mention.deferred
    return Mention.done


def _plan_starts(cues: Iterable[PlanCue]) -> frozenset[str] | None:
    """The characters that a literal every match of some plan cue holds starts with; ``None``
    when a cue needs no literal (or there is none)."""
    each: list[frozenset[str]] = []
    for cue in cues:
        starts = required_starts(cue.compiled if isinstance(cue, LazyPattern) else cue)
        if starts is None:
            return None
        each.append(starts)
    return frozenset().union(*each) if each else None


# Per cue set, by the cues' identity (a pack's settings keep theirs: hashing the patterns cost more
# than a search), each entry holding its cues so that the ids cannot be reused meanwhile.
_by_cues: dict[tuple[str, int, int], tuple[object, object, Any]] = {}


def _per_cues(kind: str, negation_cues: Any, plan_cues: Any, make: Callable[[Any, Any], Any]) -> Any:
    """``make(negation_cues, plan_cues)``, made once per cue set (see ``_by_cues``)."""
    key = (kind, id(negation_cues), id(plan_cues))
    entry = _by_cues.get(key)
    if entry is None or entry[0] is not negation_cues or entry[1] is not plan_cues:
        if len(_by_cues) >= 64:  # (packs come and go in a long-lived process)
            _by_cues.clear()
        entry = _by_cues[key] = (negation_cues, plan_cues, make(negation_cues, plan_cues))
    return entry[2]


def _plan_gate(cues: Iterable[PlanCue]) -> LazyPattern | None:
    """A class of ``_plan_starts``: a text holding none of them matches no cue. ``None`` when a
    cue needs no literal."""
    return _per_cues("plan", None, cues, _make_plan_gate)


def _make_plan_gate(_negation_cues: None, cues: Iterable[PlanCue]) -> LazyPattern | None:
    starts = _plan_starts(cues)
    return _char_class(starts) if starts is not None else None


def _clause_gates(negation_cues: Iterable[str], plan_cues: Iterable[PlanCue]
                  ) -> tuple[LazyPattern, LazyPattern] | None:
    """Two classes, searched for at C speed, for the words before and after a mention: the
    characters every match there of a negator or negation cue, plan cue or deferral starts with
    (``_negation_starts``, ``_plan_starts``, ``_DEFER_BEFORE``'s; after: ``_SHORTFALL_STARTS``,
    ``_NEGATOR``'s, ``_DEFER_AFTER_STARTS``). A clause holding none on either side is done: one
    search a side instead of each test's own. ``None`` when a start cannot be proved."""
    return _per_cues("clause", negation_cues, plan_cues, _make_clause_gates)


def _make_clause_gates(negation_cues: Iterable[str], plan_cues: Iterable[PlanCue]
                       ) -> tuple[LazyPattern, LazyPattern] | None:
    negation = _negation_starts(negation_cues if type(negation_cues) is tuple else tuple(negation_cues))
    plan = _plan_starts(plan_cues)
    defer = required_starts(_DEFER_BEFORE.compiled)
    negators = anchors(_NEGATOR.compiled)
    if negation is None or plan is None or defer is None or not negators:
        return None
    return (_char_class(negation | defer | plan),
            _char_class(_SHORTFALL_STARTS | _DEFER_AFTER_STARTS | {w[0] for w in negators}))


def _negated_before(before: str, cues: Iterable[str], after: str = "") -> bool:
    """A negator before the mention governs it when the mention follows within a short gap of
    adverbs (尚未全面开展…, 未能及时报备) or an act does; the pack's cues count as negators too."""
    cues = cues if type(cues) is tuple else tuple(cues)
    gate = _negation_gate(cues)
    if gate is not None and not gate.search(before):  # most clauses: no negator can start in them
        return False
    found = [(m.start(), m.end()) for m in _NEGATOR.finditer(before)]
    for cue in cues:
        i = before.find(cue)
        while i != -1:
            found.append((i, i + len(cue)))
            i = before.find(cue, i + 1)
    for s, e in found:
        rest = before[e:]
        if _FINDINGS.match(rest):
            continue  # 未发现/没有出现: a result, not an act left undone
        if _HANDLING.search(before, 0, s) and _RELATIVE.match(after):
            continue  # 对未按时报备的文件责令改正: the negation describes what was handled
        if len(rest) <= _GAP or _ACTS.search(rest[: _GAP + 2]):
            return True
    return False


_gates: dict[tuple[str, ...], LazyPattern | None] = {}


def _negation_gate(cues: tuple[str, ...]) -> LazyPattern | None:
    """``_negation_starts`` as a class searched for at C speed (per cue set, made once; see
    ``_SHORTFALL_STARTS``)."""
    if cues not in _gates:
        starts = _negation_starts(cues)
        _gates[cues] = _char_class(starts) if starts else None
    return _gates[cues]


_starts: dict[tuple[str, ...], frozenset[str] | None] = {}


def _negation_starts(cues: tuple[str, ...]) -> frozenset[str] | None:
    """The characters a match of ``_NEGATOR`` or an occurrence of a cue starts with (per cue set,
    worked out once): a text holding none of them holds neither. ``None`` when that cannot be
    proved (an empty cue occurs everywhere)."""
    if cues not in _starts:
        negators = anchors(_NEGATOR)
        _starts[cues] = frozenset(w[0] for w in (*negators, *cues)) if negators and all(cues) else None
    return _starts[cues]


def _negated_after(after: str) -> bool:
    if _MAY_FALL_SHORT.search(after) and _SHORTFALL_AFTER.search(after):
        return True
    m = _NEGATOR.search(after, 0, 24)
    if m is None:
        return False
    between, rest = after[: m.start()], after[m.end() :]
    if _TURN.search(between):  # 完成清理，但尚未公布结果: the negation belongs to a new predicate
        return False
    return not _FINDINGS.match(rest) and bool(_ACTS.search(rest[: _GAP]))


def _acts_on_document(text: str, c_start: int, title: tuple[int, int], c_end: int) -> bool:
    """True when the clause authors or handles the cited document (印发《…》, 《…》经审核后印发)."""
    before = _OTHER_TITLES.sub("", text[c_start : title[0]])  # words inside other cited names say nothing
    last_author = max((m.end() for m in _AUTHORING.finditer(before)), default=-1)
    last_other = max((m.end() for m in _STUDY_OR_CITE.finditer(before)), default=-1)
    if last_author > last_other:
        return True
    if last_other >= 0:
        return False
    return bool(_AUTHORING.search(text, title[1], min(c_end, title[1] + 16)))


# A statement denied in its clause: 暂未发现突出问题 states no problem at all.
_DENIAL = LazyPattern(r"未发现|没有发现|未出现|没有出现|不存在|没有|暂无|并无|未有|无(?!论|法|序|力|效|不)")


def statement_denied(text: str, start: int, end: int, breaks: ClauseBreaks | None = None) -> bool:
    """True when the clause denies the statement at [start, end) (暂未发现突出问题, 不存在…问题)."""
    c_start, _ = breaks.bounds(start, end) if breaks is not None else clause_bounds(text, start, end)
    return bool(_DENIAL.search(text, max(c_start, start - 12), start))
