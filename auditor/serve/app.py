"""``audit serve``: the reviewer's desk, one page and a JSON API for an intranet.

``GET /`` is the page (Chinese, no script of its own: a plain form that works in any browser).
``POST /audit`` answers it with a page written as the reports are audited, one section per report
(score, verdict, reasons, the evidence report, the annotated .docx and the HTML report to
download), then for a batch the matrix as .xlsx and .csv. ``POST /api/audit`` takes the same
files and returns what ``audit --format json`` prints; ``/openapi.json`` describes it.

Nothing is kept: each request's files live in a temporary folder under the service's own, which
is removed as soon as that request's reports are audited (and the service's folder on shutdown);
results exist only in the response. Nothing from a report is logged.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hmac
import secrets
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.datastructures import UploadFile as StarletteUpload

from .._version import __version__
from ..models import AuditResult, AuditRun
from ..profiles import PROFILES
from ..report.csv_format import NOT_A_REPORT, CsvFormatter
from ..report.html_format import CSS as REPORT_CSS
from ..report.html_format import JS as REPORT_JS
from ..report.html_format import _digest
from ..report.json_format import JsonFormatter
from ..report.labels import VERDICT_LABELS, kind_label
from .desk import ANNOTATED, HTML_REPORT, Desk, Item, Outcome
from .limits import MB, BodyLimit, Limits, copy_capped, safe_name
from .zipsafe import ZipRefused, expand

Profile = Literal["auto", "government", "department", "town", "joint"]
assert set(Profile.__args__) == set(PROFILES)  # type: ignore[attr-defined]
PROFILE_LABELS = {"auto": "自动识别", **{k: kind_label(k) + "报告" for k in PROFILES if k != "auto"}}
CSRF_COOKIE = "desk_csrf"
ZIP = ".zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML, CSV = "text/html;charset=utf-8", "text/csv;charset=utf-8"

# The page and every response: no inline script or style except the evidence report's own, admitted
# by hash (the same hashes as its own policy); nothing from another origin; never framed elsewhere.
CSP = (f"default-src 'none'; script-src {_digest(REPORT_JS)}; style-src 'self' {_digest(REPORT_CSS)}; "
       "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" would make the form's Origin "null"
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),  # results hold report text: never cached by a browser or proxy
]


class Problem(BaseModel):
    """An error: one line for a person."""

    detail: str


class Choice(BaseModel):
    name: str
    label: str


class Options(BaseModel):
    """What a caller may choose, and the limits that apply."""

    version: str
    pack: str
    profiles: list[Choice]
    schemes: list[Choice]
    suffixes: list[str]
    limits: Limits


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def _template() -> tuple[str, str]:
    text = files("auditor.serve").joinpath("templates/desk.html").read_text(encoding="utf-8")
    head, _, tail = text.partition("$body")
    return head, tail


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def create_app(desk: Desk | None = None, *, rules: list[str] | None = None, limits: Limits | None = None) -> FastAPI:
    """The service; ``desk`` (compiled packs) may be shared between apps, e.g. in tests."""
    desk = desk or Desk(rules, limits)
    limits = limits or desk.limits
    root = Path(tempfile.mkdtemp(prefix="audit-serve-"))
    slots = threading.BoundedSemaphore(limits.workers)  # requests audited at once
    head, tail = _template()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            shutil.rmtree(root, ignore_errors=True)

    app = FastAPI(title="法治政府建设年度报告审查服务 (auditor)", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /openapi.json is local
                  description="Upload reports, get what `audit --format json` prints. Nothing is kept.")
    app.state.root = root
    app.state.desk = desk
    app.mount("/static", StaticFiles(packages=[("auditor.serve", "static")], html=False), name="static")

    def top(title: str) -> str:
        return Template(head).safe_substitute(title=_e(title))

    def page(title: str, body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(top(title) + body + tail, status_code=status)

    def refusal(message: str, status: int) -> HTMLResponse:
        return page("无法审查", f'<h1>无法审查</h1><p class="card problem">{_e(message)}</p>'
                                f'<p><a href="/">← 返回重新上传</a></p>', status)

    # -- the page ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE)
        if not token or len(token) != 43:
            token = secrets.token_urlsafe(32)
        response = page("法治政府建设年度报告审查", _form(desk, limits, token))
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    @app.post("/audit", include_in_schema=False)
    async def audit_form(request: Request) -> Response:
        try:
            form = await request.form(max_files=limits.max_files, max_fields=10)
        except HTTPException:
            return refusal(f"一次最多上传 {limits.max_files} 个文件，请分批上传。", 413)
        if not _same_origin(request) or not _csrf_ok(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
            return refusal("页面已过期或请求来源不明，请回到首页刷新后重新上传。", 403)
        profile = form.get("profile") or "auto"
        scoring = form.get("scoring") or None
        if profile not in PROFILES or (scoring is not None and scoring not in desk.schemes):
            return refusal("报告类型或评分表的选择无效，请回到首页重新选择。", 400)
        uploads = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
        if not uploads:
            return refusal("没有收到文件：请先选择要审查的报告。", 400)
        try:
            folder, items = await _received(uploads, root, limits, desk.suffixes())
        finally:
            await form.close()
        feed = _Feed(desk, items, str(profile), slots, folder, render=True, limits=limits)
        return StreamingResponse(_result_page(desk, feed, items, str(profile), scoring, top("审查结果"), tail),
                                 media_type="text/html; charset=utf-8")

    # -- the API --------------------------------------------------------------------------------

    @app.get("/api/options", response_model=Options, summary="Profiles, score sheets and limits")
    async def options() -> Options:
        return Options(version=__version__, pack=desk.pack_title,
                       profiles=[Choice(name=p, label=PROFILE_LABELS[p]) for p in PROFILES],
                       schemes=[Choice(name=n, label=s.spec.title) for n, s in desk.schemes.items()],
                       suffixes=[*desk.suffixes(), ZIP], limits=limits)

    @app.post("/api/audit", summary="Audit one or more reports (or a .zip of them)",
              response_class=Response,
              responses={200: {"model": AuditRun, "description": "what `audit --format json` prints"},
                         400: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem},
                         422: {"description": "a field is missing or invalid"}})
    async def api_audit(request: Request,
                        file: Annotated[list[UploadFile], File(description=".docx .pdf .html .txt or .zip; repeat")],
                        profile: Annotated[Profile, Form()] = "auto",
                        scoring: Annotated[str | None, Form(description="a score sheet from /api/options")] = None,
                        ) -> Response:
        if not _same_origin(request):
            return JSONResponse({"detail": "请求来源不明（Origin 与本服务不符）"}, status_code=403)
        if scoring is not None and scoring not in desk.schemes:
            return JSONResponse({"detail": f"未知的评分表“{scoring}”（可选：{'、'.join(desk.schemes) or '无'}）"},
                                status_code=400)
        uploads = [f for f in file if f.filename is not None]
        if len(uploads) > limits.max_files:
            return JSONResponse({"detail": f"一次最多上传 {limits.max_files} 个文件"}, status_code=413)
        folder, items = await _received(uploads, root, limits, desk.suffixes())
        feed = _Feed(desk, items, profile, slots, folder, render=False, limits=limits)
        results = [outcome.result async for outcome in feed]
        run = desk.summarise(results, profile, scoring)
        return Response(JsonFormatter().render(run), media_type="application/json")

    return BodyLimit(SecurityHeaders(app), limits.max_request_bytes)  # type: ignore[return-value]


# -- requests ------------------------------------------------------------------------------------


def _same_origin(request: Request) -> bool:
    """A browser names the page a post comes from; it must be this service (behind a proxy,
    the Host the proxy passes on). Clients that send no Origin (office systems, curl) pass."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin != "null" and urlsplit(origin).netloc == host


