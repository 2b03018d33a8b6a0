"""The calculator's profile (policy/profiles.json), as data.

Which answers lead to which provisions is data, validated by its own schema: every provision is reached by at
least one answer, roles overlap as people do (a small firm also sees what an AI firm sees), every role a
version-1 link could carry still means something. (The catalogs' own tests: test_catalogs.py.)
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from scripts.sitegen.profiles import SCHEMA_PATH, answer_provisions, load_profiles, problems


@pytest.fixture(scope="module")
def profiles() -> dict:
    return load_profiles()


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
            answer["provisions"] = [pid for pid in answer["provisions"] if pid != "m8-3"]
    assert "provision m8-3 is reached by no answer" in problems(broken, policy)


def test_a_small_firm_sees_what_an_ai_firm_sees_including_the_compute_rental_subsidy(profiles):
    resolved = answer_provisions(profiles)
    assert set(resolved["ai_firm"]) <= set(resolved["small_firm"])
    assert "m2-2" in resolved["small_firm"]


def test_a_dataset_buyer_is_led_to_the_purchase_subsidy_and_the_corpus_voucher(profiles):
    assert {"m1-3", "m9-5"} <= set(answer_provisions(profiles)["bought_data"])


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
