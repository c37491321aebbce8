"""Tests of the check types (auditor/checks), one module per check type."""
