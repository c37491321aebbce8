"""--output never touches what it must not (issue #12): a report being audited, a device, a FIFO.
Each is refused with one line and exit 2 before anything is written."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat

import pytest

from .conftest import FIXTURES, run_audit

MODEL = FIXTURES / "model" / "model-report.txt"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(proc, needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert proc.stdout == ""


def test_output_onto_the_report_being_audited(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copyfile(MODEL, report)
    before = digest(report)
    refused(run_audit("--output", "json=r.txt", "r.txt", cwd=tmp_path), "'r.txt' is a report being audited")
    assert digest(report) == before


def test_output_through_a_link_to_the_report(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copyfile(MODEL, report)
    (tmp_path / "out.json").symlink_to("r.txt")
    before = digest(report)
    refused(run_audit("--output", "json=out.json", "r.txt", cwd=tmp_path), "is a report being audited")
    assert digest(report) == before and (tmp_path / "out.json").is_symlink()


def test_output_onto_a_report_in_an_audited_folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(MODEL, folder / "a.txt")
    before = digest(folder / "a.txt")
    refused(run_audit("--output", "csv=reports/a.txt", "reports", cwd=tmp_path), "is a report being audited")
    assert digest(folder / "a.txt") == before


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_output_to_a_device_is_refused_and_the_device_stays(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    refused(run_audit("--output", f"json={device}", str(MODEL), cwd=tmp_path), "is not a regular file")
    assert stat.S_ISCHR(os.stat(device).st_mode)  # (as root, the rename used to replace the device)


def test_output_to_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(run_audit("--output", "json=pipe", str(MODEL), cwd=tmp_path), "is not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_beside_the_report_is_written(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copyfile(MODEL, report)
    proc = run_audit("--output", "json=r.json", "r.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")
