"""Plugin plumbing (pluggy): hook markers, hook specifications, the manager, the built-ins."""

from .markers import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
