"""auditor — a rules-based compliance auditor for 法治政府建设年度报告.

    >>> from auditor import audit_text
    >>> result = audit_text(open("report.txt", encoding="utf-8").read())
    >>> result.score, result.verdict
"""

__version__ = "0.1.0"

from .api import Auditor, audit_path, audit_text, load_rules, parse
from .errors import AuditorError, InputError, RulePackError, UsageError
from .models import AuditResult, AuditRun, Document, Finding, RuleResult, Severity, Status

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
