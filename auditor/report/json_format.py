"""``--format json``: the ``AuditRun`` model, versioned by ``schema_version``.

The JSON Schema is generated from the same pydantic models (``audit schema``) and published
as ``auditor/schema/audit-result.v1.json``.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import AuditRun
from .base import Formatter


class JsonFormatter(Formatter):
    name = "json"
    description = "machine-readable results (schema: audit schema)"

    def render(self, run: AuditRun) -> str:
        return run.model_dump_json(indent=2, by_alias=True) + "\n"


def json_schema() -> dict[str, Any]:
    schema = AuditRun.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://auditor.invalid/schema/audit-result.v1.json"
    schema["title"] = "auditor result (schema_version 1.x)"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
