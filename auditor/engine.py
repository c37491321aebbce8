"""Check: run a compiled pack over a parsed document → one ``RuleResult`` per rule."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from .checks.base import MAX_FINDINGS, CheckContext, Outcome
from .models import (
    Document,
    Evidence,
    Finding,
    Location,
    MissingItem,
    RuleResult,
    Severity,
    SourceText,
    Span,
    Status,
)
from .models.lexicon import lexicon
from .models.pack import RuleSpec
from .models.trusted import trusted
from .parse import parse
from .rules.loader import CompiledRule, RulePack

M = TypeVar("M", bound=BaseModel)
_LOWER = {Severity.error: Severity.warning, Severity.warning: Severity.info, Severity.info: Severity.info}
# The statuses to_result tells apart, as module constants: a member read from its class goes past
# the enum metaclass's __getattr__ hook (~500 instructions; a report makes ~80 such reads here).
_FAILED, _PARTIAL = Status.failed, Status.partial
_NONE: list[Any] = []  # shared by the outcomes' empty lists in check_document: never changed


def check_document(pack: RulePack, doc: Document) -> list[RuleResult]:
    # The context and its indexes are freed before the results are made, and each outcome once its
    # result is: fewer objects alive at once, so the collector runs less often (a report's peak had
    # crossed its first generation's threshold: ~0.1 ms a report).
    outcomes = run_checks(pack, doc)
    # Their empty lists (most outcomes have two) let go for one shared list, read only here: about
    # 70 fewer objects alive while the results are made, which keeps the peak further below the
    # collector's threshold (in a loop that holds a document meanwhile, half of the audits of
    # report 000 met a collection; a quarter now).
    for o in outcomes:
        if not o.evidence:
            o.evidence = _NONE
        if not o.missing:
            o.missing = _NONE
        if not o.findings:
            o.findings = _NONE
    outcomes.reverse()  # (popped in the pack's order)
    places: dict[tuple[int, int], Location] = {}  # this report's locations by span (see to_result)
    return [to_result(rule, outcomes.pop(), doc, places) for rule in pack.rules]


def check_context(pack: RulePack, doc: Document) -> CheckContext:
    """What the pack's checks share while they look at one document: the phrase hits of one scan of
    its text, the pack's settings, word boundaries and role labels."""
    return CheckContext(doc, pack.index.scan(doc.text), pack.settings, pack.boundaries(), pack.role_labels(),
                        indexed=pack.index)


def run_rule_on_text(pack: RulePack, rule: CompiledRule, text: str, name: str = "<example>") -> Outcome:
    """One rule's outcome on a text (a rule's examples, a test), parsed with the pack's vocabulary."""
    document = parse(SourceText(path=name, format="example", text=text), pack.vocabulary)
    return rule.check.run(check_context(pack, document))


def run_checks(pack: RulePack, doc: Document) -> list[Outcome]:
    """Each rule's outcome, in the pack's order."""
    ctx = check_context(pack, doc)
    outcomes = []
    for rule in pack.rules:
        # (most rules apply to every kind and year: no call)
        reason = not_applicable_reason(rule, doc) if _own_values(rule).limited else None
        outcomes.append(Outcome(status=Status.not_applicable, credit=1, message=reason) if reason
                        else rule.check.run(ctx))
    return outcomes


def not_applicable_reason(rule: CompiledRule, doc: Document) -> str | None:
    applies = rule.spec.applies_to
    # The document's kind and year are looked up only for a rule limited by them (most are not).
    if applies.kinds:
        kind = doc.metadata.kind.value if doc.metadata.kind else "unknown"
        if kind != "unknown" and kind not in applies.kinds:
            return f"不适用于此类报告（{_KIND_LABELS.get(kind, kind)}）"
    if not applies.years:
        return None
    year = doc.metadata.report_year.value if doc.metadata.report_year else None
    if year is not None:
        if applies.years.min is not None and year < applies.years.min:
            return f"仅适用于{applies.years.min}年度及以后的报告"
        if applies.years.max is not None and year > applies.years.max:
            return f"仅适用于{applies.years.max}年度及以前的报告"
    return None


