"""Is a policy file right? The JSON Schema first, then the cross-references a schema cannot express.

Every problem is reported as ``(json_path, message)``, e.g. ``("$.provisions[3].rule.cap", "...")``, so a
maintainer can find it at once. ``check_file`` never raises on bad input: a missing, non-JSON or truncated
file is one clear problem, not a traceback.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from calc import jsonin
from calc.headline import amounts
from calc.policy import MAX_POLICY_BYTES, cross_references
from calc.schema import Validator, json_path
from calc.terminal import one_line

ROOT = Path(__file__).resolve().parent.parent
POLICY_PATH = ROOT / "policy" / "suzhou-ai-plus-2026.json"
SCHEMA_PATH = ROOT / "policy" / "policy.schema.json"

NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
UP_TO_WORDS = ["最高", "择优", "经评审认定", "不超过"]
PERIOD_WORDS = {"per_year": "每年", "one_off": "一次性", "total_over_three_years": "三年总计"}
#: First day each date-rule term accepts; "commencement" means the first day the measures are in force.
DATE_RULE_START = {"本措施施行后新获得": "commencement", "本措施施行后新获评": "commencement", "2025年以来": "2025-01-01"}

# A number starts only where a run of digits starts, so a long run without 元 or % is scanned once, not once
# per digit (a 135 kB run of digits took 52 s; issue 12).
_AMOUNT_IN_TEXT = re.compile(r"(?<![0-9])([0-9]+(?:\.[0-9]+)?)(亿|万)?元")
_RATE_IN_TEXT = re.compile(r"(?<![0-9])([0-9]+(?:\.[0-9]+)?)%")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def load_json(path: Path) -> tuple[object | None, list[Problem]]:
    """Read a JSON file through calc's input boundary (size, UTF-8, depth, duplicate keys, numbers): a missing,
    unreadable, non-UTF-8, malformed or truncated file is one clear problem, the others each have their path."""
    try:
        raw = jsonin.read_bytes(path, MAX_POLICY_BYTES)
    except (OSError, ValueError) as error:
        return None, [Problem("$", f"cannot read {path}: {getattr(error, 'strerror', None) or error}")]
    try:
        return jsonin.parse_bytes(raw, MAX_POLICY_BYTES, str(path)), []
    except jsonin.JsonInputError as error:
        return None, [Problem(p.path(), p.en) for p in error.problems]


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def schema_problems(document: object, schema: dict) -> list[Problem]:
    """Every JSON Schema violation, each with the JSON path where it occurs, found by calc's own validator (the
    one the calculator's loader runs, linear in the document's size)."""
    return [Problem(path, message) for path, message in Validator(schema).located(document)]


def check_policy(policy: object, schema: dict | None = None) -> list[Problem]:
    """All problems: schema first; the cross-reference checks run only on a schema-valid document."""
    problems = schema_problems(policy, schema or load_schema())
    if problems:
        return problems
    return integrity_problems(policy)


def check_file(path: Path, schema: dict | None = None) -> list[Problem]:
    policy, problems = load_json(path)
    if problems:
        return problems
    return check_policy(policy, schema)


def load_valid_policy(path: Path = POLICY_PATH) -> dict:
    """The policy, or ValueError listing every problem with its JSON path."""
    problems = check_file(path)
    if problems:
        raise ValueError(f"{path} is not a valid policy file:\n" + "\n".join(f"  {p}" for p in problems))
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------- integrity

def numbers_in_text(text: str) -> list[tuple[str, Decimal]]:
    """Amounts (in yuan) and rates (as fractions) written in Chinese text: '最高200万元' -> ('yuan', 2000000)."""
    factors = {"亿": Decimal(100_000_000), "万": Decimal(10_000), "": Decimal(1)}
    found = [("yuan", Decimal(number) * factors[unit]) for number, unit in _AMOUNT_IN_TEXT.findall(text)]
    found += [("rate", Decimal(number) / 100) for number in _RATE_IN_TEXT.findall(text)]
    return sorted(found)


def uncited_numbers(sentence: str, fragments: list[str]) -> list[str]:
    """Amounts and rates written in the sentence that lie outside every fragment cited from it."""
    spans = sorted((start, start + len(f)) for f in set(fragments) if (start := sentence.find(f)) >= 0)
    starts, reach = [start for start, _ in spans], []  # reach[k]: the furthest end of spans[0..k]
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    numbers = [*_AMOUNT_IN_TEXT.finditer(sentence), *_RATE_IN_TEXT.finditer(sentence)]

    def cited(m) -> bool:  # some span starts at or before the number and ends at or after it
        k = bisect.bisect_right(starts, m.start()) - 1
        return k >= 0 and m.end() <= reach[k]

    return [m.group(0) for m in numbers if not cited(m)]


def structured_numbers(provision: dict) -> list[tuple[str, Decimal]]:
    """The amounts and rates a provision declares in its rule, in the same form as numbers_in_text."""
    found = [("yuan", amount) for amount in amounts(provision)]
    if provision["kind"] == "share_of_base":
        found.append(("rate", Decimal(provision["rule"]["rate"])))
    return sorted(found)


def _duplicates(values) -> list:
    return [value for value, count in Counter(values).items() if count > 1]


def _hidden_characters(value, parts, add) -> None:
    """No string of the policy may hold a line break, control or format character (the text of record has none)."""
    if isinstance(value, str):
        if one_line(value) != value:
            add(parts, "contains a line break, control or invisible format character: "
                       f"{one_line(value)[:80]!r}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _hidden_characters(item, [*parts, key], add)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _hidden_characters(item, [*parts, i], add)


def integrity_problems(policy: dict) -> list[Problem]:
    """Cross-reference checks on a schema-valid policy: the calculator's own (calc.policy.cross_references),
    then those against the text and the id scheme, in this order: hidden characters, the document's dates,
    agencies and roles, closing sentences, measures, provisions, sentence coverage, overlap groups."""
    problems: list[Problem] = [Problem(path, message) for path, message in cross_references(policy)]

    def add(path_parts, message):
        problems.append(Problem(json_path(path_parts), message))

    _hidden_characters(policy, [], add)
    _date_problems(policy["document"], add)
    role_ids = _registry_problems(policy, add)
    _closing_problems(policy["document"], add)
    sentences = _measure_problems(policy, add)
    position, covered = _provisions_problems(policy, sentences, role_ids, add)
    _measures_without_provision(policy, position, add)
    _coverage_problems(sentences, covered, add)
    for dup in _duplicates(g["id"] for g in policy["overlap_groups"]):
        add(["overlap_groups"], f"duplicate group id {dup!r}")
    return problems


def _under(add, *prefix):
    """``add`` for paths inside the part at ``prefix`` (e.g. one provision)."""
    return lambda parts, message: add([*prefix, *parts], message)


def _date_problems(document: dict, add) -> None:
    """The period in force starts before it ends, and the document is released no later than it takes effect."""
    in_force = document["in_force"]
    if in_force["from"] > in_force["to"]:
        add(["document", "in_force"], f"starts ({in_force['from']}) after it ends ({in_force['to']})")
    if document["released"] > in_force["from"]:
        add(["document", "released"], "the document is released after it takes effect")


def _registry_problems(policy: dict, add) -> list[str]:
    """Agency and role ids are unique and the lead agency is a known agency; returns the role ids."""
    agency_ids = [a["id"] for a in policy["agencies"]]
    role_ids = [r["id"] for r in policy["roles"]]
    for name, values in (("agencies", agency_ids), ("roles", role_ids)):
        for dup in _duplicates(values):
            add([name], f"duplicate id {dup!r}")
    lead = policy["document"]["lead_agency"]
    if lead not in agency_ids:
        add(["document", "lead_agency"], f"unknown agency id {lead!r}")
    return role_ids


def _closing_problems(document: dict, add) -> None:
    """The closing sentences are numbered closing-s1, closing-s2 … in text order."""
    for k, sentence in enumerate(document["closing"]["sentences"]):
        if sentence["id"] != f"closing-s{k + 1}":
            add(["document", "closing", "sentences", k, "id"], f"expected closing-s{k + 1}, found {sentence['id']!r}")


def _measure_problems(policy: dict, add) -> dict[str, tuple[str, str]]:
    """The twelve measures of the text, each numbered and named in order (_measure_numbering) with its
    paragraphs and sentences numbered in order (_sentence_ids); returns every sentence as id -> (measure id,
    text)."""
    sentences: dict[str, tuple[str, str]] = {}
    for i, measure in enumerate(policy["measures"]):
        _measure_numbering(measure, i, add)
        _sentence_ids(measure, i, sentences, add)
    if len(policy["measures"]) != 12:
        add(["measures"], f"the policy has 12 measures, found {len(policy['measures'])}")
    return sentences


def _measure_numbering(measure: dict, i: int, add) -> None:
    """Measure i+1 has number i+1, id m<i+1> and the Chinese numeral of its number (一 … 十二); it lists no
    agency twice."""
    expected = i + 1
    if measure["number"] != expected or measure["id"] != f"m{expected}":
        add(["measures", i], f"measure {i + 1} must have number {expected} and id m{expected}")
    if measure["numeral"] != NUMERALS[min(measure["number"], 12) - 1]:
        add(["measures", i, "numeral"], f"numeral {measure['numeral']!r} does not match number {measure['number']}")
    for dup in _duplicates(measure["agencies"]):
        add(["measures", i, "agencies"], f"agency {dup!r} listed twice")


def _sentence_ids(measure: dict, i: int, sentences: dict, add) -> None:
    """Paragraphs are numbered <measure>-p1, -p2 … and their sentences <paragraph>-s1, -s2 … in text order, no
    sentence id twice in the policy; adds each sentence to ``sentences``."""
    for p, paragraph in enumerate(measure["paragraphs"]):
        if paragraph["id"] != f"{measure['id']}-p{p + 1}":
            add(["measures", i, "paragraphs", p, "id"], f"expected {measure['id']}-p{p + 1}, found {paragraph['id']!r}")
        for s, sentence in enumerate(paragraph["sentences"]):
            want = f"{measure['id']}-p{p + 1}-s{s + 1}"
            if sentence["id"] != want:
                add(["measures", i, "paragraphs", p, "sentences", s, "id"], f"expected {want}, found {sentence['id']!r}")
            if sentence["id"] in sentences:
                add(["measures", i, "paragraphs", p, "sentences", s, "id"], f"duplicate sentence id {sentence['id']!r}")
            sentences[sentence["id"]] = (measure["id"], sentence["zh"])


def _provisions_problems(policy: dict, sentences: dict, role_ids: list[str], add) -> tuple[Counter, dict]:
    """Each provision's own checks (_provision_problems), then its id: provisions are numbered <measure>-1, -2 …
    in text order within their measure. Returns how many provisions each measure has, and for each sentence the
    fragments of provisions citing it that quote it."""
    position: Counter = Counter()
    covered: dict[str, list[str]] = {sid: [] for sid in sentences}
    for i, provision in enumerate(policy["provisions"]):
        _provision_problems(policy, provision, sentences, role_ids, _under(add, "provisions", i))
        measure_id = provision["measure"]
        position[measure_id] += 1
        if provision["id"] != f"{measure_id}-{position[measure_id]}":
            add(["provisions", i, "id"], f"expected {measure_id}-{position[measure_id]} (provisions are numbered in text order within their measure)")
        for sid in provision["sentences"]:
            if sid in covered:
                covered[sid].extend(f["zh"] for f in provision["fragments"] if f["zh"] in sentences[sid][1])
    return position, covered


def _measures_without_provision(policy: dict, position: Counter, add) -> None:
    """Every measure has at least one provision."""
    for i, measure in enumerate(policy["measures"]):
        if not position[measure["id"]]:
            add(["measures", i], "measure has no provision")


def _coverage_problems(sentences: dict, covered: dict, add) -> None:
    """Every sentence of the measures belongs to a provision, and every amount or rate it writes is inside a
    fragment some provision quotes (uncited_numbers)."""
    for sid, fragments in covered.items():
        if not fragments:
            add(["measures"], f"sentence {sid} belongs to no provision")
            continue
        for number in uncited_numbers(sentences[sid][1], fragments):
            add(["measures"], f"sentence {sid}: {number!r} is not cited by any provision")


def _show(numbers) -> str:
    return "[" + ", ".join(f"{Decimal(v) * 100:g}%" if kind == "rate" else f"{v:f}元" for kind, v in numbers) + "]"


def _provision_problems(policy, provision, sentences, role_ids, add) -> None:
    """One provision against the sentences it cites (``whole``, those of its own measure), the fragments it quotes
    and the ids it uses; ``add`` takes paths inside the provision."""
    whole = "".join(sentences[sid][1] for sid in provision["sentences"]
                    if sid in sentences and sentences[sid][0] == provision["measure"])
    fragments = "".join(f["zh"] for f in provision["fragments"])
    for j, role in enumerate(provision["roles"]):
        if role not in role_ids:
            add(["roles", j], f"unknown role {role!r}")
    _verbatim_problems(provision, whole, add)
    for dup in _duplicates(c["id"] for c in provision["conditions"]):
        add(["conditions"], f"duplicate condition id {dup!r}")
    found, declared = numbers_in_text(fragments), structured_numbers(provision)
    if found != declared:
        add(["rule"], f"the text says {_show(found)} but the rule declares {_show(declared)}")
    _wording_problems(provision, fragments, add)
    for dup in _duplicates(item["name"] for item in provision["inputs"]):
        add(["inputs"], f"duplicate input name {dup!r}")
    used = set(_rule_inputs(provision, fragments, add) + _date_rule_problems(policy, provision, fragments, add))
    _ceiling_problems(provision, fragments, add)
    for j, item in enumerate(provision["inputs"]):
        if item["name"] not in used:
            add(["inputs", j], f"input {item['name']!r} is not used by the rule or the date rule")


def _verbatim_problems(provision: dict, whole: str, add) -> None:
    """A beneficiary marked verbatim, and every condition, is a verbatim part of the provision's sentences."""
    beneficiary = provision["beneficiary"]
    if beneficiary and beneficiary["verbatim"] and beneficiary["text"]["zh"] not in whole:
        add(["beneficiary", "text", "zh"], "marked verbatim but not found in the provision's sentences")
    for j, condition in enumerate(provision["conditions"]):
        if condition["text"]["zh"] not in whole:
            add(["conditions", j, "text", "zh"], "not a verbatim part of the provision's sentences")


