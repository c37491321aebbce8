"""Expanding an uploaded .zip of reports without trusting it.

Checked from the central directory before a single byte is expanded: the number of entries, each
entry's and the total declared size, each entry's compression ratio (a zip bomb), encrypted
entries and nested archives. Entries whose names are absolute, carry a drive letter or climb
out with ``..`` are refused one by one, as are symbolic links; the rest of the archive is still
expanded. Expansion then counts the bytes actually written, so an entry that lies about its size
is cut off at its limit. Names written by Chinese Windows (GBK without the UTF-8 flag) are decoded
as GBK.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .limits import MB, Limits, copy_capped, safe_name


class ZipRefused(Exception):
    """The whole archive is refused (one line, in Chinese)."""


@dataclass
class Entry:
    """One member of the archive: written to ``path``, or refused with ``problem``."""

    name: str  # as shown: the entry's path inside the archive
    path: Path | None = None
    problem: str | None = None


def entry_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:  # zipfile decoded a name without the UTF-8 flag as cp437; Chinese Windows wrote GBK
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe(name: str) -> str | None:
    if "\x00" in name:
        return "文件名含有非法字符"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return "压缩包内的文件使用了绝对路径，已拒绝"
    if ".." in PurePosixPath(posix).parts:
        return "压缩包内的文件路径含有“..”，已拒绝"
    return None


def expand(archive: Path, folder: Path, limits: Limits, *, room: int) -> list[Entry]:
    """The reports inside ``archive``, written under ``folder``; ``room``: how many more files the
    request may still hold. Raises ``ZipRefused`` for an archive refused as a whole."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ZipRefused("不是有效的 zip 压缩包，无法打开") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > room:
            raise ZipRefused(f"压缩包内有 {len(infos)} 个文件，超过了本次还能审查的 {room} 份上限")
        total = sum(i.file_size for i in infos)
        if total > limits.max_zip_bytes:
            raise ZipRefused(f"压缩包解压后共 {total / MB:.1f} MB，超过了 {limits.max_zip_bytes / MB:g} MB 的上限")
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MB and ratio > limits.max_zip_ratio:
                raise ZipRefused(f"压缩包内的“{safe_name(entry_name(info))}”压缩比异常（{ratio:.0f} 倍），"
                                 "疑似压缩炸弹，已整体拒绝")
        entries: list[Entry] = []
        for number, info in enumerate(infos, start=1):
            shown = entry_name(info)
            problem = _unsafe(shown)
            mode = info.external_attr >> 16
            if problem is None and stat.S_ISLNK(mode):
                problem = "压缩包内的符号链接，已拒绝"
            if problem is None and info.flag_bits & 0x1:
                problem = "压缩包内的文件已加密，无法读取"
            if problem is None and shown.lower().endswith(".zip"):
                problem = "压缩包内的压缩包不再展开，请解压后上传"
            if problem is None and info.file_size > limits.max_file_bytes:
                problem = (f"文件大小 {info.file_size / MB:.1f} MB，"
                           f"超过了单个文件 {limits.max_file_bytes / MB:g} MB 的上限")
            if problem is not None:
                entries.append(Entry(name=shown, problem=problem))
                continue
            target = folder / f"{number:04d}" / safe_name(shown)
            target.parent.mkdir(parents=True)
            try:
                with zf.open(info) as src:
                    if not copy_capped(src, target, min(info.file_size, limits.max_file_bytes)):
                        problem = "压缩包内的文件超过了声明的大小"
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                problem = "压缩包内的文件已损坏，无法解压"
            if problem is not None:
                target.unlink(missing_ok=True)
                entries.append(Entry(name=shown, problem=problem))
                continue
            entries.append(Entry(name=shown, path=target))
        return entries
