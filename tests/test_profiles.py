"""The calculator's profile (policy/profiles.json), as data.

Which answers lead to which provisions, and how directly, is data validated by its own schema: every provision
is reached by at least one answer, roles overlap as people do (a small firm also sees what an AI firm sees),
every role a version-1 link could carry still means something. The matching list's order (profiles.ranked,
which the page's script follows; tests/test_matching_list_browser.py checks that it does): what the answers
point at directly first, every answer changes the list, and the leads follow the text (issue 18).
(The catalogs' own tests: test_catalogs.py.)
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from scripts.sitegen.profiles import (SCHEMA_PATH, answer_provisions, answer_weights, answers, load_profiles,
                                     narrowing_answers, page_data, problems, ranked)


@pytest.fixture(scope="module")
def profiles() -> dict:
    return load_profiles()


@pytest.fixture(scope="module")
def order(policy_pristine) -> list[str]:
    """The page's static order: the text's."""
    return [p["id"] for p in policy_pristine["provisions"]]


def listed(profiles, chosen, order) -> list[str]:
    first, more = ranked(profiles, set(chosen), order)
    return first + more


def test_the_profiles_are_valid_against_their_schema_and_the_schema_against_the_metaschema(profiles):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(profiles)


def test_the_profiles_agree_with_the_policy(profiles, policy):
    assert problems(profiles, policy) == []


def test_every_provision_is_reached_by_at_least_one_answer(profiles, policy):
    reached = {pid for pids in answer_provisions(profiles).values() for pid in pids}
    assert {p["id"] for p in policy["provisions"]} - reached == set()


def test_a_provision_reached_by_no_answer_is_reported(profiles, policy):
    broken = copy.deepcopy(profiles)
    for question in broken["questions"]:
        for answer in question["answers"]:
            answer["points_at"] = [pid for pid in answer["points_at"] if pid != "m8-3"] or answer.pop("open_to")
            answer["open_to"] = [pid for pid in answer.get("open_to", []) if pid != "m8-3"]
    assert "provision m8-3 is reached by no answer" in problems(broken, policy)


def test_a_provision_both_pointed_at_and_merely_open_and_weights_that_do_not_rank_are_reported(profiles, policy):
    broken = copy.deepcopy(profiles)
    broken["questions"][0]["answers"][0]["open_to"].append("m2-2")
    broken["weights"] = {"points_at": 1, "open_to": 1}
    found = problems(broken, policy)
    assert "answer ai_firm: m2-2 is both pointed at and merely open" in found
    assert "weights: points_at must weigh more than open_to" in found


def test_an_included_answer_counts_as_merely_open(profiles):
    weights, scale = answer_weights(profiles), profiles["weights"]
    assert weights["small_firm"]["m9-4"] == scale["points_at"]  # named in the text: 小微企业、OPC创业者
    assert weights["small_firm"]["m2-2"] == scale["open_to"]  # what an AI firm is pointed at, only open to a small firm
    assert weights["ai_firm"]["m2-2"] == scale["points_at"]

def test_a_small_firm_sees_what_an_ai_firm_sees_including_the_compute_rental_subsidy(profiles):
    resolved = answer_provisions(profiles)
    assert set(resolved["ai_firm"]) <= set(resolved["small_firm"])
    assert "m2-2" in resolved["small_firm"]


def test_a_dataset_buyer_is_led_to_the_purchase_subsidy_and_the_corpus_voucher(profiles):
    assert {"m1-3", "m9-5"} <= set(answer_provisions(profiles)["bought_data"])


def test_without_answers_every_provision_is_listed_in_the_texts_order(profiles, order):
    assert ranked(profiles, set(), order) == (order, [])


def test_an_opc_founder_finds_the_compute_rental_subsidy_and_both_vouchers_first(profiles, order):
    first, more = ranked(profiles, {"small_firm", "rented_compute", "holds_vouchers"}, order)
    assert set(first) == {"m2-2", "m9-4", "m9-5"}
    assert first[0] == "m9-4"  # pointed at by all three answers
    assert "m4-2" in more and "m9-2" in more  # an AI firm's provisions stay open to a small firm, folded


def test_a_manufacturer_finds_the_enablement_centre_the_typical_cases_and_the_smart_factories_first(profiles, order):
    assert ranked(profiles, {"manufacturer"}, order)[0] == ["m5-4", "m5-5", "m5-6"]
    first, _ = ranked(profiles, {"manufacturer", "won_honour"}, order)
    assert first[:2] == ["m5-5", "m5-6"]  # pointed at by both answers


def test_the_park_operator_is_led_to_the_park_subsidy_and_the_opc_community_is_not(profiles, order):
    """m9-3 pays 标杆类、特色类产业园运营主体 of parks rated 市级人工智能产业园; an OPC community's operator is paid nothing."""
    assert ranked(profiles, {"park_operator"}, order)[0] == ["m9-3"]
    assert "m9-3" not in listed(profiles, ["opc_community"], order)
    assert "m9-2" in listed(profiles, ["opc_community"], order)


