"""Words for the policy's categories, in Chinese and English, shared by the calculator and the site.

The Chinese words for periods are the text's own (每年, 一次性, 三年总计); the other labels are this
project's wording.
"""

from __future__ import annotations

PERIOD = {
    "per_year": {"zh": "每年", "en": "per year"},
    "one_off": {"zh": "一次性", "en": "one-off"},
    "total_over_three_years": {"zh": "三年总计", "en": "total over three years"},
    "not_stated": {"zh": "期限未写明", "en": "period not stated in the text"},
}

#: Whose money it is (a provision's ``recipient.party``): the applying beneficiary, or the people the text
#: names themselves (measure 7's graduates, talents and teams), never their employer.
RECIPIENT = {
    "applicant": {"zh": "申请主体", "en": "the applicant"},
    "talent": {"zh": "人才本人", "en": "the talents themselves"},
}

#: The heading of each recipient's totals: money for the applicant is never added to money paid to people.
RECIPIENT_TOTALS = {
    "applicant": {"zh": "申请主体可得", "en": "For the applicant"},
    "talent": {"zh": "付给人才本人,不归用人单位", "en": "Paid to the talents themselves, not to the employer"},
}


def recipient_label(recipient: dict) -> dict:
    """'付给申请主体' / 'Paid to the applicant'; for people: '付给新引进的应届博士、硕士、本科生,不付给用人单位'."""
    if recipient["party"] == "applicant":
        return {"zh": "付给申请主体", "en": "Paid to the applicant"}
    who = recipient["who"]
    return {"zh": f"付给{who['zh']},不付给用人单位", "en": f"Paid to {who['en'] or who['zh']}, not to the employer"}

KIND = {
    "share_of_base": {"zh": "按比例,设上限", "en": "share of a base, capped"},
    "ceiling": {"zh": "最高额度", "en": "ceiling"},
    "fixed": {"zh": "定额", "en": "fixed amount"},
    "tiers": {"zh": "分档", "en": "by tier"},
    "open_amount": {"zh": "金额未定", "en": "amount left open"},
    "non_monetary": {"zh": "非资金措施", "en": "non-monetary"},
}

#: The text's unit terms (unit_term) and this project's English for them.
UNIT_TERMS = {
    "每个模型": "per model",
    "单个企业或主体": "per enterprise or entity",
    "单个项目": "per project",
    "每个数源单位": "per data-source unit",
    "每家": "per institution",
    "每项": "per item",
    "/人": "per person",
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
    "not_in_force": {"zh": "不在有效期内", "en": "measures not in force"},
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

#: The status label of ``not_in_force``, by the side of the validity period the date falls on.
NOT_IN_FORCE = {
    "before": {"zh": "措施尚未施行", "en": "measures not yet in force"},
    "after": {"zh": "措施已失效", "en": "measures expired"},
}

#: The text's words that make an amount an upper bound, and what each adds. Only 择优 and 经评审认定 name a
#: selection or a review; 最高 and 不超过 set a ceiling and say nothing of how the amount is decided.
UP_TO_TERMS = {
    "最高": {"zh": "最高", "en": "up to"},
    "不超过": {"zh": "不超过", "en": "not more than"},
    "择优": {"zh": "择优", "en": "selected on merit"},
    "经评审认定": {"zh": "经评审认定", "en": "recognised after review"},
}
REVIEW_TERMS = ("择优", "经评审认定")

#: Wording for amounts the text sets (no ceiling word applies).
SET_BY_TEXT = {"zh": "按原文规定的金额或公式", "en": "the amount or formula the text sets"}

#: Periods in the order totals are shown; amounts of different periods are never added into one headline.
PERIOD_ORDER = ("per_year", "one_off", "total_over_three_years", "not_stated")

#: Answers to an overlap group's question: did both pay for the same costs?
OVERLAP_ANSWER = {
    "same": {"zh": "是同一笔费用", "en": "the same costs"},
    "different": {"zh": "不是同一笔费用", "en": "different costs"},
    "unsure": {"zh": "不确定", "en": "not sure"},
}

#: Where other support comes from.
SUPPORT_LEVEL = {
    "city": {"zh": "苏州市其他政策", "en": "another Suzhou municipal policy"},
    "province": {"zh": "江苏省政策", "en": "a Jiangsu provincial policy"},
}


def up_to_label(up_to: bool, terms: list[str]) -> dict:
    """Why an amount is an upper bound, in the text's own words: "after review" only where the text says
    择优 or 经评审认定; 最高 alone is a ceiling, not a promise, with no review named."""
    if not up_to:
        return dict(SET_BY_TEXT)
    quoted_zh = "、".join(f"“{t}”" for t in terms)
    quoted_en = ", ".join(f"{t} ({UP_TO_TERMS[t]['en']})" for t in terms)
    if any(t in REVIEW_TERMS for t in terms):
        return {"zh": f"上限,不是承诺;原文写明{quoted_zh},金额经评审或择优确定",
                "en": f"a ceiling, not a promise; the text says {quoted_en}, so the amount is decided by review or selection"}
    return {"zh": f"上限,不是承诺;原文:{quoted_zh}", "en": f"a ceiling, not a promise; the text says {quoted_en}"}


def word(table: dict, key, lang: str) -> str:
    """The label for ``key`` in ``lang`` (zh or en)."""
    return table[key][lang]