def _wording_problems(provision: dict, fragments: str, add) -> None:
    """up_to_terms lists exactly the up-to words (UP_TO_WORDS) the quoted text uses; the period is the one whose
    word (PERIOD_WORDS) the text says, and no other period's word is there; the unit term is in the text."""
    for word in UP_TO_WORDS:
        listed, present = word in provision["up_to_terms"], word in fragments
        if listed and not present:
            add(["up_to_terms"], f"{word!r} is listed but not in the provision's text")
        if present and not listed:
            add(["up_to_terms"], f"the text says {word!r} but up_to_terms does not list it")
    period = provision["period"]
    for name, word in PERIOD_WORDS.items():
        if period == name and word not in fragments:
            add(["period"], f"{name} but the text does not say {word!r}")
        if period != name and word in fragments:
            add(["period"], f"the text says {word!r} but period is {period}")
    if provision["unit_term"] and provision["unit_term"] not in fragments:
        add(["unit_term"], f"{provision['unit_term']!r} is not in the provision's text")


def _rule_inputs(provision: dict, fragments: str, add) -> list[str]:
    """The names of the inputs the rule uses (calc checks that they exist), after checking tiers (_tier_problems)."""
    kind, rule = provision["kind"], provision["rule"]
    if kind == "share_of_base":
        return [rule["base_input"]]
    if kind in ("ceiling", "fixed") and rule["count_input"]:
        return [rule["count_input"]]
    if kind == "tiers":
        return _tier_problems(rule, fragments, add)
    return []


