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

    def render_utf8(self, run: AuditRun) -> bytes:
        """``render(run)`` encoded in UTF-8, made without the text in between: the serializer writes
        UTF-8, and ``model_dump_json`` decodes it only for a stream to encode it again (a tenth of
        a worker's time per report in a streamed batch)."""
        return b"".join(type(r).__pydantic_serializer__.to_json(r, by_alias=True) + b"\n" for r in run.reports)
