"""Metadata, the organisation and the kind of body: from the title, the signature, or the body's
opening and how it refers to itself (parse/meta_org.py, the kind rules). Every text here is fictional."""

from __future__ import annotations

import pytest

from .metadata_texts import BODY_DEPT, BODY_GOV, BODY_TOWN, read, shown


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