def _csrf_ok(cookie: str | None, field: Any) -> bool:
    return bool(cookie and isinstance(field, str) and hmac.compare_digest(cookie.encode(), field.encode()))


async def _received(uploads: list, root: Path, limits: Limits, suffixes: list[str]) -> tuple[Path, list]:
    """The uploads saved (and unzipped) into a fresh folder of their own, off the event loop; the
    folder is removed again if that fails."""
    folder = Path(tempfile.mkdtemp(dir=root))
    try:
        return folder, await asyncio.to_thread(_gather, uploads, folder, limits, suffixes)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _gather(uploads: list[Any], folder: Path, limits: Limits, suffixes: list[str]) -> list[Item]:
    """Every upload saved under ``folder`` (zips expanded): one item per report, in order; a file
    refused here carries its reason and reaches no worker."""
    items: list[Item] = []
    for number, upload in enumerate(uploads, start=1):
        name = safe_name(upload.filename)
        suffix = Path(name).suffix.lower()
        if len(items) >= limits.max_files:
            items.append(Item(shown=name, problem=f"超过了每次最多 {limits.max_files} 份的上限，未审查"))
            continue
        if suffix not in (*suffixes, ZIP):
            shown = "、".join([*suffixes, ZIP])
            items.append(Item(shown=name, problem=f"不支持的文件类型“{suffix or name}”（支持：{shown}）"))
            continue
        target = folder / f"{number:04d}" / name
        target.parent.mkdir()
        cap = limits.max_zip_bytes if suffix == ZIP else limits.max_file_bytes
        upload.file.seek(0)
        if not copy_capped(upload.file, target, cap):
            target.unlink(missing_ok=True)
            items.append(Item(shown=name, problem=f"文件超过了 {cap / MB:g} MB 的上限，未审查"))
            continue
        if suffix != ZIP:
            items.append(Item(shown=name, path=target))
            continue
        try:
            entries = expand(target, target.parent / "zip", limits, room=limits.max_files - len(items))
        except ZipRefused as exc:
            items.append(Item(shown=name, problem=str(exc)))
            continue
        finally:
            target.unlink(missing_ok=True)
        for entry in entries:
            shown = f"{name}/{entry.name}"
            entry_suffix = Path(entry.name).suffix.lower()
            if entry.path is not None and entry_suffix not in suffixes:
                entry.path.unlink(missing_ok=True)
                items.append(Item(shown=shown, problem=f"不支持的文件类型“{entry_suffix or entry.name}”"))
            else:
                items.append(Item(shown=shown, path=entry.path, problem=entry.problem))
        if not entries:
            items.append(Item(shown=name, problem="压缩包里没有文件"))
    return items


