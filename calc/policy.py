"""The policy as the calculator sees it: loaded once, checked before any arithmetic.

Every policy, from a path, JSON text, bytes or a dict, passes the input boundary (:mod:`calc.jsonin`: size,
depth, UTF-8, duplicate keys, numbers) and then the published ``policy.schema.json``, run by the standard-library
validator :mod:`calc.schema` (the schema ships inside the wheel, like the policy). Only then are the
cross-references the arithmetic needs checked (inputs a rule refers to, overlap groups). Every problem names its
JSON path; nothing reaches ``Decimal`` unchecked (issue 12).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from . import jsonin
from .problems import PolicyError
from .schema import Validator

MONETARY_KINDS = ("share_of_base", "ceiling", "fixed", "tiers")
#: The lists of the policy that other parts refer to by id.
COLLECTIONS = ("agencies", "measures", "provisions", "overlap_groups")
POLICY_FILE = "suzhou-ai-plus-2026.json"
SCHEMA_FILE = "policy.schema.json"
#: Largest policy file accepted, in bytes (the published one is about 130 kB).
MAX_POLICY_BYTES = 8_000_000


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


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dicts(value) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(_list(value)) if isinstance(item, dict)]


def _input_references(p: dict, path: str, add) -> None:
    """Every input a provision's rule or date rule names exists with the type it needs; choice options of a
    choose_one tier input are the tier keys (else a chosen tier would silently count as none)."""
    inputs = {item.get("name"): item for _, item in _dicts(p.get("inputs"))}

    def needs(name, wanted: str, where: str) -> None:
        """``wanted``: the type the input must have, or several separated by " or "."""
        if name is None:
            add(f"{path}.{where}", f"a {wanted} input is needed here")
        elif name not in inputs:
            add(f"{path}.{where}", f"refers to input {name!r}, which is not in inputs")
        elif inputs[name].get("type") not in wanted.split(" or "):
            add(f"{path}.{where}", f"input {name!r} must be of type {wanted}, not {inputs[name].get('type')}")

    kind = p.get("kind")
    rule = p.get("rule") if isinstance(p.get("rule"), dict) else {}
    if kind == "share_of_base":
        needs(rule.get("base_input"), "money", "rule.base_input")
    if kind in ("ceiling", "fixed") and rule.get("count_input") is not None:
        needs(rule["count_input"], "count", "rule.count_input")
    if kind == "tiers":
        tiers = _dicts(rule.get("tiers"))
        if rule.get("mode") == "choose_one":
            needs(rule.get("tier_input"), "choice", "rule.tier_input")
            choice = inputs.get(rule.get("tier_input")) or {}
            values = [o.get("value") for _, o in _dicts(choice.get("options"))]
            keys = [t.get("key") for _, t in tiers]
            if choice.get("type") == "choice" and values != keys:
                add(f"{path}.rule.tier_input", f"options of {rule.get('tier_input')!r} must be the tier keys {keys}")
        elif rule.get("mode") == "count_each":
            for j, tier in tiers:
                needs(tier.get("count_input"), "count", f"rule.tiers[{j}].count_input")
    if isinstance(p.get("date_rule"), dict):
        needs(p["date_rule"].get("input"), "date or dates", "date_rule.input")
    for j, item in _dicts(p.get("inputs")):
        if item.get("type") == "dates":  # one date per unit of the count the rule multiplies by
            needs(item.get("per_count"), "count", f"inputs[{j}].per_count")
            if item.get("per_count") != rule.get("count_input"):
                add(f"{path}.inputs[{j}].per_count", "must be the rule's count_input: each counted unit has its own date")


def _measure_index(data: dict, add) -> tuple[set, dict]:
    """Every agency a measure names is a known agency; returns the measure ids and every sentence of the
    measures as id -> (measure id, text), for the provisions' references."""
    agencies = {a.get("id") for _, a in _dicts(data.get("agencies"))}
    measures: set = set()
    sentences: dict = {}  # id -> (measure id, text)
    for i, measure in _dicts(data.get("measures")):
        measures.add(measure.get("id"))
        for j, agency in enumerate(_list(measure.get("agencies"))):
            if isinstance(agency, str) and agency not in agencies:
                add(f"$.measures[{i}].agencies[{j}]", f"unknown agency id {agency!r}")
        for _, paragraph in _dicts(measure.get("paragraphs")):
            for _, sentence in _dicts(paragraph.get("sentences")):
                sentences[sentence.get("id")] = (measure.get("id"), sentence.get("zh"))
    return measures, sentences


def _measure_reference(provision: dict, path: str, measures: set, add) -> None:
    """A provision's measure exists and its id starts with that measure's id (``m2-…`` belongs to ``m2``)."""
    pid, mid = provision.get("id"), provision.get("measure")
    if isinstance(mid, str) and mid not in measures:
        add(f"{path}.measure", f"unknown measure {mid!r}")
    elif isinstance(mid, str) and isinstance(pid, str) and not pid.startswith(mid + "-"):
        add(f"{path}.id", f"{pid} does not belong to measure {mid}")


def _sentence_references(provision: dict, path: str, sentences: dict, add) -> str:
    """Every sentence a provision cites exists and lies in the provision's measure; returns the text of those
    that do, joined, which its fragments must quote."""
    parts, mid = [], provision.get("measure")
    for j, sid in enumerate(_list(provision.get("sentences"))):
        if not isinstance(sid, str):
            continue
        if sid not in sentences:
            add(f"{path}.sentences[{j}]", f"unknown sentence id {sid!r}")
        elif sentences[sid][0] != mid:
            add(f"{path}.sentences[{j}]", f"sentence {sid} is not in measure {mid}")
        elif isinstance(sentences[sid][1], str):
            parts.append(sentences[sid][1])
    return "".join(parts)


