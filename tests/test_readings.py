"""The calculator says exactly what the text says: its readings, labels and totals (issue 9), in zh and en.

Amounts are proven by the golden cases (policy/cases/, written by scripts/make_golden_cases.py with its own
arithmetic); these tests prove the words: what a label promises, which reading is the text's and which is
this project's, and that every reading is stated once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from calc import ScenarioError, estimate, load_policy
from calc.explain import explain
from tests.conftest import ROOT

POLICY = load_policy()
AS_OF = "2026-06-30"


def only_item(scenario: dict) -> dict:
    [item] = estimate(POLICY, scenario)["items"]
    return item


def claim(pid: str, **inputs) -> dict:
    return {"provision": pid, "inputs": inputs}


def ceiling_item(pid: str) -> dict:
    provision = POLICY.provisions[pid]
    inputs = {spec["name"]: {"money": "10亿", "count": "1", "date": "2026-03-01", "dates": "2026-03-01"}.get(spec["type"], spec.get("options", [{}])[0].get("value"))
              for spec in provision["inputs"]}
    return only_item({"as_of": AS_OF, "claims": [{"provision": pid, "inputs": inputs}]})


# 4. "最高" is a ceiling, not a review ------------------------------------------------------------------------

@pytest.mark.parametrize("pid", ["m2-2", "m2-3", "m9-1", "m5-1", "m6-1", "m8-3"])
def test_a_ceiling_the_text_gives_without_a_review_does_not_promise_one(pid):
    item = ceiling_item(pid)
    assert item["up_to"] is True and item["review"] is False
    label = item["up_to_label"]
    assert "上限" in label["zh"] and "不是承诺" in label["zh"] and "评审" not in label["zh"] and "择优" not in label["zh"]
    assert "ceiling" in label["en"] and "not a promise" in label["en"] and "review" not in label["en"]


@pytest.mark.parametrize("pid, term", [("m4-1", "择优"), ("m5-3", "择优")])
def test_a_ceiling_the_text_selects_on_merit_says_so_in_its_words(pid, term):
    item = ceiling_item(pid)
    assert item["up_to"] is True and item["review"] is True
    assert f"“{term}”" in item["up_to_label"]["zh"] and "经评审或择优确定" in item["up_to_label"]["zh"]
    assert term in item["up_to_label"]["en"] and "review or selection" in item["up_to_label"]["en"]


def test_every_provision_that_names_a_review_and_only_those_are_labelled_review():
    reviewed = {pid for pid, p in POLICY.provisions.items() if {"择优", "经评审认定"} & set(p["up_to_terms"])}
    assert {"m4-1", "m5-3"} <= reviewed
    for pid, provision in POLICY.provisions.items():
        if provision["kind"] in ("share_of_base", "ceiling", "fixed", "tiers"):
            assert ceiling_item(pid)["review"] is (pid in reviewed), pid


def test_amounts_the_text_sets_are_labelled_as_set_by_the_text():
    item = only_item({"as_of": AS_OF, "claims": [claim("m7-2", doctorates="1", masters="0", bachelors="0")]})
    assert item["up_to"] is False
    assert item["up_to_label"] == {"zh": "按原文规定的金额或公式", "en": "the amount or formula the text sets"}


def test_the_glossary_and_the_notice_no_longer_promise_a_review_for_every_ceiling():
    glossary = json.loads((ROOT / "policy" / "glossary.json").read_text(encoding="utf-8"))
    terms = glossary["terms"] if isinstance(glossary, dict) else glossary
    [up_to] = [t for t in terms if t["zh"] == "最高"]
    assert "经评审确定" not in up_to["note"]["zh"] and "decided after review" not in up_to["note"]["en"]
    assert "择优" in up_to["note"]["zh"] and "不是承诺" in up_to["note"]["zh"]
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万")]})
    assert "经评审后的上限" not in result["notice"]["zh"] and "ceilings decided after review" not in result["notice"]["en"]


# 5. Expired is not "not yet in force" ------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, zh, en", [("2026-01-30", "措施尚未施行", "measures not yet in force"),
                                           ("2027-01-31", "措施已失效", "measures expired")])
def test_outside_the_validity_period_the_status_says_which_side(as_of, zh, en):
    item = only_item({"as_of": as_of, "claims": [claim("m2-2", compute_rental_fees_paid="800万")]})
    assert item["status"] == "not_in_force"
    assert item["status_label"] == {"zh": zh, "en": en}
    word_zh, word_en = ("尚未施行", "not yet in force") if as_of < "2026-01-31" else ("已失效", "expired")
    assert word_zh in item["reasons"][0]["zh"] and word_en in item["reasons"][0]["en"]


# 6. Reaching the cap is not exceeding it ---------------------------------------------------------------------

def _cap_step(pid: str, base: str) -> dict:
    provision = POLICY.provisions[pid]
    return only_item({"as_of": AS_OF, "claims": [claim(pid, **{provision["rule"]["base_input"]: base})]})["steps"][1]


def test_a_share_exactly_at_the_cap_reaches_it_and_does_not_exceed_it():
    step = _cap_step("m2-3", "2000万")  # 10% x 2000万 = 200万, the cap itself
    assert step["zh"].startswith("恰好等于上限") and "超过" not in step["zh"]
    assert step["en"].startswith("exactly the cap") and "above" not in step["en"]


def test_a_share_that_reaches_the_cap_only_by_rounding_to_the_fen_says_so():
    step = _cap_step("m2-2", "6,666,666.65")  # 30% = 1,999,999.995, which rounds to 2,000,000.00
    assert "四舍五入到分后等于上限" in step["zh"] and "1,999,999.995" in step["zh"]
    assert "once rounded to the fen" in step["en"] and "1,999,999.995" in step["en"]


def test_a_share_above_the_cap_is_limited_to_it():
    step = _cap_step("m2-2", "800万")
    assert step["zh"].startswith("超过上限") and step["en"].startswith("above the cap")


def test_golden_case_names_at_the_cap_point_say_whether_rounding_was_needed():
    """The smallest base, to the fen, whose share reaches the cap mostly gets there by rounding half up
    (e.g. 30% x 6,666,666.65 = 1,999,999.995); only a share equal to the cap itself is "exactly" at it."""
    named = {"exactly": 0, "rounded": 0}
    for path in (ROOT / "policy" / "cases").glob("*-at-cap*.json"):
        case = json.loads(path.read_text(encoding="utf-8"))
        [c] = case["scenario"]["claims"]
        rule = POLICY.provisions[c["provision"]]["rule"]
        base = Decimal(c["inputs"][rule["base_input"]].replace(",", ""))
        exact = Decimal(rule["rate"]) * base == Decimal(rule["cap"])
        assert ("exactly the cap point" in case["name"]) is exact, path.name
        assert ("only once rounded to the fen" in case["name"]) is (not exact), path.name
        named["exactly" if exact else "rounded"] += 1
    assert named["exactly"] >= 3 and named["rounded"] >= 3, named


# 3. Dates have two ends; a later date is a plan ----------------------------------------------------------------

def test_an_event_after_the_measures_expire_is_not_newly_won_while_they_are_in_force():
    item = only_item({"as_of": AS_OF, "claims": [claim("m1-8", prize_level="first", award_date="2027-01-31")]})
    assert item["status"] == "not_eligible"
    assert "晚于 2027-01-30" in item["reasons"][0]["zh"] and "本措施施行后新获得" in item["reasons"][0]["zh"]
    assert "after 2027-01-30" in item["reasons"][0]["en"]


def test_an_event_after_the_estimate_date_is_a_plan_and_the_result_says_so():
    item = only_item({"as_of": AS_OF, "claims": [claim("m1-8", prize_level="first", award_date="2026-12-01")]})
    assert item["status"] == "eligible" and item["planned"] is True
    [note] = [n for n in item["notes"] if n["basis"] == "input"]
    assert "计划" in note["zh"] and "plan, not a fact" in note["en"]
    past = only_item({"as_of": AS_OF, "claims": [claim("m1-8", prize_level="first", award_date="2026-03-01")]})
    assert past["planned"] is False and not [n for n in past["notes"] if n["basis"] == "input"]


def test_every_date_rule_ends_when_the_measures_expire_and_says_that_end_is_a_reading(policy_pristine):
    end = policy_pristine["document"]["in_force"]["to"]
    for provision in policy_pristine["provisions"]:
        rule = provision["date_rule"]
        if rule:
            assert rule["on_or_before"] == end, provision["id"]
            reading = rule["on_or_before_reading"]
            assert "本项目的解读" in reading["zh"] and "this project's reading" in reading["en"], provision["id"]


@pytest.mark.parametrize("pid, inputs", [("m5-5", {}), ("m5-6", {"factory_level": "excellence"})])
def test_an_honour_since_2025_granted_after_the_measures_expire_is_not_paid_and_the_reading_is_labelled(pid, inputs):
    item = only_item({"as_of": AS_OF, "claims": [claim(pid, honour_date="2027-06-01", **inputs)]})
    assert item["status"] == "not_eligible"
    assert "2025年以来" in item["reasons"][0]["zh"] and "晚于 2027-01-30" in item["reasons"][0]["zh"]
    assert "本项目的解读" in item["reasons"][0]["zh"] and "this project's reading" in item["reasons"][0]["en"]
    assert any(n["basis"] == "interpretation" and "2027年1月30日" in n["zh"] for n in item["notes"])


def test_several_models_are_each_judged_by_their_own_filing_date():
    item = only_item({"as_of": AS_OF, "claims": [claim("m4-2", models="3", filing_date="2026-01-30、2026-03-01、2027-02-01")]})
    assert item["status"] == "eligible" and item["amount"] == "500000.00"
    steps = [s["zh"] for s in item["steps"]]
    assert any(s.startswith("第1个:") and "早于 2026-01-31" in s for s in steps)
    assert any(s.startswith("第3个:") and "晚于 2027-01-30" in s for s in steps)
    assert any("3个中有1个符合" in s for s in steps)
    assert any("1 of 3 meet" in s["en"] for s in item["steps"])


def test_one_filing_date_stands_for_every_model_and_a_wrong_number_of_dates_is_refused_at_its_field():
    item = only_item({"as_of": AS_OF, "claims": [claim("m4-2", models="2", filing_date="2026-03-01")]})
    assert item["amount"] == "1000000.00"
    with pytest.raises(ScenarioError) as caught:
        estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m4-2", models="3", filing_date="2026-03-01, 2026-04-01")]})
    [problem] = caught.value.problems
    assert problem.field == "claims[0].inputs.filing_date" and problem.code == "dates_count"
    assert "填写了2个日期" in problem.zh and "2 dates were given" in problem.en


# 1. Overlap groups apply to the same costs only --------------------------------------------------------------

RENTAL_AND_VOUCHER = [claim("m2-2", compute_rental_fees_paid="1000万"), claim("m9-4", compute_costs="20万")]


def test_the_overlap_question_and_its_reading_are_stated_once_with_the_answer():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": RENTAL_AND_VOUCHER})
    [question] = result["overlap_questions"]
    assert question["group"] == "compute-costs" and question["answer"] == "unsure" and question["basis"] == "interpretation"
    assert question["question"]["zh"].endswith("?") and question["question"]["en"].endswith("?")
    assert question["answer_label"] == {"zh": "不确定", "en": "not sure"}
    assert question["alternative"]["amount_added"] == "200000.00"
    # the reading is in the question, once; no step repeats the group's explanation or shows its internal key
    steps = [s for item in result["items"] for s in item["steps"]]
    assert not [s for s in steps if question["explanation"]["zh"] in s["zh"] or "compute-costs" in s["zh"] + s["en"]]


def test_different_costs_count_both_and_say_why():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": RENTAL_AND_VOUCHER, "overlaps": {"compute-costs": "different"}})
    assert [i["status"] for i in result["items"]] == ["eligible", "eligible"]
    assert result["overlap_questions"][0]["alternative"] is None
    for item in result["items"]:
        assert any("不同的费用" in s["zh"] and "different costs" in s["en"] for s in item["steps"])


@pytest.mark.parametrize("bad, code", [({"compute-costs": "maybe"}, "overlap_answer"), ({"no-such-group": "same"}, "overlap_unknown"),
                                       ([], "overlaps_type")])
def test_a_wrong_overlap_answer_is_refused_with_its_field(bad, code):
    with pytest.raises(ScenarioError) as caught:
        estimate(POLICY, {"as_of": AS_OF, "claims": RENTAL_AND_VOUCHER, "overlaps": bad})
    assert [p.code for p in caught.value.problems] == [code]
    assert caught.value.problems[0].field.startswith("overlaps")


# 2. m5-6 统筹省、市政策 ----------------------------------------------------------------------------------------

def test_provincial_support_counts_against_the_smart_factory_ceiling_as_an_interpretation():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m5-6", factory_level="pilot", honour_date="2026-03-01")],
                               "other_support": [{"provision": "m5-6", "amount": "100万", "level": "province"}]})
    [item] = result["items"]
    assert item["amount"] == "4000000.00"
    [step] = [s for s in item["steps"] if s["quote"] == "统筹省、市政策"]
    assert "本项目解读" in step["zh"] and "this project's interpretation" in step["en"]
    assert any(n["basis"] == "interpretation" and "江苏省" in n["zh"] for n in item["notes"])
    [other] = result["other_support"]
    assert other["level_label"] == {"zh": "江苏省政策", "en": "a Jiangsu provincial policy"} and other["overlap"] is None
    # what was done with the amount, in a line; the reading itself is stated once, in the item's notes
    assert other["note"]["zh"].startswith("已从上限中扣除") and other["note"]["en"].startswith("Deducted from the ceiling")


def test_provincial_support_elsewhere_is_reported_as_not_compared():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万")],
                               "other_support": [{"provision": "m2-2", "amount": "250万", "level": "province"}]})
    assert result["items"][0]["amount"] == "2000000.00"
    note = result["other_support"][0]["note"]
    assert "我市相关政策" in note["zh"] and "Jiangsu" in note["en"]


def test_other_support_defaults_to_suzhou_and_an_unknown_level_is_refused():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万")],
                               "other_support": [{"provision": "m2-2", "amount": "250万"}]})
    assert result["other_support"][0]["level"] == "city" and result["items"][0]["status"] == "set_aside"
    with pytest.raises(ScenarioError) as caught:
        estimate(POLICY, {"as_of": AS_OF, "claims": [], "other_support": [{"provision": "m2-2", "amount": "1", "level": "nation"}]})
    assert caught.value.problems[0].field == "other_support[0].level"


# 7. Verbatim means verbatim ----------------------------------------------------------------------------------

def test_selection_conditions_quote_the_words_that_select(policy_pristine):
    provisions = {p["id"]: p for p in policy_pristine["provisions"]}
    assert provisions["m4-1"]["conditions"][0]["text"]["zh"] == "每年培育遴选一批垂直领域模型"
    assert provisions["m5-3"]["conditions"][0]["text"]["zh"] == "每年遴选一批典型人工智能产品或解决方案"
    assert [c["id"] for c in provisions["m1-8"]["conditions"]] == ["took_part_in_contest"]
    beneficiary = provisions["m11-2"]["beneficiary"]
    assert beneficiary["verbatim"] and beneficiary["text"]["zh"] == "主导制定ISO、IEC、ITU发布的国际标准以及主导制定国家标准的"
    assert beneficiary["text"]["zh"] in provisions["m11-2"]["fragments"][0]["zh"]


def test_the_coordination_term_is_the_texts_own_words(policy_pristine):
    coordinated = [p for p in policy_pristine["provisions"] if p["coordination"]]
    assert [p["id"] for p in coordinated] == ["m5-6"]
    assert all(p["coordination"]["term"] in p["fragments"][0]["zh"] for p in coordinated)
    uncoordinated = [p["id"] for p in policy_pristine["provisions"] if not p["coordination"] and "统筹省" in p["fragments"][0]["zh"]]
    assert uncoordinated == []


# 8. Open questions are said, not hidden ---------------------------------------------------------------------

def test_whether_several_contest_prizes_each_count_is_stated_as_a_reading():
    item = only_item({"as_of": AS_OF, "claims": [claim("m1-8", prize_level="first", award_date="2026-03-01")]})
    assert any(n["basis"] == "interpretation" and "多个" in n["zh"] and "several" in n["en"] for n in item["notes"])


def test_whether_one_person_gets_both_talent_fundings_is_stated_as_a_reading():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m7-1", talent_category="leading_talent", recognition_date="2026-03-01"),
                                                          claim("m7-4", talents="1")]})
    for item in result["items"]:
        assert any(n["basis"] == "interpretation" and "同一人" in n["zh"] and "same person" in n["en"] for n in item["notes"])


# 9. Totals by period -----------------------------------------------------------------------------------------

MIXED = {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万"), claim("m7-2", doctorates="1", masters="0", bachelors="0")]}


def test_totals_are_given_per_period_in_the_texts_words_and_the_graduates_money_is_not_the_employers():
    result = estimate(POLICY, MIXED)
    assert [(t["period"], t["label"]["zh"], t["amount"]) for t in result["period_totals"]] == [("per_year", "每年", "2000000.00")]
    assert [(t["period"], t["label"]["zh"], t["amount"]) for t in result["talent_period_totals"]] == [("one_off", "一次性", "100000.00")]


@pytest.mark.parametrize("lang, heading, per_year, one_off", [
    ("zh", "合计(按期限分列,不同期限的金额不相加", "申请主体可得:\n    每年:最高200万元(2,000,000.00元)",
     "付给人才本人,不归用人单位:\n    一次性:10万元(100,000.00元)"),
    ("en", "Totals by period (amounts of different periods are not added up", "For the applicant:\n    per year: up to 2,000,000.00 yuan",
     "Paid to the talents themselves, not to the employer:\n    one-off: 100,000.00 yuan")])
def test_the_text_output_shows_totals_per_period_and_no_mixed_grand_total(lang, heading, per_year, one_off):
    text = explain(estimate(POLICY, MIXED), lang)
    assert heading in text and per_year in text and one_off in text
    assert "2,100,000.00" not in text  # the two periods are never added into one figure


def test_the_cli_text_output_carries_the_same_totals(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(MIXED), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "calc", "estimate", str(path), "--format", "text", "--lang", "en"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "per year: up to 2,000,000.00 yuan" in out.stdout and "2,100,000.00" not in out.stdout
