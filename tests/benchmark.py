"""Speed and memory benchmark (run by hand: ``python tests/benchmark.py``; not a unit test).

Measures, on this machine: pack loading (cached, and with every example run), parsing and auditing each fixture and
corpus report, a large synthetic report, and a batch; peak memory by tracemalloc and max RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from tabulate import tabulate

from auditor import Auditor, load_rules

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rows = []
    t = time.perf_counter()
    pack = load_rules()
    rows.append(["load default pack (first in process)", f"{(time.perf_counter() - t) * 1000:.0f}", "", ""])
    med, best = timed(lambda: load_rules(), args.repeat)
    rows.append(["load default pack again (per-process cache)", f"{med * 1000:.2f}", f"{best * 1000:.2f}", ""])
    med, best = timed(lambda: load_rules(run_examples=True), 1)
    rows.append(["load default pack + run every example (check-rules)", f"{med * 1000:.0f}", "", ""])

    auditor = Auditor(pack)
    reports = sorted((ROOT / "fixtures" / "model").glob("*.txt"))
    corpus = ROOT.parent / "shared" / "corpus"
    reports += sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    for path in reports:
        chars = len(path.read_text(encoding="utf-8"))
        med, best = timed(lambda p=path: auditor.audit_path(p), args.repeat)
        rows.append([f"audit {path.name}", f"{med * 1000:.1f}", f"{best * 1000:.1f}", f"{chars / med / 1000:.0f}k"])

    for sample in sorted((ROOT / "fixtures" / "formats" / "samples").iterdir()):
        med, best = timed(lambda p=sample: auditor.read(p), args.repeat)
        rows.append([f"read {sample.name} ({sample.stat().st_size // 1024} KB)", f"{med * 1000:.1f}",
                     f"{best * 1000:.1f}", ""])

    model = (ROOT / "fixtures" / "model" / "model-report.txt").read_text(encoding="utf-8")
    big = "\n".join([model] * 40)  # ~120k Han characters, far beyond any real report
    med, best = timed(lambda: auditor.audit_text(big), max(1, args.repeat // 2))
    rows.append([f"audit synthetic {len(big) // 1000}k chars", f"{med * 1000:.0f}", f"{best * 1000:.0f}",
                 f"{len(big) / med / 1000:.0f}k"])

    batch = auditor.collect([ROOT / "fixtures"])
    t = time.perf_counter()
    list(auditor.audit_paths(batch))
    elapsed = time.perf_counter() - t
    rows.append([f"batch of {len(batch)} fixture files (all formats)", f"{elapsed * 1000:.0f}", "",
                 f"{len(batch) / elapsed:.0f} files/s"])

    tracemalloc.start()
    auditor.audit_text(big)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(tabulate(rows, headers=["case", "median ms", "best ms", "throughput (chars/s)"], tablefmt="github"))
    print(f"\npeak Python allocation while auditing the synthetic report: {peak / 1e6:.1f} MB")
    print(f"max RSS of this process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
