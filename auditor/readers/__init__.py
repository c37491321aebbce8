"""Readers turn a file into ``SourceText``. Each is registered through the ``auditor_read_file``
hook, so a plugin can add a format without touching the engine."""
