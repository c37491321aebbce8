"""``audit serve`` in a real browser: Debian's chromium driven by playwright, against the service
running under uvicorn on 127.0.0.1 (a free port).

A person uploads a .docx through the page, sees the score, the verdict and the evidence report
(its own script running under the service's Content-Security-Policy, inside a sandboxed frame),
downloads the annotated .docx and the HTML report; the annotated copy opens in python-docx with
its comments. Every test asserts that no console error, script error or dialog happened and that
no request left 127.0.0.1. Skips locally without playwright or chromium; fails under CI.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, ROOT, load_builders
from .test_html_report import open_browser

pytest.importorskip("fastapi", reason="audit serve needs the serve extra (pip install -e '.[test]')")

MODEL_TXT = FIXTURES / "model" / "model-report.txt"
ARTIFACTS = ROOT / ".pytest-artifacts"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The real service (uvicorn, the worker pool) on 127.0.0.1 only."""
    from auditor.serve.app import create_app

    from .test_serve import serving

    with serving(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from open_browser(tmp_path_factory, viewport={"width": 1280, "height": 900}, accept_downloads=True)


class Watched:
    def __init__(self, page: Any, origin: str):
        self.page = page
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.local = (origin + "/", "data:", "about:", "blob:")

        def route(r: Any) -> None:
            if r.request.url.startswith(self.local):
                r.continue_()
            else:
                self.problems.append(f"request left 127.0.0.1: {r.request.url}")
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def check(self) -> None:
        assert not self.problems, self.problems
        outside = [u for u in self.requests if not u.startswith(self.local)]
        assert not outside, outside


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Watched]:
    page = browser.new_page()
    watched = Watched(page, server)
    yield watched
    page.close()


def _upload(tab: Watched, server: str, files: list[Path], scoring: str | None = None) -> None:
    tab.page.goto(server + "/")
    assert tab.page.title() == "法治政府建设年度报告审查"
    tab.page.set_input_files("#files", [str(f) for f in files])
    if scoring:
        tab.page.select_option("select[name=scoring]", scoring)
    tab.page.click("button[type=submit]")
    tab.page.wait_for_selector("#summary", timeout=120_000)


def test_upload_a_docx_see_the_report_and_download_the_annotated_copy(tab: Watched, server: str,
                                                                       tmp_path: Path) -> None:
    import docx

    source = tmp_path / "某局2024年法治政府建设年度报告.docx"  # a draft with findings to comment on
    lines = (FIXTURES / "missing" / "no-normative-docs.txt").read_text(encoding="utf-8").splitlines()
    load_builders().build_docx(lines, source)
    _upload(tab, server, [source])
    page = tab.page
    section = page.locator("section#r1")
    assert section.locator("h2").inner_text() == source.name
    score = float(section.locator(".score").inner_text())
    assert 0 <= score <= 100
    assert section.locator(".verdict").inner_text() in ("通过", "不通过")
    # The evidence report: the audited text inside the frame, and its own script ran (the CSP
    # admitted it): unticking 错误 hides the error findings.
    frame = page.frame_locator("section#r1 iframe.evidence")
    frame.locator("h1").wait_for()
    assert "法治政府建设" in frame.locator("h1").inner_text()
    assert frame.locator(".doc").inner_text().strip(), "the report text is missing from the evidence report"
    findings = frame.locator("li.finding")
    assert findings.count() > 0 and findings.first.is_visible()
    if findings.count():
        frame.locator('input[data-filter="sev"][value="error"]').uncheck()
        frame.locator('input[data-filter="sev"][value="warning"]').uncheck()
        frame.locator('input[data-filter="sev"][value="info"]').uncheck()
        assert all(findings.nth(i).is_hidden() for i in range(findings.count())), "the report's script did not run"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-after-upload.png"), full_page=False)
    # The annotated copy: a real Word file with the findings as comments.
    with page.expect_download() as info:
        section.get_by_text("下载审查意见稿").click()
    download = info.value
    assert download.suggested_filename == "某局2024年法治政府建设年度报告.审查意见.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    word = docx.Document(str(saved))
    comments = list(word.comments)
    assert comments, "the annotated copy has no comments"
    assert any("得分" in c.text or "审查" in c.text for c in comments)
    # The HTML report: the same page as the one shown.
    with page.expect_download() as info:
        section.get_by_text("下载证据报告").click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and source.name in html
    tab.check()


def test_a_batch_shows_every_report_and_the_matrix(tab: Watched, server: str, tmp_path: Path) -> None:
    import openpyxl

    good = tmp_path / "甲.txt"
    shutil.copy(MODEL_TXT, good)
    empty = tmp_path / "乙.txt"
    empty.write_bytes(b"")
    odd = tmp_path / "丙.exe"
    odd.write_bytes(b"MZ\x00\x00")
    _upload(tab, server, [good, empty, odd], scoring="example-scheme")
    page = tab.page
    assert page.locator("section.report").count() == 3
    assert page.locator("section#r1 .verdict").inner_text() in ("通过", "不通过")
    assert "评分表" in page.locator("section#r1").inner_text()
    assert page.locator("section#r2 .verdict").inner_text() == "未评估"
    assert "不支持的文件类型" in page.locator("section#r3").inner_text()
    assert "共 3 份" in page.locator("#summary").inner_text()
    with page.expect_download() as info:
        page.get_by_text("下载汇总表（Excel .xlsx）").click()
    assert info.value.suggested_filename == "审查汇总.xlsx"
    workbook = tmp_path / info.value.suggested_filename
    info.value.save_as(workbook)
    book = openpyxl.load_workbook(workbook)
    names = [row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["甲.txt", "乙.txt", "丙.exe"]
    with page.expect_download() as info:
        page.get_by_text("下载汇总表（.csv）").click()
    assert "甲.txt" in Path(info.value.path()).read_text(encoding="utf-8-sig")
    tab.check()


def test_the_page_answers_while_a_batch_runs(browser: Any, server: str, tmp_path: Path) -> None:
    """A second person's page loads while a batch of reports is being audited."""
    files = []
    for i in range(8):
        f = tmp_path / f"报告{i}.txt"
        shutil.copy(MODEL_TXT, f)
        files.append(f)
    first, second = browser.new_page(), browser.new_page()
    try:
        first.goto(server + "/")
        first.set_input_files("#files", [str(f) for f in files])
        first.click("button[type=submit]", no_wait_after=True)
        first.wait_for_selector("section#r1", timeout=60_000)
        started = time.monotonic()
        second.goto(server + "/")
        assert second.title() == "法治政府建设年度报告审查"
        waited = time.monotonic() - started
        first.wait_for_selector("#summary", timeout=120_000)
        assert first.locator("section.report").count() == 8
        assert waited < 5, f"the page took {waited:.1f} s to load while a batch ran"
    finally:
        first.close()
        second.close()


def test_no_network_outside_the_machine_in_ci() -> None:
    """The service binds 127.0.0.1 by default (the browser tests never use another address)."""
    from auditor.serve.run import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    assert os.environ.get("AUDITOR_SERVE_HOST") is None or is_loopback(os.environ["AUDITOR_SERVE_HOST"])
