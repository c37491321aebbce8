"""The rule-pack format, kept importable here for plugins written before it moved to
``auditor.models.pack`` (the models every layer may use). New code imports it from there."""

from ..models.pack import (
    CODE,
    SCOPE,
    Applicability,
    BasisSpec,
    Examples,
    PackSpec,
    RuleOverride,
    RuleSpec,
    Settings,
    YearRange,
)

__all__ = ["CODE", "SCOPE", "Applicability", "BasisSpec", "Examples", "PackSpec", "RuleOverride", "RuleSpec",
           "Settings", "YearRange"]