class _Feed:
    """A request's outcomes, audited in a thread of their own (which waits for a free slot, then
    drives the worker processes) so that the service keeps answering meanwhile. The thread removes
    the request's folder when it is done; when the person goes away, the batch stops at the next
    report."""

    def __init__(self, desk: Desk, items: list[Item], profile: str, slots: threading.BoundedSemaphore,
                 folder: Path, *, render: bool, limits: Limits):
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(desk, items, profile, slots, folder, render, limits),
                                       daemon=True, name="audit-batch")
        self.thread.start()

    def _post(self, kind: str, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: the service is stopping
            self.loop.call_soon_threadsafe(self.queue.put_nowait, (kind, value))

    def _run(self, desk: Desk, items: list[Item], profile: str, slots: threading.BoundedSemaphore,
             folder: Path, render: bool, limits: Limits) -> None:
        try:
            with slots, contextlib.closing(desk.audit(items, profile, render=render, limits=limits)) as outcomes:
                for outcome in outcomes:
                    self._post("item", outcome)
                    if self.stop.is_set():
                        break
        except Exception as exc:  # reported to the request; the service goes on
            self._post("error", exc)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            self._post("end", None)

    def __aiter__(self) -> AsyncIterator[Outcome]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Outcome]:
        try:
            while True:
                kind, value = await self.queue.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            self.stop.set()


# -- HTML ----------------------------------------------------------------------------------------


