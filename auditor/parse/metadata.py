"""Metadata: title, organisation, report year, kind, signature, dates, each with its source.

Search order, most to least authoritative, each step only when the earlier ones found nothing:

- organisation: the title, the signature, the body's own words (the subject of its opening,
  现将××…, or 我局 expanded to the name the text gives), the reader's title tag. Never a 来源:
  stamp or a site name: those say who published the page, not who wrote the report.
- report year: the title, the body's statements about its period, then the 成文日期 (the year
  before for a date in the first half of the year, the same year for a report signed later).
- kind: from the organisation's name; failing that, from how the body refers to itself.
"""

from __future__ import annotations

import datetime as dt

from ..models import Document, Location, Metadata, ReportKind, SourcedDate, SourcedInt, SourcedKind, SourcedText
from ..models.document import empty_metadata, sourced
from ..normalize import parse_date
from .frame import Frame
from .meta_org import SELF_KIND, expand_self, named_in_body, self_reference
from .meta_title import cn_to_arabic_date, organisation_and_year, title_parts, year_value
from .meta_year import year_statements
from .vocabulary import RoleTable, Vocabulary, role_table

__all__ = ["cn_to_arabic_date", "extract_metadata", "parse_cn_date", "title_parts"]


def parse_cn_date(text: str) -> dt.date | None:
    return parse_date(cn_to_arabic_date(text))


class _TitleText:
    """The title's lines joined, with each character's position in the document (found from the
    lines when asked: a title is one to three lines, and a list of every position cost more)."""

    def __init__(self, doc: Document, frame: Frame) -> None:
        self.lines = frame.title
        self.text = "".join(line.text for line in frame.title)
        self.doc = doc

    def pos(self, i: int) -> int:
        """The document position of the joined text's character ``i`` (``0 <= i < len(text)``)."""
        for line in self.lines:
            n = len(line.text)
            if i < n:
                return line.start + i
            i -= n
        raise IndexError(i)

    def locate(self, start: int, end: int) -> Location:
        return self.doc.locate(self.pos(start), self.pos(end - 1) + 1)


def _from_title(doc: Document, frame: Frame, hints: dict[str, str], meta: Metadata) -> None:
    if frame.title:
        t = _TitleText(doc, frame)
        shown = "".join(doc.quote(line.start, line.end, limit=200) for line in frame.title)
        meta.title = sourced(SourcedText, value=shown, source="title", location=t.locate(0, len(t.text)))
        # (the frame's scores remember what scoring the title candidates found)
        scores = frame.scores
        span, y = (scores.organisation_and_year if scores is not None else organisation_and_year)(t.text)
        if span:
            org = t.text[span[0] : span[1]].strip()
            meta.title_organisation = sourced(SourcedText, value=org, source="title", location=t.locate(*span))
        if y:
            meta.report_year = sourced(SourcedInt, value=year_value(y.group("y")), source="title", raw=t.text,
                                       location=t.locate(y.start(), y.end()))
    elif hints.get("title"):
        meta.title = sourced(SourcedText, value=hints["title"], source="reader")
        org, year = title_parts(hints["title"])
        if org:
            meta.title_organisation = sourced(SourcedText, value=org, source="reader")
        if year:
            meta.report_year = sourced(SourcedInt, value=year, source="reader", raw=hints["title"])


def _from_signature(doc: Document, frame: Frame, meta: Metadata) -> None:
    if frame.signature_orgs:
        s, e = frame.signature_orgs[0].start, frame.signature_orgs[-1].end
        meta.signature_organisation = sourced(SourcedText, value=" ".join(line.text for line in frame.signature_orgs),
                                              source="signature", location=doc.locate(s, e))
    for d, source in ((frame.signature_date, "signature"), (frame.title_date, "title")):
        value = parse_cn_date(d.text) if d else None
        if d and value:
            raw = d.text.strip("()")
            at = d.start + d.text.index(raw)
            meta.signature_date = sourced(SourcedDate, value=value, source=source, raw=raw,
                                          location=doc.locate(at, at + len(raw)))
            break


