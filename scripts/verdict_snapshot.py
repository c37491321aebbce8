"""Dump every audit result of the fixtures, the format samples and the shared corpus as JSON, so a
change meant to be behaviour-neutral (a speed-up) can be checked: run before and after, then diff.

    python scripts/verdict_snapshot.py before.json
    ... change ...
    python scripts/verdict_snapshot.py after.json && cmp before.json after.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from auditor.api import Auditor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PROFILES = ("auto", "government", "department", "evaluator")
VOLATILE = {"elapsed", "duration", "generated", "timestamp", "created"}


def inputs() -> list[Path]:
    files = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file()
                   and p.suffix in {".txt", ".md", ".docx", ".pdf", ".html", ".htm"} and "edge" not in p.parts)
    return files + sorted(CORPUS.glob("*.txt"))


def scrub(value: object) -> object:
    """Drop timings; write paths relative to the checkout, so two checkouts compare equal."""
    if isinstance(value, str):
        return value.replace(str(ROOT), "<checkout>")
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def main() -> int:
    out: dict[str, object] = {}
    # The default pack, and the evaluator profile (every shipped pack, kind packs by detected kind).
    for profile in PROFILES:
        auditor = Auditor(profile=profile) if profile != "evaluator" else Auditor(["evaluator"])
        for path in inputs():
            key = f"{profile}:{path.relative_to(ROOT.parent)}".replace(ROOT.name + "/", "", 1)
            try:
                result = auditor.audit_path(path)
            except Exception as exc:  # an error is a result to compare too
                out[key] = f"error: {exc!r}"
                continue
            out[key] = scrub(result.model_dump(mode="json"))
    Path(sys.argv[1]).write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} results written to {sys.argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
