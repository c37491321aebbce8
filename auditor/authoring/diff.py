"""The text of ``audit rules test``: one line per report that holds, a readable diff for one that
does not, the examples of each pack, and a summary line."""

from __future__ import annotations

import os
from pathlib import Path

from .runner import ExamplesOutcome, Mismatch, ReportOutcome, TestRun

_QUOTES_SHOWN = 5  # a result's quotes listed in a diff (the rest counted)


def shown(path: Path) -> str:
    """A path as typed from the working directory (as given when outside it)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def render(run: TestRun) -> str:
    lines: list[str] = []
    for report in run.reports:
        lines += _report(report)
    for examples in run.examples:
        lines.append(_examples(examples))
    lines.append(f"{len(run.reports)} reports, {run.expectations} expectations, {run.failed} failed")
    return "\n".join(lines) + "\n"


def _report(outcome: ReportOutcome) -> list[str]:
    name = shown(outcome.annotated.report)
    if not outcome.mismatches:
        return [f"ok    {name} ({outcome.expectations} expectations)"]
    out = [f"FAIL  {name} ({len(outcome.mismatches)} of {outcome.expectations} expectations failed)"]
    source = shown(outcome.annotated.source)
    for m in outcome.mismatches:
        out += _mismatch(m, source)
    return out


def _mismatch(m: Mismatch, source: str) -> list[str]:
    where = f"{source}:{m.line}" if m.line else source
    status_differs = m.expected != m.got
    head = (f"expected {m.expected}, got {m.got}" if status_differs
            else f"{m.got} as expected, but evidence is missing")
    out = [f"  {m.what}: {head}  ({where})"]
    if m.message:
        out.append(f"      message: {m.message}")
    if m.missing_evidence:
        out.append("      evidence not found: " + ", ".join(_quoted(q) for q in m.missing_evidence))
    if m.missing_evidence or (m.quotes and m.what != "score"):
        if m.quotes:
            more = len(m.quotes) - _QUOTES_SHOWN
            out.append("      quotes it had: " + ", ".join(_quoted(q) for q in m.quotes[:_QUOTES_SHOWN])
                       + (f" (and {more} more)" if more > 0 else ""))
        else:
            out.append("      quotes it had: none")
    return out


def _quoted(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return f"“{one_line if len(one_line) <= limit else one_line[:limit] + '…'}”"


def _examples(outcome: ExamplesOutcome) -> str:
    packs = "+".join(shown(Path(p)) if p.endswith((".yaml", ".yml")) else p for p in outcome.packs)
    if outcome.problem is None:
        return f"ok    examples of {packs}"
    return f"FAIL  examples of {packs}: {outcome.problem}"
