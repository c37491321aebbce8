"""Word-boundary verification with jieba, loaded only when a rule asks for it.

Only the sentence around a candidate hit is segmented, never the whole document; the domain
user dictionary keeps terms such as 规范性文件 and 公平竞争审查 whole.

Speed without changing a single boundary: jieba segments a sentence using only the dictionary
entries of that sentence's substrings (plus the dictionary's total frequency and its HMM tables).
So instead of loading all ~500k entries into a dict on every start (about a second), the full
dictionary is written once to an SQLite file in the user's cache folder, and each process looks up
only the substrings it segments (memoised). The tokenizer is built once per process and user
dictionary set, and shared read-only by every pack and call. Without a writable cache folder the
dictionary is loaded the ordinary way, still once per process.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite3, logging and hashlib are imported when jieba is, not at every start
    import sqlite3

SENTENCE_BREAKS = "。;!?\n"
_WINDOW = 200  # segment at most this far either side of a hit
_FORMAT = "2"  # bump when the cache file layout changes (2: meta records the source dictionary)

_lock = threading.Lock()
_tokenizers: dict[tuple[str, ...], Any] = {}
builds = 0  # tokenizers built in this process (tests check it stays at one per dictionary set)


class LazyFrequencies:
    """jieba's ``FREQ`` mapping, read on demand from the SQLite copy of the main dictionary.

    Words added later (user dictionaries) live in memory on top. Lookups are memoised, so each
    substring costs one query per process."""

    def __init__(self, path: Path):
        self._path = path
        self._pid = os.getpid()
        self._db = _connect(path)
        self._lock = threading.Lock()
        self._known: dict[str, int | None] = {}
        self._added: dict[str, int] = {}

    def _lookup(self, word: str) -> int | None:
        if word in self._added:
            return self._added[word]
        try:
            return self._known[word]
        except KeyError:
            with self._lock:  # one connection, shared by the threads of a process
                if self._pid != os.getpid():  # a forked worker: never use the parent's connection
                    self._db, self._pid = _connect(self._path), os.getpid()
                row = self._db.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
            value = self._known[word] = row[0] if row else None
            return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: int | None = None) -> int | None:
        value = self._lookup(word)
        return default if value is None else value

    def __setitem__(self, word: str, freq: int) -> None:
        self._added[word] = freq


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _import_jieba():
    # jieba 0.42 imports pkg_resources and has non-raw regex strings, which warn on newer
    # setuptools/Pythons; those warnings would break the "one line on stderr" promise of the CLI.
    import logging

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    logging.getLogger("jieba").setLevel(logging.ERROR)
    return jieba


def _dictionary_db(jieba, tokenizer) -> Path | None:
    """The SQLite copy of jieba's main dictionary, built on first use; ``None`` if impossible."""
    import hashlib
    import sqlite3

    from ..resources import cache_dir

    source = Path(tokenizer.get_dict_file().name)
    try:
        stat = source.stat()
    except OSError:
        return None
    key = hashlib.sha256(f"{_FORMAT}|{source}|{stat.st_size}|{stat.st_mtime_ns}|{jieba.__version__}".encode())
    target = cache_dir() / f"jieba-{key.hexdigest()[:16]}.sqlite3"
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with tokenizer.get_dict_file() as fh:
            freq, total = tokenizer.gen_pfdict(fh)
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
            db.execute("INSERT INTO meta VALUES ('source', ?)", (str(source),))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)  # atomic: a concurrent process sees the old state or the whole file
    except (OSError, sqlite3.Error):
        return None
    _prune(target)
    return target


def _prune(keep: Path) -> None:
    """Each copy is ~9 MB: drop those whose jieba is gone (a removed virtualenv, an upgrade) or
    that an older layout wrote, so the cache does not grow with every environment."""
    import sqlite3

    for other in keep.parent.glob("jieba-*.sqlite3"):
        if other == keep:
            continue
        try:
            db = _connect(other)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            row = None
        if row is None or not Path(str(row[0])).is_file():
            with contextlib.suppress(OSError):
                other.unlink()


def _new_tokenizer(user_dictionaries: tuple[str, ...], *, lazy: bool = True):
    import sqlite3

    jieba = _import_jieba()
    tokenizer = jieba.Tokenizer()
    db_path = _dictionary_db(jieba, tokenizer) if lazy else None
    freq = None
    if db_path is not None:
        try:
            freq = LazyFrequencies(db_path)
            total = freq._db.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()[0]
        except sqlite3.Error:
            freq = None
    if freq is not None:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    else:
        tokenizer.initialize()
    for path in user_dictionaries:
        tokenizer.load_userdict(str(path))
    return tokenizer


def shared_tokenizer(user_dictionaries: list[Path] | tuple[Path, ...]):
    """One jieba tokenizer per process and user-dictionary set, built on first use."""
    global builds
    key = tuple(str(p) for p in user_dictionaries)
    tokenizer = _tokenizers.get(key)
    if tokenizer is None:
        with _lock:
            tokenizer = _tokenizers.get(key)
            if tokenizer is None:
                tokenizer = _tokenizers[key] = _new_tokenizer(key)
                builds += 1
    return tokenizer


def sentence_window(text: str, start: int, end: int, reach: int = _WINDOW) -> tuple[int, int]:
    """The sentence around ``[start, end)``, clipped to ``reach`` characters either side."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    s = max(lo - 1, *(text.rfind(c, lo, start) for c in SENTENCE_BREAKS)) + 1
    ends = [i for c in SENTENCE_BREAKS if (i := text.find(c, end, hi)) != -1]
    return s, (min(ends) if ends else hi)


class BoundaryChecker:
    """Shared by every audit with one compiled pack, possibly from several threads: the
    segmentation cache of the text being audited is per thread."""

    def __init__(self, user_dictionaries: list[Path]):
        self._user_dictionaries = tuple(user_dictionaries)
        self._tokenizer = None
        self._local = threading.local()

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def _load(self):
        if self._tokenizer is None:
            self._tokenizer = shared_tokenizer(self._user_dictionaries)
        return self._tokenizer

    def window(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``[start, end)`` that is segmented."""
        return sentence_window(text, start, end)

    def on_boundaries(self, text: str, start: int, end: int) -> bool:
        local = self._local
        # The text itself is held, not just its id(): a freed id can be reused by the next text.
        if getattr(local, "text", None) is not text:
            local.text, local.cache = text, {}
        cache: dict[tuple[int, int], set[int]] = local.cache
        s, e = self.window(text, start, end)
        bounds = cache.get((s, e))
        if bounds is None:
            bounds = {s}
            for _word, _ws, we in self._load().tokenize(text[s:e]):
                bounds.add(s + we)
            cache[(s, e)] = bounds
        return start in bounds and end in bounds

