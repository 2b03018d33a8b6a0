"""tests/scenarios.py draws valid, varied scenarios, the same ones for the same seed."""

from __future__ import annotations

import json
import random
import unicodedata
from decimal import Decimal

import calc.browser
from calc.money import parse_amount
from tests.scenarios import FIRST_DAY, LAST_DAY, money_text, random_scenarios


def test_the_same_seed_gives_the_same_scenarios_and_another_seed_others(policy_pristine):
    assert random_scenarios(policy_pristine, 50, 1) == random_scenarios(policy_pristine, 50, 1)
    assert random_scenarios(policy_pristine, 50, 1) != random_scenarios(policy_pristine, 50, 2)


def test_every_scenario_is_accepted_by_the_calculator(policy_pristine):
    calc.browser.load_policy_json(json.dumps(policy_pristine, ensure_ascii=False))
    for scenario in random_scenarios(policy_pristine, 400, 11):
        answer = json.loads(calc.browser.estimate_json(json.dumps(scenario, ensure_ascii=False)))
        assert answer["ok"], (scenario, answer)


def test_money_texts_mean_exactly_the_amount_drawn_in_every_format():
    rng = random.Random(5)
    seen = set()
    for _ in range(3000):
        fen = rng.choice([0, 1, 99, 10**6, 123456789, 10**14 - 1, rng.randrange(10**14)])
        text = money_text(rng, fen)
        assert len(text) <= 40
        assert parse_amount(text, "x") == Decimal(fen) / 100, text
        plain = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
        seen.add("full-width" if text != unicodedata.normalize("NFKC", text) else "ascii")
        seen.add("spaces" if " " in text else "no spaces")
        seen.add("grouped" if "," in plain else "ungrouped")
        for unit in ("万亿", "亿", "万", "元", "¥"):
            if unit in plain:
                seen.add(unit)
                break
    assert seen >= {"full-width", "ascii", "spaces", "grouped", "ungrouped", "万亿", "亿", "万", "元", "¥"}


def test_the_scenarios_cover_dates_conditions_choices_counts_and_other_support(policy_pristine):
    scenarios = random_scenarios(policy_pristine, 1000, 3)
    specs = {p["id"]: {s["name"]: s for s in p["inputs"]} for p in policy_pristine["provisions"]}
    rule_start = {p["id"]: p["date_rule"]["on_or_after"] for p in policy_pristine["provisions"] if p["date_rule"]}
    as_of = [s["as_of"] for s in scenarios]
    assert any(d < FIRST_DAY.isoformat() for d in as_of) and any(d > LAST_DAY.isoformat() for d in as_of)
    assert sum(FIRST_DAY.isoformat() <= d <= LAST_DAY.isoformat() for d in as_of) > 500
    claims = [c for s in scenarios for c in s["claims"]]
    assert {c["provision"] for c in claims} == set(specs)
    conditions = [v for c in claims for v in c.get("conditions", {}).values()]
    assert True in conditions and False in conditions
    assert any("conditions" not in c for c in claims)
    before = after = 0
    for c in claims:
        for name, value in c["inputs"].items():
            kind = specs[c["provision"]][name]["type"]
            if kind == "date" and c["provision"] in rule_start:
                before += value < rule_start[c["provision"]]
                after += value >= rule_start[c["provision"]]
            if kind == "count":
                assert 0 <= int(value) <= 50
            if kind == "choice":
                assert value in [o["value"] for o in specs[c["provision"]][name]["options"]]
    assert before > 20 and after > 20
    assert sum("other_support" in s for s in scenarios) > 200
    assert max(len(s["claims"]) for s in scenarios) == 6
