"""A scenario: the date of the estimate, the claims, and support already received from other policies.

Input format (also published as policy/scenario.schema.json)::

    {"as_of": "YYYY-MM-DD",
     "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"},
                 "conditions": {"meets_conditions": true}}],
     "other_support": [{"provision": "m2-2", "amount": "150万", "source": "another Suzhou policy", "level": "city"}],
     "overlaps": {"compute-costs": "same"}}

``overlaps`` answers, per overlap group of the policy, whether its provisions paid for the same costs
(same, different, unsure; unsure when left out). ``level`` says where other support comes from: another
Suzhou municipal policy (city, the default) or a Jiangsu provincial policy (province).

Every problem found is collected and reported together (ScenarioError); nothing is estimated from a
scenario that has any.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .money import check_digits, parse_amount, parse_count
from .policy import Policy
from .problems import InputProblem, ScenarioError

MAX_CLAIMS = 200
MAX_SOURCE_TEXT = 200
OVERLAP_ANSWERS = ("same", "different", "unsure")
SUPPORT_LEVELS = ("city", "province")


@dataclass(frozen=True)
class Claim:
    provision: str
    inputs: dict[str, object]
    conditions: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class OtherSupport:
    provision: str
    amount: Decimal
    source: str
    level: str = "city"


@dataclass(frozen=True)
class Scenario:
    as_of: date
    claims: list[Claim]
    other_support: list[OtherSupport]
    overlaps: dict[str, str] = field(default_factory=dict)

    def overlap_answer(self, group_id: str) -> str:
        """same, different or unsure (unsure when the scenario does not say)."""
        return self.overlaps.get(group_id, "unsure")


def parse_date(value: object, field_path: str) -> date:
    """A calendar date written YYYY-MM-DD; impossible dates such as 2026-02-30 are refused."""
    if not isinstance(value, str):
        raise InputProblem(field_path, "date_type", "请按 YYYY-MM-DD 填写日期。", "Enter the date as YYYY-MM-DD.")
    check_digits(value[:40], field_path)
    text = unicodedata.normalize("NFKC", value[:40]).strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        raise InputProblem(field_path, "date_format", "请按 YYYY-MM-DD 填写日期,如 2026-03-01。",
                           "Enter the date as YYYY-MM-DD, e.g. 2026-03-01.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputProblem(field_path, "date_invalid", f"{text} 不是存在的日期。",
                           f"{text} is not a real date.") from None


#: Most dates one input may list (one per unit counted).
MAX_DATES = 1000
_DATE_SEPARATORS = re.compile(r"[\s,,、;;]+")


def parse_dates(value: object, field_path: str) -> tuple[date, ...]:
    """One or more dates: a list of YYYY-MM-DD, or text with the dates separated by commas, 、 or spaces
    ("2026-03-01、2026-08-15"). Each must be a real date; at least one, at most MAX_DATES."""
    if isinstance(value, str):
        if len(value) > MAX_DATES * 12:
            raise InputProblem(field_path, "dates_too_many", f"日期过多(最多{MAX_DATES}个)。", f"Too many dates (at most {MAX_DATES}).")
        value = [part for part in _DATE_SEPARATORS.split(unicodedata.normalize("NFKC", value)) if part]
    if not isinstance(value, list) or not value:
        raise InputProblem(field_path, "dates_empty", "请填写日期(YYYY-MM-DD),多个日期用逗号分开。",
                           "Enter the dates (YYYY-MM-DD), separated by commas.")
    if len(value) > MAX_DATES:
        raise InputProblem(field_path, "dates_too_many", f"日期过多(最多{MAX_DATES}个)。", f"Too many dates (at most {MAX_DATES}).")
    return tuple(parse_date(item, field_path) for item in value)


def _parse_input(spec: dict, value: object, path: str):
    kind = spec["type"]
    if kind == "money":
        return parse_amount(value, path)
    if kind == "count":
        return parse_count(value, path)
    if kind == "date":
        return parse_date(value, path)
    if kind == "dates":
        return parse_dates(value, path)
    if kind == "choice":
        allowed = [option["value"] for option in spec["options"]]
        if value not in allowed:
            raise InputProblem(path, "choice_invalid", f"请从以下选项中选择:{'、'.join(o['label']['zh'] for o in spec['options'])}。",
                               f"Choose one of: {', '.join(allowed)}.")
        return value
    if not isinstance(value, bool):
        raise InputProblem(path, "boolean_type", "请填写 true 或 false。", "Enter true or false.")
    return value


def _problem(path: str, code: str, zh: str, en: str) -> InputProblem:
    return InputProblem(path, code, zh, en)


def _entry_provision(policy: Policy, raw: object, path: str, fields: tuple[str, ...], problems: list[InputProblem],
                     not_object: tuple[str, str, str]) -> str | None:
    """The provision id of a claim or other-support entry; its other problems (not an object, unknown fields,
    unknown provision) are added to ``problems``."""
    if not isinstance(raw, dict):
        problems.append(_problem(path, *not_object))
        return None
    for key in raw:
        if key not in fields:
            shown = repr(key)[:60]
            problems.append(_problem(f"{path}.{str(key)[:60]}", "unknown_field", f"未知字段 {shown}。", f"Unknown field {shown}."))
    pid = raw.get("provision")
    if not isinstance(pid, str) or pid not in policy.provisions:
        shown = repr(pid)[:60]
        problems.append(_problem(f"{path}.provision", "unknown_provision", f"没有编号为 {shown} 的条款。",
                                 f"There is no provision {shown}."))
        return None
    return pid


def _parse_claim(policy: Policy, raw: object, i: int, problems: list[InputProblem]) -> Claim | None:
    path = f"claims[{i}]"
    pid = _entry_provision(policy, raw, path, ("provision", "inputs", "conditions"), problems,
                           ("claim_type", "每项申报必须是对象。", "Each claim must be an object."))
    if pid is None:
        return None
    provision = policy.provisions[pid]
    specs = {spec["name"]: spec for spec in provision["inputs"]}
    given = raw.get("inputs", {})
    if not isinstance(given, dict):
        problems.append(_problem(f"{path}.inputs", "inputs_type", "inputs 必须是对象。", "inputs must be an object."))
        given = {}
    values: dict[str, object] = {}
    for name, spec in specs.items():
        field_path = f"{path}.inputs.{name}"
        if name not in given:
            problems.append(_problem(field_path, "input_missing", f"缺少“{spec['label']['zh']}”。",
                                     f"Missing: {spec['label']['en'] or spec['label']['zh']}."))
            continue
        try:
            values[name] = _parse_input(spec, given[name], field_path)
        except InputProblem as problem:
            problems.append(problem)
    problems.extend(_dates_per_count(specs, values, path))
    for name in given:
        if name not in specs:
            shown = repr(name)[:60]
            problems.append(_problem(f"{path}.inputs.{str(name)[:60]}", "input_unknown",
                                     f"条款 {pid} 没有输入项 {shown}。", f"Provision {pid} has no input {shown}."))
    conditions = raw.get("conditions", {})
    known = {c["id"] for c in provision["conditions"]}
    confirmed: dict[str, bool] = {}
    if not isinstance(conditions, dict):
        problems.append(_problem(f"{path}.conditions", "conditions_type", "conditions 必须是对象。", "conditions must be an object."))
        conditions = {}
    for cid, value in conditions.items():
        if cid not in known:
            shown = repr(cid)[:60]
            problems.append(_problem(f"{path}.conditions.{str(cid)[:60]}", "condition_unknown",
                                     f"条款 {pid} 没有条件 {shown}。", f"Provision {pid} has no condition {shown}."))
        elif not isinstance(value, bool):
            problems.append(_problem(f"{path}.conditions.{cid}", "boolean_type", "请填写 true 或 false。", "Enter true or false."))
        else:
            confirmed[cid] = value
    return Claim(pid, values, confirmed)


def _dates_per_count(specs: dict, values: dict, path: str) -> list[InputProblem]:
    """A dates input gives one date per unit counted by its ``per_count`` input, or one date for all of them."""
    found = []
    for name, spec in specs.items():
        if spec["type"] != "dates" or name not in values or spec["per_count"] not in values:
            continue
        dates, count = values[name], values[spec["per_count"]]
        if len(dates) not in (1, count):
            counted = specs[spec["per_count"]]["label"]
            found.append(_problem(f"{path}.inputs.{name}", "dates_count",
                                  f"填写了{len(dates)}个日期,但“{counted['zh']}”为{count};请每个一个日期,或只填一个共同的日期。",
                                  f"{len(dates)} dates were given but “{counted['en'] or counted['zh']}” is {count}: give one date each, "
                                  "or a single date for all."))
    return found


def _parse_other(policy: Policy, raw: object, i: int, problems: list[InputProblem]) -> OtherSupport | None:
    path = f"other_support[{i}]"
    pid = _entry_provision(policy, raw, path, ("provision", "amount", "source", "level"), problems,
                           ("other_type", "每项其他支持必须是对象。", "Each other support entry must be an object."))
    if pid is None:
        return None
    source = raw.get("source", "")
    if not isinstance(source, str) or len(source) > MAX_SOURCE_TEXT:
        problems.append(_problem(f"{path}.source", "source_text", f"来源说明须为不超过{MAX_SOURCE_TEXT}字的文字。",
                                 f"The source must be text of at most {MAX_SOURCE_TEXT} characters."))
        return None
    level = raw.get("level", "city")
    if level not in SUPPORT_LEVELS:
        problems.append(_problem(f"{path}.level", "level_invalid", "来源级别须为 city(苏州市)或 province(江苏省)。",
                                 "The level must be city (Suzhou) or province (Jiangsu)."))
        return None
    try:
        amount = parse_amount(raw.get("amount"), f"{path}.amount")
    except InputProblem as problem:
        problems.append(problem)
        return None
    return OtherSupport(pid, amount, source.strip(), level)


def _parse_overlaps(policy: Policy, raw: object, problems: list[InputProblem]) -> dict[str, str]:
    """Answers to the overlap groups' questions, by group id: same, different or unsure."""
    if not isinstance(raw, dict):
        problems.append(_problem("overlaps", "overlaps_type", "overlaps 必须是对象。", "overlaps must be an object."))
        return {}
    groups = {group["id"] for group in policy.overlap_groups}
    answers = {}
    for key, value in raw.items():
        if key not in groups:
            shown = repr(key)[:60]
            problems.append(_problem(f"overlaps.{str(key)[:60]}", "overlap_unknown", f"没有编号为 {shown} 的重叠组。",
                                     f"There is no overlap group {shown}."))
        elif value not in OVERLAP_ANSWERS:
            problems.append(_problem(f"overlaps.{key}", "overlap_answer", "请填写 same(同一笔费用)、different(不同费用)或 unsure(不确定)。",
                                     "Answer same, different or unsure."))
        else:
            answers[key] = value
    return answers


