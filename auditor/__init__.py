"""auditor — a rules-based compliance auditor for 法治政府建设年度报告.

    >>> from auditor import audit_text
    >>> result = audit_text(open("report.txt", encoding="utf-8").read())
    >>> result.score, result.verdict

The public names are imported on first use (PEP 562), so ``import auditor`` and ``audit --version``
stay cheap: no pydantic models, rule packs, reader libraries, jieba or OpenCC until they are needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_LAZY = {
    "Auditor": "api", "audit_path": "api", "audit_text": "api", "load_rules": "api", "parse": "api",
    "AuditorError": "errors", "InputError": "errors", "RulePackError": "errors", "UsageError": "errors",
    "AuditResult": "models", "AuditRun": "models", "Document": "models", "Finding": "models",
    "RuleResult": "models", "Severity": "models", "Status": "models",
}

if TYPE_CHECKING:
    from .api import Auditor, audit_path, audit_text, load_rules, parse
    from .errors import AuditorError, InputError, RulePackError, UsageError
    from .models import AuditResult, AuditRun, Document, Finding, RuleResult, Severity, Status


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AuditResult",
    "AuditRun",
    "Auditor",
    "AuditorError",
    "Document",
    "Finding",
    "InputError",
    "RulePackError",
    "RuleResult",
    "Severity",
    "Status",
    "UsageError",
    "__version__",
    "audit_path",
    "audit_text",
    "load_rules",
    "parse",
]
