"""``audit serve``: the reviewer's desk on an intranet (optional extra ``auditor[serve]``).

Imported only by ``audit serve`` and by code that builds the app itself (``create_app``)."""

from __future__ import annotations

INSTALL_HINT = "audit serve needs the optional web packages: pip install 'auditor[serve]'"


def missing() -> str | None:
    """The first web package that cannot be imported, or None."""
    import importlib.util

    for module in ("fastapi", "uvicorn", "multipart"):
        if importlib.util.find_spec(module) is None:
            return module
    return None
