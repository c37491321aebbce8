"""canon: names and words checked against a dated canon kept as data (``rules/canon/*.yaml``).

A canon file lists entries, each with a source:

- a *name* (a law, a regulation, a plan, an organ, a formulation) with the period it is current,
  ``current: {from: …, until: …}``. A report on a year after the name ceased (a repealed law, a
  renamed organ, an expired plan cited as current) or before it existed (民法典 in a report on
  2019) is flagged (before: two report years or more, since a report is written in the next year and
plans for it); the forms matched are ``forms`` (default: the name itself);
- a *word* (``variants``): non-standard spellings that are always flagged, with the standard
  form (异形词 from GF 1001-2001, common wrong characters).

Dates: a date ``2021-01-01`` counts from the report years it affects (a law repealed on 1 January
is wrong from that year's report on; repealed later in a year, from the next year's); a bare year
is the first report year directly. Matching is the forbid check's: every form goes through the
pack's Aho-Corasick automaton (``boundary: true`` adds jieba word boundaries), and the rule's
``historical`` cues leave mentions of the past alone (原…, 已废止, 2020年…).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import RulePackError
from ..matching.terms import LiteralTerm, Term
from ..models.factories import empty_list
from ..models.pack import YearRange
from .forbid import Forbid, ForbiddenTerm, ForbidParams, HistoricalCues

EntryKind = Literal["law", "regulation", "plan", "organ", "formulation", "variant", "typo"]


class Period(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    from_: dt.date | int | None = Field(default=None, alias="from")  # first day (or report year) it exists
    until: dt.date | int | None = None  # the day (or first report year) it no longer applies

    def first_year(self) -> int | None:
        """The first report year that may use the name."""
        f = self.from_
        return f.year if isinstance(f, dt.date) else f

    def first_wrong_year(self) -> int | None:
        """The first report year in which the name is out of date."""
        u = self.until
        if isinstance(u, dt.date):
            return u.year if (u.month, u.day) == (1, 1) else u.year + 1
        return u


class CanonSource(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    title: str = Field(min_length=2)
    url: str | None = None
    note: str | None = None


class CanonEntry(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: str = Field(min_length=1)  # the canonical (official, recommended) form
    kind: EntryKind
    forms: list[str] | None = None  # what is matched for a dated name; default: [name]
    variants: list[str] = Field(default_factory=empty_list)  # non-standard forms, always flagged
    current: Period | None = None
    replaced_by: str | None = None
    boundary: bool = False  # forms and variants only where jieba puts word boundaries
    source: str = Field(min_length=1)  # a key of the file's ``sources``
    note: str | None = None

    @model_validator(mode="after")
    def _something_to_flag(self) -> CanonEntry:
        if self.variants and self.current is not None:
            raise ValueError("an entry has either 'variants' (always wrong) or 'current' (dated), not both")
        if not self.variants and (self.current is None or (self.current.from_ is None and self.current.until is None)):
            raise ValueError("an entry needs 'variants' or a 'current' period with 'from' or 'until'")
        return self


class CanonFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    canon: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    description: str | None = None
    sources: dict[str, CanonSource] = Field(min_length=1)
    entries: list[CanonEntry] = Field(min_length=1)


def canon_path(ref: str) -> Path:
    """A canon by name (``names`` → the shipped ``rules/canon/names.yaml``) or by path."""
    if ref.endswith((".yaml", ".yml")):
        return Path(ref)
    from ..resources import shipped_rules_dir

    return shipped_rules_dir() / "canon" / f"{ref}.yaml"


_loaded: dict[tuple[str, int, int], CanonFile] = {}
_lock = threading.Lock()


def load_canon(path: Path) -> CanonFile:
    """A validated canon file (cached per process by path, size and modification time). Every
    problem is one ``RulePackError`` naming the canon file and the line."""
    from ..normalize import fold_phrase
    from ..yamlpos import load_located

    try:
        st = path.stat()
    except OSError:
        raise RulePackError("canon file does not exist", path=path) from None
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    with _lock:
        if key in _loaded:
            return _loaded[key]
    doc = load_located(path)
    if not isinstance(doc.data, dict):
        raise RulePackError("a canon file is a YAML mapping", path=path, line=1)
    canon: CanonFile = doc.validate(CanonFile)
    seen: dict[str, int] = {}
    for i, entry in enumerate(canon.entries):
        if entry.source not in canon.sources:
            raise doc.error(("entries", i, "source"), f"unknown source '{entry.source}' (define it under 'sources')")
        right = fold_phrase(entry.name)
        for j, variant in enumerate(entry.variants):
            if fold_phrase(variant) == right:
                raise doc.error(("entries", i, "variants", j),
                                f"variant '{variant}' reads the same as '{entry.name}' once folded")
        for form in [*(entry.forms or [entry.name]), *entry.variants]:
            folded = fold_phrase(form)
            if folded in seen and seen[folded] != i:
                raise doc.error(("entries", i), f"'{form}' is already listed (entry {seen[folded] + 1})")
            seen[folded] = i
    with _lock:
        _loaded[key] = canon
    return canon


def _day(value: dt.date | int) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if isinstance(value, dt.date) else f"{value}年"


def _book(entry: CanonEntry, name: str) -> str:
    return f"《{name}》" if entry.kind in ("law", "regulation", "plan") else f"“{name}”"


def entry_terms(entry: CanonEntry) -> list[ForbiddenTerm]:
    """The forbid terms an entry stands for, each limited to the report years it is wrong in."""
    out: list[ForbiddenTerm] = []
    if entry.variants:
        what = "异形词" if entry.kind == "variant" else "别字"
        for v in entry.variants:
            out.append(ForbiddenTerm(find=LiteralTerm(text=v, boundary=entry.boundary), replace=entry.name,
                                     message=f"“{v}”是{what}，应写作“{entry.name}”"))
        return out
    period = entry.current
    assert period is not None
    name = _book(entry, entry.name)
    late, early = period.first_wrong_year(), period.first_year()
    for form in entry.forms or [entry.name]:
        if late is not None:
            ceased = {"law": "废止", "regulation": "废止", "plan": "到期", "organ": "因机构改革更名或撤并",
                      "formulation": "不再使用"}[entry.kind]
            message = (f"{name}已于{_day(period.until)}{ceased}" if isinstance(period.until, dt.date)
                       else f"{name}自{late}年度起已{ceased}")
            if entry.replaced_by:
                message += f"，现为{_book(entry, entry.replaced_by)}"
            out.append(ForbiddenTerm(find=LiteralTerm(text=form, boundary=entry.boundary, years=YearRange(min=late)),
                                     replace=entry.replaced_by, message=message))
        if early is not None:
            # A report is written early in the next year and plans for it: a name of the next year
            # (“八五”普法 in a 2020 report's plan for 2021) is not an anachronism; two years earlier is.
            began = _day(period.from_) if isinstance(period.from_, dt.date) else f"{early}年"
            out.append(ForbiddenTerm(
                find=LiteralTerm(text=form, boundary=entry.boundary, years=YearRange(max=early - 2)),
                message=f"{name}{began}才出现，{early - 2}年度及以前的报告不应出现（请核对报告年度或名称）"))
    return out


class CanonParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    canon: str = Field(min_length=1)  # a shipped canon's name, or a path to a canon file
    kinds: list[EntryKind] | None = None  # the entry kinds this rule checks (default: all)
    exceptions: list[Term] = Field(default_factory=empty_list, alias="except")
    historical: HistoricalCues | None = None

    @field_validator("canon")
    @classmethod
    def _exists(cls, value: str) -> str:
        if not canon_path(value).is_file():
            raise ValueError(f"unknown canon '{value}' (a name in rules/canon/ or a .yaml path)")
        return value


class Canon(Forbid):
    name = "canon"
    Params = CanonParams  # type: ignore[assignment]
    description = "名称、提法和字词对照有出处的规范词表（按报告年度判断是否现行）"

    def __init__(self, rule, params: CanonParams, index):
        path = canon_path(params.canon)
        canon = load_canon(path)
        terms = [t for e in canon.entries if params.kinds is None or e.kind in params.kinds for t in entry_terms(e)]
        if not terms:
            raise RulePackError(f"canon '{params.canon}' has no entries of kinds {params.kinds}", path=path)
        self.canon = canon
        self.data_files = (path.resolve(),)
        forbid = ForbidParams.model_validate({"terms": terms, "except": params.exceptions,
                                             "historical": params.historical})
        super().__init__(rule, forbid, index)
