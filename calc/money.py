"""Money: exact amounts in yuan, read from what people type and written for people to read.

Rules, kept in one place:

* Every amount is a ``decimal.Decimal`` built from a string or an int. A float is refused, so no
  binary rounding can creep in from user input.
* Amounts are in yuan. A computed amount is rounded once, to the fen (0.01 yuan), half up (四舍五入):
  see :func:`round_fen`.
* People may type ``800万``, ``8,000,000``, ``８００万`` (full-width), ``0.08亿``, ``1.5万元`` or
  `` 2000000 ``. Negative numbers, NaN, infinity, exponent notation, empty text, anything else, and
  amounts of 1万亿元 (10^12 yuan) or more are refused with a message that names the field.
* Digits are the text's own: ASCII ``0-9`` and full-width ``０-９``. Any other digit (superscript ``²``,
  circled ``①``, Arabic-Indic ``٣`` …) is refused, never folded: ``10²万`` is not 1,020,000 (issue 12).

Formatting is kept apart from arithmetic: the ``format_*`` functions only turn a Decimal into text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .problems import InputProblem

FEN = Decimal("0.01")
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
#: Amounts at or above this (1万亿元) are refused as absurd for any single claim.
MAX_AMOUNT = Decimal(10) ** 12
#: Longest text accepted for an amount, before any other check (a 10 kB string is refused at once).
MAX_AMOUNT_TEXT = 40
#: Largest count of units (persons, models, standards, projects) in one claim.
MAX_COUNT = 100_000

UNIT_FACTORS = {
    "": Decimal(1),
    "元": Decimal(1),
    "万": WAN,
    "万元": WAN,
    "亿": YI,
    "亿元": YI,
    "万亿": WAN * YI,
    "万亿元": WAN * YI,
}

_AMOUNT_RE = re.compile(
    r"^[¥]?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<unit>万亿元?|万元?|亿元?|元)?$"
)
_COUNT_RE = re.compile(r"^[0-9]+$")


def round_fen(value: Decimal) -> Decimal:
    """Round to the fen (0.01 yuan), half up (四舍五入). The only rounding rule in the calculator."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _refuse(field: str, code: str, zh: str, en: str) -> InputProblem:
    return InputProblem(field=field, code=code, zh=zh, en=en)


def check_digits(text: str, field: str) -> None:
    """Refuse any digit other than ASCII 0-9 and full-width ０-９ (NFKC would fold ``²`` into ``2``)."""
    for ch in text:
        if not ch.isascii() and unicodedata.category(ch) in ("Nd", "No", "Nl") and not "０" <= ch <= "９":
            shown = f"U+{ord(ch):04X}"
            raise _refuse(field, "digit_not_allowed", f"只接受数字 0-9 或全角 ０-９,不接受字符“{ch}”({shown})。",
                          f"Only the digits 0-9 (or full-width ０-９) are accepted, not “{ch}” ({shown}).")


