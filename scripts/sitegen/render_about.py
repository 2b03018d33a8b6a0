"""The about page: the source of record, what is not known, and how to read the amounts."""

from __future__ import annotations

from .describe import format_date, measure_url, pick, tx
from .markdown import md

UNKNOWN_FIELDS = {
    "document_number": ("文号", "document number"),
    "official_url": ("官方发布网址", "official URL"),
    "implementing_rules": ("实施细则或申报指南", "implementing rules or application guides"),
}


def provision_link(policy: dict, provision: dict, lang: str) -> str:
    measure = next(m for m in policy["measures"] if m["id"] == provision["measure"])
    return f"[{md(tx(provision['label'], lang))}]({measure_url(measure)}#{provision['id']})"


def render_about(policy: dict, lang: str) -> str:
    """Markdown for the about page."""
    document = policy["document"]
    dataset = policy["dataset"]
    unknown = [pick(lang, *UNKNOWN_FIELDS[field]) for field in UNKNOWN_FIELDS if document[field] is None]
    open_amounts = [provision_link(policy, p, lang) for p in policy["provisions"] if p["kind"] == "open_amount"]
    unstated = [provision_link(policy, p, lang) for p in policy["provisions"]
                if any(c["id"] == "meets_conditions" for c in p["conditions"])]
    title = tx(document["title"], lang)
    issuer = tx(document["issuer"], lang)
    released = format_date(document["released"], lang)
    sep = pick(lang, "、", ", ")
    if lang == "en":
        lines = [
            "# About this site",
            "",
            "## Not an official publication {#unofficial}",
            "",
            f"This site is not run by the {md(issuer)} or any government body. It publishes the policy "
            f"《{md(document['title']['zh'])}》 as data and estimates. **The Chinese text issued by the government prevails.** "
            "The English on this site is the project's own, unofficial translation.",
            "",
            "## Source of record {#source}",
            "",
            f"The text was released by the {md(issuer)} on {released}. Every Chinese sentence on this site is copied "
            f"character for character from the project's source file `{md(dataset['source_file'])}`, and a test rebuilds "
            "that file from the published data to prove it.",
            "",
            "## What is not known {#unknown}",
            "",
            f"No public source was found for: {md(sep.join(unknown))}. Those fields are empty (null) in the data, and "
            "nothing here is invented to fill them.",
            "",
            f"The text leaves these amounts open (it gives no number): {sep.join(open_amounts)}.",
            "",
            f"These provisions say “eligible” (符合条件的) without listing the conditions: {sep.join(unstated)}.",
            "",
            "## How to read the amounts {#amounts}",
            "",
            "- An amount marked **up to** (最高) is a ceiling, never a promise; only where the text also says **择优** or "
            "**经评审认定** is the amount decided by selection or review.",
            "- **择优** (selection on merit), **经评审认定** (after review and recognition) and **不超过** (not more than) "
            "also make an amount an upper bound.",
            "- Where this policy and another Suzhou policy pay for the same thing, the higher one applies, not both "
            "(就高、不重复).",
            "- The estimator computes exactly in yuan with decimal arithmetic and rounds each amount once, to the fen "
            "(0.01 yuan), half up.",
            "",
            f"Dataset version {md(dataset['version'])}, last updated {format_date(dataset['last_updated'], 'en')}.",
            "",
        ]
    else:
        lines = [
            "# 关于本站",
            "",
            "## 非官方发布 {#unofficial}",
            "",
            f"本站不是{md(issuer)}或任何政府机关的网站。本站把《{md(title)}》整理为数据并提供估算。"
            "**一切以政府发布的中文原文为准。** 本站英文为本项目自行翻译,非官方译本。",
            "",
            "## 原文来源 {#source}",
            "",
            f"本政策由{md(issuer)}于{released}发布。本站所有中文句子均逐字取自本项目的原文文件"
            f"`{md(dataset['source_file'])}`;自动测试会用发布的数据重建该文件并逐字比对。",
            "",
            "## 尚不清楚的事项 {#unknown}",
            "",
            f"以下信息未找到公开来源:{md(sep.join(unknown))}。数据中这些字段为空(null),本站不作任何编造。",
            "",
            f"原文未写明金额的条款:{sep.join(open_amounts)}。",
            "",
            f"原文只写“符合条件的”而未列明具体条件的条款:{sep.join(unstated)}。",
            "",
            "## 如何理解金额 {#amounts}",
            "",
            "- 标有**最高**的金额是上限,不是承诺;原文同时写明**择优**或**经评审认定**的,金额经择优或评审确定。",
            "- **择优**、**经评审认定**、**不超过**同样表示金额是上限。",
            "- 本措施与我市相关政策重叠的,按“就高、不重复”原则执行。",
            "- 估算器以元为单位、用十进制精确计算,每个金额只在最后按四舍五入保留到分(0.01元)。",
            "",
            f"数据版本 {md(dataset['version'])},最后更新于{format_date(dataset['last_updated'], 'zh')}。",
            "",
        ]
    return "\n".join(lines)
