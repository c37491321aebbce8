"""``audit serve``'s API and page through FastAPI's test client (the real app: compiled packs,
forked workers, temporary folders), and the service under uvicorn on 127.0.0.1 for concurrent
requests. Real files only: the model report, fixtures, and files built here (empty, binary, zips,
a zip bomb, hostile names).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, ROOT, run_audit

pytest.importorskip("fastapi", reason="audit serve needs the serve extra (pip install -e '.[test]')")

from fastapi.testclient import TestClient

from auditor.serve.app import CSRF_COOKIE, create_app
from auditor.serve.desk import Desk
from auditor.serve.limits import MB, Limits, safe_name

MODEL = FIXTURES / "model" / "model-report.txt"
MODEL_DOCX = FIXTURES / "formats" / "samples" / "model-report.auto.docx"
FAILING = FIXTURES / "missing" / "no-normative-docs.txt"


@pytest.fixture(scope="module")
def desk() -> Desk:
    return Desk()


def _client(desk: Desk, **limits: Any) -> TestClient:
    return TestClient(create_app(desk, limits=Limits(**limits)) if limits else create_app(desk))


@pytest.fixture
def client(desk: Desk) -> Iterator[TestClient]:
    with _client(desk) as c:
        yield c


def _files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("file", (name, data)) for name, data in items]


def _zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _comparable(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "path"}


# -- the JSON API ----------------------------------------------------------------------------------


def test_one_file_gives_what_format_json_prints(client: TestClient) -> None:
    r = client.post("/api/audit", files=_files(("失败稿.txt", FAILING.read_bytes())))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    got = r.json()
    cli = run_audit("--format", "json", "--isolated", str(FAILING))
    expected = json.loads(cli.stdout)
    assert got["schema_version"] == expected["schema_version"] and got["pack"] == expected["pack"]
    assert [_comparable(x) for x in got["reports"]] == [_comparable(x) for x in expected["reports"]]
    assert got["reports"][0]["path"] == "失败稿.txt"  # the name given, never the temporary path
    assert got["reports"][0]["verdict"] == "fail" and got["reports"][0]["findings"]


def test_the_json_validates_against_the_published_schema(client: TestClient) -> None:
    import jsonschema

    from auditor.report.json_format import json_schema

    r = client.post("/api/audit", files=_files(("a.docx", MODEL_DOCX.read_bytes())))
    jsonschema.validate(r.json(), json_schema())


def test_a_batch_keeps_its_order_and_a_bad_file_does_not_stop_it(client: TestClient) -> None:
    r = client.post("/api/audit", files=_files(
        ("一.txt", MODEL.read_bytes()), ("空.txt", b""),
        ("二进制.txt", (FIXTURES / "edge" / "binary.txt").read_bytes()),
        ("程序.exe", b"MZ\x90\x00"), ("二.docx", MODEL_DOCX.read_bytes()), ("坏.docx", b"PK\x03\x04 not a zip"),
        ("三.txt", FAILING.read_bytes())))
    reports = r.json()["reports"]
    assert [x["path"] for x in reports] == ["一.txt", "空.txt", "二进制.txt", "程序.exe", "二.docx", "坏.docx",
                                            "三.txt"]
    assert [x["verdict"] for x in reports] == ["pass", "unevaluated", "unevaluated", "unevaluated", "pass",
                                               "unevaluated", "fail"]
    for bad in reports[1:4] + reports[5:6]:
        assert bad["problem"] and "\n" not in bad["problem"]
    assert "不支持的文件类型" in reports[3]["problem"]
    assert r.json()["summary"] == {"reports": 7, "passed": 2, "failed": 1, "unevaluated": 4, "waived": 0}


def test_profile_and_scoring_are_chosen_from_the_shipped_ones(client: TestClient) -> None:
    r = client.post("/api/audit", files=_files(("a.txt", MODEL.read_bytes())),
                    data={"profile": "department", "scoring": "example-scheme"})
    run = r.json()
    assert run["reports"][0]["metadata"]["kind"]["value"] == "department"
    assert run["reports"][0]["score_sheet"]["scheme"] == "example-scheme" and run["ranking"]
    options = client.get("/api/options").json()
    assert "example-scheme" in [s["name"] for s in options["schemes"]]
    assert client.post("/api/audit", files=_files(("a.txt", b"x")), data={"profile": "../etc"}).status_code == 422
    bad = client.post("/api/audit", files=_files(("a.txt", b"x")), data={"scoring": "/etc/passwd"})
    assert bad.status_code == 400 and "未知的评分表" in bad.json()["detail"]


def test_a_zip_of_reports_with_hostile_entries(client: TestClient) -> None:
    data = _zip({"甲/一.txt": MODEL.read_bytes(), "../逃逸.txt": MODEL.read_bytes(), "/etc/绝对.txt": b"x",
                 "C:/windows/盘符.txt": b"x", "乙/二.docx": MODEL_DOCX.read_bytes(), "内层.zip": _zip({"a.txt": b"a"}),
                 "说明.exe": b"MZ"})
    reports = client.post("/api/audit", files=_files(("报告.zip", data))).json()["reports"]
    by_name = {x["path"]: x for x in reports}
    assert by_name["报告.zip/甲/一.txt"]["verdict"] == "pass"
    assert by_name["报告.zip/乙/二.docx"]["verdict"] == "pass"
    assert "“..”" in by_name["报告.zip/../逃逸.txt"]["problem"]
    assert "绝对路径" in by_name["报告.zip//etc/绝对.txt"]["problem"]
    assert "绝对路径" in by_name["报告.zip/C:/windows/盘符.txt"]["problem"]
    assert "不再展开" in by_name["报告.zip/内层.zip"]["problem"]
    assert "不支持" in by_name["报告.zip/说明.exe"]["problem"]
    assert not (ROOT / "逃逸.txt").exists() and not Path("/etc/绝对.txt").exists()


def test_gbk_names_from_chinese_windows_are_read(client: TestClient) -> None:
    gbk = "年度报告.txt".encode("gbk")  # no UTF-8 flag: the name's bytes as Chinese Windows writes them
    placeholder = b"n" * (len(gbk) - 4) + b".txt"
    data = _zip({placeholder.decode(): MODEL.read_bytes()}).replace(placeholder, gbk)
    reports = client.post("/api/audit", files=_files(("a.zip", data))).json()["reports"]
    assert reports[0]["path"] == "a.zip/年度报告.txt" and reports[0]["verdict"] == "pass"


def test_a_zip_bomb_is_refused_before_expansion(desk: Desk) -> None:
    bomb = _zip({"炸弹.txt": b"\0" * (30 * MB)})
    assert len(bomb) < 100_000
    with _client(desk, max_zip_bytes=20 * MB) as c:
        reports = c.post("/api/audit", files=_files(("bomb.zip", bomb))).json()["reports"]
        assert len(reports) == 1 and "超过了 20 MB 的上限" in reports[0]["problem"]
        assert not any(c.app.app.app.state.root.rglob("*"))  # type: ignore[attr-defined]
    with _client(desk) as c:  # within the size limits, still refused for its ratio
        reports = c.post("/api/audit", files=_files(("bomb.zip", bomb))).json()["reports"]
        assert "压缩炸弹" in reports[0]["problem"]
    not_zip = _client(desk).post("/api/audit", files=_files(("x.zip", b"not a zip"))).json()["reports"]
    assert "不是有效的 zip" in not_zip[0]["problem"]


def test_limits_files_sizes_and_time(desk: Desk) -> None:
    with _client(desk, max_files=3, max_file_bytes=40_000, max_request_bytes=2 * MB) as c:
        too_many = c.post("/api/audit", files=_files(*[(f"{i}.txt", MODEL.read_bytes()) for i in range(4)]))
        assert too_many.status_code == 413 and too_many.json()["detail"] == "一次最多上传 3 个文件"
        reports = c.post("/api/audit", files=_files(("1.txt", MODEL.read_bytes()), ("大.txt", b"x" * 50_000),
                                                    ("z.zip", _zip({"a.txt": b"a", "b.txt": b"b"})))).json()["reports"]
        assert reports[0]["verdict"] == "pass"
        assert "超过了" in reports[1]["problem"]
        assert "超过了本次还能审查的 1 份上限" in reports[2]["problem"]  # 2 files + 2 entries > 3
        big = c.post("/api/audit", files=_files(("1.txt", b"x" * (3 * MB))))
        assert big.status_code == 413 and "上限" in big.text

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
            for _ in range(5):
                yield b"y" * MB

        streamed = c.post("/api/audit", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
        assert streamed.status_code == 413
    with _client(desk, timeout=0.001) as c:
        report = c.post("/api/audit", files=_files(("1.txt", MODEL.read_bytes()))).json()["reports"][0]
        assert report["verdict"] == "unevaluated" and "时间上限" in report["problem"]


def test_hostile_names_are_cleaned_and_escaped(client: TestClient) -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\报告.docx") == "报告.docx"
    assert safe_name("\x00\x1f.txt") == "_.txt" and safe_name("..") == "report.txt"
    assert len(safe_name("长" * 500 + ".docx")) <= 120 and safe_name("长" * 500 + ".docx").endswith(".docx")
    hostile = "../../<img src=x onerror=alert(1)>&'报告.txt"
    reports = client.post("/api/audit", files=_files((hostile, MODEL.read_bytes()),
                                                     ("..\\..\\x.txt", b""))).json()["reports"]
    assert reports[0]["path"] == "_img src=x onerror=alert(1)_&'报告.txt" and reports[1]["path"] == "x.txt"
    page = _form_post(client, [(hostile, MODEL.read_bytes())])
    assert page.status_code == 200 and "onerror=alert(1)_&amp;&#x27;报告.txt" in page.text
    assert "<img" not in page.text


# -- the page --------------------------------------------------------------------------------------


def _form_post(client: TestClient, files: list[tuple[str, bytes]], **data: str) -> Any:
    client.get("/")
    token = client.cookies.get(CSRF_COOKIE)
    return client.post("/audit", files=[("files", f) for f in files], data={"csrf": token, **data})


def test_the_page_is_local_chinese_and_guarded(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and '<html lang="zh-CN">' in r.text and "开始审查" in r.text
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["cache-control"] == "no-store"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text), "something is loaded from elsewhere"
    cookie = r.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert client.get("/static/desk.css").status_code == 200
    for path in ("/static/", "/static", "/static/../app.py", "/static/%2e%2e/app.py", "/templates/desk.html"):
        assert client.get(path).status_code == 404, path


def test_form_posts_need_the_csrf_token_and_this_origin(client: TestClient) -> None:
    files = [("files", ("a.txt", MODEL.read_bytes()))]
    client.get("/")
    token = client.cookies.get(CSRF_COOKIE)
    assert client.post("/audit", files=files, data={"csrf": "forged"}).status_code == 403
    assert client.post("/audit", files=files, data={"csrf": token},
                       headers={"origin": "http://evil.example"}).status_code == 403
    ok = client.post("/audit", files=files, data={"csrf": token}, headers={"origin": "http://testserver"})
    assert ok.status_code == 200 and "全部完成" in ok.text


def test_the_page_streams_every_report_and_the_batch_downloads(client: TestClient) -> None:
    r = _form_post(client, [("一.docx", MODEL_DOCX.read_bytes()), ("二.txt", FAILING.read_bytes()),
                            ("空.txt", b"")], scoring="example-scheme")
    text = r.text
    assert text.count('<section class="card report') == 3
    assert "第 1 / 3 份" in text and "第 3 / 3 份" in text and 'id="summary"' in text
    assert 'download="一.审查意见.docx"' in text and 'download="二.审查结果.html"' in text
    assert 'download="审查汇总.xlsx"' in text and 'download="审查汇总.csv"' in text
    assert "无法审查" in text and "（第 1 名）" in text


# -- nothing kept; concurrency; the command ----------------------------------------------------------


def test_nothing_is_kept(desk: Desk) -> None:
    app = create_app(desk)
    root = app.app.app.state.root  # type: ignore[attr-defined]
    with TestClient(app) as c:
        c.post("/api/audit", files=_files(("a.docx", MODEL_DOCX.read_bytes()), ("b.zip", _zip({"c.txt": b"c"}))))
        _form_post(c, [("a.docx", MODEL_DOCX.read_bytes())])
        deadline = time.monotonic() + 10
        while any(root.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(root.iterdir())
    assert not root.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` under uvicorn on 127.0.0.1 (a free port), in a thread, until the block ends: its URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


def test_concurrent_requests_on_127_0_0_1(desk: Desk) -> None:
    import httpx

    with serving(create_app(desk)) as url:
        expected = json.loads(run_audit("--format", "json", "--isolated", str(FAILING)).stdout)["reports"][0]

        def one(i: int) -> dict:
            with httpx.Client(base_url=url, timeout=120) as c:
                r = c.post("/api/audit", files={"file": (f"{i}.txt", FAILING.read_bytes())})
                return r.json()["reports"][0]

        with ThreadPoolExecutor(6) as pool:  # a bounded number of requests at once
            results = list(pool.map(one, range(12)))
        assert [r["path"] for r in results] == [f"{i}.txt" for i in range(12)]
        assert all(_comparable(r) == _comparable(expected) for r in results)


def test_serve_without_the_extra_is_one_line() -> None:
    code = ("import importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda n, *a: None if n == 'fastapi' else real(n, *a); "
            "from auditor.cli import main; raise SystemExit(main(['serve']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip() == ("audit: error: audit serve needs the optional web packages: "
                                  "pip install 'auditor[serve]'")


def test_the_normal_start_up_imports_nothing_of_the_server() -> None:
    code = ("import sys; from auditor.cli import main; main(['--isolated', '-q', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') "
            "or m.startswith('auditor.serve')))")
    out = subprocess.run([sys.executable, "-c", code, str(MODEL)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_binding_elsewhere_warns_in_one_line() -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--host", "0.0.0.0", "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert first.startswith("audit: warning: listening on 0.0.0.0:") and "reverse proxy" in first
    finally:
        proc.terminate()
        proc.wait(20)


def test_templates_and_static_files_ship_in_the_package() -> None:
    """Hatch puts every file under auditor/ in the wheel unless git ignores it."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "auditor" in config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert {"fastapi", "uvicorn", "python-multipart"} <= {re.split(r"[<>=\[]", d)[0]
                                                         for d in config["project"]["optional-dependencies"]["serve"]}
    package = ROOT / "auditor" / "serve"
    shipped = [package / "static" / "desk.css", package / "templates" / "desk.html"]
    ignored = subprocess.run(["git", "check-ignore", *map(str, shipped)], cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout == "", f"git ignores {ignored.stdout}: hatch would leave them out of the wheel"
    from importlib.resources import files

    assert files("auditor.serve").joinpath("static/desk.css").is_file()
    openapi = TestClient(create_app(Desk())).get("/openapi.json").json()
    assert "/api/audit" in openapi["paths"] and "AuditRun" in json.dumps(openapi)