def _report_year(doc: Document, frame: Frame, meta: Metadata) -> None:
    if meta.report_year is not None:
        return
    if frame.body:
        statements = year_statements(doc.text, frame.body[0].start, frame.body[-1].end)
        if statements:
            s = statements[0]
            meta.report_year = sourced(SourcedInt, value=s.value, source="body", confidence=s.confidence,
                                       raw=doc.text[s.start : s.end], location=doc.locate(s.start, s.end))
            return
    if meta.signature_date:
        d = meta.signature_date.value
        # Reports are signed early in the following year; some provinces ask for December.
        meta.report_year = sourced(SourcedInt, value=d.year - 1 if d.month <= 6 else d.year, source="derived",
                                   confidence=0.5, raw=meta.signature_date.raw,
                                   location=meta.signature_date.location)


def _organisation(doc: Document, frame: Frame, meta: Metadata) -> None:
    if meta.title_organisation:
        meta.organisation = meta.title_organisation
        return
    if meta.signature_organisation:
        meta.organisation = meta.signature_organisation
        return
    if not frame.body:
        return
    start, end = frame.body[0].start, frame.body[-1].end
    self_ref = self_reference(doc.text, start, end)
    named = named_in_body(doc.text, start, end, frame.body[0].end, self_ref[0] if self_ref else None)
    if named is None and self_ref:
        named = expand_self(doc.text, self_ref[0], start, end)
    if named:
        meta.organisation = sourced(SourcedText, value=named.value, source="body", confidence=0.7,
                                    raw=named.how, location=doc.locate(named.start, named.end))


def _kind(doc: Document, frame: Frame, vocab: Vocabulary | RoleTable, meta: Metadata) -> None:
    org = meta.organisation
    kind: ReportKind | None = role_table(vocab).kind_of(org.value.replace(" ", "")) if org else None
    if kind:
        meta.kind = sourced(SourcedKind, value=kind, source=org.source, confidence=0.9, raw=org.value,
                            location=org.location)
        return
    # No name, or a name that tells nothing: how the report refers to itself (我局, 我镇…).
    self_ref = self_reference(doc.text, frame.body[0].start, frame.body[-1].end) if frame.body else None
    if self_ref:
        suffix, s, e = self_ref
        meta.kind = sourced(SourcedKind, value=SELF_KIND[suffix], source="body", confidence=0.6,
                            raw=doc.text[s:e], location=doc.locate(s, e))
    elif org:
        meta.kind = sourced(SourcedKind, value="unknown", source=org.source, confidence=0.0, raw=org.value,
                            location=org.location)


def extract_metadata(doc: Document, frame: Frame, vocab: Vocabulary | RoleTable, hints: dict[str, str],
                     publication: tuple[dt.date, str, int, int] | None,
                     source_site: str | None, meta: Metadata | None = None) -> Metadata:
    """``meta``: an empty ``Metadata`` to fill (the document's own, made with it), else a new one."""
    if meta is None:
        meta = empty_metadata()
    _from_title(doc, frame, hints, meta)
    if frame.addressee:
        a = frame.addressee
        meta.addressee = sourced(SourcedText, value=a.text.rstrip(":"), source="body",
                                 location=doc.locate(a.start, a.end))
    _from_signature(doc, frame, meta)
    _report_year(doc, frame, meta)
    _organisation(doc, frame, meta)
    _kind(doc, frame, vocab, meta)

    if hints.get("publication_date") and (d := parse_date(hints["publication_date"])):
        meta.publication_date = sourced(SourcedDate, value=d, source="reader", raw=hints["publication_date"])
    elif publication:
        value, raw, o_start, o_end = publication
        meta.publication_date = sourced(SourcedDate, value=value, source="clutter", raw=raw,
                                        location=doc.locate_original(o_start, o_end))
    if source_site:
        meta.source_site = sourced(SourcedText, value=source_site, source="clutter")
    return meta
