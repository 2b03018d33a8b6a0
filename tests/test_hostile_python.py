"""Hostile input on the Python side (issue 12): the library, the CLI and the policy validator.

Each example of the issue is a test here; generated input (Hypothesis, bounded examples) checks the rest: any JSON
value or byte string gives a clean error, never another exception; every scenario drawn from
policy/scenario.schema.json (with values a person would type) gives a result valid against result.schema.json.
The full table of bounded subprocess runs is scripts/hostile_table.py.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calc.browser
from calc import PolicyError, ScenarioError, estimate, load_policy, parse_amount, parse_count
from calc.jsonin import MAX_DEPTH, scenario_from_json
from calc.problems import InputProblem
from calc.schema import Validator, unknown_keywords
from calc.terminal import json_for_terminal, one_line, shown
from scripts.policy_checks import check_file, check_policy
from tests.conftest import ROOT
from tests.scenarios import money_text, random_fen, random_inputs
from tests.schema_strategy import from_schema, json_values

POLICY = load_policy()
SCENARIO_SCHEMA = json.loads((ROOT / "policy" / "scenario.schema.json").read_text(encoding="utf-8"))
RESULT_SCHEMA = json.loads((ROOT / "policy" / "result.schema.json").read_text(encoding="utf-8"))
POLICY_SCHEMA = json.loads((ROOT / "policy" / "policy.schema.json").read_text(encoding="utf-8"))
GOOD = '{"as_of": "2026-06-01", "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": %s}}]}'
VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate_policy.py")]


def refused(text: str | bytes) -> list[tuple[str, str]]:
    """(field, code) of every problem the scenario boundary and the calculator find in ``text``."""
    with pytest.raises(ScenarioError) as caught:
        estimate(POLICY, scenario_from_json(text))
    for problem in caught.value.problems:
        assert problem.zh and problem.en, problem
    return [(p.field, p.code) for p in caught.value.problems]


def calc_cli(*args, stdin: bytes | None = None, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"} | (env or {})
    return subprocess.run([sys.executable, "-m", "calc", *args], input=stdin, capture_output="stdout" not in kwargs,
                          cwd=ROOT, timeout=60, env=environment, **kwargs)


# ----------------------------------------------------------------------------------- 1. the input boundary

@pytest.mark.parametrize("number, code", [("1e1000000", "number_exponent"), ("1e999999999", "number_exponent"),
                                          ("1e6", "number_exponent"), ("800.5", "number_fraction"),
                                          ("9" * 5000, "number_too_long")])
def test_json_numbers_are_checked_as_text_before_they_cost_anything(number, code):
    tracemalloc.start()
    try:
        assert refused(GOOD % number) == [("claims[0].inputs.compute_rental_fees_paid", code)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak:,} bytes allocated for a {len(number)}-character number"


def test_five_huge_numbers_in_other_support_are_five_problems_in_one_message():
    text = ('{"as_of": "2026-06-01", "claims": [], "other_support": ['
            + ",".join('{"provision": "m2-2", "amount": 1e999999999}' for _ in range(5)) + "]}")
    assert refused(text) == [(f"other_support[{i}].amount", "number_exponent") for i in range(5)]


def test_an_integer_number_of_yuan_is_still_accepted_as_the_readme_says():
    result = estimate(POLICY, scenario_from_json(GOOD % "8000000"))
    assert result["items"][0]["amount"] == "2000000.00"


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000, GOOD % ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))])
def test_deep_nesting_is_refused_before_parsing_by_estimate_the_loader_and_the_validator(text, tmp_path):
    assert refused(text) == [("$", "too_deep")]
    with pytest.raises(PolicyError) as caught:
        load_policy(text)
    assert caught.value.problems[0].startswith(f"$: the policy is nested too deeply (more than {MAX_DEPTH} levels, at line 1")
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    assert [p.path for p in check_file(path)] == ["$"]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udc00\\ud800"])
def test_a_lone_surrogate_is_refused_where_it_stands(escape):
    text = ('{"as_of": "2026-06-01", "claims": [], "other_support": [{"provision": "m2-2", "amount": "1", '
            f'"source": "{escape}"}}]}}')
    assert refused(text) == [("other_support[0].source", "lone_surrogate")]
    assert refused('{"%s": 1}' % escape) == [("$", "lone_surrogate")]


def test_a_valid_surrogate_pair_is_a_character_and_is_accepted():
    text = GOOD.replace("}]}", '}], "other_support": [{"provision": "m2-2", "amount": "1", "source": "\\ud83d\\ude00"}]}') % '"1"'
    assert estimate(POLICY, scenario_from_json(text))["items"]


@pytest.mark.parametrize("data", [b'{"as_of": "2026-06-01\xff"}', b"\xed\xa0\x80", b"\xc0\xaf",
                                  '{"as_of": "2026-06-01"}'.encode("utf-16")])
def test_bytes_that_are_not_utf8_are_refused(data):
    assert refused(data) == [("$", "not_utf8")]


def test_a_byte_order_mark_is_allowed_and_too_much_text_is_refused_before_parsing():
    assert estimate(POLICY, scenario_from_json(b"\xef\xbb\xbf" + (GOOD % '"1"').encode()))["items"]
    assert refused(b" " * 1_000_001) == [("$", "too_large")]


@pytest.mark.parametrize("text, field", [
    ('{"as_of": "2026-06-01", "as_of": "2026-07-01", "claims": []}', "as_of"),
    (GOOD.replace('"compute_rental_fees_paid": %s', '"compute_rental_fees_paid": "1", "compute_rental_fees_paid": "9"'),
     "claims[0].inputs.compute_rental_fees_paid"),
    ('{"as_of": "2026-06-01", "claims": [], "other_support": [{"provision": "m2-2", "amount": "1", "amount": "9"}]}',
     "other_support[0].amount"),
])
def test_duplicate_keys_are_refused_in_scenarios(text, field):
    assert refused(text) == [(field, "duplicate_key")]


def test_duplicate_keys_are_refused_in_policy_files():
    text = (ROOT / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8")
    doubled = text.replace('"overlap_groups": [', '"overlap_groups": [], "overlap_groups": [', 1)
    with pytest.raises(PolicyError) as caught:
        load_policy(doubled)
    assert caught.value.problems == ['$.overlap_groups: The key "overlap_groups" appears more than once.']


@pytest.mark.parametrize("value", ["10²万", "3²", "①", "٣٠٠", "१००", "Ⅷ", "½", "８００⁰万"])
def test_only_ascii_and_full_width_digits_are_read(value):
    with pytest.raises(InputProblem) as caught:
        parse_amount(value, "fee")
    assert caught.value.code == "digit_not_allowed"
    with pytest.raises(InputProblem):
        parse_count(value, "doctorates")
    assert parse_amount("８００万", "fee") == parse_amount("800万", "fee")
    assert parse_count("３", "doctorates") == 3


def test_superscript_digits_are_refused_by_the_cli_and_the_browser_entry():
    answer = json.loads(calc.browser.estimate_json(GOOD % '"10²万"'))
    assert answer["ok"] is False
    assert [(p["field"], p["code"]) for p in answer["error"]["problems"]] == [
        ("claims[0].inputs.compute_rental_fees_paid", "digit_not_allowed")]
    scenario = {"as_of": "2026-06-01", "claims": [
        {"provision": "m7-2", "inputs": {"doctorates": "3²", "masters": "0", "bachelors": "0"}}]}
    result = calc_cli("estimate", "-", stdin=json.dumps(scenario).encode())
    assert result.returncode == 2 and result.stdout == b""
    assert [p["code"] for p in json.loads(result.stderr)["problems"]] == ["digit_not_allowed"]


# --------------------------------------------------------------------------------------- 2. the policy loader

def _policy_with(change) -> dict:
    policy = copy.deepcopy(POLICY.data)
    change(policy)
    return policy


def _set_cap(value):
    def change(policy):
        next(p for p in policy["provisions"] if p["kind"] == "share_of_base")["rule"]["cap"] = value
    return change


@pytest.mark.parametrize("change, path", [
    (lambda p: p.__setitem__("document", []), "$.document"),
    (lambda p: p.__setitem__("provisions", 5), "$.provisions"),
    (lambda p: p.__setitem__("provisions", [5]), "$.provisions[0]"),
    (lambda p: p.__setitem__("measures", "x"), "$.measures"),
    (lambda p: p.pop("agencies"), "$"),
    (_set_cap("1e30"), "$.provisions[2].rule.cap"),
    (_set_cap(" 2000000 "), "$.provisions[2].rule.cap"),
    (_set_cap("2_000_000"), "$.provisions[2].rule.cap"),
    (_set_cap("2000000\n"), "$.provisions[2].rule.cap"),
    (_set_cap("１２３"), "$.provisions[2].rule.cap"),
    (_set_cap(2000000), "$.provisions[2].rule.cap"),
    (lambda p: p["measures"][0]["agencies"].__setitem__(0, "city-hall"), "$.measures[0].agencies[0]"),
    (lambda p: p["provisions"][2]["sentences"].__setitem__(0, "m1-p9-s9"), "$.provisions[2].sentences[0]"),
])
def test_a_malformed_policy_is_refused_with_the_json_path_before_any_arithmetic(change, path):
    policy = _policy_with(change)
    for source in (policy, json.dumps(policy, ensure_ascii=False)):
        with pytest.raises(PolicyError) as caught:
            load_policy(source)
        assert all(problem.startswith("$") for problem in caught.value.problems)
        assert path in [problem.split(": ", 1)[0] for problem in caught.value.problems], caught.value.problems


def test_choice_options_that_are_not_the_tier_keys_are_refused():
    def change(policy):
        provision = next(p for p in policy["provisions"] if p["kind"] == "tiers" and p["rule"]["mode"] == "choose_one")
        provision["rule"]["tiers"][0]["key"] = "gold"
    with pytest.raises(PolicyError) as caught:
        load_policy(_policy_with(change))
    assert any("must be the tier keys" in p for p in caught.value.problems)


def test_every_keyword_of_every_schema_is_one_the_stdlib_validator_checks_or_ignores():
    for path in sorted((ROOT / "policy").glob("*.schema.json")):
        assert unknown_keywords(json.loads(path.read_text(encoding="utf-8"))) == set(), path.name


def test_the_stdlib_validator_agrees_with_jsonschema_on_the_policy_and_on_broken_copies():
    """The reference implementation (jsonschema, dev only) and calc.schema accept and refuse the same documents."""
    reference = jsonschema.Draft202012Validator(POLICY_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    ours = Validator(POLICY_SCHEMA)
    rng = random.Random(12)
    replacements = ["", "x", 0, -1, 1.5, None, True, [], {}, "2026-02-30", "m1-1", "0.3", "最高", [1, 1]]
    paths = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(POLICY.data, ())
    # jsonschema checks format "uri" only with the optional rfc3987 package (absent here); calc.schema always does.
    paths = [path for path in paths if "official_url" not in path]
    documents = [POLICY.data]
    for _ in range(60):
        document = copy.deepcopy(POLICY.data)
        path = rng.choice(paths[1:])
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and rng.random() < 0.2:
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(replacements))
        documents.append(document)
    for document in documents:
        assert (not ours.problems(document)) == reference.is_valid(document), ours.problems(document)[:3]


def test_new_schema_rules_need_no_code():
    schema = copy.deepcopy(POLICY_SCHEMA)
    schema["$defs"]["text"]["properties"]["en"]["maxLength"] = 3
    problems = [p for p in Validator(schema).problems(POLICY.data) if not p.startswith("$: ")]
    assert problems and all(p.endswith(".en: is longer than 3 characters") for p in problems)


def test_ecma_end_anchor_and_digit_class_are_kept():
    validator = Validator({"type": "string", "pattern": "^\\d+$"})
    assert validator.problems("12") == []
    assert validator.problems("12\n") and validator.problems("١٢")


# ---------------------------------------------------------------------------------------------- 3. the CLI

def test_a_closed_pipe_ends_quietly_with_one_line():
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = calc_cli("list", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr.decode().splitlines() == [
        "python -m calc: the output was closed before it was complete (broken pipe); nothing more was written"]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_an_output_encoding_that_cannot_show_the_result_ends_with_a_clear_message(encoding):
    result = calc_cli("list", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 4 and result.stdout == b""
    assert "PYTHONIOENCODING=utf-8" in json.loads(result.stderr)["message"]
    error = calc_cli("estimate", "-", stdin=b'{"as_of": "x"}', env={"PYTHONIOENCODING": encoding})
    assert error.returncode == 2 and b"Traceback" not in error.stderr
    assert json.loads(error.stderr)["problems"][0]["zh"]  # \u-escaped Chinese, still the same JSON


def test_invalid_utf8_on_standard_input_is_refused_and_never_reaches_standard_output():
    result = calc_cli("estimate", "-", stdin=b'{"as_of": "2026-06-01", "claims": [], "x": "\xff\xfe"}')
    assert result.returncode == 2 and result.stdout == b""
    assert json.loads(result.stderr)["problems"][0]["code"] == "not_utf8"


@pytest.mark.parametrize("raw, escaped", [("a\nb", "a\\nb"), ("\x1b[2J", "\\x1b[2J"), ("\u202e政策", "\\u202e政策"),
                                          ("x\r合计", "x\\r合计"), ("\x9b31m", "\\x9b31m"), ("a\u2028b", "a\\u2028b"),
                                          ("苏州\u3000政策", "苏州\u3000政策"), ("\U0001f600", "\U0001f600")])
def test_text_output_escapes_what_could_move_the_cursor_or_forge_a_line(raw, escaped):
    assert one_line(raw) == escaped
    assert shown({"a": [raw]}) == {"a": [escaped]}
    assert json.loads(json_for_terminal(json.dumps(raw, ensure_ascii=False))) == raw


def test_a_policy_label_cannot_forge_a_total_line_or_reach_the_terminal_raw(tmp_path):
    policy = copy.deepcopy(POLICY.data)
    m22 = next(p for p in policy["provisions"] if p["id"] == "m2-2")
    m22["label"]["zh"] = "补贴\n合计: 999,999,999.00元\x1b[2J"
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
    scenario = GOOD % '"800万"'
    for args in (["estimate", "-", "--format", "text"], ["list"]):
        result = calc_cli("--policy", str(path), *args, stdin=scenario.encode())
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode()
        assert "\x1b" not in out
        assert not any(line.startswith("合计: 999") for line in out.splitlines())
        assert "补贴\\n合计: 999,999,999.00元\\x1b[2J" in out


# ------------------------------------------------------------------------------------------ 4. the validator

def test_the_validator_shows_control_characters_escaped_and_ends_quietly_on_a_closed_pipe(tmp_path):
    policy = copy.deepcopy(POLICY.data)
    policy["provisions"][0]["label"]["zh"] = "标签\n合计: 999\x1b[2J"
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([*VALIDATE, str(path)], capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1 and result.stderr == b""
    assert b"\x1b" not in result.stdout and b"\n\xe5" not in result.stdout
    assert b"$.provisions[0].label.zh: contains a line break, control or invisible format character" in result.stdout
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        closed = subprocess.run([*VALIDATE, str(path)], stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert closed.returncode == 1
    assert closed.stderr == (b"validate_policy: the output was closed before it was complete (broken pipe); "
                             b"nothing more was written\n")


def _grown(copies: int) -> dict:
    """The policy with every measure's paragraphs and every provision repeated ``copies`` times (new ids)."""
    policy = copy.deepcopy(POLICY.data)
    extra_provisions = []
    for measure in policy["measures"]:
        first = copy.deepcopy(measure["paragraphs"])
        for k in range(1, copies):
            for paragraph in copy.deepcopy(first):
                n = len(measure["paragraphs"]) + 1
                paragraph["id"] = f"{measure['id']}-p{n}"
                for s, sentence in enumerate(paragraph["sentences"]):
                    sentence["id"] = f"{measure['id']}-p{n}-s{s + 1}"
                measure["paragraphs"].append(paragraph)
    for k in range(1, copies):
        for provision in copy.deepcopy(POLICY.data["provisions"]):
            provision["id"] = f"{provision['measure']}-{100 * k + int(provision['id'].split('-')[1])}"
            extra_provisions.append(provision)
    policy["provisions"] += extra_provisions
    return policy


