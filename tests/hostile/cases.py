"""Hostile inputs for ``audit``, as an attacker or a careless user would give them.

Each ``Case`` is a command line run in a folder of its own, over files it writes there. Its
expected outcome is written from the README's exit codes and issue #12, before any run:

- a file that cannot be audited (unreadable, undecodable, not Chinese, a device, too big …) →
  exit 2 and one stderr line naming it;
- a bad rule pack, configuration or command line → exit 2 and one line naming the pack or file;
- a hostile but readable report (huge, deep, strange) → audited or refused (0, 1 or 2), within the
  runner's time and memory bounds;
- a batch with one bad path → every good file still audited, the exit code the worst (2).

Files are made here, deterministically (a seeded generator), so the suite needs nothing from the
network and nothing outside the repository but the model report in ``fixtures/``.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = ROOT / "fixtures" / "model" / "model-report.txt"
MODEL = MODEL_PATH.read_text(encoding="utf-8")
MODEL_TITLE = MODEL.splitlines()[0]

AUDITED = frozenset({0, 1})  # a report that must be evaluated
BAD = frozenset({2})  # a file, pack, configuration or command line that must be refused
ANY = frozenset({0, 1, 2})  # audited or refused; bounded either way


@dataclass
class Case:
    family: str
    name: str
    args: list[str]  # audit's arguments, run in the case's folder
    exits: frozenset[int]
    culprit: str | None = None  # on exit 2, exactly one stderr line names this
    files: dict[str, bytes] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None  # FIFOs, sockets, links, modes
    stdout_check: Callable[[str], str | None] | None = None  # returns a problem, or None
    needs: str | None = None  # "unprivileged": skipped (and counted) when run as root
    outputs: tuple[str, ...] = ()  # files the command is asked to write (not inputs)

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _report(title: str = MODEL_TITLE, body: str | None = None) -> str:
    lines = MODEL.splitlines()
    return "\n".join([title, *(body.splitlines() if body is not None else lines[1:])]) + "\n"


def _names_good(stdout: str) -> str | None:
    """The good report beside a bad path was audited (its title or file name is in the output)."""
    return None if "good.txt" in stdout else "the good file beside the bad path was not audited"


# -- plain text: encodings and bytes ------------------------------------------------------


JAPANESE = ("令和五年度における法の支配に基づく行政の推進状況について報告します。"
            "ここでは、職員の研修、規則の審査、行政不服審査の件数をまとめました。\n") * 20
KOREAN = "법치 정부 건설 연간 보고서입니다. 올해의 주요 조치와 결과를 보고합니다.\n" * 20
FRENCH = "Rapport annuel sur la construction d'un gouvernement fondé sur le droit. Éléments clés.\n" * 30
RUSSIAN = "Ежегодный доклад о построении правового правительства. Основные меры и результаты.\n" * 30


def text_cases() -> list[Case]:
    rng = random.Random(12)
    cases: list[Case] = []

    def bad(name: str, data: bytes, suffix: str = ".txt") -> None:
        cases.append(Case("text", name, [f"{name}{suffix}"], BAD, f"{name}{suffix}", {f"{name}{suffix}": data}))

    def audited(name: str, data: bytes, exits: frozenset[int] = AUDITED) -> None:
        cases.append(Case("text", name, [f"{name}.txt"], exits, f"{name}.txt", {f"{name}.txt": data}))

    bad("empty", b"")
    bad("bom-utf8-only", b"\xef\xbb\xbf")
    bad("bom-utf16le-only", b"\xff\xfe")
    bad("bom-utf16be-only", b"\xfe\xff")
    bad("bom-utf32le-only", b"\xff\xfe\x00\x00")
    bad("spaces-only", b" \t  \n" * 200)
    bad("newlines-only", b"\n" * 5000)
    bad("ideographic-spaces-only", "\u3000\n".encode() * 500)
    bad("nul-bytes", b"\x00" * 4096)
    bad("random-bytes", bytes(rng.getrandbits(8) for _ in range(65536)))
    bad("elf-binary", b"\x7fELF\x02\x01\x01" + bytes(rng.getrandbits(8) for _ in range(8192)))
    bad("png-image", b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(8192)))
    bad("gzip", b"\x1f\x8b\x08\x00" + bytes(rng.getrandbits(8) for _ in range(4096)))
    bad("zip-archive", _zip({"a.txt": _utf8(MODEL)}))
    bad("control-chars-only", bytes(range(1, 32)) * 100)
    bad("escape-sequences", b"\x1b[31m\x1b]0;title\x07\x1b[2J" * 200)
    for codec in ("shift_jis", "euc_jp", "iso2022_jp", "utf-8"):
        bad(f"japanese-{codec}", JAPANESE.encode(codec))
    for codec in ("euc_kr", "utf-8"):
        bad(f"korean-{codec}", KOREAN.encode(codec))
    bad("french-latin1", FRENCH.encode("latin-1"))
    bad("russian-cp1251", RUSSIAN.encode("cp1251"))
    bad("russian-koi8r", RUSSIAN.encode("koi8_r"))
    bad("english-ascii", b"Annual report on building a law-based government.\n" * 100)
    bad("invalid-utf8-every-line", b"\n".join(_utf8(line)[:-1] + b"\xff\xfe" for line in MODEL.splitlines()))
    bad("half-gbk-half-random", MODEL.encode("gbk")[:2000] + bytes(rng.getrandbits(8) for _ in range(4000)))
    # Valid GBK that is no Chinese: random two-byte characters, and random high bytes.
    bad("random-gbk-characters",
        bytes(b for _ in range(3000) for b in (rng.randint(0xB0, 0xF7), rng.randint(0xA1, 0xFE))))
    bad("random-high-bytes", bytes(rng.randint(0x80, 0xFF) for _ in range(6000)))
    bad("japanese-shift-jis-ascii-punctuation",
        JAPANESE.replace("。", ". ").replace("、", ", ").encode("shift_jis"))
    # Readable reports in other encodings of Chinese: audited as the model report.
    for codec in ("gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"):
        audited(f"model-{codec}", MODEL.encode(codec), ANY if codec in ("utf-16-le", "utf-16-be") else AUDITED)
    audited("model-big5", MODEL.encode("big5", "replace"), ANY)
    audited("model-crlf", _utf8(MODEL.replace("\n", "\r\n")))
    audited("model-cr-only", _utf8(MODEL.replace("\n", "\r")))
    audited("model-mixed-breaks", _utf8(MODEL.replace("\n", "\u2028", 5).replace("\n", "\r\n", 5)))
    audited("model-nul-sprinkled", _utf8(MODEL).replace("。".encode(), "。\x00".encode(), 20), ANY)
    audited("model-controls-sprinkled", _utf8(MODEL).replace("，".encode(), "，\x07\x1b".encode(), 20), ANY)
    audited("model-zero-width", _utf8(MODEL.replace("法治", "法\u200b治", 30)))
    audited("model-bidi-override", _utf8(MODEL.replace(MODEL_TITLE, "\u202e" + MODEL_TITLE + "\u202c")))
    audited("model-lone-surrogate-bytes", _utf8(MODEL).replace("。".encode(), b"\xed\xa0\x80", 3), ANY)
    audited("model-overlong-utf8", _utf8(MODEL).replace("，".encode(), b"\xc0\xaf", 3), ANY)
    audited("model-fullwidth-ascii", _utf8(MODEL.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})))
    audited("model-traditional-chars", _utf8(MODEL.replace("建设", "建設").replace("报告", "報告")))
    for year in ("9999", "0000", "1", "99999999999999999999", "２０２５", "二〇二五"):
        title = MODEL_TITLE.replace("2025", year)
        audited(f"title-year-{year[:8]}", _utf8(_report(title)), ANY)
    audited("title-100k-chars", _utf8(_report(MODEL_TITLE * (100_000 // len(MODEL_TITLE)))), ANY)
    audited("title-control-chars", _utf8(_report("\x01\x08\x0b\x0c\x1f" + MODEL_TITLE + "\x7f")), ANY)
    return cases


# -- size and shape ---------------------------------------------------------------------


def shape_cases() -> list[Case]:
    cases: list[Case] = []

    def big(name: str, data: bytes, exits: frozenset[int] = ANY) -> None:
        cases.append(Case("shape", name, [f"{name}.txt"], exits, f"{name}.txt", {f"{name}.txt": data}))

    body = MODEL.split("\n", 1)[1]
    big("one-line-10mb-chinese", _utf8(MODEL_TITLE + "\n" + body.replace("\n", "")
                                      * (10_000_000 // (3 * len(body)) + 1)))
    big("one-line-10m-ascii", b"a" * 10_000_000, BAD)
    big("text-55mb", _utf8(MODEL) * (55_000_000 // len(_utf8(MODEL)) + 1), BAD)
    big("report-5mb", _utf8(MODEL_TITLE + "\n" + body * (5_000_000 // len(_utf8(body)) + 1)))
    big("report-3m-chars", _utf8(MODEL_TITLE + "\n" + body * (3_000_000 // len(body) + 1)))
    big("nested-book-marks-1m", _utf8(_report(body="《" * 1_000_000 + "》" * 1_000_000)))
    big("nested-parens-1m", _utf8(_report(body="（" * 1_000_000 + "）" * 1_000_000)))
    big("unbalanced-quotes-1m", _utf8(_report(body="“" * 1_000_000)))
    big("mixed-brackets-deep", _utf8(_report(body="《（“【" * 250_000 + "】”）》" * 250_000)))
    big("headings-100k", _utf8(_report(body="".join(f"{i % 9 + 1}.第{i}项工作\n" for i in range(100_000)))))
    big("chinese-headings-100k",
        _utf8(_report(body="".join(f"{_han(i % 99 + 1)}、第{i}部分\n" for i in range(100_000)))))
    big("lines-200k", _utf8(_report(body="依法行政。\n" * 200_000)))
    # Just inside the limits on headings (40,000) and lines (100,000): audited, in bounds.
    big("headings-39900-at-limit", _utf8(_report(body="".join(f"{i % 9 + 1}.第{i}项工作\n依法行政，规范执法。\n"
                                                              for i in range(39_900)))), AUDITED)
    big("lines-99k-at-limit", _utf8(_report(body=("依法行政" * 12 + "。\n") * 99_000)), AUDITED)
    big("enumerations-100k", _utf8(_report(body="一是加强学习，二是完善制度，三是强化监督。" * 33_000)))
    big("dates-100k", _utf8(_report(body="2023年1月1日、" * 100_000)))
    big("digits-1m", _utf8(_report(body="1" * 1_000_000)))
    big("commas-1m", _utf8(_report(body="，" * 1_000_000)))
    big("periods-1m", _utf8(_report(body="。" * 1_000_000)))
    big("keywords-100k", _utf8(_report(body="第一责任人法治思想规范性文件不足下一步" * 10_000)))
    big("negations-100k", _utf8(_report(body="尚未没有暂未未能" * 30_000)))
    big("one-paragraph-2m", _utf8(_report(body="深入学习贯彻习近平法治思想" * 150_000)))
    big("blank-lines-1m", _utf8(MODEL_TITLE + "\n" * 1_000_000 + body))
    big("spaces-line-5m", _utf8(MODEL_TITLE + "\n" + " " * 5_000_000 + "\n" + body))
    big("combining-marks-1m", _utf8(_report(body="法" + "\u0301" * 1_000_000)))
    big("astral-chars-1m", _utf8(_report(body="𠀀𪚥" * 500_000)))
    return cases


def _han(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


# -- names, paths and special files ------------------------------------------------------


def _fifo(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        import os

        os.mkfifo(folder / name)
    return make


def _socket(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(folder / name))
        sock.close()
    return make


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).symlink_to(target)
    return make


def _chain(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for step in steps:
            step(folder)
    return make


def _mode(name: str, mode: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).chmod(mode)
    return make


def path_cases() -> list[Case]:
    model = _utf8(MODEL)
    good = {"good.txt": model}
    cases = [
        Case("path", "name-with-spaces", ["法治 政府 报告.txt"], AUDITED, None, {"法治 政府 报告.txt": model}),
        Case("path", "name-with-newline", ["a\nb.txt"], AUDITED, None, {"a\nb.txt": model}),
        Case("path", "name-with-tab", ["a\tb.txt"], AUDITED, None, {"a\tb.txt": model}),
        Case("path", "name-leading-dash", ["--", "-x.txt"], AUDITED, None, {"-x.txt": model}),
        Case("path", "name-leading-dashes-option-like", ["--", "--help.txt"], AUDITED, None, {"--help.txt": model}),
        Case("path", "name-chinese", ["二〇二三年法治政府建设年度报告.txt"], AUDITED, None,
             {"二〇二三年法治政府建设年度报告.txt": model}),
        Case("path", "name-255-bytes", ["a" * 251 + ".txt"], AUDITED, None, {"a" * 251 + ".txt": model}),
        Case("path", "name-too-long", ["b" * 300 + ".txt"], BAD, "b" * 300),
        Case("path", "path-too-long", ["/".join(["c" * 200] * 30) + ".txt"], BAD, "c" * 200),
        Case("path", "missing-file", ["missing.txt"], BAD, "missing.txt"),
        Case("path", "missing-folder", ["missing/"], BAD, "missing"),
        Case("path", "empty-folder", ["empty"], frozenset({0, 2}), None, setup=lambda d: (d / "empty").mkdir()),
        Case("path", "folder-named-txt", ["folder.txt"], frozenset({0, 2}), None,
             setup=lambda d: (d / "folder.txt").mkdir()),
        Case("path", "fifo", ["pipe.txt"], BAD, "pipe.txt", setup=_fifo("pipe.txt")),
        Case("path", "fifo-in-folder", ["in"], frozenset({0, 2}), None,
             setup=_chain(lambda d: (d / "in").mkdir(), _fifo("in/pipe.txt"))),
        Case("path", "fifo-beside-good", ["pipe.txt", "good.txt"], BAD, "pipe.txt", good, _fifo("pipe.txt"),
             _names_good),
        Case("path", "socket", ["sock.txt"], BAD, "sock.txt", setup=_socket("sock.txt")),
        Case("path", "dev-zero", ["/dev/zero"], BAD, "/dev/zero"),
        Case("path", "dev-urandom", ["/dev/urandom"], BAD, "/dev/urandom"),
        Case("path", "dev-null", ["/dev/null"], BAD, "/dev/null"),
        Case("path", "dev-stdin", ["/dev/stdin"], BAD, "/dev/stdin"),
        Case("path", "proc-file", ["/proc/self/status"], BAD, "/proc/self/status"),
        Case("path", "symlink-loop", ["loop.txt"], BAD, "loop.txt",
             setup=_chain(_symlink("loop.txt", "loop2.txt"), _symlink("loop2.txt", "loop.txt"))),
        Case("path", "symlink-self", ["self.txt"], BAD, "self.txt", setup=_symlink("self.txt", "self.txt")),
        Case("path", "symlink-dangling", ["dangling.txt"], BAD, "dangling.txt",
             setup=_symlink("dangling.txt", "nowhere.txt")),
        Case("path", "symlink-to-dev-zero", ["zero.txt"], BAD, "zero.txt", setup=_symlink("zero.txt", "/dev/zero")),
        Case("path", "symlink-to-good", ["link.txt"], AUDITED, None, good, _symlink("link.txt", "good.txt")),
        Case("path", "folder-with-symlink-loop", ["in"], frozenset({0, 1, 2}), None,
             {"in/good.txt": model}, _chain(_symlink("in/loop", "."), _symlink("in/a.txt", "b.txt"),
                                           _symlink("in/b.txt", "a.txt")), _names_good),
        Case("path", "unreadable-file", ["secret.txt"], BAD, "secret.txt", {"secret.txt": model},
             _mode("secret.txt", 0), needs="unprivileged"),
        Case("path", "unreadable-folder", ["locked"], BAD, "locked", {"locked/a.txt": model},
             _mode("locked", 0), needs="unprivileged"),
        Case("path", "missing-beside-good", ["missing.txt", "good.txt"], BAD, "missing.txt", good, None, _names_good),
        Case("path", "empty-folder-beside-good", ["empty", "good.txt"], frozenset({0, 2}), None, good,
             lambda d: (d / "empty").mkdir(), _names_good),
        Case("path", "binary-beside-good", ["bin.txt", "good.txt"], BAD, "bin.txt",
             {**good, "bin.txt": bytes(range(256)) * 64}, None, _names_good),
        Case("path", "same-file-twice", ["good.txt", "good.txt", "./good.txt"], AUDITED, None, good),
        Case("path", "dev-zero-beside-good", ["/dev/zero", "good.txt"], BAD, "/dev/zero", good, None, _names_good),
        Case("path", "folder-of-mixed", ["mixed"], BAD, "bad.txt",
             {"mixed/good.txt": model, "mixed/bad.txt": b"\x00\x01\x02" * 100, "mixed/empty.txt": b""}, None,
             _names_good),
    ]
    # Non-UTF-8 bytes in a name: written through the bytes API, named on the command line as is.
    cases.append(Case("path", "name-not-utf8", ["\udcff\udcfe.txt"], AUDITED, None,
                      setup=_bytes_name(b"\xff\xfe.txt", model)))
    cases.append(Case("path", "name-not-utf8-binary", ["\udcff\udcfd.txt"], BAD, None,
                      setup=_bytes_name(b"\xff\xfd.txt", b"\x00" * 100)))
    return cases


def _bytes_name(name: bytes, data: bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        import os

        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(data)
    return make


# -- Word documents ----------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 b'"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 b'document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.'
                 b'openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/numbering" Target="numbering.xml"/></Relationships>')


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _paragraph(text: str, num: tuple[int, int] | None = None) -> str:
    from xml.sax.saxutils import escape

    ppr = f"<w:pPr><w:numPr><w:ilvl w:val=\"{num[1]}\"/><w:numId w:val=\"{num[0]}\"/></w:numPr></w:pPr>" if num else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def _document(body: str, prolog: str = "") -> bytes:
    return _utf8(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document {W}><w:body>{body}'
                 "</w:body></w:document>")


def _docx(body: str, numbering: str | None = None, prolog: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": _document(body, prolog)}
    if numbering is not None:
        parts["word/_rels/document.xml.rels"] = DOC_RELS
        parts["word/numbering.xml"] = _utf8(f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{numbering}'
                                            "</w:numbering>")
    parts.update(extra or {})
    return _zip(parts)


def _model_body(numbered: bool = False) -> str:
    lines = [line.strip() for line in MODEL.splitlines() if line.strip()]
    return "".join(_paragraph(line, (1, 0) if numbered and 0 < i < 4 else None) for i, line in enumerate(lines))


def _numbering(fmt: str, start: str, lvl_text: str = "%1、") -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
            "</w:num>")


def docx_cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, data: bytes, exits: frozenset[int] = BAD) -> None:
        cases.append(Case("docx", name, [f"{name}.docx"], exits, f"{name}.docx", {f"{name}.docx": data}))

    good = _docx(_model_body())
    add("minimal-model", good, AUDITED)
    add("not-a-zip", b"PK\x03\x04 but not really a zip archive" * 10)
    add("text-named-docx", _utf8(MODEL), ANY)
    add("empty-file", b"")
    add("truncated-half", good[: len(good) // 2])
    add("truncated-header", good[:30])
    add("empty-zip", _zip({}))
    add("no-document-part", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS}))
    add("document-not-xml", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                   "word/document.xml": b"\x00\x01not xml"}))
    broken = _document(_model_body()).replace("法".encode(), b"\xff", 5)
    add("document-invalid-utf8", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                        "word/document.xml": broken}))
    add("zip-bomb-zeros", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                "word/document.xml": _document(_model_body()) + b" " * 300_000_000}))
    add("zip-bomb-media", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                "word/document.xml": _document(_model_body()),
                                "word/media/a.bin": b"\0" * 400_000_000}), ANY)
    add("billion-laughs", _docx(_paragraph("&lol9;"), prolog=_laughs()))
    add("quadratic-blowup", _docx(_paragraph("&a;" * 50_000),
                                  prolog='<!DOCTYPE d [<!ENTITY a "' + "x" * 50_000 + '">]>'))
    add("external-entity-file", _docx(_paragraph("&xxe;"),
                                      prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
    add("external-entity-url", _docx(_paragraph("&xxe;"),
                                     prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>'))
    add("external-dtd", _docx(_model_body(), prolog='<!DOCTYPE d SYSTEM "http://127.0.0.1:9/d.dtd">'), ANY)
    add("parameter-entity", _docx(_model_body(), prolog='<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'))
    add("paragraphs-300k", _docx(_paragraph(MODEL_TITLE) + _paragraph("依法行政。") * 300_000), ANY)
    add("nested-tables-2000",
        _docx("<w:tbl><w:tr><w:tc>" * 2000 + _paragraph("法治") + "</w:tc></w:tr></w:tbl>" * 2000))
    add("nested-elements-100k",
        _docx("<w:sdt><w:sdtContent>" * 50_000 + _model_body() + "</w:sdtContent></w:sdt>" * 50_000))
    add("runs-1m", _docx("<w:p>" + "<w:r><w:t>法</w:t></w:r>" * 1_000_000 + "</w:p>"), ANY)
    add("entries-20k", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                             "word/document.xml": _document(_model_body()),
                             **{f"word/media/{i}.bin": b"x" for i in range(20_000)}}), ANY)
    add("path-traversal-names", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                      "word/document.xml": _document(_model_body()), "../../evil.txt": b"x",
                                      "/abs/evil.txt": b"x"}), ANY)
    add("encrypted-ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage" * 64)
    add("stored-not-deflated", _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                     "word/document.xml": _document(_model_body())}, zipfile.ZIP_STORED), AUDITED)
    add("macro-docm-renamed", _docx(_model_body(), extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512}),
        AUDITED)
    for fmt in ("decimal", "lowerRoman", "upperRoman", "lowerLetter", "upperLetter", "chineseCounting",
                "ideographTraditional", "decimalEnclosedCircle", "chineseLegalSimplified", "bogusFormat"):
        for start in ("2147483647", "999999999999999999999", "-5", "x"):
            add(f"numbering-{fmt}-{start[:6]}", _docx(_model_body(numbered=True), _numbering(fmt, start)), AUDITED)
    add("numbering-lvltext-huge", _docx(_model_body(numbered=True), _numbering("decimal", "1", "%1" * 100_000)),
        AUDITED)
    undefined = _model_body(numbered=True).replace('w:val="1"/></w:numPr>', 'w:val="77"/></w:numPr>')
    add("numbering-undefined-num", _docx(undefined, _numbering("decimal", "1")), AUDITED)
    add("numbering-level-99", _docx(_model_body(numbered=True).replace('<w:ilvl w:val="0"/>', '<w:ilvl w:val="99"/>'),
                                    _numbering("decimal", "1")), AUDITED)
    return cases


def _laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return "<!DOCTYPE d [" + "".join(entities) + "]>"


# -- PDF and HTML --------------------------------------------------------------------------


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _flate(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 9)


def pdf_cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, data: bytes, exits: frozenset[int] = BAD) -> None:
        cases.append(Case("pdf", name, [f"{name}.pdf"], exits, f"{name}.pdf", {f"{name}.pdf": data}))

    catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    text = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"
    plain = _pdf([catalog, pages, page, b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"])
    add("empty", b"")
    add("header-only", b"%PDF-1.7\n")
    add("not-a-pdf", b"%PDF-1.4\n" + b"garbage " * 1000)
    add("truncated", plain[: len(plain) // 2])
    add("latin-text-only", plain)
    add("no-pages", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    bomb = _flate(b"0 0 Td " * 60_000_000)
    add("content-stream-bomb", _pdf([catalog, pages, page, b"<< /Length %d /Filter /FlateDecode >>\nstream\n"
                                      % len(bomb) + bomb + b"\nendstream"]))
    add("count-lies-billion", _pdf([catalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>", page,
                                    b"<< /Length 0 >>\nstream\n\nendstream"]))
    add("page-tree-loop", _pdf([catalog, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", page,
                                b"<< /Length 0 >>\nstream\n\nendstream"]))
    add("kids-self-reference", _pdf([catalog, pages, b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>"]))
    add("nested-arrays-100k", _pdf([catalog, pages, b"<< /Type /Page /Parent 2 0 R /X " + b"[" * 100_000
                                    + b"]" * 100_000 + b" >>"]))
    add("nested-dicts-50k", _pdf([catalog, pages, b"<< /Type /Page /Parent 2 0 R /X " + b"<< /A " * 50_000
                                  + b"1" + b" >>" * 50_000 + b" >>"]))
    add("pages-5000", _pdf([catalog, b"<< /Type /Pages /Kids [" + b" ".join(b"3 0 R" for _ in range(5000))
                            + b"] /Count 5000 >>", page, b"<< /Length 0 >>\nstream\n\nendstream"]))
    add("xref-garbage", plain.replace(b"xref", b"xerf"), BAD)
    add("encrypted-unknown-filter", _pdf([catalog, pages, page, b"<< /Length 0 >>\nstream\n\nendstream"]).replace(
        b"trailer\n<<", b"trailer\n<< /Encrypt << /Filter /Bogus /V 9 >>"))
    return cases


def html_cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, data: bytes, exits: frozenset[int] = ANY, suffix: str = ".html") -> None:
        cases.append(Case("html", name, [f"{name}{suffix}"], exits, f"{name}{suffix}", {f"{name}{suffix}": data}))

    from xml.sax.saxutils import escape

    article = "".join(f"<p>{escape(line)}</p>" for line in MODEL.splitlines() if line.strip())
    page = f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(MODEL_TITLE)}</title></head><body>"
    add("model-page", _utf8(page + article + "</body></html>"), AUDITED)
    add("empty", b"", BAD)
    add("scripts-only", _utf8(page + "<script>" + "var a=1;" * 10_000 + "</script></body></html>"), BAD)
    add("nested-divs-200k", _utf8(page + "<div>" * 200_000 + article + "</div>" * 200_000 + "</body></html>"))
    add("unclosed-divs-200k", _utf8(page + "<div>" * 200_000 + article))
    add("unclosed-comment", _utf8(page + "<!-- " + article))
    add("entity-bomb-doctype", _utf8(_laughs().replace("<!DOCTYPE d", "<!DOCTYPE html") + "<html><body><p>&lol9;</p>"
                                     + article + "</body></html>"))
    add("xhtml-external-entity", _utf8('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                       '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p>' + article
                                       + "</body></html>"), ANY, ".xhtml")
    add("charset-lies-gbk", _utf8(page.replace("utf-8", "gbk") + article + "</body></html>"))
    add("charset-unknown", _utf8(page.replace("utf-8", "x-no-such-charset") + article + "</body></html>"))
    add("charset-utf7", _utf8(page.replace("utf-8", "utf-7") + article + "</body></html>"))
    add("huge-attribute", _utf8(page + '<p title="' + "x" * 10_000_000 + '">' + article + "</p></body></html>"))
    add("huge-title", _utf8(page.replace("<title>", "<title>" + "标题" * 1_000_000) + article + "</body></html>"))
    add("control-char-title", _utf8(page.replace("<title>", "<title>\x01\x02\x0b") + article + "</body></html>"))
    add("binary-named-html", bytes(range(256)) * 100, BAD)
    add("utf16-page", (page + article + "</body></html>").encode("utf-16"))
    add("japanese-page", _utf8(page.replace("utf-8", "shift_jis")).replace(_utf8(escape(MODEL_TITLE)), b"")
        + JAPANESE.encode("shift_jis") + b"</body></html>", BAD)
    add("table-100k-cells", _utf8(page + "<table><tr>" + "<td>法治</td>" * 100_000 + "</tr></table>" + article
                                  + "</body></html>"))
    add("null-bytes", _utf8(page + article).replace(b"<p>", b"<p>\x00", 20) + b"</body></html>")
    add("svg-with-script", _utf8(page + "<svg><script>alert(1)</script></svg>" + article + "</body></html>"))
    return cases


# -- rule packs ----------------------------------------------------------------------------

PACK_HEADER = 'pack: h\ntitle: 测试包\nversion: "1"\nbases:\n  b1: {title: 某规定}\nrules:\n'
PACK_RULE = ("  - code: {code}\n    title: 测试规则\n    basis: [b1]\n    severity: error\n    weight: {weight}\n"
             "    suggestion: 补充备案情况。\n    check: require\n    items:\n      - any: [{term}]\n")


def _pack(rules: str) -> bytes:
    return _utf8(PACK_HEADER + rules)


def _rule(code: str = "HX001", weight: str = "1", term: str = "备案", extra: str = "") -> str:
    return PACK_RULE.format(code=code, weight=weight, term=term) + extra


def pack_cases() -> list[Case]:
    model = _utf8(MODEL)
    cases: list[Case] = []

    def add(name: str, data: bytes | None, exits: frozenset[int] = BAD, setup: Callable[[Path], None] | None = None,
            culprit: str = "pack.yaml") -> None:
        files = {"r.txt": model} | ({"pack.yaml": data} if data is not None else {})
        cases.append(Case("pack", name, ["--rules", "./pack.yaml", "r.txt"], exits, culprit, files, setup))

    add("valid", _pack(_rule()), AUDITED)
    add("alias-bomb", _utf8(_yaml_bomb()))
    layers = "".join(f"    x{i}: &d{i} [{', '.join([f'*d{i - 1}' if i > 1 else '*d'] * 9)}]\n" for i in range(1, 9))
    add("alias-bomb-in-rule", _pack(_rule(extra="    description: &d [" + ", ".join(["x"] * 9) + "]\n" + layers)))
    add("recursive-alias", _utf8("a: &a [*a]\n"))
    add("recursive-alias-mapping", _utf8("a: &a {b: *a}\n" + PACK_HEADER))
    add("deep-nesting-10k", _utf8("a: " + "[" * 10_000 + "]" * 10_000 + "\n"))
    add("deep-nesting-mappings", _utf8("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000))))
    add("rules-10k", _pack("".join(_rule(f"H{chr(65 + i // 1000)}{i % 1000:03d}") for i in range(10_000))))
    add("rules-1m-lines", _pack(_rule(extra="    description: >\n" + "      很长的说明\n" * 1_000_000)))
    for weight in ("inf", ".inf", "-.inf", ".nan", "nan", "1e308", "1e309", "-1", "0", "1e-320", "true", "'3'", "[1]"):
        add(f"weight-{weight.strip(chr(39))}", _pack(_rule(weight=weight)),
            AUDITED if weight in ("0", "'3'", "1e-320") else BAD)
    for pattern in ("(a+)+$", "(a|aa)+$", "(.*a){20}", "(?:[^。]*法)*$", "((a*)*)*b", "(\\w+\\s?)+$"):
        add(f"regex-{pattern[:8]}", _pack(_rule(term="{re: '" + pattern + "'}")), frozenset({0, 1, 2}))
        add(f"regex-example-{pattern[:8]}", _pack(_rule(term="{re: '" + pattern + "'}", extra=(
            "    examples:\n      pass: ['" + "a" * 40 + "!']\n      fail: ['" + "a" * 40 + "!']\n"))), BAD)
    for pattern in ("(", "[", "(?P<x", "a{99999999999}", "\\", "(?<=a+)b", "*"):
        add(f"regex-invalid-{pattern[:6]}", _pack(_rule(term="{re: '" + pattern.replace("'", "''") + "'}")))
    add("examples-empty", _pack(_rule(extra="    examples: {pass: [], fail: []}\n")))
    add("examples-empty-string", _pack(_rule(extra="    examples: {pass: [''], fail: ['']}\n")))
    add("unknown-check", _pack(_rule().replace("check: require", "check: nosuchcheck")))
    add("missing-code", _pack(_rule().replace("  - code: HX001\n", "  - ")))
    add("duplicate-codes", _pack(_rule() + _rule()))
    add("code-control-chars", _pack(_rule(code='"HX\\x01\\x1b[31m"')))
    add("non-utf8-gbk", (PACK_HEADER + _rule()).encode("gbk"))
    add("binary", bytes(range(256)) * 20)
    add("empty-file", b"")
    add("yaml-scalar", b"just a string\n")
    add("yaml-list", b"- 1\n- 2\n")
    add("tabs-indentation", _pack(_rule()).replace(b"    ", b"\t"))
    add("huge-string-50mb", _pack(_rule(extra="    description: '" + "长" * 20_000_000 + "'\n")))
    add("is-a-directory", None, setup=lambda d: (d / "pack.yaml").mkdir())
    add("missing", None)
    add("fifo", None, setup=_fifo("pack.yaml"))
    add("dev-zero-link", None, setup=_symlink("pack.yaml", "/dev/zero"))
    add("extends-missing", _utf8("extends: ./nowhere.yaml\n") + _pack(_rule()), culprit="pack.yaml")
    add("extends-self", _utf8("extends: ./pack.yaml\n") + _pack(_rule()), culprit="pack.yaml")
    def with_dictionary(name: str) -> bytes:
        return _pack(_rule()).replace(b"rules:\n", f"settings:\n  user_dictionary: [./{name}]\nrules:\n".encode())

    add("user-dictionary-gbk", with_dictionary("dict.txt"),
        setup=lambda d: (d / "dict.txt").write_bytes("法治政府 10 n\n".encode("gbk")), culprit="dict.txt")
    add("user-dictionary-missing", with_dictionary("none.txt"), culprit="none.txt")
    add("user-dictionary-binary", with_dictionary("dict.txt"),
        setup=lambda d: (d / "dict.txt").write_bytes(bytes(range(256)) * 10), culprit="dict.txt")
    add("ruby-object-tag", _utf8("!!python/object/apply:os.system ['echo pwned > pwned.txt']\n"))
    add("python-name-tag", _utf8("a: !!python/name:os.system\n") + _pack(_rule()))
    add("merge-key-bomb", _utf8("base: &b {" + ", ".join(f"k{i}: {i}" for i in range(50)) + "}\n"
                                + "".join(f"m{i}: {{<<: *b}}\n" for i in range(20_000))))
    add("anchors-100k", _utf8("".join(f"a{i}: &x{i} {i}\n" for i in range(100_000))))
    add("long-key", _utf8("k" * 2_000_000 + ": 1\n"))
    return cases


def _yaml_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


# -- configuration files -----------------------------------------------------------------


def config_cases() -> list[Case]:
    model = _utf8(MODEL)
    cases: list[Case] = []

    def add(name: str, data: bytes, exits: frozenset[int] = BAD, file: str = "auditor.yaml",
            extra: dict[str, bytes] | None = None) -> None:
        cases.append(Case("config", name, ["r.txt"], exits, file, {"r.txt": model, file: data, **(extra or {})}))

    add("valid", b"profile: auto\n", AUDITED)
    add("alias-bomb", _utf8(_yaml_bomb()))
    add("recursive-alias", b"select: &a [*a]\n")
    add("deep-nesting", _utf8("select: " + "[" * 10_000 + "]" * 10_000 + "\n"))
    for value in (".nan", "nan", ".inf", "-1", "101", "1e999", "'abc'", "[1]", "true"):
        add(f"fail-under-{value.strip(chr(39))}", _utf8(f"fail-under: {value}\n"))
    add("unknown-key", b"no-such-key: 1\n")
    add("unknown-profile", b"profile: nosuchprofile\n")
    add("select-unknown-code", b"select: [ZZ999]\n")
    add("rules-missing-pack", b"rules: [./missing.yaml]\n")
    add("rules-bomb-pack", b"rules: [./bomb.yaml]\n", extra={"bomb.yaml": _utf8(_yaml_bomb())}, file="auditor.yaml")
    add("extend-missing", b"extend: ./nowhere.yaml\n")
    add("extend-loop", b"extend: ./auditor.yaml\n")
    add("extend-chain-loop", b"extend: ./b.yaml\n", extra={"b.yaml": b"extend: ./auditor.yaml\n"})
    add("binary", bytes(range(256)) * 10)
    add("non-utf8-gbk", "profile: auto\n# 注释\n".encode("gbk"))
    add("yaml-scalar", b"hello\n")
    add("python-tag", b"profile: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n")
    add("per-path-bad-glob", b"per-path:\n  - paths: ['[']\n    profile: auto\n", ANY)
    add("exclude-everything", b"exclude: ['**']\n", frozenset({0}))
    add("waiver-empty-reason", b"waivers:\n  - rule: FZ001\n    reason: ''\n")
    add("is-directory", b"", frozenset({0, 1, 2}), "unused")
    add("pyproject-gbk", "[tool.auditor]\nprofile = \"auto\"\n# 注释\n".encode("gbk"), file="pyproject.toml")
    add("pyproject-invalid-toml", b"[tool.auditor\nprofile = \n", file="pyproject.toml")
    add("pyproject-fail-under-nan", b"[tool.auditor]\nfail-under = nan\n", file="pyproject.toml")
    add("pyproject-fail-under-inf", b"[tool.auditor]\nfail-under = inf\n", file="pyproject.toml")
    add("pyproject-deep-tables", _utf8("[tool.auditor]\nx = " + "[" * 5000 + "]" * 5000 + "\n"), file="pyproject.toml")
    cases.append(Case("config", "explicit-config-missing", ["--config", "none.yaml", "r.txt"], BAD, "none.yaml",
                      {"r.txt": model}))
    cases.append(Case("config", "explicit-config-dev-zero", ["--config", "/dev/zero", "r.txt"], BAD, "/dev/zero",
                      {"r.txt": model}))
    cases.append(Case("config", "explicit-config-fifo", ["--config", "c.yaml", "r.txt"], BAD, "c.yaml",
                      {"r.txt": model}, _fifo("c.yaml")))
    return cases


# -- command lines ------------------------------------------------------------------------


def cli_cases() -> list[Case]:
    model = _utf8(MODEL)
    cases: list[Case] = []

    def add(name: str, args: list[str], exits: frozenset[int] = BAD, culprit: str | None = None,
            outputs: tuple[str, ...] = ()) -> None:
        cases.append(Case("cli", name, args, exits, culprit, {"r.txt": model}, outputs=outputs))

    for value in ("nan", "NaN", "inf", "-inf", "-1", "101", "1e999", "abc", ""):
        add(f"fail-under-{value or 'empty'}", ["--fail-under", value, "r.txt"])
    for value in ("0", "-1", "abc", "1000000"):
        add(f"jobs-{value}", ["--jobs", value, "r.txt"], AUDITED if value == "1000000" else BAD)
    add("format-unknown", ["--format", "nosuch", "r.txt"])
    add("profile-unknown", ["--profile", "nosuch", "r.txt"])
    add("select-unknown", ["--select", "ZZ999", "r.txt"])
    add("ignore-everything", ["--ignore", "FZ,XF,GF,QL,PN,NU,TR,TM,SG,TI", "r.txt"], frozenset({0, 1, 2}))
    add("rules-missing", ["--rules", "./missing.yaml", "r.txt"], culprit="missing.yaml")
    add("rules-unknown-name", ["--rules", "nosuchpack", "r.txt"], culprit="nosuchpack")
    add("output-dev-full", ["--output", "json=/dev/full", "r.txt"], culprit="/dev/full")
    add("output-directory", ["--output", "json=.", "r.txt"], culprit=".")
    add("output-missing-folder", ["--output", "json=no/such/dir/out.json", "r.txt"], culprit="no/such/dir")
    add("output-onto-input", ["--output", "json=r.txt", "r.txt"], culprit="r.txt")
    add("output-bad-format", ["--output", "nosuch=out.x", "r.txt"])
    add("output-no-equals", ["--output", "out.json", "r.txt"], frozenset({0, 1, 2}), outputs=("out.json",))
    add("no-arguments-no-stdin", [], frozenset({0, 2}))
    add("unknown-option", ["--no-such-option", "r.txt"])
    add("option-value-newline", ["--profile", "auto\nx", "r.txt"])
    add("many-paths-missing", [f"m{i}.txt" for i in range(500)] + ["r.txt"], BAD, "m0.txt")
    add("timeout-zero", ["--timeout", "0", "r.txt"], frozenset({0, 1, 2}))
    add("timeout-nan", ["--timeout", "nan", "r.txt"])
    return cases


# -- output formats must stay valid for hostile titles --------------------------------------


def _parses(fmt: str) -> Callable[[str], str | None]:
    def check(stdout: str) -> str | None:
        try:
            if fmt in ("json", "sarif"):
                import json

                json.loads(stdout)
            elif fmt == "jsonl":
                import json

                for line in stdout.splitlines():
                    json.loads(line)
            elif fmt == "junit":
                import xml.etree.ElementTree as ET

                ET.fromstring(stdout)
            elif fmt == "csv":
                import csv

                list(csv.reader(io.StringIO(stdout)))
        except Exception as exc:  # the output does not parse: that is the finding
            return f"--format {fmt} output does not parse: {type(exc).__name__}: {str(exc)[:120]}"
        raw = sorted({f"U+{ord(c):04X}" for c in stdout if (ord(c) < 0x20 and c not in "\t\n\r") or c == "\x7f"})
        if fmt not in ("json", "jsonl", "sarif") and raw:  # (JSON escapes them; a person's output must not hold them)
            return f"--format {fmt} output holds raw control characters: {', '.join(raw[:5])}"
        return None
    return check


HOSTILE_TITLES = {
    "controls": "\x01\x02\x03\x08\x0b\x0c\x0e\x1f" + MODEL_TITLE + "\x7f\x80\x9f",
    "xml-markup": "]]><x>&amp;<!--" + MODEL_TITLE + "\"'<",
    "bidi-zero-width": "\u202e\u200b\ufeff" + MODEL_TITLE + "\ufffe\uffff",
    "csv-injection": "=cmd|' /C calc'!A0," + MODEL_TITLE,
    "terminal-escapes": "\x1b[2J\x1b]0;pwned\x07" + MODEL_TITLE,
}


def format_cases() -> list[Case]:
    cases: list[Case] = []
    for label, title in HOSTILE_TITLES.items():
        data = _utf8(_report(title))
        for fmt in ("json", "jsonl", "sarif", "junit", "csv", "html", "markdown", "github", "concise", "table"):
            check = _parses(fmt)
            cases.append(Case("format", f"{label}-{fmt}", ["--format", fmt, "t.txt"], ANY, "t.txt",
                              {"t.txt": data}, stdout_check=check))
    return cases


FAMILIES: dict[str, Callable[[], list[Case]]] = {
    "text": text_cases, "shape": shape_cases, "path": path_cases, "docx": docx_cases, "pdf": pdf_cases,
    "html": html_cases, "pack": pack_cases, "config": config_cases, "cli": cli_cases, "format": format_cases,
}


def all_cases(families: Iterable[str] | None = None) -> list[Case]:
    """The cases of ``families`` (default: all), each family's files built only when it is asked for
    (the shape family alone holds 140 MB of text)."""
    chosen = list(FAMILIES) if families is None else list(families)
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown family {unknown[0]!r} (families: {', '.join(FAMILIES)})")
    cases = [case for family in chosen for case in FAMILIES[family]()]
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case names must be unique"
    return cases


# The subset every test run checks (tests/test_hostile_suite.py; about half a minute on 2 cores):
# each family, and each kind of failure the whole suite ever found, once or more. The whole suite
# runs in the benchmark script (benchmarks/run.py --rows hostile).
FAST = frozenset({
    "text/empty", "text/random-bytes", "text/japanese-shift_jis", "text/korean-euc_kr", "text/japanese-utf-8",
    "text/model-gbk", "text/title-year-9999", "text/title-control-chars",
    "shape/unbalanced-quotes-1m", "shape/digits-1m", "shape/text-55mb", "shape/lines-200k",
    "path/name-with-newline", "path/name-too-long", "path/fifo-beside-good", "path/symlink-loop",
    "path/missing-beside-good", "path/empty-folder-beside-good", "path/dev-zero", "path/name-not-utf8",
    "docx/zip-bomb-zeros", "docx/billion-laughs", "docx/external-entity-file", "docx/truncated-half",
    "docx/numbering-lowerLetter-214748", "docx/numbering-upperRoman-999999", "docx/numbering-lvltext-huge",
    "pdf/content-stream-bomb", "pdf/page-tree-loop", "pdf/count-lies-billion",
    "html/entity-bomb-doctype", "html/nested-divs-200k", "html/japanese-page",
    "pack/alias-bomb", "pack/recursive-alias", "pack/weight-inf", "pack/regex-(a+)+$",
    "pack/regex-example-(\\w+\\s?)", "pack/rules-10k", "pack/extends-missing", "pack/user-dictionary-gbk",
    "config/alias-bomb", "config/fail-under-.nan", "config/select-unknown-code", "config/rules-missing-pack",
    "config/rules-bomb-pack", "config/pyproject-gbk",
    "cli/fail-under-nan", "cli/output-dev-full", "cli/output-onto-input", "cli/timeout-nan",
    "format/controls-junit", "format/controls-sarif", "format/controls-json", "format/csv-injection-csv",
})


def fast_cases() -> list[Case]:
    cases = [case for case in all_cases(sorted({i.split("/")[0] for i in FAST}, key=list(FAMILIES).index))
             if case.id in FAST]
    missing = FAST - {case.id for case in cases}
    assert not missing, f"FAST names cases that do not exist: {sorted(missing)}"
    return cases
