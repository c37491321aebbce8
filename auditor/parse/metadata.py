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


def extract_metadata(doc: Document, frame: Frame, vocab: Vocabulary | RoleTable, hints: dict[str, str],
                     publication: tuple[dt.date, str, int, int] | None,
                     source_site: str | None, meta: Metadata | None = None) -> Metadata:
    """Every field of the report's metadata, step by step (each step reads what the earlier ones
    found: the organisation falls back on the signature, the year on the 成文日期, the kind on
    the organisation). ``meta``: an empty ``Metadata`` to fill (the document's own, made with
    it), else a new one."""
    if meta is None:
        meta = empty_metadata()
    _title(doc, frame, hints, meta)
    _addressee(doc, frame, meta)
    _signature_organisation(doc, frame, meta)
    _signature_date(doc, frame, meta)
    _report_year(doc, frame, meta)
    _organisation(doc, frame, meta)
    _kind(doc, frame, vocab, meta)
    _publication_date(doc, hints, publication, meta)
    _source_site(source_site, meta)
    return meta


# -- title ---------------------------------------------------------------------------------------


def _title(doc: Document, frame: Frame, hints: dict[str, str], meta: Metadata) -> None:
    """The title, and the organisation and year it names: from the title lines the frame found,
    else from the reader's title (an HTML page's ``ArticleTitle``)."""
    if frame.title:
        _title_from_lines(doc, frame, meta)
    elif hints.get("title"):
        _title_from_reader(hints["title"], meta)


def _title_from_lines(doc: Document, frame: Frame, meta: Metadata) -> None:
    """The title as printed (one to three lines joined), located in the file, with the
    organisation and year inside it."""
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


def _title_from_reader(title: str, meta: Metadata) -> None:
    """A title the reader found outside the text (no location), and what it names."""
    meta.title = sourced(SourcedText, value=title, source="reader")
    org, year = title_parts(title)
    if org:
        meta.title_organisation = sourced(SourcedText, value=org, source="reader")
    if year:
        meta.report_year = sourced(SourcedInt, value=year, source="reader", raw=title)


# -- addressee and signature -----------------------------------------------------------------------


def _addressee(doc: Document, frame: Frame, meta: Metadata) -> None:
    """Whom the report is sent to (县委、县政府：), without its colon."""
    if frame.addressee:
        a = frame.addressee
        meta.addressee = sourced(SourcedText, value=a.text.rstrip(":"), source="body",
                                 location=doc.locate(a.start, a.end))


def _signature_organisation(doc: Document, frame: Frame, meta: Metadata) -> None:
    """The names above the 成文日期 (a joint report's two organs joined by a space)."""
    if frame.signature_orgs:
        s, e = frame.signature_orgs[0].start, frame.signature_orgs[-1].end
        meta.signature_organisation = sourced(SourcedText, value=" ".join(line.text for line in frame.signature_orgs),
                                              source="signature", location=doc.locate(s, e))


def _signature_date(doc: Document, frame: Frame, meta: Metadata) -> None:
    """The 成文日期: the signature's date, else a date printed under the title ((2026年2月10日)),
    the first of them that reads as a date."""
    for d, source in ((frame.signature_date, "signature"), (frame.title_date, "title")):
        value = parse_cn_date(d.text) if d else None
        if d and value:
            raw = d.text.strip("()")
            at = d.start + d.text.index(raw)
            meta.signature_date = sourced(SourcedDate, value=value, source=source, raw=raw,
                                          location=doc.locate(at, at + len(raw)))
            break


# -- report year ---------------------------------------------------------------------------------


def _report_year(doc: Document, frame: Frame, meta: Metadata) -> None:
    """When the title gives no year: the body's statements about its period, else the year the
    成文日期 implies."""
    if meta.report_year is not None:
        return
    if not _year_from_body(doc, frame, meta):
        _year_from_signing(meta)


