"""The shipped packs, loaded once per module, for the check-type tests."""

from __future__ import annotations

import pytest

from auditor import load_rules
from auditor.rules.loader import RulePack


@pytest.fixture(scope="module")
def baseline() -> RulePack:
    return load_rules("baseline")


@pytest.fixture(scope="module")
def default() -> RulePack:
    return load_rules("default")

