"""The policy as the calculator sees it: loaded once, checked for what the calculator relies on.

The full JSON Schema check (with ``jsonschema``) runs at build and test time in CPython. Here, with the
standard library only, the loader checks what the arithmetic needs (kinds, numbers, input references) and
reports each problem with its JSON path, so a malformed file never produces a wrong number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from .problems import PolicyError

KINDS = ("share_of_base", "ceiling", "fixed", "tiers", "open_amount", "non_monetary")
MONETARY_KINDS = ("share_of_base", "ceiling", "fixed", "tiers")
INPUT_TYPES = ("money", "count", "date", "choice", "boolean")
POLICY_FILE = "suzhou-ai-plus-2026.json"


@dataclass(frozen=True)
class Policy:
    """A loaded policy: the raw data plus the indexes the calculator uses."""

    data: dict
    provisions: dict[str, dict]
    sentences: dict[str, str]
    agencies: dict[str, dict]
    measures: dict[str, dict]
    overlap_groups: list[dict]
    in_force_from: date
    in_force_to: date
    group_of: dict[str, dict] = field(default_factory=dict)

    @property
    def closing(self) -> list[dict]:
        return self.data["document"]["closing"]["sentences"]


def _decimal(value, path: str, problems: list[str]) -> Decimal | None:
    if not isinstance(value, str):
        problems.append(f"{path}: must be a decimal string, not {type(value).__name__}")
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{path}: {value!r} is not a decimal number")
        return None
    if not number.is_finite() or number < 0:
        problems.append(f"{path}: {value!r} must be a finite, non-negative number")
        return None
    return number


def _date(value, path: str, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(f"{path}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _check_provision(p: dict, i: int, problems: list[str]) -> None:
    path = f"$.provisions[{i}]"
    kind = p.get("kind")
    if kind not in KINDS:
        problems.append(f"{path}.kind: unknown kind {kind!r}")
        return
    inputs = {}
    for j, item in enumerate(p.get("inputs") or []):
        if not isinstance(item, dict) or item.get("type") not in INPUT_TYPES or not isinstance(item.get("name"), str):
            problems.append(f"{path}.inputs[{j}]: needs a name and a type in {INPUT_TYPES}")
            continue
        inputs[item["name"]] = item

    def needs(name, wanted, where):
        if name not in inputs:
            problems.append(f"{path}.{where}: refers to input {name!r}, which is not in inputs")
        elif inputs[name]["type"] != wanted:
            problems.append(f"{path}.{where}: input {name!r} must be of type {wanted}")

    rule = p.get("rule")
    if kind in MONETARY_KINDS and not isinstance(rule, dict):
        problems.append(f"{path}.rule: a {kind} provision needs a rule")
        return
    if kind == "share_of_base":
        rate = _decimal(rule.get("rate"), f"{path}.rule.rate", problems)
        if rate is not None and rate > 1:
            problems.append(f"{path}.rule.rate: a rate cannot exceed 1 (100%)")
        _decimal(rule.get("cap"), f"{path}.rule.cap", problems)
        needs(rule.get("base_input"), "money", "rule.base_input")
    elif kind == "ceiling":
        _decimal(rule.get("cap"), f"{path}.rule.cap", problems)
    elif kind == "fixed":
        _decimal(rule.get("amount"), f"{path}.rule.amount", problems)
    elif kind == "tiers":
        tiers = rule.get("tiers") or []
        if not tiers:
            problems.append(f"{path}.rule.tiers: no tiers")
        for j, tier in enumerate(tiers):
            _decimal(tier.get("amount"), f"{path}.rule.tiers[{j}].amount", problems)
            if rule.get("mode") == "count_each":
                needs(tier.get("count_input"), "count", f"rule.tiers[{j}].count_input")
        if rule.get("mode") == "choose_one":
            needs(rule.get("tier_input"), "choice", "rule.tier_input")
        elif rule.get("mode") != "count_each":
            problems.append(f"{path}.rule.mode: unknown tier mode {rule.get('mode')!r}")
    if kind in ("ceiling", "fixed") and rule.get("count_input"):
        needs(rule["count_input"], "count", "rule.count_input")
    date_rule = p.get("date_rule")
    if date_rule:
        _date(date_rule.get("on_or_after"), f"{path}.date_rule.on_or_after", problems)
        needs(date_rule.get("input"), "date", "date_rule.input")


def from_dict(data: dict) -> Policy:
    """Index a policy dict, or raise PolicyError listing every problem with its JSON path."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise PolicyError(["$: a policy must be a JSON object"])
    for key in ("document", "measures", "provisions", "agencies", "overlap_groups"):
        if key not in data:
            problems.append(f"$.{key}: missing")
    if problems:
        raise PolicyError(problems)
    in_force = data["document"].get("in_force") or {}
    start = _date(in_force.get("from"), "$.document.in_force.from", problems)
    end = _date(in_force.get("to"), "$.document.in_force.to", problems)
    provisions: dict[str, dict] = {}
    for i, provision in enumerate(data["provisions"]):
        pid = provision.get("id") if isinstance(provision, dict) else None
        if not isinstance(pid, str):
            problems.append(f"$.provisions[{i}].id: missing")
            continue
        if pid in provisions:
            problems.append(f"$.provisions[{i}].id: duplicate id {pid!r}")
        provisions[pid] = provision
        _check_provision(provision, i, problems)
    group_of: dict[str, dict] = {}
    for i, group in enumerate(data["overlap_groups"]):
        for j, pid in enumerate(group.get("provisions", [])):
            if pid not in provisions:
                problems.append(f"$.overlap_groups[{i}].provisions[{j}]: unknown provision {pid!r}")
            elif pid in group_of:
                problems.append(f"$.overlap_groups[{i}].provisions[{j}]: {pid} is already in group {group_of[pid]['id']!r}")
            else:
                group_of[pid] = group
    if problems:
        raise PolicyError(problems)
    sentences = {s["id"]: s["zh"] for m in data["measures"] for p in m["paragraphs"] for s in p["sentences"]}
    sentences.update({s["id"]: s["zh"] for s in data["document"]["closing"]["sentences"]})
    return Policy(
        data=data,
        provisions=provisions,
        sentences=sentences,
        agencies={a["id"]: a for a in data["agencies"]},
        measures={m["id"]: m for m in data["measures"]},
        overlap_groups=list(data["overlap_groups"]),
        in_force_from=start,
        in_force_to=end,
        group_of=group_of,
    )


def load_policy(source: str | Path | dict | None = None) -> Policy:
    """Load a policy from a dict, a JSON string, a file path, or (by default) the policy shipped with calc."""
    if isinstance(source, Policy):
        return source
    if isinstance(source, dict):
        return from_dict(source)
    if source is None:
        return from_dict(json.loads(default_policy_text()))
    if isinstance(source, str) and source.lstrip().startswith("{"):
        text = source
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise PolicyError([f"$: cannot read {source}: {error.strerror or error}"]) from None
        except UnicodeDecodeError:
            raise PolicyError([f"$: {source} is not UTF-8 text"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PolicyError([f"$: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"]) from None
    return from_dict(data)


def default_policy_text() -> str:
    """The repository's policy JSON in a source checkout (so it is never a stale copy), else the wheel's."""
    checkout = Path(__file__).resolve().parent.parent / "policy" / POLICY_FILE
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    return resources.files("calc").joinpath("data", POLICY_FILE).read_text(encoding="utf-8")
