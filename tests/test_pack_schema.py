"""The rule-pack JSON Schema (``audit schema --pack``): generated from the models, published as
rules/pack.schema.json, named by the first line of every shipped pack, and the shipped packs and
every ``audit rules new`` skeleton validate against it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from auditor.authoring.pack_schema import PUBLISHED, builtin_check_types, pack_schema, pack_schema_text
from auditor.authoring.scaffold import skeleton
from auditor.resources import shipped_rules_dir

from .conftest import ROOT, run_audit

jsonschema = pytest.importorskip("jsonschema")
PACKS = sorted((ROOT / "rules" / "packs").glob("*.yaml"))
SCHEMA_FILE = ROOT / "rules" / PUBLISHED
REGENERATE = "regenerate with: AUDITOR_DISABLE_PLUGIN_AUTOLOAD=1 audit schema --pack > rules/pack.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = pack_schema(builtin_check_types())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == pack_schema_text(builtin_check_types()), REGENERATE
    assert shipped_rules_dir() / PUBLISHED == SCHEMA_FILE


def test_schema_command_prints_it():
    env = {**os.environ, "AUDITOR_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out = run_audit("schema", "--pack", env=env)
    assert out.returncode == 0 and out.stdout == SCHEMA_FILE.read_text(encoding="utf-8")
    assert json.loads(run_audit("schema").stdout)["title"] != json.loads(out.stdout)["title"]  # the result's, unchanged


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_names_the_schema_and_validates(validator, pack: Path):
    first = pack.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../pack.schema.json"
    assert (pack.parent / "../pack.schema.json").resolve() == SCHEMA_FILE.resolve()
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(yaml.safe_load(pack.open(
        encoding="utf-8")))]
    assert errors == []


def _pack(rule: dict) -> dict:
    return {"pack": "scratch", "title": "草稿", "version": "1", "rules": [rule]}


def test_it_rejects_what_the_loader_rejects(validator):
    rule = yaml.safe_load(skeleton("CX001", "require", builtin_check_types()))[0]
    assert validator.is_valid(_pack(rule))
    for key, value in (("anchr", {"any": ["x"]}),  # a misspelt parameter
                       ("within", "page"),  # a value the check type does not take
                       ("groups", [{"any": ["x"]}]),  # another check type's parameter
                       ("code", "C1"),  # not a rule code
                       ("scope", "section"),  # a scope without its role
                       ("severity", "fatal")):
        assert not validator.is_valid(_pack({**rule, key: value})), key
    forbid = yaml.safe_load(skeleton("CX002", "forbid", builtin_check_types()))[0]
    assert validator.is_valid(_pack(forbid)) and isinstance(forbid["terms"], dict)  # the mapping shorthand
    assert validator.is_valid(_pack({**forbid, "terms": [{"find": "法制宣传", "replace": "法治宣传"}]}))
    assert not validator.is_valid(_pack({**forbid, "terms": {}}))


def test_either_routes_are_checked_by_their_own_check_type(validator):
    rule = yaml.safe_load(skeleton("CX001", "either", builtin_check_types()))[0]
    assert validator.is_valid(_pack(rule))
    rule["routes"][0]["min_hans"] = 3
    assert not validator.is_valid(_pack(rule))
    rule["routes"][0] = {"check": "forbid", "terms": {"a": "b"}}  # not a route check type
    assert not validator.is_valid(_pack(rule))


@pytest.mark.parametrize("check", sorted(builtin_check_types()))
def test_every_skeleton_validates(validator, check: str):
    assert validator.is_valid(_pack(yaml.safe_load(skeleton("CX001", check, builtin_check_types()))[0]))
