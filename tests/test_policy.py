"""The policy data is right: valid, verbatim, complete, and its numbers match the text."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import jsonschema
import pytest

from scripts.policy_checks import check_policy, integrity_problems, numbers_in_text, schema_problems, structured_numbers
from scripts.source_text import body_text, document_text, introduction_text
from tests.conftest import ROOT, SHARED_SOURCE_TEXT, SOURCE_TEXT

#: SHA-256 of the text of record as received (../shared/source/suzhou-ai-plus-2026.zh.txt, 2026-11-29).
SOURCE_SHA256 = "c282b4163eebcf990d9f80c48f9b78718fce8328813e2ca09e0b59ce464e8c51"
INVALID = json.loads((ROOT / "tests" / "fixtures" / "invalid_policies.json").read_text(encoding="utf-8"))
VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate_policy.py")]


def test_the_committed_source_is_the_text_of_record():
    data = SOURCE_TEXT.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256


def test_the_committed_source_equals_the_teams_shared_copy():
    """The shared copy lies beside the repository on the team's machines and in CI (which must compare); a
    clone elsewhere says it did not compare instead of passing silently."""
    if not SHARED_SOURCE_TEXT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must compare the text of record with the shared copy, which is missing: {SHARED_SOURCE_TEXT}")
        pytest.skip(f"no shared copy of the text of record at {SHARED_SOURCE_TEXT} to compare with")
    assert SHARED_SOURCE_TEXT.read_bytes() == SOURCE_TEXT.read_bytes()


def test_the_schema_passes_its_metaschema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _object_definitions(node, path="$"):
    """Schema nodes that define an object (type object with properties); if/then parts only constrain."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _object_definitions(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _object_definitions(value, f"{path}[{i}]")


def test_every_property_in_the_schema_is_described(schema):
    undocumented = [f"{path}.{name}" for path, node in _object_definitions(schema)
                    for name, sub in node["properties"].items() if not sub.get("description")]
    assert undocumented == []
    assert len(list(_object_definitions(schema))) >= 15


def test_every_object_in_the_schema_is_closed(schema):
    open_objects = [path for path, node in _object_definitions(schema) if node.get("additionalProperties") is not False]
    assert open_objects == []


def test_the_policy_validates_against_its_schema(policy, schema):
    assert schema_problems(policy, schema) == []


def test_the_policy_passes_every_cross_reference_check(policy):
    assert integrity_problems(policy) == []


def test_the_body_rebuilt_from_the_json_is_the_source_character_for_character(policy, source_text):
    lines = source_text.split("\n")
    assert body_text(policy) == "\n".join(lines[3:])
    assert document_text(policy) == source_text


def test_the_news_introduction_is_kept_verbatim_as_metadata(policy, source_text):
    assert introduction_text(policy) == "\n".join(source_text.split("\n")[:3])
    assert f"《{policy['document']['title']['zh']}》" in source_text.split("\n")[0]


def _apply(policy: dict, case: dict) -> dict:
    def walk(pointer):
        *parents, last = [p for p in pointer.split("/")[1:]]
        node = policy
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node, int(last) if isinstance(node, list) else last

    for pointer, value in case.get("set", {}).items():
        node, key = walk(pointer)
        node[key] = value
    for pointer in case.get("remove", []):
        node, key = walk(pointer)
        del node[key]
    return policy


def test_there_are_at_least_ten_negative_fixtures():
    assert len(INVALID) >= 10
    assert len({case["name"] for case in INVALID}) == len(INVALID)


@pytest.mark.parametrize("case", INVALID, ids=[case["name"] for case in INVALID])
def test_a_broken_policy_is_rejected_with_the_json_path(policy, schema, case):
    problems = check_policy(_apply(policy, case), schema)
    assert problems, "the broken policy was accepted"
    assert case["path"] in [p.path for p in problems], [str(p) for p in problems]


def test_every_amount_and_rate_in_a_provision_equals_its_structured_number(policy):
    for provision in policy["provisions"]:
        text = "".join(f["zh"] for f in provision["fragments"])
        assert numbers_in_text(text) == structured_numbers(provision), provision["id"]


