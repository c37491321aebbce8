"""The lexicon (``rules/lexicon.yaml``): report kinds and their names, how a report refers to itself,
the endings of organisations' names and the labels of the tool's values, loaded once.

``lexicon()`` is what every user asks: the parser and the checks build their patterns from it, the
outputs read its labels. The file is validated by the pydantic models of ``lexicon_schema.py`` and
turned into the plain objects below (read as attributes and dicts: no model's hooks on the way).
It is read once per process; between processes those objects are kept pickled in the user's cache
folder (as compiled packs are, ``rules/pack_cache.py``), so a cold ``audit`` neither imports
PyYAML and pydantic's validators nor validates the file again. The copy is used only when the
file and the modules that make it still have the size and modification time they had when it
was written; anything else (missing, stale, corrupt, unwritable) means reading the YAML as before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon_schema import LexiconSpec


class KindNames:
    """How a report kind is named: ``short`` in a column and on the web desk (政府), ``shown`` in
    the table, Markdown and HTML reports (乡镇（街道）), ``report`` in a sentence (乡镇（街道）报告)."""

    __slots__ = ("report", "short", "shown")

    def __init__(self, short: str, shown: str, report: str) -> None:
        self.short, self.shown, self.report = short, shown, report


class SelfReference:
    """What 我局/我镇… says of the body that writes it: its ``kind``, the ``endings`` of the names it
    may stand for, and whether it is a ``place`` whose short name the text repeats (我镇 → 下太镇)."""

    __slots__ = ("endings", "kind", "place")

    def __init__(self, kind: str, endings: tuple[str, ...], place: bool) -> None:
        self.kind, self.endings, self.place = kind, endings, place


class OrganisationEndings:
    """The words an organisation's name ends with, one tuple per reading, each in its order."""

    __slots__ = ("joint_parts", "levels", "organ_types", "signature", "subject", "title")

    def __init__(self, **lists: tuple[str, ...]) -> None:
        for name in self.__slots__:
            setattr(self, name, lists[name])

    subject: tuple[str, ...]  # the subject of an opening sentence, 现将××… (parse/meta_org.py)
    title: tuple[str, ...]  # a title's organisation (parse/meta_title.py)
    signature: tuple[str, ...]  # a signature line (parse/frame.py)
    organ_types: tuple[str, ...]  # a name that is only an organ's type (checks/consistency.py)
    joint_parts: tuple[str, ...]  # where a joint signature splits (checks/consistency.py)
    levels: tuple[str, ...]  # the level a short name starts with (县人民政府)


class Labels:
    """The Chinese of the tool's values (severity, status, verdict…) and of the rule groups."""

    __slots__ = ("groups", "not_a_report", "repetition", "severity", "status", "verdict", "verdict_said")

    def __init__(self, **given: object) -> None:
        for name in self.__slots__:
            setattr(self, name, given[name])

    severity: dict[str, str]
    status: dict[str, str]
    verdict: dict[str, str]
    verdict_said: dict[str, str]
    repetition: dict[str, str]
    not_a_report: str
    groups: dict[str, str]


