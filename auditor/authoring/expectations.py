"""Annotated test reports: what a report's rules must give, read from a sidecar
``NAME.EXT.expect.yaml`` or from a plain-text report's YAML front matter.

The format (shared with the example plugin's tests; README: The rule-authoring kit)::

    rules: [county]            # optional: packs as --rules takes them (paths relative to this file)
    profile: auto              # optional, as --profile
    expect:                    # only the rules named here are checked
      CX001: pass
      CX002: {status: partial, evidence: ["主持召开"]}
    score: {min: 60, max: 100} # optional
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import RulePackError
from ..yamlpos import LocatedYaml, load_located

SIDECAR = ".expect.yaml"
FRONT_MATTER_SUFFIXES = (".txt", ".md")
ExpectedStatus = Literal["pass", "partial", "fail", "not_applicable", "unevaluated"]


class RuleExpectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ExpectedStatus
    # Each quote must be a substring of some evidence or finding quote of the rule's result.
    evidence: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"status": data} if isinstance(data, str) else data  # CX001: pass


class ScoreRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bounds(self) -> ScoreRange:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        return self


class ExpectationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = None
    profile: Literal["auto", "department", "government", "town", "joint"] | None = None
    expect: dict[str, RuleExpectation] = Field(default_factory=dict)
    score: ScoreRange | None = None

    @model_validator(mode="after")
    def _something(self) -> ExpectationFile:
        if not self.expect and self.score is None:
            raise ValueError("expect nothing: name rules under 'expect' (or a 'score' range)")
        return self

    def rule_expectations(self) -> dict[str, RuleExpectation]:
        return {code.upper(): e for code, e in self.expect.items()}


@dataclass
class AnnotatedReport:
    """One report and what it must give."""

    report: Path
    source: Path  # where the expectations are written (the sidecar, or the report itself)
    spec: ExpectationFile
    doc: LocatedYaml  # for the YAML line of an expectation
    front_matter_lines: int  # lines of the report to blank before the audit (0: a sidecar)

    def packs(self, default: list[str]) -> list[str]:
        """The expectation's packs, a path taken relative to its file; else ``default``."""
        if not self.spec.rules:
            return list(default)
        out = []
        for ref in self.spec.rules:
            candidate = self.source.parent / ref
            is_path = ref.endswith((".yaml", ".yml")) or "/" in ref
            out.append(str(candidate) if is_path and not Path(ref).is_absolute() else ref)
        return out

    def line_of(self, *loc: str | int) -> int | None:
        return self.doc.line_of(loc)


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML block between a first line ``---`` and the next ``---`` line, and how many lines
    the block takes (both ``---`` lines included); ``None`` when the text has none."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") == "---":
            return "".join(lines[1:i]), i + 1
    return None


def blank_front_matter(text: str, count: int) -> str:
    """``text`` with its first ``count`` lines emptied (their line breaks kept, so every line of
    the report keeps its number)."""
    lines = text.splitlines(keepends=True)
    return "".join("\n" if line.endswith(("\n", "\r")) else "" for line in lines[:count]) + "".join(lines[count:])


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # not UTF-8 text: no front matter (the reader will say what it is)


def _validated(doc: LocatedYaml, source: Path) -> ExpectationFile:
    if not isinstance(doc.data, dict):
        raise RulePackError("an expectations block is a YAML mapping (rules, profile, expect, score)",
                            path=source, line=1)
    spec: ExpectationFile = doc.validate(ExpectationFile)
    for code in spec.expect:
        if not isinstance(code, str):
            raise doc.error(("expect",), f"expect: '{code}' is not a rule code")
    return spec


def load_annotated(folder: Path) -> list[AnnotatedReport]:
    """Every annotated report under ``folder`` (recursively, in path order). Raises one
    ``RulePackError`` naming the file and YAML line for a bad expectations block, a sidecar
    without its report, or a report annotated twice."""
    if not folder.is_dir():
        raise RulePackError("is not a folder of annotated reports", path=folder)
    found: list[AnnotatedReport] = []
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))
    sidecars = {p for p in files if p.name.endswith(SIDECAR)}
    for path in files:
        if path in sidecars:
            report = path.with_name(path.name[: -len(SIDECAR)])
            if not report.is_file():
                raise RulePackError(f"annotates '{report.name}', which is not in the folder", path=path)
            doc = load_located(path)
            found.append(AnnotatedReport(report, path, _validated(doc, path), doc, 0))
            continue
        if path.suffix.lower() not in FRONT_MATTER_SUFFIXES:
            continue
        text = _read_text(path)
        block = front_matter(text) if text is not None else None
        if block is None:
            continue
        if path.with_name(path.name + SIDECAR) in sidecars:
            raise RulePackError(f"has both front matter and a sidecar {path.name}{SIDECAR}: keep one", path=path)
        # A blank first line so the YAML's line numbers are the report's (the block starts on line 2).
        doc = load_located(path, "\n" + block[0] if block[0].strip() else "\n{}\n")
        found.append(AnnotatedReport(path, path, _validated(doc, path), doc, block[1]))
    found.sort(key=lambda a: str(a.report))
    return found