_KIND_LABELS = lexicon().kind_labels("report")


def severity_for(rule: CompiledRule, status: Status) -> Severity:
    return _severity(rule.spec, status)


def _severity(spec: RuleSpec, status: Status) -> Severity:
    if status is Status.partial:
        return spec.partial_severity or _LOWER[spec.severity]
    return spec.severity


def to_result(rule: CompiledRule, outcome: Outcome, doc: Document,
              places: dict[tuple[int, int], Location] | None = None) -> RuleResult:
    # The values below come from the validated spec, the document and this function, so the result
    # is built without validating it again (models/trusted.py); only what the check returned is
    # vouched for first, and an outcome that is not plain (a plugin's) is validated as before.
    # ``places``: locations already made for this report, by span. A Location is frozen, so a span
    # that several findings and evidence items point at (a quarter of them) is located once and
    # its Location shared: the same values, one model built instead of several.
    make = trusted if _plain(outcome) else _validated
    if places is None:
        places = {}
    # The rule's own values, worked out once from its spec (its attributes are read past the
    # model's __getattr__ hook: ~1k instructions each).
    own = _own_values(rule)
    status = outcome.status
    evidence = outcome.evidence
    message = outcome.message
    findings: list[Finding] = []
    if status is _FAILED or status is _PARTIAL:
        severity = own.failed_severity if status is _FAILED else own.partial_severity
        drafts = outcome.findings
        if len(drafts) > MAX_FINDINGS:  # the first ones, in the check's order (a report's order)
            drafts = drafts[:MAX_FINDINGS]
            message = f"{outcome.message}（仅列出前{MAX_FINDINGS}处）"
        if drafts:
            code, title, suggestion = own.code, own.title, own.suggestion
            location: Location | None
            quote: str | None
            for d in drafts:
                span = d.span
                if span:
                    start, end = span
                    location, quote = _located(doc, places, start, end), doc.quote(start, end, 8)
                else:
                    location = quote = None
                findings.append(make(Finding, {
                    "code": code, "severity": severity, "message": f"{title}：{d.message}",
                    "location": location, "quote": quote, "suggestion": suggestion,
                    "replacement": d.replacement}, _FINDING_SET))
        else:
            # Where the evidence is; for a missing element, where it belongs (its part's heading, else
            # the title). The quote is always taken at the location.
            anchor: Span | None
            if evidence:
                anchor = evidence[0].span
                quote = doc.quote(anchor.start, anchor.end, context=10)
            else:
                anchor = _first_line(doc, outcome.anchor or _fallback_anchor(doc))
                quote = doc.quote(anchor.start, anchor.end, limit=40) if anchor else None
            findings.append(make(Finding, {
                "code": own.code, "severity": severity, "message": f"{own.title}：{outcome.message}",
                "location": _located(doc, places, anchor.start, anchor.end) if anchor else None,
                "quote": quote, "suggestion": own.suggestion, "replacement": None}, _SUMMARY_SET))
    found = []
    if evidence:  # (a loop, not a comprehension: no function call in 3.11)
        quote_at = doc.quote
        for e in evidence:
            start, end = e.span
            location = _located(doc, places, start, end)
            found.append(make(Evidence, {"item": e.item, "quote": quote_at(start, end, 12), "location": location},
                              _EVIDENCE_SET))
    values = own.values.copy()  # every key in the fields' order
    credit = outcome.credit
    if not (type(credit) is float and (credit * 16.0) % 1.0 == 0.0):  # scoring.rounded(credit, 4), inlined
        credit = round(credit, 4)
    values["status"] = status
    values["credit"] = credit if type(credit) is float else float(credit)
    values["message"] = message
    values["evidence"] = found
    values["missing"] = list(outcome.missing)
    values["findings"] = findings
    values["basis"] = list(rule.basis)  # (each result owns its lists: a caller may change one)
    return make(RuleResult, values, _RESULT_SET)


