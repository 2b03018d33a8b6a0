"""Command line: `python -m calc estimate SCENARIO.json` and `python -m calc list`.

estimate reads a scenario (a file, or - for standard input) and prints the result as JSON, or as readable
text with --format text. Errors are printed as JSON on standard error ({"error": ..., "problems": [...]})
with exit status 2 for a bad scenario and 3 for a bad policy; they are never tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from .estimate import estimate
from .explain import explain
from .money import format_amount
from .policy import load_policy
from .problems import PolicyError, ScenarioError

EXIT_SCENARIO, EXIT_POLICY = 2, 3


def dumps(value) -> str:
    """The one JSON encoding used for results, in CPython and in the browser alike."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def _read_scenario(path: str) -> object:
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not allowed in a scenario")


def _error(payload: dict, status: int) -> int:
    sys.stderr.write(dumps(payload) + "\n")
    return status


def cmd_estimate(args) -> int:
    try:
        policy = load_policy(args.policy)
    except PolicyError as error:
        return _error({"error": "invalid_policy", "problems": error.problems}, EXIT_POLICY)
    try:
        scenario = _read_scenario(args.scenario)
    except OSError as error:
        return _error({"error": "unreadable_scenario", "message": f"cannot read {args.scenario}: {error.strerror or error}"},
                      EXIT_SCENARIO)
    except UnicodeDecodeError:
        return _error({"error": "unreadable_scenario", "message": f"{args.scenario} is not UTF-8 text"}, EXIT_SCENARIO)
    except ValueError as error:
        return _error({"error": "invalid_json", "message": f"the scenario is not valid JSON: {error}"}, EXIT_SCENARIO)
    try:
        result = estimate(policy, scenario)
    except ScenarioError as error:
        return _error(error.as_dict(), EXIT_SCENARIO)
    sys.stdout.write(explain(result, args.lang) if args.format == "text" else dumps(result) + "\n")
    return 0


def _figure(provision: dict) -> str:
    rule, kind = provision["rule"], provision["kind"]
    if kind in ("share_of_base", "ceiling"):
        return format_amount(Decimal(rule["cap"]))
    if kind == "fixed":
        return format_amount(Decimal(rule["amount"]))
    if kind == "tiers":
        return "/".join(format_amount(Decimal(t["amount"])) for t in rule["tiers"])
    return "-"


def cmd_list(args) -> int:
    try:
        policy = load_policy(args.policy)
    except PolicyError as error:
        return _error({"error": "invalid_policy", "problems": error.problems}, EXIT_POLICY)
    provisions = list(policy.provisions.values())
    if args.format == "json":
        sys.stdout.write(dumps([{"provision": p["id"], "label": p["label"], "kind": p["kind"],
                                 "inputs": [{"name": i["name"], "type": i["type"], "label": i["label"],
                                             **({"options": [o["value"] for o in i["options"]]} if "options" in i else {})}
                                            for i in p["inputs"]],
                                 "conditions": [c["id"] for c in p["conditions"]]} for p in provisions]) + "\n")
        return 0
    lang = args.lang
    for p in provisions:
        label = p["label"][lang] or p["label"]["zh"]
        sys.stdout.write(f"{p['id']:<6} {p['kind']:<14} {_figure(p):<22} {label}\n")
        for item in p["inputs"]:
            options = f" [{'|'.join(o['value'] for o in item['options'])}]" if "options" in item else ""
            sys.stdout.write(f"{'':<7}input {item['name']} ({item['type']}){options}: {item['label'][lang] or item['label']['zh']}\n")
        for condition in p["conditions"]:
            sys.stdout.write(f"{'':<7}condition {condition['id']}: {condition['text']['zh']}\n")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m calc", description=__doc__.splitlines()[0])
    root.add_argument("--policy", help="policy JSON file (default: the policy shipped with calc)")
    commands = root.add_subparsers(dest="command", required=True)
    est = commands.add_parser("estimate", help="estimate a scenario")
    est.add_argument("scenario", help="scenario JSON file, or - for standard input")
    est.add_argument("--format", choices=("json", "text"), default="json")
    est.add_argument("--lang", choices=("zh", "en"), default="zh")
    est.set_defaults(run=cmd_estimate)
    lst = commands.add_parser("list", help="list the provisions with their ids and inputs")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.add_argument("--lang", choices=("zh", "en"), default="zh")
    lst.set_defaults(run=cmd_list)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
