"""Which files to audit: explicit files as given, folders walked for report types."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pathspec

from .errors import InputError


def discover(paths: Iterable[str | os.PathLike[str]], suffixes: Iterable[str], *,
             include: Iterable[str] = (), excluded: Callable[[Path], bool] = lambda _p: False,
             force_exclude: bool = False) -> list[Path]:
    """Folders are walked recursively (symlinked folders are not followed, so no loops) for files
    with a reader's suffix or matching ``include``; hidden files and folders and Word's ``~$`` lock
    files are skipped.
    ``excluded`` applies to walked files always and to named files with ``force_exclude``."""
    wanted_suffixes = {s.lower() for s in suffixes}
    extra = pathspec.PathSpec.from_lines("gitwildmatch", list(include))
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise InputError("no such file or folder", path=p)
        if not p.is_dir():
            if not (force_exclude and excluded(p)):
                files.append(p)
            continue
        found = []
        for root, dirs, names in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                candidate = Path(root) / name
                if name.startswith((".", "~$")) or not (  # hidden files, Word's lock files
                        candidate.suffix.lower() in wanted_suffixes or extra.match_file(candidate.as_posix())):
                    continue
                if not excluded(candidate):
                    found.append(candidate)
        if not found:
            raise InputError(f"contains no reports ({', '.join(sorted(wanted_suffixes))})", path=p)
        files.extend(found)
    return files
