"""就高、不重复: where several sources pay for the same thing, the higher one applies, not both.

Sources that pay for the same thing form one set:

* the provisions of an overlap group in the policy JSON (this project's interpretation, labelled so);
* any provision together with the support the user reports from other Suzhou policies for it (the closing
  paragraph of the text: 本措施与我市相关政策有重叠的,按照“就高、不重复”的原则执行).

In each set the highest amount applies; on a tie, this policy's provisions come first (in group order),
then other support. Everything else in the set is set aside, with the reason and the words of the text.
"""

from __future__ import annotations

from decimal import Decimal

from .money import amount_text, display, format_amount, format_yuan
from .policy import Policy
from .scenario import OtherSupport
from .trace import Step, closing_step

OVERLAP_SENTENCE = 2  # closing-s3: 本措施与我市相关政策有重叠的,按照“就高、不重复”的原则执行。


def _set_key(policy: Policy, provision_id: str) -> str:
    group = policy.group_of.get(provision_id)
    return f"group:{group['id']}" if group else f"provision:{provision_id}"


def _describe(candidate) -> tuple[str, str]:
    if isinstance(candidate, OtherSupport):
        source = f"“{candidate.source}”" if candidate.source else ""
        return f"其他政策支持{source}", f"other support{(' ' + source) if source else ''}"
    label = candidate.provision["label"]
    return f"{candidate.provision['id']}“{label['zh']}”", f"{candidate.provision['id']} “{label['en'] or label['zh']}”"


def _amount(candidate) -> Decimal:
    return candidate.amount


def apply_overlaps(policy: Policy, items: list, others: list[OtherSupport]) -> list[dict]:
    """Set aside everything but the highest source in each set; return a report on the other support."""
    sets: dict[str, list] = {}
    for item in items:
        if item.status == "eligible":
            sets.setdefault(_set_key(policy, item.provision["id"]), []).append(item)
    for other in others:
        sets.setdefault(_set_key(policy, other.provision), []).append(other)
    group_order = {pid: k for group in policy.overlap_groups for k, pid in enumerate(group["provisions"])}
    report = []
    outcome: dict[int, dict] = {}
    for key, candidates in sets.items():
        candidates.sort(key=lambda c: (isinstance(c, OtherSupport),
                                       group_order.get(c.provision if isinstance(c, OtherSupport) else c.provision["id"], 0)))
        if len(candidates) < 2:
            continue
        winner = max(candidates, key=_amount)  # max keeps the first of equal amounts
        own = [c for c in candidates if not isinstance(c, OtherSupport)]
        # The grouping of this policy's own provisions is an interpretation; other support is the text's rule.
        group = policy.group_of.get(own[0].provision["id"]) if len(own) > 1 else None
        win_zh, win_en = _describe(winner)
        steps = _rule_steps(policy, group, any(isinstance(c, OtherSupport) for c in candidates))
        for candidate in candidates:
            info = {
                "set": key,
                "basis": "interpretation" if group else "text",
                "explanation": group["explanation"] if group else None,
                "applies": candidate is winner,
                "applied": _ref(winner),
                "set_aside": [_ref(c) for c in candidates if c is not winner],
            }
            if isinstance(candidate, OtherSupport):
                outcome[id(candidate)] = info
                continue
            candidate.overlap = info
            if candidate is winner:
                candidate.steps.extend(steps)
                zh = f"就高:本项{format_yuan(candidate.amount)}元为同一事项中最高,予以适用;其余不重复计算。"
                en = f"Higher one applies: this item's {format_yuan(candidate.amount)} yuan is the highest for the same thing; the others are set aside."
                candidate.steps.append(Step("closing", policy.closing[OVERLAP_SENTENCE]["id"],
                                            policy.closing[OVERLAP_SENTENCE]["zh"].rstrip("。"), zh, en))
            else:
                tie = winner.amount == candidate.amount
                zh = (f"就高、不重复:{win_zh}金额{format_amount(winner.amount, 'zh')}"
                      f"{'与本项相同,按先后只计一项' if tie else '更高'},本项{format_amount(candidate.amount, 'zh')}不计入。")
                en = (f"Higher one, not both: {win_en} of {format_amount(winner.amount, 'en')} "
                      f"{'equals this item and comes first' if tie else 'is higher'}, "
                      f"so this item's {format_amount(candidate.amount, 'en')} is set aside.")
                candidate.set_aside({"zh": zh, "en": en}, [*steps, Step(
                    "closing", policy.closing[OVERLAP_SENTENCE]["id"], policy.closing[OVERLAP_SENTENCE]["zh"].rstrip("。"), zh, en)])
    for other in others:
        report.append({"provision": other.provision, "amount": amount_text(other.amount), "display": display(other.amount),
                       "source": other.source, "overlap": outcome.get(id(other))})
    return report


def _ref(candidate) -> dict:
    if isinstance(candidate, OtherSupport):
        return {"type": "other_support", "provision": candidate.provision, "source": candidate.source,
                "amount": amount_text(candidate.amount)}
    return {"type": "provision", "provision": candidate.provision["id"], "amount": amount_text(candidate.amount)}


def _rule_steps(policy: Policy, group: dict | None, with_other: bool) -> list[Step]:
    steps = []
    if group:
        sentence = policy.closing[OVERLAP_SENTENCE]
        steps.append(Step("closing", sentence["id"], sentence["zh"].rstrip("。"),
                          f"本项目解读({group['id']}):{group['explanation']['zh']}",
                          f"This project's interpretation ({group['id']}): {group['explanation']['en'] or group['explanation']['zh']}"))
    if with_other:
        steps.append(closing_step(policy, OVERLAP_SENTENCE,
                                  "原文:本措施与我市相关政策有重叠的,按“就高、不重复”执行;已比较您填写的其他政策支持。",
                                  "The text: where these measures overlap other Suzhou policies, the higher applies, not both; "
                                  "the other support you entered has been compared."))
    return steps
