"""The command line: estimate (JSON and text), list, standard input, and every class of error."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from tests.conftest import ROOT

RESULT_SCHEMA = json.loads((ROOT / "policy" / "result.schema.json").read_text(encoding="utf-8"))
SCENARIO = {"as_of": "2026-06-01", "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}]}


def calc(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calc", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def write(tmp_path, data, name="scenario.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_estimate_prints_the_result_as_json(tmp_path):
    result = calc("estimate", write(tmp_path, SCENARIO))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    jsonschema.validate(output, RESULT_SCHEMA)
    item = output["items"][0]
    assert (item["provision"], item["status"], item["amount"], item["bound"], item["up_to"]) == \
        ("m2-2", "eligible", "2000000.00", "cap", True)
    assert output["total"] == "2000000.00"
    assert [step["quote"] for step in item["steps"]] == ["按实际支付智能算力租用费用的30%", "给予每年最高200万元补贴"]


def test_estimate_reads_standard_input():
    result = calc("estimate", "-", stdin=json.dumps(SCENARIO))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["items"][0]["amount"] == "2000000.00"


@pytest.mark.parametrize("lang, words", [("zh", ["智能算力租用补贴", "200万元(2,000,000.00元)", "给予每年最高200万元补贴", "合计"]),
                                         ("en", ["Subsidy for renting", "2,000,000.00 yuan (200万元)", "Total"])])
def test_estimate_explains_in_text(tmp_path, lang, words):
    result = calc("estimate", write(tmp_path, SCENARIO), "--format", "text", "--lang", lang)
    assert result.returncode == 0, result.stderr
    for word in words:
        assert word in result.stdout


def test_list_prints_every_provision_with_its_inputs():
    result = calc("list")
    assert result.returncode == 0
    assert "m2-2" in result.stdout and "compute_rental_fees_paid (money)" in result.stdout
    assert "m1-8" in result.stdout and "prize_level (choice) [first|second|third]" in result.stdout
    listing = json.loads(calc("list", "--format", "json").stdout)
    assert len(listing) == 45
    assert {"name": "models", "type": "count"}.items() <= next(p for p in listing if p["provision"] == "m4-2")["inputs"][0].items()


def _problems(result) -> list[dict]:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return json.loads(result.stderr)["problems"]


def test_an_unknown_provision_is_an_error(tmp_path):
    problems = _problems(calc("estimate", write(tmp_path, {"as_of": "2026-06-01", "claims": [{"provision": "m2-9"}]})))
    assert [(p["field"], p["code"]) for p in problems] == [("claims[0].provision", "unknown_provision")]


def test_missing_and_extra_inputs_are_all_listed_at_once(tmp_path):
    scenario = {"as_of": "2026-06-01", "claims": [
        {"provision": "m2-2", "inputs": {"fees": "1"}},
        {"provision": "m7-2", "inputs": {"doctorates": "1", "masters": "-2", "bachelors": "x"}},
    ]}
    problems = _problems(calc("estimate", write(tmp_path, scenario)))
    assert {(p["field"], p["code"]) for p in problems} == {
        ("claims[0].inputs.compute_rental_fees_paid", "input_missing"),
        ("claims[0].inputs.fees", "input_unknown"),
        ("claims[1].inputs.masters", "count_negative"),
        ("claims[1].inputs.bachelors", "count_type"),
    }


def test_a_wrong_type_is_an_error(tmp_path):
    scenario = {"as_of": "2026-06-01", "claims": [{"provision": "m1-8", "inputs": {"prize_level": "gold", "award_date": "2026-13-01"}}]}
    problems = _problems(calc("estimate", write(tmp_path, scenario)))
    assert {(p["field"], p["code"]) for p in problems} == {
        ("claims[0].inputs.prize_level", "choice_invalid"), ("claims[0].inputs.award_date", "date_invalid")}


def test_a_bad_date_and_a_duplicate_claim_are_errors(tmp_path):
    scenario = {"as_of": "2026-02-30", "claims": [SCENARIO["claims"][0], SCENARIO["claims"][0]]}
    problems = _problems(calc("estimate", write(tmp_path, scenario)))
    assert {(p["field"], p["code"]) for p in problems} == {("as_of", "date_invalid"), ("claims[1].provision", "duplicate_claim")}


@pytest.mark.parametrize("text, code", [("{not json", "invalid_json"), ('{"as_of": NaN}', "invalid_json"), ("[1, 2", "invalid_json")])
def test_a_scenario_that_is_not_json_is_an_error(tmp_path, text, code):
    result = calc("estimate", write(tmp_path, text))
    assert result.returncode == 2
    assert json.loads(result.stderr)["error"] == code
    assert "Traceback" not in result.stderr


def test_a_missing_scenario_file_is_an_error(tmp_path):
    result = calc("estimate", str(tmp_path / "none.json"))
    assert result.returncode == 2
    assert "cannot read" in json.loads(result.stderr)["message"]


def test_a_broken_policy_file_is_reported_with_its_json_path(tmp_path):
    policy = json.loads((ROOT / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))
    policy["provisions"][2]["rule"]["cap"] = "-1"
    policy["provisions"][3]["kind"] = "gift"
    result = calc("--policy", write(tmp_path, policy, "policy.json"), "estimate", write(tmp_path, SCENARIO))
    assert result.returncode == 3
    problems = json.loads(result.stderr)["problems"]
    assert any(p.startswith("$.provisions[2].rule.cap") for p in problems)
    assert any(p.startswith("$.provisions[3].kind") for p in problems)


def test_a_truncated_policy_file_is_reported(tmp_path):
    text = (ROOT / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8")[:500]
    result = calc("--policy", write(tmp_path, text, "policy.json"), "list")
    assert result.returncode == 3
    assert "not valid JSON" in json.loads(result.stderr)["problems"][0]
