"""The section-role vocabulary (YAML) and organisation-kind rules, validated by pydantic."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from ..matching.terms import check_regex
from ..models import ReportKind
from ..normalize import fold_phrase
from ..yamlpos import load_located


class RoleSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    label: str
    headings: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    default_before: list[str] = Field(default_factory=list)
    default_skip: list[str] = Field(default_factory=list)
    # Phrases that contain a heading word without naming the part (补短板 is not a 短板 part).
    except_: list[str] = Field(default_factory=list, alias="except")
    # A statutory part is a top-tier heading (or the tier below): a 3. inside the measures is not one.
    max_level: int | None = Field(default=None, ge=1)
    # …nor is a （三） under a section with one of these roles.
    not_under: list[str] = Field(default_factory=list)
    # Regular expressions matched at a paragraph's start that open an unheaded part (下一步，我局将…).
    leads: list[str] = Field(default_factory=list)
    _folded: list[str] = PrivateAttr(default_factory=list)
    _except: list[str] = PrivateAttr(default_factory=list)
    _leads: list[re.Pattern[str]] = PrivateAttr(default_factory=list)

    @field_validator("patterns", "leads")
    @classmethod
    def _compile(cls, value: list[str]) -> list[str]:
        for p in value:
            check_regex(p)
        return value

    def matches(self, folded_title: str) -> bool:
        for phrase in self._except:
            folded_title = folded_title.replace(phrase, "\0")
        return any(h in folded_title for h in self._folded) or any(
            re.search(p, folded_title) for p in self.patterns
        )

    def lead(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """A lead phrase at ``start`` (a paragraph's start) that opens this part."""
        return next((m for p in self._leads if (m := p.match(text, start, end))), None)

    def model_post_init(self, _context: object) -> None:
        self._folded = [fold_phrase(h) for h in self.headings]
        self._except = [fold_phrase(h) for h in self.except_]
        self._leads = [re.compile(p) for p in self.leads]


class KindRule(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kind: ReportKind
    ends_with: list[str] = Field(default_factory=list)
    contains_all: list[list[str]] = Field(default_factory=list)

    def matches(self, name: str) -> bool:
        if self.contains_all and all(any(w in name for w in group) for group in self.contains_all):
            return True
        return any(name.endswith(s) for s in self.ends_with)


class Vocabulary(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    version: int = 1
    roles: dict[str, RoleSpec]
    kinds: list[KindRule] = Field(default_factory=list)
    _heading_roles: dict[str, list[str]] = PrivateAttr(default_factory=dict)

    def heading_roles(self, title: str) -> list[str]:
        cached = self._heading_roles.get(title)  # the same headings recur in every report
        if cached is None:
            folded = fold_phrase(title)
            cached = self._heading_roles[title] = [role for role, spec in self.roles.items()
                                                   if spec.matches(folded)]
        return list(cached)

    def kind_of(self, organisation: str) -> ReportKind | None:
        for rule in self.kinds:
            if rule.matches(organisation):
                return rule.kind
        return None

    def merged(self, other: Vocabulary) -> Vocabulary:
        """Add ``other``'s synonyms and roles to this vocabulary (plugins extend, never replace)."""
        roles = {k: v.model_copy(deep=True) for k, v in self.roles.items()}
        for name, spec in other.roles.items():
            if name in roles:
                mine = roles[name]
                mine.headings += [h for h in spec.headings if h not in mine.headings]
                mine.patterns += [p for p in spec.patterns if p not in mine.patterns]
                mine.default_before += [d for d in spec.default_before if d not in mine.default_before]
                mine.default_skip += [d for d in spec.default_skip if d not in mine.default_skip]
                mine.except_ += [d for d in spec.except_ if d not in mine.except_]
                mine.not_under += [d for d in spec.not_under if d not in mine.not_under]
                mine.leads += [d for d in spec.leads if d not in mine.leads]
                mine.model_post_init(None)
            else:
                roles[name] = spec
        return Vocabulary(version=self.version, roles=roles, kinds=other.kinds + self.kinds)


def load_vocabulary(paths: list[Path]) -> Vocabulary:
    merged: Vocabulary | None = None
    for path in paths:
        doc = load_located(path)
        vocab = doc.validate(Vocabulary)
        merged = vocab if merged is None else merged.merged(vocab)
    if merged is None:
        raise ValueError("no vocabulary files given")
    return merged