def _tier_problems(rule: dict, fragments: str, add) -> list[str]:
    """Tier keys are unique; a choose_one rule has a choice input and no per-tier count input, a count_each rule
    a count input per tier and no choice input (null); a tier is up_to exactly when the text says 最高. Returns
    the names of the inputs the tiers use."""
    used: list[str] = []
    for dup in _duplicates(tier["key"] for tier in rule["tiers"]):
        add(["rule", "tiers"], f"duplicate tier key {dup!r}")
    if rule["mode"] == "choose_one":
        used.append(rule["tier_input"])
        for j, tier in enumerate(rule["tiers"]):
            if "count_input" in tier:
                add(["rule", "tiers", j, "count_input"], "only count_each tiers have a count input")
    else:
        if rule["tier_input"] is not None:
            add(["rule", "tier_input"], "count_each tiers have no choice input (null)")
        used += [tier.get("count_input") for tier in rule["tiers"]]
    for j, tier in enumerate(rule["tiers"]):
        if tier["up_to"] != ("最高" in fragments):
            add(["rule", "tiers", j, "up_to"], "must be true exactly when the text says 最高")
    return used


def _date_rule_problems(policy: dict, provision: dict, fragments: str, add) -> list[str]:
    """A date rule exactly when the text uses a date term (DATE_RULE_START); its term is in the text and its first
    day is the one the term means. Returns the name of the date input, if any."""
    date_rule = provision["date_rule"]
    if not date_rule:
        for term in DATE_RULE_START:
            if term in fragments:
                add(["date_rule"], f"the text says {term!r} but there is no date rule")
        return []
    if date_rule["term"] not in fragments:
        add(["date_rule", "term"], f"{date_rule['term']!r} is not in the provision's text")
    start = DATE_RULE_START[date_rule["term"]]
    start = policy["document"]["in_force"]["from"] if start == "commencement" else start
    if date_rule["on_or_after"] != start:
        add(["date_rule", "on_or_after"], f"{date_rule['term']!r} means on or after {start}")
    return [date_rule["input"]]


def _ceiling_problems(provision: dict, fragments: str, add) -> None:
    """A cap marked as a ceiling, and a ceiling provision, need 最高 in the text."""
    kind, rule = provision["kind"], provision["rule"]
    if kind == "share_of_base" and rule["cap_is_ceiling"] and "最高" not in fragments:
        add(["rule", "cap_is_ceiling"], "the cap is marked as a ceiling but the text does not say 最高")
    if kind == "ceiling" and "最高" not in fragments:
        add(["kind"], "a ceiling needs 最高 in the text")
