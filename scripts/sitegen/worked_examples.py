"""Worked examples (policy/examples/<id>.json): typical applicants, checked and computed by calc at build time.

Each file holds who the applicant is (this project's words, no figure), the calculator's profile answers and a
calculator scenario (policy/examples/example.schema.json, which takes the scenario from scenario.schema.json).
:func:`load_examples` checks every file against the schema, the policy and the profiles, estimates each scenario
with calc and writes the link that opens the calculator with the same answers and inputs; a file with any problem
stops the build with a message naming the file and the field. Every figure the page shows is in ``result``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from calc import ScenarioError, estimate, load_policy
from calc.schema import json_path
from scripts.policy_checks import ROOT, load_json

from .calculator_fragment import scenario_fragment
from .profiles import answer_provisions, answers as profile_answers, load_profiles
from .render_calculator import MONETARY

EXAMPLES_DIR = ROOT / "policy" / "examples"
SCHEMA_NAME = "example.schema.json"
SCENARIO_SCHEMA_PATH = ROOT / "policy" / "scenario.schema.json"


@dataclass(frozen=True)
class WorkedExample:
    id: str
    name: dict
    title: dict
    description: dict
    answers: list
    scenario: dict
    result: dict  # calc's estimate of the scenario
    fragment: str  # opens the calculator with the same answers and inputs (without "#")


class ExampleError(ValueError):
    """Example files with problems: each line names the file and the field."""


def example_files(directory: Path | None = None) -> list[Path]:
    directory = directory or EXAMPLES_DIR
    return sorted(path for path in directory.glob("*.json") if path.name != SCHEMA_NAME)


def _validator(directory: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads((directory / SCHEMA_NAME).read_text(encoding="utf-8"))
    scenario = json.loads(SCENARIO_SCHEMA_PATH.read_text(encoding="utf-8"))
    registry = Registry().with_resources([(schema["$id"], Resource.from_contents(schema)),
                                          (scenario["$id"], Resource.from_contents(scenario))])
    return jsonschema.Draft202012Validator(schema, registry=registry)


def schema_problems(example: object, validator: jsonschema.Draft202012Validator) -> list[str]:
    return [f"{json_path(error.absolute_path)}: {error.message}"
            for error in sorted(validator.iter_errors(example), key=lambda e: list(map(str, e.absolute_path)))]


def cross_problems(example: dict, stem: str, policy: dict, profiles: dict) -> list[str]:
    """What a schema cannot say: the id is the file's name, answers and provisions exist, the calculator page can
    hold the scenario (provisions it computes, one other support each, overlap answers for groups fully claimed)
    and the answers lead to every provision claimed."""
    found = [] if example["id"] == stem else [f"$.id: {example['id']!r} is not the file's name ({stem!r})"]
    known = profile_answers(profiles)
    found += [f"$.answers[{i}]: unknown answer {a!r} (policy/profiles.json)" for i, a in enumerate(example["answers"]) if a not in known]
    reached = {pid for a in example["answers"] if a in known for pid in answer_provisions(profiles)[a]}
    provisions = {p["id"]: p for p in policy["provisions"]}
    scenario, seen = example["scenario"], set()
    for i, claim in enumerate(scenario["claims"]):
        pid, where = claim["provision"], f"$.scenario.claims[{i}].provision"
        if pid not in provisions:
            found.append(f"{where}: unknown provision {pid!r}")
        elif provisions[pid]["kind"] not in MONETARY:
            found.append(f"{where}: {pid} is {provisions[pid]['kind']}; the calculator computes only {', '.join(MONETARY)}")
        elif pid in seen:
            found.append(f"{where}: {pid} is claimed twice")
        elif pid not in reached:
            found.append(f"{where}: none of the answers leads to {pid} (policy/profiles.json)")
        seen.add(pid)
    supported = set()
    for i, other in enumerate(scenario.get("other_support", [])):
        where = f"$.scenario.other_support[{i}].provision"
        if other["provision"] not in seen:
            found.append(f"{where}: {other['provision']} is not claimed (the calculator page asks for other support only on a chosen provision)")
        elif other["provision"] in supported:
            found.append(f"{where}: a second other support for {other['provision']} (the calculator page holds one per provision)")
        supported.add(other["provision"])
    groups = {g["id"]: g["provisions"] for g in policy["overlap_groups"]}
    for group in scenario.get("overlaps", {}):
        where = f"$.scenario.overlaps.{group}"
        if group not in groups:
            found.append(f"{where}: unknown overlap group")
        elif not set(groups[group]) <= seen:
            found.append(f"{where}: the calculator page asks this only when {', '.join(groups[group])} are all claimed")
    return found


def calc_problems(calc_policy, scenario: dict) -> tuple[dict | None, list[str]]:
    """calc's estimate, or each problem calc found, under its scenario field."""
    try:
        return estimate(calc_policy, scenario), []
    except ScenarioError as error:
        return None, [f"$.scenario.{p.field.lstrip('$.')}: {p.en}" if p.field != "$" else f"$.scenario: {p.en}"
                      for p in error.problems]


