"""Shared by the metadata tests (tests/parse/test_meta_*.py): a page read as a report,
and bodies in a few shapes, so that no test is one template filled in. Every text here is fictional."""

from __future__ import annotations

from auditor.models import Document, Location, SourceText
from auditor.parse import parse


def read(text: str, vocab) -> Document:
    return parse(SourceText(path="<page>", format="txt", text=text, encoding="utf-8"), vocab)


def value(doc: Document, field: str):
    got = getattr(doc.metadata, field)
    return got.value if got else None


def shown(doc: Document, loc: Location) -> str:
    """The original characters a location names."""
    starts = [0] + [i + 1 for i, ch in enumerate(doc.original) if ch == "\n"]
    return doc.original[starts[loc.line - 1] + loc.column - 1 : starts[loc.end_line - 1] + loc.end_column - 1]


# Bodies in a few shapes, so that no test is one template filled in.
BODY_DEPT = (
    "一、主要举措和成效\n"
    "（一）健全依法决策机制\n全年审查重大行政决策事项6件，合同41份。\n"
    "二、存在的不足和原因\n基层执法力量仍显薄弱，原因是编制调整尚未到位。\n"
    "三、下一年度工作安排\n继续推进执法规范化建设。\n"
)


BODY_TOWN = (
    "一、工作开展情况\n镇党委定期听取法治建设汇报，全年开展普法活动22场。\n"
    "二、存在的问题\n村级法律顾问作用发挥不充分。\n"
    "三、下步打算\n完善矛盾纠纷多元化解机制。\n"
)


BODY_GOV = (
    "一、推进法治政府建设的主要举措和成效\n县政府常务会议会前学法10次。\n"
    "二、存在的不足\n行政复议纠错率仍然偏高。\n"
    "三、下一年度主要安排\n深化行政执法体制改革。\n"
)
