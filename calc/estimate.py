"""estimate(policy, scenario): what could be received under these measures, and why.

For each claim: is the policy in force on ``as_of``; does the event fall inside the date rule; has the
user said a stated condition is not met; then the amount by the provision's kind (rules.py); then
"就高、不重复" across provisions that pay for the same thing (overlap.py). Every number carries the steps
that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from . import labels
from .changes import what_would_change
from .coordination import apply_coordination
from .money import amount_text, display
from .overlap import apply_overlaps, overlap_questions
from .policy import Policy, load_policy
from .rules import COMPUTE
from .scenario import Claim, Scenario, parse_scenario
from .trace import Step, closing_step, step
from .wording import amount_wording, short_wording

NOTICE = {
    "zh": "本结果是估算,不是决定。标“最高”“不超过”的金额是上限,不是承诺;原文写明“择优”或“经评审认定”的,金额经评审或择优确定。"
          "一切以政府发布的中文原文和主管部门的认定为准。",
    "en": "This is an estimate, not a decision. Amounts marked “up to” or “not more than” are ceilings, not promises; where the "
          "text says “selected on merit” (择优) or “recognised after review” (经评审认定), the amount is decided by selection or "
          "review. The Chinese text issued by the government and the decisions of the responsible agencies prevail.",
}

PLANNED = {
    "zh": "该日期晚于估算日期:这是计划,不是已发生的事实;估算假定它如期发生。",
    "en": "This date is after the date of the estimate: it is a plan, not a fact; the estimate assumes it happens as planned.",
}


@dataclass
class Item:
    """The estimate for one claim."""

    provision: dict
    status: str
    amount: Decimal | None
    up_to: bool | None = None
    bound: str | None = None
    reasons: list[dict] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)
    overlap: dict | None = None
    amount_before_overlap: Decimal | None = None
    planned: bool = False
    notes: list[dict] = field(default_factory=list)

    def set_aside(self, reason: dict, steps: list[Step]) -> None:
        self.amount_before_overlap = self.amount
        self.amount = Decimal("0.00")
        self.status = "set_aside"
        self.reasons.append(reason)
        self.steps.extend(steps)


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else amount_text(amount)


def _conditions(provision: dict, claim: Claim) -> list[dict]:
    return [{"id": c["id"], "text": c["text"], "confirmed": claim.conditions.get(c["id"])} for c in provision["conditions"]]


def assess(policy: Policy, claim: Claim, scenario: Scenario) -> Item:
    """The estimate for one claim, before overlaps between claims are applied."""
    provision = policy.provisions[claim.provision]
    item = Item(provision, "eligible", None, conditions=_conditions(provision, claim),
                notes=[{**note, "basis": "interpretation"} for note in provision["notes"]])
    if provision["coordination"]:
        item.notes.append({**provision["coordination"]["explanation"], "basis": provision["coordination"]["basis"]})
    kind = provision["kind"]
    if not policy.in_force_from <= scenario.as_of <= policy.in_force_to:
        item.status, item.amount = "not_in_force", Decimal("0.00")
        when = f"{policy.in_force_from.isoformat()} – {policy.in_force_to.isoformat()}"
        day = scenario.as_of.isoformat()
        if scenario.as_of < policy.in_force_from:
            reason = {"zh": f"{day} 本措施尚未施行(有效期 {when}),本措施在该日不适用。",
                      "en": f"On {day} the measures are not yet in force (they apply {when})."}
        else:
            reason = {"zh": f"{day} 本措施已失效(有效期 {when}),本措施在该日不适用。",
                      "en": f"On {day} the measures are no longer in force: they expired (they applied {when})."}
        item.reasons.append(reason)
        item.steps.append(closing_step(policy, 0, reason["zh"], reason["en"]))
        return item
    if kind == "non_monetary":
        item.status = "not_monetary"
        item.steps.append(step(policy, provision, None, "非资金措施,不计算金额。", "A non-monetary measure: no amount is computed."))
        return item
    if kind == "open_amount":
        item.status = "open_amount"
        item.steps.append(step(policy, provision, None, "原文未写明金额,本项目不作估算。",
                               "The text leaves the amount open; this project computes no number."))
        return item
    if provision["date_rule"]:
        claim = _within_date_rule(policy, provision, claim, scenario, item)
        if claim is None:
            return item
    refused = [c for c in item.conditions if c["confirmed"] is False]
    if refused:
        item.status, item.amount = "not_eligible", Decimal("0.00")
        for condition in refused:
            zh = f"原文条件“{condition['text']['zh']}”未满足,因此不符合。"
            en = f"The condition “{condition['text']['en'] or condition['text']['zh']}” ({condition['text']['zh']}) is not met, so this is not eligible."
            item.reasons.append({"zh": zh, "en": en})
            item.steps.append(step(policy, provision, condition["text"]["zh"], zh, en))
        return item
    computed = COMPUTE[kind](policy, provision, claim)
    item.amount, item.up_to, item.bound = computed.amount, computed.up_to, computed.bound
    item.steps.extend(computed.steps)
    return item


def _event_dates(provision: dict, claim: Claim) -> tuple[date, ...]:
    value = claim.inputs[provision["date_rule"]["input"]]
    return value if isinstance(value, tuple) else (value,)


def _outside(policy: Policy, provision: dict, when: date) -> dict | None:
    """Why an event on ``when`` falls outside the date rule's two ends (None when it falls inside): before its
    start, or after its end (the last day the measures are in force, this project's reading)."""
    rule = provision["date_rule"]
    start, end, term = rule["on_or_after"], rule["on_or_before"], rule["term"]
    event_zh, event_en = rule["event"]["zh"], rule["event"]["en"] or rule["event"]["zh"]
    if when < date.fromisoformat(start):
        return {"zh": f"{event_zh}的日期 {when.isoformat()} 早于 {start};原文要求“{term}”,因此不符合。",
                "en": f"The date on which {event_en} ({when.isoformat()}) is before {start}; the text requires “{term}”, so this is not eligible."}
    if end and when > date.fromisoformat(end):
        reading = rule["on_or_before_reading"]
        return {"zh": f"{event_zh}的日期 {when.isoformat()} 晚于 {end}(本措施有效期的最后一天);原文要求“{term}”。{reading['zh']}因此不符合。",
                "en": f"The date on which {event_en} ({when.isoformat()}) is after {end}, the last day the measures are in force; "
                      f"the text requires “{term}”. {reading['en'] or reading['zh']} So this is not eligible."}
    return None


def _within_date_rule(policy: Policy, provision: dict, claim: Claim, scenario: Scenario, item: Item) -> Claim | None:
    """The claim as far as its events fall within the date rule's two ends (on or after its start; on or before
    its end, the last day the measures are in force), or None when none does. Several dates (one per model …)
    are each judged on their own, and only the units whose date falls within are counted. An event after
    ``as_of`` is a plan."""
    rule = provision["date_rule"]
    dates = _event_dates(provision, claim)
    verdicts = [(when, _outside(policy, provision, when)) for when in dates]
    inside = [when for when, why in verdicts if why is None]
    if rule["on_or_before_reading"] and any(why and when > date.fromisoformat(rule["on_or_before"]) for when, why in verdicts):
        item.notes.append({**rule["on_or_before_reading"], "basis": "interpretation"})
    term = rule["term"]
    event_zh, event_en = rule["event"]["zh"], rule["event"]["en"] or rule["event"]["zh"]
    start, end = rule["on_or_after"], rule["on_or_before"]
    within_zh = f"在 {start} 至 {end} 之间" if end else f"在 {start} 或之后"
    within_en = f"between {start} and {end}" if end else f"on or after {start}"
    for number, (when, why) in enumerate(verdicts, 1):
        which_zh, which_en = (f"第{number}个:", f"No. {number}: ") if len(dates) > 1 else ("", "")
        if why:
            item.steps.append(step(policy, provision, term, which_zh + why["zh"], which_en + why["en"]))
        else:
            item.steps.append(step(policy, provision, term, f"{which_zh}{event_zh}的日期 {when.isoformat()} {within_zh},符合“{term}”。",
                                   f"{which_en}The date on which {event_en} ({when.isoformat()}) is {within_en}: meets “{term}”."))
    if not inside:
        item.status, item.amount = "not_eligible", Decimal("0.00")
        for _, why in verdicts:
            if why not in item.reasons:
                item.reasons.append(why)
        return None
    if len(dates) > 1 and len(inside) < len(dates):
        count_input = _dates_spec(provision)["per_count"]
        item.steps.append(step(policy, provision, term, f"{len(dates)}个中有{len(inside)}个符合“{term}”,按{len(inside)}个计算。",
                               f"{len(inside)} of {len(dates)} meet “{term}”: {len(inside)} counted."))
        claim = replace(claim, inputs={**claim.inputs, count_input: len(inside)})
    if any(when > scenario.as_of for when in inside):
        item.planned = True
        item.notes.append({**PLANNED, "basis": "input"})
    return claim


def _dates_spec(provision: dict) -> dict:
    return next(spec for spec in provision["inputs"] if spec["name"] == provision["date_rule"]["input"])


def _status_label(policy: Policy, item: Item, as_of: date) -> dict:
    if item.status == "not_in_force":
        return labels.NOT_IN_FORCE["before" if as_of < policy.in_force_from else "after"]
    return labels.STATUS[item.status]


def _item_dict(policy: Policy, item: Item, as_of: date) -> dict:
    provision = item.provision
    return {
        "provision": provision["id"],
        "measure": provision["measure"],
        "label": provision["label"],
        "kind": provision["kind"],
        "status": item.status,
        "status_label": _status_label(policy, item, as_of),
        "amount": _money(item.amount),
        "amount_before_overlap": _money(item.amount_before_overlap),
        "display": display(item.amount),
        "display_before_overlap": display(item.amount_before_overlap),
        "wording": _wording(item),
        "recipient": _recipient(provision),
        "up_to": item.up_to,
        "up_to_terms": provision["up_to_terms"],
        "up_to_label": None if item.up_to is None else labels.up_to_label(item.up_to, provision["up_to_terms"]),
        "review": any(term in labels.REVIEW_TERMS for term in provision["up_to_terms"]),
        "bound": item.bound,
        "bound_label": labels.BOUND[item.bound] if item.bound else None,
        "period": provision["period"],
        "period_label": labels.PERIOD[provision["period"]],
        "unit_term": provision["unit_term"],
        "agencies": [{"id": a, **policy.agencies[a]["name"]} for a in policy.measures[provision["measure"]]["agencies"]],
        "conditions": item.conditions,
        "reasons": item.reasons,
        "overlap": item.overlap,
        "planned": item.planned,
        "notes": item.notes,
        "steps": [s.as_dict() for s in item.steps],
    }


def _wording(item: Item) -> dict | None:
    """The amount as the row says it: period, 最高 where it is a ceiling, the figure. For an item set aside by
    就高、不重复, the amount it would have been; none where no amount was computed."""
    amount = item.amount if item.status == "eligible" else item.amount_before_overlap if item.status == "set_aside" else None
    if amount is None:
        return None
    return amount_wording(item.provision["period"], amount, amount if item.up_to else Decimal(0))


def _recipient(provision: dict) -> dict | None:
    recipient = provision["recipient"]
    return None if recipient is None else {**recipient, "label": labels.recipient_label(recipient)}


def estimate(policy, scenario) -> dict:
    """Estimate a scenario (dict or Scenario) under a policy (Policy, dict, JSON text or path).

    Raises ScenarioError (every problem, each naming its field) or PolicyError; never returns a partial
    result.
    """
    policy = load_policy(policy)
    if not isinstance(scenario, Scenario):
        scenario = parse_scenario(policy, scenario)
    result, items = _estimate(policy, scenario)
    questions = overlap_questions(policy, items, scenario)
    for question in questions:
        if question["answer"] == "unsure":
            question["alternative"] = _alternative(policy, scenario, question["group"], result)
    result["overlap_questions"] = questions
    result["what_would_change"] = what_would_change(policy, scenario, items, result, lambda changed: _estimate(policy, changed)[0])
    return result


def _estimate(policy: Policy, scenario: Scenario) -> tuple[dict, list[Item]]:
    items = [assess(policy, claim, scenario) for claim in scenario.claims]
    apply_coordination(policy, items, scenario.other_support)
    other = apply_overlaps(policy, items, scenario)
    counted = [item for item in items if item.status == "eligible"]
    total = sum((item.amount for item in counted), Decimal("0.00"))
    up_to = sum((item.amount for item in counted if item.up_to), Decimal("0.00"))
    return {
        "as_of": scenario.as_of.isoformat(),
        "in_force": policy.in_force_from <= scenario.as_of <= policy.in_force_to,
        "policy": {"id": policy.data["dataset"]["id"], "version": policy.data["dataset"]["version"]},
        "items": [_item_dict(policy, item, scenario.as_of) for item in items],
        "other_support": other,
        "total": _money(total),
        "total_up_to": _money(up_to),
        "total_fixed": _money(total - up_to),
        "totals_by_period": {period: _money(amount) for period, amount in sorted(_by_period(counted).items())},
        "period_totals": _period_totals([item for item in counted if _party(item) == "applicant"]),
        "talent_period_totals": _period_totals([item for item in counted if _party(item) == "talent"]),
        "display": {"total": display(total), "total_up_to": display(up_to), "total_fixed": display(total - up_to)},
        "notice": NOTICE,
    }, items


def _by_period(items: list[Item], only_up_to: bool = False) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for item in items:
        if item.up_to or not only_up_to:
            period = item.provision["period"]
            sums[period] = sums.get(period, Decimal("0.00")) + item.amount
    return sums


def _party(item: Item) -> str:
    """Whose money the item is: the applicant's, or the talents' themselves (m7: graduates, talents, teams)."""
    return item.provision["recipient"]["party"]


def _period_totals(counted: list[Item]) -> list[dict]:
    """One total per period (每年, 一次性, 三年总计, not stated): amounts of different periods are never added.
    Each says in words whether it is a ceiling (``text``)."""
    sums, up_to = _by_period(counted), _by_period(counted, only_up_to=True)
    return [{"period": period, "label": labels.PERIOD[period], "amount": _money(sums[period]), "display": display(sums[period]),
             "amount_up_to": _money(up_to.get(period, Decimal("0.00"))),
             "text": amount_wording(period, sums[period], up_to.get(period, Decimal("0.00"))),
             "short": short_wording(period, sums[period], up_to.get(period, Decimal("0.00")))}
            for period in labels.PERIOD_ORDER if period in sums]


def _alternative(policy: Policy, scenario: Scenario, group_id: str, result: dict) -> dict:
    """What the estimate would be if the user answered "different" (the group's provisions paid for different
    costs), all else equal: the items whose amounts change, and the period totals."""
    other, _ = _estimate(policy, replace(scenario, overlaps={**scenario.overlaps, group_id: "different"}))
    changed = [{"provision": new["provision"], "amount": new["amount"], "display": new["display"]}
               for old, new in zip(result["items"], other["items"]) if old["amount"] != new["amount"]]
    added = Decimal(other["total"]) - Decimal(result["total"])
    return {"answer": "different", "answer_label": labels.OVERLAP_ANSWER["different"], "items": changed,
            "amount_added": _money(added), "display_added": display(added), "period_totals": other["period_totals"]}
