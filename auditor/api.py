"""The library API. Nothing here prints or exits. An ``Auditor`` holds its own plugins and
compiled pack. Compiled packs are immutable and cached per process (``auditor.rules.loader``),
so the module functions ``audit_text``/``audit_path`` reuse one compiled pack, one plugin set and
one word segmenter across calls: only the first call in a process pays for loading them, and no
state a caller can change is shared."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .discover import discover
from .engine import check_document, run_rule_on_text
from .errors import AuditorError, InputError, UsageError
from .models import (
    SCHEMA_VERSION,
    AppliedWaiver,
    AuditResult,
    AuditRun,
    Document,
    Finding,
    GateSettings,
    PackInfo,
    RuleInfo,
    RuleResult,
    RunSummary,
    Severity,
    SourceText,
    Status,
)
from .models.document import SourcedKind, empty_metadata, sourced
from .models.trusted import trusted
from .parse import load_vocabulary
from .parse import parse as parse_source
from .plugins.manager import Plugins, make_plugins
from .recognise import not_a_report
from .rules import pack_cache
from .rules.loader import RulePack, load_pack
from .scoring import gate_of, missing_entries_of, score_of

DEFAULT_PACK = "default"
# A long annual report has tens of thousands of characters; a whole year's reports pasted into one
# file a few million. Beyond this an input is refused rather than audited for minutes.
MAX_CHARACTERS = 5_000_000
# A long report has a few hundred lines and a hundred headings; a year's reports pasted into one
# file (the benchmark's 3 million characters) 60,000 lines and 15,000 headings. Past these, the
# parse and the checks grow with every line and heading (2.4 million short lines: 19 s, 1.5 GB).
MAX_LINES = 100_000
MAX_HEADINGS = 40_000


def load_rules(*refs: str, select: list[str] | None = None, ignore: list[str] | None = None,
               plugins: Plugins | None = None, run_examples: bool | None = None, preview: bool = False) -> RulePack:
    """Load rule packs by name (``baseline``) or path, merged in order; default: ``default``.

    ``run_examples``: ``True`` runs every rule's examples (as ``audit check-rules`` does); the
    default runs them only for a user pack loaded for the first time since it changed.
    ``preview``: keep the rules marked ``preview: true`` (left out by default, as in Ruff)."""
    from . import arguments as check

    refs = tuple(check.check_pack_refs(refs, "refs"))  # (every argument checked: auditor/arguments.py)
    select, ignore = check.check_codes(select, "select"), check.check_codes(ignore, "ignore")
    check.check_flag(run_examples, "run_examples", optional=True)
    check.check_flag(preview, "preview")
    plugins = check.check_plugins(plugins) or _plugins()
    pack = load_pack(list(refs) or [DEFAULT_PACK], pack_paths=plugins.pack_paths(),
                     vocabularies=plugins.vocabularies(), check_types=plugins.check_types(),
                     run_rule=run_rule_on_text, run_examples=run_examples)
    return pack.selected(select, ignore, preview) if (select or ignore or (pack.preview and not preview)) else pack


class Auditor:
    def __init__(self, rules: RulePack | Iterable[str] | None = None, *,
                 fail_on: Severity | str = Severity.error, fail_under: float | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 profile: str = "auto", plugins: Plugins | None = None, recognise: bool = True,
                 preview: bool = False):
        """``recognise=False`` audits any text as a report (a snippet checked against a few rules);
        by default a text that is not a 法治政府建设年度报告 gets the status ``not_a_report``.
        ``preview=True`` also runs the rules marked ``preview: true``.
        Every argument is checked first (auditor/arguments.py): a bad one is a ``UsageError``."""
        from . import arguments as check
        from .profiles import packs_for

        # All checked before anything is loaded: one line for the first bad value, nothing half made.
        self.profile = check.check_profile(profile)  # a report kind to assume instead of detecting it ("auto")
        gate = {"fail_on": check.check_severity(fail_on), "fail_under": check.check_score(fail_under)}
        select, ignore = check.check_codes(select, "select"), check.check_codes(ignore, "ignore")
        self.recognise = bool(check.check_flag(recognise, "recognise"))
        preview = bool(check.check_flag(preview, "preview"))
        refs = None if isinstance(rules, RulePack) else check.check_pack_refs(rules)
        self.plugins = check.check_plugins(plugins) or make_plugins()
        if isinstance(rules, RulePack):
            self.pack = (rules.selected(select, ignore, preview)
                         if (select or ignore or (rules.preview and not preview)) else rules)
        else:  # a fixed kind adds its pack (auditor/profiles.py)
            self.pack = load_rules(*packs_for(refs or [], self.profile, DEFAULT_PACK), select=select,
                                   ignore=ignore, plugins=self.plugins, preview=preview)
        self.gate = trusted(GateSettings, gate)  # (checked above: a Severity and a float or None)
        self._catalog_of: tuple[RulePack, dict[str, RuleInfo]] | None = None  # (see _catalog)

    # -- reading ---------------------------------------------------------------------------

    def suffixes(self) -> list[str]:
        return self.plugins.reader_suffixes()

    def read(self, path: Path) -> SourceText:
        source = self.plugins.read(path)
        if source is None:
            raise InputError(f"unsupported file type '{path.suffix or path.name}' (supported: "
                             f"{', '.join(self.suffixes())})", path=path)
        return source

    def parse(self, source: SourceText) -> Document:
        return parse_source(source, self.pack.vocabulary)

    # -- auditing --------------------------------------------------------------------------

    def catalog(self) -> dict[str, RuleInfo]:
        """What output formats may say about each rule of this auditor's pack (a dict of your own)."""
        return dict(self._catalog())

    def _catalog(self) -> dict[str, RuleInfo]:
        """The catalogue every run of this auditor carries: made once per pack (``summarise`` runs
        once per report when JSON lines are streamed), shared by those runs and read only."""
        pack = self.pack
        made = self._catalog_of
        if made is None or made[0] is not pack:
            # From the validated rule specs: not validated again (models/trusted.py).
            made = self._catalog_of = (pack, {r.code: trusted(RuleInfo, {
                "code": r.code, "title": r.spec.title, "description": r.spec.description or r.spec.title,
                "severity": r.spec.severity, "weight": float(r.spec.weight), "group": r.spec.group,
                "basis": list(r.basis), "suggestion": r.spec.suggestion}) for r in pack.rules})
        return made[1]

    def audit_source(self, source: SourceText, waivers: Sequence[AppliedWaiver] = ()) -> AuditResult:
        if len(source.text) > MAX_CHARACTERS:  # bounded time and memory: refuse, in one line
            return self._unevaluated(source.path, f"is too long for a report ({len(source.text):,} characters; "
                                     f"limit {MAX_CHARACTERS:,})", source)
        if (lines := source.text.count("\n")) > MAX_LINES:  # (C speed; a line costs more than its characters)
            return self._unevaluated(source.path, f"has too many lines for a report ({lines:,}; "
                                     f"limit {MAX_LINES:,})", source)
        doc = self.parse(source)
        if (headings := len(doc.all_sections())) > MAX_HEADINGS:
            return self._unevaluated(source.path, f"has too many headings for a report ({headings:,}; "
                                     f"limit {MAX_HEADINGS:,})", source)
        if not doc.text.strip() or (not doc.paragraphs and not doc.sections):
            return self._unevaluated(source.path, "contains no report text", source)
        if self.profile != "auto":
            doc.metadata.kind = sourced(SourcedKind, value=self.profile, source="config",
                                        raw=f"profile: {self.profile}")
        elif self.recognise:  # a README, a 政府工作报告, a notice: not a failed draft (a profile says it is one)
            why = not_a_report(doc)
            if why:
                result = self._unevaluated(source.path, why, source)
                result.status, result.metadata, result.reasons = "not_a_report", doc.metadata, [why]
                return result
        results = check_document(self.pack, doc)
        metadata = doc.metadata
        del doc  # (not needed for scoring: freed first, so fewer objects are alive at once; see check_document)
        applied = _apply_waivers(results, waivers)
        # Each result's values read once (scoring.values_of) for the score, the gate, the missing
        # entries and the findings.
        values = []
        findings = []
        for r in results:
            v = r.__dict__
            values.append(v)
            findings += v["findings"]
        value, groups = score_of(values)
        reasons = gate_of(values, value, self.gate)
        findings.sort(key=_finding_order)
        # Every value is validated already or built by the engine and scoring: not validated again.
        return trusted(AuditResult, {
            "path": source.path, "format": source.format, "encoding": source.encoding, "evaluated": True,
            "problem": None, "status": "report", "metadata": metadata, "score": value, "groups": groups,
            "verdict": "fail" if reasons else "pass", "reasons": reasons, "results": results,
            "findings": findings, "missing": missing_entries_of(values), "waivers": applied, "config": None,
            "score_sheet": None}, _AUDITED_SET)

    def audit_path(self, path: str | os.PathLike[str], waivers: Sequence[AppliedWaiver] = ()) -> AuditResult:
        """Audit one file. Unreadable, empty or binary files give an *unevaluated* result."""
        p = Path(path)
        try:
            if not p.exists() and not p.is_symlink():  # (a link to nowhere, or a loop: the reader says so)
                raise InputError("no such file or folder", path=p)
        except OSError as exc:  # a name too long for the system …
            raise InputError(f"cannot be read: {exc.strerror or exc}", path=p) from None
        if p.is_dir():
            raise UsageError("is a folder; use audit_paths() for folders", path=p)
        try:
            source = self.read(p)
        except InputError as exc:
            return self._unevaluated(str(p), exc.message, None)
        return self.audit_source(source, waivers)

    def audit_text(self, text: str, name: str = "<text>") -> AuditResult:
        return self.audit_source(SourceText(path=name, format="txt", text=text, encoding=None))

    def collect(self, paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
        """Files to audit: explicit files as given, folders walked recursively for known suffixes."""
        return discover(paths, self.suffixes())

    def audit_paths(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[AuditResult]:
        for p in self.collect(paths):
            yield self.audit_path(p)

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> AuditRun:
        reports = list(self.audit_paths(paths))
        return self.summarise(reports)

    def summarise(self, reports: list[AuditResult]) -> AuditRun:
        pack = self.pack
        # The pack's validated spec, counts and results already built: not validated again. Made by
        # model_construct, not trusted(): a run has a private attribute (its rule catalogue), which
        # trusted() does not fill; one a run.
        values: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "auditor", "version": __version__},
            "pack": trusted(PackInfo, {"name": pack.name, "version": pack.version, "title": pack.title,
                                       "rules": len(pack.rules), "sources": [Path(s).name for s in pack.sources]}),
            "gate": self.gate,
            "reports": list(reports),
            "summary": trusted(RunSummary, {
                "reports": len(reports),
                "passed": sum(r.verdict == "pass" for r in reports),
                "failed": sum(r.verdict == "fail" for r in reports),
                "unevaluated": sum(r.verdict == "unevaluated" for r in reports),
                "waived": sum(len(r.waivers) for r in reports)}),
            "ranking": None}
        run = AuditRun.model_construct(set(_RUN_SET), **values)
        run.catalog = self._catalog()
        return run

    def _unevaluated(self, path: str, problem: str, source: SourceText | None) -> AuditResult:
        return trusted(AuditResult, {
            "path": path, "format": source.format if source else None,
            "encoding": source.encoding if source else None, "evaluated": False, "problem": problem,
            "status": "report", "metadata": empty_metadata(), "score": None, "groups": [], "verdict": "unevaluated",
            "reasons": [f"无法评估：{problem}"], "results": [], "findings": [], "missing": [], "waivers": [],
            "config": None, "score_sheet": None}, _UNEVALUATED_SET)


