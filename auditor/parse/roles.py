"""Section roles from the vocabulary: by heading, inherited by sub-sections, by position, and
unheaded parts opened by a lead phrase (下一步，我局将…)."""

from __future__ import annotations

import bisect

from ..models import Document, Part, Section, Span
from .vocabulary import RoleTable, Vocabulary, role_table


def assign_default_roles(roots: list[Section], table: RoleTable, flat: list[Section] | None = None) -> None:
    """The roles given by position, once every section has its own and inherited ones (which the
    parser gives while it builds the tree: ``parse._build_tree``)."""
    if not table.defaults:
        return
    everything = flat if flat is not None else [s for root in roots for s in root.walk()]
    for role, stop, skip in table.defaults:
        if any(role in s.own_roles for s in everything):
            continue
        # Topic-heading reports: top-level sections before the first shortcomings/plan/… section.
        for root in roots:
            if not stop.isdisjoint(root.roles):
                break
            if not skip.isdisjoint(root.own_roles):
                continue
            for s in root.walk():
                if role not in s.roles:
                    s.roles.append(role)


def find_parts(doc: Document, vocab: Vocabulary | RoleTable, flat: list[Section] | None = None) -> list[Part]:
    """Unheaded parts: a paragraph that opens with a role's lead phrase starts a part that runs
    to the next heading (or the next such part). Roles that already have a heading get none:
    their part is the headed one, and a lead inside another section is just a sentence there."""
    table = role_table(vocab)
    sections = flat if flat is not None else doc.all_sections()
    headed = {r for s in sections for r in s.roles}
    heading_starts = sorted(s.span.start for s in sections)
    body_end = doc.body.end if doc.body else len(doc.text)
    leads = [(role, patterns) for role, patterns in table.leads if role not in headed]
    opened: list[tuple[int, str, Span]] = []
    if leads:
        text = doc.text
        for p in doc.paragraphs:
            start, end = p.span
            m = None
            for role, patterns in leads:
                for pattern in patterns:
                    m = pattern.match(text, start, end)
                    if m:
                        break
                if m:
                    opened.append((start, role, Span(start=m.start(), end=m.end())))
                    break
    parts: list[Part] = []
    for i, (start, role, lead) in enumerate(opened):
        nxt = bisect.bisect_right(heading_starts, start)  # the next heading after the lead
        end = heading_starts[nxt] if nxt < len(heading_starts) else body_end
        if i + 1 < len(opened):
            end = min(end, opened[i + 1][0])
        parts.append(Part(role=role, lead=lead, span=Span(start=start, end=end)))
    measures = _unheaded_measures(doc, table, parts)
    return ([measures] if measures else []) + parts


def _unheaded_measures(doc: Document, table: RoleTable, parts: list[Part]) -> Part | None:
    """A report with no headings at all: the paragraphs after the opening and before the first
    unheaded part of another kind report the year's measures."""
    before = table.measures_before
    if before is None or doc.sections or len(doc.paragraphs) < 2:
        return None
    stop = min((p.span.start for p in parts if p.role in before), default=None)
    first = doc.paragraphs[1].span.start  # the first paragraph is the opening
    end = stop if stop is not None else (doc.body.end if doc.body else len(doc.text))
    if end <= first:
        return None
    return Part(role="measures", lead=Span(start=first, end=first), span=Span(start=first, end=end))
