"""Faster forms in the parser and the normaliser against their plain definitions, on the
fixtures, the corpus and random text."""

from __future__ import annotations

import random
from pathlib import Path

from auditor.normalize import normalise
from auditor.parse import load_vocabulary
from auditor.parse.frame import find_frame
from auditor.parse.lines import logical_lines
from auditor.parse.meta_title import TitleScores, organisation_and_year, title_score
from auditor.parse.vocabulary import KindRule

from .conftest import CORPUS, FIXTURES

ROOT = Path(__file__).resolve().parents[1]
_PIECES = ["局", "委", "政府", "人民政府", "中共", "县委", "党委", "办事处", "街道", "镇", "乡", "苏木", "市",
           "法治政府建设", "关于", "2025年", "二〇二五年", "年度", "报告", "情况", "的", "。", ",", "\n", " ", "一、",
           "(一)", "1.", "《", "》", "我局", "青禾县", "司法局", "发布时间:", "2026年2月10日", "总结", "a"]


def _files() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def _random(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _fields(frame) -> dict:
    """The frame found (not the title scores it was found with: a table of the same answers)."""
    return {name: getattr(frame, name) for name in type(frame).__slots__ if name != "scores"}


def _parts(found) -> tuple:
    span, year = found
    return span, (year.span(), year.group("y")) if year else None


def test_kind_of_matches_the_rules_one_by_one():
    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    table = vocab.table()

    def plain(name: str) -> str | None:
        return next((rule.kind for rule in vocab.kinds if KindRule.matches(rule, name)), None)

    for name in _random(3, 3000, 6):
        assert table.kind_of(name) == plain(name), name


def test_shared_title_scores_give_the_same_lines_and_frame():
    texts = _files() + _random(5, 400, 40)
    for text in texts:
        clean = normalise(text).mapped.text
        scores = TitleScores()
        lines = logical_lines(clean, scores)
        assert lines == logical_lines(clean)
        frame = find_frame(lines, scores)
        assert _fields(frame) == _fields(find_frame(lines))
        assert all(score == title_score(t) for t, score in scores.items())
        assert frame.scores is scores or not lines
        # What the table remembers of each title is what organisation_and_year finds afresh.
        asked = [*scores, *(line.text for line in lines[:5])]
        for t in asked:
            assert _parts(scores.organisation_and_year(t)) == _parts(organisation_and_year(t))


def test_mostly_latin_matches_the_plain_counts():
    import re

    from auditor.recognise import _mostly_latin

    def plain(text: str) -> tuple[int, int] | None:
        han = len(re.findall(r"[\u3400-\u9fff]", text))
        latin = len(re.findall(r"[A-Za-z]", text))
        return (han, latin) if latin > han else None

    rng = random.Random(13)
    alphabet = ["a", "Z", "法", "治", "\u3400", "\u4000", "。", " ", "1", "é", "\ud800", "😀", "\uff41", "ab"]
    texts = _files() + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    for text in texts:
        assert _mostly_latin(text) == plain(text), text


def test_han_test_of_clutter_residue_matches_the_class():
    import re

    from auditor.normalize.clutter import _has_han

    rng = random.Random(21)
    alphabet = ["\u4e00", "\u9fff", "\u4dff", "\ua000", "法", "a", " ", ":", "【", "😀", "\u3007"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        assert _has_han(text) == bool(re.search(r"[\u4e00-\u9fff]", text)), text


def test_heading_numbers_are_what_chinese_number_reads():
    from auditor.parse.headings import _HEADING, chinese_number, detect_heading
    from auditor.parse.lines import Line

    rng = random.Random(34)
    markers = ["一、", "十二、", "(三)", "(二十)", "1.", "12、", "(4)", "(15)", "٣.", "(٤٥)", "１.", "7.5", "3、"]
    words = ["加强组织领导", "。", "一是", "全年办理案件12件", " ", "法治", ";"]
    for _ in range(3000):
        text = rng.choice(markers) + "".join(rng.choice(words) for _ in range(rng.randrange(0, 6)))
        h = detect_heading(Line(0, len(text), text))
        if h is not None:
            m = _HEADING.match(text)
            assert (h.level, h.marker, h.number) == (m.lastindex, m.group(0), chinese_number(m.group(m.lastindex)))


def _plain_tree(headings, body_end: int):
    """``_build_tree`` written with ``Section(...)``'s own constructor."""
    from auditor.models import Section, Span

    roots, flat, stack = [], [], []
    for i, h in enumerate(headings, 1):
        while stack and stack[-1].level >= h.level:
            closed = stack.pop()
            closed.span = Span(start=closed.heading.start, end=h.line.start)
        heading = Span(start=h.line.start, end=h.title_end)
        section = Section(id=f"s{i}", level=h.level, marker=h.marker, number=h.number, title=h.title,
                          heading=heading, span=heading, run_in=h.run_in)
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        flat.append(section)
    for section in stack:
        section.span = Span(start=section.heading.start, end=body_end)
    return roots, flat


def _slots(section) -> dict:
    from auditor.models import Section

    assert type(section) is Section
    out = {name: getattr(section, name) for name in Section.__slots__}
    out["children"] = [_slots(c) for c in section.children]
    return out


def test_sections_built_without_the_constructor_match_the_constructor():
    from auditor.parse import _build_tree
    from auditor.parse.headings import HeadingLine
    from auditor.parse.lines import Line

    rng = random.Random(55)
    cases = []
    for text in _files():  # the headings each fixture and corpus report has
        clean = normalise(text).mapped.text
        body = find_frame(logical_lines(clean)).body
        from auditor.parse.headings import detect_heading

        found = [h for line in body if (h := detect_heading(line)) is not None]
        cases.append((found, body[-1].end if body else 0))
    for _ in range(500):  # random tiers, including equal and falling ones
        headings, at = [], 0
        for _ in range(rng.randrange(0, 25)):
            at += rng.randrange(1, 30)
            level = rng.randrange(1, 5)
            line = Line(at, at + 10, "x" * 10)
            headings.append(HeadingLine(line, level, "一、", rng.choice([None, 3]), "标题", at + rng.randrange(2, 10),
                                        rng.random() < 0.5))
        cases.append((headings, at + 50))
    for headings, body_end in cases:
        roots, flat = _build_tree(headings, body_end)
        plain_roots, plain_flat = _plain_tree(headings, body_end)
        assert [_slots(s) for s in roots] == [_slots(s) for s in plain_roots]
        assert [s.id for s in flat] == [s.id for s in plain_flat]


def test_role_table_is_made_once_and_read_back():
    """``Vocabulary.table`` reads pydantic's private store directly: the same table as the
    private attribute holds, made on the first call only."""
    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    assert vocab._table is None
    table = vocab.table()
    assert vocab._table is table and vocab.table() is table
    assert vocab.model_copy().table() is table  # a copy shares the private values, as before


def test_paragraphs_belong_to_the_innermost_section_holding_them():
    """Each paragraph's section is taken from the last heading before it while the body is read;
    it must be the innermost section whose span holds the paragraph's start (``section_path``),
    and paragraphs are numbered in text order, each holding its own text."""
    from auditor.models import SourceText
    from auditor.parse import parse

    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    rng = random.Random(61)
    lines = ["一、总体情况", "二、存在的不足", "三、下一步工作打算", "(一)加强领导。", "(二)完善制度",
             "1.强化学习。全年学习12次。", "2.规范执法", "(1)细化标准", "今年我局依法行政,取得成效。", "    ",
             "一是加强学习,二是完善制度。", "十二、其他"]
    texts = _files() + ["\n".join(rng.choice(lines) for _ in range(rng.randrange(0, 30))) for _ in range(300)]
    for text in texts:
        doc = parse(SourceText(path="x.txt", format="txt", text=text), vocab)
        for i, p in enumerate(doc.paragraphs, 1):
            chain = doc.section_path(p.span.start)
            assert p.section_id == (chain[-1].id if chain else None), text
            assert p.index == i and p.text == doc.text[p.span.start : p.span.end]
        assert [p.span.start for p in doc.paragraphs] == sorted(p.span.start for p in doc.paragraphs)


def test_title_positions_are_each_line_start_plus_the_offset_in_it():
    """The title's character positions are found from its lines when asked; they must be the list
    of every line's start plus each offset in it (what was written out before)."""
    from auditor.parse.frame import Frame
    from auditor.parse.lines import Line
    from auditor.parse.metadata import _TitleText

    frames = [find_frame(logical_lines(normalise(text).mapped.text)) for text in _files()]
    rng = random.Random(4)
    for _ in range(200):  # one to three lines anywhere, of any length
        frame, at = Frame(), rng.randrange(0, 50)
        for _ in range(rng.randrange(1, 4)):
            n = rng.randrange(1, 12)
            frame.title.append(Line(at, at + n, "题" * n))
            at += n + rng.randrange(1, 5)
        frames.append(frame)
    for frame in frames:
        t = _TitleText(None, frame)  # type: ignore[arg-type]
        plain = [line.start + i for line in frame.title for i in range(len(line.text))]
        assert [t.pos(i) for i in range(len(t.text))] == plain


def test_roles_given_while_the_tree_is_built_match_assign_roles():
    """``_build_tree`` with the role table gives each section its own and inherited roles as it
    is made; with the roles by position added after, every section must carry what
    ``_assign_roles`` (the walk of the finished tree) gives the same tree built without them
    (fixtures, corpus, random reports)."""
    from auditor.parse import _build_tree
    from auditor.parse.headings import content_items, detect_heading
    from auditor.parse.roles import assign_default_roles

    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    table = vocab.table()
    rng = random.Random(17)
    words = ["存在的不足", "主要举措", "下一步工作打算", "工作成效", "其他需要报告的情况", "加强党的领导",
             "习近平法治思想", "规范性文件", "问题和不足的原因", "法治"]
    markers = ["一、", "二、", "三、", "(一)", "(二)", "1.", "2.", "(1)"]
    texts = _files() + ["\n".join(rng.choice(markers) + rng.choice(words) + rng.choice(["", "。工作有序开展。"])
                                  for _ in range(rng.randrange(0, 25))) for _ in range(400)]
    for text in texts:
        clean = normalise(text).mapped.text
        frame = find_frame(logical_lines(clean))
        entries = content_items([(line, detect_heading(line)) for line in frame.body], clean)
        headings = [h for _line, h in entries if h is not None]
        body_end = frame.body[-1].end if frame.body else 0
        roots, flat = _build_tree(headings, body_end, table)
        assign_default_roles(roots, table, flat)
        plain_roots, plain_flat = _build_tree(headings, body_end)
        _assign_roles(plain_roots, table, plain_flat)
        assert [_slots(s) for s in roots] == [_slots(s) for s in plain_roots], text


def _assign_roles(roots, table, flat) -> None:
    """The plain definition: walk the finished tree; a section's own roles are the roles of its
    title that may head at its tier under the own roles above it; its roles are its parent's, then
    its own; then the roles by position."""
    from auditor.parse.roles import assign_default_roles
    from auditor.parse.vocabulary import may_head_under

    def visit(section, above, inherited):
        own = section.own_roles = [role for role in table.heading_roles(section.title)
                                   if may_head_under(table.may_head[role], section.level, above)]
        section.roles = list(dict.fromkeys([*inherited, *own])) if own else list(inherited)
        for child in section.children:
            visit(child, (*above, *own), section.roles)

    for root in roots:
        visit(root, (), [])
    assign_default_roles(roots, table, flat)


def test_heading_and_its_first_stop_in_one_match_equal_two_calls():
    """``detect_heading`` matches the marker and the words up to the first full stop in one
    pattern; it must give what matching the marker and then searching for the stop gave."""
    import re

    from auditor.parse.headings import (
        _HEADING,
        RUN_ON_TITLE,
        TITLE_MAX,
        HeadingLine,
        _first_item,
        chinese_number,
        detect_heading,
    )
    from auditor.parse.lines import Line

    stop_pattern = re.compile("[。;!?]")

    def plain(line: Line) -> HeadingLine | None:
        text = line.text
        m = _HEADING.match(text)
        if not m or not text[m.end():].strip():
            return None
        end = m.end()
        stop = stop_pattern.search(text, end, end + TITLE_MAX + 1)
        if stop:
            title, consumed = text[end:stop.start()], stop.start() + 1
            run_in, sentence = bool(text[consumed:].strip()), True
        elif len(text) - end <= TITLE_MAX:
            title, consumed, run_in, sentence = text[end:], len(text), False, False
        else:
            title, consumed, run_in, sentence = text[end : end + RUN_ON_TITLE], end, True, False
        item = _first_item(title)
        if item >= 0:
            title, consumed, run_in = title[:item], text.find(title[item:], end), True
        level = m.lastindex
        return HeadingLine(line, level, m.group(0), chinese_number(m.group(level)), title.strip(),
                           line.start + consumed, run_in, sentence)

    lines = [line for text in _files() for line in logical_lines(normalise(text).mapped.text)]
    rng = random.Random(71)
    markers = ["一、", "十二、", "(三)", "(二十)", "1.", "12、", "(4)", "(15)", "٣.", "1.5", "(一", ""]
    words = ["加强组织领导", "。", ";", "!", "?", "一是", "法", " ", "全年办理案件12件", "x" * 25]
    for _ in range(20000):
        text = rng.choice(markers) + "".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        lines.append(Line(3, 3 + len(text), text))
    for line in lines:
        assert detect_heading(line) == plain(line), line.text


def test_heading_roles_are_each_specs_own_match():
    """The role table's searches (one for any heading word, one per role's words and exceptions)
    give what each ``RoleSpec.matches`` gives on the folded title, in the vocabulary's order: on
    every heading-like line of the fixtures and corpus and on random titles made of heading words,
    exceptions and filler. Nothing is remembered between titles."""
    from auditor.normalize import fold_phrase

    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    table = vocab.table()
    specs = list(vocab.roles.items())
    words = [w for _r, spec in specs for w in (*spec.headings, *spec.except_)]
    rng = random.Random(23)
    titles = [line.strip() for text in _files() for line in text.splitlines() if 0 < len(line.strip()) < 40]
    titles += ["".join(rng.choice([*words, *_PIECES, "问题", "短板", "补短板", "明年", "下一步"])
                       for _ in range(rng.randint(0, 4))) for _ in range(3000)]
    for title in titles:
        folded = fold_phrase(title)
        assert table.heading_roles(title) == tuple(r for r, spec in specs if spec.matches(folded)), title
    assert table.heading_roles(titles[0]) == table.heading_roles(titles[0])


def test_fold_phrase_returns_what_folding_gives():
    """Its shortcut (nothing to fold, convert, drop or tidy: the phrase itself) against ``fold``."""
    from auditor.normalize import fold_phrase
    from auditor.normalize.fold import fold
    from auditor.normalize.mapped import MappedText

    rng = random.Random(29)
    alphabet = ["法", "治", "Ａ", "１", "（", "）", "，", " ", "\u3000", "\r", "\n", "國", "發", "a", "1", "、", "：",
                "\U00020000"]
    for _ in range(3000):
        phrase = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert fold_phrase(phrase) == fold(MappedText.identity(phrase)).text, repr(phrase)
