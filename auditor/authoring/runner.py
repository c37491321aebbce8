"""``audit rules test``: audit each annotated report with its packs and compare the results with
what its annotations expect; run the examples of every pack used (they are tests of the pack).

Nothing here prints: ``diff.render`` turns the outcome into text, the CLI chooses the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AuditorError, InputError, RulePackError
from .expectations import AnnotatedReport, RuleExpectation, blank_front_matter, front_matter, load_annotated

NO_RESULT = "—"


@dataclass
class Mismatch:
    """One expectation that does not hold: a rule's (or the score's) expected and actual values."""

    what: str  # a rule code, or "score"
    expected: str
    got: str
    line: int | None  # the expectation's line in its YAML
    message: str | None = None  # the rule result's message
    missing_evidence: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # the quotes the result had


@dataclass
class ReportOutcome:
    annotated: AnnotatedReport
    expectations: int
    mismatches: list[Mismatch]


@dataclass
class ExamplesOutcome:
    packs: tuple[str, ...]
    problem: str | None  # the first failing example (file:line: message), None when all pass


@dataclass
class TestRun:
    reports: list[ReportOutcome]
    examples: list[ExamplesOutcome]

    @property
    def expectations(self) -> int:
        return sum(r.expectations for r in self.reports)

    @property
    def failed(self) -> int:
        """Failed expectations, and packs whose examples failed."""
        return sum(len(r.mismatches) for r in self.reports) + sum(e.problem is not None for e in self.examples)


def run_folder(folder: Path, rules: list[str] | None = None, *, plugins=None, preview: bool = False) -> TestRun:
    """Every annotated report under ``folder`` against its packs (its own ``rules:``, else
    ``rules``, else the default pack). Raises ``AuditorError`` (exit 2) for unusable input: a bad
    expectations block, a rule code its packs do not have, a report that cannot be read.
    ``preview``: run the rules marked ``preview: true`` too (as ``audit --preview``)."""
    from ..api import DEFAULT_PACK, Auditor, load_rules
    from ..profiles import packs_for

    annotated = load_annotated(folder)
    if not annotated:
        raise InputError("holds no annotated report (a NAME.EXT.expect.yaml beside NAME.EXT, or a .txt/.md "
                         "file starting with a '---' front-matter block)", path=folder)
    auditors: dict[tuple[tuple[str, ...], str], Auditor] = {}
    outcomes = []
    for a in annotated:
        profile = a.spec.profile or "auto"
        # (a fixed profile adds its kind's pack, as the audit does)
        key = (tuple(packs_for(a.packs(list(rules or [])), profile, DEFAULT_PACK)), profile)
        if key not in auditors:
            # Examples are not run here but below, where a failing one is a failed test (exit 1), not
            # a pack that cannot be loaded (exit 2).
            try:
                pack = load_rules(*key[0], plugins=plugins, run_examples=False, preview=True)
            except AuditorError as exc:
                if exc.path is not None or not a.spec.rules:
                    raise
                raise RulePackError(f"rules: {exc.message}", path=a.source, line=a.line_of("rules")) from None
            auditors[key] = Auditor(pack, profile=profile, plugins=plugins, preview=preview)
            plugins = auditors[key].plugins
        outcomes.append(_compare(a, auditors[key]))
    examples = []
    for packs in dict.fromkeys(packs for packs, _profile in auditors):
        try:
            load_rules(*packs, plugins=plugins, run_examples=True)
        except RulePackError as exc:  # the packs loaded above: what fails now is an example
            examples.append(ExamplesOutcome(packs, str(exc)))
        else:
            examples.append(ExamplesOutcome(packs, None))
    return TestRun(outcomes, examples)


def _compare(a: AnnotatedReport, auditor) -> ReportOutcome:
    expected = a.spec.rule_expectations()
    codes = {r.code for r in auditor.pack.rules}
    for code in expected:
        if code in auditor.pack.preview and code not in codes:
            raise RulePackError(f"expect: rule {code} is a preview rule: test it with --preview",
                                path=a.source, line=_line(a, code))
        if code not in codes:
            raise RulePackError(f"expect: rule {code} is not in the pack ({auditor.pack.name}); "
                                "see 'audit rules'", path=a.source, line=_line(a, code))
    result = _audit(a, auditor)
    if not result.evaluated and result.status != "not_a_report":
        raise InputError(result.problem or "could not be audited", path=a.report)
    by_code = {r.code: r for r in result.results}
    mismatches = []
    for code, want in expected.items():
        got = by_code.get(code)
        miss = _mismatch(code, want, got, a, result)
        if miss is not None:
            mismatches.append(miss)
    if a.spec.score is not None:
        low, high = a.spec.score.min, a.spec.score.max
        score = result.score
        if score is None or (low is not None and score < low) or (high is not None and score > high):
            mismatches.append(Mismatch(
                "score", f"{low:g}–{high:g}" if low is not None and high is not None
                else f"at least {low:g}" if low is not None else f"at most {high:g}",
                NO_RESULT if score is None else f"{score:g}", a.line_of("score"),
                message=None if score is not None else "; ".join(result.reasons)))
    return ReportOutcome(a, len(expected) + (a.spec.score is not None), mismatches)


def _line(a: AnnotatedReport, code: str) -> int | None:
    for key in a.spec.expect:  # as written (the model upper-cases codes)
        if key.upper() == code:
            return a.line_of("expect", key)
    return a.line_of("expect")


def _audit(a: AnnotatedReport, auditor):
    if not a.front_matter_lines:
        return auditor.audit_path(a.report)
    try:
        source = auditor.read(a.report)
    except InputError as exc:
        return auditor._unevaluated(str(a.report), exc.message, None)
    block = front_matter(source.text)
    if block is not None:
        source = source.model_copy(update={"text": blank_front_matter(source.text.lstrip("\ufeff"), block[1])})
    return auditor.audit_source(source)


def _mismatch(code: str, want: RuleExpectation, got, a: AnnotatedReport, result) -> Mismatch | None:
    line = _line(a, code)
    if got is None:  # not a report: no rule ran
        return Mismatch(code, want.status, NO_RESULT, line, message="；".join(result.reasons) or None)
    quotes = [e.quote for e in got.evidence] + [f.quote for f in got.findings if f.quote]
    missing = [q for q in want.evidence if not any(q in quote for quote in quotes)]
    if got.status.value == want.status and not missing:
        return None
    return Mismatch(code, want.status, got.status.value, line, message=got.message,
                    missing_evidence=missing, quotes=quotes)
