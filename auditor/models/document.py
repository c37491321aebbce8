"""The parsed report: text, metadata, paragraphs and the heading tree.

Offsets in ``Span`` refer to the *normalised* text (``Document.text``); every location shown to
a person is translated back to the original file through ``Document.locate``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..lazy_regex import LazyPattern
from ..numbering import PATH_MARKER
from .factories import empty_dict, empty_list
from .trusted import trusted

ReportKind = Literal["government", "department", "town", "joint", "unknown"]
MetaSource = Literal["title", "signature", "body", "clutter", "reader", "filename", "derived", "config"]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
# A document's lookup caches, by what they answer (a name, or a tuple naming a list and its size):
# each entry has a shape of its own, read back by the code that wrote it.
_Index = dict[Hashable, Any]


class Location(BaseModel):
    """A place in the original file: 1-based line and column (characters), plus optional
    page / paragraph / table cell for formats that have them, and the heading path."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None = None
    paragraph: int | None = None
    cell: str | None = None
    heading_path: list[str] = Field(default_factory=empty_list)

    def section(self, width: int = 12) -> str:
        """The heading path, compactly: every marker, then the innermost title (shortened)."""
        if not self.heading_path:
            return ""
        markers = "".join(m.group(0) if (m := _MARKER.match(h)) else "" for h in self.heading_path)
        last = _MARKER.sub("", self.heading_path[-1], count=1)
        return markers + (last if len(last) <= width else last[: width - 1] + "…")

    def short(self) -> str:
        """Where a person looks: page/paragraph/cell in Word or PDF files, line:column in text.
        A Word table cell ``T2R3C1`` reads 表2第3行第1列."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.cell is not None:
            parts.append(self.cell_label())
        return " ".join(parts) if parts else f"{self.line}:{self.column}"

    def cell_label(self) -> str:
        """The table cell as a person names it: ``T2R3C1`` → 表2第3行第1列 ("" when none)."""
        if self.cell is None:
            return ""
        m = re.fullmatch(r"T(\d+)R(\d+)C(\d+)", self.cell)
        return f"表{m[1]}第{m[2]}行第{m[3]}列" if m else f"表格{self.cell}"


class Span(NamedTuple):
    """A half-open range [start, end) in the normalised text. A named tuple, not a model: a report
    makes hundreds and nothing outside the process sees them (validating each cost more than
    everything else a span is used for)."""

    start: int
    end: int


class SourceBlock(BaseModel):
    """A reader's unit (a docx paragraph, a pdf page…) covering [start, end) of the original text."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None
    cell: str | None = None
    continues: bool = False  # the rest of the previous block's paragraph, from a later page on


class SourceText(BaseModel):
    """What a reader returns: decoded text plus where it came from."""

    model_config = ConfigDict(defer_build=True)

    path: str
    format: str
    text: str
    encoding: str | None = None
    blocks: list[SourceBlock] = Field(default_factory=empty_list)
    # Metadata the container itself states (e.g. HTML meta tags): field name -> value.
    hints: dict[str, str] = Field(default_factory=empty_dict)


class Sourced(BaseModel, Generic[T]):
    """A metadata value with where it came from and how sure we are (0–1)."""

    model_config = ConfigDict(defer_build=True)

    value: T
    source: MetaSource
    confidence: float = 1.0
    raw: str | None = None
    location: Location | None = None


def _sourced_model(value_type: Any, shown: str) -> type[BaseModel]:
    """``Sourced[<shown>]`` as a plain model class: the same fields, name, schema and JSON.

    Metadata's fields use these rather than parametrising the generic, because pydantic builds a
    generic model's validator whenever it is parametrised, deferred or not, and that first build
    (with the imports it pulls in) was a tenth of a cold ``audit``; these are built only when a
    value is validated or dumped. They also accept a ``Sourced`` instance (``from_attributes``),
    as the parametrised fields did."""
    name = f"Sourced[{shown}]"
    namespace = {
        "__module__": __name__, "__qualname__": name,  # no description, as the parametrised ones had
        "__annotations__": {"value": value_type, "source": MetaSource, "confidence": float,
                            "raw": str | None, "location": Location | None},
        "model_config": ConfigDict(defer_build=True, from_attributes=True),
        "confidence": 1.0, "raw": None, "location": None,
    }
    metaclass: Callable[..., type[BaseModel]] = type(BaseModel)  # pydantic's, called as a class statement would
    return metaclass(name, (BaseModel,), namespace)


