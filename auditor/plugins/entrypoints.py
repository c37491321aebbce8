"""Entry points of group ``auditor``, without importing ``importlib.metadata`` on every start.

Scanning installed distributions costs tens of milliseconds (``importlib.metadata`` pulls in the
``email`` package, then reads every ``*.dist-info``), more than the rest of a cold ``audit``
needs. The answer only changes when something is installed or removed, which changes the
distribution records in the folders on ``sys.path``; so the list is kept in the user's cache
keyed by those records and rebuilt when one changes. An unreadable or unwritable cache just means a scan.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from importlib import import_module
from typing import Any, NamedTuple

from ..resources import cache_dir


class EntryPoint(NamedTuple):
    name: str
    value: str  # "package.module:attribute" or "package.module"

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj = import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj


def entry_points(group: str) -> list[EntryPoint]:
    key = _path_key()
    # One file per environment (virtualenvs share the user's cache folder). The name only spreads
    # environments over files; the stored key is compared in full, so a CRC is enough (and hashlib,
    # with OpenSSL behind it, would cost a cold start more than the rest of this module).
    digest = f"{zlib.crc32(json.dumps(key).encode()):08x}"
    cache = cache_dir() / "entry-points" / f"{group}-{digest}.json"
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return [EntryPoint(n, v) for n, v in stored["entry_points"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = _scan(group)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "entry_points": [[e.name, e.value] for e in found]}),
                       encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass
    return found


def _scan(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as scan

    seen: dict[str, EntryPoint] = {}
    for ep in scan(group=group):
        seen.setdefault(ep.name, EntryPoint(ep.name, ep.value))  # first on sys.path wins, as importlib does
    return list(seen.values())


def _path_key() -> list[Any]:
    """The environment, then each ``sys.path`` folder's distribution records (``*.dist-info``,
    ``*.egg-info``) with their modification times: installing, upgrading or removing a package
    changes them, while the files a user edits beside a report (the working folder is on the
    path) do not."""
    key: list[Any] = [sys.prefix, sys.version]
    for entry in sys.path:
        records = []
        try:
            with os.scandir(entry or ".") as it:
                for item in it:
                    if item.name.endswith((".dist-info", ".egg-info", ".egg-link")):
                        records.append([item.name, item.stat().st_mtime_ns])
        except OSError:
            pass
        if records:  # folders without any (the working folder, usually) do not matter
            key.append([os.path.abspath(entry or "."), sorted(records)])
    return key
