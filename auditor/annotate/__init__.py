"""Findings as Word comments (批注) in a copy of the user's own .docx.

``annotate_docx`` writes a copy of the report with one comment per finding on the exact
characters of its location (its evidence, or the heading or title where a missing part belongs,
with the missing sub-items listed) and a summary comment on the title. The original file is only
read. Everything else in the package (tables, headers and footers, numbering, tracked changes,
existing comments, images) is carried over untouched: python-docx loads the package and writes it
back, and only ``document.xml`` (runs split, range marks added) and ``comments.xml`` change.

Nothing here prints; errors are ``AuditorError`` with one line for a person.
"""

from __future__ import annotations

import contextlib
import os
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..errors import AuditorError, InputError, UsageError
from ..models import AuditResult, Document, Finding, MissingEntry
from .wording import DEFAULT_AUTHOR, finding_text, missing_text, summary_text

if TYPE_CHECKING:
    from ..api import Auditor
    from .anchors import Placed, Unit

SUFFIX = ".审查意见.docx"
INITIALS = "审查"
__all__ = ["DEFAULT_AUTHOR", "INITIALS", "Annotation", "annotate_docx", "annotate_path", "check_target",
           "default_target"]


class Annotation(BaseModel):
    """What was written."""

    target: Path
    comments: int  # all comments added, the summary included
    placed: int  # findings commented on their own characters
    unplaced: int  # findings whose characters were not found in the Word file: commented on the title


def default_target(source: Path) -> Path:
    """``draft.docx`` → ``draft.审查意见.docx`` beside it."""
    return source.with_name(source.stem + SUFFIX)


def check_target(source: Path, target: Path | None, *, force: bool = False, others: str | None = None) -> Path:
    """The file ``--annotate`` will write, refused before any work is done when it cannot be:
    ``source`` must be a .docx file, and ``target`` a new .docx file (or ``force``), never ``source``.
    ``others`` is a hint for reports in other formats."""
    if source.is_dir():
        raise UsageError("--annotate needs a .docx file, not a folder", path=source)
    if source.suffix.lower() != ".docx":
        raise UsageError("--annotate needs a .docx file" + (f" ({others})" if others else ""), path=source)
    target = target if target is not None and str(target) else default_target(source)
    if target.suffix.lower() != ".docx":
        raise UsageError(f"--annotate writes a Word file: name it .docx, not '{target.name}'")
    if target.is_dir():
        raise UsageError(f"--annotate: '{target}' is a folder")
    if not target.parent.exists():
        raise UsageError(f"--annotate: folder '{target.parent}' does not exist")
    if target.exists():
        same = source.exists() and os.path.samefile(source, target)
        if same:
            raise UsageError("--annotate would overwrite the report itself; give another file name", path=source)
        if not force:
            raise UsageError(f"--annotate: '{target}' already exists (add --force to overwrite it)")
    return target


def annotate_path(auditor: Auditor, source: Path, result: AuditResult, target: Path, *,
                  author: str = DEFAULT_AUTHOR, force: bool = False) -> Annotation:
    """Annotate ``source`` with ``result``, its audit by ``auditor`` (whose reader and parser give
    the ``Document`` the result's locations refer to; both are deterministic)."""
    document = auditor.parse(auditor.read(source))
    return annotate_docx(source, target, result, document, author=author, force=force)


