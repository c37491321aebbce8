"""A CI baseline: adopt the gate on old drafts by failing only on findings that are new.

``--write-baseline FILE`` records a key for every finding of the run; ``--baseline FILE`` drops the
findings whose key is recorded before the gate is decided. A key is stable across edits that only
move text: the rule code, the section path (heading titles without their 一、/（二） markers, so
renumbering does not matter) and the quoted text with white space removed, hashed. Line and
column are not part of it. Keys are counted per report, so a second copy of a known finding in
the same report is new.

Imported only when one of the two flags is given.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ._version import __version__
from .errors import UsageError
from .models import AuditRun, Finding, GateSettings
from .models.factories import empty_list
from .numbering import PATH_MARKER
from .paths import resolved
from .scoring import gate

BASELINE_VERSION = 1
_MARKER = re.compile(PATH_MARKER)


class BaselineEntry(BaseModel):
    path: str  # the report, relative to the baseline file's folder when it is below it
    rule: str
    section: str
    quote: str
    key: str


class Baseline(BaseModel):
    baseline_version: int = BASELINE_VERSION
    tool: str = f"auditor {__version__}"
    findings: list[BaselineEntry] = Field(default_factory=empty_list)


def section_path(finding: Finding) -> str:
    if finding.location is None:
        return ""
    return " > ".join(_MARKER.sub("", h, count=1).strip() for h in finding.location.heading_path)


def normalised_quote(finding: Finding) -> str:
    text = unicodedata.normalize("NFKC", finding.quote or finding.message)
    return "".join(text.split()).rstrip("…")


def finding_key(rule: str, section: str, quote: str) -> str:
    return hashlib.sha256(f"{rule}\x1f{section}\x1f{quote}".encode()).hexdigest()[:20]


def key_of(finding: Finding) -> str:
    return finding_key(finding.code, section_path(finding), normalised_quote(finding))


def report_name(path: str, base_dir: Path) -> str:
    p = resolved(path)
    try:
        return p.relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def build(run: AuditRun, base_dir: Path) -> Baseline:
    entries = []
    for r in run.reports:
        if not r.evaluated:
            continue
        name = report_name(r.path, base_dir)
        for f in r.findings:
            entries.append(BaselineEntry(path=name, rule=f.code, section=section_path(f),
                                         quote=normalised_quote(f), key=key_of(f)))
    return Baseline(findings=entries)


def dumps(baseline: Baseline) -> str:
    return baseline.model_dump_json(indent=2) + "\n"


def load(path: Path) -> Baseline:
    """The baseline file, or one line naming it and the problem."""
    if not path.is_file():
        raise UsageError("baseline file does not exist", path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"is not a baseline file (not readable JSON: {exc})", path=path) from None
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise UsageError(f"is not a baseline file (expected baseline_version {BASELINE_VERSION}; "
                         "write one with --write-baseline)", path=path)
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"is not a baseline file ({where}: {first['msg']})", path=path) from None


def apply(run: AuditRun, baseline: Baseline, base_dir: Path, gates: dict[str, GateSettings]) -> int:
    """Drop known findings from every report, then decide each report's gate again on what is
    left (``--fail-under`` still applies: the score is not a finding). Returns how many were dropped."""
    known: dict[str, Counter[str]] = {}
    for e in baseline.findings:
        known.setdefault(e.path, Counter())[e.key] += 1
    dropped = 0
    for r in run.reports:
        if not r.evaluated:
            continue
        left = known.get(report_name(r.path, base_dir), Counter())
        kept_keys: Counter[str] = Counter()
        for result in r.results:
            kept = []
            for f in result.findings:
                k = key_of(f)
                if left[k] > 0:
                    left[k] -= 1
                    dropped += 1
                else:
                    kept.append(f)
                    kept_keys[k] += 1
            result.findings = kept
        findings = []
        for f in r.findings:
            k = key_of(f)
            if kept_keys[k] > 0:
                kept_keys[k] -= 1
                findings.append(f)
        r.findings = findings
        r.reasons = gate(r.results, r.score, gates.get(r.path, run.gate))
        r.verdict = "fail" if r.reasons else "pass"
    run.summary.passed = sum(r.verdict == "pass" for r in run.reports)
    run.summary.failed = sum(r.verdict == "fail" for r in run.reports)
    return dropped
