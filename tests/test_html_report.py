"""``--format html`` / ``--output html=PATH|DIR/`` in a real browser.

Playwright (PyPI) drives Debian's ``chromium`` through ``executable_path``: playwright's own
browser download is not reachable where this runs. Without the browser or playwright the browser
tests skip locally with the reason, and fail when ``CI`` is set (CI installs both).

Every page is opened with watchers that record any console error, script error, dialog
(an XSS payload that ran) and any request that is not ``file:`` or ``data:``; each test ends
by asserting that none happened.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.report.html_format import page_name

from .conftest import FIXTURES, REPORT_001, ROOT, run_audit

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL = ("file:", "data:", "about:")
PAYLOADS = ["<script>alert('body')</script>", "<img src=x onerror=alert('img')>",
            '<a href="javascript:alert(\'link\')">点此查看</a>', "</style><script>alert('style')</script>",
            "\"'><svg onload=alert('attr')>"]


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must install it (see .ci/run)")
    pytest.skip(why)


def _chromium() -> str | None:
    for name in (os.environ.get("AUDITOR_CHROMIUM"), "chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    return None


def open_browser(tmp_path_factory: pytest.TempPathFactory, **options: Any) -> Iterator[Any]:
    """Debian's chromium driven by playwright, with a fresh profile (skipped locally when either
    is missing, a failure in CI). ``options`` go to ``launch_persistent_context``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no chromium browser found (apt-get install chromium)")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, headless=True,
            args=CHROMIUM_ARGS, **{"viewport": {"width": 1280, "height": 800}, **options})
        yield context
        context.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One browser (a fresh profile) for the whole module."""
    yield from open_browser(tmp_path_factory)


@dataclass
class Tab:
    page: Any
    problems: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    page = browser.new_page()
    t = Tab(page)

    def route(r: Any) -> None:
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            t.problems.append(f"request left the page: {r.request.url}")
            r.abort()

    def dialog(d: Any) -> None:
        t.problems.append(f"dialog opened ({d.type}): {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else t.problems.append(f"request: {r.url}"))
    page.on("console", lambda m: t.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: t.problems.append(f"script error: {e}"))
    page.on("dialog", dialog)
    yield t
    page.close()


def _audit_html(target: str, *inputs: str, cwd: Path = ROOT) -> dict:
    """Run the real command line: JSON on stdout, HTML to ``target``."""
    out = run_audit("--format", "json", "--output", f"html={target}", *inputs, cwd=cwd)
    assert out.returncode in (0, 1, 2) and out.stdout, out.stderr
    return json.loads(out.stdout)


def _in_view(page: Any, selector: str) -> bool:
    """Whether the element is visible inside both the window and its scrolling text pane."""
    return page.eval_on_selector(selector, """e => {
        const r = e.getBoundingClientRect(), pane = e.closest('.doc').getBoundingClientRect();
        return r.height > 0 && r.top >= Math.max(0, pane.top) && r.bottom <= Math.min(innerHeight, pane.bottom);
    }""")


def _mark_text(page: Any, section: str, fid: str) -> str:
    return "".join(page.eval_on_selector_all(f'#{section} mark.m[data-f~="{fid}"]', "ms => ms.map(m => m.textContent)"))


def _finding_id(page: Any, section: str, code: str) -> str:
    return page.get_attribute(f'#{section} li.finding[data-code="{code}"]', "data-f")


def _click_scrolls(tab: Tab, section: str, code: str) -> None:
    fid = _finding_id(tab.page, section, code)
    mark = f'#{section} mark.m[data-f~="{fid}"]'
    tab.page.eval_on_selector(f"#{section} .doc", "d => { d.scrollTop = 0; window.scrollTo(0, 0); }")
    assert not _in_view(tab.page, mark), f"{code}'s mark is already in view: the click would prove nothing"
    tab.page.click(f'#{section} li.finding[data-code="{code}"] a.jump')
    tab.page.wait_for_function("sel => document.querySelector(sel).classList.contains('flash')", arg=mark)
    assert _in_view(tab.page, mark), f"a click on {code} did not scroll its mark into view"


# -- every finding marked, a click scrolls to it ------------------------------------------------

FIXTURE_REPORTS = ["fixtures/missing/truncated-signature.txt", "fixtures/missing/unbalanced-book-mark.txt",
                   "fixtures/missing/no-normative-docs.txt"]


def test_every_finding_is_marked_and_a_click_scrolls_to_it(tab: Tab, tmp_path: Path):
    target = tmp_path / "r.html"
    run = _audit_html(str(target), *FIXTURE_REPORTS)
    tab.open(target)
    page = tab.page
    assert page.title() == "法治政府建设年度报告审查结果"
    assert page.locator("table.matrix tbody tr").count() == 3  # several reports: the matrix on top
    total = 0
    for i, report in enumerate(run["reports"], start=1):
        section = f"r{i}"
        items = page.locator(f"#{section} li.finding")
        assert items.count() == len(report["findings"])
        for n, finding in enumerate(report["findings"]):
            assert finding["location"], finding
            li = items.nth(n)
            assert li.get_attribute("data-code") == finding["code"]
            fid = li.get_attribute("data-f")
            href = li.locator("a.jump").get_attribute("href")
            assert href == f"#{section}-{fid}" and page.locator(href).count() == 1
            marked = _mark_text(page, section, fid)
            assert marked.strip(), f"{finding['code']} has no mark"
            assert "".join(marked.split())[:8] in "".join(finding["quote"].split()), (marked, finding["quote"])
            total += 1
        evidence = sum(len(r["evidence"]) for r in report["results"])
        assert page.locator(f"#{section} .doc .anchor[id^='{section}-e']").count() == evidence
    assert total >= 3
    # The signature is the last line of a long report: the click must scroll the text to it.
    _click_scrolls(tab, "r1", "SG001")
    assert _mark_text(page, "r1", _finding_id(page, "r1", "SG001")) == "青禾市生态环境"
    assert _mark_text(page, "r2", _finding_id(page, "r2", "PN001")) == "》"
    # Filters: hiding errors hides their list entries and takes the colour off their marks.
    page.uncheck('#r1 input[data-filter="sev"][value="error"]')
    assert page.locator('#r1 li.finding[data-code="SG001"]').is_hidden()
    fid = _finding_id(page, "r1", "SG001")
    assert page.get_attribute(f'#r1 mark.m[data-f~="{fid}"]', "data-show") in ("none", "ev")
    page.check('#r1 input[data-filter="sev"][value="error"]')
    assert page.get_attribute(f'#r1 mark.m[data-f~="{fid}"]', "data-show") == "error"
    assert tab.problems == []


def test_corpus_001_marks_the_missing_item_the_signature_and_the_lone_bracket(tab: Tab, tmp_path: Path):
    if not REPORT_001.is_file():
        pytest.skip(f"shared corpus not available ({REPORT_001} is absent)")
    target = tmp_path / "r.html"
    out = run_audit("--output", f"html={target}", str(REPORT_001))
    assert out.returncode == 1, out.stderr
    tab.open(target)
    page = tab.page
    title = page.text_content("h1")
    assert title == "洪江区科技和工业信息化局关于2025年度法治政府建设情况的报告"
    # GF001: the whole part is missing, marked on the title, and listed with suggestion and basis.
    assert _mark_text(page, "r1", _finding_id(page, "r1", "GF001")) == title
    gf = page.locator("ul.missing li", has_text="GF001")
    assert "规范性文件" in gf.text_content() and "修改建议" in gf.text_content() and "依据" in gf.text_content()
    assert _mark_text(page, "r1", _finding_id(page, "r1", "SG001")) == "洪江区科技和工业信息化"
    assert _mark_text(page, "r1", _finding_id(page, "r1", "PN001")) == "》"
    assert page.get_attribute(f'mark.m[data-f~="{_finding_id(page, "r1", "PN001")}"]', "data-show") == "error"
    _click_scrolls(tab, "r1", "SG001")
    assert tab.problems == []


# -- escaping -------------------------------------------------------------------------------


def _payload_reports(folder: Path) -> list[Path]:
    """A text report and a saved web page, each carrying every payload in its title and body,
    under file names that are payloads themselves."""
    base = (FIXTURES / "missing" / "truncated-signature.txt").read_text(encoding="utf-8").splitlines()
    text = [PAYLOADS[3] + base[0], *base[1:3], *(f"{p}此外，{p}" for p in PAYLOADS), *base[3:]]
    txt = folder / "<svg onload=alert('name')>'\"报告.txt"
    txt.write_text("\n".join(text) + "\n", encoding="utf-8")
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>" for line in text)
    page = folder / "<img src=x onerror=alert(1)>网页.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(text[0])}</title>"
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    return [txt, page]


def _assert_inert(page: Any) -> None:
    """Only the page's own script and stylesheet, no handler attribute, no script link."""
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.styleSheets.length") == 1
    assert page.evaluate("""[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
        .filter(a => a.name.startsWith('on')).length""") == 0
    assert page.evaluate("""[...document.querySelectorAll('[href],[src]')]
        .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length""") == 0
    assert page.evaluate("document.querySelectorAll('svg[onload], img[src=x], a[href^=javascript]').length") == 0


