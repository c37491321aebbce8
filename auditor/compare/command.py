"""What ``audit compare`` and ``audit PATH --previous LAST`` do, for ``auditor.cli`` (which prints)."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from .engine import compare_documents, load_report
from .models import Comparison
from .render import render_json, render_table

FORMATS = ("table", "json", "html")


def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return render_json(comparison)
    if fmt == "html":
        from ..report.html_compare import render_html

        return render_html(comparison)
    return render_table(comparison)


def compare_files(auditor, last: str, this: str) -> Comparison:
    old, new = load_report(auditor, last), load_report(auditor, this)
    return compare_documents(old, new, auditor.pack.settings, last, this)


def previous_target(paths: list[str], fmt: str) -> None:
    """``--previous`` is checked before the audit starts: one report file, a text or JSON format."""
    if len(paths) != 1 or Path(paths[0]).is_dir():
        raise UsageError(f"--previous compares one report file with last year's, not {' '.join(paths)}")
    if fmt not in ("table", "json"):
        raise UsageError(f"--previous works with --format table or json, not {fmt} "
                         "(use 'audit compare LAST THIS --format html' for a page)")


def with_previous(audit_output: str, comparison: Comparison, fmt: str) -> str:
    """The audit's output with the comparison: after the table, or as ``comparison`` in the JSON."""
    if fmt == "json":
        data = json.loads(audit_output)
        data["comparison"] = comparison.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return audit_output + "\n" + render_table(comparison)
