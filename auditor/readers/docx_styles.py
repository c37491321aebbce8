"""Word paragraph styles and list numbering, read from styles.xml and numbering.xml.

Many drafts number their headings with Word's multilevel lists, so "一、"/"（一）"/"1." are not in
the text but produced by ``w:numPr`` → ``w:num`` → ``w:abstractNum``/``w:lvl`` (``w:numFmt`` and
``w:lvlText`` such as "%1、" or "（%2）"). :class:`ListCounter` replays those definitions in
document order and gives the number text Word shows, so the parser sees what the reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .numerals import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "subtitle", "标题", "副标题"}
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*[1-9]$|^toc heading$", re.IGNORECASE)


def val(el, name: str) -> str | None:
    """The ``w:val`` of child ``name`` of ``el`` (``None`` when either is missing)."""
    child = el.find(W + name) if el is not None else None
    return child.get(W + "val") if child is not None else None


def on_off(el, name: str) -> bool | None:
    """A toggle property (``<w:pageBreakBefore/>``, ``w:val="0"``…): ``None`` when absent."""
    child = el.find(W + name) if el is not None else None
    if child is None:
        return None
    return child.get(W + "val") not in ("0", "false", "off")


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class NumRef:
    num_id: int
    ilvl: int | None  # None: not given here (take it from the style or the level's pStyle)


def num_ref(ppr) -> NumRef | None:
    """``w:numPr`` of a paragraph or style ``w:pPr``."""
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_id = _int(val(num_pr, "numId"))
    if num_id is None:
        return None
    return NumRef(num_id, _int(val(num_pr, "ilvl")))


@dataclass
class Style:
    style_id: str
    name: str
    based_on: str | None
    numbering: NumRef | None
    outline: int | None  # 0-based outline level (w:outlineLvl); 9 = body text
    page_break_before: bool | None = None  # w:pageBreakBefore, None when the style does not say


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for el in root.iter(W + "style"):
            if el.get(W + "type") not in (None, "paragraph"):
                continue
            style_id = el.get(W + "styleId") or ""
            ppr = el.find(W + "pPr")
            self.by_id[style_id] = Style(
                style_id=style_id,
                name=(val(el, "name") or style_id).strip(),
                based_on=val(el, "basedOn"),
                numbering=num_ref(ppr),
                outline=_int(val(ppr, "outlineLvl")),
                page_break_before=on_off(ppr, "pageBreakBefore"),
            )
            if el.get(W + "default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out: list[Style] = []
        current = style_id or self.default
        while current and current in self.by_id and all(s.style_id != current for s in out):
            style = self.by_id[current]
            out.append(style)
            current = style.based_on
        return out

    def numbering(self, style_id: str | None) -> tuple[NumRef, str] | None:
        """The inherited ``w:numPr`` of a style and the style that carries it."""
        for style in self.chain(style_id):
            if style.numbering is not None:
                return style.numbering, style.style_id
        return None

    def heading_level(self, style_id: str | None, ppr) -> int | None:
        """1-based heading level from a Heading N / 标题 N style or an outline level."""
        direct = _int(val(ppr, "outlineLvl"))
        if direct is not None:
            return direct + 1 if direct < LEVELS else None
        for style in self.chain(style_id):
            m = _HEADING_NAME.match(style.name)
            if m:
                return int(m.group(1))
            if style.outline is not None:
                return style.outline + 1 if style.outline < LEVELS else None
        return None

    def page_break_before(self, style_id: str | None, ppr) -> bool:
        """Whether the paragraph starts a new page (``w:pageBreakBefore``, its own or its style's)."""
        direct = on_off(ppr, "pageBreakBefore")
        if direct is not None:
            return direct
        return next((s.page_break_before for s in self.chain(style_id) if s.page_break_before is not None), False)

    def is_title(self, style_id: str | None) -> bool:
        return any(s.name.lower() in _TITLE_NAMES for s in self.chain(style_id)[:1])

    def is_toc(self, style_id: str | None) -> bool:
        """A table-of-contents entry (TOC 1…9, 目录 1…9)."""
        return style_id is not None and any(_TOC_NAME.match(s.name) for s in self.chain(style_id)[:1])


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level (0: never)
    legal: bool = False  # w:isLgl: show every level's number as decimal
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


# A level's text is a short template such as "%1、" or "（%2）"; a longer one is not a list number
# (one of 100,000 "%1" made every numbered paragraph 200,000 characters and hung the reader).
MAX_LEVEL_TEXT = 64
# Word's own ceiling for a list's start value; larger values in the XML are read as this.
MAX_LIST_START = 32767


def _level(el) -> Level:
    text = val(el, "lvlText") or ""
    return Level(
        start=max(0, min(_int(val(el, "start"), 1) or 0, MAX_LIST_START)),
        fmt=val(el, "numFmt") or "decimal",
        text=text if len(text) <= MAX_LEVEL_TEXT else "",
        restart=_int(val(el, "lvlRestart")),
        legal=el.find(W + "isLgl") is not None and val(el, "isLgl") not in ("0", "false", "off"),
        style=val(el, "pStyle"),
    )


@dataclass
class ListDef:
    abstract_id: int
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


class Numbering:
    """``w:num`` instances resolved to their abstract definitions (with level overrides)."""

    def __init__(self, root, styles: Styles) -> None:
        self.lists: dict[int, ListDef] = {}
        if root is None:
            return
        abstract: dict[int, tuple[dict[int, Level], str | None]] = {}
        for el in root.findall(W + "abstractNum"):
            aid = _int(el.get(W + "abstractNumId"))
            if aid is None:
                continue
            levels = {_int(lvl.get(W + "ilvl"), 0) or 0: _level(lvl) for lvl in el.findall(W + "lvl")}
            abstract[aid] = (levels, val(el, "numStyleLink"))
        nums: dict[int, tuple[int, Any]] = {}  # numId -> (abstractNumId, the w:num element)
        for el in root.findall(W + "num"):
            num_id, aid = _int(el.get(W + "numId")), _int(val(el, "abstractNumId"))
            if num_id is not None and aid is not None:
                nums[num_id] = (aid, el)
        for num_id, (aid, el) in nums.items():
            aid = self._follow_style_link(aid, abstract, nums, styles)
            if aid not in abstract:
                continue
            levels = dict(abstract[aid][0])
            overrides: dict[int, int] = {}
            for ov in el.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0) or 0
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _int(val(ov, "startOverride"))
                if start is not None:
                    overrides[ilvl] = max(0, min(start, MAX_LIST_START))
            self.lists[num_id] = ListDef(aid, levels, overrides)

    @staticmethod
    def _follow_style_link(aid: int, abstract, nums, styles: Styles) -> int:
        """An abstractNum that only says ``numStyleLink`` takes its levels from the numbering style."""
        for _ in range(4):
            link = abstract.get(aid, ({}, None))[1]
            if not link:
                return aid
            style = styles.by_id.get(link)
            if style is None or style.numbering is None or style.numbering.num_id not in nums:
                return aid
            aid = nums[style.numbering.num_id][0]
        return aid


class ListCounter:
    """Replays list numbering in document order: ``label(num_id, ilvl)`` → "一、", "（二）", "3." …"""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counters: dict[int, list[int | None]] = {}  # per abstractNum, as Word continues them
        self.started: set[int] = set()

    def level_for_style(self, num_id: int, style_id: str | None) -> int:
        lists = self.numbering.lists.get(num_id)
        if lists and style_id:
            for ilvl, level in lists.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: int, ilvl: int) -> str:
        definition = self.numbering.lists.get(num_id)
        if definition is None or num_id == 0:
            return ""
        ilvl = max(0, min(ilvl, LEVELS - 1))
        levels = definition.levels
        counters = self.counters.setdefault(definition.abstract_id, [None] * LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in definition.start_overrides.items():
                if 0 <= lvl < LEVELS:
                    counters[lvl] = start - 1
        level = levels.get(ilvl, Level())
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, Level())
            value = counters[k] if counters[k] is not None else lvl.start
            return format_number(value or 0, "decimal" if level.legal else lvl.fmt)

        return re.sub(r"%([1-9])", number, level.text)