def sourced(cls: type[M], **given: Any) -> M:
    """``cls(**given)`` for one of the Sourced models below, from values the program typed itself
    (the parser's strings, years and dates, a profile's kind), built without validation
    (models/trusted.py) and recording the same given fields."""
    values = {"value": given["value"], "source": given["source"], "confidence": float(given.get("confidence", 1.0)),
              "raw": given.get("raw"), "location": given.get("location")}
    return trusted(cls, values, frozenset(given))


if TYPE_CHECKING:  # to a type checker, what they stand for: the parametrised generic (same fields)
    SourcedText = Sourced[str]
    SourcedInt = Sourced[int]
    SourcedDate = Sourced[dt.date]
    SourcedKind = Sourced[ReportKind]
else:
    SourcedText = _sourced_model(str, "str")
    SourcedInt = _sourced_model(int, "int")
    SourcedDate = _sourced_model(dt.date, "date")
    SourcedKind = _sourced_model(ReportKind, "Literal['government', 'department', 'town', 'joint', 'unknown']")


class Metadata(BaseModel):
    model_config = ConfigDict(defer_build=True)

    title: SourcedText | None = None
    organisation: SourcedText | None = None
    title_organisation: SourcedText | None = None
    report_year: SourcedInt | None = None
    kind: SourcedKind | None = None
    addressee: SourcedText | None = None
    signature_organisation: SourcedText | None = None
    signature_date: SourcedDate | None = None
    publication_date: SourcedDate | None = None
    source_site: SourcedText | None = None


def empty_metadata() -> Metadata:
    """``Metadata()``, built without validation (models/trusted.py): every field None, none given."""
    return trusted(Metadata, dict.fromkeys(Metadata.model_fields), frozenset())


# The parsed tree below is internal to a run (built by the parser, read by the checks, never
# serialised), so its classes are named tuples and plain slotted classes, not models: a report
# makes hundreds of them, and pydantic's validation and class building (or a dataclass's generated
# code, compiled at every start) cost more than everything else they are used for. What leaves the
# process (metadata, locations, results) stays a pydantic model.


class Paragraph(NamedTuple):
    index: int  # type: ignore[assignment]  # shadows tuple.index, as NamedTuple allows; mypy reports any such field
    span: Span
    text: str
    section_id: str | None = None


class Section:
    """A heading and everything under it until the next heading of the same or a higher tier."""

    __slots__ = (
        "children",
        "heading",
        "id",
        "level",
        "marker",
        "number",
        "own_roles",
        "roles",
        "run_in",
        "span",
        "title",
    )

    def __init__(self, *, id: str, level: int, marker: str, number: int | None, title: str,
                 heading: Span, span: Span, run_in: bool = False, roles: list[str] | None = None,
                 own_roles: list[str] | None = None, children: list[Section] | None = None):
        self.id = id
        self.level = level  # 1: 一、  2: （一）  3: 1.  4: （1）
        self.marker = marker
        self.number = number
        self.title = title
        self.heading = heading  # the marker and the title
        self.span = span  # the heading and its whole body, children included
        self.run_in = run_in  # the body starts on the heading's own line
        self.roles: list[str] = roles if roles is not None else []
        self.own_roles: list[str] = own_roles if own_roles is not None else []
        self.children: list[Section] = children if children is not None else []

    def __repr__(self) -> str:
        return f"Section({self.id} {self.marker}{self.title!r} {tuple(self.span)} roles={self.roles})"

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


class Part(NamedTuple):
    """A statutory part with no heading of its own, opened by a lead phrase at a paragraph start
    (下一步，我局将…; 其他需要报告的情况：无。) and running to the next heading."""

    role: str
    lead: Span  # the lead phrase
    span: Span


class InlineItem(NamedTuple):
    """An inline enumeration such as 一是…二是… inside a paragraph."""

    marker: str
    number: int
    span: Span
    section_id: str | None = None


class Clutter(NamedTuple):
    """Web-page furniture removed before analysis (never counted as content)."""

    kind: str
    text: str
    location: Location


