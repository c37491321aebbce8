"""Audit many paths, each report with the configuration that governs it.

For every file: find its configuration (closest ``auditor.yaml`` / ``.auditor.yaml`` /
``[tool.auditor]`` upwards, or the one given explicitly), apply per-path settings, then the
command-line overrides; auditors are shared between files with the same effective settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, TypeVar

from .api import Auditor
from .config import SELECTION_KEYS, Config, find_config, load_config, path_spec
from .discover import discover
from .errors import AuditorError, BadName, InputError, RulePackError, UsageError
from .models import AppliedWaiver, AuditResult, AuditRun, RuleInfo, Severity
from .paths import resolved
from .plugins.manager import Plugins, make_plugins
from .workers import TimeUp, can_fork, deadline, run_parallel

T = TypeVar("T")


def _shown(path: Path) -> str:
    """A path as a person in the working directory would write it (absolute when outside)."""
    try:
        return resolved(path).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# Overrides and Effective are plain named tuples (typed, immutable, hashable): the command line
# has typed their values already and Effective's come from the validated configuration, so a cold
# run need not build a validator for either.
class Overrides(NamedTuple):
    """Settings given on the command line; ``None`` means "not given: use the file"."""

    config: Path | None = None
    isolated: bool = False  # ignore configuration files entirely
    rules: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    profile: str | None = None
    fail_on: Severity | None = None
    fail_under: float | None = None
    exclude: tuple[str, ...] = ()  # relative to the working directory, added to the files' excludes
    include: tuple[str, ...] = ()  # extra file patterns to pick up in folders
    force_exclude: bool = False  # apply excludes to paths named explicitly too (pre-commit)
    preview: bool | None = None  # --preview: also the rules marked 'preview: true'


class Effective(NamedTuple):
    """The settings one report is audited with."""

    rules: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    profile: str = "auto"
    fail_on: Severity = Severity.error
    fail_under: float | None = None
    preview: bool = False
    # extend-select when every rule runs anyway: nothing to add, but each code must name a rule
    extend_select: tuple[str, ...] = ()


class Task(NamedTuple):
    """One file to audit and the settings that govern it."""

    path: Path
    effective: Effective
    waivers: list[AppliedWaiver]
    config: str | None  # the configuration file, as shown in outputs


class Batch:
    def __init__(self, overrides: Overrides | None = None, plugins: Plugins | None = None):
        self.overrides = overrides if overrides is not None else Overrides()
        self.plugins = plugins
        self._configs: dict[Path, Config | None] = {}
        self._auditors: dict[Effective, Auditor] = {}
        self._catalogs: dict[Effective, dict[str, RuleInfo]] = {}
        self._explicit: Config | None = None
        if self.overrides.config is not None:
            if not self.overrides.config.is_file():
                raise InputError("configuration file does not exist", path=self.overrides.config)
            self._explicit = load_config(self.overrides.config)

    # -- configuration -------------------------------------------------------------------

    def config_for(self, report: Path) -> Config | None:
        if self.overrides.isolated:
            return None
        if self._explicit is not None:
            return self._explicit
        folder = resolved(report).parent
        if folder not in self._configs:
            found = find_config(folder)
            self._configs[folder] = load_config(found) if found else None
        return self._configs[folder]

    def effective(self, report: Path, config: Config | None) -> tuple[Effective, list[AppliedWaiver]]:
        values: dict = {}
        waivers: list[AppliedWaiver] = []
        if config is not None:
            for key in ("rules", *SELECTION_KEYS):
                values[key] = config.value(key)
            for pp in config.per_path_for(report):
                for key in SELECTION_KEYS:
                    if getattr(pp, key) is not None:
                        values[key] = getattr(pp, key)
            waivers = [AppliedWaiver(code=w.rule, reason=w.reason, source=str(c.path))
                       for w, c in config.waivers_for(report)]
        for key in ("rules", *SELECTION_KEYS):
            given = getattr(self.overrides, key)
            if given is not None:
                values[key] = given
        select = values.get("select")
        extend = values.get("extend_select")
        if extend:
            select = None if select is None else (*select, *extend)
        return Effective(
            rules=tuple(values.get("rules") or ()),
            select=tuple(select) if select else None,
            ignore=tuple(values["ignore"]) if values.get("ignore") else None,
            profile=values.get("profile") or "auto",
            fail_on=values.get("fail_on") or Severity.error,
            fail_under=values.get("fail_under"),
            preview=bool(values.get("preview")),
            extend_select=tuple(extend) if extend and select is None else (),
        ), waivers

    def auditor(self, eff: Effective) -> Auditor:
        if eff not in self._auditors:
            self._auditors[eff] = Auditor(list(eff.rules), fail_on=eff.fail_on, fail_under=eff.fail_under,
                                          select=list(eff.select) if eff.select else None,
                                          ignore=list(eff.ignore) if eff.ignore else None,
                                          profile=eff.profile, plugins=self.plugins, preview=eff.preview)
            self.plugins = self._auditors[eff].plugins  # plugins are loaded once per batch
            if eff.extend_select:
                from .api import DEFAULT_PACK, load_rules
                from .profiles import packs_for

                load_rules(*packs_for(list(eff.rules), eff.profile, DEFAULT_PACK), select=list(eff.extend_select),
                           plugins=self.plugins, preview=eff.preview)  # (cached: only the codes are checked)
        return self._auditors[eff]

    # -- files ---------------------------------------------------------------------------

    def _excluded(self, report: Path, config: Config | None) -> bool:
        if config is not None and config.excluded(report):
            return True
        if self.overrides.exclude:
            try:
                rel = resolved(report).relative_to(Path.cwd().resolve()).as_posix()
            except ValueError:
                rel = report.as_posix()
            return path_spec(list(self.overrides.exclude)).match_file(rel)
        return False

    def collect(self, paths: Iterable[str | os.PathLike[str]], suffixes: Iterable[str]) -> list[Path]:
        return discover(paths, suffixes, include=self.overrides.include,
                        excluded=lambda p: self._excluded(p, self.config_for(p)),
                        force_exclude=self.overrides.force_exclude)

    # -- running -------------------------------------------------------------------------

    def plan(self, paths: Iterable[str | os.PathLike[str]]) -> list[Task]:
        """Every file with the settings it is audited with; compiles each distinct pack once."""
        if self.plugins is None:
            self.plugins = make_plugins()
        suffixes = self.plugins.reader_suffixes()
        tasks = []
        for path in self.collect(paths, suffixes):
            config = self.config_for(path)
            eff, waivers = self.effective(path, config)
            try:
                self.auditor(eff)
            except AuditorError as exc:
                raise self._blamed(exc, path, config) from None
            tasks.append(Task(path=path, effective=eff, waivers=waivers,
                              config=_shown(config.path) if config else None))
        return tasks

    def _blamed(self, exc: AuditorError, report: Path, config: Config | None) -> AuditorError:
        """An error in the rules a configuration file chose, naming that file and line: a code or
        pack name written there (rather than on the command line) is the file's mistake, and a
        broken pack it names is reported with where it was named."""
        if config is None:
            return exc
        if isinstance(exc, BadName):
            for key in ("rules", "select", "ignore", "extend_select"):
                if getattr(self.overrides, key) is None and (where := config.setting_of(report, key, exc.given)):
                    return UsageError(exc.message, path=where[0], line=where[1])
            return exc
        if isinstance(exc, RulePackError) and self.overrides.rules is None and exc.path is not None:
            where = config.setting_of(report, "rules", str(Path(exc.path).resolve()))
            if where:
                named = f"{where[0]}:{where[1]}" if where[1] else str(where[0])
                return RulePackError(f"{exc.message} (a rule pack named at {named})", path=exc.path, line=exc.line)
        return exc

    def audit(self, task: Task) -> AuditResult:
        result = self.auditor(task.effective).audit_path(task.path, waivers=task.waivers)
        result.config = task.config
        return result

    def _audit_json(self, task: Task) -> str:
        return self.audit(task).model_dump_json()

    def failed(self, task: Task, why: str) -> AuditResult:
        """The result for a file whose audit broke down (an internal error, a crashed or hung worker)."""
        result = self.auditor(task.effective)._unevaluated(str(task.path), f"could not be audited: {why}", None)
        result.config = task.config
        return result

    def results(self, tasks: list[Task], *, jobs: int = 1, timeout: float | None = None) -> Iterator[AuditResult]:
        """Audit ``tasks`` in input order: in this process (``jobs=1``), else in forked workers that
        share the packs compiled by ``plan``. One file's failure never stops the batch."""
        if jobs > 1 and len(tasks) > 1 and can_fork():
            # Results travel as JSON: pydantic's generic models do not pickle, and JSON is the
            # documented, lossless form of a result.
            done: Iterator[AuditResult | str] = run_parallel(tasks, self._audit_json, self.failed,
                                                             jobs=min(jobs, len(tasks)), timeout=timeout)
            for item in done:
                yield item if isinstance(item, AuditResult) else AuditResult.model_validate_json(item)
            return
        for task in tasks:
            yield self._audit_in_process(task, timeout)

    def map(self, tasks: list[Task], make: Callable[[Task, AuditResult], T], *, jobs: int = 1,
            timeout: float | None = None) -> Iterator[T]:
        """``make(task, result)`` for every task, in input order. With workers, ``make`` runs in
        them and only its (small, picklable) value travels back: a caller that renders each
        result at once spares the main process decoding and re-encoding it."""
        if jobs > 1 and len(tasks) > 1 and can_fork():
            yield from run_parallel(tasks, lambda t: make(t, self.audit(t)),
                                    lambda t, why: make(t, self.failed(t, why)), jobs=min(jobs, len(tasks)),
                                    timeout=timeout)
            return
        for task in tasks:
            yield make(task, self._audit_in_process(task, timeout))

    def _audit_in_process(self, task: Task, timeout: float | None) -> AuditResult:
        """One file audited here, under the same watchdog a worker has: past ``timeout`` seconds,
        or on an internal error, the file is unevaluated and the batch goes on."""
        try:
            with deadline(timeout):
                return self.audit(task)
        except TimeUp:
            return self.failed(task, f"not finished after {timeout:g} s; stopped")
        except Exception as exc:
            if os.environ.get("AUDITOR_DEBUG"):
                raise
            return self.failed(task, f"{type(exc).__name__}: {exc}".splitlines()[0])

    def run(self, paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1, timeout: float | None = None,
            progress: Callable[[int, int], None] | None = None) -> AuditRun:
        """Audit every file under ``paths``; ``progress(done, total)`` after each report. The run
        carries the rules of every pack its reports were checked against (``AuditRun.catalog``)."""
        tasks = self.plan(paths)
        catalog: dict[str, RuleInfo] = {}
        for effective in dict.fromkeys(task.effective for task in tasks):  # each pack, in order of first use
            if effective not in self._catalogs:
                self._catalogs[effective] = self.auditor(effective).catalog()
            catalog.update(self._catalogs[effective])
        reports: list[AuditResult] = []
        for result in self.results(tasks, jobs=jobs, timeout=timeout):
            reports.append(result)
            if progress is not None:
                progress(len(reports), len(tasks))
        used = self.auditor(tasks[0].effective) if tasks else self.auditor(Effective())
        run = used.summarise(reports)
        run.catalog = catalog
        return run
