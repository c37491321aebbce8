"""Metadata, the signature and the 成文日期: found above page footers, site menus and contact
blocks, which are clutter; every field keeps its source and location. Every text here is fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.normalize import normalise

from .metadata_texts import BODY_DEPT, read, shown, value

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


def test_date_printed_under_the_title_is_the_chengwen_date_when_no_signature_dates_it(vocab):
    doc = read("附件1\n梅岭县林业局2024年度法治政府建设工作报告\n（2025年1月15日）\n今年以来，我局坚持依法行政。\n"
               + BODY_DEPT, vocab)
    meta = doc.metadata
    assert meta.title.value == "梅岭县林业局2024年度法治政府建设工作报告"
    assert (meta.signature_date.value, meta.signature_date.source) == (dt.date(2025, 1, 15), "title")
    assert shown(doc, meta.signature_date.location) == "2025年1月15日"
    assert doc.paragraphs[0].text.startswith("今年以来")


def test_a_dated_page_label_below_the_signature_is_not_the_chengwen_date(vocab):
    doc = read("溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT
               + "溪口县司法局\n2026年2月10日\n打印日期：2026年3月18日\n", vocab)
    assert value(doc, "signature_date") == dt.date(2026, 2, 10)


def test_a_closing_formula_above_the_signature_is_not_part_of_it(vocab):
    page = "溪口县司法局关于2025年度法治政府建设情况的报告\n" + BODY_DEPT + "特此报告\n溪口县司法局\n2026年2月10日\n"
    assert value(read(page, vocab), "signature_organisation") == "溪口县司法局"