def _finding_order(f: Finding) -> tuple[int, int, str]:
    """Worst first, then by line, then by code."""
    v = f.__dict__  # (one lookup past the model's __getattr__ hook instead of three)
    location = v["location"]
    return -_RANKS[v["severity"]], location.line if location else 0, v["code"]


_RANKS = {s: s.rank for s in Severity}


def _apply_waivers(results: list[RuleResult], waivers: Sequence[AppliedWaiver]) -> list[AppliedWaiver]:
    """Mark waived rule results (code or prefix); only gaps are waived, and each is reported."""
    applied: list[AppliedWaiver] = []
    if not waivers:
        return applied
    for r in results:
        if r.status not in (Status.failed, Status.partial):
            continue
        w = next((w for w in waivers if r.code.startswith(w.code.upper())), None)
        if w is not None:
            r.waived, r.waiver_reason = True, w.reason
            applied.append(AppliedWaiver(code=r.code, reason=w.reason, source=w.source))
    return applied


# The fields the validated calls used to be given (a model records them; assignment adds to them).
_AUDITED_SET = frozenset(("path", "format", "encoding", "evaluated", "metadata", "score", "groups", "verdict",
                          "reasons", "results", "findings", "missing", "waivers"))
_UNEVALUATED_SET = frozenset(("path", "format", "encoding", "evaluated", "problem", "verdict", "reasons"))
_RUN_SET = frozenset(("tool", "pack", "gate", "reports", "summary"))

