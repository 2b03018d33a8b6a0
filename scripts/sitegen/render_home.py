"""The home page: what the policy is, who issued it, when it applies, and the twelve measures at a glance."""

from __future__ import annotations

from .describe import agency_list, format_date, measure_headline, pick, provisions_of, tx
from .markdown import card_table, cell, html, md, table
from .charts import headline_chart
from .policy_text import paragraph_html
from .profiles import load_profiles
from .templating import render
from calc.headline import headline, headline_amount
from calc.money import format_amount


def facts_table(policy: dict, lang: str) -> str:
    document = policy["document"]
    lead = agency_list(policy, [document["lead_agency"]], lang)[0]
    unknown = pick(lang, "未找到公开来源", "not found in any public source")
    rows = [
        (("发布机关", "Issued by"), tx(document["issuer"], lang)),
        (("发布日期", "Released"), format_date(document["released"], lang)),
        (("施行日期", "In force from"), format_date(document["in_force"]["from"], lang)),
        (("有效期至", "In force until"), format_date(document["in_force"]["to"], lang)),
        (("牵头实施", "Lead agency"), lead),
        (("政策重叠", "Overlapping support"), f"{tx(document['overlap_rule'], lang)}"
         + ("" if lang == "zh" else f" ({document['overlap_rule']['zh']})")),
        (("文号", "Document number"), document["document_number"] or unknown),
        (("实施细则 / 申报指南", "Implementing rules"), document["implementing_rules"] or unknown),
    ]
    return table([pick(lang, "项目", "Item"), pick(lang, "内容", "Detail")],
                 [[cell(pick(lang, *label)), cell(value)] for label, value in rows])


def measures_table(policy: dict, lang: str) -> str:
    header = [pick(lang, h[0], h[1]) for h in (
        ("条", "No."), ("措施", "Measure"), ("条款", "Provisions"), ("主要金额", "Headline figure"), ("责任单位", "Responsible agencies"))]
    rows = []
    for measure in policy["measures"]:
        rows.append([
            html(measure["numeral"] if lang == "zh" else str(measure["number"])),
            f'<a href="measures/{html(measure["id"])}/">{html(tx(measure["title"], lang))}</a>',
            str(len(provisions_of(policy, measure))),
            html(measure_headline(policy, measure, lang)),
            html(pick(lang, "、", ", ").join(agency_list(policy, measure["agencies"], lang))),
        ])
    return card_table(header, rows)


#: How many of the largest provisions the top of the home page names.
TOP = 3


def offer(policy: dict, lang: str) -> str:
    """What the policy offers, in one screen: counts, the largest amounts, and the way to the calculator."""
    named = sorted((p for p in policy["provisions"] if headline_amount(p) is not None), key=lambda p: -headline_amount(p))
    top = [{"label": tx(p["label"], lang), "headline": headline(p, lang), "href": f"measures/{p['measure']}/#{p['id']}"}
           for p in named[:TOP]]
    html_block = render("home_offer.html.j2", lang, measures=len(policy["measures"]), provisions=len(policy["provisions"]),
                        largest=format_amount(headline_amount(named[0]), lang), top=top,
                        questions=len(load_profiles()["questions"]))
    return "\n".join(line for line in html_block.splitlines() if line.strip())


def render_home(policy: dict, lang: str) -> str:
    """Markdown for the home page."""
    document = policy["document"]
    intro = "\n".join(f'<p class="policy-text" lang="zh-CN">{html(line["zh"])}</p>' for line in document["introduction"])
    lines = [
        f"# {md(tx(document['title'], lang))}",
        "",
        offer(policy, lang),
        "",
        f'<p class="lead">{html(pick(lang, "本站逐字收录苏州市人民政府发布的这份政策,把每一项支持写成可下载的数据,并提供可解释每个数字的补贴估算器。本站不是官方网站;一切以政府发布的中文原文为准。", "This site publishes, word for word, this policy of the Suzhou Municipal People’s Government, turns every form of support into downloadable data and offers a subsidy estimator that explains every number. It is not an official site; the Chinese text issued by the government prevails."))}</p>',
        "",
        f"## {pick(lang, '基本信息', 'Key facts')} {{#facts}}",
        "",
        facts_table(policy, lang),
        "",
        f"## {pick(lang, '十二条措施', 'The twelve measures')} {{#measures}}",
        "",
        measures_table(policy, lang),
        "",
        md(pick(lang, "“主要金额”是该条各项支持中写明的最大单项金额;标“最高”的金额是经评审后的上限,不是承诺。",
                "The headline figure is the largest single figure among the measure's provisions; amounts marked “up to” (最高) are ceilings decided after review, not promises.")),
        "",
        headline_chart(policy, lang),
        "",
        f"## {pick(lang, '结尾条款', 'Closing paragraph')} {{#closing-paragraph}}",
        "",
        paragraph_html("closing", document["closing"]["sentences"], lang),
        "",
        f"## {pick(lang, '新闻导语', 'News introduction')} {{#introduction}}",
        "",
        md(pick(lang, "原文发布时附有以下导语(非措施正文):", "The release carried this introduction (not part of the measures):")),
        "",
        intro,
        "",
    ]
    return "\n".join(lines)
