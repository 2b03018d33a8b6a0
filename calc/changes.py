"""What would change the answer: the points at which an estimate's figures would be different, each in words.

* Where a cap starts to bind: a share of a base grows with the base until the rounded share reaches the cap
  (m2-2's 30% stops growing at 6,666,666.67 yuan of fees); past that point, more spending adds nothing.
* Conditions of the text still unconfirmed: if one is not met, the item falls away and its amount leaves the total.
* The other reading of an open question: an overlap group answered "same costs", "different costs" or "not sure",
  and what the other answer would give (computed, not guessed).
* Dates: the measures apply until their last day; an estimate after it, or an event planned after it, gets nothing.

Every figure is computed here from the policy's numbers or by estimating the changed scenario again; nothing is
typed by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from .money import FEN, amount_text, display, format_amount, format_rate, round_fen
from .policy import Policy
from .scenario import Scenario


def cap_point(rate: Decimal, cap: Decimal) -> Decimal:
    """The smallest base, to the fen, whose share rounded to the fen (half up) reaches the cap."""
    point = ((cap - Decimal("0.005")) / rate).quantize(FEN, rounding=ROUND_CEILING)
    while round_fen(rate * point) < cap:
        point += FEN
    while point > 0 and round_fen(rate * (point - FEN)) >= cap:
        point -= FEN
    return point


def _money(amount: Decimal, lang: str) -> str:
    return display(amount)["text"][lang]


def _label(item, lang: str) -> str:
    label = item.provision["label"]
    return f"{item.provision['id']} {label[lang] or label['zh']}"


def _cap_change(item, claim) -> dict | None:
    """For a share of a base: the base at which the cap starts to bind, and where this estimate stands."""
    rule = item.provision["rule"]
    rate, cap, base = Decimal(rule["rate"]), Decimal(rule["cap"]), claim.inputs[rule["base_input"]]
    point = cap_point(rate, cap)
    base_zh, base_en = rule["base"]["zh"], rule["base"]["en"] or rule["base"]["zh"]
    cap_zh, cap_en = format_amount(cap, "zh"), format_amount(cap, "en")
    if base >= point:
        where_zh, where_en = ("恰好达到", "exactly reaches it") if base == point else ("已超过", "is past it")
        zh = (f"{_label(item, 'zh')}:{base_zh}达到{_money(point, 'zh')}时即封顶({cap_zh});您填写的{_money(base, 'zh')}{where_zh},"
              f"再多的费用不再增加本项。")
        en = (f"{_label(item, 'en')}: the cap ({cap_en}) is reached at {_money(point, 'en')} of {base_en}; the "
              f"{_money(base, 'en')} entered {where_en}, so more spending adds nothing to this item.")
    else:
        more, rate_text = point - base, format_rate(rate)
        zh = (f"{_label(item, 'zh')}:本项按{base_zh}的{rate_text}随之增加,{base_zh}达到{_money(point, 'zh')}时封顶({cap_zh});"
              f"您填写的金额距此还差{_money(more, 'zh')}。")
        en = (f"{_label(item, 'en')}: this item grows as {rate_text} of {base_en} until the cap ({cap_en}) is reached at "
              f"{_money(point, 'en')}; the amount entered is {_money(more, 'en')} short of it.")
    return {"kind": "cap_point", "provision": item.provision["id"], "amount": amount_text(point), "zh": zh, "en": en}


def _condition_change(item) -> dict | None:
    """Conditions still to confirm on a counted item: if any is not met, the item falls away."""
    open_ = [c["text"] for c in item.conditions if c["confirmed"] is None]
    if not open_ or item.status != "eligible" or not item.amount:
        return None
    zh_list = "、".join(f"“{t['zh']}”" for t in open_)
    en_list = "; ".join(f"“{t['en'] or t['zh']}” ({t['zh']})" for t in open_)
    zh = f"{_label(item, 'zh')}:尚待确认{zh_list};若不符合,本项{_money(item.amount, 'zh')}不计入。"
    en = f"{_label(item, 'en')}: still to confirm {en_list}; if not met, this item's {_money(item.amount, 'en')} falls away."
    return {"kind": "condition", "provision": item.provision["id"], "amount": amount_text(item.amount), "zh": zh, "en": en}


def _overlap_change(policy: Policy, scenario: Scenario, question: dict, result: dict, rerun) -> dict:
    """The other answer to an overlap group's question, and what it would change in the total."""
    answer = question["answer"]
    other = "same" if answer == "different" else "different"
    changed = rerun(replace(scenario, overlaps={**scenario.overlaps, question["group"]: other}))
    delta = Decimal(changed["total"]) - Decimal(result["total"])
    question_zh, question_en = question["question"]["zh"], question["question"]["en"] or question["question"]["zh"]
    if other == "different":
        zh = f"“{question_zh}”若答“不是同一笔费用”,两项各自计算,估算另加{_money(delta, 'zh')}(本项目解读)。"
        en = (f"“{question_en}” If the answer is “different costs”, both count and the estimate adds {_money(delta, 'en')} "
              "(this project's reading).")
    else:
        zh = f"“{question_zh}”若答“是同一笔费用”,只计较高的一项,估算减少{_money(-delta, 'zh')}(本项目解读)。"
        en = (f"“{question_en}” If the answer is “the same costs”, only the higher one counts and the estimate is "
              f"{_money(-delta, 'en')} lower (this project's reading).")
    return {"kind": "overlap_answer", "group": question["group"], "answer": other, "amount": amount_text(delta), "zh": zh, "en": en}


