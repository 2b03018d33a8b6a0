"""estimate(policy, scenario): what could be received under these measures, and why.

For each claim: is the policy in force on ``as_of``; does the event fall inside the date rule; has the
user said a stated condition is not met; then the amount by the provision's kind (rules.py); then
"就高、不重复" across provisions that pay for the same thing (overlap.py). Every number carries the steps
that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import labels
from .money import amount_text, display
from .overlap import apply_overlaps
from .policy import Policy, load_policy
from .rules import COMPUTE
from .scenario import Claim, Scenario, parse_scenario
from .trace import Step, closing_step, step

NOTICE = {
    "zh": "本结果是估算,不是决定。标“最高”等字样的金额是经评审后的上限,不是承诺。一切以政府发布的中文原文和主管部门的认定为准。",
    "en": "This is an estimate, not a decision. Amounts marked “up to” are ceilings decided after review, not promises. "
          "The Chinese text issued by the government and the decisions of the responsible agencies prevail.",
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
    item = Item(provision, "eligible", None, conditions=_conditions(provision, claim))
    kind = provision["kind"]
    if not policy.in_force_from <= scenario.as_of <= policy.in_force_to:
        item.status, item.amount = "not_in_force", Decimal("0.00")
        when = f"{policy.in_force_from.isoformat()} – {policy.in_force_to.isoformat()}"
        reason = {"zh": f"{scenario.as_of.isoformat()} 不在本措施的有效期({when})内,本措施在该日不适用。",
                  "en": f"On {scenario.as_of.isoformat()} the measures are not in force (they apply {when})."}
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
    date_rule = provision["date_rule"]
    if date_rule:
        when = claim.inputs[date_rule["input"]]
        start = date_rule["on_or_after"]
        event_zh, event_en = date_rule["event"]["zh"], date_rule["event"]["en"] or date_rule["event"]["zh"]
        if when < date.fromisoformat(start):
            zh = f"{event_zh}的日期 {when.isoformat()} 早于 {start};原文要求“{date_rule['term']}”,因此不符合。"
            en = f"The date on which {event_en} ({when.isoformat()}) is before {start}; the text requires “{date_rule['term']}”, so this is not eligible."
            item.status, item.amount = "not_eligible", Decimal("0.00")
            item.reasons.append({"zh": zh, "en": en})
            item.steps.append(step(policy, provision, date_rule["term"], zh, en))
            return item
        item.steps.append(step(policy, provision, date_rule["term"],
                               f"{event_zh}的日期 {when.isoformat()} 在 {start} 或之后,符合“{date_rule['term']}”。",
                               f"The date on which {event_en} ({when.isoformat()}) is on or after {start}: meets “{date_rule['term']}”."))
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


def _item_dict(policy: Policy, item: Item) -> dict:
    provision = item.provision
    return {
        "provision": provision["id"],
        "measure": provision["measure"],
        "label": provision["label"],
        "kind": provision["kind"],
        "status": item.status,
        "status_label": labels.STATUS[item.status],
        "amount": _money(item.amount),
        "amount_before_overlap": _money(item.amount_before_overlap),
        "display": display(item.amount),
        "up_to": item.up_to,
        "up_to_terms": provision["up_to_terms"],
        "bound": item.bound,
        "bound_label": labels.BOUND[item.bound] if item.bound else None,
        "period": provision["period"],
        "period_label": labels.PERIOD[provision["period"]],
        "unit_term": provision["unit_term"],
        "agencies": [{"id": a, **policy.agencies[a]["name"]} for a in policy.measures[provision["measure"]]["agencies"]],
        "conditions": item.conditions,
        "reasons": item.reasons,
        "overlap": item.overlap,
        "steps": [s.as_dict() for s in item.steps],
    }


def estimate(policy, scenario) -> dict:
    """Estimate a scenario (dict or Scenario) under a policy (Policy, dict, JSON text or path).

    Raises ScenarioError (every problem, each naming its field) or PolicyError; never returns a partial
    result.
    """
    policy = load_policy(policy)
    if not isinstance(scenario, Scenario):
        scenario = parse_scenario(policy, scenario)
    items = [assess(policy, claim, scenario) for claim in scenario.claims]
    other = apply_overlaps(policy, items, scenario.other_support)
    counted = [item for item in items if item.status == "eligible"]
    total = sum((item.amount for item in counted), Decimal("0.00"))
    up_to = sum((item.amount for item in counted if item.up_to), Decimal("0.00"))
    by_period: dict[str, Decimal] = {}
    for item in counted:
        by_period[item.provision["period"]] = by_period.get(item.provision["period"], Decimal("0.00")) + item.amount
    return {
        "as_of": scenario.as_of.isoformat(),
        "in_force": policy.in_force_from <= scenario.as_of <= policy.in_force_to,
        "policy": {"id": policy.data["dataset"]["id"], "version": policy.data["dataset"]["version"]},
        "items": [_item_dict(policy, item) for item in items],
        "other_support": other,
        "total": _money(total),
        "total_up_to": _money(up_to),
        "total_fixed": _money(total - up_to),
        "totals_by_period": {period: _money(amount) for period, amount in sorted(by_period.items())},
        "display": {"total": display(total), "total_up_to": display(up_to), "total_fixed": display(total - up_to)},
        "notice": NOTICE,
    }
