"""Parse: normalised text → ``Document`` (frame, heading tree, paragraphs, roles, metadata)."""

from __future__ import annotations

from ..models import Clutter, Document, InlineItem, Paragraph, Section, SourceText, Span
from ..normalize import normalise
from .frame import find_frame
from .headings import HeadingLine, content_items, detect_heading, inline_items
from .lines import logical_lines
from .meta_title import TitleScores
from .metadata import extract_metadata
from .roles import assign_default_roles, find_parts
from .vocabulary import RoleTable, Vocabulary, load_vocabulary

__all__ = ["Vocabulary", "load_vocabulary", "parse"]

# Named tuples made by ``tuple.__new__`` (as their own ``_make`` does) where a report makes hundreds:
# the class call goes through a generated Python ``__new__``, which costs more than the tuple.
_new = tuple.__new__
# Sections are made by ``object.__new__`` with their slots set in ``_build_tree``;
# tests/test_parse_shortcuts.py compares every slot with ``Section(...)``'s.
_section = object.__new__


def parse(source: SourceText, vocabulary: Vocabulary) -> Document:
    cleaned = normalise(source.text)
    mt = cleaned.mapped
    doc = Document(
        path=source.path,
        format=source.format,
        encoding=source.encoding,
        original=source.text,
        text=mt.text,
        offsets=mt.offset_array(),
        run_starts=mt.run_starts(),
        blocks=source.blocks,
    )
    folded = cleaned.folded
    doc.clutter = [
        _new(Clutter, (r.kind, r.text, doc.locate_original(folded.offset(r.start), folded.offset(r.end))))
        for r in cleaned.removed
    ]

    scores = TitleScores()  # the title's lines are scored by both steps
    lines = logical_lines(mt.text, scores)
    frame = find_frame(lines, scores)
    body_end = frame.body[-1].end if frame.body else 0
    if frame.title:
        doc.title = _new(Span, (frame.title[0].start, frame.title[-1].end))
    if frame.body:
        doc.body = _new(Span, (frame.body[0].start, body_end))
    sig_lines = frame.signature_orgs + ([frame.signature_date] if frame.signature_date else [])
    if sig_lines:
        doc.signature = _new(Span, (sig_lines[0].start, sig_lines[-1].end))

    text = mt.text
    headings: list[HeadingLine] = []
    paragraphs: list[Paragraph] = []
    # A paragraph's section is the innermost one holding it: the one the last heading before it
    # opened (a section runs to the next heading of its tier or above, so past every paragraph up
    # to the next heading), or none before the first. Its id is the one ``_build_tree`` gives.
    section_id: str | None = None
    for line, h in content_items([(line, detect_heading(line)) for line in frame.body], text):
        start = line.start
        if h is not None:
            headings.append(h)
            section_id = f"s{len(headings)}"
            if not h.run_in:
                continue
            start = h.title_end
            while start < line.end and text[start] == " ":
                start += 1
        end = line.end
        paragraphs.append(_new(Paragraph, (len(paragraphs) + 1, _new(Span, (start, end)), text[start:end], section_id)))

    table = vocabulary.table()  # read once, handed to each step
    doc.sections, flat = _build_tree(headings, body_end, table)  # with each section's own and inherited roles
    assign_default_roles(doc.sections, table, flat)
    doc.paragraphs = paragraphs
    doc.parts = find_parts(doc, table, flat)
    for p in doc.paragraphs:
        for marker, number, s, e in inline_items(p.text, p.span.start):
            doc.items.append(_new(InlineItem, (marker, number, _new(Span, (s, e)), p.section_id)))

    publication = None
    if cleaned.publication:
        value, raw, s, e = cleaned.publication
        publication = (value, raw, folded.offset(s), folded.offset(e))
    # Filled in place: the document made an empty one (a second would cost ~20k instructions).
    doc.metadata = extract_metadata(doc, frame, table, source.hints, publication,
                                    cleaned.source[0] if cleaned.source else None, doc.metadata)
    return doc


def _build_tree(headings: list[HeadingLine], body_end: int,
                table: RoleTable | None = None) -> tuple[list[Section], list[Section]]:
    """The top-level sections, and every section in text order (the tree's pre-order walk).

    With ``table``, each section also gets its own and inherited roles, as walking the finished tree gives
    them before its roles by position: both depend only on the sections above, which are the
    open ones when a section is made (no second walk of the tree, no lists made to be replaced).
    Without, both are empty lists."""
    # A section runs to the next heading of its tier or above. One pass keeps the open sections
    # (a stack of strictly rising tiers): a heading closes those it ends, then opens below the
    # one left on top, or at the top level.
    roots: list[Section] = []
    flat: list[Section] = []
    stack: list[Section] = []
    belows: list[tuple[str, ...]] = []  # beside ``stack``: the own roles of each and the sections above it
    scanned = None
    if table is not None:
        own_roles = table.own_roles
        # The words every title holds, found in one search of them all (None: asked title by title).
        scanned = table.scan_titles([h.title for h in headings])
        own_roles_in = table.own_roles_in
    for i, (line, level, marker, number, title, title_end, run_in, _sentence) in enumerate(headings, 1):
        start = line.start
        while stack and stack[-1].level >= level:
            closed = stack.pop()
            closed.span = _new(Span, (closed.heading.start, start))
            if belows:
                belows.pop()
        heading = _new(Span, (start, title_end))
        # ``Section(id=…, …)`` without its keyword ``__init__`` (a Python call with eleven
        # keywords, 0.8 us of a 1.3 us section): the same slots, set here.
        section = _section(Section)
        section.id = f"s{i}"
        section.level = level
        section.marker = marker
        section.number = number
        section.title = title
        section.heading = heading
        section.span = heading  # set again when it closes
        section.run_in = run_in
        if table is None:
            section.roles = []
            section.own_roles = []
        else:  # may it head here, under the own roles above (own_roles); the parent's roles, then its own
            above = belows[-1] if belows else ()
            own = section.own_roles = (own_roles(title, level, above) if scanned is None
                                       else own_roles_in(*scanned[i - 1], level, above))
            inherited = stack[-1].roles if stack else []
            section.roles = list(dict.fromkeys([*inherited, *own])) if own else list(inherited)
            belows.append((*above, *own) if own else above)
        section.children = []
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        flat.append(section)
    for section in stack:
        section.span = _new(Span, (section.heading.start, body_end))
    return roots, flat
