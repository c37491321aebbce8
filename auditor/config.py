"""Configuration files: ``auditor.yaml``, ``.auditor.yaml`` or ``[tool.auditor]`` in
``pyproject.toml``, found from each audited file's folder upwards (the closest wins; ``extend:``
inherits explicitly). Command-line flags override the file.

Unknown keys are errors naming the file and the line. Waivers must give a reason; they are
reported and counted, never silent.
"""

from __future__ import annotations

import sys
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .errors import UsageError
from .models import Severity
from .models.factories import empty_list
from .models.pack import not_a_bool
from .paths import resolved
from .yamlpos import LocatedYaml, load_located

if TYPE_CHECKING:
    import pathspec

CONFIG_NAMES = ("auditor.yaml", ".auditor.yaml", "pyproject.toml")
Profile = Literal["department", "government", "town", "joint", "auto"]


class _Keys(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)


class Selection(_Keys):
    """Which rules run and what fails the gate: settable for all reports or per path."""

    profile: Profile | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = Field(default=None, alias="extend-select")
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    # A score from 0 to 100, checked here so that a bad one names this file and its line.
    fail_under: float | None = Field(default=None, alias="fail-under", ge=0, le=100, allow_inf_nan=False)
    preview: bool | None = None  # also run the rules marked 'preview: true' (as --preview)

    _fail_under = field_validator("fail_under", mode="before")(not_a_bool)


SELECTION_KEYS = tuple(Selection.model_fields)
_ALIASES = {name: f.alias for name, f in Selection.model_fields.items() if f.alias}


class PerPath(Selection):
    """Settings for reports whose path (relative to the config file) matches ``paths``."""

    paths: list[str] = Field(min_length=1)


class Waiver(_Keys):
    """Accept a known gap for some reports, with a reason everybody can read."""

    rule: str = Field(min_length=2)
    paths: list[str] = Field(default_factory=lambda: ["**"])
    reason: str = Field(min_length=2)


class ConfigSpec(Selection):
    extend: str | None = None
    rules: list[str] | None = None
    exclude: list[str] | None = None
    per_path: list[PerPath] = Field(default_factory=empty_list, alias="per-path")
    waivers: list[Waiver] = Field(default_factory=empty_list)
    # Last year against this year (README: Last year against this year): compare each report with
    # the same organisation's report of the year before; ``previous`` pairs files by path (this
    # year's: last year's, relative to this file) where the metadata cannot be read.
    compare_years: bool | None = Field(default=None, alias="compare-years")
    previous: dict[str, str] | None = None


class Config(BaseModel):
    """A loaded configuration file (its ``extend`` chain already merged in)."""

    model_config = ConfigDict(defer_build=True, arbitrary_types_allowed=True)

    path: Path
    spec: ConfigSpec
    parent: Config | None = None
    located: LocatedYaml | None = Field(default=None, exclude=True, repr=False)  # its lines, for messages

    @property
    def root(self) -> Path:
        return self.path.parent

    def relative(self, report: Path) -> str | None:
        try:
            return resolved(report).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def value(self, key: str) -> Any:
        """A top-level setting, inherited from the extended file when not set here."""
        own = getattr(self.spec, key)
        if own is not None or self.parent is None:
            return own
        return self.parent.value(key)

    def per_path_for(self, report: Path) -> list[PerPath]:
        inherited = self.parent.per_path_for(report) if self.parent else []
        rel = self.relative(report)
        own = [pp for pp in self.spec.per_path if rel is not None and path_spec(pp.paths).match_file(rel)]
        return inherited + own

    def waivers_for(self, report: Path) -> list[tuple[Waiver, Config]]:
        inherited = self.parent.waivers_for(report) if self.parent else []
        rel = self.relative(report)
        own = [(w, self) for w in self.spec.waivers if rel is not None and path_spec(w.paths).match_file(rel)]
        return inherited + own

    def excluded(self, report: Path) -> bool:
        if self.parent and self.parent.excluded(report):
            return True
        rel = self.relative(report)
        return bool(self.spec.exclude and rel is not None and path_spec(self.spec.exclude).match_file(rel))

    def previous_for(self, report: Path) -> tuple[Path, Config] | None:
        """Last year's report that ``previous`` maps ``report`` to (this file's mapping first)."""
        rel = self.relative(report)
        for this, last in (self.spec.previous or {}).items():
            if rel is not None and rel == Path(this).as_posix().removeprefix("./"):
                return (self.root / last).resolve(), self
        return self.parent.previous_for(report) if self.parent else None

    def where(self, loc: tuple[str | int, ...]) -> tuple[Path, int | None]:
        """This file and the line of a key in it (by its path in the YAML: ("per-path", 0, "select"))."""
        return self.path, self.located.line_of(loc) if self.located is not None else None

    def setting_of(self, report: Path, key: str, given: str) -> tuple[Path, int | None] | None:
        """Where a value ``given`` in the setting ``key`` that applies to ``report`` is written
        (file and line): a matching per-path entry, closest file first, else the top-level key."""
        alias = _ALIASES.get(key, key)
        rel = self.relative(report)
        for i in reversed(range(len(self.spec.per_path))):
            pp = self.spec.per_path[i]
            values = getattr(pp, key, None)  # (a per-path entry names no packs)
            if values and rel is not None and path_spec(pp.paths).match_file(rel):
                for j, value in enumerate(values):
                    if str(value).upper() == given.upper():
                        return self.where(("per-path", i, alias, j))
        values = getattr(self.spec, key, None)
        for j, value in enumerate(values or []):
            if str(value).upper() == given.upper():
                return self.where((alias, j))
        return self.parent.setting_of(report, key, given) if self.parent else None

    @cached_property
    def chain(self) -> list[Path]:
        return [self.path, *(self.parent.chain if self.parent else [])]