def _form(desk: Desk, limits: Limits, token: str) -> str:
    suffixes = [*desk.suffixes(), ZIP]
    accept = ",".join(suffixes)
    profiles = "".join(f'<option value="{_e(p)}">{_e(PROFILE_LABELS[p])}</option>' for p in PROFILES)
    schemes = '<option value="">不使用评分表</option>' + "".join(
        f'<option value="{_e(n)}">{_e(s.spec.title)}</option>' for n, s in desk.schemes.items())
    kinds = "、".join(suffixes)
    return (
        "<h1>法治政府建设年度报告审查</h1>"
        '<p class="muted">选择或拖入一份或多份报告（支持 ' + _e(kinds) + "，也可以把多份报告打包成 .zip），"
        "然后点击“开始审查”。每份报告给出得分、结论和证据报告；Word 报告还可下载加了批注的审查意见稿。</p>"
        '<form class="card" method="post" action="/audit" enctype="multipart/form-data">'
        f'<input type="hidden" name="csrf" value="{_e(token)}">'
        '<label class="drop" for="files">点击选择文件，或把文件拖到这个框里'
        f'<input id="files" type="file" name="files" multiple required accept="{_e(accept)}"></label>'
        '<div class="options">'
        f'<label>报告类型<select name="profile">{profiles}</select></label>'
        f'<label>评分表<select name="scoring">{schemes}</select></label>'
        "</div>"
        '<button type="submit">开始审查</button>'
        "</form>"
        '<footer class="muted"><p>规则包：' + _e(desk.pack_title) + "</p>"
        f"<p>每次最多 {limits.max_files} 份，单个文件不超过 {limits.max_file_bytes / MB:g} MB。"
        "上传的文件只在审查期间临时保存，审查结束立即删除，服务不留存任何报告内容。</p>"
        '<p>办公系统可调用 JSON 接口 <code>POST /api/audit</code>（接口说明：'
        '<a href="/openapi.json">/openapi.json</a>）。</p></footer>'
    )