_shared_plugins: tuple[tuple[tuple[str, ...], str | None], Plugins] | None = None


def _plugins() -> Plugins:
    """The plugins of the module-level functions (never handed out): discovered again only when
    the import path or the autoload switch changed, which is where new plugins come from."""
    global _shared_plugins
    from .plugins.manager import DISABLE_ENV

    key = (tuple(sys.path), os.environ.get(DISABLE_ENV))
    if _shared_plugins is None or _shared_plugins[0] != key:
        _shared_plugins = (key, make_plugins())
    return _shared_plugins[1]


_default_auditor: tuple[Plugins, Auditor, tuple[Any, ...]] | None = None


def _auditor(options: dict[str, Any]) -> Auditor:
    """The auditor of a module-level call. Without options, one per process (never handed out),
    kept while the plugins are the same and the pack's files unchanged: setting one up again asks
    every plugin hook and lists the pack folder, a tenth of a short report's audit."""
    global _default_auditor
    plugins = _plugins()
    if options:
        options.setdefault("plugins", plugins)
        return Auditor(**options)
    cached = _default_auditor
    if cached is not None and cached[0] is plugins and pack_cache.stamp(cached[1].pack.files()) == cached[2]:
        return cached[1]
    auditor = Auditor(plugins=plugins)
    _default_auditor = (plugins, auditor, pack_cache.stamp(auditor.pack.files()))
    return auditor


