"""Starting the service from ``audit serve``: limits from the command line, packs compiled
before the first request, uvicorn in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import ipaddress
import sys

from ..readers.sniff import MAX_BYTES
from .limits import MB, Limits

LOOPBACK = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(*, host: str, port: int, rules: list[str], max_files: int, max_file_mb: int | None, max_upload_mb: int,
          timeout: float, jobs: int) -> int:
    import uvicorn

    from .app import create_app

    file_bytes = max_file_mb * MB if max_file_mb else MAX_BYTES  # default: the readers' one limit
    limits = Limits(max_files=max_files, max_file_bytes=file_bytes, max_request_bytes=max_upload_mb * MB,
                    max_zip_bytes=max_upload_mb * MB, timeout=timeout, workers=jobs)
    if not is_loopback(host):
        print(f"audit: warning: listening on {host}: anyone who can reach this machine can upload reports; "
              "put it behind the bureau's reverse proxy", file=sys.stderr)
    app = create_app(rules=rules, limits=limits)  # packs compiled now: a bad pack stops here, in one line
    print(f"audit: serving the reviewer's desk on http://{host if ':' not in host else f'[{host}]'}:{port}/ "
          "(Ctrl-C stops it)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info", timeout_graceful_shutdown=10)
    return 0
