"""The plugin manager: built-ins first, then each entry point of group ``auditor`` on its own, and
``Plugins``, the typed facade every other module asks (never the raw hooks).

A plugin that fails to import or register is recorded with its reason and skipped, never a
crash. ``AUDITOR_DISABLE_PLUGIN_AUTOLOAD=1`` (or ``autoload=False``) loads the built-ins only.

One clash policy for every hook: each hands out named things (check types, readers and the
suffixes they read, output formats, rule packs and role vocabularies by file stem). A name two
plugins give is a ``PluginClash`` naming both (exit 2), unless one of them lists ``KIND:NAME`` in
its ``auditor_overrides``: that one replaces the other's (a built-in's included). Two overrides of
one name, an override of a name nobody else gives and a malformed entry are clashes too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pluggy

from ..errors import UsageError
from . import builtin, hookspecs
from .entrypoints import entry_points
from .markers import PROJECT

if TYPE_CHECKING:
    from ..checks import Check
    from ..models import SourceText
    from ..readers.dispatch import Dispatcher
    from ..readers.kinds import Reader

DISABLE_ENV = "AUDITOR_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN = "auditor.builtin"
# What each KIND of ``KIND:NAME`` names, in words for the messages.
KINDS = {"check": "check type", "reader": "reader", "format": "output format", "pack": "rule pack",
         "vocabulary": "role vocabulary"}
PLURALS = {"check": "check types", "reader": "readers", "format": "output formats", "pack": "rule packs",
           "vocabulary": "role vocabularies"}

# Hooks of earlier releases, and what replaced them (named when a plugin still implements one).
RETIRED = {"auditor_read_file": "auditor_readers", "auditor_reader_suffixes": "auditor_readers"}

T = TypeVar("T")


class PluginClash(UsageError):
    """Two plugins give one name and neither overrides the other (or an override is wrong)."""


class _Table(Generic[T]):
    """One hook's named things after the clash policy: ``items`` in the order the hook answers
    (later plugins first, as pluggy calls them), each name once; ``overridden``: (kind, name,
    winner, loser) for ``audit plugins``; ``clashes``: the messages (the first is raised)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, T]] = []
        self.overridden: list[tuple[str, str, str, str]] = []
        self.clashes: list[str] = []
        self.given: dict[str, list[str]] = {}  # plugin -> the names it gives (for ``audit plugins``)