def path_spec(patterns: list[str]) -> pathspec.PathSpec:
    return _compiled(tuple(patterns))


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    """Patterns are matched once per file in a folder walk: compile each set once."""
    import pathspec  # only when there are patterns: it costs ~20 ms to import

    try:
        return pathspec.PathSpec.from_lines("gitignore", patterns)
    except LookupError:  # pathspec before 1.0 names the same patterns "gitwildmatch"
        return pathspec.PathSpec.from_lines("gitwildmatch", patterns)


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    path = path.resolve()
    if path in _seen:
        raise UsageError("'extend' forms a cycle", path=path)
    if path.name == "pyproject.toml":
        located = _load_pyproject(path)
    else:
        located = load_located(path)
        if not isinstance(located.data, dict):
            raise located.error((), "a configuration file is a YAML mapping")
    spec = located.validate(ConfigSpec)
    if spec.rules:
        spec.rules = [_pack_ref(located, path, i, ref) for i, ref in enumerate(spec.rules)]
    parent = None
    if spec.extend:
        target = (path.parent / spec.extend).resolve()
        if not target.is_file():
            raise located.error(("extend",), f"extend: '{spec.extend}' does not exist")
        parent = load_config(target, (*_seen, path))
    return Config(path=path, spec=spec, parent=parent, located=located)


def _pack_ref(located: LocatedYaml, path: Path, i: int, ref: str) -> str:
    """A rule pack named in the file: a path (``.yaml``/``.yml``) is relative to the file, and must
    exist; a name is looked up when the pack is loaded."""
    if Path(ref).suffix not in (".yaml", ".yml"):
        return ref
    target = (path.parent / ref).resolve()
    if not target.is_file():
        raise located.error(("rules", i), f"rule pack file '{ref}' does not exist")
    return str(target)


def _toml() -> Any:
    """tomllib, imported when a pyproject.toml is actually read (not on every start)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _load_pyproject(path: Path) -> LocatedYaml:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    data = _parse_toml(path, raw)
    text = raw.decode("utf-8")
    table = data.get("tool", {}).get("auditor", {})
    # TOML parsers do not keep positions: find the [tool.auditor] lines for error messages.
    lines = _toml_lines(text)
    return LocatedYaml(table, lines, str(path))


def _toml_lines(text: str) -> dict:
    """Map keys of ``[tool.auditor]`` (and its sub-tables) to their line numbers, best effort."""
    lines: dict = {}
    section: tuple = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("["):
            name = line.strip("[] ")
            parts = tuple(p.strip().strip('"') for p in name.split("."))
            section = parts[2:] if parts[:2] == ("tool", "auditor") else ("<other>",)
            if parts[:2] == ("tool", "auditor"):
                lines.setdefault(section, number)
            continue
        if section != ("<other>",) and "=" in line and not line.startswith("#"):
            key = line.split("=", 1)[0].strip().strip('"')
            lines.setdefault((*section, key), number)
    return lines


def find_config(start: Path) -> Path | None:
    """The closest configuration file from ``start`` (a folder) upwards."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_auditor(candidate):
                return candidate
    return None


def _has_tool_auditor(pyproject: Path) -> bool:
    """Whether ``pyproject`` holds a ``[tool.auditor]`` table. A file that names auditor but cannot
    be read as TOML is an error naming it (ignoring it would run with other settings, silently);
    one that never names auditor is another tool's business."""
    try:
        data = pyproject.read_bytes()
    except OSError:
        return False
    if b"auditor" not in data:  # no table of ours can be named without the word: skip the parse
        return False
    return "auditor" in _parse_toml(pyproject, data).get("tool", {})


def _parse_toml(path: Path, data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("is not UTF-8 text (TOML files are UTF-8)", path=path) from None
    tomllib = _toml()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", path=path) from None
    except RecursionError:
        raise UsageError("invalid TOML: nested too deeply", path=path) from None
