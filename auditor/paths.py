"""Paths as the outputs and settings compare them, whatever the file system holds."""

from __future__ import annotations

from pathlib import Path


def resolved(path: str | Path) -> Path:
    """``Path(path).resolve()``, or the absolute path of one that cannot be resolved: a symbolic
    link loop (``resolve`` raised RuntimeError before Python 3.13, OSError since) must not stop a
    run that only wants to name or compare the file; its reader says what is wrong with it."""
    path = Path(path)
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
