"""Which file names each built-in reader answers for, apart from the readers themselves: the
plugin hooks test a name here before importing a reader module (a .txt run imports no
.docx, .pdf or web-page reader, nor their pattern tables)."""

from __future__ import annotations

TEXT = (".txt", ".text", ".md", ".markdown")
DOCX = (".docx",)  # python-docx refuses macro-enabled .docm packages
PDF = (".pdf",)
HTML = (".html", ".htm", ".shtml", ".xhtml")
LEGACY = (".doc", ".wps", ".dot", ".wpt")