class Plugins:
    def __init__(self, manager: pluggy.PluginManager, loaded: list[str] | None = None,
                 failed: dict[str, str] | None = None):
        self.manager = manager
        self.loaded: list[str] = loaded if loaded is not None else []
        self.failed: dict[str, str] = failed if failed is not None else {}
        self._tables: dict[str, _Table[Any]] = {}
        self._overrides: dict[str, set[str]] | None = None
        self._dispatcher: Dispatcher | None = None

    # -- what the plugins give, the clash policy applied -----------------------------------

    def check_types(self) -> dict[str, type[Check]]:
        return dict(self._table("check").items)

    def readers(self) -> dict[str, Reader]:
        return dict(self._table("reader").items)

    def reader_suffixes(self) -> list[str]:
        """Suffixes of the reports picked out of folders (lower case, sorted)."""
        return self._readers().suffixes()

    def read(self, path: Path) -> SourceText | None:
        """``path`` read by the reader of what it is; ``None`` when no reader answers for its name."""
        return self._readers().read(path)

    def formats(self) -> dict[str, Any]:
        return dict(self._table("format").items)

    def pack_paths(self) -> list[Path]:
        return [p for _, p in self._table("pack").items]

    def vocabularies(self) -> list[Path]:
        return [p for _, p in self._table("vocabulary").items]

    # -- for ``audit plugins`` ---------------------------------------------------------------

    def survey(self) -> tuple[list[str], list[str]]:
        """(overrides, clashes) over every hook, one line each, without raising."""
        overrides: list[str] = []
        clashes: list[str] = []
        for kind in KINDS:
            try:
                table = self._table(kind, raise_first=False)
            except PluginClash as exc:  # a malformed answer: nothing of this hook can be used
                if exc.message not in clashes:  # a bad override entry stops every hook alike
                    clashes.append(exc.message)
                continue
            overrides += [f"{winner}: {KINDS[k]} '{name}' (replaces {loser}'s)"
                          for k, name, winner, loser in table.overridden]
            clashes += table.clashes
        return overrides, clashes

    def contributions(self) -> dict[str, dict[str, list[str]]]:
        """What each plugin gives, by kind (``check`` → its check types' names …), sorted; a hook
        whose answers are malformed (see ``survey``) is left out."""
        given: dict[str, dict[str, list[str]]] = {}
        for kind in KINDS:
            try:
                table = self._table(kind, raise_first=False)
            except PluginClash:
                continue
            for plugin, names in table.given.items():
                if names:
                    given.setdefault(plugin, {})[kind] = sorted(set(names))
        return given

    # -- the policy ----------------------------------------------------------------------------

    def _readers(self) -> Dispatcher:
        if self._dispatcher is None:
            from ..readers.dispatch import Dispatcher

            self._dispatcher = Dispatcher(self.readers())
        return self._dispatcher

    def _table(self, kind: str, raise_first: bool = True) -> _Table[Any]:
        table = self._tables.get(kind)
        if table is None:
            table = self._tables[kind] = self._resolve(kind, *_HOOKS[kind])
        if table.clashes and raise_first:
            raise PluginClash(table.clashes[0])
        return table

    def _resolve(self, kind: str, hook: str, names: Callable[[str, Any], Iterable[tuple[str, Any]]]) -> _Table[Any]:
        what = KINDS[kind]
        overrides = self._override_entries()
        impls = getattr(self.manager.hook, hook).get_hookimpls()
        # pluggy calls the last registered first; ownership is decided in registration order.
        answers = [(impl.plugin_name, list(names(impl.plugin_name, impl.function()))) for impl in reversed(impls)]
        order = {name: i for i, (name, _) in enumerate(self.manager.list_name_plugin())}
        table: _Table[Any] = _Table()
        for plugin, named in answers:
            table.given.setdefault(plugin, []).extend(name for name, _ in named)
        owner: dict[str, tuple[str, Any]] = {}
        for plugin, named in sorted(answers, key=lambda a: order.get(a[0], len(order))):
            for name, item in named:
                if name not in owner:
                    owner[name] = (plugin, item)
                    continue
                held, held_item = owner[name]
                if held == plugin:
                    if held_item is not item and held_item != item:
                        table.clashes.append(f"plugin '{plugin}' gives the {what} '{name}' twice")
                    continue
                entry = f"{kind}:{name}"
                mine, theirs = entry in overrides.get(plugin, ()), entry in overrides.get(held, ())
                if mine and not theirs:
                    owner[name] = (plugin, item)
                    table.overridden.append((kind, name, plugin, held))
                elif theirs and not mine:
                    table.overridden.append((kind, name, held, plugin))
                elif mine:
                    table.clashes.append(f"plugins '{held}' and '{plugin}' both override the {what} '{name}'")
                else:
                    table.clashes.append(f"plugins '{held}' and '{plugin}' both give the {what} '{name}' (a plugin "
                                         f"that means to replace it lists '{kind}:{name}' in auditor_overrides)")
        given = {(plugin, name) for plugin, named in answers for name, _ in named}
        for plugin, entries in overrides.items():
            for entry in sorted(entries):
                k, _, name = entry.partition(":")
                if k == kind and not any(n == name and p != plugin for p, n in given):
                    table.clashes.append(f"plugin '{plugin}' overrides the {what} '{name}', which no other plugin "
                                         "gives")
        seen: set[str] = set()
        for plugin, named in answers:
            for name, item in named:
                if owner[name][0] == plugin and name not in seen:
                    seen.add(name)
                    table.items.append((name, item))
        if kind == "reader":
            table.clashes += _suffix_clashes(table.items, owner)
        return table

    def _override_entries(self) -> dict[str, set[str]]:
        """Each plugin's ``auditor_overrides``; a malformed entry is a clash of its own."""
        if self._overrides is None:
            found: dict[str, set[str]] = {}
            for impl in self.manager.hook.auditor_overrides.get_hookimpls():
                entries = impl.function()
                if isinstance(entries, str) or not isinstance(entries, Iterable):
                    raise PluginClash(f"plugin '{impl.plugin_name}': auditor_overrides must return a list of "
                                      f"'KIND:NAME' strings, not {type(entries).__name__}")
                for entry in entries:
                    k, sep, name = str(entry).partition(":")
                    if not sep or k not in KINDS or not name:
                        raise PluginClash(f"plugin '{impl.plugin_name}': override '{entry}' is not KIND:NAME with "
                                          f"KIND one of {', '.join(KINDS)}")
                    found.setdefault(impl.plugin_name, set()).add(f"{k}:{name}")
            self._overrides = found
        return self._overrides


