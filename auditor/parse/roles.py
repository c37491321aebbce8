"""Section roles from the vocabulary: by heading, inherited by sub-sections, by position, and
unheaded parts opened by a lead phrase (下一步，我局将…)."""

from __future__ import annotations

import bisect

from ..models import Document, Part, Section, Span
from .vocabulary import Vocabulary


def assign_roles(roots: list[Section], vocab: Vocabulary) -> None:
    def own(section: Section, parent_roles: list[str]) -> None:
        section.own_roles = [
            role for role in vocab.heading_roles(section.title)
            if _may_head(vocab, role, section.level, parent_roles)
        ]
        for child in section.children:
            own(child, [*parent_roles, *section.own_roles])

    def inherit(section: Section, parent_roles: list[str]) -> None:
        section.roles = list(dict.fromkeys([*parent_roles, *section.own_roles]))
        for child in section.children:
            inherit(child, section.roles)

    for root in roots:
        own(root, [])
        inherit(root, [])

    everything = [s for root in roots for s in root.walk()]
    for role, spec in vocab.roles.items():
        if not spec.default_before or any(role in s.own_roles for s in everything):
            continue
        # Topic-heading reports: top-level sections before the first shortcomings/plan/… section.
        stop, skip = set(spec.default_before), set(spec.default_skip)
        for root in roots:
            if stop & set(root.roles):
                break
            if skip & set(root.own_roles):
                continue
            for s in root.walk():
                if role not in s.roles:
                    s.roles.append(role)


def _may_head(vocab: Vocabulary, role: str, level: int, parent_roles: list[str]) -> bool:
    """A statutory part is headed at the top tiers, not inside a section of another kind
    (“3.补齐执法短板” under the measures is a measure, not the shortcomings part)."""
    spec = vocab.roles[role]
    if spec.max_level is not None and level > spec.max_level:
        return False
    return not (set(spec.not_under) & set(parent_roles))


def find_parts(doc: Document, vocab: Vocabulary) -> list[Part]:
    """Unheaded parts: a paragraph that opens with a role's lead phrase starts a part that runs
    to the next heading (or the next such part). Roles that already have a heading get none:
    their part is the headed one, and a lead inside another section is just a sentence there."""
    headed = {r for s in doc.all_sections() for r in s.roles}
    heading_starts = sorted(s.span.start for s in doc.all_sections())
    body_end = doc.body.end if doc.body else len(doc.text)
    opened: list[tuple[int, str, Span]] = []
    for p in doc.paragraphs:
        for role, spec in vocab.roles.items():
            if role in headed or not spec.leads:
                continue
            m = spec.lead(doc.text, p.span.start, p.span.end)
            if m:
                opened.append((p.span.start, role, Span(start=m.start(), end=m.end())))
                break
    parts: list[Part] = []
    for i, (start, role, lead) in enumerate(opened):
        nxt = bisect.bisect_right(heading_starts, start)  # the next heading after the lead
        end = heading_starts[nxt] if nxt < len(heading_starts) else body_end
        if i + 1 < len(opened):
            end = min(end, opened[i + 1][0])
        parts.append(Part(role=role, lead=lead, span=Span(start=start, end=end)))
    measures = _unheaded_measures(doc, vocab, parts)
    return ([measures] if measures else []) + parts


def _unheaded_measures(doc: Document, vocab: Vocabulary, parts: list[Part]) -> Part | None:
    """A report with no headings at all: the paragraphs after the opening and before the first
    unheaded part of another kind report the year's measures."""
    spec = vocab.roles.get("measures")
    if spec is None or doc.sections or len(doc.paragraphs) < 2:
        return None
    stop = min((p.span.start for p in parts if p.role in spec.default_before), default=None)
    first = doc.paragraphs[1].span.start  # the first paragraph is the opening
    end = stop if stop is not None else (doc.body.end if doc.body else len(doc.text))
    if end <= first:
        return None
    return Part(role="measures", lead=Span(start=first, end=first), span=Span(start=first, end=end))
