"""Parsing, section roles: the statutory parts found in the model report and the corpus, and the
kind rules as the role table reads them (parse/roles.py, parse/vocabulary.py)."""

from __future__ import annotations

from auditor.parse import load_vocabulary

from ..conftest import ROOT, corpus_file
from .texts import (
    MODEL,
    MODEL_ROLES,
    REPORT_000,
    REPORT_001,
    parse_file,
    roles,
    walk,
)


def test_model_roles(vocab):
    doc = parse_file(MODEL, vocab)
    assert roles(doc) == MODEL_ROLES
    assert [s.title for s in doc.sections_with_role("xi_thought")] == ["坚持学思践悟,深入学习贯彻习近平法治思想"]
    assert [s.number for s in doc.sections_with_role("measures")] == [1]
    assert doc.sections[2].own_roles == ["shortcomings", "causes"]


def test_roles_of_corpus_001(vocab):
    doc = parse_file(corpus_file(REPORT_001), vocab)
    tops = doc.sections
    assert [s.number for s in tops] == [1, 2, 3, 4, 5, 6, 7]
    assert "first_responsible" in tops[0].roles and "measures" not in tops[0].roles
    for s in tops[1:5]:
        assert "measures" in s.roles, s.title
    assert "xi_thought" in tops[1].roles
    assert tops[5].title == "存在的不足" and tops[5].roles == ["shortcomings"]
    assert tops[6].title == "2026年工作打算" and tops[6].roles == ["plan"]
    assert all(c.roles == ["plan"] for c in tops[6].children)
    assert all("first_responsible" in c.roles for c in tops[0].children)
    assert [s.number for s in doc.sections_with_role("measures")] == [2, 3, 4, 5]
    assert doc.sections_with_role("other") == []
    # the (一)…(三) headings of 001 are run-in: "(一)坚持党的全面领导。局党组书记…"
    first = tops[0].children[0]
    assert first.title == "坚持党的全面领导" and first.run_in
    assert doc.paragraph_at(first.heading.end).text.startswith("局党组书记、局长梁思林充分履行")


def test_roles_of_corpus_000(vocab):
    doc = parse_file(corpus_file(REPORT_000), vocab)
    tops = doc.sections
    assert [(s.number, s.title, s.roles) for s in tops] == [
        (1, "年度工作开展情况", ["measures"]),
        (2, "存在的不足", ["shortcomings"]),
        (3, "2025年工作打算", ["plan"]),
    ]
    assert [c.title for c in tops[0].children] == [
        "砥砺深耕,法治建设稳步推进", "规范治理,依法行政效能提升", "依法履职,助推制造名城培育"]
    assert [len(c.children) for c in tops[0].children] == [3, 4, 3]
    nested = [s for _d, s in walk(doc) if s.level == 3]
    assert nested and all(s.run_in and s.roles[0] == "measures" for s in nested)
    assert "normative_documents" in tops[0].children[1].children[0].roles  # 1.严格文件管理
    assert all("plan" in c.roles for c in tops[2].children)
    assert doc.sections_with_role("other") == []
    assert doc.sections_with_role("first_responsible") == []
    # "1.5万本" in the body is not a heading
    assert not any(s.title.startswith("5万") for _d, s in walk(doc))


def test_role_table_kind_of_matches_the_kind_rules():
    """``RoleTable.kind_of`` reads the kind rules as tuples: it must give what trying each
    ``KindRule.matches`` in turn gives."""
    import random

    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    words = sorted({w for k in vocab.kinds for w in k.ends_with}
                   | {w for k in vocab.kinds for g in k.contains_all for w in g} | {"青禾", "县", "市", "委"})
    rng = random.Random(2)
    for _ in range(5000):
        name = "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        want = next((rule.kind for rule in vocab.kinds if rule.matches(name)), None)
        assert vocab.kind_of(name) == want, name
