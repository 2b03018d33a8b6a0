"""Properties that hold for every input: never negative, never above the cap, monotone in the base,
linear per unit, Decimal end to end."""

from __future__ import annotations

import ast
import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calc import estimate, load_policy
from tests.conftest import ROOT

POLICY = load_policy()
PROVISIONS = POLICY.data["provisions"]
SHARE = [p for p in PROVISIONS if p["kind"] == "share_of_base"]
PER_UNIT = [p for p in PROVISIONS if p["kind"] in ("ceiling", "fixed") and p["rule"]["count_input"]]
COUNT_EACH = [p for p in PROVISIONS if p["kind"] == "tiers" and p["rule"]["mode"] == "count_each"]
MONETARY = [p for p in PROVISIONS if p["kind"] in ("share_of_base", "ceiling", "fixed", "tiers")]

fen = st.integers(min_value=0, max_value=10**13).map(lambda cents: Decimal(cents) / 100)


def fill(provision: dict, **overrides) -> dict:
    values = {}
    for spec in provision["inputs"]:
        values[spec["name"]] = {"money": "0", "count": "1", "date": "2026-03-01", "dates": "2026-03-01"}.get(
            spec["type"], spec["options"][0]["value"] if spec["type"] == "choice" else True)
    values.update(overrides)
    return {"provision": provision["id"], "inputs": values}


def run(*claims) -> dict:
    return estimate(POLICY, {"as_of": "2026-06-30", "claims": list(claims)})


def amount(result: dict, index: int = 0) -> Decimal:
    return Decimal(result["items"][index]["amount"])


def walk(value):
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


@settings(max_examples=300, deadline=None)
@given(provision=st.sampled_from(SHARE), base=fen)
def test_a_share_is_never_negative_never_above_the_cap_and_never_above_rate_times_base(provision, base):
    rule = provision["rule"]
    got = amount(run(fill(provision, **{rule["base_input"]: format(base, "f")})))
    assert Decimal(0) <= got <= Decimal(rule["cap"])
    assert got <= Decimal(rule["rate"]) * base + Decimal("0.005")  # rounding to the fen adds at most half a fen


@settings(max_examples=200, deadline=None)
@given(provision=st.sampled_from(SHARE), a=fen, b=fen)
def test_a_share_is_monotone_in_the_base(provision, a, b):
    low, high = sorted((a, b))
    name = provision["rule"]["base_input"]
    result = run(fill(provision, **{name: format(low, "f")}))
    assert amount(result) <= amount(run(fill(provision, **{name: format(high, "f")})))


@settings(max_examples=200, deadline=None)
@given(provision=st.sampled_from(PER_UNIT), n=st.integers(min_value=0, max_value=100_000))
def test_per_unit_amounts_are_linear_in_the_count(provision, n):
    name = provision["rule"]["count_input"]
    one = amount(run(fill(provision, **{name: "1"})))
    assert amount(run(fill(provision, **{name: str(n)}))) == one * n


@settings(max_examples=100, deadline=None)
@given(provision=st.sampled_from(COUNT_EACH), counts=st.lists(st.integers(0, 1000), min_size=3, max_size=3))
def test_count_each_tiers_add_up_tier_by_tier(provision, counts):
    tiers = provision["rule"]["tiers"]
    inputs = {tier["count_input"]: str(count) for tier, count in zip(tiers, counts)}
    expected = sum((Decimal(t["amount"]) * c for t, c in zip(tiers, counts)), Decimal(0))
    assert amount(run(fill(provision, **inputs))) == expected


@settings(max_examples=150, deadline=None)
@given(chosen=st.lists(st.sampled_from(MONETARY), min_size=1, max_size=8, unique_by=lambda p: p["id"]), base=fen)
def test_any_mix_of_claims_gives_non_negative_amounts_that_add_up_and_no_float(chosen, base):
    claims = []
    for provision in chosen:
        claim = fill(provision)
        if provision["kind"] == "share_of_base":
            claim["inputs"][provision["rule"]["base_input"]] = format(base, "f")
        claims.append(claim)
    result = run(*claims)
    counted = [Decimal(i["amount"]) for i in result["items"] if i["status"] == "eligible"]
    assert all(value >= 0 for value in counted)
    assert Decimal(result["total"]) == sum(counted, Decimal(0))
    assert Decimal(result["total_up_to"]) + Decimal(result["total_fixed"]) == Decimal(result["total"])
    assert not any(isinstance(value, float) for value in walk(result))
    json.dumps(result)  # plain JSON types only


def test_no_float_is_created_anywhere_in_the_calculator():
    """Decimal end to end: no float() call, float literal or float division feeding money in calc/."""
    offenders = []
    for path in sorted((ROOT / "calc").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                offenders.append(f"{path.name}:{node.lineno} float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{path.name}:{node.lineno} float literal")
    assert offenders == []


def test_json_numbers_with_decimals_are_refused_and_the_same_amount_as_text_is_exact():
    """README: money is text or an integer number of yuan; a JSON number with decimals is refused (issue 12)."""
    from calc.browser import estimate_json

    def ask(value: str) -> dict:
        return json.loads(estimate_json('{"as_of": "2026-06-30", "claims": [{"provision": "m2-2", '
                                        f'"inputs": {{"compute_rental_fees_paid": {value}}}}}]}}'))

    refused = ask("1000000.10")
    assert refused["ok"] is False
    assert [(p["field"], p["code"]) for p in refused["error"]["problems"]] == [
        ("claims[0].inputs.compute_rental_fees_paid", "number_fraction")]
    answer = ask('"1000000.10"')
    assert answer["ok"] is True
    assert answer["result"]["items"][0]["amount"] == "300000.03"
