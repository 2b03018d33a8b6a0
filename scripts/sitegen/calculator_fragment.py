"""Links that open the calculator with a whole scenario: the URL fragment (version 2, ``names.FRAGMENT_VERSION``)
written in Python, pair for pair as the page's own script writes it (docs/assets/calculator/fragment.mjs,
``encodeFragment``), so a link the build makes is the link the page itself would show for the same state.

Pairs, in the script's order: ``v``; ``as_of``; ``a`` (the profile's answers, in the order the page lists them);
``p`` (the chosen provisions, in the text's order); ``o.<group>`` for an overlap group answered ``same`` or
``different``; then per provision, in the text's order, its inputs (as typed, in the order the provision declares
them), its conditions (``yes`` / ``no``), and other support (``other.amount``, ``other.source``, ``other.level``
when provincial). Values are percent-encoded as ``encodeURIComponent`` does, commas kept readable.
"""

from __future__ import annotations

from urllib.parse import quote

from .names import FRAGMENT_VERSION

#: What ``encodeURIComponent`` leaves as it is (letters, digits and these), plus the comma the script keeps.
UNESCAPED = "-_.!~*'(),"


def encode_value(text: str) -> str:
    """``encodeURIComponent(text)`` with commas kept: UTF-8, every other byte as ``%XX``."""
    return quote(text, safe=UNESCAPED)


def scenario_pairs(scenario: dict, answers: list[str], policy: dict, answer_order: list[str]) -> list[tuple[str, str]]:
    """The fragment's key/value pairs for ``answers`` and a scenario whose inputs are text as typed."""
    claims = {claim["provision"]: claim for claim in scenario["claims"]}
    chosen = [p for p in policy["provisions"] if p["id"] in claims]
    others = {other["provision"]: other for other in scenario.get("other_support", [])}
    pairs = [("v", str(FRAGMENT_VERSION)), ("as_of", scenario["as_of"])]
    if answers:
        pairs.append(("a", ",".join(a for a in answer_order if a in answers)))
    if chosen:
        pairs.append(("p", ",".join(p["id"] for p in chosen)))
    overlaps = scenario.get("overlaps", {})
    pairs += [(f"o.{group['id']}", overlaps[group["id"]]) for group in policy["overlap_groups"]
              if overlaps.get(group["id"], "unsure") != "unsure"]
    for provision in chosen:
        pid, claim = provision["id"], claims[provision["id"]]
        inputs, conditions = claim.get("inputs", {}), claim.get("conditions", {})
        pairs += [(f"{pid}.{spec['name']}", inputs[spec["name"]]) for spec in provision["inputs"] if inputs.get(spec["name"])]
        pairs += [(f"{pid}.if.{c['id']}", "yes" if conditions[c["id"]] else "no") for c in provision["conditions"]
                  if c["id"] in conditions]
        other = others.get(pid)
        if other:
            pairs.append((f"{pid}.other.amount", other["amount"]))
            if other.get("source"):
                pairs.append((f"{pid}.other.source", other["source"]))
            if other.get("level", "city") != "city":
                pairs.append((f"{pid}.other.level", other["level"]))
    return pairs


def scenario_fragment(scenario: dict, answers: list[str], policy: dict, answer_order: list[str]) -> str:
    """The fragment (without ``#``) that opens the calculator with these answers and this scenario."""
    return "&".join(f"{key}={encode_value(value)}" for key, value in scenario_pairs(scenario, answers, policy, answer_order))
