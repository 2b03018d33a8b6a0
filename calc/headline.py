"""A provision's headline figure in the text's own terms: 每年最高200万元, 每个模型50万元, 金额未定.

One function per question: ``headline_amount`` (the largest figure the provision names, for ordering) and
``headline`` (the words). Figures are formatted by calc.money, like every amount the project shows.
"""

from __future__ import annotations

from decimal import Decimal

from .labels import UNIT_TERMS
from .money import format_amount

#: The periods the text names before an amount (每年最高…, 三年总计最高…); other periods add nothing.
_PERIOD = {"per_year": {"zh": "每年", "en": " a year"},
           "total_over_three_years": {"zh": "三年总计", "en": " in total over three years"}}

_NO_AMOUNT = {"open_amount": {"zh": "金额未定", "en": "amount not set in the text"},
              "non_monetary": {"zh": "不涉及资金", "en": "no money involved"}}


def amounts(provision: dict) -> list[Decimal]:
    """Every amount in yuan the provision's rule names, in the rule's order: the cap (share of a base, ceiling),
    the fixed amount, or each tier's amount; none for open amounts and non-monetary measures."""
    kind, rule = provision["kind"], provision["rule"]
    if kind in ("share_of_base", "ceiling"):
        return [Decimal(rule["cap"])]
    if kind == "fixed":
        return [Decimal(rule["amount"])]
    if kind == "tiers":
        return [Decimal(tier["amount"]) for tier in rule["tiers"]]
    return []


def headline_amount(provision: dict) -> Decimal | None:
    """The largest figure a provision names (cap, amount or top tier), or None when it names none."""
    return max(amounts(provision), default=None)


def _is_up_to(provision: dict) -> bool:
    """最高 and the like apply to the headline figure (for tiers: to the top tier)."""
    if provision["kind"] == "fixed":
        return False
    if provision["kind"] == "tiers":
        top = max(provision["rule"]["tiers"], key=lambda tier: Decimal(tier["amount"]))
        return bool(top["up_to"])
    return True  # share_of_base and ceiling: the cap is the most it can be


def headline(provision: dict, lang: str) -> str:
    """'每年最高200万元' / 'up to 2,000,000 yuan (200万元) a year'; '金额未定' where the text gives no number."""
    amount = headline_amount(provision)
    if amount is None:
        return _NO_AMOUNT[provision["kind"]][lang]
    figure = format_amount(amount, lang)
    period = _PERIOD.get(provision["period"], {"zh": "", "en": ""})[lang]
    unit = provision["unit_term"] or ""
    up_to = _is_up_to(provision)
    if lang == "en":
        per = f" {UNIT_TERMS[unit]}" if unit else ""
        return f"{'up to ' if up_to else ''}{figure}{per}{period}"
    prefix, suffix = (unit, "") if not unit.startswith("/") else ("", unit)
    return f"{period}{prefix}{'最高' if up_to else ''}{figure}{suffix}"
