"""An amount as a reader carries it away: its period in words, 最高 where it is a ceiling, and the figure.

"期限未写明:最高120万元(1,200,000.00元)", never a bare period label beside a bare figure ("原文未写明 120万元" reads
as "the text does not state 120万"). Where a total adds ceilings to amounts the text sets (a fixed amount, or
a share below its cap), the whole is "up to" and the wording says how much of it the text sets.
"""

from __future__ import annotations

from decimal import Decimal

from .labels import PERIOD
from .money import display, format_amount


def amount_wording(period: str, amount: Decimal, up_to_part: Decimal) -> dict:
    """{'zh': '每年:最高200万元(2,000,000.00元)', 'en': 'per year: up to 2,000,000.00 yuan (200万元)'}.

    ``up_to_part`` is how much of ``amount`` is a ceiling (all of it, none, or a part)."""
    return _wording(period, amount, up_to_part, display(amount)["text"], with_part=True)


def short_wording(period: str, amount: Decimal, up_to_part: Decimal) -> dict:
    """The same in few words, for a line that must stay short (a sticky bar): '每年:最高200万元' /
    'per year: up to 2,000,000 yuan (200万元)'."""
    shown = {lang: format_amount(amount, lang) for lang in ("zh", "en")}
    return _wording(period, amount, up_to_part, shown, with_part=False)


def _wording(period: str, amount: Decimal, up_to_part: Decimal, shown: dict, with_part: bool) -> dict:
    label = PERIOD[period]
    if up_to_part <= 0:
        return {"zh": f"{label['zh']}:{shown['zh']}", "en": f"{label['en']}: {shown['en']}"}
    zh, en = f"{label['zh']}:最高{shown['zh']}", f"{label['en']}: up to {shown['en']}"
    set_by_text = amount - up_to_part
    if set_by_text > 0 and with_part:
        zh += f"(其中{format_amount(set_by_text, 'zh')}为原文规定的金额或公式所得)"
        en += f", of which {format_amount(set_by_text, 'en')} is the amount or formula the text sets"
    return {"zh": zh, "en": en}
