"""Pairing two parsed reports: plan follow-through, repetition and figures.

Units come from the parser: ``Document.role_spans`` gives the plan, measures and shortcomings
parts; a part's items are its sub-sections (（一）…), else its paragraphs split at inline items
(一是…二是…). Sentences end at 。！？； and line breaks.

Similarity is ``rapidfuzz.fuzz.ratio`` on normalised text (see ``models.SimilarityMeasure``):
rapidfuzz is maintained, computes the exact normalised Indel similarity in C++, and has no
heuristics that change the score with length (difflib's SequenceMatcher drops "popular"
characters from texts over 200 characters, which CJK prose hits at once).

Plan follow-through needs more than similarity: an item counts as reported when one passage of
this year's measures holds most of its key terms (jieba words, weighted by rarity across both
reports) *and* at least one of those mentions is a done act in the clause model
(``checks.clauses.judge_clause``): 原计划建设的智慧执法平台…已列入2026年工作计划 mentions an item
without reporting it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from ..checks.clauses import MENTION_LABELS, BookTitles, Mention, judge_clause
from ..errors import InputError
from ..models import Document, Section, Span
from ..models.comparison import (
    CompareSummary,
    Comparison,
    Figure,
    Place,
    PlanItem,
    PlanStatus,
    Repetition,
    RepetitionKind,
    ReportRef,
    Side,
    SimilarityMeasure,
)

MEASURE = SimilarityMeasure()
COVERAGE = 0.6  # weighted share of an item's key terms one passage must hold
MIN_SENTENCE = 12  # Han characters: shorter sentences are too formulaic to call copied
MIN_PARAGRAPH = 30

_SENTENCE_END = re.compile(r"[。!?;！？；\n]")
_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|"
                     r"\d+[.、．]|第[一二三四五六七八九十]+[,，、]?)\s*[,，:：]?")
_KEEP = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Words that say how, not what: they never decide whether an item was reported.
_STOP_WORDS = """
推进 推动 加强 强化 深化 深入 进一步 全面 持续 不断 切实 认真 积极 稳步 扎实 着力 大力 做好 抓好 开展 建立 健全
完善 落实 提升 提高 实现 确保 加快 建设 建成 组织 实施 规范 创新 优化 工作 机制 制度化 水平 能力 体系 全县 全市
全省 全区 我局 本局 各级 相关 有关 年度 全年 年内 年底 年底前 上半年 下半年 以上 不少 不少于 力争 每年 每半年
配备 一次 各项 重点 主要 进行 依法 全局
"""
_STOP = frozenset(_STOP_WORDS.split())

FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万元|亿元|元|人次|批次|件|人|次|场|期|份|个|项|家|条|%|卷|篇|名|批|户|起)")
_FIGURE_LEAD = re.compile(r"^(?:全年|全局|今年|本年度?|年内|共计|共|累计|其中|同比|先后|依法|全县|全市|我局)+")
_INDICATOR_STOP = re.compile(r"[^\u4e00-\u9fff]")


def norm(text: str) -> str:
    """Text for similarity: markers dropped, then only Han characters, letters and digits."""
    return "".join(_KEEP.findall(_MARKER.sub("", text, count=1)))


def similarity(a: str, b: str) -> float:
    return float(fuzz.ratio(norm(a), norm(b)))


@dataclass
class Unit:
    """A passage of one report: [start, end) of its normalised text."""

    start: int
    end: int
    text: str
    key: str = ""  # what identifies it (an item's heading or first sentence)
    context: Span | None = None  # the heading of the section it sits under (measures)


# -- units ------------------------------------------------------------------------------------


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(doc: Document, spans: Iterable[Span]) -> list[Unit]:
    out: list[Unit] = []
    for span in spans:
        start = span.start
        for m in _SENTENCE_END.finditer(doc.text, span.start, span.end):
            out.extend(_unit(doc, start, m.end()))
            start = m.end()
        out.extend(_unit(doc, start, span.end))
    return out


def _unit(doc: Document, start: int, end: int) -> list[Unit]:
    start, end = _trim(doc, start, end)
    if end <= start or not _HAN.search(doc.text, start, end):
        return []
    return [Unit(start, end, doc.text[start:end])]


def _heading_ends(doc: Document) -> dict[int, int]:
    return {s.heading.start: s.heading.end for s in doc.all_sections()}


def items(doc: Document, role: str) -> list[Unit]:
    """The items of a part: sub-sections, else paragraphs split at inline items (一是…二是…)."""
    found: list[Unit] = []
    for section in doc.sections_with_role(role):
        if section.children:
            for child in section.children:
                s, e = _trim(doc, child.heading.start, child.span.end)
                found.append(Unit(s, e, doc.text[s:e], key=child.title))
        else:
            found.extend(_paragraph_items(doc, Span(start=section.heading.end, end=section.span.end)))
    for part in doc.parts:
        if part.role == role:
            found.extend(_paragraph_items(doc, part.span))
    return found


def _paragraph_items(doc: Document, span: Span) -> list[Unit]:
    out: list[Unit] = []
    starts = sorted(i.span.start for i in doc.items)
    for p in doc.paragraphs:
        if p.span.end <= span.start or p.span.start >= span.end:
            continue
        cuts = [p.span.start, *(s for s in starts if p.span.start < s < p.span.end), p.span.end]
        for a, b in itertools.pairwise(cuts):
            a, b = _trim(doc, a, b)
            if b > a and _HAN.search(doc.text, a, b):
                text = doc.text[a:b]
                first = _SENTENCE_END.split(text, maxsplit=1)[0]
                out.append(Unit(a, b, text, key=_MARKER.sub("", first, count=1).strip(" ，,：:")))
    return out


def measure_units(doc: Document) -> list[Unit]:
    """Sentences of this year's measures, each with the heading of the section it sits under."""
    spans = doc.role_spans("measures")
    if not spans and doc.body is not None:  # no measures part recognised: the body, less the
        skip = [*doc.role_spans("plan"), *doc.role_spans("shortcomings")]  # plan and shortcomings
        spans = _minus(doc.body, skip)
    heads = _heading_ends(doc)
    out = []
    for u in sentences(doc, spans):
        if u.start in heads:  # the heading line itself
            out.append(u)
            continue
        chain = doc.section_path(u.start)
        if chain:
            inner: Section = chain[-1]
            u.context = Span(start=inner.heading.start, end=inner.heading.end)
        out.append(u)
    return out


