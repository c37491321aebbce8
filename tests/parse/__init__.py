"""Tests of the parser (auditor/parse): lines, the frame, the heading tree, roles, locations and
the metadata, one module per step."""
