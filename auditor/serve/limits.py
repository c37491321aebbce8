"""Limits of ``audit serve`` and the guards that enforce them before any report is read.

Everything a browser or an office system sends is hostile until checked: the request body is
counted as it arrives (a missing or false ``Content-Length`` does not help), a file name becomes a
plain name of bounded length with no path in it, and every number here can be set on the command line.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict, Field

from ..readers.sniff import MAX_BYTES, MB

CHUNK = 64 * 1024


class Limits(BaseModel):
    """What one request may ask of the service."""

    model_config = ConfigDict(frozen=True)

    max_files: int = Field(200, ge=1, description="reports per request, zip entries included")
    # The readers refuse larger files anyway: by default an upload is held to the same figure.
    max_file_bytes: int = Field(MAX_BYTES, ge=1, description="one report, uploaded or inside a zip")
    max_request_bytes: int = Field(500 * MB, ge=1, description="the whole request body")
    max_zip_bytes: int = Field(500 * MB, ge=1, description="all entries of one zip, expanded")
    max_zip_ratio: float = Field(200.0, ge=1, description="expanded size / compressed size of one zip entry")
    timeout: float = Field(300.0, gt=0, description="seconds one report may take before it is stopped")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1,
                         description="worker processes per request and requests audited at once")


class TooLarge(Exception):
    """The request body passed ``max_request_bytes`` while it was being read."""


class BodyLimit:
    """ASGI middleware: 413 before the body is read when ``Content-Length`` is too large, and
    413 as soon as the bytes actually received pass the limit (chunked or lying requests)."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0 or size > self.limit:
                return await _too_large(send, self.limit)
        received = 0
        started = exceeded = False

        async def counted_receive():
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise TooLarge
            return message

        async def watched_send(message):
            # A framework may catch TooLarge while parsing a form and answer 400: the answer is 413.
            nonlocal started
            if exceeded:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _too_large(send, self.limit)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except TooLarge:
            if not started:
                started = True
                await _too_large(send, self.limit)


def too_large_text(limit: int) -> str:
    return f"上传内容超过了本服务允许的上限（{limit / MB:g} MB），请分批上传。"


async def _too_large(send, limit: int) -> None:
    body = too_large_text(limit).encode("utf-8")
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def copy_capped(source: IO[bytes], target: Path, cap: int) -> bool:
    """``source`` written to the new file ``target``; False as soon as it passes ``cap`` bytes
    (whatever size it declared)."""
    written = 0
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > cap:
                return False
            out.write(chunk)
    return True


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
MAX_NAME = 120


def safe_name(raw: str | None, fallback: str = "report.txt") -> str:
    """The last component of an uploaded name, cleaned for display and for a file on disk: no
    path, no control or reserved characters, no leading dots, at most ``MAX_NAME`` characters
    with the suffix kept."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name or set(name) <= {"_", " "}:
        return fallback
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = suffix[:10]
    keep = MAX_NAME - len(suffix) - 1
    return (stem[:keep] + "." + suffix) if dot else name[:MAX_NAME]
