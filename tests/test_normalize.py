"""Normalisation: character folding, web-clutter stripping and the offset map back to the original."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest

from auditor.normalize import fold_phrase, normalise
from auditor.normalize.mapped import MappedText

from .conftest import FIXTURES, corpus_file

REPORT_000 = "000_4d970ed531fb2e8a.txt"
REPORT_001 = "001_6bcddc314182265b.txt"


def read_utf8(path: Path) -> str:
    """Exact file text (no newline translation, unlike Path.read_text)."""
    return path.read_bytes().decode("utf-8-sig")


def assert_offsets_valid(original: str, mt: MappedText) -> None:
    offsets = mt.offsets
    assert len(offsets) == len(mt.text) + 1
    assert offsets[-1] == len(original)
    assert all(a <= b for a, b in pairwise(offsets)), "offsets must never go backwards"
    assert all(0 <= o < len(original) for o in offsets[:-1]), "every character maps into the original"


# -- folding: punctuation and widths ---------------------------------------------------------


def test_fullwidth_punctuation_folds_to_ascii():
    result = normalise("甲，乙：丙；（丁）")
    assert result.mapped.text == "甲,乙:丙;(丁)"
    # one character for one character: the map is the identity
    assert result.mapped.offsets == tuple(range(len("甲，乙：丙；（丁）") + 1))


@pytest.mark.parametrize(
    ("fullwidth", "ascii_form"),
    [
        ("2025年，青禾市生态环境局在市委、市政府的坚强领导下", "2025年,青禾市生态环境局在市委、市政府的坚强领导下"),
        ("市委、市政府：", "市委、市政府:"),
        ("（一）坚持学思践悟；深入学习", "(一)坚持学思践悟;深入学习"),
        ("罚没款金额１８６５.４万元", "罚没款金额1865.4万元"),
    ],
)
def test_fullwidth_and_ascii_input_fold_identically(fullwidth, ascii_form):
    assert normalise(fullwidth).mapped.text == normalise(ascii_form).mapped.text
    assert fold_phrase(fullwidth) == fold_phrase(ascii_form)


def test_ascii_punct_fixture_folds_to_the_model():
    model = normalise(read_utf8(FIXTURES / "model" / "model-report.txt")).mapped.text
    ascii_variant = normalise(read_utf8(FIXTURES / "edge" / "ascii-punct.txt")).mapped.text
    assert ascii_variant == model


def test_corner_brackets_become_curly_quotes():
    assert normalise("「三统一」制度").mapped.text == "“三统一”制度"
    assert normalise("『第一议题』").mapped.text == "‘第一议题’"
    assert fold_phrase("「三统一」") == fold_phrase("“三统一”")


def test_dash_variants_fold_to_hyphen():
    assert normalise("2024\u20132025").mapped.text == "2024-2025"
    assert normalise("2024\u22122025").mapped.text == "2024-2025"


def test_zero_width_characters_are_dropped_with_offsets_kept():
    original = "\u200b法\ufeff治"
    mt = normalise(original).mapped
    assert mt.text == "法治"
    assert [original[o] for o in mt.offsets[:-1]] == ["法", "治"]


# -- folding: spaces -------------------------------------------------------------------------


def test_ideographic_space_between_han_is_removed():
    original = "法治\u3000政府"
    mt = normalise(original).mapped
    assert mt.text == "法治政府"
    assert mt.offsets == (0, 1, 3, 4, 5)


def test_spaces_between_han_characters_are_removed():
    original = "法 治 政  府 建 设"
    mt = normalise(original).mapped
    assert mt.text == "法治政府建设"
    assert "".join(original[o] for o in mt.offsets[:-1]) == "法治政府建设"


def test_spaces_between_latin_words_are_kept_and_collapsed():
    mt = normalise("hello   world\u3000ok").mapped
    assert mt.text == "hello world ok"
    mt = normalise("ICP 备案 and PDF export").mapped
    assert "and PDF export" in mt.text


def test_spaces_at_line_ends_are_stripped():
    original = "\u00a0\u00a0\u00a0\u00a0(一)砥砺深耕。\u00a0\n株洲市工业和信息化局\u00a0\u00a0\u00a0\n"
    assert normalise(original).mapped.text == "(一)砥砺深耕。\n株洲市工业和信息化局\n"


# -- folding: expansions and traditional characters ------------------------------------------


def test_parenthesised_ideograph_expands_and_maps_to_the_single_original_char():
    original = "㈠坚持党的领导"
    mt = normalise(original).mapped
    assert mt.text == "(一)坚持党的领导"
    assert mt.offsets[:3] == (0, 0, 0)  # all three folded characters come from ㈠
    assert mt.offsets[3:] == (1, 2, 3, 4, 5, 6, 7)
    assert original[mt.offsets[1]] == "㈠"


def test_parenthesised_digits_expand():
    mt = normalise("⑴加强 ⒈规范").mapped
    assert mt.text.startswith("(1)加强")
    assert "1.规范" in mt.text
    assert mt.offsets[:3] == (0, 0, 0)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("報告", "报告"),
        ("規範性文件", "规范性文件"),
        ("習近平法治思想", "习近平法治思想"),
        ("關於2025年度法治政府建設情況的報告", "关于2025年度法治政府建设情况的报告"),
        ("合法性審核、備案", "合法性审核、备案"),
        ("行政復議", "行政复议"),
    ],
)
def test_traditional_converts_to_simplified_keeping_length(traditional, simplified):
    mt = normalise(traditional).mapped
    assert mt.text == simplified
    assert len(mt.text) == len(traditional)
    assert mt.offsets == tuple(range(len(traditional) + 1))
    assert fold_phrase(traditional) == fold_phrase(simplified)


def test_simplified_text_is_left_alone():
    text = "著作权 乾隆 余额 干部 注释 皇后 发布 头发 只有 范围"
    # spaces between Han characters go, every character stays as written
    assert normalise(text).mapped.text == text.replace(" ", "")


# -- folding: line endings -------------------------------------------------------------------


def test_crlf_becomes_lf_and_offsets_skip_the_cr():
    original = "一、工作情况\r\n全年办理案件12件。\r\n"
    mt = normalise(original).mapped
    assert mt.text == "一、工作情况\n全年办理案件12件。\n"
    assert "\r" not in mt.text
    assert_offsets_valid(original, mt)
    assert all(original[o] != "\r" for o in mt.offsets[:-1])
    second_line = mt.text.index("全")
    assert original[mt.offsets[second_line]] == "全"
    assert mt.offsets[second_line] == original.index("全")


def test_crlf_model_normalises_like_lf_model():
    text = read_utf8(FIXTURES / "model" / "model-report.txt")
    crlf = text.replace("\n", "\r\n")
    assert normalise(crlf).mapped.text == normalise(text).mapped.text
    assert_offsets_valid(crlf, normalise(crlf).mapped)


# -- the offset map --------------------------------------------------------------------------


FIXTURE_TEXTS = sorted(
    p.relative_to(FIXTURES).as_posix()
    for p in FIXTURES.rglob("*.txt")
    if p.parent.name in ("model", "missing") or p.name in ("ascii-punct.txt", "traditional.txt", "one-line.txt",
                                                           "no-title.txt", "web-clutter.txt")
)


@pytest.mark.parametrize("name", FIXTURE_TEXTS)
def test_every_normalised_character_maps_back_into_the_fixture(name):
    original = read_utf8(FIXTURES / name)
    result = normalise(original)
    assert_offsets_valid(original, result.folded)
    assert_offsets_valid(original, result.mapped)
    crlf = original.replace("\n", "\r\n")
    assert_offsets_valid(crlf, normalise(crlf).mapped)


@pytest.mark.parametrize("name", [REPORT_000, REPORT_001])
def test_every_normalised_character_maps_back_into_the_corpus(name):
    original = read_utf8(corpus_file(name))
    result = normalise(original)
    assert_offsets_valid(original, result.mapped)
    # nothing but width folding: every kept character is the original one (or NBSP → space)
    for i, ch in enumerate(result.mapped.text):
        source = original[result.mapped.offsets[i]]
        assert ch == source or (source == "\u00a0" and ch == " "), (i, ch, source)


def test_model_offsets_point_at_the_character_each_folded_char_came_from():
    original = read_utf8(FIXTURES / "model" / "model-report.txt")
    folded_from = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
    mt = normalise(original).mapped
    for i, ch in enumerate(mt.text):
        source = original[mt.offsets[i]]
        assert source == ch or folded_from.get(ch) == source, (i, ch, source)


def test_mappedtext_identity_delete_and_map_chars():
    mt = MappedText.identity("abcdef")
    assert mt.offsets == (0, 1, 2, 3, 4, 5, 6)
    cut = mt.delete([(1, 3), (4, 5)])
    assert cut.text == "adf"
    assert cut.offsets == (0, 3, 5, 6)
    grown = cut.map_chars(lambda _i, ch: ch * 2 if ch == "d" else ch)
    assert grown.text == "addf"
    assert grown.offsets == (0, 3, 3, 5, 6)
    dropped = grown.map_chars(lambda _i, ch: "" if ch == "a" else ch)
    assert dropped.text == "ddf"
    assert dropped.offsets == (3, 3, 5, 6)


def test_mappedtext_replace_same_length_rejects_length_change():
    mt = MappedText.identity("報告")
    assert mt.replace_same_length("报告").offsets == mt.offsets
    with pytest.raises(ValueError, match="keep the length"):
        mt.replace_same_length("报告书")


# -- clutter ---------------------------------------------------------------------------------


def test_publication_stamp_line_is_removed_and_its_date_captured():
    original = (
        "2024年度法治政府建设工作情况报告\n\n"
        "发布时间:2025-02-18 11:20浏览次数:字体:[ ]\n\n"
        "2024年,我局全面推进。\n"
    )
    result = normalise(original)
    assert result.mapped.text == "2024年度法治政府建设工作情况报告\n\n\n2024年,我局全面推进。\n"
    assert "发布时间" not in result.mapped.text
    assert [r.kind for r in result.removed] == ["publication", "views", "font"]
    date, raw, start, end = result.publication
    assert date == dt.date(2025, 2, 18)
    assert raw == "发布时间:2025-02-18 11:20"
    assert result.folded.text[start:end] == raw
    for r in result.removed:  # Removed spans index into the folded text
        assert result.folded.text[r.start:r.end] == r.text


def test_fullwidth_publication_stamp_with_ideographic_spaces():
    result = normalise("发布日期：2025年2月18日　浏览次数：12次\n正文。\n")
    assert result.mapped.text == "正文。\n"
    assert result.publication[0] == dt.date(2025, 2, 18)


def test_impossible_publication_date_is_not_captured():
    result = normalise("发布时间:2025-13-45 10:00\n正文。\n")
    assert result.mapped.text == "正文。\n"
    assert result.publication is None


def test_police_record_number_is_removed():
    original = "洪江区科技和工业信息化\n2025年12月31日\n\n湘公网安备 43120202000051号\n\n"
    result = normalise(original)
    assert "公网安备" not in result.mapped.text
    assert "43120202000051" not in result.mapped.text
    assert result.mapped.text.startswith("洪江区科技和工业信息化\n2025年12月31日\n")
    assert [(r.kind, r.text) for r in result.removed] == [("police", "湘公网安备 43120202000051号")]


def test_icp_number_is_removed():
    result = normalise("正文。\n桂ICP备12345678号-1\n")
    assert result.mapped.text == "正文。\n"
    assert [r.kind for r in result.removed] == ["icp"]


def test_site_clock_is_removed_and_not_taken_as_a_date():
    result = normalise("今天是2026年11月22日 星期日\n青禾市生态环境局关于2025年度法治政府建设情况的报告\n")
    assert result.mapped.text == "青禾市生态环境局关于2025年度法治政府建设情况的报告\n"
    assert [r.kind for r in result.removed] == ["clock"]
    assert result.publication is None


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 政务公开 > 法治政府建设年度报告",
        "您现在的位置：首页 > 信息公开",
        "首页 > 政务公开 > 部门文件",
    ],
)
def test_breadcrumbs_are_removed(line):
    result = normalise(f"{line}\n2025年,我局全面推进法治政府建设。\n")
    assert result.mapped.text == "2025年,我局全面推进法治政府建设。\n"
    assert {r.kind for r in result.removed} == {"breadcrumb"}


def test_print_and_close_buttons_are_removed():
    result = normalise("青禾市生态环境局\n2026年2月10日\n【打印】【关闭】\n")
    assert result.mapped.text == "青禾市生态环境局\n2026年2月10日\n"
    assert [(r.kind, r.text) for r in result.removed] == [("buttons", "【打印】"), ("buttons", "【关闭】")]


@pytest.mark.parametrize(
    "sentence",
    [
        "资金来源于市级财政。",
        "项目资金来源:市级财政专项资金。",
        "依法关闭违规企业3家,打印并送达执法文书120份。",
        "服务大中小企业200余家。",
        "本次会议时间:2025-03-01,地点在市政府。",
    ],
)
def test_ordinary_body_sentences_are_not_clutter(sentence):
    original = f"一、主要举措和成效\n{sentence}\n"
    result = normalise(original)
    assert result.mapped.text == fold_phrase(original) == original.replace("：", ":")
    assert result.removed == []
    assert result.source is None


def test_source_line_is_removed_and_the_site_captured():
    result = normalise("来源：青禾市生态环境局\n正文。\n")
    assert result.mapped.text == "正文。\n"
    assert result.source is not None
    assert result.source[0] == "青禾市生态环境局"


def test_web_clutter_fixture_is_cleaned():
    original = read_utf8(FIXTURES / "edge" / "web-clutter.txt")
    model = normalise(read_utf8(FIXTURES / "model" / "model-report.txt")).mapped.text
    result = normalise(original)
    assert result.mapped.text == model
    kinds = [r.kind for r in result.removed]
    for kind in ("breadcrumb", "clock", "publication", "views", "font", "buttons", "police", "icp"):
        assert kind in kinds
    assert result.publication[0] == dt.date(2026, 2, 18)
    assert_offsets_valid(original, result.mapped)


def test_corpus_000_page_stamp_is_removed():
    original = read_utf8(corpus_file(REPORT_000))
    result = normalise(original)
    assert "浏览次数" not in result.mapped.text
    assert "字体" not in result.mapped.text
    assert result.publication[0] == dt.date(2025, 2, 18)
    # the report itself is intact
    assert result.mapped.text.startswith("2024年度法治政府建设工作情况报告\n")
    assert result.mapped.text.rstrip().endswith("株洲市工业和信息化局\n\n2025年2月11日")


def test_corpus_001_footer_is_removed():
    result = normalise(read_utf8(corpus_file(REPORT_001)))
    assert "公网安备" not in result.mapped.text
    assert result.mapped.text.rstrip().endswith("洪江区科技和工业信息化\n2025年12月31日")
    assert [r.kind for r in result.removed] == ["police"]


# -- regressions: each of these was a real bug found by these tests ----------------------------


@pytest.mark.parametrize(
    "sentence",
    ["全年推送普法文章36篇,阅读量达12万次。", "门户网站法治专栏访问量12万人次。"],
)
def test_view_count_words_in_body_sentences_are_kept(sentence):
    result = normalise(f"{sentence}\n")
    assert result.mapped.text == f"{sentence}\n"
    assert result.removed == []


def test_body_sentence_with_source_colon_is_kept():
    sentence = "资金来源:市级财政安排专项资金300万元。"
    result = normalise(f"一、主要举措和成效\n{sentence}\n")
    assert sentence in result.mapped.text
    assert result.source is None


def test_source_stamp_followed_by_other_fields_captures_only_the_site():
    result = normalise("发布时间：2026-02-18 10:30　来源：青禾市生态环境局　浏览次数：　字体：[大 中 小]\n")
    assert result.mapped.text == ""
    assert result.source is not None
    assert result.source[0] == "青禾市生态环境局"


def test_publication_date_is_not_taken_from_chengwen_date():
    result = normalise("成文日期：2025-02-11　发布日期：2025-02-18\n")
    assert result.publication is not None
    assert result.publication[0] == dt.date(2025, 2, 18)


def test_bracketed_page_fields_go_with_their_brackets():
    # A stamp line of 【…】 fields, and a bare date opening a line of page fields: no half pair of
    # 【】 is left behind for the punctuation rules, and the bare date is the publication date.
    from auditor.normalize import normalise

    boxed = normalise("标题\n【发布时间:2025-03-27 09:12】【来源:县司法局】【点击数:88】【字号:大 中 小】\n正文。")
    assert boxed.mapped.text == "标题\n正文。"
    bare = normalise("标题\n2024-03-11 08:30 来源:县水利局 浏览次数:17 【字体:大 中 小】 【打印】\n正文。")
    assert bare.mapped.text == "标题\n正文。"
    assert bare.publication is not None and str(bare.publication[0]) == "2024-03-11"


def test_shipped_traditional_set_matches_the_installed_opencc():
    """The skip in ``to_simplified`` is exact only while the shipped set lists every character
    OpenCC's t2s changes; a new OpenCC release that maps more fails here (regenerate the module)."""
    import opencc

    from auditor.normalize.traditional import RANGES, TRADITIONAL

    converter = opencc.OpenCC("t2s")
    chars = [chr(i) for lo, hi in RANGES for i in range(lo, hi + 1)]
    converted = converter.convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    assert {a for a, b in zip(chars, converted, strict=True) if a != b} == TRADITIONAL


