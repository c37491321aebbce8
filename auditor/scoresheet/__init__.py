"""Score sheets: an evaluator's indicators, points and deductions, written as data (YAML).

A scheme (``rules/schemes/*.yaml``) lists indicators; each has full points, what earns them (a
rule's result, or ``all_of``/``any_of`` combinations of results) and deductions per defect (per
missing item, per finding of given codes and severities, per rule not met), capped at the
indicator's points and never below zero. ``audit --scoring NAME|PATH`` adds a score sheet to each
report and a ranking to the batch.

Imported only when a scheme is used: it loads YAML.
"""

from __future__ import annotations

from .compute import rank, score_report, score_run
from .models import Scheme, available_schemes, load_scheme, resolve_scheme

__all__ = ["Scheme", "available_schemes", "load_scheme", "rank", "resolve_scheme", "score_report", "score_run"]
