"""Words for the policy's categories, in Chinese and English, shared by the calculator and the site.

The Chinese words for periods are the text's own (每年, 一次性, 三年总计); the other labels are this
project's wording.
"""

from __future__ import annotations

PERIOD = {
    "per_year": {"zh": "每年", "en": "per year"},
    "one_off": {"zh": "一次性", "en": "one-off"},
    "total_over_three_years": {"zh": "三年总计", "en": "total over three years"},
    "not_stated": {"zh": "原文未写明", "en": "not stated in the text"},
}

KIND = {
    "share_of_base": {"zh": "按比例,设上限", "en": "share of a base, capped"},
    "ceiling": {"zh": "最高额度", "en": "ceiling"},
    "fixed": {"zh": "定额", "en": "fixed amount"},
    "tiers": {"zh": "分档", "en": "by tier"},
    "open_amount": {"zh": "金额未定", "en": "amount left open"},
    "non_monetary": {"zh": "非资金措施", "en": "non-monetary"},
}

SUPPORT_TYPE = {
    "award": {"zh": "奖励", "en": "award"},
    "subsidy": {"zh": "补贴", "en": "subsidy"},
    "support": {"zh": "支持", "en": "support"},
    "grant": {"zh": "补助", "en": "grant"},
    "funding": {"zh": "资助", "en": "funding"},
    "voucher": {"zh": "券", "en": "voucher"},
    "risk_compensation": {"zh": "风险补偿", "en": "risk compensation"},
    "living_allowance": {"zh": "生活补贴", "en": "living allowance"},
    "non_monetary": {"zh": "非资金", "en": "non-monetary"},
}

STATUS = {
    "eligible": {"zh": "可申请(估算)", "en": "eligible (estimate)"},
    "not_eligible": {"zh": "不符合", "en": "not eligible"},
    "not_in_force": {"zh": "措施未生效", "en": "measures not in force"},
    "set_aside": {"zh": "就高不重复,不计入", "en": "set aside (higher one applies)"},
    "open_amount": {"zh": "金额未定", "en": "amount left open"},
    "not_monetary": {"zh": "非资金措施", "en": "not monetary"},
}

BOUND = {
    "rate": {"zh": "按比例计算", "en": "the rate times the base"},
    "cap": {"zh": "封顶(上限)", "en": "the cap"},
    "ceiling": {"zh": "最高额度", "en": "the ceiling"},
    "fixed": {"zh": "定额", "en": "the fixed amount"},
    "none": {"zh": "无", "en": "none"},
}

UP_TO = {
    True: {"zh": "最高额度,经评审确定,不是承诺", "en": "up to, decided after review; not a promise"},
    False: {"zh": "按原文规定的金额或公式", "en": "the amount or formula the text sets"},
}


def word(table: dict, key, lang: str) -> str:
    """The label for ``key`` in ``lang`` (zh or en)."""
    return table[key][lang]
