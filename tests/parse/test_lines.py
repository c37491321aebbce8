"""Parsing, logical lines: where a line is cut before a list marker (parse/lines.py)."""

from __future__ import annotations

from ..conftest import FIXTURES


def test_split_points_equal_the_look_behind_definition():
    """``split_points`` finds candidates without a leading look-behind (for speed); it must cut
    exactly where the plain definition does, on every fixture line and on random marker soup."""
    import random
    import re

    from auditor.parse.lines import HAN_NUM, MARKER, split_points

    definition = re.compile(
        rf"(?<=[。;!?:])(?={MARKER})"
        rf"|(?<=[\u4e00-\u9fff])(?<!第)(?=\([{HAN_NUM}]{{1,3}}\))"
        r"|(?<=[\u4e00-\u9fff])(?<!第)(?=\d{1,2}\.(?!\d))")
    lines = [ln for p in sorted(FIXTURES.rglob("*.txt")) if p.parent.name != "edge"
             for ln in p.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    alphabet = "一二三十第年法。;!?:()、.123 "
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(5000)]
    for line in lines:
        assert split_points(line) == [m.start() for m in definition.finditer(line)], line


def test_split_lines_cut_each_line_as_if_it_stood_alone():
    """``split_lines`` finds the split points of the whole text in one scan; every line must be
    cut exactly as its own ``split_points`` would cut it."""
    import random

    from auditor.parse.lines import Line, _cut, split_lines, split_points

    def definition(text: str) -> list[Line]:
        out, pos = [], 0
        for raw in text.split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            if raw.strip():
                out.extend(_cut(Line(start, end, raw), split_points(raw)))
        return out

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
    rng = random.Random(11)
    alphabet = "一二三十第年法是。;!?:()、.123 \n\n\t"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    for text in texts:
        assert split_lines(text) == definition(text), text


def test_split_points_after_punctuation_match_one_class_pattern():
    """``split_points`` scans each punctuation mark with its own literal-led pattern: the cuts
    must be those found with the single ``[。;!?:]`` pattern, on random text."""
    import random
    import re

    from auditor.parse.lines import HAN_NUM, MARKER, _glued, split_points

    # The scans split_points once made (a class of the marks, then each literal-led pattern).
    one = re.compile(rf"[。;!?:](?={MARKER})")
    glued_paren = re.compile(rf"\((?=[{HAN_NUM}]{{1,3}}\))")
    number_stop = re.compile(r"\.(?!\d)")

    def reference(text: str) -> list[int]:
        cuts = {m.end() for m in one.finditer(text)}
        for m in glued_paren.finditer(text):
            _glued(text, m.start(), cuts)
        for m in number_stop.finditer(text):
            at = m.start()
            if at and text[at - 1].isdecimal():
                _glued(text, at - 2 if at > 1 and text[at - 2].isdecimal() else at - 1, cuts)
        return sorted(cuts)

    rng = random.Random(3)
    alphabet = "。;!?:、()一二十三是12.5第法治 \n٣"  # (٣: a decimal digit beyond ASCII, as \\d matches)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert split_points(text) == reference(text), text