def _fragment_references(provision: dict, path: str, whole: str, add) -> None:
    """Each fragment a provision quotes (results show it) is a verbatim part of the provision's sentences."""
    for j, fragment in _dicts(provision.get("fragments")):
        if isinstance(fragment.get("zh"), str) and whole and fragment["zh"] not in whole:
            add(f"{path}.fragments[{j}].zh", "not a verbatim part of the provision's sentences")


def _provision_references(data: dict, measures: set, sentences: dict, add) -> dict:
    """Provision ids are unique; each provision's measure, sentences, fragments and inputs check out (in that
    order); returns the provisions by id, for the overlap groups."""
    provisions: dict = {}
    for i, provision in _dicts(data.get("provisions")):
        path, pid = f"$.provisions[{i}]", provision.get("id")
        if pid in provisions:
            add(f"{path}.id", f"duplicate provision id {pid!r}")
        provisions[pid] = provision
        _measure_reference(provision, path, measures, add)
        whole = _sentence_references(provision, path, sentences, add)
        _fragment_references(provision, path, whole, add)
        _input_references(provision, path, add)
    return provisions


def _group_references(data: dict, provisions: dict, add) -> None:
    """Every provision an overlap group names exists, has an amount to compare, and is in no other group."""
    grouped: dict = {}
    for i, group in _dicts(data.get("overlap_groups")):
        for j, pid in enumerate(_list(group.get("provisions"))):
            where = f"$.overlap_groups[{i}].provisions[{j}]"
            if not isinstance(pid, str):
                continue
            if pid not in provisions:
                add(where, f"unknown provision id {pid!r}")
            elif provisions[pid].get("kind") not in MONETARY_KINDS:
                add(where, f"{pid} has no amount to compare")
            elif pid in grouped:
                add(where, f"{pid} is already in group {grouped[pid]!r}")
            else:
                grouped[pid] = group.get("id")


def cross_references(data: object) -> list[tuple[str, str]]:
    """What the calculator looks up or quotes and a schema cannot check, as ``(json_path, message)``: ids unique;
    every measure, agency, sentence, input and provision referred to exists; a provision's id, sentences and
    fragments belong to its measure (its fragments, which results quote, are verbatim parts of its sentences).
    Reads only the parts that have their schema's shape, so it runs beside the schema check and both sets of
    problems are reported together. scripts/policy_checks.py adds the checks against the text of record."""
    found: list[tuple[str, str]] = []

    def add(path: str, message: str) -> None:
        found.append((path, message))

    if not isinstance(data, dict) or not all(isinstance(data.get(key), list) for key in COLLECTIONS):
        return found  # the schema's problem says what is missing; references into it would only add noise
    measures, sentences = _measure_index(data, add)
    provisions = _provision_references(data, measures, sentences, add)
    _group_references(data, provisions, add)
    return found


def from_dict(data: dict) -> Policy:
    """Index a policy dict, or raise PolicyError listing every problem with its JSON path: the schema's and the
    cross-references'."""
    problems = schema_problems(data) + [f"{path}: {message}" for path, message in cross_references(data)]
    if problems:
        raise PolicyError(problems)
    provisions = {p["id"]: p for p in data["provisions"]}
    group_of = {pid: group for group in data["overlap_groups"] for pid in group["provisions"]}
    in_force = data["document"]["in_force"]
    start, end = date.fromisoformat(in_force["from"]), date.fromisoformat(in_force["to"])
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


def schema_problems(data: object) -> list[str]:
    """Every way ``data`` breaks the published policy schema, each as ``'$.path: message'``."""
    return _validator().problems(data)


def parse_policy_json(source: str | bytes, what: str = "the policy") -> object:
    """JSON text or bytes through the input boundary, or PolicyError with each problem's JSON path."""
    try:
        if isinstance(source, bytes):
            return jsonin.parse_bytes(source, MAX_POLICY_BYTES, what)
        return jsonin.parse_text(source, MAX_POLICY_BYTES, what)
    except jsonin.JsonInputError as error:
        raise PolicyError([f"{p.path()}: {p.en}" for p in error.problems]) from None


def load_policy(source: str | Path | bytes | dict | None = None) -> Policy:
    """Load a policy from a dict, JSON text or bytes, a file path, or (by default) the policy shipped with calc."""
    if isinstance(source, Policy):
        return source
    if isinstance(source, dict):
        return from_dict(source)
    if source is None:
        return from_dict(parse_policy_json(default_policy_text()))
    if isinstance(source, bytes) or (isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith(("{", "["))):
        return from_dict(parse_policy_json(source))
    if not isinstance(source, (str, Path)):
        raise PolicyError([f"$: a policy is a path, JSON text or a dict, not {type(source).__name__}"])
    try:
        data = jsonin.read_bytes(source, MAX_POLICY_BYTES)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise PolicyError([f"$: cannot read {source}: {reason}"]) from None
    return from_dict(parse_policy_json(data, str(source)))


def _data_text(name: str) -> str:
    """A file of policy/ in a source checkout (so it is never a stale copy), else the wheel's copy in calc/data."""
    checkout = Path(__file__).resolve().parent.parent / "policy" / name
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    return resources.files("calc").joinpath("data", name).read_text(encoding="utf-8")


def default_policy_text() -> str:
    """The policy JSON shipped with calc."""
    return _data_text(POLICY_FILE)


_VALIDATOR: list[Validator] = []


def _validator() -> Validator:
    """The validator of the published policy schema, read once per process."""
    if not _VALIDATOR:
        _VALIDATOR.append(Validator(json.loads(_data_text(SCHEMA_FILE))))
    return _VALIDATOR[0]
