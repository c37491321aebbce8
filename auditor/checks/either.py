"""either: an element a reviewer recognises in more than one way.

Each route is a built-in check (``section``, ``near``, ``require``) with its own parameters and
scope; the element takes the best route's result. A route with ``grade: partial`` can earn
partial credit at most: it shows the element is mentioned, not that it is reported in full.

    check: either
    label: 第一责任人履职情况
    routes:
      - {check: section, role: first_responsible, min_han: 30}
      - {check: near, within: sentence, groups: [...]}
      - {check: require, grade: partial, anchor: {...}, items: [...]}
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models import Status, missing_item
from .base import Check, CheckContext, Outcome
from .near import Near
from .require import Require
from .section import SectionCheck

ROUTE_CHECKS: dict[str, type[Check]] = {"section": SectionCheck, "near": Near, "require": Require}
_RANK = {Status.passed: 3, Status.partial: 2, Status.failed: 1, Status.not_applicable: 0, Status.unevaluated: 0}


class Route(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="allow")

    check: Literal["section", "near", "require"]
    grade: Literal["pass", "partial"] = "pass"
    scope: str = "document"
    params: Any = None  # the check's own parameters, validated below

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        own = {k: data[k] for k in ("check", "grade", "scope") if k in data}
        check = ROUTE_CHECKS.get(str(data.get("check")))
        rest = {k: v for k, v in data.items() if k not in own}
        own["params"] = check.Params.model_validate(rest) if check else rest
        return own


class EitherParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    label: str = Field(min_length=1)  # the element, for messages
    routes: list[Route] = Field(min_length=2)


class Either(Check):
    name = "either"
    Params = EitherParams
    description = "要素可由多种方式之一满足（取最佳结果）"
    params: EitherParams

    def __init__(self, *args):
        super().__init__(*args)
        self.routes: list[tuple[Route, Check]] = []
        for route in self.params.routes:
            rule = self.rule.model_copy(update={"scope": route.scope})
            self.routes.append((route, ROUTE_CHECKS[route.check](rule, route.params, self._index)))

    def run(self, ctx: CheckContext) -> Outcome:
        best: Outcome | None = None
        for route, check in self.routes:
            outcome = check.run(ctx)
            if route.grade == "partial" and outcome.status is Status.passed:
                outcome = outcome.model_copy(update={
                    "status": Status.partial, "credit": min(outcome.credit, 0.5),
                    "missing": outcome.missing or [missing_item("substance", f"{self.params.label}的具体内容")],
                    "message": f"仅有原则性表述（{outcome.message}），未写明具体情况"})
            if best is None or _key(outcome) > _key(best):
                best = outcome
            if best.status is Status.passed:
                break
        assert best is not None
        if best.status is Status.failed and not best.evidence:
            return Outcome(status=Status.failed, credit=0, missing=[missing_item("element", self.params.label)],
                           message=f"未见{self.params.label}", anchor=best.anchor)
        return best


def _key(outcome: Outcome) -> tuple[int, float, bool]:
    """Best status, then credit, then an outcome that knows where it belongs (its part's heading)."""
    return _RANK[outcome.status], outcome.credit, outcome.anchor is not None