class _OwnValues:
    """What a rule's results take from the rule alone, kept on the compiled rule (``derived``)
    with the spec it came from."""

    __slots__ = ("code", "failed_severity", "limited", "partial_severity", "spec", "suggestion", "title", "values")

    def __init__(self, spec: Any):
        self.spec = spec
        self.code, self.title, self.suggestion = spec.code, spec.title, spec.suggestion
        self.failed_severity = _severity(spec, Status.failed)
        self.partial_severity = _severity(spec, Status.partial)
        applies = spec.applies_to
        self.limited = bool(applies.kinds or applies.years)  # not_applicable_reason may say something
        self.values = _rule_values(spec)


def _own_values(rule: CompiledRule) -> _OwnValues:
    """The rule's own values, made on first use and again if its spec object was replaced."""
    own = rule.derived.get("result")
    if own is None or own.spec is not rule.spec:
        own = rule.derived["result"] = _OwnValues(rule.spec)
    return own


def _rule_values(spec: Any) -> dict[str, Any]:
    """A rule result's values that depend on the rule alone; the rest are placeholders, set per
    report (every key in the fields' order)."""
    return {"code": spec.code, "title": spec.title, "group": spec.group, "severity": spec.severity,
            "weight": float(spec.weight), "status": None, "credit": None, "message": None, "evidence": None,
            "missing": None, "findings": None, "suggestion": spec.suggestion, "basis": None, "waived": False,
            "waiver_reason": None}


# The fields the validated calls used to be given (a model records them; assignment adds to them):
# as frozensets, which a set copies at half the cost of one made from the values' keys.
_FINDING_SET = frozenset(Finding.model_fields)
_EVIDENCE_SET = frozenset(Evidence.model_fields)
_SUMMARY_SET = frozenset(("code", "severity", "message", "location", "quote", "suggestion"))
_RESULT_SET = frozenset(("code", "title", "group", "severity", "weight", "status", "credit", "message", "evidence",
                         "missing", "findings", "suggestion", "basis"))


def _plain(outcome: Outcome) -> bool:
    """What a check returned is of the types validation would leave: a status, a credit in [0, 1],
    a message, missing items as models, evidence items and replacements as text or None."""
    credit = outcome.credit
    if not (type(outcome.status) is Status and type(outcome.message) is str
            and (type(credit) is float or type(credit) is int) and 0 <= credit <= 1):
        return False
    for m in outcome.missing:
        if type(m) is not MissingItem:
            return False
    for e in outcome.evidence:
        item = e.item
        if item is not None and type(item) is not str:
            return False
    for d in outcome.findings:  # (a loop, not all() over a generator)
        replacement = d.replacement
        if replacement is not None and type(replacement) is not str:
            return False
    return True


def _validated(cls: type[M], values: dict[str, Any], fields_set: frozenset[str] | None = None) -> M:
    """The validated call of before: only the fields it was given, in their order."""
    if fields_set is not None:
        values = {k: v for k, v in values.items() if k in fields_set}
    return cls(**values)


def _located(doc: Document, places: dict[tuple[int, int], Location], start: int, end: int) -> Location:
    """``doc.locate(start, end)``, made once per span of a report."""
    key = (start, end)
    location = places.get(key)
    if location is None:
        location = places[key] = doc.locate(start, end)
    return location


def _first_line(doc: Document, span: Span | None) -> Span | None:
    """A whole section is too big to point at: point at its first line (its heading)."""
    if span is None:
        return None
    nl = doc.text.find("\n", span.start, span.end)
    return Span(start=span.start, end=nl) if nl > span.start else span


def _fallback_anchor(doc: Document) -> Span | None:
    """Where a whole-document finding points: the title, else the start of the body."""
    if doc.title:
        return doc.title
    if doc.body:
        return Span(start=doc.body.start, end=min(doc.body.end, doc.body.start + 1))
    return None
