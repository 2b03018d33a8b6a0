"""就高、不重复: where several sources pay for the same thing, the higher one applies, not both.

Sources that pay for the same thing form one set:

* the provisions of an overlap group in the policy JSON, but only when the user says they paid for the
  same costs ("same"), or is not sure ("unsure", which gives the lower, cautious estimate). Paid for
  different costs ("different"), each counts on its own. The grouping is this project's interpretation,
  labelled so, and its explanation is given once, with the group's question (``overlap_questions``);
* any provision together with the support the user reports from other Suzhou municipal policies for it
  (the closing paragraph's sentence on overlaps with 我市相关政策, closing-s3, quoted in the step from the JSON).

Provincial support is not part of the closing paragraph's rule ("我市相关政策"): it counts against a ceiling
only where the text says 统筹省、市政策 (coordination.py); elsewhere it is reported, not compared.

In each set the highest amount applies; on a tie, this policy's provisions come first (in group order),
then other support. Everything else in the set is set aside, with the reason and the words of the text.
"""

from __future__ import annotations

from decimal import Decimal

from . import labels
from .money import amount_text, display, format_amount, format_yuan
from .policy import Policy
from .scenario import OtherSupport, Scenario
from .trace import Step

PROVINCE_NOT_COMPARED = {
    "zh": "原文“就高、不重复”针对“我市相关政策”;原文未写明江苏省政策的支持与本条款如何叠加,本估算未将其与本条款比较。",
    "en": "The text's rule of “the higher one, not both” concerns Suzhou's own policies (我市相关政策); the text does not say how "
          "Jiangsu provincial support combines with this provision, so this estimate does not compare them.",
}


def overlap_sentence(closing: list[dict]) -> dict:
    """The closing paragraph's sentence that states 就高、不重复, found by its words (not by position)."""
    return next(s for s in closing if "就高、不重复" in s["zh"])


def _closing_step(policy: Policy, zh: str, en: str) -> Step:
    sentence = overlap_sentence(policy.closing)
    return Step("closing", sentence["id"], sentence["zh"].rstrip("。"), zh, en)


def _set_key(policy: Policy, scenario: Scenario, provision_id: str) -> str:
    group = policy.group_of.get(provision_id)
    if group and scenario.overlap_answer(group["id"]) != "different":
        return f"group:{group['id']}"
    return f"provision:{provision_id}"


def _describe(candidate) -> tuple[str, str]:
    if isinstance(candidate, OtherSupport):
        source = f"“{candidate.source}”" if candidate.source else ""
        return f"其他政策支持{source}", f"other support{(' ' + source) if source else ''}"
    label = candidate.provision["label"]
    return f"{candidate.provision['id']}“{label['zh']}”", f"{candidate.provision['id']} “{label['en'] or label['zh']}”"


def _amount(candidate) -> Decimal:
    return candidate.amount


def _provision_id(candidate) -> str:
    return candidate.provision if isinstance(candidate, OtherSupport) else candidate.provision["id"]


def _answer_words(answer: str) -> tuple[str, str]:
    if answer == "same":
        return "您回答是同一笔费用", "you said they paid for the same costs"
    return "您不确定是否同一笔费用,按同一笔费用估算(较低的结果)", "you were not sure whether they paid for the same costs, so they are treated as the same (the lower estimate)"


def apply_overlaps(policy: Policy, items: list, scenario: Scenario) -> list[dict]:
    """Set aside everything but the highest source in each set; return a report on the other support."""
    sets: dict[str, list] = {}
    for item in items:
        if item.status == "eligible":
            sets.setdefault(_set_key(policy, scenario, item.provision["id"]), []).append(item)
    compared = [other for other in scenario.other_support if other.level == "city"]
    for other in compared:
        sets.setdefault(_set_key(policy, scenario, other.provision), []).append(other)
    group_order = {pid: k for group in policy.overlap_groups for k, pid in enumerate(group["provisions"])}
    outcome: dict[int, dict] = {}
    for key, candidates in sets.items():
        candidates.sort(key=lambda c: (isinstance(c, OtherSupport), group_order.get(_provision_id(c), 0)))
        if len(candidates) < 2:
            continue
        own = [c for c in candidates if not isinstance(c, OtherSupport)]
        # The grouping of this policy's own provisions is an interpretation; other support is the text's rule.
        group = policy.group_of.get(own[0].provision["id"]) if len(own) > 1 else None
        _settle(policy, scenario, candidates, group, outcome, key)
    _mark_different_costs(policy, scenario, items)
    return [{"provision": other.provision, "amount": amount_text(other.amount), "display": display(other.amount),
             "source": other.source, "level": other.level, "level_label": labels.SUPPORT_LEVEL[other.level],
             "overlap": outcome.get(id(other)), "note": _other_note(policy, other)}
            for other in scenario.other_support]


