"""Do word-boundary verdicts depend on how jieba's dictionary is loaded? (run by hand; a test calls it too)

Audits every report of the given files and folders (and every rule example of the shipped packs),
records each word-boundary check the rules trigger, and segments each checked sentence twice:
with the process-wide tokenizer auditor uses (jieba's dictionary read on demand from the SQLite
cache) and with a tokenizer initialised the classic way (the whole dictionary loaded into memory).
Prints how many checks and sentences were compared and every sentence where the two differ.

    python benchmarks/boundaries.py ../shared/corpus fixtures
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[1]


class Comparison(BaseModel):
    reports: int
    checks: int  # boundary checks the audits triggered
    sentences: int  # distinct sentences segmented for them
    verdicts_differ: int  # checks whose accept/reject answer differs
    segmentations_differ: list[str]  # sentences segmented differently


def compare(paths: Iterable[str | Path], *, examples: bool = True) -> Comparison:
    from auditor.api import Auditor, load_rules
    from auditor.matching import boundaries

    calls: list[tuple[str, int, int, tuple[str, ...]]] = []
    original = boundaries.BoundaryChecker.on_boundaries

    def recording(self, text: str, start: int, end: int) -> bool:
        calls.append((text, start, end, self._user_dictionaries))
        return original(self, text, start, end)

    boundaries.BoundaryChecker.on_boundaries = recording  # type: ignore[method-assign]
    try:
        auditor = Auditor()
        files = auditor.collect(paths)
        for path in files:
            auditor.audit_path(path)
        if examples:
            load_rules("default", run_examples=True)
    finally:
        boundaries.BoundaryChecker.on_boundaries = original  # type: ignore[method-assign]

    checker = boundaries.BoundaryChecker([])
    full: dict[tuple[str, ...], object] = {}
    differ: list[str] = []
    sentences: dict[tuple[str, tuple[str, ...]], tuple[list, list]] = {}
    verdicts = 0
    for text, start, end, dicts in calls:
        s, e = checker.window(text, start, end)
        sentence = text[s:e]
        if (sentence, dicts) not in sentences:
            fast = list(boundaries.shared_tokenizer([Path(d) for d in dicts]).tokenize(sentence))
            if dicts not in full:
                full[dicts] = boundaries._new_tokenizer(dicts, lazy=False)
            slow = list(full[dicts].tokenize(sentence))  # type: ignore[attr-defined]
            sentences[(sentence, dicts)] = (fast, slow)
            if fast != slow:
                differ.append(sentence)
        fast, slow = sentences[(sentence, dicts)]
        a = {s} | {s + we for _w, _ws, we in fast}
        b = {s} | {s + we for _w, _ws, we in slow}
        verdicts += (start in a and end in a) != (start in b and end in b)
    return Comparison(reports=len(files), checks=len(calls), sentences=len(sentences), verdicts_differ=verdicts,
                      segmentations_differ=differ)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus"), str(ROOT / "fixtures")])
    parser.add_argument("--no-examples", action="store_true", help="skip the shipped packs' rule examples")
    ns = parser.parse_args(argv)
    result = compare(ns.paths, examples=not ns.no_examples)
    print(f"reports audited: {result.reports}; boundary checks: {result.checks}; "
          f"sentences segmented: {result.sentences}; verdicts that differ: {result.verdicts_differ}; "
          f"segmentations that differ: {len(result.segmentations_differ)}")
    for sentence in result.segmentations_differ:
        print(f"  differs: {sentence}")
    return 1 if result.verdicts_differ or result.segmentations_differ else 0


if __name__ == "__main__":
    sys.exit(main())
