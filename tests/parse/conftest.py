"""The shipped role vocabulary, loaded once per module, for the parser's tests."""

from __future__ import annotations

import pytest

from .texts import shipped_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return shipped_vocabulary()