def _check_names(plugin: str, answer: Any) -> Iterable[tuple[str, Any]]:
    for cls in _listed(plugin, answer, "auditor_check_types"):
        name = getattr(cls, "name", None)
        if not isinstance(cls, type) or not isinstance(name, str):
            raise PluginClash(f"plugin '{plugin}': auditor_check_types gave {cls!r}, not a check type with a name")
        yield name, cls


def _reader_names(plugin: str, answer: Any) -> Iterable[tuple[str, Any]]:
    from ..readers.kinds import Reader

    for reader in _listed(plugin, answer, "auditor_readers"):
        if not isinstance(reader, Reader):
            raise PluginClash(f"plugin '{plugin}': auditor_readers gave {type(reader).__name__}, not an "
                              "auditor.readers.kinds.Reader")
        yield reader.name, reader


def _format_names(plugin: str, answer: Any) -> Iterable[tuple[str, Any]]:
    if not isinstance(answer, dict):
        raise PluginClash(f"plugin '{plugin}': auditor_output_formats must return a dict, not "
                          f"{type(answer).__name__}")
    return answer.items()


def _stem_names(plugin: str, answer: Any) -> Iterable[tuple[str, Any]]:
    return ((Path(p).stem, p) for p in _listed(plugin, answer, "a path hook"))


def _listed(plugin: str, answer: Any, hook: str) -> list[Any]:
    if answer is None:
        return []
    if isinstance(answer, (str, bytes, dict)) or not isinstance(answer, Iterable):
        raise PluginClash(f"plugin '{plugin}': {hook} must return a list, not {type(answer).__name__}")
    return list(answer)


def _suffix_clashes(readers: list[tuple[str, Any]], owner: dict[str, tuple[str, Any]]) -> list[str]:
    """Two readers of different names answering for one suffix: which one reads it is undecided."""
    by_suffix: dict[str, str] = {}
    clashes = []
    for name, reader in reversed(readers):  # registration order: the built-ins first
        for suffix in reader.suffixes:
            other = by_suffix.setdefault(suffix, name)
            if other != name:
                clashes.append(f"plugins '{owner[other][0]}' and '{owner[name][0]}' both read '{suffix}' files "
                               f"(readers '{other}' and '{name}'; to take them over, a plugin overrides "
                               f"'reader:{other}')")
    return clashes


# Each KIND's hook, and how the names of its answer are read.
_HOOKS: dict[str, tuple[str, Callable[[str, Any], Iterable[tuple[str, Any]]]]] = {
    "check": ("auditor_check_types", _check_names), "reader": ("auditor_readers", _reader_names),
    "format": ("auditor_output_formats", _format_names), "pack": ("auditor_rule_pack_paths", _stem_names),
    "vocabulary": ("auditor_role_vocabularies", _stem_names)}


def make_plugins(autoload: bool | None = None) -> Plugins:
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name=BUILTIN)
    plugins = Plugins(pm, loaded=[BUILTIN])
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
            if name == BUILTIN:
                raise
            pm.unregister(exc.plugin)
            why = str(exc).splitlines()[0]
            retired = [hook for hook in RETIRED if f"'{hook}'" in why]
            plugins.failed[name] = why + (f" ({retired[0]} became {RETIRED[retired[0]]} in 0.1)" if retired else "")
            if name in plugins.loaded:
                plugins.loaded.remove(name)
    return plugins