def test_texts_without_traditional_characters_are_what_opencc_would_give():
    """Skipping OpenCC is safe: on every shipped simplified text, the converter changes nothing."""
    import opencc

    from auditor.normalize.traditional import TRADITIONAL

    converter = opencc.OpenCC("t2s")
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt")) if p.parent.name != "edge"]
    simplified = [t for t in texts if TRADITIONAL.isdisjoint(t)]
    assert len(simplified) > 50
    assert all(converter.convert(t) == t for t in simplified)


def test_traditional_text_is_still_converted():
    text = (FIXTURES / "edge" / "traditional.txt").read_text(encoding="utf-8")
    assert "國" in text or "區" in text
    simplified = normalise(text).mapped.text
    assert "國" not in simplified and "區" not in simplified


def test_traditional_characters_in_gb2312_are_listed():
    """``has_traditional`` answers from this list when a text encodes as GB2312."""
    from auditor.normalize.traditional import TRADITIONAL, TRADITIONAL_IN_GB2312

    def encodes(ch: str) -> bool:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True

    assert set(TRADITIONAL_IN_GB2312) == {ch for ch in TRADITIONAL if encodes(ch)}
    assert "—" not in TRADITIONAL and "·" not in TRADITIONAL  # removed before encoding


def test_has_traditional_agrees_with_the_full_set():
    from auditor.normalize.fold import has_traditional
    from auditor.normalize.traditional import TRADITIONAL, TRADITIONAL_IN_GB2312

    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt")) if p.name != "binary.txt"
             and p.parent.name != "edge"]
    texts += ["报告—内容·完", "报告•内容", "乾坤", "於是", "國家", "𠀀", ""]
    texts += [t + ch for t in texts[:3] for ch in TRADITIONAL_IN_GB2312[:3]]
    for text in texts:
        assert has_traditional(text) == (not TRADITIONAL.isdisjoint(text)), text[:20]


