"""The calculator's profile questions (policy/profiles.json): loaded, checked against the policy, resolved.

Which answers lead to which provisions is data; this module only reads it: ``answer_provisions`` gives, for
each answer, its own provisions and those of the answers it includes.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
PROFILES_PATH = ROOT / "policy" / "profiles.json"
SCHEMA_PATH = ROOT / "policy" / "profiles.schema.json"


def load_profiles(path: Path = PROFILES_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def answers(profiles: dict) -> dict[str, dict]:
    return {answer["id"]: answer for question in profiles["questions"] for answer in question["answers"]}


def answer_provisions(profiles: dict) -> dict[str, list[str]]:
    """Answer id -> the provisions it leads to, its includes followed (in policy order is the caller's job)."""
    by_id = answers(profiles)
    resolved: dict[str, list[str]] = {}
    for answer_id, answer in by_id.items():
        seen = list(answer["provisions"])
        for included in answer.get("includes", []):
            seen += [pid for pid in by_id[included]["provisions"] if pid not in seen]
        resolved[answer_id] = seen
    return resolved


def problems(profiles: dict, policy: dict) -> list[str]:
    """Every way the profiles contradict their schema or the policy, each naming where."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    found = [f"$.{'.'.join(map(str, e.absolute_path))}: {e.message}"
             for e in jsonschema.Draft202012Validator(schema).iter_errors(profiles)]
    if found:
        return found
    provisions = {p["id"]: p for p in policy["provisions"]}
    by_id = answers(profiles)
    if len(by_id) != sum(len(q["answers"]) for q in profiles["questions"]):
        found.append("answer ids are not unique across questions")
    for answer_id, answer in by_id.items():
        found += [f"answer {answer_id}: unknown provision {pid}" for pid in answer["provisions"] if pid not in provisions]
        found += [f"answer {answer_id}: includes unknown answer {other}" for other in answer.get("includes", []) if other not in by_id]
    reached = {pid for pids in answer_provisions(profiles).values() for pid in pids} if not found else set()
    found += [f"provision {pid} is reached by no answer" for pid in provisions if reached and pid not in reached]
    for person in profiles["as_person"]:
        pid = person["provision"]
        names = {spec["name"] for spec in provisions.get(pid, {"inputs": []})["inputs"]}
        if pid not in provisions or person["answer"] not in by_id:
            found.append(f"as_person {pid}: unknown provision or answer")
            continue
        found += [f"as_person {pid}.{choice['id']}: inputs {sorted(choice['inputs'])} are not the provision's {sorted(names)}"
                  for choice in person["choices"] if set(choice["inputs"]) != names]
    roles = {role["id"] for role in policy["roles"]}
    found += [f"v1_roles: unknown role {role}" for role in profiles["v1_roles"] if role not in roles]
    found += [f"v1_roles.{role}: unknown answer {a}" for role, ids in profiles["v1_roles"].items() for a in ids if a not in by_id]
    found += [f"v1_roles: role {role} of the policy has no answer" for role in roles if role not in profiles["v1_roles"]]
    return found


def load_valid_profiles(policy: dict, path: Path = PROFILES_PATH) -> dict:
    profiles = load_profiles(path)
    found = problems(profiles, policy)
    if found:
        raise ValueError(f"{path.name}: " + "; ".join(found))
    return profiles
