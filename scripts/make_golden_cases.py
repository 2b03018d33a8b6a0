#!/usr/bin/env python3
"""Write the golden calculator cases in policy/cases/ (one JSON file per case).

Each case is ``{"name": <a full sentence>, "scenario": {...}, "expected": {...}}``; ``expected`` holds, per
claim, the provision, status, amount, whether it is an upper bound, which limit bound it and whether the event
is still a plan; the totals, the totals per period (amounts of different periods are never added into one
headline) and, for overlap groups, the answer used and what answering "different" would add.

The expected values are computed here with plain Decimal arithmetic written for this purpose, from the
rule numbers in the policy JSON (which the policy tests tie to the text). They do not call ``calc``: the
calculator is tested against them, not the other way round.

Usage: python scripts/make_golden_cases.py [--check]   (--check: fail if policy/cases/ is out of date)
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "policy" / "suzhou-ai-plus-2026.json"
CASES = ROOT / "policy" / "cases"
AS_OF = "2026-06-30"
EVENT_DATE = "2026-03-01"
CENT = Decimal("0.01")
REVIEW = ("择优", "经评审认定")
PERIODS = ("per_year", "one_off", "total_over_three_years", "not_stated")
IN_FORCE_TO = "2027-01-30"


def yuan(amount: Decimal) -> str:
    return format(amount.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def shown(amount: Decimal) -> str:
    """1234567.8 -> '1,234,567.80' for case names."""
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def shown_exact(amount: Decimal) -> str:
    """1999999.995 -> '1,999,999.995': an unrounded share, as it is before the rounding to the fen."""
    return f"{amount.normalize():,f}"


def name_of(provision: dict) -> str:
    return provision["label"]["en"] or provision["label"]["zh"]


def base_inputs(provision: dict) -> dict:
    """Every declared input with a neutral valid value; callers override what the case is about."""
    values = {}
    for spec in provision["inputs"]:
        values[spec["name"]] = {"money": "0", "count": "1", "date": EVENT_DATE, "dates": EVENT_DATE, "boolean": True}.get(
            spec["type"], spec["options"][0]["value"] if spec["type"] == "choice" else None)
    return values


def reviewed(provision: dict) -> bool:
    return any(word in provision["up_to_terms"] for word in REVIEW)


def party(provision: dict) -> str | None:
    """Whose money: the applicant's, or the talents' themselves (the policy JSON's recipient)."""
    return provision["recipient"]["party"] if provision["recipient"] else None


def item(provision: dict, status: str, amount: Decimal | None, up_to, bound, planned: bool = False,
         before_overlap: Decimal | None = None) -> dict:
    """``before_overlap``: for an item set aside by 就高、不重复, the amount it would have given (kept on its row)."""
    return {"provision": provision["id"], "status": status, "amount": None if amount is None else yuan(amount),
            "amount_before_overlap": None if before_overlap is None else yuan(before_overlap),
            "up_to": up_to, "bound": bound, "planned": planned, "recipient": party(provision), "_period": provision["period"]}


def period_totals(items: list[dict], recipient: str) -> list[dict]:
    """The counted items of one recipient, summed per period: the applicant's money is never added to the
    money paid to talents themselves, and amounts of different periods are never added."""
    sums: dict[str, Decimal] = {}
    for i in items:
        if i["status"] == "eligible" and i["recipient"] == recipient:
            sums[i["_period"]] = sums.get(i["_period"], Decimal(0)) + Decimal(i["amount"])
    return [{"period": period, "amount": yuan(sums[period])} for period in PERIODS if period in sums]


def case(slug: str, name: str, claims: list[dict], items: list[dict], as_of: str = AS_OF, other_support=None,
         overlaps=None, questions=()) -> tuple[str, dict]:
    """``questions``: (group, answer used, amount "different" would add or None) for each group all claimed."""
    counted = [i for i in items if i["status"] == "eligible"]
    total = sum((Decimal(i["amount"]) for i in counted), Decimal(0))
    up_to = sum((Decimal(i["amount"]) for i in counted if i["up_to"]), Decimal(0))
    scenario = {"as_of": as_of, "claims": claims}
    if other_support:
        scenario["other_support"] = other_support
    if overlaps:
        scenario["overlaps"] = overlaps
    expected = {"items": [{k: v for k, v in i.items() if k != "_period"} for i in items],
                "total": yuan(total), "total_up_to": yuan(up_to), "total_fixed": yuan(total - up_to),
                "period_totals": period_totals(items, "applicant"),
                "talent_period_totals": period_totals(items, "talent"),
                "overlap_questions": [{"group": group, "answer": answer, "amount_added": None if added is None else yuan(added)}
                                      for group, answer, added in questions]}
    return slug, {"name": name, "scenario": scenario, "expected": expected}


def share_cases(p: dict) -> list:
    rule = p["rule"]
    rate, cap = Decimal(rule["rate"]), Decimal(rule["cap"])
    # the smallest base, to the fen, whose share rounds to the cap: the point where the cap starts to bind
    cap_point = ((cap - Decimal("0.005")) / rate).quantize(CENT, rounding=ROUND_CEILING)
    while (rate * cap_point).quantize(CENT, rounding=ROUND_HALF_UP) < cap:
        cap_point += CENT
    below = (cap / rate / 2).quantize(CENT, rounding=ROUND_HALF_UP)
    above = (cap / rate * 3).quantize(CENT, rounding=ROUND_HALF_UP)
    out = []
    # exactly at the cap when rate x base equals it; otherwise the share only reaches it once rounded to the fen
    at_cap = ("is exactly the cap point: its share equals the cap" if rate * cap_point == cap else
              f"is the smallest base, to the fen, whose share ({shown_exact(rate * cap_point)} yuan) reaches the cap "
              f"only once rounded to the fen")
    points = [("below-cap", below, "is below the cap point"), ("at-cap", cap_point, at_cap),
              ("above-cap", above, "is above the cap point")]
    exact_point = cap / rate
    if exact_point != cap_point and exact_point == exact_point.quantize(CENT):
        # the base whose share equals the cap without rounding (10% x 20,000,000 = 2,000,000): reaching the cap
        points.insert(2, ("at-cap-exact", exact_point, "is exactly the cap point: its share equals the cap"))
    for slug, base, where in points:
        share = (rate * base).quantize(CENT, rounding=ROUND_HALF_UP)
        amount = min(share, cap)
        bound = "cap" if share >= cap else "rate"
        up_to = rule["rate_is_ceiling"] or reviewed(p) or (bound == "cap" and rule["cap_is_ceiling"])
        inputs = base_inputs(p) | {rule["base_input"]: shown(base)}
        out.append(case(f"{p['id']}-{slug}",
                        f"{name_of(p)}: a base of {shown(base)} yuan {where}, so it gives "
                        f"{shown(amount)} yuan ({'the cap' if bound == 'cap' else 'the rate times the base'}).",
                        [{"provision": p["id"], "inputs": inputs}], [item(p, "eligible", amount, up_to, bound)]))
    return out


def ceiling_cases(p: dict) -> list:
    rule = p["rule"]
    cap = Decimal(rule["cap"])
    counts = (1, 3) if rule["count_input"] else (1,)
    out = []
    for count in counts:
        inputs = base_inputs(p)
        if rule["count_input"]:
            inputs[rule["count_input"]] = str(count)
        amount = cap * count
        out.append(case(f"{p['id']}-ceiling-{count}",
                        f"{name_of(p)}: {'for ' + str(count) + (' units, ' if count > 1 else ' unit, ') if rule['count_input'] else ''}"
                        f"the estimate is up to {shown(amount)} yuan, a ceiling and not a promise"
                        f"{' (the text names a selection or review)' if reviewed(p) else ''}.",
                        [{"provision": p["id"], "inputs": inputs}], [item(p, "eligible", amount, True, "ceiling")]))
    return out


def fixed_cases(p: dict) -> list:
    rule = p["rule"]
    count = 2 if rule["count_input"] else 1
    inputs = base_inputs(p)
    if rule["count_input"]:
        inputs[rule["count_input"]] = str(count)
    amount = Decimal(rule["amount"]) * count
    return [case(f"{p['id']}-fixed-{count}",
                 f"{name_of(p)}: {count} unit{'s' if count > 1 else ''} give{'' if count > 1 else 's'} a fixed {shown(amount)} yuan.",
                 [{"provision": p["id"], "inputs": inputs}], [item(p, "eligible", amount, reviewed(p), "fixed")])]


def tier_cases(p: dict) -> list:
    rule = p["rule"]
    out = []
    if rule["mode"] == "choose_one":
        for tier in rule["tiers"]:
            inputs = base_inputs(p) | {rule["tier_input"]: tier["key"]}
            amount = Decimal(tier["amount"])
            up_to = tier["up_to"] or reviewed(p)
            out.append(case(f"{p['id']}-tier-{tier['key']}",
                            f"{name_of(p)}: the tier {tier['label']['en'] or tier['label']['zh']} gives "
                            f"{'up to ' if up_to else ''}{shown(amount)} yuan.",
                            [{"provision": p["id"], "inputs": inputs}],
                            [item(p, "eligible", amount, up_to, "ceiling" if tier["up_to"] else "fixed")]))
    else:
        inputs = base_inputs(p)
        amount = Decimal(0)
        parts = []
        for k, tier in enumerate(rule["tiers"]):
            count = k + 1
            inputs[tier["count_input"]] = str(count)
            amount += Decimal(tier["amount"]) * count
            parts.append(f"{count} × {tier['label']['en'] or tier['label']['zh']}")
        up_to = any(t["up_to"] for t in rule["tiers"]) or reviewed(p)
        out.append(case(f"{p['id']}-tiers-mixed",
                        f"{name_of(p)}: {', '.join(parts)} give {'up to ' if up_to else ''}{shown(amount)} yuan in all.",
                        [{"provision": p["id"], "inputs": inputs}],
                        [item(p, "eligible", amount, up_to, "ceiling" if any(t["up_to"] for t in rule["tiers"]) else "fixed")]))
    return out


def date_rule_cases(p: dict, eligible_amount_case: dict) -> list:
    rule = p["date_rule"]
    start = rule["on_or_after"]
    claim = json.loads(json.dumps(eligible_amount_case["scenario"]["claims"][0]))
    late = json.loads(json.dumps(eligible_amount_case["expected"]["items"][0])) | {"_period": p["period"]}
    day_before = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    early_claim = json.loads(json.dumps(claim))
    early_claim["inputs"][rule["input"]] = day_before
    on_start = json.loads(json.dumps(claim))
    on_start["inputs"][rule["input"]] = start
    planned = late | {"planned": True}
    out = [
        case(f"{p['id']}-date-before",
             f"{name_of(p)}: an event on {day_before}, the day before {start}, is not eligible under “{rule['term']}”.",
             [early_claim], [item(p, "not_eligible", Decimal(0), None, None)]),
        case(f"{p['id']}-date-on-start",
             f"{name_of(p)}: an event on {start} itself meets “{rule['term']}”.",
             [on_start], [late]),
    ]
    end = rule["on_or_before"]
    if end:
        # 本措施施行后 and 2025年以来 alike (this project's reading of the end): the measures cannot pay for an event
        # after they expire, so the last day counts and the day after does not
        assert end == IN_FORCE_TO, end
        day_after = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
        on_end, after_end = json.loads(json.dumps(claim)), json.loads(json.dumps(claim))
        on_end["inputs"][rule["input"]], after_end["inputs"][rule["input"]] = end, day_after
        out += [
            case(f"{p['id']}-date-on-end",
                 f"{name_of(p)}: an event planned for {end}, the last day the measures are in force, still meets "
                 f"“{rule['term']}”, and the estimate says it is a plan since it falls after the estimate date {AS_OF}.",
                 [on_end], [planned]),
            case(f"{p['id']}-date-after-end",
                 f"{name_of(p)}: an event on {day_after}, after the measures expire, is not eligible under “{rule['term']}”: "
                 f"the measures cannot pay for it (this project's reading of the rule's end).",
                 [after_end], [item(p, "not_eligible", Decimal(0), None, None)]),
        ]
    else:
        later = json.loads(json.dumps(claim))
        later["inputs"][rule["input"]] = "2026-12-01"
        out.append(case(f"{p['id']}-date-planned",
                        f"{name_of(p)}: an event on 2026-12-01, after the estimate date {AS_OF}, meets “{rule['term']}” "
                        f"and is counted as a plan, not a fact.",
                        [later], [planned]))
    return out


def special_cases(policy: dict) -> list:
    provisions = {p["id"]: p for p in policy["provisions"]}
    rental, voucher = provisions["m2-2"], provisions["m9-4"]
    purchase, corpus = provisions["m1-3"], provisions["m9-5"]
    out = [
        case("not-in-force-after-expiry", "On 2027-01-31, the day after the measures expire, nothing is counted and every claim says the measures are not in force.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "not_in_force", Decimal(0), None, None)], as_of="2027-01-31"),
        case("not-in-force-before-commencement", "On 2026-01-30, the day before the measures take effect, nothing is counted.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "not_in_force", Decimal(0), None, None)], as_of="2026-01-30"),
        case("in-force-on-last-day", "On 2027-01-30, the last day of validity, the compute rental subsidy still applies: 800万 of fees give the 2,000,000 yuan cap.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "eligible", Decimal(2000000), True, "cap")], as_of="2027-01-30"),
        case("compute-overlap-rental-wins", "An OPC enterprise whose compute voucher paid for the same rental fees gets the higher of the rental subsidy and the voucher, not both: 300,000 yuan of rental subsidy beats the 200,000 yuan voucher.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "100万"}}, {"provision": "m9-4", "inputs": {"compute_costs": "100万"}}],
             [item(rental, "eligible", Decimal(300000), False, "rate"), item(voucher, "set_aside", Decimal(0), True, "cap", before_overlap=share(voucher, Decimal(1000000))[0])],
             overlaps={"compute-costs": "same"}, questions=[("compute-costs", "same", None)]),
        case("compute-overlap-voucher-wins", "With 200,000 yuan of compute costs paid by both, the voucher covers all 200,000 yuan while the rental subsidy gives 60,000 yuan, so the voucher applies and the subsidy is set aside.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "20万"}}, {"provision": "m9-4", "inputs": {"compute_costs": "20万"}}],
             [item(rental, "set_aside", Decimal(0), False, "rate", before_overlap=share(rental, Decimal(200000))[0]), item(voucher, "eligible", Decimal(200000), True, "cap")],
             overlaps={"compute-costs": "same"}, questions=[("compute-costs", "same", None)]),
        case("corpus-overlap-purchase-wins", "A corpus purchase of 1,000,000 yuan paid with the corpus voucher too: the purchase subsidy (up to 20%, 200,000 yuan) and the corpus voucher (100,000 yuan) pay for the same purchase, so only the higher subsidy counts.",
             [{"provision": "m1-3", "inputs": {"approved_contract_amount": "100万"}}, {"provision": "m9-5", "inputs": {"corpus_costs": "100万"}}],
             [item(purchase, "eligible", Decimal(200000), True, "rate"), item(corpus, "set_aside", Decimal(0), True, "cap", before_overlap=share(corpus, Decimal(1000000))[0])],
             overlaps={"corpus-costs": "same"}, questions=[("corpus-costs", "same", None)]),
        *same_costs_cases(policy),
        *province_cases(policy),
        *reader_cases(policy),
        case("other-support-higher", "Support of 2,500,000 yuan already received from another Suzhou policy for the same compute rental is higher than this policy's 2,000,000 yuan, so this policy's subsidy is set aside.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "set_aside", Decimal(0), True, "cap", before_overlap=share(rental, Decimal(8000000))[0])],
             other_support=[{"provision": "m2-2", "amount": "250万", "source": "another Suzhou policy"}]),
        case("other-support-lower", "Support of 500,000 yuan from another Suzhou policy for the same compute rental is lower than this policy's 2,000,000 yuan, so this policy's subsidy applies and the other is set aside.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "eligible", Decimal(2000000), True, "cap")],
             other_support=[{"provision": "m2-2", "amount": "50万", "source": "another Suzhou policy"}]),
        case("condition-not-met", "A purchase of datasets from a related party does not meet the text's condition “购买非关联方的数据集及语料库”, so the purchase subsidy is not eligible.",
             [{"provision": "m1-3", "inputs": {"approved_contract_amount": "100万"}, "conditions": {"non_related_party": False}}],
             [item(purchase, "not_eligible", Decimal(0), None, None)]),
        case("amount-formats", "The same compute rental fees typed as 800万, 8,000,000, ８００万 or 0.08亿 give the same 2,000,000 yuan; here as 0.08亿.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "0.08亿"}}], [item(rental, "eligible", Decimal(2000000), True, "cap")]),
        case("full-width-digits", "Full-width digits ８００万 are read as 800万 and give the 2,000,000 yuan cap.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "８００万"}}], [item(rental, "eligible", Decimal(2000000), True, "cap")]),
    ]
    return out


def share(provision: dict, base: Decimal) -> tuple[Decimal, str]:
    """min(rate x base rounded to the fen, cap) and which of the two it is."""
    rule = provision["rule"]
    product = (Decimal(rule["rate"]) * base).quantize(CENT, rounding=ROUND_HALF_UP)
    return (product, "rate") if product < Decimal(rule["cap"]) else (Decimal(rule["cap"]), "cap")


def same_costs_cases(policy: dict) -> list:
    """An overlap group overlaps only for the same costs: different costs both count; not sure gives the lower
    estimate (as if the same) and says what "different" would add."""
    provisions = {p["id"]: p for p in policy["provisions"]}
    out = []
    for group, (subsidy_id, subsidy_base), (voucher_id, voucher_base), what in (
            ("compute-costs", ("m2-2", "1000万"), ("m9-4", "20万"), "compute"),
            ("corpus-costs", ("m1-3", "100万"), ("m9-5", "10万"), "corpus")):
        subsidy, voucher = provisions[subsidy_id], provisions[voucher_id]
        s_amount, s_bound = share(subsidy, Decimal(subsidy_base.rstrip("万")) * 10000)
        v_amount, v_bound = share(voucher, Decimal(voucher_base.rstrip("万")) * 10000)
        s_up = subsidy["rule"]["rate_is_ceiling"] or (s_bound == "cap" and subsidy["rule"]["cap_is_ceiling"])
        v_up = voucher["rule"]["rate_is_ceiling"] or (v_bound == "cap" and voucher["rule"]["cap_is_ceiling"])
        claims = [{"provision": subsidy_id, "inputs": {subsidy["rule"]["base_input"]: subsidy_base}},
                  {"provision": voucher_id, "inputs": {voucher["rule"]["base_input"]: voucher_base}}]
        lower, higher = sorted([s_amount, v_amount])
        winner_is_subsidy = s_amount >= v_amount
        same_items = [item(subsidy, "eligible" if winner_is_subsidy else "set_aside", s_amount if winner_is_subsidy else Decimal(0), s_up, s_bound,
                           before_overlap=None if winner_is_subsidy else s_amount),
                      item(voucher, "set_aside" if winner_is_subsidy else "eligible", Decimal(0) if winner_is_subsidy else v_amount, v_up, v_bound,
                           before_overlap=v_amount if winner_is_subsidy else None)]
        out += [
            case(f"{what}-different-costs-both-count",
                 f"A {what} voucher of {shown(v_amount)} yuan used for other costs than the {shown(s_amount)} yuan {name_of(subsidy).lower()} "
                 f"is not the same thing, so both count: {shown(s_amount + v_amount)} yuan.",
                 claims, [item(subsidy, "eligible", s_amount, s_up, s_bound), item(voucher, "eligible", v_amount, v_up, v_bound)],
                 overlaps={group: "different"}, questions=[(group, "different", None)]),
            case(f"{what}-unsure-gives-the-lower-estimate",
                 f"Not sure whether the {what} voucher paid for the same costs: the estimate is the lower one, {shown(higher)} yuan "
                 f"(only the higher of the two), and it says that different costs would add {shown(lower)} yuan.",
                 claims, same_items, questions=[(group, "unsure", lower)]),
        ]
    return out


def reader_cases(policy: dict) -> list:
    """What a reader carries away: whose money (an employer's totals never hold what the graduates and talents
    it hires receive), several models each judged by their own filing date, and a voucher that wins a 不确定
    overlap keeping the subsidy's figure on its row."""
    provisions = {p["id"]: p for p in policy["provisions"]}
    rental, voucher = provisions["m2-2"], provisions["m9-4"]
    graduates, housing, models = provisions["m7-2"], provisions["m7-5"], provisions["m4-2"]
    tiers = {t["key"]: Decimal(t["amount"]) for t in graduates["rule"]["tiers"]}
    living = tiers["doctorate"] + 2 * tiers["master"]
    homes = Decimal(housing["rule"]["cap"]) * 2
    rent, _ = share(rental, Decimal(8000000))
    small_rent, small_bound = share(rental, Decimal(500000))
    voucher_amount, _ = share(voucher, Decimal(200000))
    per_model = Decimal(models["rule"]["amount"])
    start = models["date_rule"]["on_or_after"]
    day_before = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    return [
        case("employer-totals-keep-talents-money-apart",
             f"An employer renting compute and hiring one doctoral and two master's graduates and two high-end talents: its own total is "
             f"{shown(rent)} yuan a year; the graduates' {shown(living)} yuan of one-off living allowances and the talents' up to "
             f"{shown(homes)} yuan of home-purchase subsidy are paid to them, not to the employer, and are totalled apart.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}},
              {"provision": "m7-2", "inputs": {"doctorates": "1", "masters": "2", "bachelors": "0"}},
              {"provision": "m7-5", "inputs": {"talents": "2"}}],
             [item(rental, "eligible", rent, True, "cap"), item(graduates, "eligible", living, False, "fixed"),
              item(housing, "eligible", homes, True, "ceiling")]),
        case("m4-2-dates-each-judged",
             f"{name_of(models)}: of two models, one filed on {day_before} (before the measures took effect) and one on {EVENT_DATE}, "
             f"each is judged by its own date, so only one counts: {shown(per_model)} yuan.",
             [{"provision": "m4-2", "inputs": {"models": "2", "filing_date": f"{day_before}, {EVENT_DATE}"}}],
             [item(models, "eligible", per_model, False, "fixed")]),
        case("m4-2-dates-all-within",
             f"{name_of(models)}: two models filed on {start} and {EVENT_DATE}, both after the measures took effect, give "
             f"{shown(per_model * 2)} yuan.",
             [{"provision": "m4-2", "inputs": {"models": "2", "filing_date": [start, EVENT_DATE]}}],
             [item(models, "eligible", per_model * 2, False, "fixed")]),
        case("compute-unsure-voucher-wins-and-the-subsidy-keeps-its-figure",
             f"Not sure whether the compute voucher paid for the same rental fees: the voucher's {shown(voucher_amount)} yuan is counted, "
             f"and the rental subsidy's {shown(small_rent)} yuan stays on its row, set aside; different costs would add it.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "50万"}},
              {"provision": "m9-4", "inputs": {"compute_costs": "20万"}}],
             [item(rental, "set_aside", Decimal(0), False, small_bound, before_overlap=small_rent),
              item(voucher, "eligible", voucher_amount, True, "cap")],
             questions=[("compute-costs", "unsure", small_rent)]),
    ]


def province_cases(policy: dict) -> list:
    """统筹省、市政策 (m5-6): provincial support counts against the ceiling; elsewhere it is not compared."""
    provisions = {p["id"]: p for p in policy["provisions"]}
    factory, rental = provisions["m5-6"], provisions["m2-2"]
    tier = next(t for t in factory["rule"]["tiers"] if t["key"] == "excellence")
    ceiling = Decimal(tier["amount"])
    claim = [{"provision": "m5-6", "inputs": {"factory_level": "excellence", "honour_date": EVENT_DATE}}]
    province, city = Decimal(500000), Decimal(1800000)
    left = ceiling - province
    rental_cap = Decimal(rental["rule"]["cap"])
    return [
        case("smart-factory-province-support-deducted",
             f"An excellence-level smart factory that already received {shown(province)} yuan from Jiangsu province for the same honour "
             f"can get at most {shown(left)} yuan more, since the ceiling of {shown(ceiling)} yuan coordinates provincial and municipal support.",
             claim, [item(factory, "eligible", left, True, "ceiling")],
             other_support=[{"provision": "m5-6", "amount": "50万", "source": "江苏省智能工厂奖励", "level": "province"}]),
        case("smart-factory-province-support-above-ceiling",
             f"Provincial support of 2,500,000 yuan for the same excellence-level honour already exceeds the {shown(ceiling)} yuan ceiling, "
             f"so these measures add nothing.",
             claim, [item(factory, "eligible", Decimal(0), True, "ceiling")],
             other_support=[{"provision": "m5-6", "amount": "250万", "level": "province"}]),
        case("smart-factory-province-then-city",
             f"With {shown(province)} yuan from the province, at most {shown(left)} yuan is left under the ceiling; another Suzhou policy "
             f"paying {shown(city)} yuan for the same honour is higher, so this award is set aside.",
             claim, [item(factory, "set_aside", Decimal(0), True, "ceiling", before_overlap=left)],
             other_support=[{"provision": "m5-6", "amount": "50万", "level": "province"},
                            {"provision": "m5-6", "amount": "180万", "level": "city"}]),
        case("province-support-not-compared-elsewhere",
             f"Provincial support for compute rental is not compared with the rental subsidy, whose text names no coordination with the "
             f"province: 800万 of fees still give the {shown(rental_cap)} yuan cap.",
             [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}], [item(rental, "eligible", rental_cap, True, "cap")],
             other_support=[{"provision": "m2-2", "amount": "250万", "level": "province"}]),
    ]


def all_cases(policy: dict) -> dict[str, dict]:
    cases = []
    for p in policy["provisions"]:
        kind = p["kind"]
        if kind == "share_of_base":
            made = share_cases(p)
        elif kind == "ceiling":
            made = ceiling_cases(p)
        elif kind == "fixed":
            made = fixed_cases(p)
        elif kind == "tiers":
            made = tier_cases(p)
        else:
            status = "open_amount" if kind == "open_amount" else "not_monetary"
            made = [case(f"{p['id']}-{status.replace('_', '-')}",
                         f"{name_of(p)}: {'the text gives no amount, so none is computed' if kind == 'open_amount' else 'a non-monetary measure, so no amount is computed'}.",
                         [{"provision": p["id"], "inputs": {}}], [item(p, status, None, None, None)])]
        cases += made
        if p["date_rule"]:
            cases += date_rule_cases(p, made[0][1])
    cases += special_cases(policy)
    slugs = [slug for slug, _ in cases]
    assert len(slugs) == len(set(slugs)), "duplicate case slugs"
    return dict(cases)


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    policy = json.loads(POLICY.read_text(encoding="utf-8"))
    wanted = {f"{slug}.json": render(data) for slug, data in all_cases(policy).items()}
    existing = {path.name: path.read_text(encoding="utf-8") for path in CASES.glob("*.json")} if CASES.exists() else {}
    if "--check" in argv:
        stale = sorted(set(wanted) ^ set(existing) | {n for n in wanted if existing.get(n) != wanted[n]})
        if stale:
            print(f"policy/cases/ is out of date ({len(stale)} files differ); run: python scripts/make_golden_cases.py")
            for name in stale[:20]:
                print(f"  {name}")
            return 1
        print(f"policy/cases/: {len(wanted)} cases up to date")
        return 0
    CASES.mkdir(parents=True, exist_ok=True)
    for name in set(existing) - set(wanted):
        (CASES / name).unlink()
    for name, text in wanted.items():
        (CASES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(wanted)} cases to {CASES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
