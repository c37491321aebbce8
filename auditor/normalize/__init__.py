"""Normalise: fold characters and strip web clutter, keeping an offset map to the original."""

from __future__ import annotations

from .clutter import CleanResult, parse_date, strip_clutter
from .fold import fold, fold_chars, fold_phrase, folds_to_itself, tidy_spaces
from .mapped import MappedText

__all__ = ["CleanResult", "MappedText", "fold", "fold_phrase", "folds_to_itself", "normalise", "parse_date"]


def normalise(original: str) -> CleanResult:
    """Fold characters, strip clutter (while spaces still separate page fields), then tidy
    spaces; every step keeps offsets back to ``original``."""
    result = strip_clutter(fold_chars(MappedText.identity(original)))
    result.mapped = tidy_spaces(result.mapped)
    return result
