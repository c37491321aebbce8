"""The JSON Schema of the rule-pack format, generated from the models the loader validates with:
the pack (``PackSpec``), the rule header (``RuleSpec``) and each check type's ``Params``, a rule
being one of the check types chosen by its ``check:`` key (a discriminated union). Editors that
read ``# yaml-language-server: $schema=…`` complete and validate packs with it.

The published file (``rules/pack.schema.json``, beside the packs so that their relative
``$schema`` path holds in a checkout and in the wheel) is this schema for the built-in check types;
a test keeps the two equal. Regenerate it with
``AUDITOR_DISABLE_PLUGIN_AUTOLOAD=1 audit schema --pack > rules/pack.schema.json``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

PUBLISHED = "pack.schema.json"  # in the shipped rules folder (auditor.resources.shipped_rules_dir)


def pack_schema(check_types: dict[str, Any]) -> dict[str, Any]:
    """The schema for packs whose rules use ``check_types`` (name -> Check class)."""
    from ..checks.either import ROUTE_CHECKS
    from ..models.pack import CODE, SCOPE, PackSpec, RuleSpec

    class _Header(RuleSpec):
        # A rule's keys are its header's and its check type's, nothing else.
        model_config = ConfigDict(extra="forbid", defer_build=True)

        code: str = Field(pattern=CODE.pattern, description="2–4 capital letters and 3 digits, e.g. FZ001")
        scope: str = Field("document", pattern=SCOPE.pattern)

    def variant(base: type, name: str, params: type, prefix: str) -> type:
        own: dict[str, Any] = {"check": (Literal[name], ...), **_shorthands(params)}
        if name == "either":  # routes are themselves built-in checks, chosen by their 'check'
            own["routes"] = (_list_of(routes), Field(min_length=2))
        title = "".join(part.title() for part in name.split("_"))
        model: type = create_model(f"{prefix}{title}", __base__=(base, params), **own)
        return model

    class _RouteHeader(BaseModel):
        model_config = ConfigDict(extra="forbid", defer_build=True)

        grade: Literal["pass", "partial"] = "pass"
        scope: str = Field("document", pattern=SCOPE.pattern)

    class _Pack(PackSpec):
        model_config = ConfigDict(extra="forbid", defer_build=True, title="auditor rule pack")

    routes = _one_of([variant(_RouteHeader, n, c.Params, "Route") for n, c in sorted(ROUTE_CHECKS.items())])
    rule = _one_of([variant(_Header, n, c.Params, "Rule") for n, c in sorted(check_types.items())])
    Pack = create_model("Pack", __base__=_Pack, rules=(_list_of(rule), Field(default_factory=list)))
    schema = Pack.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _one_of(models: list[type]) -> Any:
    """One of ``models``, told apart by their ``check`` key (a discriminated union)."""
    return Annotated[Union[tuple(models)], Field(discriminator="check")]  # noqa: UP007


def _list_of(item: Any) -> Any:
    return list[item]


def _shorthands(params: type) -> dict[str, Any]:
    """Inputs a check type's before-validator also takes, which its annotation cannot show."""
    from ..checks.forbid import ForbiddenTerm, ForbidParams

    if issubclass(params, ForbidParams):  # terms: {法制政府: 法治政府, ...}
        return {"terms": (Union[Annotated[list[ForbiddenTerm], Field(min_length=1)],  # noqa: UP007
                                Annotated[dict[str, Union[str, None]], Field(min_length=1)]], ...)}  # noqa: UP007
    return {}


def pack_schema_text(check_types: dict[str, Any]) -> str:
    return json.dumps(pack_schema(check_types), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def builtin_check_types() -> dict[str, Any]:
    from ..plugins import builtin

    return {c.name: c for c in builtin.auditor_check_types()}
