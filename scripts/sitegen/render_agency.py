"""A page per responsible agency (责任单位), and an index of the agencies.

The text names the responsible agencies at the end of each measure, not for each provision; an agency's
page therefore lists the measures it is named for and every provision of those measures, and says so.
"""

from __future__ import annotations

from .describe import amount_summary, beneficiary_label, kind_label, measure_url, pick, provisions_of, tx
from .markdown import html, md


def agency_url(agency: dict) -> str:
    return f"agencies/{agency['id']}.md"


def measures_of(policy: dict, agency: dict) -> list[dict]:
    return [m for m in policy["measures"] if agency["id"] in m["agencies"]]


def measure_name(measure: dict, lang: str) -> str:
    return pick(lang, f"第{measure['numeral']}条 ", f"Measure {measure['number']}: ") + tx(measure["title"], lang)


def other_language_name(agency: dict, lang: str) -> str:
    """On English pages, the Chinese name as the text writes it; on Chinese pages, the project's English."""
    other = agency["name"]["zh"] if lang == "en" else agency["name"]["en"]
    return other or ""


def render_agency(policy: dict, agency: dict, lang: str) -> str:
    """Markdown for one agency's page (links are relative to agencies/<id>.md)."""
    measures = measures_of(policy, agency)
    lead = agency["id"] == policy["document"]["lead_agency"]
    other = other_language_name(agency, lang)
    lines = [
        f"# {md(tx(agency['name'], lang))}",
        "",
        f'<p class="measure-meta">{html(other)}</p>' if other else "",
        "",
        md(pick(lang, "原文在每条措施末尾列出责任单位,未细分到各项条款;本页列出本单位所负责措施的全部条款。",
                "The text names the responsible agencies at the end of each measure, not for each provision; this page "
                "lists every provision of the measures this agency is named for.")),
        "",
    ]
    if lead:
        lines += [md(pick(lang, "原文结尾段写明:本措施由市发改委负责牵头组织实施。",
                          "The closing paragraph says this agency leads the implementation of the measures (本措施由市发改委负责牵头组织实施)."))
                  , ""]
    lines += [f"## {pick(lang, '负责的措施及其条款', 'Measures and their provisions')} {{#measures}}", ""]
    for measure in measures:
        lines += [f"**[{md(measure_name(measure, lang))}](../{measure_url(measure)})**", ""]
        lines += [provision_item(p, measure, lang) for p in provisions_of(policy, measure)]
        lines.append("")
    return "\n".join(lines)


def provision_item(provision: dict, measure: dict, lang: str) -> str:
    """'- [m2-2 智能算力租用补贴](…) — 科技研发企业 · 30% × …'."""
    link = f"[`{provision['id']}` {md(tx(provision['label'], lang))}](../{measure_url(measure)}#{provision['id']})"
    details = " · ".join(md(part) for part in (beneficiary_label(provision, lang), kind_label(provision, lang),
                                                amount_summary(provision, lang)))
    return f"- {link} — {details}"


def render_agency_index(policy: dict, lang: str) -> str:
    """Markdown for agencies/index.md: one line per agency, its measures and how many provisions they hold."""
    items = []
    for agency in policy["agencies"]:
        measures = measures_of(policy, agency)
        count = sum(len(provisions_of(policy, m)) for m in measures)
        numbers = pick(lang, "、", ", ").join(
            f"[{pick(lang, m['numeral'], str(m['number']))}](../{measure_url(m)})" for m in measures)
        other = other_language_name(agency, lang)
        items.append(f"- **[{md(tx(agency['name'], lang))}]({agency['id']}.md)**" + (f"({md(other)})" if lang == "zh" else f" ({md(other)})")
                     + pick(lang, f" — 第{numbers}条,共 {count} 项条款", f" — measures {numbers}; {count} provisions"))
    return "\n".join([
        f"# {pick(lang, '责任单位', 'Responsible agencies')}",
        "",
        md(pick(lang, f"原文共列出 {len(policy['agencies'])} 个责任单位。原文按条列出责任单位,未细分到各项条款。括号内为本项目的英文译名。",
                f"The text names {len(policy['agencies'])} responsible agencies (责任单位), per measure rather than per provision. "
                "In brackets, each name as the text writes it.")),
        "",
        "\n".join(items),
        "",
    ])