def test_folding_replacements_do_not_chain():
    """``fold_chars`` replaces each character it finds in turn: no replacement may be a
    character the table changes again."""
    from auditor.normalize.fold import _ONE_FOR_ONE

    assert all(_ONE_FOR_ONE.get(v, v) == v for v in _ONE_FOR_ONE.values())


def test_mappedtext_runs_match_offsets_written_out_per_character():
    """The map is kept as runs; deleting, growing and replacing must give the offsets a
    per-character map gives, however the cuts fall."""
    import random

    rng = random.Random(8)
    for _ in range(300):
        text = "".join(rng.choice("ab法治 \n") for _ in range(rng.randint(0, 40)))
        mt, naive = MappedText.identity(text), list(range(len(text) + 1))
        for _step in range(rng.randint(1, 4)):
            if rng.random() < 0.25:  # grow or drop characters (the offsets repeat or skip)
                mt = mt.map_chars(lambda _i, ch: {"a": "", "b": "bb"}.get(ch, ch))
                naive = [o for ch, o in zip(text, naive, strict=False)
                         for _r in {"a": "", "b": "bb"}.get(ch, ch)] + [naive[-1]]
                text = mt.text
                continue
            spans = [(rng.randint(-2, len(text) + 2), rng.randint(-2, len(text) + 2)) for _ in range(rng.randint(0, 4))]
            gone = {i for s, e in spans for i in range(max(0, s), min(e, len(text)))}
            mt = mt.delete(spans)
            naive = [o for i, o in enumerate(naive) if i not in gone]
            text = "".join(ch for i, ch in enumerate(text) if i not in gone)
        assert mt.text == text
        assert mt.offsets == tuple(naive)
        assert mt.offset_list() == naive
        assert [mt.offset(i) for i in range(len(naive))] == naive


