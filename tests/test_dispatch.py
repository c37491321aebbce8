"""The dispatcher: a file is sniffed once and read by the reader of what it is, whichever plugin
provides that reader, so a plugin that takes over a kind gets that kind's files whatever they are
called. One size limit for every kind. Readers' libraries load only for their own files.

Real files: PDFs, .docx packages and web pages built by fixtures/formats/build.py; real plugins
installed through entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import auditor.readers.sniff as sniff
from auditor import Auditor
from auditor.cli import build_parser
from auditor.errors import InputError
from auditor.plugins.manager import make_plugins

from .conftest import FIXTURES, ROOT, load_builders
from .test_plugins import install, site  # noqa: F401 - ``site`` is a fixture

build = load_builders()
LINES = build.report_lines((FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8"))
META = build.PageMeta(LINES[0], "2026-02-18 09:30", "青禾市生态环境局")

TAKE_OVER = '''\
import auditor.plugins
from auditor.errors import InputError
from auditor.models import SourceText
from auditor.readers.kinds import Reader


def read(file):
    data = file.path.read_bytes()
    if b"BROKEN" in data[-64:]:
        raise InputError("is broken, says the plugin", path=file.path)
    return SourceText(path=str(file.path), format="plugin-{kind}", text="{kind} " + str(len(data)))


@auditor.plugins.hookimpl
def auditor_readers():
    return [Reader("{kind}", {suffixes!r}, read)]


@auditor.plugins.hookimpl
def auditor_overrides():
    return ["reader:{kind}"]
'''


def take_over(folder: Path, kind: str, suffixes: tuple[str, ...]) -> None:
    install(folder, f"auditor_{kind}_reader", TAKE_OVER.format(kind=kind, suffixes=suffixes),
            entry_name=f"{kind}-reader")


def copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def test_a_plugin_taking_over_pdf_reads_every_pdf_whatever_its_name(site, tmp_path):  # noqa: F811
    pdf = build.build_pdf(LINES, tmp_path / "model.pdf")
    misnamed = [copy(pdf, tmp_path / name) for name in ("report.docx", "report.txt", "report.doc", "report.html")]
    builtins = make_plugins(autoload=False)
    assert {builtins.read(p).format for p in [pdf, *misnamed]} == {"pdf"}  # the built-in reader, before
    take_over(site, "pdf", (".pdf",))
    plugins = make_plugins()
    assert plugins.failed == {} and plugins.survey()[0] == ["pdf-reader: reader 'pdf' (replaces auditor.builtin's)"]
    for path in [pdf, *misnamed]:
        source = plugins.read(path)
        assert source is not None and source.format == "plugin-pdf", path
    # A misnamed file's error still says what it is named and what it is.
    broken = tmp_path / "broken.docx"
    broken.write_bytes(pdf.read_bytes() + b"BROKEN")
    with pytest.raises(InputError) as info:
        plugins.read(broken)
    assert str(info.value) == (f"{broken}: is broken, says the plugin (the file is named '.docx' but is a PDF file)")


def test_a_plugin_taking_over_docx_reads_a_renamed_package(site, tmp_path):  # noqa: F811
    docx = build.build_docx(LINES, tmp_path / "model.docx")
    renamed = copy(docx, tmp_path / "report.doc")
    assert make_plugins(autoload=False).read(renamed).format == "docx"
    take_over(site, "docx", (".docx",))
    plugins = make_plugins()
    assert plugins.read(docx).format == plugins.read(renamed).format == "plugin-docx"


def test_a_plugin_taking_over_html_reads_a_page_saved_as_text(site, tmp_path):  # noqa: F811
    page = build.build_html(LINES, tmp_path / "report.txt", META)
    take_over(site, "html", (".html", ".htm"))
    plugins = make_plugins()
    assert plugins.read(page).format == "plugin-html"
    assert ".shtml" not in plugins.reader_suffixes()  # the kind is the plugin's, with its own names
    plain = tmp_path / "plain.txt"
    plain.write_text("\n".join(LINES), encoding="utf-8")
    assert plugins.read(plain).format == "txt"  # text stays the built-in's


def test_a_plugin_taking_over_legacy_reads_old_word_files(site, tmp_path):  # noqa: F811
    ole = tmp_path / "report.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match=r"unsupported file type '\.doc': a legacy Word/WPS file"):
        make_plugins(autoload=False).read(ole)
    take_over(site, "legacy", (".doc",))
    plugins = make_plugins()
    assert plugins.read(ole).format == "plugin-legacy"
    assert ".doc" in plugins.reader_suffixes()  # a plugin's reader is listed unless it says otherwise
    misnamed = copy(ole, tmp_path / "report.docx")
    assert plugins.read(misnamed).format == "plugin-legacy"


def test_a_new_kind_gets_its_files_as_they_are(site, tmp_path):  # noqa: F811
    install(site, "auditor_odt", TAKE_OVER.format(kind="odt", suffixes=(".odt",)).replace(
        '\n@auditor.plugins.hookimpl\ndef auditor_overrides():\n    return ["reader:odt"]\n', ""), entry_name="odt")
    odt = copy(build.build_docx(LINES, tmp_path / "model.docx"), tmp_path / "report.odt")  # a zip, not sniffed
    plugins = make_plugins()
    assert plugins.failed == {}
    assert plugins.read(odt).format == "plugin-odt"


# -- one size limit --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.txt", "r.md", "r.docx", "r.pdf", "r.html", "r.doc"])
def test_one_size_limit_for_every_kind(tmp_path, monkeypatch, name):
    monkeypatch.setattr(sniff, "MAX_BYTES", 2 * sniff.MB)
    big = tmp_path / name
    with big.open("wb") as f:
        f.truncate(3 * sniff.MB)
    with pytest.raises(InputError) as info:
        Auditor(["baseline"], plugins=make_plugins(autoload=False)).read(big)
    assert str(info.value) == f"{big}: is too large for a report (3 MB; limit 2 MB)"


def test_the_size_limit_is_what_serve_and_the_docs_say():
    from auditor.serve.limits import Limits

    assert Limits().max_file_bytes == sniff.MAX_BYTES
    mb = sniff.MAX_BYTES // sniff.MB
    serve = build_parser([], "serve")._subparsers._group_actions[0].choices["serve"]  # type: ignore[union-attr]
    (option,) = [a for a in serve._actions if "--max-file-mb" in a.option_strings]
    assert option.default is None and f"default: {mb}," in option.help
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"files over {mb} MB" in readme and f"`--max-file-mb` ({mb}, the readers' limit)" in readme


# -- readers' libraries stay lazy --------------------------------------------------------------


def test_reader_libraries_load_only_for_their_own_files(tmp_path):
    txt = tmp_path / "r.txt"
    txt.write_text("\n".join(LINES), encoding="utf-8")
    docx = build.build_docx(LINES, tmp_path / "r.docx")
    code = (
        "import json, sys\nfrom pathlib import Path\nfrom auditor.plugins.manager import make_plugins\n"
        "plugins = make_plugins(autoload=False)\nloaded = lambda: sorted({m.split('.')[0] for m in sys.modules})\n"
        f"plugins.read(Path({str(txt)!r}))\nafter_txt = loaded()\n"
        f"plugins.read(Path({str(docx)!r}))\n"
        "print(json.dumps({'txt': after_txt, 'docx': loaded(),"
        " 'readers': sorted(m for m in sys.modules if m.startswith('auditor.readers.'))}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert not {"docx", "lxml", "pypdf"} & set(got["txt"])
    assert {"docx", "lxml"} <= set(got["docx"]) and "pypdf" not in got["docx"]
    assert "auditor.readers.pdf" not in got["readers"] and "auditor.readers.html" not in got["readers"]
