"""auditor-county: a county-level rule pack for auditor, published as a plugin.

Registered under the entry-point group ``auditor`` (see pyproject.toml). It adds one check type,
``rate_target``, and one rule pack, ``county``, which extends auditor's default pack.
"""

from __future__ import annotations

from pathlib import Path

from auditor.plugins import hookimpl

PACKS = Path(__file__).parent / "packs"

__version__ = "0.1.0"


@hookimpl
def auditor_check_types():
    # Imported here, not at the top: auditor loads plugins on every start, and a check type
    # (pydantic models, auditor's matching code) is only needed when a pack is compiled.
    from .rate_target import RateTarget

    return [RateTarget]


@hookimpl
def auditor_rule_pack_paths() -> list[Path]:
    return [PACKS / "county.yaml"]
