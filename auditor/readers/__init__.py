"""Readers turn a file into ``SourceText``: one module per kind (text, docx, pdf, html, legacy), each
independent of the others. ``dispatch`` sniffs a file once and hands it to the reader of its kind
as the ``auditor_readers`` hook declares them (``kinds.Reader``), so a plugin can add or replace one."""