def test_gates_select_the_patterns_whose_gate_words_a_text_holds():
    """``Gates`` finds gate words in one scan: it must select the patterns that testing each
    gate with ``in`` selects, also where words overlap (周日期, 字体大小, ://)."""
    import random

    from auditor.normalize.clutter import _STRONG_GATES, _WEAK_GATES, STRONG, WEAK

    rng = random.Random(11)
    for gates, patterns in ((_STRONG_GATES, STRONG), (_WEAK_GATES, WEAK)):
        words = sorted({g for _kind, gs, _p in patterns for g in gs})
        pieces = [*words, *(w[1:] for w in words), *(w[:-1] for w in words), *"://.体字时间日期首页 c)(wP"]
        for _ in range(5000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            want = [i for i, (_kind, gs, _p) in enumerate(patterns) if not gs or any(g in text for g in gs)]
            assert gates.selected(w for _at, w in gates.find(text)) == want, text


def test_folding_neither_meets_nor_makes_traditional_characters():
    """``fold_chars`` looks for traditional characters in the text before folding: exact only
    while no foldable character and nothing folding writes is traditional."""
    from auditor.normalize.fold import _TABLE
    from auditor.normalize.traditional import TRADITIONAL, TRADITIONAL_ASTRAL, TRADITIONAL_BMP

    assert TRADITIONAL.isdisjoint(map(chr, _TABLE))
    assert TRADITIONAL.isdisjoint("".join(v for v in _TABLE.values() if v))
    assert all(ch <= "\uffff" for ch in TRADITIONAL_BMP) and all(ch > "\uffff" for ch in TRADITIONAL_ASTRAL)


def test_fold_chars_matches_folding_each_character_then_converting():
    """One scan for foldable and traditional characters against the plain definition: every
    character through ``_fold_char``, then ``to_simplified`` (``has_traditional``'s test)."""
    import random

    from auditor.normalize.fold import _TABLE, _fold_char, fold_chars, to_simplified
    from auditor.normalize.traditional import TRADITIONAL_CHARS

    def plain(text: str) -> MappedText:
        mt = MappedText.identity(text)
        crlf = [i for i in range(len(text) - 1) if text[i : i + 2] == "\r\n"]
        mt = mt.delete((i, i + 1) for i in crlf)
        return to_simplified(mt.map_chars(lambda _i, ch: _fold_char(ch)))

    rng = random.Random(8)
    alphabet = ["法", "治", "报告", "。", " ", "\r", "\n", "\r\n", "a", "1", "𠀀", "😀", "\U0010fffd", "—", "·",
                *rng.sample(TRADITIONAL_CHARS, 40), *map(chr, rng.sample(sorted(_TABLE), 40))]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(600)]
    texts += ["报告" + ch for ch in TRADITIONAL_CHARS[::7]]  # each plane, one at a time
    for text in texts:
        got, want = fold_chars(MappedText.identity(text)), plain(text)
        assert (got.text, got.offsets) == (want.text, want.offsets), text[:20]


