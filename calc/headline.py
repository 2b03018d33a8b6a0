"""A provision's headline figure in the text's own terms: 每年最高200万元, 每个模型一次性50万元, 金额未定.

One function per question: ``headline_amount`` (the largest figure the provision names, for ordering) and
``headline`` (the words). A headline keeps what the text says around the figure: the period (每年, 一次性,
三年总计), the unit it is counted per (每个模型, /人 …) and 最高 where the amount is a ceiling. Tiers are never
one figure: each tier is named with its own amount (the text's 分别). Figures are formatted by calc.money, like
every amount the project shows.
"""

from __future__ import annotations

from decimal import Decimal

from .labels import PERIOD, UNIT_TERMS
from .money import format_amount

#: The period as a headline writes it: before the figure in Chinese (每年最高…), after it in English.
_PERIOD = {"per_year": {"zh": "每年", "en": " a year"},
           "one_off": {"zh": "一次性", "en": ", one-off"},
           "total_over_three_years": {"zh": "三年总计", "en": " in total over three years"}}

#: The period heading a list of tiers (一次性:博士10万元 / …).
_TIER_PERIOD = {"per_year": {"zh": "每年", "en": "a year"}, "one_off": {"zh": "一次性", "en": "one-off"},
                "total_over_three_years": {"zh": "三年总计", "en": "in total over three years"}}

_NO_AMOUNT = {"open_amount": {"zh": "金额未定", "en": "amount not set in the text"},
              "non_monetary": {"zh": "不涉及资金", "en": "no money involved"}}

#: Between tiers: a slash, since tier names may contain 、 and English amounts contain commas.
TIER_SEPARATOR = " / "


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


def headline_is_up_to(provision: dict) -> bool | None:
    """Whether the largest figure is a ceiling (最高 and the like; for tiers: the top tier's own 最高), or None
    when the provision names no figure."""
    if headline_amount(provision) is None:
        return None
    if provision["kind"] == "fixed":
        return False
    if provision["kind"] == "tiers":
        top = max(provision["rule"]["tiers"], key=lambda tier: Decimal(tier["amount"]))
        return bool(top["up_to"])
    return True  # share_of_base and ceiling: the cap is the most it can be


def _unit_words(provision: dict, lang: str) -> tuple[str, str]:
    """(before, after) the figure: 每个模型… / …/人 in Chinese; 'per model' after the figure in English."""
    unit = provision["unit_term"] or ""
    if not unit:
        return "", ""
    if lang == "en":
        return "", f" {UNIT_TERMS[unit]}"
    return (unit, "") if not unit.startswith("/") else ("", unit)


def _figure(amount: Decimal, up_to: bool, lang: str) -> str:
    figure = format_amount(amount, lang)
    if lang == "en":
        return f"up to {figure}" if up_to else figure
    return f"最高{figure}" if up_to else figure


def _tiers_headline(provision: dict, lang: str) -> str:
    """'一次性:博士10万元 / 硕士3万元 / 本科生1万元': every tier with its own amount, as the text's 分别 gives them."""
    parts = [f"{tier['label'][lang] or tier['label']['zh']} {_figure(Decimal(tier['amount']), tier['up_to'], lang)}"
             if lang == "en" else f"{tier['label']['zh']}{_figure(Decimal(tier['amount']), tier['up_to'], lang)}"
             for tier in provision["rule"]["tiers"]]
    before, after = _unit_words(provision, lang)
    period = _TIER_PERIOD.get(provision["period"], {"zh": "", "en": ""})[lang]
    if lang == "en":
        heading = ", ".join(part for part in (after.strip(), period) if part)
        return (f"{heading[0].upper()}{heading[1:]}: " if heading else "") + TIER_SEPARATOR.join(parts)
    heading = f"{before}{period}"
    return (f"{heading}:" if heading else "") + TIER_SEPARATOR.join(parts)


def headline(provision: dict, lang: str) -> str:
    """'每年最高200万元' / 'up to 2,000,000 yuan (200万元) a year'; tiers each with their amount; '金额未定' where
    the text gives no number."""
    amount = headline_amount(provision)
    if amount is None:
        return _NO_AMOUNT[provision["kind"]][lang]
    if provision["kind"] == "tiers":
        return _tiers_headline(provision, lang)
    period = _PERIOD.get(provision["period"], {"zh": "", "en": ""})[lang]
    before, after = _unit_words(provision, lang)
    figure = _figure(amount, bool(headline_is_up_to(provision)), lang)
    if lang == "en":
        return f"{figure}{after}{period}"
    return f"{before}{period}{figure}{after}"


def headline_record(provision: dict) -> dict:
    """The headline as data, the same fields for every kind, so a reader of the published files never branches on
    ``kind``: the largest amount the text names (yuan, as text) or null with the reason; whether it is a ceiling
    (最高, 不超过 …); the period and the unit it is counted per, as the text gives them; for tiers, the tier that
    names it; and the headline in words (:func:`headline`)."""
    amount = headline_amount(provision)
    unit = provision["unit_term"]
    top = (max(provision["rule"]["tiers"], key=lambda tier: Decimal(tier["amount"]))["key"]
           if provision["kind"] == "tiers" else None)
    reason = _NO_AMOUNT[provision["kind"]] if amount is None else None
    return {
        "largest_amount": None if amount is None else str(amount),
        "no_amount_reason": None if reason is None else {"kind": provision["kind"], **reason},
        "up_to": headline_is_up_to(provision),
        "period": provision["period"],
        "period_label": dict(PERIOD[provision["period"]]),
        "unit": None if not unit else {"zh": unit, "en": UNIT_TERMS[unit]},
        "tier": top,
        "text": {lang: headline(provision, lang) for lang in ("zh", "en")},
    }