def _digits(length: int) -> dict:
    """The policy with a 'fragment' of ``length`` digits (the issue's 135 kB case took 52 s)."""
    policy = copy.deepcopy(POLICY.data)
    policy["provisions"][1]["fragments"][0]["zh"] = "9" * length
    return policy


def _seconds_per_byte(document: dict) -> float:
    size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    best = min(_timed(lambda: check_policy(document, POLICY_SCHEMA)) for _ in range(3))
    return best / size


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


@pytest.mark.parametrize("make, small, large", [(_grown, 1, 6), (_digits, 20_000, 160_000)],
                         ids=["more measures and provisions", "a longer run of digits"])
def test_the_validator_takes_the_same_time_per_byte_as_its_input_grows(make, small, large):
    """A ratio measured in one run, not a time limit: a quadratic scan would make it grow with the size."""
    ratio = _seconds_per_byte(make(large)) / _seconds_per_byte(make(small))
    assert ratio < 2.5, f"time per byte grew {ratio:.1f}x from {small} to {large}"


# --------------------------------------------------------------------------- 6. generated input (Hypothesis)

BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _clean_failure(answer: str) -> dict:
    parsed = json.loads(answer)
    if parsed["ok"]:
        return parsed
    for problem in parsed["error"]["problems"]:
        if isinstance(problem, dict):
            assert {"field", "code", "zh", "en"} <= problem.keys(), problem
        else:
            assert problem.startswith("$"), problem
    return parsed