def parse_amount(value: object, field: str) -> Decimal:
    """Read an amount in yuan from user input; raise :class:`InputProblem` naming ``field``."""
    if isinstance(value, bool) or value is None:
        raise _refuse(field, "amount_type", "请填写金额。", "Enter an amount.")
    if isinstance(value, float):
        raise _refuse(field, "amount_float", "金额请以文字形式填写(如 \"800万\"),不接受浮点数。",
                      "Write the amount as text (e.g. \"800万\"); floating-point numbers are not accepted.")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _refuse(field, "amount_not_number", "金额必须是有限的数字。", "The amount must be a finite number.")
        value = format(value, "f")
    if not isinstance(value, str):
        raise _refuse(field, "amount_type", "金额必须是文字或数字。", "The amount must be text or a number.")
    if len(value) > MAX_AMOUNT_TEXT:
        raise _refuse(field, "amount_too_long", f"金额过长(超过{MAX_AMOUNT_TEXT}个字符)。",
                      f"The amount is too long (more than {MAX_AMOUNT_TEXT} characters).")
    check_digits(value, field)
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise _refuse(field, "amount_empty", "请填写金额。", "Enter an amount.")
    if any(unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn") for ch in text):
        raise _refuse(field, "amount_invisible", "金额中含有不可见的控制字符,请删除后重新输入。",
                      "The amount contains invisible control characters; delete them and type it again.")
    lowered = text.lower()
    if text.startswith("-") or text.startswith("−"):
        raise _refuse(field, "amount_negative", "金额不能为负数。", "The amount cannot be negative.")
    if any(word in lowered for word in ("nan", "inf")):
        raise _refuse(field, "amount_not_number", "金额必须是有限的数字。", "The amount must be a finite number.")
    if re.search(r"[0-9.]e[+-]?[0-9]", lowered):
        raise _refuse(field, "amount_exponent", "请不要使用科学计数法,直接写出数字,如 \"800万\"。",
                      "Do not use exponent notation; write the number out, e.g. \"800万\".")
    match = _AMOUNT_RE.match(text.replace(" ", ""))
    if not match:
        raise _refuse(field, "amount_format",
                      "无法识别的金额。可写作 \"800万\"、\"8,000,000\"、\"0.08亿\" 或 \"1.5万元\"。",
                      "Amount not understood. Write it as \"800万\", \"8,000,000\", \"0.08亿\" or \"1.5万元\".")
    digits = match.group("int").replace(",", "")
    if len(digits.lstrip("0")) > 16:
        raise _refuse(field, "amount_too_large", "金额过大(应小于1万亿元)。", "The amount is too large (it must be below 10^12 yuan).")
    try:
        number = Decimal(digits + ("." + match.group("frac") if match.group("frac") else ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        raise _refuse(field, "amount_format", "无法识别的金额。", "Amount not understood.") from None
    amount = number * UNIT_FACTORS[match.group("unit") or ""]
    if amount >= MAX_AMOUNT:
        raise _refuse(field, "amount_too_large", "金额过大(应小于1万亿元)。", "The amount is too large (it must be below 10^12 yuan).")
    if amount != amount.quantize(FEN):
        raise _refuse(field, "amount_precision", "金额最多精确到分(0.01元)。", "Amounts can be given to the fen (0.01 yuan) at most.")
    return amount.quantize(FEN)


def parse_count(value: object, field: str) -> int:
    """Read a whole number of units (persons, models, standards, projects) from user input."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        raise _refuse(field, "count_type", "请填写整数。", "Enter a whole number.")
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise _refuse(field, "count_type", "请填写整数。", "Enter a whole number.")
        value = int(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        if len(value) > MAX_AMOUNT_TEXT:
            raise _refuse(field, "count_too_long", "数量过长。", "The number is too long.")
        check_digits(value, field)
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            raise _refuse(field, "count_empty", "请填写数量。", "Enter a number.")
        if text.startswith("-"):
            raise _refuse(field, "count_negative", "数量不能为负数。", "The number cannot be negative.")
        if not _COUNT_RE.match(text):
            raise _refuse(field, "count_type", "请填写整数,如 3。", "Enter a whole number, e.g. 3.")
        number = int(text[:12])
        if len(text.lstrip("0")) > 12:
            number = MAX_COUNT + 1
    else:
        raise _refuse(field, "count_type", "请填写整数。", "Enter a whole number.")
    if number < 0:
        raise _refuse(field, "count_negative", "数量不能为负数。", "The number cannot be negative.")
    if number > MAX_COUNT:
        raise _refuse(field, "count_too_large", f"数量过大(最多{MAX_COUNT:,})。", f"The number is too large (at most {MAX_COUNT:,}).")
    return number


def amount_text(amount: Decimal) -> str:
    """The machine form of an amount in results: yuan with exactly two decimals, e.g. '2000000.00'."""
    return format(round_fen(amount), "f")


def _trim(number: Decimal) -> str:
    """Write a Decimal without exponent and without trailing zeros after the point."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_yuan(amount: Decimal) -> str:
    """2000000 -> '2,000,000.00' (yuan, thousands separators, two decimals)."""
    return f"{round_fen(amount):,.2f}"


def format_wan(amount: Decimal) -> str:
    """Amount in 万 (10,000 yuan): 2000000 -> '200', 6666666.67 -> '666.67'; rounds to 0.01万 when needed."""
    wan = amount / WAN
    shown = wan.quantize(FEN, rounding=ROUND_HALF_UP)
    return _trim(shown)


def is_exact_in_wan(amount: Decimal) -> bool:
    """True when the amount is a whole number of 0.01万 (so format_wan loses nothing)."""
    wan = amount / WAN
    return wan == wan.quantize(FEN)


def format_yi(amount: Decimal) -> str:
    """Amount in 亿 (100,000,000 yuan) to the same precision as format_wan (0.01万 = 0.000001亿):
    100200000 -> '1.002'."""
    return _trim((amount / YI).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def _short(amount: Decimal) -> tuple[str, bool]:
    """('1.002亿元' | '200万元' | '666.67万元', exact): 亿 from 1亿 on, as the text writes 1亿元; 万 below."""
    exact = is_exact_in_wan(amount)
    if amount >= YI:
        return f"{format_yi(amount)}亿元", exact
    return f"{format_wan(amount)}万元", exact


def format_amount(amount: Decimal, lang: str = "zh") -> str:
    """An amount as the text writes it: '1亿元', '200万元', '5,000元'; in English '2,000,000 yuan (200万元)'."""
    if amount >= YI:
        short, exact = _short(amount)
        short = short if exact else f"约{short}"
    elif amount >= WAN and is_exact_in_wan(amount):
        short = f"{format_wan(amount)}万元"
    elif amount >= WAN:
        short = f"约{format_wan(amount)}万元"
    else:
        short = f"{format_yuan(amount)}元"
    if lang == "zh":
        return short
    yuan = format_yuan(amount)
    if yuan.endswith(".00"):
        yuan = yuan[:-3]
    return f"{yuan} yuan ({short})" if amount >= WAN else f"{yuan} yuan"


def display(amount: Decimal | None) -> dict | None:
    """An amount as people read it, formatted here so every client shows the same: yuan with separators, 万,
    and the whole wording in each language ("200万元(2,000,000.00元)", "about 666.67万元" when 万 is rounded;
    from 1亿 on in 亿, as the text writes 1亿元: "1.002亿元(100,200,000.00元)")."""
    if amount is None:
        return None
    yuan, wan = format_yuan(amount), format_wan(amount)
    short, exact = _short(amount)
    text = {"zh": f"{'' if exact else '约'}{short}({yuan}元)", "en": f"{yuan} yuan ({'' if exact else 'about '}{short})"}
    return {"yuan": yuan, "wan": wan, "wan_exact": exact, "text": text}


def format_rate(rate: Decimal) -> str:
    """0.3 -> '30%'."""
    return f"{_trim(rate * 100)}%"
