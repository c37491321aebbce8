"""Normalise: fold characters and strip web clutter, keeping an offset map to the original."""

from __future__ import annotations

from .clutter import CleanResult, parse_date, strip_clutter
from .fold import fold, fold_phrase
from .mapped import MappedText

__all__ = ["CleanResult", "MappedText", "fold", "fold_phrase", "normalise", "parse_date"]


def normalise(original: str) -> CleanResult:
    """Fold ``original`` then strip clutter, keeping offsets back to ``original``."""
    return strip_clutter(fold(MappedText.identity(original)))
