"""The figure a reader carries away says whose money it is, for which period, and whether it is a ceiling (issue 18).

Amounts are proven by the golden cases; these tests prove the words around them, in Chinese and English: headlines
keep 一次性 and every tier, totals and rows name their period in words and say 最高 / up to, amounts of 1亿 and more
read in 亿, the text output says what the page says, and the English says what the text says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from calc import estimate, load_policy
from calc.explain import explain
from calc.headline import headline
from calc.money import display
from decimal import Decimal
from scripts.sitegen.describe import amount_summary
from tests.conftest import ROOT

POLICY = load_policy()
AS_OF = "2026-06-30"


def claim(pid: str, **inputs) -> dict:
    return {"provision": pid, "inputs": inputs}


def provision(pid: str) -> dict:
    return POLICY.provisions[pid]


# 2. Periods in every headline ----------------------------------------------------------------------------------

ONE_OFF = ["m1-4", "m1-5", "m1-6", "m4-2", "m7-2"]


@pytest.mark.parametrize("pid", ONE_OFF)
def test_a_one_off_amount_says_so_in_its_headline_and_its_pays_for_line(pid):
    assert "一次性" in headline(provision(pid), "zh") and "one-off" in headline(provision(pid), "en").lower()
    assert "一次性" in amount_summary(provision(pid), "zh") and "one-off" in amount_summary(provision(pid), "en")


def test_every_period_the_text_names_is_in_every_headline():
    words = {"per_year": ("每年", "a year"), "one_off": ("一次性", "one-off"), "total_over_three_years": ("三年总计", "three years")}
    for p in POLICY.data["provisions"]:
        if p["period"] in words and p["kind"] not in ("open_amount", "non_monetary"):
            zh, en = words[p["period"]]
            assert zh in headline(p, "zh") and en in headline(p, "en").lower(), p["id"]


def test_headlines_keep_the_texts_order_of_unit_period_and_ceiling():
    assert headline(provision("m6-3"), "zh") == "每家三年总计最高300万元"  # 择优给予每家三年总计最高300万元支持
    assert headline(provision("m4-2"), "zh") == "每个模型一次性50万元"
    assert headline(provision("m1-4"), "zh") == "一次性最高500万元"
    assert headline(provision("m4-2"), "en") == "500,000 yuan (50万元) per model, one-off"


# 3. Tiers are not a fixed sum ------------------------------------------------------------------------------------

@pytest.mark.parametrize("pid", ["m7-2", "m9-3", "m1-8", "m5-6", "m7-1", "m11-2"])
def test_a_tiered_headline_names_every_tier_with_its_own_amount(pid):
    p = provision(pid)
    for lang in ("zh", "en"):
        text = headline(p, lang)
        parts = text.split(" / ")
        assert len(parts) == len(p["rule"]["tiers"]), text
        for part, tier in zip(parts, p["rule"]["tiers"]):
            assert (tier["label"][lang] or tier["label"]["zh"]) in part
            figure = f"{Decimal(tier['amount']) / 10000:f}万元"
            assert figure in part, (part, figure)
            assert (("最高" if lang == "zh" else "up to") in part) == tier["up_to"]


def test_the_graduates_headline_reads_each_degree_with_its_allowance():
    assert headline(provision("m7-2"), "zh") == "一次性:博士10万元 / 硕士3万元 / 本科生1万元"
    assert headline(provision("m9-3"), "zh") == "标杆类200万元 / 特色类100万元"


# 7. Every amount says whether it is a ceiling and names its period in words; 亿 from 1亿 ---------------------

def test_a_total_never_loses_up_to_and_names_an_unstated_period_in_words():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m5-1"), claim("m5-4")]})
    [total] = result["period_totals"]
    assert total["text"]["zh"] == "期限未写明:最高1.02亿元(102,000,000.00元)"
    assert total["text"]["en"] == "period not stated in the text: up to 102,000,000.00 yuan (1.02亿元)"
    assert total["short"] == {"zh": "期限未写明:最高1.02亿元", "en": "period not stated in the text: up to 102,000,000 yuan (1.02亿元)"}
    assert "原文未写明" not in json.dumps(result, ensure_ascii=False).replace("原文未写明“", "")


def test_a_total_of_ceilings_and_amounts_the_text_sets_is_up_to_the_whole_and_says_how_much_is_set():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m1-5"), claim("m4-2", models="1", filing_date="2026-03-01")]})
    [total] = result["period_totals"]
    assert total["text"]["zh"] == "一次性:最高250万元(2,500,000.00元)(其中50万元为原文规定的金额或公式所得)"
    assert total["text"]["en"] == ("one-off: up to 2,500,000.00 yuan (250万元), of which 500,000 yuan (50万元) is the amount "
                                   "or formula the text sets")


def test_a_total_of_amounts_the_text_sets_is_not_called_a_ceiling():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m4-2", models="2", filing_date="2026-03-01")]})
    assert result["period_totals"][0]["text"] == {"zh": "一次性:100万元(1,000,000.00元)", "en": "one-off: 1,000,000.00 yuan (100万元)"}


@pytest.mark.parametrize("yuan, zh, en", [
    ("100000000", "1亿元(100,000,000.00元)", "100,000,000.00 yuan (1亿元)"),
    ("100200000", "1.002亿元(100,200,000.00元)", "100,200,000.00 yuan (1.002亿元)"),
    ("123456789.12", "约1.234568亿元(123,456,789.12元)", "123,456,789.12 yuan (about 1.234568亿元)"),
    ("99990000", "9999万元(99,990,000.00元)", "99,990,000.00 yuan (9999万元)")])
def test_amounts_of_one_yi_and_more_read_in_yi_as_the_text_writes_them(yuan, zh, en):
    assert display(Decimal(yuan))["text"] == {"zh": zh, "en": en}


def test_every_row_names_its_period_and_ceiling_and_whose_money_it_is():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万"),
                                                          claim("m7-2", doctorates="1", masters="0", bachelors="2")]})
    rental, graduates = result["items"]
    assert rental["wording"]["zh"] == "每年:最高200万元(2,000,000.00元)"
    assert rental["recipient"]["label"] == {"zh": "付给申请主体", "en": "Paid to the applicant"}
    assert graduates["wording"]["en"] == "one-off: 120,000.00 yuan (12万元)"
    assert graduates["recipient"]["party"] == "talent"
    assert "不付给用人单位" in graduates["recipient"]["label"]["zh"] and "not to the employer" in graduates["recipient"]["label"]["en"]


# 1. Whose money ---------------------------------------------------------------------------------------------------

def test_the_text_names_the_talents_and_graduates_as_the_recipients_of_measure_7s_money(policy_pristine):
    talents = {p["id"] for p in policy_pristine["provisions"] if p["recipient"] and p["recipient"]["party"] == "talent"}
    assert talents == {"m7-1", "m7-2", "m7-4", "m7-5"}
    for p in policy_pristine["provisions"]:
        assert (p["recipient"] is None) == (p["kind"] == "non_monetary"), p["id"]


def test_two_talents_home_purchase_subsidy_is_not_added_to_the_employers_total():
    result = estimate(POLICY, {"as_of": AS_OF, "claims": [claim("m2-2", compute_rental_fees_paid="800万"), claim("m7-5", talents="2")]})
    assert [(t["period"], t["amount"]) for t in result["period_totals"]] == [("per_year", "2000000.00")]
    assert [(t["period"], t["amount"]) for t in result["talent_period_totals"]] == [("not_stated", "2000000.00")]


# 5. The text output says what the page says -----------------------------------------------------------------------

WITH_OPEN_THINGS = {"as_of": AS_OF,
                    "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}},
                               {"provision": "m7-2", "inputs": {"doctorates": "1", "masters": "0", "bachelors": "0"},
                                "conditions": {"newly_recruited": True}}],
                    "other_support": [{"provision": "m2-2", "amount": "30万", "level": "province", "source": "省算力补贴"}]}


@pytest.mark.parametrize("lang, words", [
    ("zh", ["待确认的原文条件:符合条件的科技研发企业", "已确认的原文条件:新引进的", "“省算力补贴” (江苏省政策)",
            "本估算未将其与本条款比较", "付给新引进的应届博士、硕士、本科生,不付给用人单位", "每年:最高200万元(2,000,000.00元)",
            "付给人才本人,不归用人单位:\n    一次性:10万元(100,000.00元)"]),
    ("en", ["Conditions of the text still to confirm: an eligible technology R&D enterprise (符合条件的科技研发企业)",
            "Conditions of the text confirmed: newly recruited (新引进的)", "“省算力补贴” (a Jiangsu provincial policy)",
            "does not compare them", "Paid to the newly recruited doctoral, master's and bachelor's graduates, not to the employer",
            "per year: up to 2,000,000.00 yuan (200万元)"])])
def test_the_text_output_shows_unconfirmed_conditions_and_provincial_support_not_compared(lang, words):
    text = explain(estimate(POLICY, WITH_OPEN_THINGS), lang)
    for word in words:
        assert word in text, word


# 6. English ---------------------------------------------------------------------------------------------------------

def english_texts(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield path, value
            else:
                yield from english_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from english_texts(value, f"{path}[{i}]")


def test_talents_of_measure_7_are_recognised_by_the_enterprise_not_self_recognised(policy_pristine):
    for pid in ("m7-4", "m7-5"):
        p = next(p for p in policy_pristine["provisions"] if p["id"] == pid)
        assert "recognised by the enterprise" in p["label"]["en"]
    found = [path for path, text in english_texts(policy_pristine) if re.search(r"self-recogni", text, re.I)]
    assert found == []


def test_one_english_word_for_anquan_throughout(policy_pristine):
    texts = list(english_texts(policy_pristine)) + list(english_texts(json.loads((ROOT / "policy" / "glossary.json").read_text("utf-8"))))
    texts += [(key, text) for lang in ("en",) for key, text in json.loads(
        (ROOT / "scripts" / "sitegen" / "catalogs" / f"{lang}.json").read_text("utf-8")).items()]
    assert [path for path, text in texts if re.search(r"\bsafe(ty)?\b", text, re.I) and "unsafe-eval" not in text] == []
    assert any("security" in text for _, text in texts)


def test_calc_list_in_english_prints_conditions_and_headlines_in_english():
    out = subprocess.run([sys.executable, "-m", "calc", "list", "--lang", "en"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "condition " in line]
    assert lines and all(re.search(r"condition \w+: [A-Za-z“]", line) for line in lines), lines[:3]
    assert "condition meets_conditions: an eligible technology R&D enterprise (符合条件的科技研发企业)" in out.stdout
    assert "up to 5,000,000 yuan (500万元), one-off" in out.stdout


@pytest.mark.parametrize("pid, zh, en", [("m4-2", "(每个模型)", " per model"), ("m9-4", "(单个企业或主体)", " per enterprise or entity"),
                                        ("m6-3", "(每家)", " per institution"), ("m11-2", "(每项)", " per item")])
def test_the_pays_for_line_translates_the_texts_unit_terms(pid, zh, en):
    assert zh in amount_summary(provision(pid), "zh")
    english = amount_summary(provision(pid), "en")
    assert en in english and not re.search(r"[\u4e00-\u9fff]", re.sub(r"\([^)]*\)", "", english)), english
