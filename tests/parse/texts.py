"""Shared by the parsing tests (tests/test_parse_*.py): the shipped vocabulary, a text or a file parsed,
the sections walked, and the original characters a location names."""

from __future__ import annotations

from pathlib import Path

from auditor.models import Document, Location, Section, SourceText
from auditor.normalize import fold_phrase
from auditor.parse import Vocabulary, load_vocabulary, parse

from ..conftest import FIXTURES, ROOT

MODEL = FIXTURES / "model" / "model-report.txt"


REPORT_000 = "000_4d970ed531fb2e8a.txt"


REPORT_001 = "001_6bcddc314182265b.txt"


MODEL_TREE = [
    (0, 1, "一、", 1, "2025年推进法治政府建设的主要举措和成效"),
    (1, 2, "(一)", 1, "坚持学思践悟,深入学习贯彻习近平法治思想"),
    (1, 2, "(二)", 2, "严格规范性文件管理,筑牢依法行政制度基础"),
    (1, 2, "(三)", 3, "健全重大行政决策机制,推进决策科学化民主化法治化"),
    (1, 2, "(四)", 4, "严格规范公正文明执法,提升执法质效"),
    (2, 3, "1.", 1, "全面落实行政执法“三项制度”"),
    (2, 3, "2.", 2, "坚持宽严相济、包容审慎"),
    (2, 3, "3.", 3, "加强执法监督和队伍建设"),
    (1, 2, "(五)", 5, "化解行政争议,推进政务公开和普法工作"),
    (0, 1, "二、", 2, "党政主要负责人履行推进法治建设第一责任人职责情况"),
    (0, 1, "三、", 3, "存在的不足和原因"),
    (0, 1, "四、", 4, "2026年推进法治政府建设的主要安排"),
    (1, 2, "(一)", 1, "加强执法队伍专业化建设"),
    (1, 2, "(二)", 2, "提升普法工作精准度"),
    (1, 2, "(三)", 3, "推进数字法治政府建设"),
    (0, 1, "五、", 5, "其他需要报告的情况"),
]


def tree(doc: Document) -> list[tuple[int, int, str, int | None, str]]:
    return [(depth, s.level, s.marker, s.number, s.title) for depth, s in walk(doc)]


MODEL_ROLES = {
    "2025年推进法治政府建设的主要举措和成效": ["measures"],
    "坚持学思践悟,深入学习贯彻习近平法治思想": ["measures", "xi_thought"],
    "严格规范性文件管理,筑牢依法行政制度基础": ["measures", "normative_documents"],
    "健全重大行政决策机制,推进决策科学化民主化法治化": ["measures"],
    "严格规范公正文明执法,提升执法质效": ["measures"],
    "全面落实行政执法“三项制度”": ["measures"],
    "坚持宽严相济、包容审慎": ["measures"],
    "加强执法监督和队伍建设": ["measures"],
    "化解行政争议,推进政务公开和普法工作": ["measures"],
    "党政主要负责人履行推进法治建设第一责任人职责情况": ["first_responsible"],
    "存在的不足和原因": ["shortcomings", "causes"],
    "2026年推进法治政府建设的主要安排": ["plan"],
    "加强执法队伍专业化建设": ["plan"],
    "提升普法工作精准度": ["plan"],
    "推进数字法治政府建设": ["plan"],
    "其他需要报告的情况": ["other"],
}


def roles(doc: Document) -> dict[str, list[str]]:
    return {s.title: s.roles for _depth, s in walk(doc)}


def shipped_vocabulary() -> Vocabulary:
    """The shipped role vocabulary (loaded once per module as the ``vocab`` fixture, tests/parse/conftest.py)."""
    return load_vocabulary([ROOT / "rules" / "roles.yaml"])


def parse_text(text: str, vocabulary, name: str = "<text>") -> Document:
    return parse(SourceText(path=name, format="txt", text=text, encoding="utf-8"), vocabulary)


def parse_file(path: Path, vocabulary) -> Document:
    return parse(SourceText(path=str(path), format="txt", text=path.read_bytes().decode("utf-8"),
                            encoding="utf-8"), vocabulary)


def walk(doc: Document) -> list[tuple[int, Section]]:
    """(depth, section) for every section, depth 0 for top-level ones."""
    out: list[tuple[int, Section]] = []

    def visit(section: Section, depth: int) -> None:
        out.append((depth, section))
        for child in section.children:
            visit(child, depth + 1)

    for top in doc.sections:
        visit(top, 0)
    return out


def original_slice(doc: Document, loc: Location) -> str:
    """The original characters a Location names (1-based line/column, exclusive end)."""
    starts = [0]
    for i, ch in enumerate(doc.original):
        if ch == "\n":
            starts.append(i + 1)
    return doc.original[starts[loc.line - 1] + loc.column - 1 : starts[loc.end_line - 1] + loc.end_column - 1]


def locate_word(doc: Document, word: str, occurrence: int = 0) -> Location:
    folded = fold_phrase(word)
    pos = -1
    for _ in range(occurrence + 1):
        pos = doc.text.index(folded, pos + 1)
    return doc.locate(pos, pos + len(folded))


BODY = (
    "\n一、主要举措和成效\n全年办理行政处罚案件12件。\n"
    "二、存在的不足\n一是队伍建设不足。二是普法力度不够。\n"
    "三、2026年工作打算\n继续加强执法队伍建设。\n"
)


def report(title: str, signature: str) -> str:
    return f"{title}{BODY}{signature}\n"
