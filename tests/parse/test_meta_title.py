"""Metadata, the title: found below page furniture and banners, never invented from them; the
organisation and year it names (parse/meta_title.py). Every text here is fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from .metadata_texts import BODY_DEPT, BODY_GOV, BODY_TOWN, read, shown, value


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # breadcrumb, stale site clock, share bar, font switch
        ("当前位置：首页 > 政务公开 > 法治政府建设\n今天是2019年6月3日 星期一\n分享到：微信 微博\n字号：大 中 小\n",
         "鹤岭县应急管理局关于2025年度法治政府建设情况的报告"),
        # site banner, clock glued to it, accessibility links, 您的位置 breadcrumb
        ("鹤岭县人民政府门户网站 2020年3月5日星期四 农历二月十二\n无障碍 简体 繁体\n您的位置：首页 > 部门动态\n",
         "鹤岭县2024年度法治政府建设情况报告"),
        # a column name that reads like a title, and a publication stamp after the title
        ("年度法治政府建设情况报告\n",
         "鹤岭县自然资源局2024年法治政府建设年度报告"),
        # document-information table of a 政府信息公开 page
        ("索引号：11330000/2025-00012\n发布机构：鹤岭县财政局\n主题分类：其他\n公文生成日期：2025-02-20\n",
         "鹤岭县财政局关于2024年度法治政府建设工作情况的报告"),
    ],
)
def test_title_is_found_below_page_furniture_and_never_glued_to_it(vocab, head, title):
    doc = read(f"{head}{title}\n发布时间：2025-03-01 09:30　来源：本网　浏览次数：\n{BODY_DEPT}", vocab)
    assert value(doc, "title") == title
    assert shown(doc, doc.metadata.title.location) == title
    assert not any(p.text.startswith(("当前位置", "无障碍", "年度法治政府建设情况报告", "鹤岭县人民政府门户网站"))
                   for p in doc.paragraphs)


def test_title_with_a_glued_site_banner_and_paragraph_starts_at_the_title(vocab):
    text = ("公文参考网—每日更新www.example-wenku.com桑溪市人民政府关于2023年度法治政府建设情况的报告"
            "2023年，市政府坚持依法行政，全面推进法治政府建设，各项工作取得新进展。一、坚持党的领导，"
            "压紧压实法治建设责任。市政府常务会议专题研究法治工作4次。")
    doc = read(text, vocab)
    assert value(doc, "title") == "桑溪市人民政府关于2023年度法治政府建设情况的报告"
    assert value(doc, "organisation") == "桑溪市人民政府"
    assert value(doc, "kind") == "government"


def test_title_printed_twice_and_split_over_two_lines(vocab):
    page = ("柳营镇人民政府\n关于2024年度法治政府建设工作的报告\n日期：2025-01-20\n"
            "柳营镇人民政府关于2024年度法治政府建设工作的报告\n"
            "2024年，柳营镇在县委、县政府的领导下扎实推进依法行政。\n" + BODY_TOWN)
    doc = read(page, vocab)
    assert value(doc, "title") == "柳营镇人民政府关于2024年度法治政府建设工作的报告"
    assert (doc.metadata.title.location.line, doc.metadata.title.location.end_line) == (1, 2)
    assert doc.paragraphs[0].text.startswith("2024年,柳营镇")
    assert value(doc, "kind") == "town"


def test_name_line_above_a_title_that_names_no_body_is_part_of_the_title(vocab):
    doc = read("东川县人民政府\n2022年度法治政府建设情况报告\n2022年，县政府坚持依法行政。\n" + BODY_GOV, vocab)
    assert value(doc, "title") == "东川县人民政府2022年度法治政府建设情况报告"
    assert value(doc, "organisation") == "东川县人民政府"


def test_a_site_name_above_a_full_title_is_not_joined_to_it(vocab):
    doc = read("槐安市人民政府\n槐安市2023年度法治政府建设情况报告\n2023年，槐安市坚持依法行政。\n" + BODY_GOV, vocab)
    assert value(doc, "title") == "槐安市2023年度法治政府建设情况报告"
    assert value(doc, "organisation") == "槐安市"
    assert value(doc, "kind") == "government"


@pytest.mark.parametrize(
    "furniture",
    [
        "法治政府建设年度报告\n",  # a column name
        "当前位置：首页 > 法治政府建设年度报告\n",  # a breadcrumb ending in a column name
        "青山区司法局门户网站\n",  # a site name
    ],
)
def test_no_title_is_invented_from_page_furniture(vocab, furniture):
    doc = read(furniture + "2025年，我局坚持依法行政，现将有关情况报告如下：\n" + BODY_DEPT, vocab)
    assert doc.metadata.title is None


def test_a_cited_plan_in_the_opening_is_not_a_title(vocab):
    text = ("根据《全面深化法治领域改革纲要（2023—2027年）》关于实行法治建设年度报告制度的要求，2024年，"
            "白沙街道以学习贯彻习近平法治思想为主线推进法治建设，现对2024年所做工作总结如下："
            + "甲" * 40 + "。\n" + BODY_TOWN)
    doc = read(text, vocab)
    assert doc.metadata.title is None
    assert value(doc, "report_year") == 2024
    assert value(doc, "organisation") == "白沙街道"
    assert value(doc, "kind") == "town"


def test_title_year_wins_over_a_cited_range_in_the_title(vocab):
    doc = read("溪口县司法局关于2024年度法治政府建设情况的报告\n" + BODY_DEPT, vocab)
    meta = doc.metadata
    assert (meta.report_year.value, meta.report_year.source) == (2024, "title")
    assert shown(doc, meta.report_year.location) == "2024年"


def test_organisation_location_points_at_the_name_in_the_title(vocab):
    doc = read("溪口县司法局关于2024年度法治政府建设情况的报告\n" + BODY_DEPT, vocab)
    meta = doc.metadata
    assert shown(doc, meta.title_organisation.location) == "溪口县司法局"
    assert meta.kind.location == meta.organisation.location


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("应急管理部发布2023年法治政府建设年度报告", "应急管理部"),  # a news headline: the verb is not the name
        ("关于溪口县2024年度法治政府建设情况的报告", "溪口县"),
        ("中共溪口县委、溪口县人民政府关于2024年度法治政府建设情况的报告", "中共溪口县委、溪口县人民政府"),
        ("2024年溪口县法治政府建设情况报告", "溪口县"),
    ],
)
def test_organisation_in_the_title(vocab, title, organisation):
    doc = read(f"{title}\n{BODY_GOV}", vocab)
    assert value(doc, "title_organisation") == organisation
    assert shown(doc, doc.metadata.title_organisation.location) == organisation


def test_joint_title_over_three_lines(vocab):
    doc = read("中共桐城县委\n桐城县人民政府\n关于2023年度法治政府建设情况的报告\n市委、市政府：\n" + BODY_GOV
               + "中共桐城县委\n桐城县人民政府\n2024年3月18日\n", vocab)
    meta = doc.metadata
    assert meta.title.value == "中共桐城县委桐城县人民政府关于2023年度法治政府建设情况的报告"
    assert (meta.title.location.line, meta.title.location.end_line) == (1, 3)
    assert meta.kind.value == "joint"
    assert meta.addressee.value == "市委、市政府"


def test_red_header_and_document_number_above_the_title_are_not_body(vocab):
    head = "梅岭县人民政府文件\n梅政发〔2025〕3号\n梅岭县人民政府\n关于2024年度法治政府建设情况的报告\n市人民政府：\n"
    doc = read(head + BODY_GOV + "梅岭县人民政府\n2025年2月20日\n抄送：县委办公室，县人大常委会办公室。\n"
               "梅岭县人民政府办公室　　2025年2月21日印发\n", vocab)
    meta = doc.metadata
    assert meta.title.value == "梅岭县人民政府关于2024年度法治政府建设情况的报告"
    assert meta.signature_date.value == dt.date(2025, 2, 20)
    assert not any("梅政发" in p.text or "抄送" in p.text or "印发" in p.text for p in doc.paragraphs)


def test_a_badly_formed_title_is_still_the_title(vocab):
    # Its form is for the title rules to judge; the reader must not drop it.
    doc = read("梅岭县林业局2024年工作总结\n2024年，我局深入推进依法行政。\n" + BODY_DEPT, vocab)
    assert value(doc, "title") == "梅岭县林业局2024年工作总结"
    assert value(doc, "title_organisation") == "梅岭县林业局"


def test_a_related_link_above_the_title_loses_to_the_report_title(vocab):
    doc = read("梅岭县2024年政府工作报告\n梅岭县林业局2024年度法治政府建设情况报告\n2024年，我局深入推进依法行政。\n"
               + BODY_DEPT, vocab)
    assert value(doc, "title") == "梅岭县林业局2024年度法治政府建设情况报告"


def test_a_paragraph_that_opens_with_the_reports_name_is_not_cut_into_a_title(vocab):
    doc = read("梅岭县司法局关于2024年度法治政府建设情况的报告\n"
               "梅岭县司法局2024年法治政府建设工作报告经局党组会议审议通过后报送县委、县政府。\n" + BODY_DEPT, vocab)
    assert value(doc, "title") == "梅岭县司法局关于2024年度法治政府建设情况的报告"
    assert doc.paragraphs[0].text.startswith("梅岭县司法局2024年法治政府建设工作报告经局党组")


@pytest.mark.parametrize("tag", ["【法治政府建设】", "[政务公开]"])
def test_a_column_tag_glued_before_the_title_is_not_part_of_it(vocab, tag):
    doc = read(f"{tag}梅岭县司法局关于2024年度法治政府建设情况的报告\n{BODY_DEPT}", vocab)
    assert value(doc, "title") == "梅岭县司法局关于2024年度法治政府建设情况的报告"
    assert shown(doc, doc.metadata.title.location) == "梅岭县司法局关于2024年度法治政府建设情况的报告"


def test_we_in_a_title_names_no_organisation(vocab):
    text = "我局2024年法治政府建设工作总结\n2024年，我局坚持依法行政。\n" + BODY_DEPT + "梅岭县林业局\n2025年1月10日\n"
    doc = read(text, vocab)
    meta = doc.metadata
    assert meta.title.value == "我局2024年法治政府建设工作总结"
    assert meta.title_organisation is None  # the title rules must see that the title names nobody
    assert (meta.organisation.value, meta.organisation.source) == ("梅岭县林业局", "signature")


@pytest.mark.parametrize(
    "split",
    ["青禾县人民政府关于\n2024年度法治政府建设情况的报告", "青禾县人民政府关于2024年度\n法治政府建设情况的报告"],
)
def test_title_split_after_guanyu_or_the_year(vocab, split):
    meta = read(f"{split}\n{BODY_GOV}", vocab).metadata
    assert meta.title.value == "青禾县人民政府关于2024年度法治政府建设情况的报告"
    assert meta.organisation.value == "青禾县人民政府"


def test_a_centre_in_the_title_is_the_whole_organisation():
    # 中心/支队/大队 end an organ's name as 局 does: the name is not cut at the city before them.
    from auditor.parse.meta_title import title_parts

    assert title_parts("岭北市政务服务中心关于2024年度法治政府建设情况的报告") == ("岭北市政务服务中心", 2024)
    assert title_parts("溪口县综合行政执法大队2023年度法治政府建设工作报告")[0] == "溪口县综合行政执法大队"


def test_year_pattern_matches_the_look_behind_first_form():
    """``YEAR`` moves its look-behind past each branch's first character (so the regex engine can
    skip to candidates): on random text it must find what the look-behind-first pattern finds."""
    import random
    import re

    from auditor.parse.meta_title import YEAR

    reference = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
    rng = random.Random(5)
    alphabet = "12094-年 \n一二〇零○十法度a٣"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        want = [(m.span(), m.span("y")) for m in reference.finditer(text, start, end)]
        assert [(m.span(), m.span("y")) for m in YEAR.finditer(text, start, end)] == want, (text, start, end)


def test_cited_spans_match_a_scan_of_marks_and_line_breaks():
    """``cited_spans`` looks for a line break between two marks only while a name is open: it
    must give what a scan that steps on every mark and line break gives, on random text."""
    import random

    from auditor.parse.meta_title import cited_spans

    def reference(text: str) -> list[tuple[int, int]]:
        spans, depth, start = [], 0, 0
        for i, ch in enumerate(text):
            if ch == "《":
                if depth == 0:
                    start = i
                depth += 1
            elif ch == "》" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
            elif ch == "\n":
                depth = 0
        return spans if "《" in text else []

    rng = random.Random(9)
    for _ in range(20000):
        text = "".join(rng.choice("《》\n法a") for _ in range(rng.randint(0, 14)))
        assert cited_spans(text) == reference(text), repr(text)
