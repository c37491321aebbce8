"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning accepts it.

Rules carry id, short and full descriptions and help (the Chinese rule documentation); results
carry ruleId, level, message, a repo-relative URI and a region. Columns count Unicode code
points (``columnKind``), as ``line:column`` does everywhere else in auditor.
"""

from __future__ import annotations

import json
from typing import Any

from .._version import __version__
from ..models import AuditRun, Finding, RuleInfo, Severity
from .base import Formatter

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning"
    suffix = ".sarif"

    def render(self, run: AuditRun) -> str:
        catalog = self.catalog_of(run)
        codes = sorted(catalog) or sorted({f.code for r in run.reports for f in r.findings})
        index = {code: i for i, code in enumerate(codes)}
        results = [self._result(f, self.relative(report.path), index)
                   for report in run.reports if report.evaluated for f in report.findings]
        notifications = [
            {"level": "error", "message": {"text": f"{self.relative(r.path)}: {r.problem}"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": self.relative(r.path)}}}]}
            for r in run.reports if not r.evaluated
        ]
        invocation: dict = {"executionSuccessful": not notifications}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        doc = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "auditor",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": "https://pypi.org/project/auditor/",
                    "rules": [self._rule(code, catalog) for code in codes],
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": results,
            }],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def _rule(self, code: str, catalog: dict[str, RuleInfo]) -> dict:
        info: RuleInfo | None = catalog.get(code)
        if info is None:
            return {"id": code, "shortDescription": {"text": code}}
        return {
            "id": code,
            "name": code,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.description},
            "help": {"text": info.help_text(), "markdown": info.help_markdown()},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "properties": {"tags": [info.group], "weight": info.weight,
                           "basis": [b.cite() for b in info.basis]},
        }

    def _result(self, f: Finding, uri: str, index: dict[str, int]) -> dict:
        loc = f.location
        region: dict[str, Any] = {"startLine": 1, "startColumn": 1}  # SARIF's JSON, a snippet included
        if loc is not None:
            region = {"startLine": loc.line, "startColumn": loc.column,
                      "endLine": loc.end_line, "endColumn": max(loc.end_column, loc.column + 1)
                      if loc.end_line == loc.line else loc.end_column}
            if f.quote:
                region["snippet"] = {"text": f.quote}
        message = f.message + (f"。建议：{f.suggestion}" if f.suggestion else "")
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if loc is not None and loc.heading_path:
            result["locations"][0]["logicalLocations"] = [
                {"fullyQualifiedName": " › ".join(loc.heading_path), "kind": "section"}]
        return result
