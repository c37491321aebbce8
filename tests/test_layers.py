"""What the layering of issue 11 moved keeps working: the run carries its rule catalogue (never
serialised), and the names that moved stay importable from their old places."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from auditor import Auditor
from auditor.batch import Batch
from auditor.models import AuditRun
from auditor.report.json_format import JsonFormatter
from auditor.report.sarif import SarifFormatter

from .conftest import FIXTURES

MODEL = FIXTURES / "model" / "model-report.txt"


def test_a_run_carries_its_pack_catalogue_outside_its_json():
    auditor = Auditor()
    run = auditor.summarise([auditor.audit_path(MODEL)])
    assert list(run.catalog) == [r.code for r in auditor.pack.rules]
    assert run.catalog == auditor.catalog()
    assert "catalog" not in run.model_dump() and "catalog" not in json.loads(run.model_dump_json())
    assert "catalog" not in json.dumps(AuditRun.model_json_schema())
    assert json.loads(JsonFormatter().render(run)) == json.loads(run.model_dump_json())
    again = AuditRun.model_validate_json(run.model_dump_json())  # a run read back from JSON has none
    assert again.catalog == {}


def test_sarif_describes_the_rules_the_run_carries():
    auditor = Auditor()
    run = auditor.summarise([auditor.audit_path(MODEL)])
    rules = json.loads(SarifFormatter().render(run))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(run.catalog)
    assert all(r["shortDescription"]["text"] == run.catalog[r["id"]].title for r in rules)
    # A run read back from JSON has no catalogue: the formatter's own is the fallback, with the same output.
    again = AuditRun.model_validate_json(run.model_dump_json())
    assert SarifFormatter(catalog=auditor.catalog()).render(again) == SarifFormatter().render(run)
    bare = json.loads(SarifFormatter().render(again))["runs"][0]["tool"]["driver"]["rules"]
    assert all(r == {"id": r["id"], "shortDescription": {"text": r["id"]}} for r in bare)


def test_a_batch_run_carries_the_rules_of_every_pack_it_used(tmp_path: Path):
    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(MODEL, county / "a.txt")
    (county / "auditor.yaml").write_text("rules: [baseline]\n", encoding="utf-8")
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(MODEL, plain / "b.txt")
    batch = Batch()
    run = batch.run([county, plain])
    baseline, default = Auditor(["baseline"]).catalog(), Auditor().catalog()
    assert set(baseline) < set(default) and run.catalog == {**baseline, **default}
    assert batch.run([county]).catalog == baseline  # a second run of the same batch carries it too


def test_moved_names_stay_importable_from_their_old_places():
    import auditor
    import auditor.models
    import auditor.models.pack
    import auditor.report.base
    import auditor.rules.schema
    from auditor._version import __version__

    assert auditor.report.base.RuleInfo is auditor.models.RuleInfo
    for name in auditor.rules.schema.__all__:
        assert getattr(auditor.rules.schema, name) is getattr(auditor.models.pack, name)
    assert auditor.__version__ == __version__


def test_the_html_format_reads_the_text_through_the_reader_it_is_given():
    """A format depends only on the models: the CLI and the desk hand the HTML format their reader
    plugins' reader (``Plugins.read``); without one it lists the findings without the text."""
    from auditor.plugins.manager import make_plugins
    from auditor.report.html_format import HtmlFormatter

    auditor = Auditor()
    report = FIXTURES / "missing" / "no-normative-docs.txt"
    run = auditor.summarise([auditor.audit_path(report)])
    line = next(ln for ln in report.read_text(encoding="utf-8").splitlines() if len(ln) > 30)[:20]
    plugins = make_plugins()
    reading = HtmlFormatter()
    reading.read_source = plugins.read
    blind = HtmlFormatter().render(run)
    assert line in reading.render(run) and line not in blind
    assert run.reports[0].findings and all(f.message[:10] in blind for f in run.reports[0].findings[:3])
