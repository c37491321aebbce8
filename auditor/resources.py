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


CACHE_ENV = "AUDITOR_CACHE_DIR"


def cache_dir() -> Path:
    """The user's cache folder for auditor (``$AUDITOR_CACHE_DIR`` first). Callers must cope with
    it being unwritable: a cache only ever saves time."""
    import os
    import sys

    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "auditor"
