"""Tests for auditor; the shared helpers live in conftest.py."""
