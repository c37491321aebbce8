"""``audit compare LAST THIS``: last year's report against this year's.

- plan follow-through: each item of last year's next-year plan, matched to this year's measures
  (reported / not found), judged with the clause model so that a planned or postponed mention is
  not a report of work done;
- repetition: shortcomings and plan items copied from last year, and whole paragraphs reused;
- figures: the same indicator reported with numbers in both years, side by side.

Imported only by the ``compare`` subcommand and ``--previous``: it loads jieba and rapidfuzz.
"""

from __future__ import annotations

from ..models.comparison import Comparison, Figure, Place, PlanItem, Repetition, ReportRef
from .engine import compare_documents, compare_paths

__all__ = [
           "Comparison",
           "Figure",
           "Place",
           "PlanItem",
           "Repetition",
           "ReportRef",
           "compare_documents",
           "compare_paths",
]
