"""docs/checks/*.md, docs/rules.md and docs/index.md's check list are generated from the code
(scripts/gen_check_docs.py): the committed pages must be what the code generates now, every
parameter must be described, and the links must lead somewhere."""

from __future__ import annotations

import re

import yaml

from .conftest import ROOT, load_script


def _generator():
    return load_script(ROOT / "scripts" / "gen_check_docs.py", "auditor_scripts_gen_check_docs")


gen = _generator()


def test_committed_pages_are_generated_from_the_code():
    generated = gen.pages()
    assert gen.stale(generated) == [], "stale docs: run python scripts/gen_check_docs.py"
    assert gen.main(["--check"]) == 0


def test_one_page_per_check_type_and_the_index_links_each():
    names = [cls.name for cls in gen.builtin_check_types()]
    assert names == ["balanced_pairs", "canon", "consistency", "count", "dates", "either", "forbid", "metadata",
                     "near", "require", "section"]
    assert sorted(p.stem for p in (ROOT / "docs" / "checks").glob("*.md")) == names
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for name in names:
        assert f"](checks/{name}.md)" in index


def test_every_parameter_is_described():
    undescribed = [f"{model.__name__}.{name}" for model in gen.documented_models()
                   for name, field in model.model_fields.items()
                   if f"{model.__name__}.{name}" not in gen.HIDDEN and not gen.description_of(model, name, field)]
    assert undescribed == []


def test_the_scripts_descriptions_only_fill_gaps():
    """An entry of DESCRIPTIONS names a documented field that has no description of its own: once
    the model describes the field, the entry must go (one description, kept with the code)."""
    fields = {f"{m.__name__}.{name}": (m, name, f)
              for m in gen.documented_models() for name, f in m.model_fields.items()}
    assert sorted(set(gen.DESCRIPTIONS) - set(fields)) == []
    own = [key for key in gen.DESCRIPTIONS
           if fields[key][2].description or gen.field_comments(fields[key][0]).get(fields[key][1])]
    assert own == []


def test_examples_are_shipped_rules_of_their_check_type():
    for cls in gen.builtin_check_types():
        page = (ROOT / "docs" / "checks" / f"{cls.name}.md").read_text(encoding="utf-8")
        block = re.search(r"```yaml\n(.*?)```", page, re.S)
        assert block, cls.name
        (rule,) = yaml.safe_load(block.group(1))
        assert rule["check"] == cls.name
        source = re.search(r"from \[`(rules/packs/[a-z]+\.yaml)`\]", page).group(1)
        codes = {r["code"]: r for r in yaml.safe_load((ROOT / source).read_text(encoding="utf-8"))["rules"]}
        assert codes[rule["code"]] == rule  # the rule as shipped, not a copy that can drift


def test_relative_links_lead_to_files():
    docs = ROOT / "docs"
    pages = [*docs.rglob("*.md")]
    assert len(pages) >= 14
    for page in pages:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)}: {target}"