# The options ``audit_path``/``audit_text`` pass to ``Auditor`` (its keyword arguments; a test keeps them equal).
AUDITOR_OPTIONS = ("rules", "fail_on", "fail_under", "select", "ignore", "profile", "plugins", "recognise",
                   "preview")


def _checked(function: str, options: dict[str, Any], *extra: str) -> dict[str, Any]:
    """``options`` when every name is one ``function`` takes (their values are checked by ``Auditor``)."""
    from .arguments import check_options

    if options:
        check_options(options, (*AUDITOR_OPTIONS, *extra), function)
    return options


def audit_path(path: str | os.PathLike[str], **options: Any) -> AuditResult:
    """Audit one report file with the default pack (or ``rules=[...]``); repeated calls in one
    process reuse the compiled pack."""
    from .arguments import check_path

    return _auditor(_checked("audit_path", options)).audit_path(check_path(path))


def audit_text(text: str, **options: Any) -> AuditResult:
    """Audit report text given as a string; repeated calls in one process reuse the compiled pack."""
    from .arguments import check_text

    name = _checked("audit_text", options, "name").pop("name", "<text>")
    return _auditor(options).audit_text(check_text(text), name=check_text(name, "name"))


def parse(text: str | SourceText, name: str = "<text>") -> Document:
    """Parse report text into a ``Document`` using the shipped vocabulary (plus plugins')."""
    from .arguments import check_text

    if not isinstance(text, SourceText):
        text, name = check_text(text), check_text(name, "name")
    plugins = _plugins()
    vocab = load_vocabulary(plugins.vocabularies())
    source = text if isinstance(text, SourceText) else SourceText(path=name, format="txt", text=text)
    return parse_source(source, vocab)


__all__ = ["Auditor", "AuditorError", "audit_path", "audit_text", "load_rules", "parse"]

# Importing the subpackage ``auditor.parse`` (above) binds it as the package attribute ``parse``;
# the public name ``auditor.parse`` is this function, as it was before imports became lazy.
sys.modules[__package__].parse = parse  # type: ignore[attr-defined]
