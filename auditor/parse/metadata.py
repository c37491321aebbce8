"""Metadata: title, organisation, report year, kind, signature, dates, each with its source."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Document, Metadata, Sourced
from ..normalize import parse_date
from .frame import Frame
from .headings import chinese_number
from .vocabulary import Vocabulary

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_YEAR = re.compile(r"(\d{4})\s*年")
_ANY_YEAR = re.compile(r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年")


def cn_to_arabic_date(text: str) -> str:
    """二〇二五年二月十一日 → 2025年2月11日 (other text unchanged)."""

    def conv(m: re.Match[str]) -> str:
        s = m.group(0)
        if len(s) == 4 and all(c in _CN_DIGITS for c in s):
            return "".join(_CN_DIGITS[c] for c in s)
        n = chinese_number(s)
        return str(n) if n is not None else s

    return re.sub(r"[〇零○一二三四五六七八九十]+", conv, text)


def parse_cn_date(text: str) -> dt.date | None:
    return parse_date(cn_to_arabic_date(text))


def title_parts(title: str) -> tuple[str | None, int | None]:
    """(organisation, year) from a title such as 某某局关于2025年度法治政府建设情况的报告."""
    m = _ANY_YEAR.search(title)  # convert only the year: 九江市 must stay 九江市
    year = int(cn_to_arabic_date(m.group(1))) if m else None
    if "关于" in title:
        org = title.split("关于", 1)[0]
    elif m:
        org = title[: m.start()]
    else:
        org = ""
    org = org.strip(" ,:、")
    return (org or None), year


_BODY_ORG = re.compile(r"(?:^|(?<=[,，。;:]))(?P<org>[\u4e00-\u9fff]{2,18}?(?:人民政府|委员会|办公室|局|厅|中心))"
                       r"(?=坚持|深入|认真|始终|全面|紧紧|以|在|围绕|按照|高度)")


def _organisation_in_opening(doc: Document, frame: Frame) -> Sourced[str] | None:
    """An organisation named as the subject of the opening sentence (“市工信局坚持……”)."""
    if not frame.body:
        return None
    opening = frame.body[0]
    m = _BODY_ORG.search(doc.text, opening.start, opening.end)
    if not m:
        return None
    return Sourced[str](value=m.group("org"), source="body", confidence=0.5,
                        location=doc.locate(m.start("org"), m.end("org")))


def extract_metadata(doc: Document, frame: Frame, vocab: Vocabulary, hints: dict[str, str],
                     publication: tuple[dt.date, str, int, int] | None,
                     source_site: str | None) -> Metadata:
    meta = Metadata()
    text = doc.text

    if frame.title:
        start, end = frame.title[0].start, frame.title[-1].end
        title = "".join(line.text for line in frame.title)
        shown = "".join(doc.quote(line.start, line.end, limit=200) for line in frame.title)
        meta.title = Sourced[str](value=shown, source="title",
                                  location=doc.locate(start, end))
        org, year = title_parts(title)
        if org:
            meta.title_organisation = Sourced[str](value=org, source="title", location=doc.locate(start, end))
        if year:
            meta.report_year = Sourced[int](value=year, source="title", raw=title, location=doc.locate(start, end))
    elif hints.get("title"):
        meta.title = Sourced[str](value=hints["title"], source="reader")
        org, year = title_parts(hints["title"])
        if org:
            meta.title_organisation = Sourced[str](value=org, source="reader")
        if year:
            meta.report_year = Sourced[int](value=year, source="reader", raw=hints["title"])

    if frame.addressee:
        a = frame.addressee
        meta.addressee = Sourced[str](value=a.text.rstrip(":"), source="body", location=doc.locate(a.start, a.end))

    if frame.signature_orgs:
        s, e = frame.signature_orgs[0].start, frame.signature_orgs[-1].end
        meta.signature_organisation = Sourced[str](
            value=" ".join(line.text for line in frame.signature_orgs), source="signature",
            location=doc.locate(s, e))
    if frame.signature_date:
        d = frame.signature_date
        value = parse_cn_date(d.text)
        if value:
            meta.signature_date = Sourced[dt.date](value=value, source="signature", raw=d.text,
                                                   location=doc.locate(d.start, d.end))

    if meta.report_year is None and frame.body:
        # The opening usually states the year: "2024年，在市委市政府的坚实引领下……"
        opening = frame.body[0]
        m = _YEAR.search(text, opening.start, opening.end)
        if m:
            meta.report_year = Sourced[int](value=int(m.group(1)), source="body", confidence=0.7,
                                            raw=m.group(0), location=doc.locate(m.start(), m.end()))
    if meta.report_year is None and meta.signature_date:
        d = meta.signature_date.value
        meta.report_year = Sourced[int](value=d.year - 1 if d.month <= 6 else d.year, source="derived",
                                        confidence=0.5, raw=meta.signature_date.raw)

    if meta.title_organisation:
        meta.organisation = meta.title_organisation
    elif meta.signature_organisation:
        meta.organisation = meta.signature_organisation
    elif body_org := _organisation_in_opening(doc, frame):
        meta.organisation = body_org
    elif hints.get("organisation"):
        meta.organisation = Sourced[str](value=hints["organisation"], source="reader", confidence=0.8)
    elif source_site:
        meta.organisation = Sourced[str](value=source_site, source="clutter", confidence=0.6)

    if meta.organisation:
        kind = vocab.kind_of(meta.organisation.value.replace(" ", ""))
        meta.kind = Sourced(value=kind or "unknown", source=meta.organisation.source,
                            confidence=0.9 if kind else 0.0, raw=meta.organisation.value)

    if hints.get("publication_date") and (d := parse_date(hints["publication_date"])):
        meta.publication_date = Sourced[dt.date](value=d, source="reader", raw=hints["publication_date"])
    elif publication:
        value, raw, o_start, o_end = publication
        meta.publication_date = Sourced[dt.date](value=value, source="clutter", raw=raw,
                                                 location=doc.locate_original(o_start, o_end))
    if source_site:
        meta.source_site = Sourced[str](value=source_site, source="clutter")
    return meta
