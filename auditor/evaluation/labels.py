"""Load a label index and its case files, with every error naming the file and the YAML line."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..errors import RulePackError
from ..yamlpos import LocatedYaml, load_located
from .models import Case, CaseLabels, LabelError, LabelIndex


def load_cases(index_path: str | Path, known_codes: Collection[str]) -> list[Case]:
    """Every case the index's patterns match, in pattern order then name order (each once).

    ``known_codes`` are the rule codes of the pack being evaluated: a label for any other code
    is an error, since it would silently measure nothing."""
    index_file = Path(index_path)
    index_doc = _located(index_file)
    index: LabelIndex = _validate(index_doc, LabelIndex)
    base = index_file.parent
    files: list[Path] = []
    for pattern in index.cases:
        for match in sorted(base.glob(pattern)):
            if match.is_file() and match.resolve() != index_file.resolve() and match not in files:
                files.append(match)
    if not files:
        raise LabelError(f"no case file matches {', '.join(repr(p) for p in index.cases)}",
                         path=index_file, line=index_doc.line_of(("cases",)))
    cases = [_load_case(f, known_codes) for f in files]
    seen: dict[str, str] = {}
    for c in cases:
        if c.id in seen:
            raise LabelError(f"case id '{c.id}' is also used by {seen[c.id]} (ids are file names without suffix)",
                             path=c.file)
        seen[c.id] = c.file
    return cases


def _load_case(path: Path, known_codes: Collection[str]) -> Case:
    doc = _located(path)
    labels: CaseLabels = _validate(doc, CaseLabels)
    for code in labels.rules:
        if code not in known_codes:
            raise LabelError(f"unknown rule code '{code}' (not in the pack being evaluated)",
                             path=path, line=doc.line_of(("rules", code)))
    report = path.parent / labels.report
    if not report.is_file():
        raise LabelError(f"report file '{labels.report}' not found (looked for {report})",
                         path=path, line=doc.line_of(("report",)))
    return Case(id=path.stem, file=str(path), report=str(report), labels=labels)


def _located(path: Path) -> LocatedYaml:
    try:
        return load_located(path)
    except RulePackError as exc:  # the shared loader speaks of packs; these are label files
        raise LabelError(exc.message, path=exc.path, line=exc.line) from None


def _validate(doc: LocatedYaml, model):
    if not isinstance(doc.data, dict):
        raise LabelError("must be a mapping of keys (see fixtures/eval/README.md)", path=doc.path, line=1)
    try:
        return doc.validate(model)
    except RulePackError as exc:
        raise LabelError(exc.message, path=exc.path, line=exc.line) from None
