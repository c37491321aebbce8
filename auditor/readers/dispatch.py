"""The one way a file reaches a reader: sniffed once, then read by the reader of what it is.

The file's name picks the reader that answers for it. For the built-in kinds (``kinds.SNIFFED``)
the first bytes are sniffed once, and a file whose content is a container of another kind — a
PDF saved as ``.docx``, a .docx renamed ``.doc``, a web page saved as ``.txt`` — goes to the
reader of that kind, whichever plugin provides it, so a plugin reader is never bypassed. Its
errors then name both the file's suffix and what it really is. A plugin's own kind (``.rpt``)
gets its files as they are.

A text-named file is opened once: the bytes sniffed are the text read (opening it twice cost
more than decoding it).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import TYPE_CHECKING

from ..errors import InputError
from . import sniff
from .kinds import CONTENT_READERS, SNIFFED, TEXT_READER, MisnamedFile, Reader, ReadFunction, Sniffed

if TYPE_CHECKING:
    from ..models import SourceText


class Dispatcher:
    def __init__(self, readers: Mapping[str, Reader]):
        self.readers = dict(readers)
        self._by_suffix = {s: r for r in self.readers.values() for s in r.suffixes}
        self._loaded: dict[str, ReadFunction] = {}

    def suffixes(self, listed: bool = True) -> list[str]:
        """The file names read (those picked out of folders with ``listed``), sorted."""
        return sorted({s for r in self.readers.values() if r.listed or not listed for s in r.suffixes})

    def read(self, path: Path) -> SourceText | None:
        """``path`` read by the reader of what it is; ``None`` when no reader answers for its name.
        Only regular files are read: a FIFO would block the run, a device (/dev/zero) never ends."""
        reader = self._by_suffix.get(path.suffix.lower())
        if reader is None:
            return None
        st = _only_regular(path)
        if reader.name == TEXT_READER:
            return self._read_text_named(path, reader, st)
        if reader.name not in SNIFFED:
            return self._call(reader, Sniffed(path, None))
        return self._read_as(path, reader, sniff.sniff(path))

    def _read_text_named(self, path: Path, reader: Reader, st: os.stat_result | None) -> SourceText:
        """A text-named file, from the bytes sniffed when it is text. One that cannot be examined
        (``st`` is None), is not a regular file, cannot be opened or is too large is left to the
        text reader, which says why in its own words."""
        unopened = Sniffed(path, None)
        if st is None or not S_ISREG(st.st_mode):  # what ``path.is_file()`` tests
            return self._call(reader, unopened)
        data: bytes | None = None
        try:
            with path.open("rb") as f:
                head = f.read(sniff.HEAD_BYTES)
                kind = sniff.detect(head)
                if kind is None:
                    if st.st_size > sniff.MAX_BYTES:
                        return self._call(reader, unopened)
                    data = head + f.read()
        except OSError:
            return self._call(reader, unopened)
        if data is not None:
            return self._call(reader, Sniffed(path, None, data))
        sniff.check_size(path)
        return self._read_as(path, reader, kind)

    def _read_as(self, path: Path, named: Reader, kind: sniff.Kind | None) -> SourceText:
        """Read by ``named`` (the reader of the file's name) unless the content is another kind."""
        if kind is None or CONTENT_READERS[kind] == named.name:
            return self._call(named, Sniffed(path, kind))
        suffix = path.suffix.lower() or path.name
        actual = self.readers.get(CONTENT_READERS[kind])
        if actual is None:
            raise InputError(f"is named '{suffix}' but is {sniff.KIND_LABELS[kind]}, which no reader reads", path=path)
        try:
            return self._call(actual, Sniffed(path, kind))
        except MisnamedFile:
            raise
        except InputError as exc:
            raise InputError(f"{exc.message} (the file is named '{suffix}' but is {sniff.KIND_LABELS[kind]})",
                             path=path) from None

    def _call(self, reader: Reader, file: Sniffed) -> SourceText:
        read = self._loaded.get(reader.name)
        if read is None:
            read = self._loaded[reader.name] = reader.load()
        return read(file)


_SPECIAL = ((S_ISFIFO, "a named pipe (FIFO)"), (S_ISCHR, "a device"), (S_ISBLK, "a device"),
            (S_ISSOCK, "a socket"))


def _only_regular(path: Path) -> os.stat_result | None:
    """One line for a path that exists but is not a regular file (links followed), or a link that
    leads nowhere; any other path that cannot be examined (None) is left to the reader, which names
    the problem in its own words. The file's status, for the reading that follows."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("is a symbolic link loop", path=path) from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise InputError(f"is a symbolic link to a missing file ({os.readlink(path)})", path=path) from None
        return None
    mode = st.st_mode
    if not S_ISREG(mode) and not S_ISDIR(mode):  # (a folder: the reader's own words, "Is a directory")
        what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
        raise InputError(f"is {what}, not a report file", path=path)
    return st