def _minus(span: Span, holes: list[Span]) -> list[Span]:
    out, start = [], span.start
    for h in sorted(holes, key=lambda s: s.start):
        if h.start > start:
            out.append(Span(start=start, end=min(h.start, span.end)))
        start = max(start, h.end)
    if start < span.end:
        out.append(Span(start=start, end=span.end))
    return out


# -- places -----------------------------------------------------------------------------------


def place(doc: Document, which: Side, start: int, end: int, limit: int = 120) -> Place:
    return Place(report=which, location=doc.locate(start, end), quote=doc.quote(start, end, limit=limit))


def report_ref(doc: Document, path: str) -> ReportRef:
    m = doc.metadata
    return ReportRef(path=path, title=m.title.value if m.title else None,
                     organisation=m.organisation.value if m.organisation else None,
                     year=m.report_year.value if m.report_year else None)


# -- plan follow-through ----------------------------------------------------------------------


def key_terms(text: str) -> list[str]:
    from ..matching.boundaries import shared_tokenizer

    words = shared_tokenizer(()).lcut(norm(text))
    terms = [w for w in dict.fromkeys(words)
             if len(w) >= 2 and _HAN.search(w) and w not in _STOP and not re.search(r"\d", w)]
    if not terms:  # nothing but stock words: the item's own Han bigrams
        han = "".join(_HAN.findall(text))
        terms = list(dict.fromkeys(han[i:i + 2] for i in range(len(han) - 1)))
    return terms


def _weights(terms: list[str], corpus: list[str]) -> dict[str, float]:
    """Inverse document frequency over the sentences of both reports: a term most sentences use
    (执法, 法治) says less than one few use (公职律师, 智慧)."""
    n = len(corpus)
    return {t: math.log((n + 1) / (sum(t in s for s in corpus) + 0.5)) for t in terms}


