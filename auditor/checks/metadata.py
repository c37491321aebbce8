"""metadata: a metadata field is present (and optionally matches a pattern)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ..matching.terms import check_regex
from ..models import Status, missing_item
from ..normalize import fold_phrase
from .base import Check, CheckContext, Outcome

FIELDS = {
    "title": "标题",
    "title_organisation": "标题中的发文机关",
    "organisation": "发文机关",
    "report_year": "报告年度",
    "signature_organisation": "落款署名",
    "signature_date": "成文日期",
    "publication_date": "发布日期",
    "addressee": "主送机关",
}


class MetadataParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    field: Literal["title", "title_organisation", "organisation", "report_year", "signature_organisation",
                   "signature_date", "publication_date", "addressee"]
    pattern: str | None = None  # regular expression the value must contain
    pattern_label: str | None = None  # how to describe the pattern to a person

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str | None) -> str | None:
        return None if value is None else check_regex(value)


class MetadataCheck(Check):
    name = "metadata"
    Params = MetadataParams
    description = "元数据字段须存在，并可要求符合格式"
    params: MetadataParams

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        label = FIELDS[p.field]
        value = getattr(ctx.doc.metadata, p.field)
        anchor = ctx.doc.title or ctx.doc.body
        if value is None:
            return Outcome(status=Status.failed, credit=0, anchor=anchor,
                           missing=[missing_item(p.field, label)], message=f"未找到{label}")
        text = str(value.value)
        if p.pattern and not re.search(p.pattern, fold_phrase(text)):
            want = p.pattern_label or p.pattern
            return Outcome(status=Status.failed, credit=0, anchor=anchor,
                           missing=[missing_item(p.field, want)],
                           message=f"{label}“{text}”不符合要求：{want}")
        return Outcome(status=Status.passed, credit=1, message=f"{label}：{text}")