@BOUNDED
@given(json_values())
def test_any_json_value_gives_a_result_or_a_clean_error(value):
    text = json.dumps(value, ensure_ascii=True)
    answer = _clean_failure(calc.browser.estimate_json(text))
    if answer["ok"]:
        jsonschema.validate(answer["result"], RESULT_SCHEMA)
    policy_answer = json.loads(calc.browser.load_policy_json(text))  # refused: the loaded policy stays
    assert policy_answer["ok"] is False and all(p.startswith("$") for p in policy_answer["error"]["problems"])


@BOUNDED
@given(data=st.binary(max_size=300) | json_values().map(lambda v: json.dumps(v).encode()).flatmap(
    lambda data: st.integers(0, max(len(data) - 1, 0)).map(lambda cut: data[:cut] + b"\xff" + data[cut:])))
def test_any_byte_string_gives_a_clean_error(data, tmp_path_factory):
    try:
        estimate(POLICY, scenario_from_json(data))
    except ScenarioError as error:
        assert error.problems and all(p.field and p.en for p in error.problems)
    with pytest.raises(PolicyError) as caught:
        load_policy(data)
    assert all(p.startswith("$") for p in caught.value.problems)
    path = tmp_path_factory.mktemp("bytes") / "policy.json"
    path.write_bytes(data)
    assert all(p.path.startswith("$") for p in check_file(path))