def test_delete_matches_removing_each_index():
    """``MappedText.delete`` (spans clamped by comparisons, one-run maps selected by arithmetic)
    against its plain definition: keep the characters and offsets of every index no span holds;
    the runs are the maximal runs of the offsets kept, as ``_runs_of`` makes them."""
    import random

    from auditor.normalize.mapped import _runs_of

    rng = random.Random(41)
    for _ in range(3000):
        text = "".join(rng.choice("ab法 \n") for _ in range(rng.randrange(0, 14)))
        mt = MappedText.identity(text)
        if rng.random() < 0.6:  # a map of several runs, with repeated and skipped offsets
            mt = mt.map_chars(lambda _i, ch: rng.choice(["", ch, ch * 2, "xy"]) if ch != "\n" else ch)
            if rng.random() < 0.5 and mt.text:
                mt = mt.delete([(rng.randrange(len(mt.text)), rng.randrange(len(mt.text) + 1))])
        n = len(mt.text)
        spans = [(rng.randrange(-3, n + 3), rng.randrange(-3, n + 3)) for _ in range(rng.randrange(0, 6))]
        gone = {i for s, e in spans for i in range(max(0, s), min(e, n))}
        keep = [i for i in range(n) if i not in gone]
        got = mt.delete(spans)
        assert got.text == "".join(mt.text[i] for i in keep)
        assert list(got.offsets) == [mt.offsets[i] for i in keep] + [mt.offsets[n]]
        assert got._runs == _runs_of(list(got.offsets))