@pytest.mark.parametrize("provision_id, kind, numbers", [
    ("m2-2", "share_of_base", [("rate", "0.30"), ("yuan", "2000000")]),
    ("m2-3", "share_of_base", [("rate", "0.10"), ("yuan", "2000000")]),
    ("m1-3", "share_of_base", [("rate", "0.20"), ("yuan", "2000000")]),
    ("m9-1", "share_of_base", [("rate", "0.40"), ("yuan", "60000000")]),
    ("m5-1", "ceiling", [("yuan", "100000000")]),
    ("m4-2", "fixed", [("yuan", "500000")]),
    ("m7-2", "tiers", [("yuan", "10000"), ("yuan", "30000"), ("yuan", "100000")]),
    ("m1-8", "tiers", [("yuan", "500000"), ("yuan", "1000000"), ("yuan", "2000000")]),
    ("m9-4", "share_of_base", [("rate", "1"), ("yuan", "200000")]),
    ("m9-5", "share_of_base", [("rate", "1"), ("yuan", "100000")]),
])
def test_headline_provisions_carry_the_numbers_of_the_text(policy, provision_id, kind, numbers):
    provision = next(p for p in policy["provisions"] if p["id"] == provision_id)
    assert provision["kind"] == kind
    assert structured_numbers(provision) == sorted((k, Decimal(v)) for k, v in numbers)


def test_the_amount_reader_finds_amounts_written_in_wan_and_yi():
    assert numbers_in_text("给予最高1亿元支持;最高500万元支持,按30%") == sorted(
        [("yuan", Decimal("100000000")), ("yuan", Decimal("5000000")), ("rate", Decimal("0.3"))])


def test_every_amount_written_in_the_measures_is_cited_by_a_provision(policy):
    text = "".join(s["zh"] for m in policy["measures"] for p in m["paragraphs"] for s in p["sentences"])
    cited = "".join(f["zh"] for p in policy["provisions"] for f in p["fragments"])
    amounts = re.findall(r"[0-9.]+(?:万|亿)?元|[0-9]+%", text)
    assert len(amounts) >= 50
    for amount in set(amounts):
        assert amount in cited, amount


def test_provision_ids_are_unique_and_every_measure_has_text_and_provisions(policy):
    ids = [p["id"] for p in policy["provisions"]]
    assert len(ids) == len(set(ids))
    assert [m["id"] for m in policy["measures"]] == [f"m{n}" for n in range(1, 13)]
    for measure in policy["measures"]:
        assert any(s["zh"] for p in measure["paragraphs"] for s in p["sentences"]), measure["id"]
        assert any(p["measure"] == measure["id"] for p in policy["provisions"]), measure["id"]


def test_facts_no_public_source_gives_are_null_not_invented(policy):
    document = policy["document"]
    assert document["document_number"] is None
    assert document["official_url"] is None
    assert document["implementing_rules"] is None
    assert (document["released"], document["in_force"]) == ("2025-12-30", {"from": "2026-01-31", "to": "2027-01-30"})
    assert document["issuer"]["zh"] == "苏州市人民政府"
    assert document["overlap_rule"]["zh"] == "就高、不重复"
    assert document["lead_agency"] == "development-reform-commission"


def test_open_amounts_and_non_monetary_sentences_are_typed_as_such(policy):
    kinds = {p["id"]: p["kind"] for p in policy["provisions"]}
    for provision in policy["provisions"]:
        text = "".join(f["zh"] for f in provision["fragments"])
        if "一定" in text or "按对应政策" in text:
            assert kinds[provision["id"]] == "open_amount", provision["id"]
    assert kinds["m8-1"] == kinds["m8-2"] == "non_monetary"


def test_agencies_are_listed_as_the_text_names_them(policy):
    names = {a["id"]: a["name"]["zh"] for a in policy["agencies"]}
    m6 = next(m for m in policy["measures"] if m["id"] == "m6")
    assert [names[a] for a in m6["agencies"]] == ["市发改委", "市工信局", "各领域行业主管部门", "各县级市<区>"]


# ---------------------------------------------------------------------------------- the validate command

def _run(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([*VALIDATE, *map(str, paths)], capture_output=True, text=True, timeout=60)


def test_validate_command_accepts_the_policy():
    result = _run(ROOT / "policy" / "suzhou-ai-plus-2026.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_validate_command_prints_each_problem_with_its_path(policy, tmp_path):
    broken = _apply(policy, {"set": {"/provisions/1/rule/cap": "-1", "/provisions/5/kind": "gift"}})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    result = _run(path)
    assert result.returncode == 1
    assert "$.provisions[1].rule.cap" in result.stdout
    assert "$.provisions[5].kind" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("content, expected", [
    ("this is not json", "not valid JSON"),
    ('{"dataset": {"id": "x", "version": ', "truncated"),
    ("", "empty"),
])
def test_validate_command_explains_a_file_that_is_not_json(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = _run(path)
    assert result.returncode == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_command_explains_a_missing_file(tmp_path):
    result = _run(tmp_path / "nowhere.json")
    assert result.returncode == 1
    assert "cannot read" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_command_explains_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "caf\u00e9"}'.encode("latin-1"))
    result = _run(path)
    assert result.returncode == 1
    assert "not UTF-8" in result.stdout
