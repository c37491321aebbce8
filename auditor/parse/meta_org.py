"""The issuing organisation from the body when neither title nor signature names it.

Reports name themselves as the subject of their opening sentences (2024年，巫山县司法局坚持……,
现将古镛镇2024年……) and refer to themselves as 我局/我委/我镇/我县. The first gives the name;
the second gives the kind of body, and is expanded to the name where the text gives one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..lazy_regex import LazyPattern
from ..models.lexicon import alternation, lexicon
from .meta_year import OPENING_CHARS

_LEXICON = lexicon()  # (rules/lexicon.yaml: the endings and self references below)
_ENDINGS = _LEXICON.organisation_endings
_SELVES = _LEXICON.self_references
_SUFFIX = alternation(_ENDINGS.subject)
_VERB = (r"坚持|深入|认真|始终|全面|紧紧|以|在|围绕|按照|高度|聚焦|持续|立足|着力|积极|扎实|严格|牢牢|不断"
         r"|法治政府建设|法治建设|依法行政|党组|党委|党工委|领导班子|\((?:以下)?简称“?(?:我|本)")
_SUBJECT = LazyPattern(rf"(?:^|(?<=[\n,。;:]))\s*(?P<org>[\u4e00-\u9fff]{{1,20}}?(?:{_SUFFIX}))(?={_VERB})")
_YEAR_AHEAD = r"(?=(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年)"
_REPORTING = LazyPattern(rf"现将(?P<org>[\u4e00-\u9fff]{{1,20}}?(?:{_SUFFIX})){_YEAR_AHEAD}")
# Generic names that are never the reporting body itself: the whole area, the superior organs.
_GENERIC = LazyPattern(r"^(?:全|我|本|各|该|在|由|经|按|根据|对|从|为|与|和|及|上级|省委|市委|县委|区委|州委|旗委"
                      r"|省政府|市政府|县政府|区政府|州政府|镇政府|乡政府|党委|政府|我们)")
_SELF = LazyPattern(rf"(?<![自])我(?P<s>{'|'.join(_SELVES)})(?![们])")  # (in the lexicon's order)
SELF_KIND = {suffix: ref.kind for suffix, ref in _SELVES.items()}


class BodyOrg(NamedTuple):  # not a dataclass: making one runs generated code at every start
    value: str
    start: int
    end: int
    how: str  # "subject", "reporting", "self"


def _plausible(name: str) -> bool:
    return len(name) >= 3 and not _GENERIC.match(name)


def named_in_body(text: str, start: int, end: int, first_end: int,
                  self_suffix: str | None = None) -> BodyOrg | None:
    """The organisation the report names itself by: the subject of its first paragraph, the
    name in 现将××…年, or, further on, a subject that matches how it refers to itself (我局 →
    a name ending in 局). A sentence deeper in a government's report that starts with
    县司法局坚持… speaks of a department, not of the reporter. A short form (县人民政府) is
    expanded to the full name the text gives (岳阳县人民政府)."""
    limit = min(end, start + OPENING_CHARS)
    # (pattern, where to search, how it names the body, the endings the name must have)
    searches: list[tuple[LazyPattern, int, int, str, tuple[str, ...] | None]] = [
        (_SUBJECT, start, first_end, "subject", None), (_REPORTING, start, limit, "reporting", None)]
    if self_suffix:
        searches.append((_SUBJECT, start, limit, "subject", _SELF_ENDINGS.get(self_suffix, (self_suffix,))))
    for pattern, lo, hi, how, endings in searches:
        for m in pattern.finditer(text, lo, hi):
            name = m.group("org")
            if not _plausible(name) or (endings and not name.endswith(endings)):
                continue
            full = full_name(text, name, start, end) if _SHORT.match(name) else None
            return BodyOrg(full or name, m.start("org"), m.end("org"), how)
    return None


# How a name ends for each way a report refers to itself.
_SELF_ENDINGS: dict[str, tuple[str, ...]] = {suffix: ref.endings for suffix, ref in _SELVES.items()}


# A name that starts with its level (县人民政府, 市工信局) leaves out the place.
_SHORT = LazyPattern(rf"^[{''.join(_ENDINGS.levels)}]")
# Words that cannot be part of a place name (现将县人民政府, 对县政府).
_FUNCTION_CHARS = LazyPattern(r"[现将在对由经按据为把被向从与和及了的是各全本我该其此并等]")


def full_name(text: str, short: str, start: int, end: int) -> str | None:
    """The commonest full name in the text that ends with ``short`` (a place name before it)."""
    pattern = re.compile(rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,4}}?{re.escape(short)}")
    names = Counter(m.group(0) for m in pattern.finditer(text, start, min(end, start + 4 * OPENING_CHARS))
                    if not _FUNCTION_CHARS.search(m.group(0)[: -len(short)]))
    return names.most_common(1)[0][0] if names else None


def self_reference(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The commonest 我局/我镇/我县… in the opening: (suffix, start, end of its first use)."""
    end = min(end, start + OPENING_CHARS)
    hits = list(_SELF.finditer(text, start, end))
    if not hits:
        return None
    suffix, _n = Counter(m.group("s") for m in hits).most_common(1)[0]
    first = next(m for m in hits if m.group("s") == suffix)
    return suffix, first.start(), first.end()


# Place suffixes whose names are short place names (下太镇, 城关镇): 我镇 can be expanded by
# looking for the name the text uses with the same suffix. Department names (市场监督管理局)
# are too long and varied for this; they come from the subject of a sentence instead.
_PLACE_SUFFIXES = tuple(suffix for suffix, ref in _SELVES.items() if ref.place)
_NOT_PLACE = LazyPattern(r"[全我本各该其此每法治依乡城村小大新老]")


def expand_self(text: str, suffix: str, start: int, end: int) -> BodyOrg | None:
    """The name a report gives itself behind 我镇/我县: the commonest ``××镇`` in its text,
    used at least twice (one mention could be a neighbour)."""
    if suffix not in _PLACE_SUFFIXES:
        return None
    end = min(end, start + 4 * OPENING_CHARS)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in re.finditer(re.escape(suffix), text[start:end]):
        pos = start + m.start()
        prefix = text[pos - 2 : pos]
        if len(prefix) == 2 and all("\u4e00" <= c <= "\u9fff" for c in prefix) and not _NOT_PLACE.search(prefix):
            name = prefix + suffix
            counts[name] += 1
            first.setdefault(name, pos - 2)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return BodyOrg(name, first[name], first[name] + len(name), "self")