def _computed(path: Path, validator, policy: dict, calc_policy, profiles: dict, order: list[str]) -> WorkedExample:
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    example, found = load_json(path)
    found = [str(problem) for problem in found]
    if not found:
        found = schema_problems(example, validator)
    if not found:
        found = cross_problems(example, path.stem, policy, profiles)
    result = None
    if not found:
        result, found = calc_problems(calc_policy, example["scenario"])
    if found:
        raise ExampleError("\n".join(f"{name}: {problem}" for problem in found))
    return WorkedExample(id=example["id"], name=example["name"], title=example["title"], description=example["description"],
                         answers=example["answers"], scenario=example["scenario"], result=result,
                         fragment=scenario_fragment(example["scenario"], example["answers"], policy, order))


def _position(example: WorkedExample, policy: dict) -> tuple[int, str]:
    order = [p["id"] for p in policy["provisions"]]
    return min(order.index(c["provision"]) for c in example.scenario["claims"]), example.id


def compute_examples(policy: dict, directory: Path | None = None) -> list[WorkedExample]:
    """Every example, checked and computed, in the text's order of the first provision each claims.

    Raises ExampleError listing every problem of every file, each as ``<file>: <field>: <message>``."""
    directory = directory or EXAMPLES_DIR
    profiles = load_profiles()
    order = list(profile_answers(profiles))
    validator, calc_policy = _validator(directory), load_policy(policy)
    examples, problems = [], []
    for path in example_files(directory):
        try:
            examples.append(_computed(path, validator, policy, calc_policy, profiles, order))
        except ExampleError as error:
            problems.append(str(error))
    if problems:
        raise ExampleError("worked examples:\n" + "\n".join(problems))
    if not examples:
        raise ExampleError(f"worked examples: no example file in {directory}")
    return sorted(examples, key=lambda e: _position(e, policy))


_cache: dict[tuple, list[WorkedExample]] = {}


def load_examples(policy: dict, directory: Path | None = None) -> list[WorkedExample]:
    """:func:`compute_examples`, once per policy and set of files (the pages of both editions share it)."""
    directory = directory or EXAMPLES_DIR
    digest = hashlib.sha256(json.dumps(policy, sort_keys=True).encode())
    for path in sorted(directory.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    key = (str(directory), digest.hexdigest())
    if key not in _cache:
        _cache[key] = compute_examples(policy, directory)
    return _cache[key]


def examples_by_provision(examples: list[WorkedExample]) -> dict[str, list[WorkedExample]]:
    """Provision id -> the examples that claim it."""
    found: dict[str, list[WorkedExample]] = {}
    for example in examples:
        for claim in example.scenario["claims"]:
            found.setdefault(claim["provision"], []).append(example)
    return found
