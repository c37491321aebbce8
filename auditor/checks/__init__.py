"""Check types. Each module defines one; all are registered through the plugin hook
``auditor_check_types`` (the built-ins by ``auditor.plugins.builtin``)."""

from .base import Check, CheckContext, Draft, Outcome

__all__ = ["Check", "CheckContext", "Draft", "Outcome"]