def annotate_docx(source: Path, target: Path, result: AuditResult, document: Document, *,
                  author: str = DEFAULT_AUTHOR, force: bool = False) -> Annotation:
    """Write ``target``: a copy of ``source`` with ``result``'s findings as comments.

    ``document`` is ``source`` as parsed for the audit: its original text and blocks map the
    result's locations back to the paragraphs of the Word file."""
    import docx

    from ..readers.docx import _has_part
    from ..readers.docx_styles import Styles
    from .anchors import RunSplitter, body_paragraphs, mark_range, place_blocks

    if not result.evaluated:
        raise UsageError("was not audited, so there is nothing to annotate", path=source)
    try:
        word = docx.Document(str(source))
    except Exception as exc:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise InputError(f"cannot be annotated: not a Word .docx package ({reason})", path=source) from None
    styles = Styles(word.part.styles.element if _has_part(word, "styles") else None)
    placed = place_blocks(body_paragraphs(word.element.body, styles), document.original, document.blocks)
    places = _Places(document, placed)
    title = places.title()
    if not title:
        raise InputError("cannot be annotated: none of the report's text was found in the Word file", path=source)

    plan: list[tuple[list[str], list[Unit]]] = [(summary_text(result), title)]
    rules = {r.code: r for r in result.results}
    missing = {m.code: m for m in result.missing}
    listed: set[str] = set()
    unplaced = 0
    for finding in result.findings:
        entry: MissingEntry | None = None
        if finding.code in missing and finding.code not in listed:
            entry = missing[finding.code]
            listed.add(finding.code)
        units = places.finding(finding)
        where = None
        if not units:
            unplaced += 1
            units = title
            where = finding.location.short() if finding.location else "全文"
        plan.append((finding_text(finding, rules.get(finding.code), entry, where), units))
    for code, entry in missing.items():
        if code not in listed:
            plan.append((missing_text(entry), title))

    splitter = RunSplitter()
    for _, units in plan:
        splitter.request(units[0], units[-1])
    splitter.split()
    for lines, units in plan:
        comment = word.comments.add_comment(text="\n".join(lines), author=author, initials=INITIALS)
        for run in comment.paragraphs[0].runs:
            run.bold = True
        mark_range(splitter.piece(units[0]), splitter.piece(units[-1]), comment.comment_id)
    _save(word, target, force=force)
    return Annotation(target=target, comments=len(plan), placed=len(result.findings) - unplaced, unplaced=unplaced)


class _Places:
    """Reader offsets (into ``Document.original``) → run units of the Word file."""

    def __init__(self, document: Document, placed: list[Placed | None]):
        self.document = document
        self.blocks = document.blocks
        self.placed = placed
        self.starts = [b.start for b in self.blocks]
        text = document.original
        self.lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.lines)))
        return self.lines[line - 1] + column - 1

    def range(self, start: int, end: int) -> list[Unit]:
        """The units of [start, end); the whole paragraph when the range holds only characters the
        reader generated (a list number); empty when its paragraphs are not found."""
        units: list[Unit] = []
        fallback: list[Unit] = []
        k = max(0, bisect_right(self.starts, start) - 1)
        while k < len(self.blocks) and self.blocks[k].start < max(end, start + 1):
            block, where = self.blocks[k], self.placed[k]
            lo, hi = max(start, block.start), min(max(end, start + 1), block.end)
            if where is not None and lo < hi:
                for pos in range(lo - block.start, hi - block.start):
                    i = pos - where.prefix
                    if 0 <= i < len(where.units) and where.units[i] is not None:
                        units.append(where.units[i])  # type: ignore[arg-type]
                if not fallback:
                    fallback = [u for u in where.units if u is not None]
            k += 1
        return units or fallback

    def finding(self, finding: Finding) -> list[Unit]:
        loc = finding.location
        if loc is None:
            return []
        return self.range(self.offset(loc.line, loc.column), self.offset(loc.end_line, loc.end_column))

    def title(self) -> list[Unit]:
        span = self.document.title
        if span is not None and span.end > span.start:
            doc = self.document
            units = self.range(doc.original_offset(span.start), doc.original_offset(span.end - 1) + 1)
            if units:
                return units
        for where in self.placed:  # no title: the first paragraph found
            if where is not None and any(u is not None for u in where.units):
                return [u for u in where.units if u is not None]
        return []


def _save(word, target: Path, *, force: bool) -> None:
    """Atomically: a temporary file beside ``target``, then moved into place. Without ``force`` an
    existing file is never replaced, even one that appeared while the copy was being written."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        word.save(str(tmp))
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)  # fails if target exists
        except FileExistsError:
            raise AuditorError(f"--annotate: '{target}' already exists (add --force to overwrite it)") from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise AuditorError(f"--annotate: '{target}' already exists (add --force to overwrite it)") from None
            os.replace(tmp, target)
    except OSError as exc:
        raise AuditorError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