def follow_through(last: Document, this: Document, cues) -> list[PlanItem]:
    plan_items = items(last, "plan")
    units = measure_units(this)
    corpus = [u.text for u in sentences(last, [last.body] if last.body else [])] + [u.text for u in units]
    titles = BookTitles(this.text)
    out = []
    for item in plan_items:
        key = item.key or item.text
        terms = key_terms(key)
        weights = _weights(terms, corpus)
        total = sum(weights.values()) or 1.0
        scored = []
        for u in units:
            context = this.text[u.context.start:u.context.end] if u.context else ""
            hay = u.text + context
            hit = [t for t in terms if t in hay]
            share = sum(weights[t] for t in hit) / total
            if share >= COVERAGE and len(hit) >= min(2, len(terms)):
                scored.append((share, u, hit))
        scored.sort(key=lambda x: (-x[0], x[1].start))
        where = place(last, "last", item.start, item.end)
        status: PlanStatus
        status, evidence, mention, note, best = "not_found", None, None, None, 0.0
        for share, u, hit in scored:
            kinds = _judge(this, u, hit, titles, cues)
            best = max(best, share)
            if Mention.done in kinds:
                status, evidence, best = "reported", place(this, "this", u.start, u.end), share
                break
            if mention is None:
                mention = place(this, "this", u.start, u.end)
                undone = [k for k in (Mention.deferred, Mention.negated, Mention.cited) if k in kinds]
                note = MENTION_LABELS[undone[0]] if undone else None
        out.append(PlanItem(item=key, plan=where, terms=terms, status=status, coverage=round(min(best, 1.0), 3),
                            evidence=evidence, mention=mention if status == "not_found" else None,
                            note=note if status == "not_found" else None))
    return out


def _judge(doc: Document, unit: Unit, terms: list[str], titles: BookTitles, cues) -> list[Mention]:
    """How the key terms are mentioned in the passage; its section heading speaks only for terms
    the passage itself does not use (（二）全面推行…三项制度 above 实现全覆盖)."""
    kinds: list[Mention] = []
    spans = [(unit.start, unit.end)] + ([(unit.context.start, unit.context.end)] if unit.context else [])
    for t in terms:
        for s, e in spans:
            i = doc.text.find(t, s, e)
            if i == -1:
                continue
            while i != -1:
                kinds.append(judge_clause(doc.text, i, i + len(t), titles=titles,
                                          negation_cues=cues.negation_cues, plan_cues=cues.plan_cues))
                i = doc.text.find(t, i + len(t), e)
            break  # found in the passage: the heading is not asked
    return kinds


# -- repetition -------------------------------------------------------------------------------


def _han_len(text: str) -> int:
    return len(_HAN.findall(text))


def repeated_items(last: Document, this: Document, role: str, kind: RepetitionKind) -> list[Repetition]:
    """Items of this year's part that repeat one of last year's (as a whole, or one sentence)."""
    old = items(last, role)
    old_sentences = [s for s in sentences(last, [Span(start=u.start, end=u.end) for u in old])
                     if _han_len(s.text) >= MIN_SENTENCE]
    out = []
    for u in items(this, role):
        best: tuple[float, Unit, Unit] | None = None
        for o in old:
            score = similarity(u.text, o.text)
            if best is None or score > best[0]:
                best = (score, o, u)
        for s in sentences(this, [Span(start=u.start, end=u.end)]):
            if _han_len(s.text) < MIN_SENTENCE:
                continue
            for o in old_sentences:
                score = similarity(s.text, o.text)
                if best is None or score > best[0]:
                    best = (score, o, s)
        if best is not None and best[0] >= MEASURE.repeated_threshold:
            score, o, s = best
            out.append(Repetition(kind=kind, similarity=round(score, 1), last=place(last, "last", o.start, o.end),
                                  this=place(this, "this", s.start, s.end)))
    return out


def reused_paragraphs(last: Document, this: Document, covered: list[Repetition]) -> list[Repetition]:
    """Whole paragraphs of this year's report that repeat one of last year's."""
    from rapidfuzz import process

    old = [p for p in last.paragraphs if _han_len(p.text) >= MIN_PARAGRAPH]
    choices = [norm(p.text) for p in old]
    lines = {c.this.location.line for c in covered if c.this.location}
    out = []
    for p in this.paragraphs:
        if _han_len(p.text) < MIN_PARAGRAPH or not choices:
            continue
        where = this.locate(p.span.start, p.span.end)
        if any(where.line <= line <= where.end_line for line in lines):
            continue  # already reported as a repeated shortcoming or plan item
        hit = process.extractOne(norm(p.text), choices, scorer=fuzz.ratio,
                                 score_cutoff=MEASURE.paragraph_threshold)
        if hit is not None:
            o = old[hit[2]]
            out.append(Repetition(kind="paragraph", similarity=round(float(hit[1]), 1),
                                  last=place(last, "last", o.span.start, o.span.end),
                                  this=Place(report="this", location=where,
                                             quote=this.quote(p.span.start, p.span.end, limit=120))))
    return out


