"""What ``audit compare`` and ``audit PATH --previous LAST`` do, for ``auditor.cli`` (which prints)."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import AuditorError, UsageError
from ..models.comparison import Comparison, NotCompared, YearComparisons
from .engine import compare_documents, compare_paths, load_report
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
    return compare_paths(last, this, auditor)


def previous_target(paths: list[str]) -> None:
    """``--previous`` is checked before the audit starts: one report file."""
    if len(paths) != 1 or Path(paths[0]).is_dir():
        raise UsageError(f"--previous compares one report file with last year's, not {' '.join(paths)} "
                         "(for a folder of both years: --compare-years)")


def with_previous(audit_output: str, comparison: Comparison, fmt: str) -> str:
    """The audit's output with the comparison: after the table, or as ``comparison`` in the JSON."""
    if fmt == "json":
        data = json.loads(audit_output)
        data["comparison"] = comparison.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return audit_output + "\n" + render_table(comparison)


def with_years(audit_output: str, years: YearComparisons, fmt: str) -> str:
    """The audit's output with every pair's comparison: after the table, or as ``comparisons`` and
    ``not_compared`` in the JSON."""
    if fmt == "json":
        data = json.loads(audit_output)
        dumped = years.model_dump(mode="json")
        data["comparisons"], data["not_compared"] = dumped["comparisons"], dumped["not_compared"]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    parts = [audit_output]
    for c in years.comparisons:
        parts.append(render_table(c))
    if years.not_compared:
        parts.append("未作对比的报告：\n" + "".join(f"  {n.path}：{n.reason}\n" for n in years.not_compared))
    return "\n".join(parts)


def compare_years(batch, run, asked: set[str]) -> YearComparisons:
    """Pair the evaluated reports of ``run`` by organisation and year (or the configuration's
    ``previous``) and compare each pair whose this-year report is in ``asked``. A mapping to a file
    that does not exist is a configuration error (exit 2); a pair that cannot be compared is left
    uncompared with the reason."""
    from .years import Entry, pair_reports

    entries = []
    for r in run.reports:
        if not r.evaluated:
            continue
        file = Path(r.path)
        config = batch.config_for(file)
        mapped = config.previous_for(file) if config is not None else None
        if mapped is not None and not mapped[0].is_file():
            raise UsageError(f"previous: '{mapped[0]}' (last year's report of {r.path}) does not exist",
                             path=mapped[1].path)
        m = r.metadata
        entries.append(Entry(shown=r.path, file=file, organisation=m.organisation.value if m.organisation else None,
                             year=m.report_year.value if m.report_year else None,
                             mapped=mapped[0] if mapped else None))
    pairs, notes = pair_reports(entries)
    out = YearComparisons(not_compared=[n for n in notes if n.path in asked])
    docs: dict = {}  # a middle year's report is this year's of one pair and last year's of the next

    def load(auditor, file: Path):
        key = (auditor, file.resolve())
        if key not in docs:
            docs[key] = load_report(auditor, file)
        return docs[key]

    for p in pairs:
        if p.this.shown not in asked:
            continue
        auditor = batch.auditor(batch.effective(p.this.file, batch.config_for(p.this.file))[0])
        try:
            c = compare_documents(load(auditor, p.last_file), load(auditor, p.this.file), auditor.pack.settings,
                                  str(p.last_file), p.this.shown)
        except AuditorError as exc:
            out.not_compared.append(NotCompared(path=p.this.shown, organisation=p.this.organisation,
                                                year=p.this.year, reason=f"无法与上年度报告{p.last}对比：{exc}"))
            continue
        c.last.path = p.last
        out.comparisons.append(c)
    return out