@pytest.mark.parametrize("answer, provision", [
    ("university", "m1-3"), ("university", "m1-8"),  # 购买…的主体; 企事业单位
    ("ai_firm", "m10-1"), ("ai_firm", "m11-1"), ("ai_firm", "m12-1"),  # 企业举办的; 企事业单位; 支持企业、高校院所
    ("data_holder", "m1-4"),  # a public service platform for datasets and corpora
])
def test_an_answer_the_text_opens_a_provision_to_reaches_it(profiles, order, answer, provision):
    assert provision in listed(profiles, [answer], order)


def test_every_answer_alone_narrows_the_list_and_puts_what_it_points_at_first(profiles, order):
    for answer_id, answer in answers(profiles).items():
        first, more = ranked(profiles, {answer_id}, order)
        assert set(first) == set(answer["points_at"]), answer_id
        assert len(first) + len(more) < len(order), answer_id


def test_an_answer_of_a_narrowing_question_puts_only_what_it_points_at_first(profiles, order):
    """Who the reader is does not narrow; what they run or did does, whoever they are."""
    narrowing = set(narrowing_answers(profiles))
    assert narrowing == {a["id"] for q in profiles["questions"] if q["id"] in ("run", "did") for a in q["answers"]}
    for who in (a for a in answers(profiles) if a not in narrowing):
        for answer in narrowing:
            first, _ = ranked(profiles, {who, answer}, order)
            assert set(first) == set(answers(profiles)[answer]["points_at"]), (who, answer)


@pytest.mark.parametrize("answer", sorted(answers(load_profiles())))
def test_every_answer_changes_the_list_of_an_ai_firm(profiles, order, answer):
    """Added to an AI firm's profile (or, for the AI firm, to a compute renter's), each answer narrows or
    reorders the list: the third question too (issue 18)."""
    base = ["rented_compute"] if answer == "ai_firm" else ["ai_firm"]
    assert ranked(profiles, set(base + [answer]), order) != ranked(profiles, set(base), order)


def test_the_page_gets_what_it_needs_to_rank_the_list(profiles):
    data = page_data(profiles)
    assert data["weights"] == answer_weights(profiles)
    assert data["points_at"] == {a: answer["points_at"] for a, answer in answers(profiles).items()}
    assert set(data["narrowing"]) == set(narrowing_answers(profiles))
    assert data["v1_roles"] == profiles["v1_roles"]


def test_at_most_six_questions_and_every_answer_id_is_unique(profiles):
    ids = [a["id"] for q in profiles["questions"] for a in q["answers"]]
    assert len(profiles["questions"]) <= 6 and len(ids) == len(set(ids))


def test_every_role_of_a_version_1_link_maps_to_answers(profiles, policy):
    assert set(profiles["v1_roles"]) == {role["id"] for role in policy["roles"]}


def test_the_graduate_can_answer_as_a_person_with_every_count_of_the_provision(profiles, policy):
    person = next(p for p in profiles["as_person"] if p["provision"] == "m7-2")
    names = {spec["name"] for spec in next(p for p in policy["provisions"] if p["id"] == "m7-2")["inputs"]}
    for choice in person["choices"]:
        assert set(choice["inputs"]) == names
        assert sorted(choice["inputs"].values()) == ["0", "0", "1"]
