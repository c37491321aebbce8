"""Section roles from the vocabulary: by heading, inherited by sub-sections, and by position."""

from __future__ import annotations

from ..models import Section
from .vocabulary import Vocabulary


def assign_roles(roots: list[Section], vocab: Vocabulary) -> None:
    def own(section: Section) -> None:
        section.own_roles = vocab.heading_roles(section.title)
        for child in section.children:
            own(child)

    def inherit(section: Section, parent_roles: list[str]) -> None:
        section.roles = list(dict.fromkeys([*parent_roles, *section.own_roles]))
        for child in section.children:
            inherit(child, section.roles)

    for root in roots:
        own(root)
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