# -- figures ----------------------------------------------------------------------------------


@dataclass
class _Figure:
    indicator: str
    unit: str
    value: float
    start: int
    end: int


def figures_of(doc: Document) -> list[_Figure]:
    """Indicator + number + unit in a clause, outside the plan part (targets are not results)."""
    if doc.body is None:
        return []
    spans = _minus(doc.body, doc.role_spans("plan"))
    out: list[_Figure] = []
    for span in spans:
        for m in FIGURE.finditer(doc.text, span.start, span.end):
            clause = max(doc.text.rfind(c, span.start, m.start()) for c in "。;!?,:、\n（(")
            lead = doc.text[clause + 1:m.start()]
            han = _INDICATOR_STOP.split(lead)[-1]  # the Han run right before the number
            han = _FIGURE_LEAD.sub("", han)[-16:]
            if len(han) < 3 or (m.start() > 0 and doc.text[m.start() - 1] in ".0123456789"):
                continue
            out.append(_Figure(han, m.group(2), float(m.group(1)), m.start() - len(han), m.end()))
    return out


def paired_figures(last: Document, this: Document) -> list[Figure]:
    old: dict[tuple[str, str], _Figure] = {}
    for f in figures_of(last):
        old.setdefault((f.indicator, f.unit), f)
    out, seen = [], set()
    for f in figures_of(this):
        key = (f.indicator, f.unit)
        o = old.get(key)
        if o is None:
            o = next((v for (ind, unit), v in old.items() if unit == f.unit and fuzz.ratio(ind, f.indicator) >= 90),
                     None)
        if o is None or key in seen:
            continue
        seen.add(key)
        out.append(Figure(indicator=f.indicator, unit=f.unit, last_value=o.value, this_value=f.value,
                          change=round(f.value - o.value, 4), last=place(last, "last", o.start, o.end),
                          this=place(this, "this", f.start, f.end)))
    return out


# -- entry points -----------------------------------------------------------------------------


def compare_documents(last: Document, this: Document, cues, last_path: str | None = None,
                      this_path: str | None = None) -> Comparison:
    plan = follow_through(last, this, cues)
    repeated = repeated_items(last, this, "shortcomings", "shortcoming") + repeated_items(last, this, "plan", "plan")
    repeated += reused_paragraphs(last, this, repeated)
    figures = paired_figures(last, this)
    return Comparison(
        last=report_ref(last, last_path or last.path), this=report_ref(this, this_path or this.path),
        plan=plan, repeated=repeated, figures=figures,
        summary=CompareSummary(plan_items=len(plan), reported=sum(p.status == "reported" for p in plan),
                               not_found=sum(p.status == "not_found" for p in plan), repeated=len(repeated),
                               figures=len(figures)))


def load_report(auditor, path: str | Path) -> Document:
    """Read and parse one report; one clear line (InputError) when it is missing or not a report."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=p)
    if p.is_dir():
        raise InputError("is a folder, not a report file", path=p)
    doc = auditor.parse(auditor.read(p))
    if not doc.text.strip() or not (doc.paragraphs or doc.sections):
        raise InputError("contains no report text", path=p)
    # A headed measures part, or a shortcomings or plan part (headed or opened by its lead phrase):
    # every paragraph of a text with no headings would otherwise pass for measures.
    if not (doc.sections_with_role("measures") or doc.role_spans("shortcomings") or doc.role_spans("plan")):
        raise InputError("does not look like an annual report on rule-of-law government building "
                         "(no measures, shortcomings or next-year plan part found)", path=p)
    return doc


def compare_paths(last: str | Path, this: str | Path, auditor=None) -> Comparison:
    """Compare two report files with the default pack's vocabulary and clause cues."""
    if auditor is None:
        from ..api import Auditor

        auditor = Auditor()
    old, new = load_report(auditor, last), load_report(auditor, this)
    return compare_documents(old, new, auditor.pack.settings, str(last), str(this))