def _data_url(media: str, data: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def _stem(shown: str) -> str:
    return Path(safe_name(shown.rsplit("/", 1)[-1])).stem or "report"


def _verdict(r: AuditResult) -> tuple[str, str]:
    if r.status == "not_a_report":
        return "not_a_report", NOT_A_REPORT
    return r.verdict, VERDICT_LABELS.get(r.verdict, r.verdict)


def _score(r: AuditResult) -> str:
    return "—" if r.score is None else f"{r.score:g}"


def _section(number: int, total: int, outcome: Outcome, single: bool) -> str:
    r = outcome.result
    key, label = _verdict(r)
    score = _score(r)
    title = r.metadata.title.value if r.metadata and r.metadata.title else None
    out = [f'<section class="card report v-{_e(key)}" id="r{number}">',
           f'<p class="progress muted">第 {number} / {total} 份</p>',
           f"<h2>{_e(r.path)}</h2>"]
    if title:
        out.append(f'<p class="muted">{_e(title)}</p>')
    out.append(f'<p><span class="score">{_e(score)}</span><span class="muted">/100</span>'
               f'<span class="verdict v-{_e(key)}">{_e(label)}</span></p>')
    if r.score_sheet is not None:
        s = r.score_sheet
        rank = f"，第 {s.rank} 名" if s.rank else ""
        out.append(f"<p>{_e(s.title)}：{s.awarded:g} / {s.total:g} 分{_e(rank)}</p>")
    if r.problem and r.status != "not_a_report":
        out.append(f'<p class="problem">无法审查：{_e(r.problem)}</p>')
    elif r.reasons:
        out.append("<p>" + ("说明" if r.status == "not_a_report" else "未通过的原因") + "："
                   + "；".join(_e(x) for x in r.reasons) + "</p>")
    links = []
    stem = _stem(r.path)
    if outcome.docx is not None:
        links.append(f'<a download="{_e(stem + ANNOTATED)}" '
                     f'href="{_data_url(DOCX, outcome.docx)}">'
                     "下载审查意见稿（带批注的 Word 文件）</a>")
    elif outcome.note:
        links.append(f'<span class="muted">未能生成批注稿：{_e(outcome.note)}</span>')
    if outcome.html is not None:
        links.append(f'<a download="{_e(stem + HTML_REPORT)}" '
                     f'href="{_data_url(HTML, outcome.html.encode("utf-8"))}">下载证据报告（网页文件）</a>')
    if links:
        out.append('<p class="downloads">' + "".join(links) + "</p>")
    if outcome.html is not None:
        out.append(f"<details{' open' if single else ''}><summary>查看证据报告</summary>"
                   f'<iframe class="evidence" title="{_e(r.path)} 的证据报告" sandbox="allow-scripts" '
                   f'srcdoc="{_e(outcome.html)}"></iframe></details>')
    out.append("</section>")
    return "".join(out)


async def _result_page(desk: Desk, feed: _Feed, items: list[Item], profile: str, scoring: str | None,
                       head: str, tail: str) -> AsyncIterator[str]:
    total = len(items)
    yield head + (
        "<h1>审查结果</h1>"
        f'<p class="card">共 {total} 份文件，报告类型：{_e(PROFILE_LABELS[profile])}'
        + (f"，评分表：{_e(desk.schemes[scoring].spec.title)}" if scoring else "")
        + "。结果逐份显示在下方，全部完成后页面底部给出汇总。"
          '<a href="/">← 返回重新上传</a></p>\n')
    results: list[AuditResult] = []
    try:
        async for outcome in feed:
            if scoring is not None:  # the sheet now; the ranking once the batch is complete
                from ..scoresheet import score_report

                outcome.result.score_sheet = score_report(desk.schemes[scoring], outcome.result)
            results.append(outcome.result)
            yield _section(len(results), total, outcome, total == 1) + "\n"
    except Exception:  # already streaming: say so on the page, in one line
        yield '<p class="card problem">审查过程中出现内部错误，部分报告未能完成，请重新上传。</p>' + tail
        return
    yield _summary(desk, results, profile, scoring) + tail


def _sheet(r: AuditResult) -> str:
    s = r.score_sheet
    if s is None:
        return "—"
    return f"{s.awarded:g} / {s.total:g}" + (f"（第 {s.rank} 名）" if s.rank else "")


def _summary(desk: Desk, results: list[AuditResult], profile: str, scoring: str | None) -> str:
    run = desk.summarise(results, profile, scoring)
    s = run.summary
    not_reports = sum(r.status == "not_a_report" for r in results)
    out = ['<section class="card done" id="summary"><h2>全部完成</h2>',
           f"<p>共 {s.reports} 份：通过 {s.passed} 份，不通过 {s.failed} 份，"
           f"无法评估 {s.unevaluated - not_reports} 份" + (f"，非年度报告 {not_reports} 份" if not_reports else "")
           + "。</p>"]
    if len(results) > 1:
        links = []
        try:
            from ..report.xlsx_format import XlsxFormatter

            xlsx = XlsxFormatter().render_bytes(run)
            links.append(f'<a download="审查汇总.xlsx" href="{_data_url(XLSX, xlsx)}">'
                         "下载汇总表（Excel .xlsx）</a>")
        except Exception:  # openpyxl missing: the CSV still opens in Excel
            pass
        csv_text = CsvFormatter().render(run)
        links.append(f'<a download="审查汇总.csv" href="{_data_url(CSV, csv_text.encode("utf-8"))}">'
                     "下载汇总表（.csv）</a>")
        out.append('<p class="downloads">' + "".join(links) + "</p>")
        sheets = scoring is not None
        rows = "".join(f'<tr><td><a href="#r{i}">{_e(r.path)}</a></td>'
                       f"<td>{_score(r)}</td>"
                       f"<td>{_e(_verdict(r)[1])}</td>"
                       + (f"<td>{_sheet(r)}</td>" if sheets else "") + "</tr>" for i, r in enumerate(results, start=1))
        extra = "<th>评分表得分（名次）</th>" if sheets else ""
        out.append(f'<table class="summary"><thead><tr><th>文件</th><th>得分</th><th>结论</th>{extra}</tr></thead>'
                   f"<tbody>{rows}</tbody></table>")
    out.append('<p><a href="/">← 审查其他报告</a></p></section>')
    return "".join(out)


__all__ = ["create_app"]
