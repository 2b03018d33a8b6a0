"""The calculator's profile questions (policy/profiles.json): loaded, checked against the policy, resolved.

Which answers lead to which provisions, and how directly, is data; this module only reads it.
``answer_provisions`` gives, for each answer, every provision it reaches (its includes followed);
``answer_weights`` how much the answer adds to each of them (``weights.points_at`` where it points at the
provision directly, ``weights.open_to`` where the provision is merely open to it, or comes from an included
answer); ``ranked`` is the order of the matching list for a set of answers, the rule the page's script
(docs/assets/calculator/profile.mjs) follows with the data of ``page_data``.
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


def answer_weights(profiles: dict) -> dict[str, dict[str, int]]:
    """Answer id -> {provision: weight}: ``weights.points_at`` for what it points at directly, ``weights.open_to``
    for what is merely open to it and for every provision of an answer it includes (a small firm is also an AI
    firm, but the AI firm's provisions are not what it points at)."""
    by_id, weights = answers(profiles), profiles["weights"]
    resolved: dict[str, dict[str, int]] = {}
    for answer_id, answer in by_id.items():
        found = {pid: weights["points_at"] for pid in answer["points_at"]}
        weaker = answer.get("open_to", []) + [pid for other in answer.get("includes", [])
                                              for pid in by_id[other]["points_at"] + by_id[other].get("open_to", [])]
        for pid in weaker:
            found.setdefault(pid, weights["open_to"])
        resolved[answer_id] = found
    return resolved


def answer_provisions(profiles: dict) -> dict[str, list[str]]:
    """Answer id -> every provision it reaches, pointed at first (in policy order is the caller's job)."""
    return {answer_id: list(found) for answer_id, found in answer_weights(profiles).items()}


def narrowing_answers(profiles: dict) -> list[str]:
    """The answers of the questions that narrow the list (``narrows``)."""
    return [answer["id"] for question in profiles["questions"] if question["narrows"] for answer in question["answers"]]


def ranked(profiles: dict, chosen: set[str], order: list[str]) -> tuple[list[str], list[str]]:
    """The matching list for the answers ``chosen``: (first, also open), each in its order.

    First come the provisions the chosen answers of narrowing questions point at directly, or, when no such
    answer is chosen, those any chosen answer points at directly (all it reaches if none); the others the answers
    reach are "also open". Within each, heavier first (the sum of the answers' weights), then in ``order``
    (the page's static order, the text's). No answer: everything, in ``order``, and nothing also open.
    """
    if not chosen:
        return list(order), []
    weights, by_id, narrows = answer_weights(profiles), answers(profiles), set(narrowing_answers(profiles))
    narrowing = [answer for answer in chosen if answer in narrows]
    score: dict[str, int] = {}
    for answer in chosen:
        for pid, weight in weights[answer].items():
            score[pid] = score.get(pid, 0) + weight
    first = {pid for answer in (narrowing or chosen) for pid in by_id[answer]["points_at"]} or set(score)
    position = {pid: index for index, pid in enumerate(order)}
    key = lambda pid: (-score[pid], position[pid])  # noqa: E731
    return sorted(first, key=key), sorted(set(score) - first, key=key)


def page_data(profiles: dict) -> dict:
    """What the calculator page's script needs to rank the list (see ``ranked``) and read version-1 links."""
    return {"v1_roles": profiles["v1_roles"], "weights": answer_weights(profiles),
            "points_at": {a["id"]: a["points_at"] for a in answers(profiles).values()},
            "narrowing": narrowing_answers(profiles)}


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
    if profiles["weights"]["points_at"] <= profiles["weights"]["open_to"]:
        found.append("weights: points_at must weigh more than open_to")
    for answer_id, answer in by_id.items():
        listed = answer["points_at"] + answer.get("open_to", [])
        found += [f"answer {answer_id}: unknown provision {pid}" for pid in listed if pid not in provisions]
        found += [f"answer {answer_id}: {pid} is both pointed at and merely open" for pid in set(answer["points_at"]) & set(answer.get("open_to", []))]
        found += [f"answer {answer_id}: includes unknown answer {other}" for other in answer.get("includes", []) if other not in by_id]
        if answer_id in answer.get("includes", []):
            found.append(f"answer {answer_id}: includes itself")
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