def _year_from_body(doc: Document, frame: Frame, meta: Metadata) -> bool:
    """现将2024年…报告如下, 2024年以来, an opening 2024年… (meta_year.py); whether one was found."""
    if not frame.body:
        return False
    statements = year_statements(doc.text, frame.body[0].start, frame.body[-1].end)
    if not statements:
        return False
    s = statements[0]
    meta.report_year = sourced(SourcedInt, value=s.value, source="body", confidence=s.confidence,
                               raw=doc.text[s.start : s.end], location=doc.locate(s.start, s.end))
    return True


def _year_from_signing(meta: Metadata) -> None:
    """Reports are signed early in the following year; some provinces ask for December: the year
    before a date in the first half of the year, else the same year."""
    signed = meta.signature_date
    if signed:
        d = signed.value
        meta.report_year = sourced(SourcedInt, value=d.year - 1 if d.month <= 6 else d.year, source="derived",
                                   confidence=0.5, raw=signed.raw, location=signed.location)


# -- organisation and kind -----------------------------------------------------------------------


def _organisation(doc: Document, frame: Frame, meta: Metadata) -> None:
    """Who reports: the title's organisation, else the signature's, else the body's own words."""
    if meta.title_organisation:
        meta.organisation = meta.title_organisation
    elif meta.signature_organisation:
        meta.organisation = meta.signature_organisation
    else:
        _organisation_from_body(doc, frame, meta)


def _organisation_from_body(doc: Document, frame: Frame, meta: Metadata) -> None:
    """The subject of the opening (2024年，巫山县司法局坚持…), the name in 现将××…, or 我镇
    expanded to the name the text gives (meta_org.py)."""
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
    """The kind of body: from the organisation's name (the vocabulary's kind rules), else from
    how the report refers to itself (我局, 我镇…), else ``unknown`` for a name that tells nothing."""
    org = meta.organisation
    kind: ReportKind | None = role_table(vocab).kind_of(org.value.replace(" ", "")) if org else None
    if org and kind:
        meta.kind = sourced(SourcedKind, value=kind, source=org.source, confidence=0.9, raw=org.value,
                            location=org.location)
    elif not _kind_from_self_reference(doc, frame, meta) and org:
        meta.kind = sourced(SourcedKind, value="unknown", source=org.source, confidence=0.0, raw=org.value,
                            location=org.location)


def _kind_from_self_reference(doc: Document, frame: Frame, meta: Metadata) -> bool:
    """The kind 我局/我委/我镇/我县 stands for (``SELF_KIND``); whether the body uses one."""
    self_ref = self_reference(doc.text, frame.body[0].start, frame.body[-1].end) if frame.body else None
    if not self_ref:
        return False
    suffix, s, e = self_ref
    meta.kind = sourced(SourcedKind, value=SELF_KIND[suffix], source="body", confidence=0.6,
                        raw=doc.text[s:e], location=doc.locate(s, e))
    return True


# -- publication -----------------------------------------------------------------------------------


def _publication_date(doc: Document, hints: dict[str, str], publication: tuple[dt.date, str, int, int] | None,
                      meta: Metadata) -> None:
    """When the page was published: the reader's date (``PubDate``), else the 发布时间 stamp the
    clutter step took off the page (located in the original file)."""
    if hints.get("publication_date") and (d := parse_date(hints["publication_date"])):
        meta.publication_date = sourced(SourcedDate, value=d, source="reader", raw=hints["publication_date"])
    elif publication:
        value, raw, o_start, o_end = publication
        meta.publication_date = sourced(SourcedDate, value=value, source="clutter", raw=raw,
                                        location=doc.locate_original(o_start, o_end))


def _source_site(source_site: str | None, meta: Metadata) -> None:
    """The site the page came from (its 来源/site name): who published it, never who wrote it."""
    if source_site:
        meta.source_site = sourced(SourcedText, value=source_site, source="clutter")
