"""The public arguments of the library API, checked in one place.

``Auditor(...)``, ``load_rules``, ``audit_text``/``audit_path`` and the command line (through the
``Auditor`` its batch makes) all pass their arguments through these checks, so a bad value is the
same one-line ``UsageError`` everywhere, naming the argument, the value and what is allowed,
instead of a silent no-op (a NaN threshold that never fails) or a traceback from deep inside.
Rule codes and prefixes are checked against the pack by ``RulePack.selected``, the one place
that knows them. Nothing here is imported by ``import auditor`` or ``audit --help``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .profiles import check_profile

if TYPE_CHECKING:
    from .models import Severity
    from .plugins.manager import Plugins

__all__ = ["check_codes", "check_flag", "check_options", "check_pack_refs", "check_path", "check_plugins",
           "check_profile", "check_score", "check_severity", "check_text"]


def _shown(value: object) -> str:
    """A value as the message shows it: its repr, cut short (a whole report passed by mistake)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_severity(value: object, argument: str = "fail_on") -> Severity:
    """A ``Severity`` or its value (``"error"``, ``"warning"``, ``"info"``)."""
    from .models import Severity

    if isinstance(value, Severity):
        return value
    if isinstance(value, str):
        try:
            return Severity(value)
        except ValueError:
            pass
    allowed = ", ".join(s.value for s in Severity)
    raise UsageError(f"{argument}: {_shown(value)} is not a severity (choose from: {allowed})")


def check_score(value: object, argument: str = "fail_under") -> float | None:
    """None, or a score from 0 to 100 (an int or a float; not a bool, NaN or infinity)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100:
        return float(value)
    raise UsageError(f"{argument}: {_shown(value)} is not a score from 0 to 100")


def check_codes(value: object, argument: str) -> list[str] | None:
    """None, or rule codes or prefixes (``["FZ", "GF001"]``), each a non-empty string. A single
    string is refused, not read as its characters; an empty prefix would match every rule."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UsageError(f"{argument}: {_shown(value)} is not a list of rule codes or prefixes "
                         f"(write {argument}=[{value!r}] for one)" if isinstance(value, str) else
                         f"{argument}: {_shown(value)} is not a list of rule codes or prefixes")
    codes = list(value)
    for code in codes:
        if not isinstance(code, str) or not code.strip():
            raise UsageError(f"{argument}: {_shown(code)} is not a rule code or prefix (such as 'FZ' or 'GF001')")
    return codes


def check_pack_refs(value: object, argument: str = "rules") -> list[str]:
    """Rule packs by name (``"evaluator"``) or path (a ``str`` or ``os.PathLike``, given to the
    loader as a ``str``): a list of them, or None for the default."""
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)) or not isinstance(value, Iterable):
        hint = f" (write {argument}=[{value!r}] for one pack)" if isinstance(value, (str, os.PathLike)) else ""
        raise UsageError(f"{argument}: {_shown(value)} is not a list of rule pack names or paths{hint}")
    refs = []
    for ref in value:
        if not isinstance(ref, (str, os.PathLike)) or not str(ref).strip():
            raise UsageError(f"{argument}: {_shown(ref)} is not a rule pack name or path")
        refs.append(os.fspath(ref))
    return refs


def check_flag(value: object, argument: str, *, optional: bool = False) -> bool | None:
    """True or False (or None when ``optional``): ``recognise="no"`` would read as true."""
    if isinstance(value, bool) or (optional and value is None):
        return value
    allowed = "True, False or None" if optional else "True or False"
    raise UsageError(f"{argument}: {_shown(value)} is not {allowed}")


def check_plugins(value: object, argument: str = "plugins") -> Plugins | None:
    """None (the installed plugins), or a plugin host made by ``make_plugins()``."""
    from .plugins.manager import Plugins

    if value is None or isinstance(value, Plugins):
        return value
    raise UsageError(f"{argument}: {_shown(value)} is not a plugin host (make one with auditor.plugins.manager."
                     "make_plugins())")


def check_text(value: object, argument: str = "text") -> str:
    """Report text as a ``str`` (bytes must be decoded first, or given to ``audit_path`` as a file)."""
    if isinstance(value, str):
        return value
    hint = " (decode it first, or pass the file to audit_path)" if isinstance(value, (bytes, bytearray)) else ""
    raise UsageError(f"{argument}: {_shown(value)} is not text{hint}")


def check_path(value: object, argument: str = "path") -> str | os.PathLike[str]:
    """A file's path as a ``str`` or ``os.PathLike``."""
    if isinstance(value, (str, os.PathLike)) and str(value):
        return value
    raise UsageError(f"{argument}: {_shown(value)} is not a file path")


def check_options(options: dict[str, Any], allowed: Iterable[str], function: str) -> None:
    """Keyword options of ``function`` (``audit_text(..., fail_under=80)``): each name one it takes."""
    names = tuple(allowed)
    for name in options:
        if name not in names:
            raise UsageError(f"{function}: unknown option {name!r} (allowed: {', '.join(names)})")
