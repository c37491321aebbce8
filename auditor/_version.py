"""The package's version: a leaf module, so a layer that names the version imports nothing else.

A literal, not ``importlib.metadata.version("auditor")``: that costs ~35 ms of imports and ~0.8 ms a
lookup at start-up (``audit --version`` takes 30 ms in all). Keep it equal to ``pyproject.toml``'s
``version`` (tests/test_api.py checks).
"""

__version__ = "0.1.0"
