"""Amounts: what people type is read exactly, anything else is refused with a message naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc.money import (
    amount_text,
    format_amount,
    format_rate,
    format_wan,
    format_yuan,
    parse_amount,
    parse_count,
    round_fen,
)
from calc.problems import InputProblem


@pytest.mark.parametrize("typed, yuan", [
    ("800万", "8000000.00"),
    ("8,000,000", "8000000.00"),
    ("８００万", "8000000.00"),
    ("0.08亿", "8000000.00"),
    ("1.5万元", "15000.00"),
    (" 2000000 ", "2000000.00"),
    ("2000000元", "2000000.00"),
    ("1,234.56", "1234.56"),
    ("0", "0.00"),
    ("¥300万", "3000000.00"),
    ("1.23456万", "12345.60"),
    ("９９９，９９９", "999999.00"),
    (2000000, "2000000.00"),
    (Decimal("12.5"), "12.50"),
])
def test_accepted_amounts_parse_exactly(typed, yuan):
    value = parse_amount(typed, "fees")
    assert isinstance(value, Decimal)
    assert value == Decimal(yuan) and str(value) == yuan


@pytest.mark.parametrize("typed, code", [
    ("-5", "amount_negative"),
    ("-0", "amount_negative"),
    ("NaN", "amount_not_number"),
    ("Infinity", "amount_not_number"),
    ("inf", "amount_not_number"),
    ("1e309", "amount_exponent"),
    ("8E6", "amount_exponent"),
    ("", "amount_empty"),
    ("   ", "amount_empty"),
    ("abc", "amount_format"),
    ("8万亿", "amount_too_large"),
    ("1" * 400, "amount_too_long"),
    ("9" * 16, "amount_too_large"),
    ("1万亿", "amount_too_large"),
    ("1.001", "amount_precision"),
    ("800万\u200f", "amount_invisible"),
    ("<script>alert(1)</script>", "amount_format"),
    ("12,34", "amount_format"),
    ("8.0.0", "amount_format"),
    (8000000.5, "amount_float"),
    (None, "amount_type"),
    (True, "amount_type"),
    (Decimal("NaN"), "amount_not_number"),
    ("x" * 10_000, "amount_too_long"),
])
def test_refused_amounts_name_the_field(typed, code):
    with pytest.raises(InputProblem) as caught:
        parse_amount(typed, "claims[0].inputs.fees")
    assert caught.value.code == code
    assert caught.value.field == "claims[0].inputs.fees"
    assert caught.value.zh and caught.value.en


@pytest.mark.parametrize("typed, count", [(3, 3), ("3", 3), ("３", 3), (" 12 ", 12), (0, 0), (Decimal("4"), 4)])
def test_counts(typed, count):
    assert parse_count(typed, "n") == count


@pytest.mark.parametrize("typed", ["-1", "1.5", "abc", "", 2.0, None, True, "9" * 40, 100_001, Decimal("1.5")])
def test_bad_counts_are_refused(typed):
    with pytest.raises(InputProblem) as caught:
        parse_count(typed, "claims[1].inputs.models")
    assert caught.value.field == "claims[1].inputs.models"


def test_rounding_is_half_up_to_the_fen():
    assert round_fen(Decimal("1999999.995")) == Decimal("2000000.00")
    assert round_fen(Decimal("0.004")) == Decimal("0.00")
    assert round_fen(Decimal("0.005")) == Decimal("0.01")
    assert round_fen(Decimal("2.675")) == Decimal("2.68")  # a float would give 2.67


def test_display_helpers():
    assert format_yuan(Decimal("2000000")) == "2,000,000.00"
    assert format_wan(Decimal("2000000")) == "200"
    assert format_wan(Decimal("6666666.67")) == "666.67"
    assert format_amount(Decimal("100000000")) == "1亿元"
    assert format_amount(Decimal("2000000")) == "200万元"
    assert format_amount(Decimal("5000")) == "5,000.00元"
    assert format_amount(Decimal("6666666.67")) == "约666.67万元"
    assert format_amount(Decimal("2000000"), "en") == "2,000,000 yuan (200万元)"
    assert format_rate(Decimal("0.3")) == "30%"
    assert amount_text(Decimal("2000000")) == "2000000.00"