def _settle(policy: Policy, scenario: Scenario, candidates: list, group: dict | None, outcome: dict, key: str) -> None:
    """The highest candidate applies; the others are set aside, each with a step saying why."""
    winner = max(candidates, key=_amount)  # max keeps the first of equal amounts
    win_zh, win_en = _describe(winner)
    answer = scenario.overlap_answer(group["id"]) if group else None
    reading_zh, reading_en = ("", "")
    if group:
        said_zh, said_en = _answer_words(answer)
        reading_zh, reading_en = f"(本项目解读:{said_zh})", f" (this project's interpretation: {said_en})"
    # the amounts as compared, before any candidate is set aside
    applied, set_aside = _ref(winner), [_ref(c) for c in candidates if c is not winner]
    for candidate in candidates:
        info = {
            "set": key,
            "basis": "interpretation" if group else "text",
            "explanation": group["explanation"] if group else None,
            "answer": answer,
            "applies": candidate is winner,
            "applied": applied,
            "set_aside": set_aside,
        }
        if isinstance(candidate, OtherSupport):
            outcome[id(candidate)] = info
            continue
        candidate.overlap = info
        if candidate is winner:
            zh = f"就高:本项{format_yuan(candidate.amount)}元为同一事项中最高,予以适用;其余不重复计算{reading_zh}。"
            en = (f"Higher one applies: this item's {format_yuan(candidate.amount)} yuan is the highest for the same thing; "
                  f"the others are set aside{reading_en}.")
            candidate.steps.append(_closing_step(policy, zh, en))
        else:
            tie = winner.amount == candidate.amount
            zh = (f"就高、不重复:{win_zh}金额{format_amount(winner.amount, 'zh')}"
                  f"{'与本项相同,按先后只计一项' if tie else '更高'},本项{format_amount(candidate.amount, 'zh')}不计入{reading_zh}。")
            en = (f"Higher one, not both: {win_en} of {format_amount(winner.amount, 'en')} "
                  f"{'equals this item and comes first' if tie else 'is higher'}, "
                  f"so this item's {format_amount(candidate.amount, 'en')} is set aside{reading_en}.")
            candidate.set_aside({"zh": zh, "en": en}, [_closing_step(policy, zh, en)])


def _mark_different_costs(policy: Policy, scenario: Scenario, items: list) -> None:
    """Provisions of a group the user says paid for different costs: a step on each says both count."""
    claimed = {item.provision["id"]: item for item in items if item.status == "eligible"}
    for group in policy.overlap_groups:
        members = [claimed[pid] for pid in group["provisions"] if pid in claimed]
        if len(members) < 2 or scenario.overlap_answer(group["id"]) != "different":
            continue
        for item in members:
            item.steps.append(_closing_step(
                policy, "您回答两项用于不同的费用:各自计算,不适用“就高、不重复”(本项目解读)。",
                "You said the two paid for different costs: each counts on its own; “the higher one, not both” does not apply "
                "(this project's interpretation)."))


def _other_note(policy: Policy, other: OtherSupport) -> dict | None:
    if other.level != "province":
        return None
    coordination = policy.provisions[other.provision]["coordination"]
    if not coordination:
        return PROVINCE_NOT_COMPARED
    # the reading itself is the item's note; here only what was done with this amount
    return {"zh": f"已从上限中扣除(原文“{coordination['term']}”;本项目解读)。",
            "en": f"Deducted from the ceiling (the text says “{coordination['term']}”; this project's interpretation)."}


def _ref(candidate) -> dict:
    """A source in the comparison, with the amount it was compared at."""
    if isinstance(candidate, OtherSupport):
        return {"type": "other_support", "provision": candidate.provision, "source": candidate.source,
                "amount": amount_text(candidate.amount), "display": display(candidate.amount)}
    return {"type": "provision", "provision": candidate.provision["id"], "amount": amount_text(candidate.amount),
            "display": display(candidate.amount)}


def overlap_questions(policy: Policy, items: list, scenario: Scenario) -> list[dict]:
    """For each overlap group whose provisions are all claimed: its question, the answer used and the reading."""
    claimed = {item.provision["id"] for item in items}
    return [{"group": group["id"], "provisions": list(group["provisions"]), "question": group["question"],
             "answer": scenario.overlap_answer(group["id"]),
             "answer_label": labels.OVERLAP_ANSWER[scenario.overlap_answer(group["id"])],
             "basis": group["basis"], "explanation": group["explanation"], "alternative": None}
            for group in policy.overlap_groups if all(pid in claimed for pid in group["provisions"])]

