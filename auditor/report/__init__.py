"""Report: render an ``AuditRun`` in an output format. One module per format."""
