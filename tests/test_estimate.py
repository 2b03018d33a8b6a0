"""What each result says: reasons, citations, conditions, and the 就高、不重复 outcome."""

from __future__ import annotations

import json

import pytest

from calc import PolicyError, ScenarioError, estimate, load_policy
from tests.conftest import ROOT

POLICY = load_policy()
CASES = sorted((ROOT / "policy" / "cases").glob("*.json"))


def run(claims, as_of="2026-06-30", **extra) -> dict:
    return estimate(POLICY, {"as_of": as_of, "claims": claims, **extra})


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_step_quotes_the_sentence_it_cites_verbatim(path):
    result = estimate(POLICY, json.loads(path.read_text(encoding="utf-8"))["scenario"])
    for item in result["items"]:
        assert item["steps"], item["provision"]
        for step in item["steps"]:
            assert step["quote"] in POLICY.sentences[step["sentence"]], step
            assert step["clause"] in (item["provision"], "closing")
            assert step["zh"] and step["en"]


def test_a_date_outside_the_validity_period_says_the_measures_are_not_in_force():
    item = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "100万"}}], as_of="2025-12-31")["items"][0]
    assert item["status"] == "not_in_force" and item["amount"] == "0.00"
    assert "2026-01-31" in item["reasons"][0]["zh"] and "not yet in force" in item["reasons"][0]["en"]
    assert item["steps"][0]["sentence"] == "closing-s1"


def test_a_date_rule_failure_is_explained_not_a_silent_zero():
    item = run([{"provision": "m5-5", "inputs": {"honour_date": "2024-12-31"}}])["items"][0]
    assert item["status"] == "not_eligible"
    assert "2025年以来" in item["reasons"][0]["zh"] and "2024-12-31" in item["reasons"][0]["zh"]
    assert item["steps"][0]["quote"].startswith("对2025年以来获评")


def test_conditions_not_yet_confirmed_are_reported_as_such():
    item = run([{"provision": "m1-3", "inputs": {"approved_contract_amount": "50万"},
                 "conditions": {"non_related_party": True}}])["items"][0]
    assert item["status"] == "eligible" and item["amount"] == "100000.00"
    assert {c["id"]: c["confirmed"] for c in item["conditions"]} == {"non_related_party": True, "for_rd_or_application": None}


def test_overlap_says_which_applies_and_which_is_set_aside_and_that_it_is_an_interpretation():
    result = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "100万"}},
                  {"provision": "m9-4", "inputs": {"compute_costs": "100万"}}])
    rental, voucher = result["items"]
    assert rental["overlap"]["applies"] and not voucher["overlap"]["applies"]
    assert rental["overlap"]["basis"] == "interpretation"
    assert voucher["status"] == "set_aside" and voucher["amount_before_overlap"] == "200000.00"
    assert {k: v for k, v in voucher["overlap"]["applied"].items() if k != "display"} == {"type": "provision", "provision": "m2-2", "amount": "300000.00"}
    # both rows name the amounts as they were compared, the set-aside one included
    assert [ref["amount"] for ref in rental["overlap"]["set_aside"]] == ["200000.00"] == [ref["amount"] for ref in voucher["overlap"]["set_aside"]]
    assert voucher["overlap"]["applied"]["display"]["text"]["zh"] == "30万元(300,000.00元)"
    assert "本项目" in rental["overlap"]["explanation"]["zh"]
    assert result["total"] == "300000.00"


def test_other_suzhou_support_that_is_higher_sets_this_policy_aside_citing_the_closing_paragraph():
    result = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}],
                 other_support=[{"provision": "m2-2", "amount": "300万", "source": "区级算力补贴"}])
    item = result["items"][0]
    assert item["status"] == "set_aside" and item["overlap"]["basis"] == "text"
    assert item["overlap"]["applied"]["type"] == "other_support"
    assert any(step["sentence"] == "closing-s3" for step in item["steps"])
    assert result["other_support"][0]["overlap"]["applies"] is True
    assert result["other_support"][0]["display"] == {"yuan": "3,000,000.00", "wan": "300", "wan_exact": True,
                                                     "text": {"zh": "300万元(3,000,000.00元)", "en": "3,000,000.00 yuan (300万元)"}}
    assert result["total"] == "0.00"


def test_open_amounts_and_non_monetary_measures_are_shown_but_not_computed():
    result = run([{"provision": "m8-4"}, {"provision": "m8-1"}])
    assert [(i["status"], i["amount"]) for i in result["items"]] == [("open_amount", None), ("not_monetary", None)]
    assert result["total"] == "0.00"


def test_the_total_keeps_up_to_amounts_apart_from_fixed_amounts():
    result = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}},
                  {"provision": "m7-2", "inputs": {"doctorates": "1", "masters": "0", "bachelors": "2"}}])
    assert (result["total"], result["total_up_to"], result["total_fixed"]) == ("2120000.00", "2000000.00", "120000.00")
    assert result["totals_by_period"] == {"one_off": "120000.00", "per_year": "2000000.00"}


def test_a_scenario_error_lists_every_problem_and_gives_no_result():
    with pytest.raises(ScenarioError) as caught:
        run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "-1"}},
             {"provision": "nope"}, "not an object"], as_of="someday")
    fields = [p.field for p in caught.value.problems]
    assert fields == ["as_of", "claims[0].inputs.compute_rental_fees_paid", "claims[1].provision", "claims[2]"]


def test_the_policy_loads_from_a_dict_a_path_or_json_text_and_bad_policies_name_the_path(tmp_path):
    path = ROOT / "policy" / "suzhou-ai-plus-2026.json"
    text = path.read_text(encoding="utf-8")
    assert load_policy(path).provisions.keys() == load_policy(text).provisions.keys() == load_policy(json.loads(text)).provisions.keys()
    broken = json.loads(text)
    broken["provisions"][3]["rule"]["base_input"] = "missing"
    broken["provisions"][1]["rule"]["cap"] = 5
    with pytest.raises(PolicyError) as caught:
        load_policy(broken)
    assert any(p.startswith("$.provisions[3].rule.base_input") for p in caught.value.problems)
    assert any(p.startswith("$.provisions[1].rule.cap") for p in caught.value.problems)
    with pytest.raises(PolicyError):
        load_policy(tmp_path / "missing.json")
    with pytest.raises(PolicyError):
        load_policy("{truncated")
