"""Which files to audit: explicit files as given, folders walked for report types."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError

# Project files that are never reports, skipped in folders (and, with ``force_exclude``, when named):
# README.md, CHANGELOG.md, LICENSE.txt, CONTRIBUTING.md … in any case, with any suffix.
DEFAULT_EXCLUDES = ("readme", "changelog", "changes", "history", "license", "licence", "copying",
                    "contributing", "code_of_conduct", "security", "authors")


def default_excluded(path: Path) -> bool:
    stem = path.name.split(".", 1)[0].lower().replace("-", "_")
    return stem in DEFAULT_EXCLUDES


def discover(paths: Iterable[str | os.PathLike[str]], suffixes: Iterable[str], *,
             include: Iterable[str] = (), excluded: Callable[[Path], bool] = lambda _p: False,
             force_exclude: bool = False) -> list[Path]:
    """Folders are walked recursively (symlinked folders are not followed, so no loops) for files
    with a reader's suffix or matching ``include``; hidden files and folders and Word's ``~$`` lock
    files are skipped, and so are README, CHANGELOG, LICENSE and like files (``DEFAULT_EXCLUDES``).
    ``excluded`` and the default excludes apply to walked files always and to named files with
    ``force_exclude``. A folder whose every candidate is excluded gives no files (the caller says
    so); a folder with no candidate at all is an error."""
    wanted_suffixes = {s.lower() for s in suffixes}
    include = list(include)
    if include:  # pathspec is imported only when patterns are given (cold-start budget)
        from .config import path_spec

        extra_match: Callable[[str], bool] = path_spec(include).match_file
    else:
        def extra_match(_path: str) -> bool:
            return False
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        try:
            if not p.exists() and not p.is_symlink():
                raise InputError("no such file or folder", path=p)
            is_dir = p.is_dir()
        except OSError as exc:  # a name too long for the system, a folder that may not be searched …
            raise InputError(f"cannot be read: {exc.strerror or exc}", path=p) from None
        if not is_dir:
            if not (force_exclude and (default_excluded(p) or excluded(p))):
                files.append(p)
            continue
        found = []
        candidates = 0
        for root, dirs, names in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                candidate = Path(root) / name
                if name.startswith((".", "~$")) or not (  # hidden files, Word's lock files
                        candidate.suffix.lower() in wanted_suffixes or extra_match(candidate.as_posix())):
                    continue
                candidates += 1
                if not (default_excluded(candidate) or excluded(candidate)):
                    found.append(candidate)
        if not candidates:
            raise InputError(f"contains no reports ({', '.join(sorted(wanted_suffixes))})", path=p)
        files.extend(found)
    return files
