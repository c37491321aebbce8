"""The plugin manager: built-ins first, then each entry point of group ``auditor`` on its own.

A plugin that fails to import or register is recorded with its reason and skipped, never a
crash. ``AUDITOR_DISABLE_PLUGIN_AUTOLOAD=1`` (or ``autoload=False``) loads the built-ins only.
"""

from __future__ import annotations

import os

import pluggy

from . import builtin, hookspecs
from .entrypoints import entry_points
from .markers import PROJECT

DISABLE_ENV = "AUDITOR_DISABLE_PLUGIN_AUTOLOAD"


class Plugins:
    def __init__(self, manager: pluggy.PluginManager, loaded: list[str] | None = None,
                 failed: dict[str, str] | None = None):
        self.manager = manager
        self.loaded: list[str] = loaded if loaded is not None else []
        self.failed: dict[str, str] = failed if failed is not None else {}

    @property
    def hook(self):
        return self.manager.hook


def make_plugins(autoload: bool | None = None) -> Plugins:
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="auditor.builtin")
    plugins = Plugins(pm, loaded=["auditor.builtin"])
    if autoload is None:
        autoload = os.environ.get(DISABLE_ENV, "").strip().lower() not in ("1", "true", "yes")
    if autoload:
        for ep in entry_points(group=PROJECT):
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:  # a broken plugin must not take the run down
                plugins.failed[ep.name] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                continue
            plugins.loaded.append(ep.name)
    # A plugin implementing a hook that does not exist (a typo) is unloaded, not fatal.
    while True:
        try:
            pm.check_pending()
            break
        except pluggy.PluginValidationError as exc:
            name = pm.get_name(exc.plugin) or str(exc.plugin)
            if name == "auditor.builtin":
                raise
            pm.unregister(exc.plugin)
            plugins.failed[name] = str(exc).splitlines()[0]
            if name in plugins.loaded:
                plugins.loaded.remove(name)
    return plugins
