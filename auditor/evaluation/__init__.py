"""``audit eval``: measure verdicts against a labelled set (fixtures/eval/README.md).

models (label files, results) · labels (loading) · runner (auditing) · metrics (comparison,
thresholds) · render (table, markdown, json). Nothing here prints."""

from .labels import load_cases
from .metrics import measure, metadata_matches, misses
from .models import Case, CaseLabels, Evaluation, LabelError, LabelIndex, Miss, Thresholds
from .render import RENDERERS, render
from .runner import evaluate

__all__ = ["RENDERERS", "Case", "CaseLabels", "Evaluation", "LabelError", "LabelIndex", "Miss", "Thresholds",
           "evaluate", "load_cases", "measure", "metadata_matches", "misses", "render"]