def test_payloads_in_text_titles_and_file_names_render_as_text(tab: Tab, tmp_path: Path):
    reports = _payload_reports(tmp_path)
    out_dir = tmp_path / "out"
    run = _audit_html(f"{out_dir}/", *(str(p) for p in reports))
    assert [r["evaluated"] for r in run["reports"]] == [True, True]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        ["index.html", *(page_name(i, r["path"]) for i, r in enumerate(run["reports"], start=1))])
    page = tab.page
    tab.open(out_dir / "index.html")
    _assert_inert(page)
    names = page.eval_on_selector_all("table.matrix td.name a", "as => as.map(a => a.textContent)")
    assert any("<svg onload=alert('name')>" in n for n in names), names
    for n in range(len(reports)):
        tab.open(out_dir / "index.html")
        page.locator("table.matrix td.name a").nth(n).click()
        page.wait_for_selector("section.report")
        _assert_inert(page)
        text = page.text_content(".doc")
        for payload in PAYLOADS:
            assert payload in text, payload
        assert page.title().startswith(PAYLOADS[3] + "青禾市生态环境局")  # the report's own title
        assert page.text_content("h1").startswith(PAYLOADS[3] + "青禾市生态环境局")
    assert tab.problems == []


# -- a folder: index and pages ------------------------------------------------------------------


