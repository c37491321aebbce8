"""Profiles: the kind of body a report comes from, and the rule pack that kind adds.

``auto`` (the default) keeps the selected packs as they are and takes the kind from the report
(title, signature, how the body names itself): the baseline rules that depend on the kind (the
filing deadlines TM001/TM004) follow it. A fixed profile (``government``, ``department``,
``town``, ``joint``: ``--profile`` or ``profile:`` in the configuration) sets the kind and adds
that kind's pack (``rules/packs/<kind>.yaml``: the items a body of that kind must cover) to the
selected packs. Kind packs are opt-in so that the default run keeps its verdicts; to apply every
kind's items by the detected kind instead, select the ``kinds`` pack.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UsageError
from .models.lexicon import lexicon

KINDS = tuple(lexicon().kind_labels("short", known_only=True))  # (the report kinds of rules/lexicon.yaml)
PROFILES = ("auto", *KINDS)


def check_profile(profile: object) -> str:
    """``profile`` when it is one of ``PROFILES`` (the library's and the CLI's one check of it)."""
    if not isinstance(profile, str) or profile not in PROFILES:
        raise UsageError(f"unknown profile '{profile}' (choose from: {', '.join(PROFILES)})")
    return profile


def packs_for(refs: Sequence[str], profile: str, default: str) -> list[str]:
    """The packs to load for ``profile``: the selected ones (``default`` when none), plus the kind
    pack when the profile fixes the kind."""
    packs = list(refs) or [default]
    if check_profile(profile) in KINDS and profile not in packs:
        packs.append(profile)
    return packs
