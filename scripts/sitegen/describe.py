"""Plain-words descriptions of provisions and measures, in Chinese or English, from the policy data.

Every figure comes from the provision's rule and is written by calc.money, so the site and the calculator
format numbers the same way; the words around them are the catalog's (``describe.*``, catalogs/<lang>.json).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.headline import headline_amount as headline
from calc import labels as calc_labels
from calc.labels import KIND, PERIOD, SUPPORT_TYPE, UNIT_TERMS
from calc.money import format_amount, format_rate

from .catalog import translate


def tx(text: dict | None, lang: str) -> str:
    """The text in ``lang``; English falls back to Chinese where no translation exists yet."""
    if not text:
        return ""
    return (text.get("en") or text["zh"]) if lang == "en" else text["zh"]


def format_date(iso: str, lang: str) -> str:
    """2026-01-31 -> 2026年1月31日 / 31 January 2026."""
    day = date.fromisoformat(iso)
    if lang == "en":
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def money(amount: str, lang: str) -> str:
    return format_amount(Decimal(amount), lang)


def kind_label(provision: dict, lang: str) -> str:
    return KIND[provision["kind"]][lang]


def support_label(provision: dict, lang: str) -> str:
    return SUPPORT_TYPE[provision["support_type"]][lang]


def period_label(provision: dict, lang: str) -> str:
    return PERIOD[provision["period"]][lang]


def beneficiary_label(provision: dict, lang: str) -> str:
    beneficiary = provision["beneficiary"]
    return tx(beneficiary["text"], lang) if beneficiary else translate(lang, "describe.not_applicable")


def unit_suffix(provision: dict, lang: str) -> str:
    """'(每个模型)' / ' per model': the text's unit term, in English in this project's words (calc.labels)."""
    unit = provision["unit_term"]
    if not unit:
        return ""
    return translate(lang, "unit.per", unit=unit if lang == "zh" else UNIT_TERMS[unit])


def amount_summary(provision: dict, lang: str) -> str:
    """'30% × 实际支付智能算力租用费用,最高200万元,每年' and the like: rate, base, cap or amounts, and the period
    where the text names one (每年, 一次性, 三年总计)."""
    summary = _amounts_summary(provision, lang)
    if provision["period"] == "not_stated" or provision["kind"] in ("open_amount", "non_monetary"):
        return summary
    return translate(lang, "describe.with_period", amount=summary, period=period_label(provision, lang))


def _amounts_summary(provision: dict, lang: str) -> str:
    kind, rule = provision["kind"], provision["rule"]
    if kind == "share_of_base":
        rate = format_rate(Decimal(rule["rate"]))
        rate = translate(lang, "describe.rate_at_most", rate=rate) if rule["rate_is_ceiling"] else rate
        cap = translate(lang, "describe.up_to" if rule["cap_is_ceiling"] else "describe.face_value",
                        amount=money(rule["cap"], lang))
        return (translate(lang, "describe.share_of_base", rate=rate, base=tx(rule["base"], lang), cap=cap)
                + unit_suffix(provision, lang))
    if kind == "ceiling":
        return translate(lang, "describe.up_to", amount=money(rule["cap"], lang)) + unit_suffix(provision, lang)
    if kind == "fixed":
        return money(rule["amount"], lang) + unit_suffix(provision, lang)
    if kind == "tiers":
        parts = [f"{tx(tier['label'], lang)} {_amount(tier['amount'], tier['up_to'], lang)}" for tier in rule["tiers"]]
        return translate(lang, "list.group_sep").join(parts) + unit_suffix(provision, lang)
    return translate(lang, "describe.open_amount" if kind == "open_amount" else "describe.non_monetary")


def _amount(amount: str, up_to: bool, lang: str) -> str:
    """'最高500万元' / 'up to 5 million yuan' where the text sets a ceiling, else the amount alone."""
    return translate(lang, "describe.up_to", amount=money(amount, lang)) if up_to else money(amount, lang)


def measure_headline(policy: dict, measure: dict, lang: str) -> str:
    """The largest single figure among a measure's provisions, e.g. '单项最高6000万元'."""
    figures = [h for p in provisions_of(policy, measure) if (h := headline(p)) is not None]
    if not figures:
        return translate(lang, "describe.no_amounts")
    return translate(lang, "describe.largest_figure", amount=money(str(max(figures)), lang))


def provisions_of(policy: dict, measure: dict) -> list[dict]:
    return [p for p in policy["provisions"] if p["measure"] == measure["id"]]


def agency_list(policy: dict, agency_ids: list[str], lang: str) -> list[str]:
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    return [tx(names[agency_id], lang) for agency_id in agency_ids]


def conditions_label(provision: dict, lang: str) -> str:
    conditions = [tx(c["text"], lang) for c in provision["conditions"]]
    return translate(lang, "list.group_sep").join(conditions) if conditions else translate(lang, "describe.no_conditions")


def date_rule_label(provision: dict, lang: str) -> str:
    rule = provision["date_rule"]
    if not rule:
        return ""
    words = {"term": rule["term"], "event": tx(rule["event"], lang), "start": format_date(rule["on_or_after"], lang)}
    if rule["on_or_before"]:
        return translate(lang, "describe.date_between", end=format_date(rule["on_or_before"], lang), **words)
    return translate(lang, "describe.date_from", **words)


def up_to_label(provision: dict, lang: str) -> str:
    terms = provision["up_to_terms"]
    if provision["kind"] in ("open_amount", "non_monetary"):
        return ""
    if not terms:
        return translate(lang, "describe.set_by_text")
    return calc_labels.up_to_label(True, terms)[lang]


def measure_name(measure: dict, lang: str) -> str:
    """第九条 / Measure 9."""
    return translate(lang, "measure.number", numeral=measure["numeral"], number=measure["number"])


def measure_numeral(measure: dict, lang: str) -> str:
    """九 / 9: the measure's number as each edition writes it."""
    return measure["numeral"] if lang == "zh" else str(measure["number"])
