"""What would change an estimate (issue 20): calc names the points at which its figures would differ, with figures
it computes itself (checked here against the policy's numbers and against estimating the changed scenario)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc import estimate, load_policy
from calc.changes import cap_point
from calc.explain import explain
from calc.money import round_fen

POLICY = load_policy()
AS_OF = "2026-06-01"


def run(claims: list[dict], **extra) -> dict:
    return estimate(POLICY, {"as_of": AS_OF, "claims": claims, **extra})


def kinds(result: dict, kind: str) -> list[dict]:
    return [change for change in result["what_would_change"] if change["kind"] == kind]


@pytest.mark.parametrize("pid", [p["id"] for p in POLICY.data["provisions"] if p["kind"] == "share_of_base"])
def test_the_cap_point_is_the_smallest_base_whose_share_reaches_the_cap(pid):
    rule = POLICY.provisions[pid]["rule"]
    rate, cap = Decimal(rule["rate"]), Decimal(rule["cap"])
    point = cap_point(rate, cap)
    assert round_fen(rate * point) >= cap > round_fen(rate * (point - Decimal("0.01")))


def test_the_rental_subsidy_stops_growing_at_about_666_67_wan_of_fees_and_says_how_far_the_estimate_is():
    below = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "500万"}}])
    [change] = kinds(below, "cap_point")
    assert change["amount"] == "6666666.65"
    assert "约666.67万元(6,666,666.65元)时封顶" in change["zh"] and "约166.67万元(1,666,666.65元)" in change["zh"]
    assert "short of it" in change["en"]
    above = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}])
    [change] = kinds(above, "cap_point")
    assert "已超过" in change["zh"] and "adds nothing" in change["en"]


def test_each_unconfirmed_condition_of_a_counted_item_is_named_with_the_amount_that_would_fall_away():
    result = run([{"provision": "m1-3", "inputs": {"approved_contract_amount": "100万"}, "conditions": {"non_related_party": True}}])
    [change] = kinds(result, "condition")
    assert "进行研发、应用" in change["zh"] and "购买非关联方" not in change["zh"]
    assert change["amount"] == result["items"][0]["amount"] == "200000.00"
    confirmed = run([{"provision": "m1-3", "inputs": {"approved_contract_amount": "100万"},
                      "conditions": {"non_related_party": True, "for_rd_or_application": True}}])
    assert kinds(confirmed, "condition") == []


@pytest.mark.parametrize("answer, other", [("unsure", "different"), ("same", "different"), ("different", "same")])
def test_the_other_answer_to_an_overlap_question_is_given_with_the_figure_it_would_change(answer, other):
    claims = [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "50万"}},
              {"provision": "m9-4", "inputs": {"compute_costs": "20万"}}]
    result = run(claims, overlaps={"compute-costs": answer})
    flipped = run(claims, overlaps={"compute-costs": other})
    [change] = kinds(result, "overlap_answer")
    assert change["answer"] == other and change["group"] == "compute-costs"
    assert Decimal(change["amount"]) == Decimal(flipped["total"]) - Decimal(result["total"]) != 0
    assert "本项目解读" in change["zh"] and "this project's reading" in change["en"]


def test_the_last_day_and_every_planned_event_are_named():
    result = run([{"provision": "m4-2", "inputs": {"models": "1", "filing_date": "2026-09-01"}}])
    [expiry] = kinds(result, "expiry")
    assert "2027-01-30" in expiry["zh"] and "2027-01-31" in expiry["en"]
    [planned] = kinds(result, "planned_event")
    assert planned["provision"] == "m4-2" and "2027-01-30或之前" in planned["zh"]


@pytest.mark.parametrize("dates, planned", [("2026-03-16、2026-08-20", 1), ("2026-03-16、2026-08-20、2026-09-01", 2)])
def test_of_several_dates_only_the_planned_ones_would_fall_away(dates, planned):
    """m4-2 judges each model by its own filing date: if the planned filings do not happen, the item keeps the
    models already filed (the amount is checked against estimating the scenario without the planned dates)."""
    models = str(dates.count("、") + 1)
    result = run([{"provision": "m4-2", "inputs": {"models": models, "filing_date": dates}}])
    [change] = kinds(result, "planned_event")
    past = [d for d in dates.split("、") if d <= AS_OF]
    without = run([{"provision": "m4-2", "inputs": {"models": str(len(past)), "filing_date": "、".join(past)}}])
    expected = Decimal(result["items"][0]["amount"]) - Decimal(without["items"][0]["amount"])
    assert Decimal(change["amount"]) == expected == Decimal(POLICY.provisions["m4-2"]["rule"]["amount"]) * planned
    assert f"中有{planned}个晚于估算日期" in change["zh"] and "本项减少" in change["zh"]
    assert f"{planned} of the {models} dates" in change["en"] and "lower" in change["en"]


def test_outside_the_validity_period_only_the_dates_are_named():
    result = estimate(POLICY, {"as_of": "2027-02-01", "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "50万"}}]})
    assert [change["kind"] for change in result["what_would_change"]] == ["expiry"]


@pytest.mark.parametrize("lang, heading", [("zh", "什么会改变这个结果:"), ("en", "What would change this answer:")])
def test_the_text_output_lists_what_would_change(lang, heading):
    result = run([{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "500万"}}])
    text = explain(result, lang)
    assert heading in text
    for change in result["what_would_change"]:
        assert change[lang] in text
