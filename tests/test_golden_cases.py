"""The calculator reproduces every published golden case, and the cases are up to date and well formed."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from calc import estimate, load_policy
from tests.conftest import ROOT

CASES = sorted((ROOT / "policy" / "cases").glob("*.json"))
SCENARIO_SCHEMA = json.loads((ROOT / "policy" / "scenario.schema.json").read_text(encoding="utf-8"))
RESULT_SCHEMA = json.loads((ROOT / "policy" / "result.schema.json").read_text(encoding="utf-8"))
POLICY = load_policy()


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def project(result: dict) -> dict:
    """The part of a result a golden case fixes: per item status, amount (and, set aside, the amount it would have
    given), up_to, bound, planned and whose money it is; the totals, the applicant's totals per period apart from
    the talents', and for each overlap group the answer used and what "different" would add."""
    return {
        "items": [{key: item[key] for key in ("provision", "status", "amount", "amount_before_overlap", "up_to", "bound", "planned")}
                  | {"recipient": item["recipient"]["party"] if item["recipient"] else None}
                  for item in result["items"]],
        "total": result["total"],
        "total_up_to": result["total_up_to"],
        "total_fixed": result["total_fixed"],
        "period_totals": [{"period": t["period"], "amount": t["amount"]} for t in result["period_totals"]],
        "talent_period_totals": [{"period": t["period"], "amount": t["amount"]} for t in result["talent_period_totals"]],
        "overlap_questions": [{"group": q["group"], "answer": q["answer"],
                               "amount_added": q["alternative"]["amount_added"] if q["alternative"] else None}
                              for q in result["overlap_questions"]],
    }


def test_the_cases_on_disk_are_the_ones_the_generator_writes():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_golden_cases.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def test_every_monetary_provision_has_golden_cases_and_share_provisions_have_three():
    policy = POLICY.data
    covered: dict[str, int] = {}
    for path in CASES:
        for claim in _load(path)["scenario"]["claims"]:
            covered[claim["provision"]] = covered.get(claim["provision"], 0) + 1
    for provision in policy["provisions"]:
        assert provision["id"] in covered, provision["id"]
        if provision["kind"] == "share_of_base":
            names = {p.name for p in CASES}
            assert {f"{provision['id']}-{s}.json" for s in ("below-cap", "at-cap", "above-cap")} <= names
        if provision["date_rule"]:
            assert (ROOT / "policy" / "cases" / f"{provision['id']}-date-before.json").exists()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path):
    case = _load(path)
    assert case["name"].endswith(".") and " " in case["name"], "case names are full sentences"
    jsonschema.validate(case["scenario"], SCENARIO_SCHEMA)
    result = estimate(POLICY, case["scenario"])
    jsonschema.validate(json.loads(json.dumps(result)), RESULT_SCHEMA)
    assert project(result) == case["expected"]


def test_there_are_enough_cases():
    assert len(CASES) >= 100
