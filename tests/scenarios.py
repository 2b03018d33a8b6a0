"""Random VALID calculator scenarios drawn from a policy, deterministic for a seed.

``random_scenarios(policy, n, seed)`` returns ``n`` scenarios (plain dicts, ready for ``json.dumps``) that
``calc`` must accept: every claimed provision exists and appears once, every declared input is filled with
a value of its type in a format people really type, every condition given is a declared one with a boolean.
What varies, so that every rule gets exercised:

* claims: 1 to 6 distinct provisions, any kind (monetary or not);
* money: amounts from 0 to just below 10^12 yuan, at most 2 decimals in yuan, written as ``800万``,
  ``8,000,000``, ``８００万`` (full-width), ``0.08亿``, ``1.5万元``, `` 2000000 ``, ``¥1200``, ``3 万``,
  ``0.5万亿`` and so on, always at most 40 characters and exactly the intended amount;
* counts: 0 to 50, as a number or as text;
* dates: 2023-10 to 2027-12, often within a few days of a date rule's start (2025-01-01, 2026-01-31) or of
  the measures' first and last day, so both sides of every boundary occur;
* choices: any declared option; conditions: each true, false or absent;
* other_support: none, or up to 3 entries for any provision, with a source text or none;
* as_of: usually inside 2026-01-31..2027-01-30, sometimes before or after it.

Only the standard library's ``random.Random(seed)`` is used, so the same seed gives the same list on every
machine and Python version that keeps ``random``'s documented reproducibility.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

FIRST_DAY = date(2026, 1, 31)
LAST_DAY = date(2027, 1, 30)
BOUNDARIES = (date(2025, 1, 1), FIRST_DAY, LAST_DAY)
DATE_RANGE = (date(2023, 10, 1), date(2027, 12, 31))
MAX_FEN = 10**14 - 1  # just below 10^12 yuan
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SOURCES = ("", "苏州市另一项政策", "another Suzhou policy", "区级配套")


def _trim(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _group(digits: str) -> str:
    return f"{int(digits):,}"


def random_fen(rng: random.Random) -> int:
    """An amount in fen, spread over every order of magnitude (and some round numbers)."""
    roll = rng.random()
    if roll < 0.05:
        return 0
    if roll < 0.35:  # round amounts people write in 万
        return rng.randint(1, 99_999) * 10**6 // rng.choice((1, 10, 100))
    digits = rng.randint(1, 14)
    return min(rng.randrange(10 ** (digits - 1), 10**digits), MAX_FEN)


def money_text(rng: random.Random, fen: int) -> str:
    """Write ``fen`` (an amount in fen) in one of the accepted formats; the text parses to exactly it."""
    yuan = Decimal(fen) / 100
    form = rng.choice(("yuan", "grouped", "yuan_unit", "wan", "wan_unit", "yi", "yi_unit", "yen_sign", "wanyi"))
    if form in ("yuan", "grouped", "yuan_unit", "yen_sign"):
        whole, _, frac = _trim(yuan).partition(".")
        whole = _group(whole) if form == "grouped" and rng.random() < 0.8 else whole
        text = whole + ("." + frac if frac else "")
        if form == "yuan" and not frac and rng.random() < 0.2:
            text += ".00"
        text = {"yuan_unit": text + "元", "yen_sign": "¥" + text}.get(form, text)
    elif form in ("wan", "wan_unit"):
        text = _trim(yuan / 10_000) + ("万元" if form == "wan_unit" else "万")
    elif form in ("yi", "yi_unit"):
        text = _trim(yuan / 100_000_000) + ("亿元" if form == "yi_unit" else "亿")
    else:
        text = _trim(yuan / 10**12) + rng.choice(("万亿", "万亿元"))
    if rng.random() < 0.15:
        text = text.translate(FULL_WIDTH)
    roll = rng.random()
    if roll < 0.1:
        text = " " + text + " "
    elif roll < 0.15 and text[-1] in "万元亿":
        cut = len(text.rstrip("万元亿"))
        text = text[:cut] + " " + text[cut:]
    if len(text) > 40:  # too long to be accepted: fall back to the plainest form
        text = _trim(yuan)
    return text


def random_date(rng: random.Random) -> date:
    if rng.random() < 0.45:
        return rng.choice(BOUNDARIES) + timedelta(days=rng.randint(-3, 3))
    start, end = DATE_RANGE
    return start + timedelta(days=rng.randint(0, (end - start).days))


def random_as_of(rng: random.Random) -> date:
    roll = rng.random()
    if roll < 0.7:
        return FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    if roll < 0.85:
        return rng.choice((FIRST_DAY, LAST_DAY)) + timedelta(days=rng.choice((-2, -1, 1, 2)))
    return random_date(rng)


def input_value(rng: random.Random, spec: dict):
    kind = spec["type"]
    if kind == "money":
        return money_text(rng, random_fen(rng))
    if kind == "count":
        count = rng.randint(0, 50)
        return count if rng.random() < 0.5 else str(count)
    if kind == "date":
        return random_date(rng).isoformat()
    if kind == "choice":
        return rng.choice(spec["options"])["value"]
    return rng.random() < 0.5  # boolean inputs, should a policy declare any


def dates_value(rng: random.Random, count: int):
    """One date for every unit, or one date per unit (as text with a separator, or as a list)."""
    dates = [random_date(rng).isoformat() for _ in range(1 if count < 1 or count > 5 or rng.random() < 0.4 else count)]
    roll = rng.random()
    return dates if roll < 0.3 else ("、" if roll < 0.6 else ", ").join(dates)


def random_inputs(rng: random.Random, provision: dict) -> dict:
    """A valid value for every input of the provision (dates: one for all units, or one per unit counted)."""
    inputs = {spec["name"]: input_value(rng, spec) for spec in provision["inputs"] if spec["type"] != "dates"}
    for spec in provision["inputs"]:
        if spec["type"] == "dates":
            inputs[spec["name"]] = dates_value(rng, int(inputs[spec["per_count"]]))
    return {spec["name"]: inputs[spec["name"]] for spec in provision["inputs"]}


def random_claim(rng: random.Random, provision: dict) -> dict:
    claim = {"provision": provision["id"], "inputs": random_inputs(rng, provision)}
    conditions = {}
    for condition in provision["conditions"]:
        roll = rng.random()
        if roll < 0.45:
            conditions[condition["id"]] = True
        elif roll < 0.75:
            conditions[condition["id"]] = False
    if conditions or rng.random() < 0.5:
        claim["conditions"] = conditions
    return claim


def random_scenario(rng: random.Random, policy: dict) -> dict:
    provisions = policy["provisions"]
    chosen = rng.sample(provisions, rng.randint(1, min(6, len(provisions))))
    scenario = {"as_of": random_as_of(rng).isoformat(), "claims": [random_claim(rng, p) for p in chosen]}
    if rng.random() < 0.35:
        scenario["other_support"] = [
            {"provision": rng.choice(chosen if rng.random() < 0.7 else provisions)["id"],
             "amount": money_text(rng, random_fen(rng)), "source": rng.choice(SOURCES)}
            for _ in range(rng.randint(1, 3))]
    return scenario


def random_scenarios(policy: dict, n: int, seed: int) -> list[dict]:
    """``n`` valid scenarios for ``policy``; the same (policy, n, seed) always gives the same list."""
    rng = random.Random(seed)
    return [random_scenario(rng, policy) for _ in range(n)]
