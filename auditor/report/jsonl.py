"""``--format jsonl``: one ``AuditResult`` per line, for large batches and streaming tools."""

from __future__ import annotations

from ..models import AuditRun
from .base import Formatter


class JsonLinesFormatter(Formatter):
    name = "jsonl"
    description = "one JSON result per report per line"
    suffix = ".jsonl"

    def render(self, run: AuditRun) -> str:
        return "".join(r.model_dump_json(by_alias=True) + "\n" for r in run.reports)
