"""Entry points for the browser: the Web Worker calls these through Pyodide with JSON text, and gets JSON text.

Passing text (not JS objects) keeps the boundary simple and makes the output byte-for-byte comparable with
CPython: the tests feed the same strings to both and compare the answers.

    load_policy_json(text) -> '{"ok": true, "policy": {...}}' or '{"ok": false, "error": {...}}'
    estimate_json(text)    -> '{"ok": true, "result": {...}}' or '{"ok": false, "error": {...}}'
"""

from __future__ import annotations

import json

from .estimate import estimate
from .jsonin import scenario_from_json
from .policy import Policy, from_dict, load_policy, parse_policy_json
from .problems import PolicyError, ScenarioError

_policy: Policy | None = None


def dumps(value) -> str:
    """Compact JSON: the browser parses it at once, and the tests compare it byte for byte."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load_policy_json(text: str) -> str:
    """Load and keep the policy for later estimates."""
    global _policy
    try:
        _policy = from_dict(parse_policy_json(text))
    except PolicyError as error:
        return dumps({"ok": False, "error": {"error": "invalid_policy", "problems": error.problems}})
    dataset = _policy.data["dataset"]
    return dumps({"ok": True, "policy": {"id": dataset["id"], "version": dataset["version"],
                                         "last_updated": dataset["last_updated"], "provisions": len(_policy.provisions)}})


def estimate_json(text: str) -> str:
    """Estimate a scenario given as JSON text with the loaded policy (the shipped one if none was loaded)."""
    global _policy
    if _policy is None:
        _policy = load_policy()
    try:
        return dumps({"ok": True, "result": estimate(_policy, scenario_from_json(text))})
    except ScenarioError as error:
        return dumps({"ok": False, "error": error.as_dict()})