def parse_scenario(policy: Policy, raw: object) -> Scenario:
    """A checked Scenario, or ScenarioError listing every problem."""
    problems: list[InputProblem] = []
    if not isinstance(raw, dict):
        raise ScenarioError([_problem("$", "scenario_type", "情景必须是 JSON 对象。", "A scenario must be a JSON object.")])
    for key in raw:
        if key not in ("as_of", "claims", "other_support", "overlaps"):
            problems.append(_problem(str(key)[:60], "unknown_field", f"未知字段 {str(key)[:60]!r}。", f"Unknown field {str(key)[:60]!r}."))
    as_of = None
    try:
        as_of = parse_date(raw.get("as_of"), "as_of")
    except InputProblem as problem:
        problems.append(problem)
    claims_raw = raw.get("claims")
    if not isinstance(claims_raw, list):
        problems.append(_problem("claims", "claims_type", "claims 必须是列表。", "claims must be a list."))
        claims_raw = []
    if len(claims_raw) > MAX_CLAIMS:
        problems.append(_problem("claims", "too_many", f"申报项过多(最多{MAX_CLAIMS}项)。", f"Too many claims (at most {MAX_CLAIMS})."))
        claims_raw = []
    claims: list[Claim] = []
    for i, raw_claim in enumerate(claims_raw):
        claim = _parse_claim(policy, raw_claim, i, problems)
        if claim and any(earlier.provision == claim.provision for earlier in claims):
            problems.append(_problem(f"claims[{i}].provision", "duplicate_claim", f"条款 {claim.provision} 重复申报;请合并为一项。",
                                     f"Provision {claim.provision} is claimed twice; combine them into one claim."))
        elif claim:
            claims.append(claim)
    others_raw = raw.get("other_support", [])
    if not isinstance(others_raw, list) or len(others_raw) > MAX_CLAIMS:
        problems.append(_problem("other_support", "other_type", "other_support 必须是列表。", "other_support must be a list."))
        others_raw = []
    others = [o for i, raw_other in enumerate(others_raw) if (o := _parse_other(policy, raw_other, i, problems))]
    overlaps = _parse_overlaps(policy, raw.get("overlaps", {}), problems)
    if problems:
        raise ScenarioError(problems)
    return Scenario(as_of, claims, others, overlaps)