def test_folder_index_sorts_by_score_and_links_to_every_page(tab: Tab, tmp_path: Path):
    out_dir = tmp_path / "out"
    out = run_audit("--format", "json", "--output", f"html={out_dir}/", "fixtures/")
    assert out.returncode == 2  # fixtures/ holds unreadable files on purpose
    run = json.loads(out.stdout)
    pages = sorted(p.name for p in out_dir.iterdir())
    assert len(pages) == len(run["reports"]) + 1 and "index.html" in pages
    page = tab.page
    tab.open(out_dir / "index.html")
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == len(run["reports"])
    symbols = page.eval_on_selector_all("table.matrix tbody td.st", "ts => ts.map(t => [t.textContent, t.title])")
    assert symbols and all(s in "✓◐✗—?" and title for s, title in symbols)  # a symbol and words, not colour alone
    page.click("button.sort")
    scores = page.eval_on_selector_all("table.matrix tbody tr", "rs => rs.map(r => r.dataset.score)")
    numbers = [float(s) for s in scores if s]
    assert numbers == sorted(numbers, reverse=True) and scores[len(numbers):] == [""] * (len(scores) - len(numbers))
    page.click("button.sort")
    scores = page.eval_on_selector_all("table.matrix tbody tr", "rs => rs.map(r => r.dataset.score)")
    assert [float(s) for s in scores if s] == sorted(numbers)
    link = page.locator("table.matrix tbody tr", has_text="truncated-signature").locator("a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("section.report li.finding")
    assert page.url.endswith("/" + href)
    assert page.locator('li.finding[data-code="SG001"] a.jump').count() == 1
    page.click("text=← 返回汇总")
    page.wait_for_selector("table.matrix")
    assert tab.problems == []


# -- without a browser ----------------------------------------------------------------------


def test_a_folder_target_needs_a_format_that_writes_folders(tmp_path: Path):
    out = run_audit("--output", f"sarif={tmp_path}/", *FIXTURE_REPORTS[:1])
    assert out.returncode == 2 and "is a folder" in out.stderr


def test_page_names_are_safe_and_unique():
    names = [page_name(i, p) for i, p in enumerate(["a/<b onload=x>.txt", "c/<b onload=x>.txt", "../!!!.txt"], 1)]
    assert names == ["001-b_onload_x.html", "002-b_onload_x.html", "003-report.html"]
