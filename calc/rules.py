"""One small function per kind of support. Each returns the amount, whether it is an upper bound, which
limit bound it, and the steps that explain it, citing the words of the text.

Arithmetic is exact (Decimal, 50 significant digits); the only rounding is round_fen (to the fen, half
up), applied to rate x base before it is compared with the cap.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

from .labels import REVIEW_TERMS
from .money import amount_text, format_amount, format_rate, format_yuan, round_fen
from .policy import Policy
from .scenario import Claim
from .trace import Step, step

_CONTEXT = decimal.Context(prec=50, rounding=decimal.ROUND_HALF_UP)


@dataclass(frozen=True)
class Computation:
    amount: Decimal
    up_to: bool
    bound: str          # rate | cap | ceiling | fixed
    steps: list[Step]


def _yuan(amount: Decimal) -> tuple[str, str]:
    return f"{format_yuan(amount)}元", f"{format_yuan(amount)} yuan"


def _reviewed(provision: dict) -> bool:
    """The text names a selection or review for the amount (择优, 经评审认定)."""
    return any(word in provision["up_to_terms"] for word in REVIEW_TERMS)


def _count(claim: Claim, name: str | None) -> int:
    return 1 if name is None else int(claim.inputs[name])


def share_of_base(policy: Policy, provision: dict, claim: Claim) -> Computation:
    """min(round_fen(rate x base), cap). An upper bound if the rate is a ceiling (不超过), the amount is
    chosen on merit or after review (择优, 经评审认定), or the 最高 cap binds."""
    rule = provision["rule"]
    rate, cap = Decimal(rule["rate"]), Decimal(rule["cap"])
    base = claim.inputs[rule["base_input"]]
    exact = _CONTEXT.multiply(rate, base)
    product = round_fen(exact)
    rate_text = format_rate(rate)
    base_zh, base_en = rule["base"]["zh"], rule["base"]["en"] or rule["base"]["zh"]
    at_most_zh = "不超过" if rule["rate_is_ceiling"] else ""
    at_most_en = "at most " if rule["rate_is_ceiling"] else ""
    zh_base, en_base = _yuan(base)
    zh_product, en_product = _yuan(product)
    steps = [step(policy, provision, rate_text,
                  f"{at_most_zh}{rate_text} × {base_zh} {zh_base} = {zh_product}",
                  f"{at_most_en}{rate_text} × {base_en} {en_base} = {en_product}", amount_text(product))]
    cap_zh, cap_en = format_amount(cap, "zh"), format_amount(cap, "en")
    if product >= cap:
        amount, bound = cap, "cap"
        steps.append(step(policy, provision, cap_zh, *_cap_words(exact, product, cap, cap_zh, cap_en), amount_text(cap)))
    else:
        amount, bound = product, "rate"
        steps.append(step(policy, provision, cap_zh,
                          f"未超过上限{cap_zh},按比例计", f"below the cap of {cap_en}: the share applies", amount_text(product)))
    up_to = rule["rate_is_ceiling"] or _reviewed(provision) or (bound == "cap" and rule["cap_is_ceiling"])
    return Computation(amount, up_to, bound, steps)


def _cap_words(exact: Decimal, product: Decimal, cap: Decimal, cap_zh: str, cap_en: str) -> tuple[str, str]:
    """Above the cap, exactly at it, or at it only once the share is rounded to the fen: three different facts."""
    if product > cap:
        return f"超过上限,按上限{cap_zh}计", f"above the cap: limited to {cap_en}"
    if exact == cap:
        return f"恰好等于上限{cap_zh}", f"exactly the cap of {cap_en}"
    return (f"四舍五入到分后等于上限{cap_zh}(未四舍五入时为{exact.normalize():,f}元)",
            f"equal to the cap of {cap_en} once rounded to the fen ({exact.normalize():,f} yuan before rounding)")


def _per_unit(policy: Policy, provision: dict, claim: Claim, each: Decimal, up_to: bool, bound: str) -> Computation:
    """``each`` times the count (1 where the text names no unit to count), with the step that says so."""
    count_input = provision["rule"]["count_input"]
    count = _count(claim, count_input)
    amount = each * count
    each_zh, each_en = format_amount(each, "zh"), format_amount(each, "en")
    prefix_zh, prefix_en = ("最高", "up to ") if bound == "ceiling" else ("", "")
    if count_input:
        zh_total, en_total = _yuan(amount)
        zh, en = f"{prefix_zh}{each_zh} × {count} = {zh_total}", f"{prefix_en}{each_en} × {count} = {en_total}"
    elif bound == "ceiling":
        zh, en = f"最高{each_zh}", f"up to {each_en}"
    else:
        zh, en = f"定额{each_zh}", f"fixed amount of {each_en}"
    return Computation(amount, up_to, bound, [step(policy, provision, each_zh, zh, en, amount_text(amount))])


def ceiling(policy: Policy, provision: dict, claim: Claim) -> Computation:
    """Up to the cap (per unit where the text says 单个项目 or /人): a ceiling, never a promise."""
    return _per_unit(policy, provision, claim, Decimal(provision["rule"]["cap"]), True, "ceiling")


def fixed(policy: Policy, provision: dict, claim: Claim) -> Computation:
    """A set amount (per unit where the text says 每个模型)."""
    return _per_unit(policy, provision, claim, Decimal(provision["rule"]["amount"]), _reviewed(provision), "fixed")


def tiers(policy: Policy, provision: dict, claim: Claim) -> Computation:
    """choose_one: the amount of the user's tier. count_each: the sum over tiers of amount x count."""
    rule = provision["rule"]
    if rule["mode"] == "choose_one":
        chosen = claim.inputs[rule["tier_input"]]
        selected = [(tier, 1) for tier in rule["tiers"] if tier["key"] == chosen]
    else:
        selected = [(tier, int(claim.inputs[tier["count_input"]])) for tier in rule["tiers"]]
    steps, amount = [], Decimal(0)
    for tier, count in selected:
        each = Decimal(tier["amount"])
        subtotal = each * count
        amount += subtotal
        each_zh, each_en = format_amount(each, "zh"), format_amount(each, "en")
        label_zh, label_en = tier["label"]["zh"], tier["label"]["en"] or tier["label"]["zh"]
        up_zh, up_en = ("最高", "up to ") if tier["up_to"] else ("", "")
        if rule["mode"] == "count_each":
            zh_sub, en_sub = _yuan(subtotal)
            zh, en = f"{label_zh}:{up_zh}{each_zh} × {count} = {zh_sub}", f"{label_en}: {up_en}{each_en} × {count} = {en_sub}"
        else:
            zh, en = f"{label_zh}:{up_zh}{each_zh}", f"{label_en}: {up_en}{each_en}"
        steps.append(step(policy, provision, each_zh, zh, en, amount_text(subtotal)))
    up_to = any(tier["up_to"] for tier, count in selected if count) or _reviewed(provision)
    bound = "ceiling" if up_to and any(tier["up_to"] for tier, _ in selected) else "fixed"
    return Computation(amount, up_to, bound, steps)


COMPUTE = {"share_of_base": share_of_base, "ceiling": ceiling, "fixed": fixed, "tiers": tiers}
