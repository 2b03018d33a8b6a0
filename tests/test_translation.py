"""The English translation of the policy data is complete and faithful where a machine can tell.

Every text object in the policy JSON (any object with both ``zh`` and ``en``) is checked:

* no English value is empty;
* every amount the Chinese writes (``200万元``, ``1亿元``, ``5,000元``, with decimals) appears in the English as the
  exact yuan figure with thousands separators (``2,000,000 yuan``), every percentage reappears, and the English has
  no amount or percentage the Chinese lacks;
* the Chinese terms the project keeps in brackets (算力券, 语料券, 数据要素×, 就高、不重复 …) are there;
* the words that make an amount a ceiling or fix its period (最高, 不超过, 择优, 经评审认定, 一次性, 每年 …) are
  translated;
* every sentence of the text has a real English sentence: not the Chinese, not a stub, no Chinese left untranslated.

Each check is also run on deliberately broken translations, to prove it fails when it should.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

# ------------------------------------------------------------------------------------------- walking

def text_objects(node, path="$"):
    """(json path, object) for every object that has both zh and en, anywhere in the policy."""
    if isinstance(node, dict):
        if "zh" in node and "en" in node:
            yield path, node
        for key, value in node.items():
            if key not in ("zh", "en"):
                yield from text_objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from text_objects(value, f"{path}[{i}]")


def sentence_objects(policy):
    """The verbatim policy text, sentence by sentence: measure sentences, closing sentences, introduction lines."""
    for path, node in text_objects(policy):
        if ".sentences[" in path or path.startswith("$.document.introduction["):
            yield path, node


def is_policy_text(path: str) -> bool:
    """Sentences and fragments: the policy's own words (as opposed to this project's labels and notes)."""
    return ".sentences[" in path or ".fragments[" in path or path.startswith("$.document.introduction[")


# ------------------------------------------------------------------------------------------- amounts

ZH_AMOUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?)(亿|万)?元")
ZH_FACTOR = {"亿": Decimal(100_000_000), "万": Decimal(10_000), "": Decimal(1)}
PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s?[%\uff05]")
#: A number written next to a currency word in English, however it is written, so wrong forms are caught too.
EN_AMOUNT = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s*(?:million|billion|thousand|hundred|k|m|bn|万|亿)\b)?"
                       r"\s*(?:yuan|RMB|CNY)\b", re.IGNORECASE)
EN_CURRENCY_SIGN = re.compile(r"[¥￥]\s*\d|\bRMB\s*\d|\bCNY\s*\d")
GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")
SCALE_WORDS = re.compile(r"\b(?:million|billion|thousand|hundred|lakh|crore|wan|yi)\b|[万亿]", re.IGNORECASE)


def yuan_figure(value: Decimal) -> str:
    """2000000 -> '2,000,000 yuan'; 5000.5 -> '5,000.5 yuan' (no trailing zeros after the point)."""
    whole, _, decimals = format(value.normalize(), "f").partition(".")
    text = f"{int(whole):,}"
    return f"{text}.{decimals} yuan" if decimals else f"{text} yuan"


def zh_amounts(zh: str) -> list[Decimal]:
    return [Decimal(number) * ZH_FACTOR[unit] for number, unit in ZH_AMOUNT.findall(zh)]


def percentages(text: str) -> set[str]:
    """'30%' and '30.0%' -> {'30'}."""
    return {format(Decimal(number).normalize(), "f") for number in PERCENT.findall(text)}


def amount_problems(zh: str, en: str) -> list[str]:
    """What is wrong with the amounts and percentages of en, judged against zh."""
    problems = []
    expected = zh_amounts(zh)
    for value in expected:
        figure = yuan_figure(value)
        if not re.search(r"(?<![\d,.])" + re.escape(figure), en):
            problems.append(f"the amount {value} yuan is not written as “{figure}”")
    found = []
    for match in EN_AMOUNT.finditer(en):
        number, scale = match.group(1), match.group(2)
        if scale or not GROUPED.match(number):
            problems.append(f"“{match.group(0)}” is not an exact yuan figure with thousands separators")
            continue
        found.append(Decimal(number.replace(",", "")))
    for value in found:
        if value not in expected:
            problems.append(f"the English has an amount the Chinese lacks: {yuan_figure(value)}")
    if ZH_AMOUNT.search(en):
        problems.append("the English writes an amount in Chinese units (万元/亿元/元)")
    if EN_CURRENCY_SIGN.search(en):
        problems.append("the English writes an amount with a currency sign instead of “… yuan”")
    if expected and SCALE_WORDS.search(en):
        problems.append(f"the English uses a scale word ({SCALE_WORDS.search(en).group(0)}) instead of the exact figure")
    bare = len(re.findall(r"\byuan\b", en, re.IGNORECASE)) - len(list(EN_AMOUNT.finditer(en)))
    if bare and expected:
        problems.append("the English has “yuan” without an exact figure before it")
    zh_rates, en_rates = percentages(zh), percentages(en)
    for rate in sorted(zh_rates - en_rates):
        problems.append(f"the percentage {rate}% is missing")
    for rate in sorted(en_rates - zh_rates):
        problems.append(f"the English has a percentage the Chinese lacks: {rate}%")
    if re.search(r"\bper ?cent\b", en, re.IGNORECASE):
        problems.append("percentages are written with digits and %, not “per cent”")
    return problems


# ------------------------------------------------------------------------------------------- terms

#: Chinese terms kept in brackets in the English, with the English words that must go with them.
BRACKETED_TERMS = {
    "算力券": "compute voucher",
    "语料券": "corpus voucher",
    "数据要素×": "Data Elements ×",
    "就高、不重复": "the higher one",
    "卓越级": "excellence",
    "领航级": "leading",
    "标杆类": "benchmark",
    "特色类": "distinctive",
    "苏州创新创业领军人才": "leading talent",
    "AI安全靶场": "AI security range",
}
#: Latin-script terms of the text that stay as they are.
KEPT_TERMS = {"OPC": "OPC", "OnePersonCompany": "One Person Company", "ISO": "ISO", "IEC": "IEC", "ITU": "ITU"}
#: Words that qualify an amount (ceiling, review, period, open amount): the English must carry them.
QUALIFIERS = {
    "最高": ("up to",),
    "不超过": ("not more than",),
    "择优": ("selected on merit",),
    "经评审认定": ("after review and recognition",),
    "一次性": ("one-off",),
    "三年总计": ("in total over three years",),
    "每年": ("per year", "each year", "every year", "annual"),
    "符合条件的": ("eligible",),
    "一定": ("a certain amount",),
    "按对应政策": ("under the corresponding policies",),
    "分别": ("respectively",),
    "/人": ("per person",),
    "每个模型": ("per model",),
    "单个项目": ("single project", "per project"),
    "每项": ("per standard", "per item", "each standard"),
}
#: The site prints this value with its Chinese beside it (render_home.facts_table), so it carries no bracket.
TERM_EXEMPT = {"$.document.overlap_rule"}


def term_problems(path: str, zh: str, en: str) -> list[str]:
    problems = []
    if path not in TERM_EXEMPT:
        for term, english in BRACKETED_TERMS.items():
            if term in zh:
                if not re.search(r"\([^()]*" + re.escape(term) + r"[^()]*\)", en):
                    problems.append(f"“{term}” is not kept in brackets")
                if english.lower() not in en.lower():
                    problems.append(f"“{term}” is not translated as “{english}”")
    for term, english in KEPT_TERMS.items():
        if term in zh and english not in en:
            problems.append(f"“{term}” is not kept as “{english}”")
    for term, englishes in QUALIFIERS.items():
        if term in zh and not any(e in en.lower() for e in englishes):
            problems.append(f"“{term}” is not translated (expected {' or '.join(englishes)})")
    return problems


# ------------------------------------------------------------------------------------------- sentences

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
END_PUNCTUATION = {"\u3002": ".", "\uff1a": ":", ":": ":"}
#: English characters per Chinese character in a sentence: 2.5 to 5.6 in this translation.
RATIO_RANGE = (2.0, 7.0)


def without_kept_chinese(en: str) -> str:
    """en with its bracketed and quoted parts removed: what is left must be English."""
    return re.sub(r"“[^”]*”", "", re.sub(r"\([^()]*\)", "", en))


def form_problems(zh: str, en: str) -> list[str]:
    """Problems any English value can have: unbalanced brackets or quotes, stray spaces, Chinese punctuation."""
    problems = []
    if en != en.strip() or "  " in en:
        problems.append("stray spaces")
    if en.count("(") != en.count(")") or en.count("“") != en.count("”"):
        problems.append("unbalanced brackets or quotes")
    if re.search(r"[\uff0c\u3002\uff1b\uff1a\uff08\uff09\u3001\u300a\u300b]", without_kept_chinese(en)):
        problems.append("Chinese punctuation in the English")
    if CJK.search(without_kept_chinese(en)):
        problems.append("Chinese left untranslated outside brackets and quotes")
    if zh.strip() and en.strip() == zh.strip():
        problems.append("the English is the Chinese")
    return problems


def sentence_problems(zh: str, en: str) -> list[str]:
    """A sentence of the text must have a real English sentence."""
    problems = []
    words = re.findall(r"[A-Za-z]{2,}", en)
    if len(words) < 3:
        problems.append("fewer than three English words")
    ratio = len(en) / len(zh)
    if not RATIO_RANGE[0] <= ratio <= RATIO_RANGE[1]:
        problems.append(f"length ratio {ratio:.2f} outside {RATIO_RANGE}")
    if not en[:1].isupper():
        problems.append("does not start with a capital letter")
    if zh[-1] in END_PUNCTUATION and not en.endswith(END_PUNCTUATION[zh[-1]]):
        problems.append(f"does not end with “{END_PUNCTUATION[zh[-1]]}”")
    return problems


def fragment_problems(zh: str, en: str) -> list[str]:
    """A fragment ends with a full stop exactly when its Chinese ends with 。, and is no stub."""
    problems = []
    if zh.endswith("。") != en.endswith("."):
        problems.append("a fragment ends with “.” exactly when the Chinese ends with “。”")
    if len(en) < RATIO_RANGE[0] * len(zh):
        problems.append("the fragment is much shorter than its Chinese")
    return problems


# ------------------------------------------------------------------------------------------- all checks

def translation_problems(policy: dict) -> list[str]:
    problems = []
    for path, node in text_objects(policy):
        zh, en = node["zh"], node["en"]
        if not isinstance(en, str) or not en.strip():
            problems.append(f"{path}: the English is empty")
            continue
        found = amount_problems(zh, en) + term_problems(path, zh, en) + form_problems(zh, en)
        if path.endswith(".title") and path.startswith("$.measures["):
            found += [p for p in sentence_problems(zh, en) if "ratio" not in p and "three" not in p]
        elif ".sentences[" in path or path.startswith("$.document.introduction["):
            found += sentence_problems(zh, en)
        elif ".fragments[" in path:
            found += fragment_problems(zh, en)
        problems += [f"{path}: {problem}" for problem in found]
    return problems


# ------------------------------------------------------------------------------------------- tests

def test_every_english_value_is_filled(policy_pristine):
    objects = list(text_objects(policy_pristine))
    assert len(objects) > 350
    empty = [path for path, node in objects if not node["en"].strip()]
    assert empty == []


def test_amounts_and_percentages_are_exact(policy_pristine):
    problems = [f"{path}: {p}" for path, node in text_objects(policy_pristine) for p in amount_problems(node["zh"], node["en"])]
    assert problems == []


def test_the_english_carries_every_amount_of_the_text(policy_pristine):
    """Across all sentences, the yuan figures in the English are exactly those of the Chinese, one for one."""
    zh = [v for _, node in sentence_objects(policy_pristine) for v in zh_amounts(node["zh"])]
    en = [Decimal(m.group(1).replace(",", "")) for _, node in sentence_objects(policy_pristine)
          for m in EN_AMOUNT.finditer(node["en"])]
    assert len(zh) >= 40
    assert sorted(en) == sorted(zh)


def test_chinese_terms_are_kept_in_brackets(policy_pristine):
    problems = [f"{path}: {p}" for path, node in text_objects(policy_pristine) for p in term_problems(path, node["zh"], node["en"])]
    assert problems == []
    policy_text = [node for path, node in text_objects(policy_pristine) if is_policy_text(path)]
    for term in ("算力券", "语料券", "数据要素×", "就高、不重复"):
        assert any(term in node["zh"] for node in policy_text), term  # the check is not vacuous


def test_sentences_are_real_translations(policy_pristine):
    problems = translation_problems(policy_pristine)
    assert problems == []
    assert len(list(sentence_objects(policy_pristine))) == 47


def test_different_sentences_have_different_translations(policy_pristine):
    by_en: dict[str, set[str]] = {}
    for _, node in sentence_objects(policy_pristine):
        by_en.setdefault(node["en"], set()).add(node["zh"])
    assert [en for en, zh in by_en.items() if len(zh) > 1] == []


@pytest.mark.parametrize("zh, figure", [
    ("最高200万元", "2,000,000 yuan"),
    ("最高1亿元", "100,000,000 yuan"),
    ("0.5万元", "5,000 yuan"),
    ("1.25亿元", "125,000,000 yuan"),
    ("5000元", "5,000 yuan"),
    ("12.5元", "12.5 yuan"),
    ("200万元/人", "2,000,000 yuan"),
])
def test_chinese_amounts_become_exact_yuan_figures(zh, figure):
    assert [yuan_figure(v) for v in zh_amounts(zh)] == [figure]
    assert amount_problems(zh, f"up to {figure}") == []


def _set(policy, path, value):
    for p, node in text_objects(policy):
        if p == path:
            node["en"] = value
            return
    raise KeyError(path)


def _edit(policy, path, old, new):
    for p, node in text_objects(policy):
        if p == path:
            assert old in node["en"], (path, old)
            node["en"] = node["en"].replace(old, new)
            return
    raise KeyError(path)


S2 = "$.measures[0].paragraphs[0].sentences[1]"      # 最高200万元, 经评审认定
RENT = "$.measures[1].paragraphs[0].sentences[1]"    # 30%, 每年最高200万元
OPC = "$.measures[8].paragraphs[1].sentences[2]"     # 算力券, 语料券, 100%
CLOSING = "$.document.closing.sentences[2]"          # 就高、不重复
CONTEST = "$.provisions[7].fragments[0]"             # 数据要素×
BROKEN = [
    ("amount in millions", lambda p: _edit(p, S2, "2,000,000 yuan", "2 million yuan"), "exact yuan figure"),
    ("amount without separators", lambda p: _edit(p, S2, "2,000,000 yuan", "2000000 yuan"), "exact yuan figure"),
    ("amount wrong", lambda p: _edit(p, S2, "2,000,000 yuan", "200,000 yuan"), "2000000 yuan"),
    ("amount in 万元", lambda p: _edit(p, S2, "2,000,000 yuan", "200万元"), "Chinese units"),
    ("amount as a sign", lambda p: _edit(p, S2, "2,000,000 yuan", "¥2,000,000"), "currency sign"),
    ("amount added", lambda p: _edit(p, "$.provisions[9].label", "Subsidy", "Subsidy of 100,000 yuan"), "lacks: 100,000 yuan"),
    ("percentage dropped", lambda p: _edit(p, RENT, "30%", "a share"), "percentage 30% is missing"),
    ("percentage in words", lambda p: _edit(p, RENT, "30%", "30 per cent"), "per cent"),
    ("percentage added", lambda p: _edit(p, "$.provisions[9].notes[0]", "eligible", "eligible (50%)"), "lacks: 50%"),
    ("compute voucher bracket dropped", lambda p: _set(p, OPC, p["measures"][8]["paragraphs"][1]["sentences"][2]["en"]
                                                       .replace(" (算力券)", "")), "“算力券” is not kept in brackets"),
    ("corpus voucher untranslated", lambda p: _edit(p, "$.provisions[39].label", "Corpus vouchers", "Vouchers"),
     "“语料券” is not translated"),
    ("rule name dropped", lambda p: _edit(p, CLOSING, " (就高、不重复)", ""), "“就高、不重复” is not kept"),
    ("contest name dropped", lambda p: _edit(p, CONTEST, " (数据要素×)", ""), "“数据要素×” is not kept"),
    ("ceiling dropped", lambda p: _edit(p, S2, "up to ", ""), "“最高” is not translated"),
    ("review dropped", lambda p: _edit(p, S2, "after review and recognition, ", ""), "“经评审认定” is not translated"),
    ("period dropped", lambda p: _edit(p, RENT, " per year", ""), "“每年” is not translated"),
    ("sentence left in Chinese", lambda p: _set(p, RENT, p["measures"][1]["paragraphs"][0]["sentences"][1]["zh"]), "is the Chinese"),
    ("sentence half untranslated", lambda p: _edit(p, RENT, "Eligible technology R&D enterprises", "符合条件的科技研发企业"),
     "Chinese left untranslated"),
    ("sentence a stub", lambda p: _set(p, RENT, "Subsidy of 30%, up to 2,000,000 yuan per year, for eligible ones."), "length ratio"),
    ("sentence without full stop", lambda p: _edit(p, RENT, "per year.", "per year"), "does not end with"),
    ("sentence empty", lambda p: _set(p, RENT, ""), "the English is empty"),
    ("sentence whitespace", lambda p: _set(p, RENT, "   "), "the English is empty"),
    ("label empty", lambda p: _set(p, "$.roles[0].label", ""), "the English is empty"),
    ("Chinese comma", lambda p: _edit(p, RENT, "paid, up to", "paid\uff0cup to"), "Chinese punctuation"),
    ("fragment with a full stop", lambda p: _edit(p, CONTEST, "respectively", "respectively."), "a fragment ends with"),
    ("fragment a stub", lambda p: _set(p, "$.provisions[12].fragments[0]", "Support of up to 20,000,000 yuan for enterprises"),
     "much shorter"),
]


@pytest.mark.parametrize("name, breaks, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_check_catches_a_broken_translation(policy, name, breaks, expected):
    assert translation_problems(policy) == []
    breaks(policy)
    problems = translation_problems(policy)
    assert any(expected in problem for problem in problems), problems


def test_two_sentences_with_one_translation_are_caught(policy):
    sentences = policy["measures"][1]["paragraphs"]
    sentences[1]["sentences"][0]["en"] = sentences[0]["sentences"][1]["en"]
    with pytest.raises(AssertionError):
        test_different_sentences_have_different_translations(policy)
