"""Where the shipped rule packs live: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """``auditor/_rules`` in an installed wheel; ``<repo>/rules`` in a checkout or editable install."""
    bundled = _PACKAGE / "_rules"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / "rules"