def _planned_share(scenario: Scenario, item, rerun) -> tuple[Decimal, int, int]:
    """(what would fall away, how many events are planned, how many dates there are) for a planned item.

    Several dates (one per model, m4-2) are each judged on their own: only the units whose date is after the
    estimate's date are plans, so what falls away is the item's amount less its amount with only the dates on
    or before it (computed by estimating that scenario again). One date for every unit: the whole item."""
    pid = item.provision["id"]
    claim = next(claim for claim in scenario.claims if claim.provision == pid)
    name = item.provision["date_rule"]["input"]
    dates = claim.inputs[name]
    if not isinstance(dates, tuple) or len(dates) < 2:
        return item.amount, 1, 1
    past = tuple(when for when in dates if when <= scenario.as_of)
    if not past:
        return item.amount, len(dates), len(dates)
    per_count = next(spec["per_count"] for spec in item.provision["inputs"] if spec["name"] == name)
    kept = replace(claim, inputs={**claim.inputs, name: past, per_count: len(past)})
    changed = rerun(replace(scenario, claims=[kept if c is claim else c for c in scenario.claims]))
    remaining = next(Decimal(i["amount"]) for i in changed["items"] if i["provision"] == pid)
    return item.amount - remaining, len(dates) - len(past), len(dates)


def _planned_change(scenario: Scenario, item, last: str, rerun) -> dict:
    """A planned event that must happen by the measures' last day, and what falls away if it does not."""
    falls, planned, dates = _planned_share(scenario, item, rerun)
    event = item.provision["date_rule"]["event"]
    event_en = event["en"] or event["zh"]
    if planned < dates:
        zh = (f"{_label(item, 'zh')}:{dates}个{event['zh']}的日期中有{planned}个晚于估算日期,尚是计划;须在{last}或之前发生,"
              f"否则本项减少{_money(falls, 'zh')}。")
        one = planned == 1
        en = (f"{_label(item, 'en')}: {planned} of the {dates} dates on which {event_en} {'is' if one else 'are'} after the "
              f"date of the estimate, so {'it is still a plan' if one else 'they are still plans'}; {'it' if one else 'each'} "
              f"must happen on or before {last}, or this item is {_money(falls, 'en')} lower.")
    else:
        zh = (f"{_label(item, 'zh')}:{event['zh']}的日期晚于估算日期,尚是计划;须在{last}或之前发生,"
              f"否则本项{_money(falls, 'zh')}不计入。")
        en = (f"{_label(item, 'en')}: the date on which {event_en} is after the date of the estimate, so it is still a plan; "
              f"it must happen on or before {last}, or this item's {_money(falls, 'en')} falls away.")
    return {"kind": "planned_event", "provision": item.provision["id"], "amount": amount_text(falls), "zh": zh, "en": en}


def _date_changes(policy: Policy, scenario: Scenario, items: list, rerun=None) -> list[dict]:
    """The measures' last day, and each planned event that must happen by then."""
    last = policy.in_force_to
    after = last + timedelta(days=1)
    changes = [{"kind": "expiry", "provision": None, "amount": None,
                "zh": f"本措施有效期至{last.isoformat()};{after.isoformat()}起不再适用,本估算随之失效。",
                "en": f"The measures are in force until {last.isoformat()}; from {after.isoformat()} they no longer apply, "
                      "and neither does this estimate."}]
    changes += [_planned_change(scenario, item, last.isoformat(), rerun) for item in items
                if item.planned and item.status == "eligible"]
    return changes


def what_would_change(policy: Policy, scenario: Scenario, items: list, result: dict, rerun) -> list[dict]:
    """Every point that would change this estimate, in the order: caps, conditions, overlap readings, dates.

    ``items`` are the estimate's items (in claim order), ``rerun(scenario)`` estimates a changed scenario."""
    if not result["in_force"]:
        return _date_changes(policy, scenario, [])
    claims = {claim.provision: claim for claim in scenario.claims}
    changes = [_cap_change(item, claims[item.provision["id"]]) for item in items
               if item.provision["kind"] == "share_of_base" and item.status in ("eligible", "set_aside")]
    changes += [change for item in items if (change := _condition_change(item))]
    changes += [_overlap_change(policy, scenario, question, result, rerun) for question in result["overlap_questions"]]
    return [change for change in changes if change] + _date_changes(policy, scenario, items, rerun)
