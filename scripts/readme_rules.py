"""Regenerate the README's rule table from the shipped packs (``--check``: exit 1 when it is stale).

    python scripts/readme_rules.py          # rewrite README.md between the rules-table markers
    python scripts/readme_rules.py --check  # CI / tests: is the table current?
"""

from __future__ import annotations

import sys
from pathlib import Path

from auditor import load_rules
from auditor.rules.catalog import README_PACKS, replace_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = replace_table(text, load_rules(*README_PACKS))
    if "--check" in argv:
        if new != text:
            print("README.md: the rule table is out of date; run python scripts/readme_rules.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md: rule table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
