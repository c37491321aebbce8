"""Compiled packs kept between runs, so a cold ``audit`` neither imports PyYAML nor validates,
compiles and indexes every rule again (together about a third of a cold start).

One file per request (pack names, registered pack folders, check types, working folder), in the
user's cache folder. It is used only when it was written by this auditor version from code that
has not changed since (the modification times of auditor's modules and of every module defining
a check type) and when every pack, vocabulary and dictionary file it was built from still has the
size and modification time it had then. Anything else (a missing, stale, corrupt or unreadable
entry, an unwritable folder) means compiling as before; a cache only ever saves time.

The entry also holds the compiled programs of the regular expressions known when the pack was
compiled (``lazy_regex.programs``), given to the engine instead of compiling them again.

Pickle runs code on load, so an entry is read only from a file owned by this user and writable by
no one else, in a folder that is the user's own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from .. import lazy_regex
from ..resources import cache_dir

_PACKAGE = Path(__file__).resolve().parents[1]


class Entry(NamedTuple):
    path: Path
    identity: str  # everything the entry depends on, stored in it and compared on load


def entry_path(key: tuple[Any, ...], check_modules: list[str]) -> Entry:
    """Where the entry for ``key`` lives, and the identity stored in it. The file name only spreads
    entries over files (two CRCs, not hashlib, which would add OpenSSL to every start); ``load``
    compares the whole identity, so two keys that share a name can never be confused."""
    from .._version import __version__

    identity = repr((__version__, sys.version, key, _code_stamp(check_modules)))
    data = identity.encode()
    return Entry(cache_dir() / "packs" / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle", identity)


def stamp(files: Iterable[str | Path]) -> tuple[Any, ...]:
    """Size and modification time of each file (``()`` when one is missing): a pack's signature."""
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            return ()
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def load(entry: Entry) -> tuple[tuple[Any, ...], Any] | None:
    """The stored (signature, pack), when it is this entry's and its files still have that signature."""
    try:
        st = os.stat(entry.path)
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        with open(entry.path, "rb") as fh:
            identity, signature, pack, programs = pickle.load(fh)
    except Exception:
        return None
    if identity != entry.identity:
        return None
    if not signature or signature != stamp(name for name, _size, _mtime in signature):
        return None
    lazy_regex.install(programs)
    return signature, pack


def store(entry: Entry, signature: tuple[Any, ...], pack: Any) -> None:
    path = entry.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((entry.identity, signature, pack, lazy_regex.programs()), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except Exception:
        with contextlib.suppress(OSError, UnboundLocalError):
            tmp.unlink(missing_ok=True)


_KEEP = 16  # entries kept: a few packs × a few environments; older ones are from changed code


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[_KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _code_stamp(check_modules: list[str]) -> tuple[Any, ...]:
    """Modification times of the code whose classes are pickled: auditor itself and plugins."""
    stamps: list[int | tuple[str, int | None]] = []  # the package's files, then each plugin module's
    for root, _dirs, files in os.walk(_PACKAGE):
        for name in files:
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    stamps.append(os.stat(os.path.join(root, name)).st_mtime_ns)
    for module in sorted(set(check_modules)):
        file = getattr(sys.modules.get(module), "__file__", None)
        try:
            stamps.append((module, os.stat(file).st_mtime_ns if file else None))
        except OSError:
            stamps.append((module, None))
    return (max((s for s in stamps if isinstance(s, int)), default=0), len(stamps),
            tuple(s for s in stamps if not isinstance(s, int)))
