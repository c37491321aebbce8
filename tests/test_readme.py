"""The README stays true: its test command is what CI runs, and its example pack loads."""

from __future__ import annotations

import re
from pathlib import Path

from auditor import Auditor, load_rules
from auditor.models import Status

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command():
    commands = re.findall(r"^python3 -m venv .*$", README, flags=re.MULTILINE)
    assert len(commands) >= 2
    install_and_test = commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_readme_example_command_audits_a_bundled_fixture():
    first = re.findall(r"^python3 -m venv .*$", README, flags=re.MULTILINE)[0]
    target = first.rsplit("audit ", 1)[1]
    assert (ROOT / target).is_file()


def test_readme_example_pack_loads_and_works(tmp_path: Path):
    block = re.search(r"```yaml\n(pack: my-office.*?)```", README, flags=re.DOTALL).group(1)
    pack_file = tmp_path / "my-office.yaml"
    pack_file.write_text(block, encoding="utf-8")
    pack = load_rules(str(pack_file))
    assert pack.rule("ZD001").spec.weight == 2
    assert pack.rule("FZ008").spec.severity.value == "info"  # the override took effect
    text = "青禾市生态环境局关于2025年度法治政府建设情况的报告\n全年被申请行政复议2件，行政应诉3件。"
    result = Auditor(pack).audit_text(text)
    assert next(r for r in result.results if r.code == "ZD001").status is Status.passed


def test_readme_configuration_example_loads(tmp_path: Path):
    from auditor.config import load_config

    block = re.search(r"```yaml\n(extend: \.\./auditor\.yaml.*?)```", README, flags=re.DOTALL).group(1)
    (tmp_path / "auditor.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (tmp_path / "office").mkdir()
    config_file = tmp_path / "office" / "auditor.yaml"
    config_file.write_text(block, encoding="utf-8")
    config = load_config(config_file)
    assert config.value("profile") == "department" and config.parent is not None
    assert config.spec.waivers[0].rule == "GF001" and config.spec.waivers[0].reason