class Document:
    """A report ready for checking."""

    __slots__ = (
        "_gaps",
        "_index",
        "blocks",
        "body",
        "clutter",
        "encoding",
        "format",
        "items",
        "metadata",
        "offsets",
        "original",
        "paragraphs",
        "parts",
        "path",
        "run_starts",
        "sections",
        "signature",
        "text",
        "title",
    )

    def __init__(self, *, path: str, format: str, original: str, text: str, offsets: Sequence[int],
                 encoding: str | None = None, blocks: list[SourceBlock] | None = None,
                 metadata: Metadata | None = None, run_starts: list[int] | None = None):
        self.path = path
        self.format = format
        self.original = original
        self.text = text
        self.offsets = offsets
        # Where the offset map's runs of consecutive offsets begin, when the parser knows them: a
        # span with none strictly inside is one slice of the original (``quote``'s fast path).
        self.run_starts = run_starts
        self._gaps: list[int] | None = None  # where normalisation removed more than white space
        self.encoding = encoding
        self.blocks: list[SourceBlock] = blocks if blocks is not None else []
        self.metadata = metadata if metadata is not None else empty_metadata()
        self.paragraphs: list[Paragraph] = []
        self.sections: list[Section] = []
        self.items: list[InlineItem] = []
        self.parts: list[Part] = []
        self.clutter: list[Clutter] = []
        self.title: Span | None = None
        self.body: Span | None = None  # from the end of the title block to the start of the signature
        self.signature: Span | None = None
        # Lookup indexes (line starts, span starts, section intervals) built on first use.
        self._index: _Index = {}

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} characters, {len(self.sections)} top sections)"

    # -- navigation -------------------------------------------------------------------------

    # The tree and its roles are complete when the parser returns and are not changed after, so
    # the lookups below are worked out once per tree (keyed by its top list) and handed out as
    # copies: the checks ask the same few questions for every rule.

    def all_sections(self) -> list[Section]:
        key = ("all", id(self.sections), len(self.sections))
        flat = self._index.get(key)
        if flat is None:
            flat = self._index[key] = [s for top in self.sections for s in top.walk()]
        return list(flat)

    def sections_with_role(self, role: str) -> list[Section]:
        """Outermost sections carrying ``role`` (nested ones are inside their spans already)."""
        key = ("role", role, id(self.sections), len(self.sections))
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = self._outermost_with(role)
        return list(found)

    def _outermost_with(self, role: str) -> list[Section]:
        found: list[Section] = []
        for top in self.sections:
            _outermost(top, role, found)
        return found

    def role_spans(self, role: str) -> list[Span]:
        """Where the report has a part with ``role``: headed sections, then unheaded parts."""
        return [s.span for s in self.sections_with_role(role)] + [p.span for p in self.parts if p.role == role]

    def roles_at(self, pos: int) -> set[str]:
        """The roles of the innermost section at ``pos`` and of any unheaded part holding it."""
        chain = self.section_path(pos)
        roles = set(chain[-1].roles) if chain else set()
        roles.update(p.role for p in self.parts if p.span.start <= pos < p.span.end)
        return roles

    def section_path(self, pos: int) -> list[Section]:
        """The chain of sections (outermost first) whose span contains ``pos``.

        Between two consecutive section starts or ends the chain cannot change, so the chains of
        those elementary intervals are worked out once per tree and each lookup is one binary
        search (checks and locations ask this for every mention; the tree is not changed after
        parsing)."""
        points, chains, _paths = self._intervals()
        i = bisect.bisect_right(points, pos) - 1
        return list(chains[i]) if i >= 0 else []

    def _intervals(self) -> tuple[list[int], list[tuple[Section, ...]], list[tuple[str, ...]]]:
        """Each elementary interval's start, its chain of sections, and their headings as a
        location shows them (marker and title)."""
        sections = self.sections
        cached = self._index.get("intervals")  # (the top list, its length, the intervals)
        if cached is not None and cached[0] is sections and cached[1] == len(sections):
            intervals: tuple[list[int], list[tuple[Section, ...]], list[tuple[str, ...]]] = cached[2]
            return intervals
        swept = _sweep(sections)
        if swept is not None:
            points, chains, paths = swept
        else:  # siblings out of order or overlapping, children outside their parent: walk
            points = sorted({p for s in self.all_sections() for p in (s.span.start, s.span.end)})
            chains = [tuple(self._walk_path(p)) for p in points]
            paths = [tuple(f"{s.marker}{s.title}" for s in chain) for chain in chains]
        intervals = (points, chains, paths)
        self._index["intervals"] = (sections, len(sections), intervals)
        return intervals

    def _walk_path(self, pos: int) -> list[Section]:
        chain: list[Section] = []
        level = self.sections
        while (hit := _first_containing(level, pos, self._index)) is not None:
            chain.append(hit)
            level = hit.children
        return chain

    def paragraph_at(self, pos: int) -> Paragraph | None:
        starts = _starts(self._index, self.paragraphs, lambda p: p.span.start)
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < self.paragraphs[i].span.end:
            return self.paragraphs[i]
        return None

    # -- locations --------------------------------------------------------------------------

    def original_offset(self, pos: int) -> int:
        pos = max(0, min(pos, len(self.offsets) - 1))
        return self.offsets[pos]

    def locate(self, start: int, end: int | None = None) -> Location:
        """Translate a normalised span into a location in the original file."""
        end = start if end is None else end
        offsets = self.offsets
        last = len(offsets) - 1
        o_start = offsets[start if 0 <= start <= last else max(0, min(start, last))]
        # The end is exclusive: locate its last character, then step past it.
        e = end - 1  # (in range, no clamping calls)
        o_end = offsets[e if 0 <= e <= last else max(0, min(e, last))] + 1 if end > start else o_start
        starts, cr = self._index.get("lines") or self._lines()
        if cr:
            line, col = self._line_col(o_start)
            end_line, end_col = self._line_col(o_end)
        else:  # _line_col inlined (a report locates ~30 spans)
            i = bisect.bisect_right(starts, o_start)
            begin = starts[i - 1]
            line, col = i, o_start - begin + 1
            if begin <= o_end and (i == len(starts) or o_end < starts[i]):
                end_line, end_col = i, o_end - begin + 1  # on the start's line (most spans): no second search
            else:
                i = bisect.bisect_right(starts, o_end)
                end_line, end_col = i, o_end - starts[i - 1] + 1
        block = _block_at(self.blocks, o_start, self._index) if self.blocks else None
        cached = self._index.get("intervals")  # (_intervals' own check, inlined: ~30 calls a report)
        if cached is not None and cached[0] is self.sections and cached[1] == len(self.sections):
            points, _chains, paths = cached[2]
        else:
            points, _chains, paths = self._intervals()
        i = bisect.bisect_right(points, start) - 1
        # Built without validation (trusted): every value is an int, None or text made here.
        return trusted(Location, {
            "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "page": block.page if block else None, "paragraph": block.paragraph if block else None,
            "cell": block.cell if block else None, "heading_path": list(paths[i]) if i >= 0 else []}, _LOCATED_SET)

    def locate_original(self, o_start: int, o_end: int) -> Location:
        """A location from offsets into the original text (for removed clutter)."""
        line, col = self._line_col(o_start)
        end_line, end_col = self._line_col(o_end)
        block = _block_at(self.blocks, o_start, self._index)
        return trusted(Location, {
            "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "page": block.page if block else None, "paragraph": block.paragraph if block else None,
            "cell": block.cell if block else None, "heading_path": []}, _ORIGINAL_SET)

    def _lines(self) -> tuple[list[int], bool]:
        """The original's line starts, and whether it has a CR (else no offset is inside a CRLF)."""
        lines = self._index.get("lines")
        if lines is None:
            text = self.original
            # Most texts end lines with LF alone: their starts need no pattern, where the three-way
            # alternation is tried at every character.
            cr = "\r" in text
            if cr:
                starts = [0, *(m.end() for m in _BREAK.finditer(text))]
            else:  # line i starts after the lines before it and one LF each (C-level maps, no match objects)
                lengths = list(map(len, text.split("\n")))
                starts = list(map(add, accumulate(lengths[:-1], initial=0), range(len(lengths))))
            lines = self._index["lines"] = (starts, cr)
        return lines

    def _line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the original; CRLF, lone CR and LF each end a line.
        Line starts are indexed once per text, so each lookup is a binary search."""
        text = self.original
        starts, _cr = self._lines()
        i = bisect.bisect_right(starts, offset)
        line, begin = i, starts[i - 1]
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            line, begin = line + 1, offset  # inside a CRLF: the CR alone has ended the line
        return line, offset - begin + 1

    def _removals(self) -> list[int]:
        """Each ``i`` where normalisation removed something other than white space between
        ``text[i - 1]`` and ``text[i]`` (a line of web clutter, a page number): a quote's context
        must not run across one, or it would join two places that are apart in the original."""
        offsets, original = self.offsets, self.original
        candidates = self.run_starts if self.run_starts is not None else range(1, len(self.text))
        out = []
        for i in candidates:
            if i > 0:
                before, at = offsets[i - 1], offsets[i]
                if at > before + 1 and not original[before + 1:at].isspace():
                    out.append(i)
        return out

    def quote(self, start: int, end: int, context: int = 0, limit: int = 60) -> str:
        """The original characters behind a normalised span (optionally widened), on one line.

        Built character by character through the offset map, so clutter and spaces that
        normalisation removed from the middle of the span never appear in the quote; the context
        around it stops where something was removed (``_removals``)."""
        offsets, original = self.offsets, self.original
        runs = self.run_starts
        if context:
            lo = start - context
            if lo < 0:
                lo = 0
            hi = end + context
            if hi > len(self.text):
                hi = len(self.text)
            gaps = self._gaps
            if gaps is None:
                gaps = self._gaps = self._removals()
            if gaps and gaps[0] < hi and gaps[-1] > lo:  # the nearest removal each side becomes its edge
                k = bisect.bisect_right(gaps, start)
                if k and gaps[k - 1] > lo:
                    lo = gaps[k - 1]
                k = bisect.bisect_left(gaps, end)  # (a removal inside the span is skipped over)
                if k < len(gaps) and gaps[k] < hi:
                    hi = gaps[k]
            start, end = lo, hi
        if runs is not None and start < end:
            first = bisect.bisect_right(runs, start)
            stop = bisect.bisect_left(runs, end)
            if first == stop:
                # No run begins inside: the offsets rise by one, nothing removed or expanded.
                text = " ".join(original[offsets[start]:offsets[end - 1] + 1].split())
                return text if len(text) <= limit else text[: limit - 1] + "…"
            # Runs begin inside: one slice of the original per piece between them (the offsets rise
            # by one within each), where the character-by-character reading made a string of every
            # character. That reading skips a character whose offset equals the one before it: in
            # a piece, only its first can (an expansion such as ㈠ → (一), or a step back onto it).
            pieces = []
            last = -1
            a = start
            for b in (*runs[first:stop], end):
                o = offsets[a]
                o_last = offsets[b - 1]
                pieces.append(original[o + 1 if o == last else o:o_last + 1])
                last = o_last
                a = b
            text = " ".join("".join(pieces).split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
        seg = offsets[start:end]  # (no runs known: the map is compared with consecutive offsets)
        if seg:
            first, stop = seg[0], seg[-1] + 1
            if stop - first == len(seg) and seg == _consecutive(first, stop):
                # Increasing by one: nothing removed or expanded inside, one slice.
                text = " ".join(original[first:stop].split())
                return text if len(text) <= limit else text[: limit - 1] + "…"
        chars = []
        last = -1
        for i in range(start, end):
            o = offsets[i]
            if o != last:  # one original character can expand to several (㈠ → (一))
                chars.append(original[o])
                last = o
        text = " ".join("".join(chars).split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


# Every field (a set copied from a frozenset costs half of one made from the values' keys).
_LOCATED_SET = frozenset(Location.model_fields)
# What locate_original's validated call was given (heading_path took its default).
_ORIGINAL_SET = frozenset(("line", "column", "end_line", "end_column", "page", "paragraph", "cell"))
_BREAK = LazyPattern(r"\r\n|\r|\n")
_MARKER = LazyPattern(PATH_MARKER)


# 0, 1, 2, … shared by every quote: a slice of it is the list(range(a, b)) a quote compares its
# offsets with, without making an int object per character (most of a quote's time). Grown by
# rebinding a longer list (a thread holding the old one still reads correct values), up to a cap.
_IDENTITY: list[int] = []
_IDENTITY_CAP = 1 << 16


def _consecutive(a: int, b: int) -> list[int]:
    """``list(range(a, b))``."""
    global _IDENTITY
    ident = _IDENTITY
    if a >= 0 and b <= len(ident):
        return ident[a:b]
    if a >= 0 and b <= _IDENTITY_CAP:
        ident = _IDENTITY = list(range(min(_IDENTITY_CAP, max(4096, 2 * b))))
        return ident[a:b]
    return list(range(a, b))


def _sweep(top: list[Section]) -> tuple[list[int], list[tuple[Section, ...]], list[tuple[str, ...]]] | None:
    """The elementary intervals of a well-formed tree (as parsed: siblings in order without
    overlap, children inside their parent) in one pre-order pass: a section's start opens its
    chain, its end returns to its parent's; of events at one position the last one holds there.
    Each chain comes with its heading path (marker and title of each), made as the chain is.
    None when the tree is not well-formed."""
    points: list[int] = []
    chains: list[tuple[Section, ...]] = []
    paths: list[tuple[str, ...]] = []
    ok = _sweep_level(top, (), (), -(2**62), 2**62, points, chains, paths)
    return (points, chains, paths) if ok else None


# Module functions, not closures calling themselves: those are reference cycles that every
# report would leave for the garbage collector.
def _sweep_level(level: list[Section], parent: tuple[Section, ...], parent_path: tuple[str, ...], lo: int, hi: int,
                 points: list[int], chains: list[tuple[Section, ...]], paths: list[tuple[str, ...]]) -> bool:
    for s in level:
        start, end = s.span
        if not lo <= start <= end <= hi:
            return False
        chain = (*parent, s)
        path = (*parent_path, f"{s.marker}{s.title}")
        if not (_event(start, chain, path, points, chains, paths)
                and _sweep_level(s.children, chain, path, start, end, points, chains, paths)
                and _event(end, parent, parent_path, points, chains, paths)):
            return False
        lo = end
    return True


def _event(pos: int, chain: tuple[Section, ...], path: tuple[str, ...], points: list[int],
           chains: list[tuple[Section, ...]], paths: list[tuple[str, ...]]) -> bool:
    if points and pos == points[-1]:
        chains[-1] = chain
        paths[-1] = path
    elif points and pos < points[-1]:
        return False
    else:
        points.append(pos)
        chains.append(chain)
        paths.append(path)
    return True


def _outermost(section: Section, role: str, found: list[Section]) -> None:
    """Append ``section`` if it carries ``role``, else its outermost descendants that do."""
    if role in section.roles:
        found.append(section)
        return
    for child in section.children:
        _outermost(child, role, found)


def _starts(index: _Index, items: Sequence[T], start: Callable[[T], int]) -> list[int]:
    """Start offsets of ``items``, computed once per list (rebuilt if the list grew or shrank)."""
    key = ("starts", id(items))
    cached = index.get(key)
    if cached is None or cached[0] is not items or len(cached[1]) != len(items):
        cached = index[key] = (items, [start(x) for x in items])
    return cached[1]


def _first_containing(sections: list[Section], pos: int, index: _Index) -> Section | None:
    """The first section of one level whose span holds ``pos``: a binary search when the level's
    spans are in order and do not overlap (as parsed), else the plain scan."""
    if len(sections) < 8:
        return next((s for s in sections if s.span.start <= pos < s.span.end), None)
    starts = _starts(index, sections, lambda s: s.span.start)
    key = ("ordered", id(sections), len(sections))
    ordered = index.get(key)
    if ordered is None:
        ordered = index[key] = all(a.span.end <= b.span.start for a, b in itertools.pairwise(sections))
    if not ordered:
        return next((s for s in sections if s.span.start <= pos < s.span.end), None)
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < sections[i].span.end:
        return sections[i]
    return None


def _block_at(blocks: list[SourceBlock], offset: int, index: _Index | None = None) -> SourceBlock | None:
    if not blocks:
        return None
    starts = _starts(index, blocks, lambda b: b.start) if index is not None else [b.start for b in blocks]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < max(blocks[i].end, blocks[i].start + 1):
        return blocks[i]
    return None
