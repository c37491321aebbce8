"""What the check-type tests share: a minimal rule, a pack written to a folder, a rule run on a
text and a report around some lines."""

from __future__ import annotations

from pathlib import Path

import yaml

from auditor import load_rules
from auditor.engine import run_rule_on_text
from auditor.rules.loader import RulePack

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "fixtures" / "model" / "model-report.txt"

TITLE = "青禾市生态环境局关于2025年度法治政府建设情况的报告"
OPENING = "2025年，我局深入推进法治政府建设。"
ORGAN = "青禾市生态环境局"


def rule(code: str, check: str, **params) -> dict:
    """A minimal valid rule; ``params`` are the check's own keys (and header overrides)."""
    head = {"code": code, "title": "测试规则", "basis": [{"title": "测试依据"}], "severity": "error",
            "weight": 1, "suggestion": "按要求补充。", "check": check}
    for key in ("title", "severity", "weight", "scope", "partial_severity", "applies_to", "suggestion"):
        if key in params:
            head[key] = params.pop(key)
    return {**head, **params}


def make_pack(directory: Path, *rules: dict, name: str = "t", **top) -> RulePack:
    data = {"pack": name, "title": "测试包", "version": "1", **top, "rules": list(rules)}
    path = directory / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rules(str(path))


def run(pack: RulePack, code: str, text: str):
    return run_rule_on_text(pack, pack.rule(code), text)


def labels(outcome) -> list[str]:
    return [m.label for m in outcome.missing]


def report(*body: str, title: str = TITLE, signature: str | None = ORGAN, date: str | None = "2026年2月10日") -> str:
    lines = [title, *body]
    if signature is not None:
        lines.append(signature)
    if date is not None:
        lines.append(date)
    return "\n".join(lines) + "\n"


# A report's normative-document paragraph with every element the baseline's GF001 asks for.
GF_FULL = "全年制定规范性文件3件，均经合法性审核和公平竞争审查，并报市司法局备案；开展规范性文件清理，废止2件。"
