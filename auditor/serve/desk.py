"""The auditing side of ``audit serve``: packs compiled once, reports audited in forked workers.

``Desk`` compiles the selected packs for every profile when the service starts. Each request's
reports then go through ``auditor.workers.run_parallel`` (the pool behind ``audit --jobs``):
workers are forked from the service after compilation, so they share the compiled packs
copy-on-write, one report at a time each; a report that crashes its worker or passes the time
limit is stopped and reported unevaluated, and the rest of the batch goes on. A worker renders
the report's HTML evidence page and, for a .docx, its annotated copy while the file is still
there; only strings and bytes travel back.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..api import Auditor
from ..models import AuditResult, AuditRun
from ..plugins.manager import make_plugins
from ..profiles import PROFILES
from ..workers import can_fork, run_parallel
from .limits import Limits

ANNOTATED = ".审查意见.docx"
HTML_REPORT = ".审查结果.html"


@dataclass
class Item:
    """One report of a request: a file to audit, or a refusal decided before any reading."""

    shown: str  # the name the person gave it (zip entries: archive/entry)
    path: Path | None = None
    problem: str | None = None


@dataclass
class Outcome:
    result: AuditResult
    html: str | None = None  # the evidence report (a whole page)
    docx: bytes | None = None  # the annotated copy of a .docx
    note: str | None = None  # why an annotated copy could not be written


class Desk:
    def __init__(self, rules: list[str] | None = None, limits: Limits | None = None):
        self.limits = limits or Limits()
        self.rules = list(rules or [])
        plugins = make_plugins()
        self.auditors: dict[str, Auditor] = {}
        for profile in PROFILES:  # compiled here, before any worker is forked
            self.auditors[profile] = Auditor(self.rules, profile=profile, plugins=plugins)
        from ..scoresheet import available_schemes, load_scheme

        self.schemes = {name: load_scheme(path) for name, path in available_schemes().items()}
        for scheme in self.schemes.values():  # a scheme that names rules the pack lacks is not offered
            scheme.check_rules(set(self.auditors["auto"].catalog()), self.auditors["auto"].pack.name)

    @property
    def pack_title(self) -> str:
        pack = self.auditors["auto"].pack
        return f"{pack.title}（{pack.name} {pack.version}，{len(pack.rules)}条规则）"

    def suffixes(self) -> list[str]:
        return self.auditors["auto"].suffixes()

    def audit(self, items: list[Item], profile: str = "auto", *, render: bool = True,
              limits: Limits | None = None) -> Generator[Outcome, None, None]:
        """Every item's outcome, in order (a generator: closing it stops the workers); refusals never
        reach a worker. ``limits``: the time limit and worker count (default: the desk's own)."""
        limits = limits or self.limits
        auditor = self.auditors[profile]
        todo = [i for i in items if i.path is not None]

        def work(item: Item) -> tuple[str, str | None, bytes | None, str | None]:
            return _work(auditor, item, render)

        def failed(item: Item, why: str) -> tuple[str, None, None, None]:
            problem = f"could not be audited: {why}"
            if why.startswith("not finished after"):
                problem = f"审查超过了 {limits.timeout:g} 秒的时间上限，已停止"
            return auditor._unevaluated(item.shown, problem, None).model_dump_json(), None, None, None

        done: Iterator[tuple[str, str | None, bytes | None, str | None]] = iter(())
        if todo:
            if not can_fork():  # pragma: no cover - Windows: in this process, without a time limit
                done = (work(i) for i in todo)
            else:
                done = run_parallel(todo, work, failed, jobs=min(limits.workers, len(todo)),
                                    timeout=limits.timeout)
        try:
            for item in items:
                if item.path is None:
                    result = auditor._unevaluated(item.shown, item.problem or "无法读取", None)
                    yield Outcome(result=result)
                    continue
                text, html, docx, note = next(done)
                yield Outcome(result=AuditResult.model_validate_json(text), html=html, docx=docx, note=note)
        finally:
            close = getattr(done, "close", None)
            if close is not None:
                close()  # stops the workers when the person went away mid-batch

    def summarise(self, results: list[AuditResult], profile: str, scheme: str | None) -> AuditRun:
        run = self.auditors[profile].summarise(results)
        if scheme is not None:
            from ..scoresheet import score_run

            score_run(self.schemes[scheme], run)
        return run


def _work(auditor: Auditor, item: Item, render: bool) -> tuple[str, str | None, bytes | None, str | None]:
    """In a worker: audit, render the evidence page, annotate a .docx; the result carries the
    name the person gave, never the temporary path."""
    assert item.path is not None
    result = auditor.audit_path(item.path)
    html = docx = note = None
    if render and (result.evaluated or result.status == "not_a_report"):
        from ..report.html_format import HtmlFormatter

        formatter = HtmlFormatter(base_dir=item.path.parent)
        formatter.read_source = auditor.plugins.read
        html = formatter.render(auditor.summarise([result]))
    if render and result.evaluated and item.path.suffix.lower() == ".docx":
        from ..annotate import annotate_path
        from ..errors import AuditorError

        target = item.path.with_name("annotated" + ANNOTATED)
        try:
            annotate_path(auditor, item.path, result, target)
            docx = target.read_bytes()
        except AuditorError as exc:
            note = exc.message
        finally:
            target.unlink(missing_ok=True)
    result.path = item.shown
    return result.model_dump_json(), html, docx, note
