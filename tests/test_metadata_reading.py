"""Metadata a reviewer would sign: title, year, organisation, kind, signature and 成文日期 read
from web pages and drafts the way a person reads them (page furniture ignored, the report's own
words first). Every text here is fictional and written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.models import Document, Location, SourceText
from auditor.normalize import normalise
from auditor.parse import load_vocabulary, parse

from .conftest import ROOT


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary([ROOT / "rules" / "roles.yaml"])


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


# -- title below page furniture ----------------------------------------------------------------


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


# -- report year -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("2024年以来，我局坚持依法行政，法治政府建设取得新成效。", 2024),
        ("按照上级部署，现将我局2023年度法治政府建设工作情况报告如下：", 2023),
        ("2022年，我局在区委、区政府的领导下扎实推进法治建设。", 2022),
        ("二〇二四年以来，我局坚持依法行政。", 2024),
        # the cited plan's range and the year of a superior document never count
        ("按照《法治政府建设实施纲要（2021—2025年）》要求，现将2024年法治政府建设情况报告如下：", 2024),
        ("对照《2019年法治政府建设工作要点》，2020年，我局认真履行职责。", 2020),
    ],
)
def test_report_year_from_the_bodys_own_statements(vocab, opening, year):
    doc = read(f"{opening}\n{BODY_DEPT}", vocab)
    meta = doc.metadata
    assert meta.report_year.value == year
    assert meta.report_year.source == "body"
    assert str(year) in meta.report_year.raw or meta.report_year.raw.startswith("二〇")
    assert shown(doc, meta.report_year.location) == meta.report_year.raw


def test_report_year_never_from_a_site_clock_a_url_or_the_publication_stamp(vocab):
    page = ("今天是2026年3月9日 星期一\nhttps://www.example.gov.cn/art/2026/3/9/art_2025_1.html\n"
            "发布时间：2026-03-09 10:00\n我局坚持依法行政，推进法治政府建设。\n" + BODY_DEPT)
    doc = read(page, vocab)
    assert doc.metadata.report_year is None  # nothing in the report itself says which year


@pytest.mark.parametrize(
    ("signed", "year"),
    [
        ("2026年2月3日", 2025),  # signed early in the following year
        ("二〇二五年十二月二十六日", 2025),  # some provinces ask for a report signed in December
    ],
)
def test_report_year_from_the_signing_date_when_nothing_else_says_it(vocab, signed, year):
    doc = read("我局坚持依法行政，全面推进法治政府建设。\n" + BODY_DEPT + f"溪口县市场监督管理局\n{signed}\n", vocab)
    meta = doc.metadata
    assert (meta.report_year.value, meta.report_year.source) == (year, "derived")
    assert meta.report_year.location == meta.signature_date.location


def test_title_year_wins_over_a_cited_range_in_the_title(vocab):
    doc = read("溪口县司法局关于2024年度法治政府建设情况的报告\n" + BODY_DEPT, vocab)
    meta = doc.metadata
    assert (meta.report_year.value, meta.report_year.source) == (2024, "title")
    assert shown(doc, meta.report_year.location) == "2024年"


# -- organisation and kind ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "organisation", "kind"),
    [
        ("2024年，在县委、县政府的坚强领导下，青石县水利局坚持以习近平法治思想为指导。", "青石县水利局", "department"),
        ("2023年，清风街道在区委区政府的坚强领导下，扎实推进法治建设。", "清风街道", "town"),
        ("2024年，石门镇法治政府建设工作在县委的指导下稳步推进。", "石门镇", "town"),
        ("根据有关规定，现将南岭区2024年度法治政府建设情况报告如下：", "南岭区", "government"),
        ("2022年，交通运输部坚持以习近平新时代中国特色社会主义思想为指导。", "交通运输部", "department"),
    ],
)
def test_report_without_title_gets_its_organisation_from_the_opening(vocab, opening, organisation, kind):
    doc = read(f"{opening}\n{BODY_GOV}", vocab)
    meta = doc.metadata
    assert (meta.organisation.value, meta.organisation.source) == (organisation, "body")
    assert shown(doc, meta.organisation.location).endswith(organisation[-2:])
    assert meta.kind.value == kind


def test_short_form_is_expanded_to_the_name_the_text_gives(vocab):
    text = ("根据有关规定，现将县人民政府2023年法治政府建设工作情况报告如下。\n"
            "一、主要成效\n县人民政府领导班子带头学法，制定了《平川县人民政府常务会议学法制度》。\n")
    meta = read(text, vocab).metadata
    assert meta.organisation.value == "平川县人民政府"
    assert meta.kind.value == "government"


@pytest.mark.parametrize(
    ("self_ref", "kind"),
    [("我局", "department"), ("我委", "department"), ("我镇", "town"), ("我街道", "town"), ("我县", "government")],
)
def test_kind_from_how_the_report_refers_to_itself_when_no_name_is_given(vocab, self_ref, kind):
    doc = read(f"一年来，{self_ref}认真落实法治建设责任，{self_ref}全年未发生行政诉讼败诉案件。\n{BODY_DEPT}", vocab)
    meta = doc.metadata
    assert meta.organisation is None
    assert (meta.kind.value, meta.kind.source) == (kind, "body")
    assert shown(doc, meta.kind.location) == self_ref


def test_organisation_never_from_a_source_stamp_or_site_name(vocab):
    page = ("来源：县司法局　发布时间：2025-02-27\n桐乡街道门户网站\n"
            "2024年，我街道坚持依法行政，现将有关情况报告如下：\n" + BODY_TOWN)
    meta = read(page, vocab).metadata
    assert meta.organisation is None or "司法局" not in meta.organisation.value
    assert meta.kind.value == "town"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("生态环境部", "department"),
        ("国家税务总局鹤岭县税务局", "department"),
        ("鹤岭县人民政府办公室", "department"),
        ("鹤岭市卫生健康委员会", "department"),
        ("鹤岭市政务服务中心", "department"),
        ("鹤岭省人民政府", "government"),
        ("鹤岭自治县人民政府", "government"),
        ("鹤岭旗人民政府", "government"),
        ("鹤岭区", "government"),
        ("鹤岭乡人民政府", "town"),
        ("鹤岭镇", "town"),
        ("鹤岭街道办事处", "town"),
        ("中共鹤岭县委鹤岭县人民政府", "joint"),
        ("中共鹤岭镇委员会鹤岭镇人民政府", "joint"),
        ("鹤岭街道党工委鹤岭街道办事处", "joint"),
    ],
)
def test_kind_rules(vocab, name, kind):
    assert vocab.kind_of(name) == kind


def test_joint_title_keeps_both_names_and_is_joint(vocab):
    doc = read("中共临江县委 临江县人民政府\n关于2024年度法治政府建设情况的报告\n" + BODY_GOV
               + "中共临江县委\n临江县人民政府\n2025年3月20日\n", vocab)
    meta = doc.metadata
    assert meta.organisation.value.replace(" ", "") == "中共临江县委临江县人民政府"
    assert meta.kind.value == "joint"
    assert meta.signature_organisation.value == "中共临江县委 临江县人民政府"


def test_organisation_location_points_at_the_name_in_the_title(vocab):
    doc = read("溪口县司法局关于2024年度法治政府建设情况的报告\n" + BODY_DEPT, vocab)
    meta = doc.metadata
    assert shown(doc, meta.title_organisation.location) == "溪口县司法局"
    assert meta.kind.location == meta.organisation.location


# -- signature and 成文日期 above page footers ---------------------------------------------------

FOOTERS = [
    "上一篇：溪口县司法局2023年度法治政府建设情况报告\n下一篇：关于开展安全生产检查的通知\n",
    "相关链接：\n网站标识码：3307000001\n扫一扫在手机打开当前页\n",
    "【打印本页】【关闭窗口】\n",
    "打印本页 关闭窗口\n",
    "主办单位：溪口县人民政府办公室　承办单位：溪口县大数据中心\n",
    "地址：溪口县城关镇人民路8号　电话：0571-88886666　邮编：311500　传真：0571-88886667\n",
    "浙ICP备05001234号　浙公网安备33010002000123号\n版权所有：溪口县人民政府\n",
    "抄送：县委办公室，县人大常委会办公室。\n溪口县司法局办公室　　2026年2月12日印发\n",
]


@pytest.mark.parametrize("footer", FOOTERS)
def test_signature_and_date_found_when_page_footers_follow(vocab, footer):
    doc = read("溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT
               + "溪口县司法局\n2026年2月10日\n" + footer, vocab)
    meta = doc.metadata
    assert meta.signature_organisation.value == "溪口县司法局"
    assert meta.signature_date.value == dt.date(2026, 2, 10)
    assert shown(doc, meta.signature_date.location) == "2026年2月10日"
    last = doc.paragraphs[-1].text
    assert last == "继续推进执法规范化建设。"  # footers are never body text


def test_signature_with_its_date_on_one_line_above_footers(vocab):
    doc = read("溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT
               + "溪口县司法局　2026年2月10日\n【打印】【关闭】\n网站标识码：3307000001\n", vocab)
    meta = doc.metadata
    assert meta.signature_organisation.value == "溪口县司法局"
    assert meta.signature_date.value == dt.date(2026, 2, 10)


@pytest.mark.parametrize("self_name", ["我局", "本局", "我镇", "本单位"])
def test_a_body_referring_to_itself_is_no_signature_name(vocab, self_name):
    """我局 above the 成文日期 is how a draft refers to itself, not an organ's name: the signature
    has no organisation (SG001 reports it) and the organisation comes from the body instead."""
    doc = read("关于2025年度法治政府建设情况的报告\n县委、县政府：\n"
               "2025年，溪口县司法局坚持依法行政，现将有关情况报告如下：\n"
               + BODY_DEPT + f"{self_name}\n2026年2月10日\n", vocab)
    meta = doc.metadata
    assert meta.signature_organisation is None
    assert meta.signature_date.value == dt.date(2026, 2, 10)
    assert value(doc, "organisation") == "溪口县司法局"  # the subject of the opening


def test_chengwen_date_line_above_a_contact_block(vocab):
    doc = read("溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT
               + "溪口县司法局\n成文日期：二〇二六年二月十日\n联系电话：0571-88886666\n", vocab)
    assert value(doc, "signature_date") == dt.date(2026, 2, 10)


@pytest.mark.parametrize(
    "line",
    [
        "上一篇：关于印发2025年普法依法治理工作要点的通知",
        "扫一扫在手机打开当前页",
        "网站标识码：3307000001",
        "主办单位：溪口县人民政府办公室 承办单位：溪口县大数据中心",
        "地址：溪口县人民路8号 电话：0571-88886666 邮编：311500",
        "版权所有：溪口县人民政府",
        "索引号：11330000/2025-00012",
        "- [ 发布机构 ] 溪口县财政局",
        "今天是：2019年10月31日 星期四 农历十月初三",
        "责任编辑：王一",
        "Copyright © 2025 溪口县人民政府 版权所有",
        "溪口县人民政府办公室 版权所有 技术支持：某某公司",
        "网站地图 | 联系我们 | 隐私声明",
        "打印日期：2026年2月18日",
    ],
)
def test_page_footers_and_tables_are_clutter(line):
    result = normalise(f"依法行政水平持续提升。\n{line}\n")
    assert result.mapped.text == "依法行政水平持续提升。\n"
    assert result.removed


@pytest.mark.parametrize(
    "sentence",
    [
        "开展“扫一扫”普法活动，群众扫码学法3万人次。",
        "承办人大代表建议12件、政协提案9件。",
        "依法关闭违规企业3家。",
        "公布投诉电话：12345，群众满意率98%。",
    ],
)
def test_body_sentences_with_footer_words_are_not_clutter(sentence):
    result = normalise(f"{sentence}\n")
    assert result.mapped.text == f"{sentence}\n".replace("，", ",").replace("：", ":")
    assert result.removed == []


def test_each_field_keeps_its_source_and_location(vocab):
    page = ("当前位置：首页 > 政务公开\n溪口县司法局关于2025年度法治政府建设情况的报告\n"
            "发布时间：2026-02-20 10:00\n县委、县政府：\n" + BODY_DEPT + "溪口县司法局\n2026年2月10日\n上一篇：无\n")
    doc = read(page, vocab)
    meta = doc.metadata
    for field in ("title", "title_organisation", "organisation", "report_year", "kind",
                  "signature_organisation", "signature_date", "publication_date", "addressee"):
        got = getattr(meta, field)
        assert got is not None and got.source and got.location is not None, field
    assert shown(doc, meta.title.location) == "溪口县司法局关于2025年度法治政府建设情况的报告"
    assert shown(doc, meta.signature_organisation.location) == "溪口县司法局"
    assert shown(doc, meta.publication_date.location).startswith("发布时间")
    assert meta.title.location.line == 2


def test_signature_found_above_a_long_site_menu(vocab):
    items = ("首页", "政务公开", "政务服务", "互动交流", "走进溪口", "专题专栏", "部门网站", "乡镇网站",
             "省政府网站", "市政府网站", "您是本站第 12345 位访客")
    menu = "".join(f"{item}\n" for item in items)
    page = "溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT + "溪口县司法局\n2026年2月10日\n" + menu
    doc = read(page, vocab)
    assert value(doc, "signature_date") == dt.date(2026, 2, 10)
    assert doc.paragraphs[-1].text == "继续推进执法规范化建设。"


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


@pytest.mark.parametrize(
    ("text", "organisation", "kind"),
    [
        ("2024年，我镇坚持依法行政。\n一、主要工作\n我镇组织干部到云岭镇法治文化公园学习，云岭镇党委定期听取汇报。\n",
         "云岭镇", "town"),
        ("我县扎实推进法治政府建设，现将有关情况报告如下。\n一、主要成效\n制定《石泉县重大行政决策程序规定》，"
         "石泉县各乡镇全部配备法律顾问。\n", "石泉县", "government"),
    ],
)
def test_self_reference_is_expanded_to_the_name_the_text_gives(vocab, text, organisation, kind):
    doc = read(text, vocab)
    meta = doc.metadata
    assert (meta.organisation.value, meta.organisation.source) == (organisation, "body")
    assert shown(doc, meta.organisation.location) == organisation
    assert meta.kind.value == kind


def test_a_neighbour_named_once_is_not_taken_for_the_report_body(vocab):
    meta = read("2024年，我镇坚持依法行政，与云岭镇签订联调协议。\n" + BODY_TOWN, vocab).metadata
    assert meta.organisation is None
    assert meta.kind.value == "town"


def test_joint_title_over_three_lines(vocab):
    doc = read("中共桐城县委\n桐城县人民政府\n关于2023年度法治政府建设情况的报告\n市委、市政府：\n" + BODY_GOV
               + "中共桐城县委\n桐城县人民政府\n2024年3月18日\n", vocab)
    meta = doc.metadata
    assert meta.title.value == "中共桐城县委桐城县人民政府关于2023年度法治政府建设情况的报告"
    assert (meta.title.location.line, meta.title.location.end_line) == (1, 3)
    assert meta.kind.value == "joint"
    assert meta.addressee.value == "市委、市政府"


def test_date_printed_under_the_title_is_the_chengwen_date_when_no_signature_dates_it(vocab):
    doc = read("附件1\n梅岭县林业局2024年度法治政府建设工作报告\n（2025年1月15日）\n今年以来，我局坚持依法行政。\n"
               + BODY_DEPT, vocab)
    meta = doc.metadata
    assert meta.title.value == "梅岭县林业局2024年度法治政府建设工作报告"
    assert (meta.signature_date.value, meta.signature_date.source) == (dt.date(2025, 1, 15), "title")
    assert shown(doc, meta.signature_date.location) == "2025年1月15日"
    assert doc.paragraphs[0].text.startswith("今年以来")


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


@pytest.mark.parametrize(
    "text",
    [
        "一年来，我局坚持依法行政。\n一、主要举措和成效\n梅岭县市场监督管理局党组高度重视法治建设，审查合同31件。\n",
        "梅岭县市场监督管理局（以下简称“我局”）认真贯彻落实上级部署。\n" + BODY_DEPT,
    ],
)
def test_we_the_bureau_is_expanded_to_the_bureaus_name(vocab, text):
    meta = read(text, vocab).metadata
    assert meta.organisation.value == "梅岭县市场监督管理局"
    assert meta.kind.value == "department"


@pytest.mark.parametrize(
    ("text", "year", "source"),
    [
        ("按照要求，现将2024年工作总结及2025年工作安排报告如下：\n一、主要成效\n审查合同31件。\n", 2024, "body"),
        # the plan's year is never the report year: the signing date decides
        ("今年来，我局坚持依法行政。\n一、主要成效\n审查合同31件。\n二、2025年工作打算\n2025年，我局将继续完善制度。\n"
         "梅岭县司法局\n2025年1月8日\n", 2024, "derived"),
    ],
)
def test_the_plans_year_is_not_the_report_year(vocab, text, year, source):
    meta = read(text, vocab).metadata
    assert (meta.report_year.value, meta.report_year.source) == (year, source)


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


def test_a_dated_page_label_below_the_signature_is_not_the_chengwen_date(vocab):
    doc = read("溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT
               + "溪口县司法局\n2026年2月10日\n打印日期：2026年3月18日\n", vocab)
    assert value(doc, "signature_date") == dt.date(2026, 2, 10)


def test_a_department_named_deep_in_a_government_report_is_not_the_reporter(vocab):
    text = ("一年来，我县坚持依法行政，法治政府建设取得新成效。\n一、主要举措和成效\n审查合同31件。\n"
            "（二）规范行政执法\n县司法局坚持开展执法案卷评查，纠正问题12个。\n")
    meta = read(text, vocab).metadata
    assert meta.organisation is None or not meta.organisation.value.endswith("局")
    assert meta.kind.value == "government"


def test_without_a_title_a_site_name_above_the_opening_is_furniture(vocab):
    doc = read("鹤岭县人民政府门户网站\n2024年，鹤岭县水利局坚持依法行政。\n" + BODY_DEPT, vocab)
    meta = doc.metadata
    assert meta.title is None
    assert meta.organisation.value == "鹤岭县水利局"
    assert doc.paragraphs[0].text.startswith("2024年")


@pytest.mark.parametrize(
    "split",
    ["青禾县人民政府关于\n2024年度法治政府建设情况的报告", "青禾县人民政府关于2024年度\n法治政府建设情况的报告"],
)
def test_title_split_after_guanyu_or_the_year(vocab, split):
    meta = read(f"{split}\n{BODY_GOV}", vocab).metadata
    assert meta.title.value == "青禾县人民政府关于2024年度法治政府建设情况的报告"
    assert meta.organisation.value == "青禾县人民政府"


def test_a_closing_formula_above_the_signature_is_not_part_of_it(vocab):
    page = "溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT + "特此报告\n溪口县司法局\n2026年2月10日\n"
    assert value(read(page, vocab), "signature_organisation") == "溪口县司法局"


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


def test_year_statement_context_tests_match_their_patterns():
    """``_after_break`` and ``_after_marker`` test from the end what two ``$``-anchored patterns
    find by search: on random text they must agree with the patterns."""
    import random
    import re

    from auditor.parse.meta_year import _after_break, _after_marker

    breaks = re.compile(r"(?:^|[\n。;:,])\s*$")
    marker = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))$")
    rng = random.Random(7)
    alphabet = ["\n", " ", "\u3000", "\t", "。", ";", ":", ",", "、", "(", ")", "一", "十", "法", "a", "2"]
    for _ in range(30000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert _after_break(before) == bool(breaks.search(before)), repr(before)
        assert _after_marker(before) == bool(marker.search(before)), repr(before)


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
