"""One page per measure: the verbatim text, a table of its provisions, each provision in detail, the agencies.

Every sentence is wrapped in an element whose id is the sentence id, and every provision's heading has the
provision id as its anchor, so explanations and other sites can link to the exact clause.
"""

from __future__ import annotations

from .describe import (
    agency_list,
    amount_summary,
    beneficiary_label,
    conditions_label,
    date_rule_label,
    kind_label,
    period_label,
    pick,
    provisions_of,
    support_label,
    tx,
    up_to_label,
)
from .markdown import card_table, html, md
from .policy_text import paragraph_html
from .render_calculator import calculator_link
from .charts import share_chart
from .copy_link import copy_button


def text_section(measure: dict, lang: str) -> str:
    """The measure's paragraphs, verbatim; in English each paragraph's translation precedes the Chinese."""
    return "\n\n".join(paragraph_html(p["id"], p["sentences"], lang) for p in measure["paragraphs"])


def overview_table(provisions: list[dict], lang: str) -> str:
    header = [pick(lang, h[0], h[1]) for h in (
        ("条款", "Provision"), ("类型", "Kind"), ("受益主体", "Beneficiary"),
        ("比例 / 上限 / 金额", "Rate / cap / amount"), ("期限", "Period"), ("条件", "Conditions"))]
    rows = [[
        f'<a href="#{html(p["id"])}">{html(p["id"])}</a> {html(tx(p["label"], lang))}',
        html(kind_label(p, lang)),
        html(beneficiary_label(p, lang)),
        html(amount_summary(p, lang)),
        html(period_label(p, lang)),
        html(conditions_label(p, lang)),
    ] for p in provisions]
    return card_table(header, rows)


def overlap_notes(policy: dict, provision: dict, lang: str) -> list[str]:
    notes = []
    for group in policy["overlap_groups"]:
        if provision["id"] in group["provisions"]:
            others = ", ".join(f"[{pid}](m{pid.split('-')[0][1:]}.md#{pid})" for pid in group["provisions"] if pid != provision["id"])
            label = pick(lang, "就高、不重复", "Higher one, not both (就高、不重复)")
            notes.append(f"- **{label}**:{others} — {md(tx(group['explanation'], lang))}")
    return notes


def provision_section(policy: dict, provision: dict, lang: str) -> str:
    pid = provision["id"]
    quote = "……".join(md(f["zh"]) for f in provision["fragments"])
    lines = [f"### {md(tx(provision['label'], lang))} {{#{pid}}}", "", f"> {quote}"]
    if lang == "en":
        english = " … ".join(f["en"] for f in provision["fragments"] if f["en"])
        if english:
            lines += [">", f"> *{md(english)}*"]
    lines.append("")
    facts = [
        (("条款编号", "Provision id"), f"[`{pid}`](#{pid}) {copy_button(pid, lang, f'#{pid}')}"),
        (("类型", "Kind"), md(f"{kind_label(provision, lang)} · {support_label(provision, lang)}")),
        (("受益主体", "Beneficiary"), md(beneficiary_label(provision, lang))),
        (("比例 / 上限 / 金额", "Rate / cap / amount"), md(amount_summary(provision, lang))),
        (("期限", "Period"), md(period_label(provision, lang))),
    ]
    if provision["date_rule"]:
        facts.append((("日期要求", "Date rule"), md(date_rule_label(provision, lang))))
    if provision["conditions"]:
        facts.append((("条件(需自行确认)", "Conditions (to confirm)"), md(conditions_label(provision, lang))))
    if up_to_label(provision, lang):
        facts.append((("金额性质", "Nature of the amount"), md(up_to_label(provision, lang))))
    lines += [f"- **{pick(lang, *label)}**:{value}" if lang == "zh" else f"- **{pick(lang, *label)}**: {value}"
              for label, value in facts]
    lines += overlap_notes(policy, provision, lang)
    if calculator_link(provision, lang):
        lines.append(calculator_link(provision, lang))
    notes = provision["notes"] + ([provision["coordination"]["explanation"]] if provision["coordination"] else [])
    for note in notes:
        prefix = pick(lang, "本项目注释", "Project note")
        lines.append(f"- *{prefix}*:{md(tx(note, lang))}" if lang == "zh" else f"- *{prefix}*: {md(tx(note, lang))}")
    if provision["kind"] == "share_of_base":
        lines += ["", share_chart(provision, lang)]
    return "\n".join(lines)


def render_measure(policy: dict, measure: dict, lang: str) -> str:
    """Markdown for one measure page."""
    provisions = provisions_of(policy, measure)
    agencies = agency_list(policy, measure["agencies"], lang)
    title = tx(measure["title"], lang)
    number = pick(lang, f"第{measure['numeral']}条", f"Measure {measure['number']}")
    parts = [
        f"# {md(title)}",
        "",
        f'<p class="measure-meta">{html(number)} · {html(pick(lang, "责任单位:", "Responsible agencies: "))}'
        f'{html(pick(lang, "、", ", ").join(agencies))}</p>',
        "",
        f"## {pick(lang, '原文', 'Text')} {{#text}}",
        "",
        text_section(measure, lang),
        "",
        f"## {pick(lang, '条款一览', 'Provisions at a glance')} {{#provisions}}",
        "",
        overview_table(provisions, lang),
        "",
        f"## {pick(lang, '逐条说明', 'Provision by provision')} {{#details}}",
        "",
        "\n\n".join(provision_section(policy, p, lang) for p in provisions),
        "",
        f"## {pick(lang, '责任单位', 'Responsible agencies')} {{#agencies}}",
        "",
        "\n".join(f"- [{md(name)}](../agencies/{agency_id}.md)" for name, agency_id in zip(agencies, measure["agencies"])),
        "",
    ]
    return "\n".join(parts)