def test_consecutive_offsets_are_a_new_list_of_range():
    """Offsets written out are slices of one shared list (or a list of the range past it): each
    equals ``list(range(...))`` and belongs to its caller (changing it changes no later map)."""
    from auditor.normalize import mapped

    for first, n in [(0, 0), (0, 5), (3, 4000), (5000, 3), (0, mapped._SHARED_UP_TO),
                     (mapped._SHARED_UP_TO - 2, 5), (mapped._SHARED_UP_TO + 7, 2)]:
        got = mapped._consecutive(first, n)
        assert type(got) is list and got == list(range(first, first + n))
        if got:
            got[0] = -1
            assert mapped._consecutive(first, n) == list(range(first, first + n))
    mt = MappedText("abc", [4, 5, 9, 10])
    out = mt.offset_list()
    out.append(0)
    assert mt.offset_list() == [4, 5, 9, 10] and mt.offsets == (4, 5, 9, 10)


def test_tidy_spaces_equals_the_run_pattern_definition():
    """``tidy_spaces`` goes from run to run of spaces by ``str.find``; it must drop what the
    plain definition over ``re.finditer(" +")`` drops, on random text."""
    import random
    import re

    from auditor.normalize.fold import _is_cjk, tidy_spaces

    def plain(mt: MappedText) -> MappedText:
        text, drop = mt.text, []
        for run in re.finditer(" +", text):
            i, j = run.span()
            prev = text[i - 1] if i > 0 else "\n"
            nxt = text[j] if j < len(text) else "\n"
            if prev == "\n" or nxt == "\n" or (_is_cjk(prev) and _is_cjk(nxt)):
                drop.append((i, j))
            elif j - i > 1:
                drop.append((i + 1, j))
        return mt.delete(drop) if drop else mt

    rng = random.Random(12)
    for _ in range(5000):
        text = "".join(rng.choice("  法治ab\n。1\t") for _ in range(rng.randrange(0, 20)))
        mt = MappedText.identity(text)
        assert tidy_spaces(mt) == plain(mt), repr(text)


def test_offset_arrays_hold_the_offsets():
    """The Document's offsets (an array of machine integers sliced from a shared one) equal the
    offsets written out as a list, for random maps and past the shared array's cap; each array
    is the caller's own."""
    import random

    from auditor.normalize import mapped

    rng = random.Random(31)
    for _ in range(300):
        offsets, o = [], rng.randrange(0, 50)
        while len(offsets) < rng.randrange(1, 150):
            o = max(0, o + rng.choice([1, 1, 1, 0, 2, 7, -3]))
            offsets.append(o)
        mt = MappedText("x" * (len(offsets) - 1), offsets)
        assert list(mt.offset_array()) == mt.offset_list() == offsets
    for first, n in [(0, 0), (3, 4000), (mapped._SHARED_UP_TO - 2, 5), (mapped._SHARED_UP_TO + 7, 2)]:
        got = mapped._consecutive_array(first, n)
        assert list(got) == list(range(first, first + n))
        if got:
            got[0] = -1
            assert list(mapped._consecutive_array(first, n)) == list(range(first, first + n))