class Lexicon:
    __slots__ = ("kinds", "labels", "organisation_endings", "self_references", "version")

    def __init__(self, version: int, kinds: dict[str, KindNames], self_references: dict[str, SelfReference],
                 organisation_endings: OrganisationEndings, labels: Labels) -> None:
        self.version, self.kinds, self.self_references = version, kinds, self_references
        self.organisation_endings, self.labels = organisation_endings, labels

    def kind_labels(self, field: str, *, known_only: bool = False) -> dict[str, str]:
        """``{kind: its name}`` for one of ``KindNames``' fields (``known_only``: without ``unknown``)."""
        return {k: getattr(v, field) for k, v in self.kinds.items() if not (known_only and k == "unknown")}


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regular expression's alternatives for ``words``, in their order (the first that fits wins).
    The single characters that end the list are one class (``…|中心|[局厅部]``): the same matches in
    the same order, tested at once."""
    import re

    words = list(words)
    k = len(words)
    while k and len(words[k - 1]) == 1:
        k -= 1
    head = [re.escape(w) for w in words[:k]]
    singles = words[k:]
    if len(singles) > 1:
        return "|".join([*head, "[" + "".join(re.escape(c) for c in singles) + "]"])
    return "|".join(head + [re.escape(w) for w in singles])


# -- loading -------------------------------------------------------------------------------------

_loaded: Lexicon | None = None


def lexicon() -> Lexicon:
    """The shipped lexicon, read on first use in this process."""
    found = _loaded
    if found is None:
        found = _load_shipped()
    return found


def shipped_path() -> Path:
    from ..resources import shipped_rules_dir

    return shipped_rules_dir() / "lexicon.yaml"


def load_lexicon(path: Path) -> Lexicon:
    """A lexicon file, validated; a bad one is a ``RulePackError`` naming the file and line."""
    from ..yamlpos import load_located
    from .lexicon_schema import LexiconSpec

    spec: LexiconSpec = load_located(path).validate(LexiconSpec)
    return _plain(spec)


def _plain(spec: LexiconSpec) -> Lexicon:
    """The plain objects the program reads (tuples for lists: nothing may change them)."""
    from .lexicon_schema import OrganisationEndingsSpec

    e, lab = spec.organisation_endings, spec.labels
    return Lexicon(
        spec.version,
        {k: KindNames(v.short, v.shown, v.report) for k, v in spec.kinds.items()},
        {k: SelfReference(v.kind, tuple(v.endings), v.place) for k, v in spec.self_references.items()},
        OrganisationEndings(**{name: tuple(getattr(e, name)) for name in OrganisationEndingsSpec.model_fields}),
        Labels(severity=dict(lab.severity), status=dict(lab.status), verdict=dict(lab.verdict),
               verdict_said=dict(lab.verdict_said), repetition=dict(lab.repetition),
               not_a_report=lab.not_a_report, groups=dict(lab.groups)),
    )


def _load_shipped() -> Lexicon:
    global _loaded
    path = shipped_path()
    identity = _identity(path)
    found = _read_copy(path, identity) if identity is not None else None
    if found is None:
        found = load_lexicon(path)
        if identity is not None:
            _write_copy(path, identity, found)
    _loaded = found
    return found


def _identity(path: Path) -> str | None:
    """What a kept copy must have been made from: this Python, the file, this module and the schema
    (which makes the objects) as they are."""
    try:
        stats = [os.stat(f) for f in (path, __file__, Path(__file__).with_name("lexicon_schema.py"))]
    except OSError:
        return None
    return repr((sys.version, str(path), [(st.st_size, st.st_mtime_ns) for st in stats]))


def _copy_path(path: Path) -> Path:
    """One copy per lexicon file and Python (two checkouts, or two Pythons, do not take turns
    overwriting one copy); a changed file replaces its own."""
    import zlib

    from ..resources import cache_dir

    return cache_dir() / "lexicon" / f"{zlib.crc32(repr((sys.version, str(path))).encode()):08x}.pickle"


def _read_copy(path: Path, identity: str) -> Lexicon | None:
    """The kept copy, when it is this identity's. Pickle runs code on load: read only from a file
    owned by this user and writable by no one else (the rule of ``rules/pack_cache.py``)."""
    try:
        copy = _copy_path(path)
        st = os.stat(copy)
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        with open(copy, "rb") as fh:
            kept_identity, lex = pickle.load(fh)
    except Exception:
        return None
    return lex if kept_identity == identity and isinstance(lex, Lexicon) else None


def _write_copy(path: Path, identity: str, lex: Lexicon) -> None:
    """Keep ``lex`` for the next process (atomically; an unwritable folder only costs time)."""
    with contextlib.suppress(Exception):
        copy = _copy_path(path)
        copy.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = copy.with_name(f"{copy.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump((identity, lex), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, copy)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