@BOUNDED
@given(from_schema(SCENARIO_SCHEMA))
def test_every_scenario_drawn_from_the_schema_gives_a_valid_result_or_a_clean_error(scenario):
    try:
        result = estimate(POLICY, scenario)
    except ScenarioError as error:
        assert error.problems and all(p.field and p.code and p.zh and p.en for p in error.problems)
        return
    jsonschema.validate(result, RESULT_SCHEMA)


PROVISIONS = POLICY.data["provisions"]


@st.composite
def _claim(draw, provision: dict) -> dict:
    rng = draw(st.randoms(use_true_random=False))
    claim = {"provision": provision["id"], "inputs": random_inputs(rng, provision)}
    conditions = draw(st.fixed_dictionaries({}, optional={c["id"]: st.booleans() for c in provision["conditions"]}))
    return {**claim, "conditions": conditions} if conditions else claim


@st.composite
def _amount(draw) -> str:
    rng = draw(st.randoms(use_true_random=False))
    return money_text(rng, random_fen(rng))


def _valid_scenarios():
    """The schema's shape and limits, with the values the policy declares in the places the schema leaves open:
    provision ids, their inputs and conditions, overlap group ids, amounts as people type them."""
    claims = st.lists(st.sampled_from(PROVISIONS), min_size=1, max_size=6, unique_by=lambda p: p["id"]).flatmap(
        lambda chosen: st.tuples(*[_claim(p) for p in chosen]).map(list))
    overlaps = {}
    if "overlaps" in SCENARIO_SCHEMA["properties"]:
        answers = from_schema(SCENARIO_SCHEMA["properties"]["overlaps"]["additionalProperties"])
        overlaps = {"/properties/overlaps": st.dictionaries(st.sampled_from([g["id"] for g in POLICY.overlap_groups]), answers)}
    return from_schema(SCENARIO_SCHEMA, overrides={**overlaps,
        "/properties/as_of": st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31)).map(str),
        "/properties/claims": claims,
        "/properties/other_support/items/properties/provision": st.sampled_from([p["id"] for p in PROVISIONS]),
        "/properties/other_support/items/properties/amount": _amount(),
    })


@settings(BOUNDED, max_examples=40)
@given(_valid_scenarios())
def test_every_valid_scenario_drawn_from_the_schema_gives_a_result_valid_against_the_result_schema(scenario):
    jsonschema.validate(scenario, SCENARIO_SCHEMA)
    result = estimate(POLICY, scenario)
    jsonschema.validate(result, RESULT_SCHEMA)
    answer = json.loads(calc.browser.estimate_json(json.dumps(scenario, ensure_ascii=False)))
    assert answer == {"ok": True, "result": result}


def test_a_scenario_with_thousands_of_problems_lists_a_readable_number_and_says_how_many_more():
    from calc.problems import MAX_PROBLEMS
    scenario = {"as_of": "2026-06-01", "claims": [], **{f"unknown{i}": 1 for i in range(5000)}}
    with pytest.raises(ScenarioError) as caught:
        estimate(load_policy(), scenario)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].code == "more_problems" and f"{5000 - MAX_PROBLEMS} more" in problems[-1].en
    assert f"另有{5000 - MAX_PROBLEMS}个问题" in problems[-1].zh
