"""The markers plugins use: ``@hookimpl`` on functions named after the hooks in ``hookspecs``."""

import pluggy

PROJECT = "auditor"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
