"""The glossary page: each term in Chinese and English, a short note, and where the text uses it.

Where a term is used is computed from the verbatim text (glossary.usage), so it cannot drift from the text.
"""

from __future__ import annotations

from .describe import pick
from .glossary import Use, usage
from .markdown import md


def places(policy: dict, uses: list[Use], lang: str) -> str:
    """Links to each sentence, grouped by measure: '第九条 m9-p2-s3' (the closing paragraph is on the home page)."""
    groups: dict[str | None, list[str]] = {}
    for use in uses:
        target = "index.md" if use.measure is None else f"measures/{use.measure}.md"
        groups.setdefault(use.measure, []).append(f"[`{use.sentence}`]({target}#{use.sentence})")
    out = []
    for measure_id, links in groups.items():
        if measure_id is None:
            name = pick(lang, "结尾段", "Closing paragraph")
        else:
            measure = next(m for m in policy["measures"] if m["id"] == measure_id)
            name = pick(lang, f"第{measure['numeral']}条", f"Measure {measure['number']}")
        out.append(f"{name} " + " ".join(links))
    return pick(lang, ";", "; ").join(out)


def render_glossary(policy: dict, glossary: dict, lang: str) -> str:
    """Markdown for glossary.md."""
    where = usage(policy, glossary)
    items = []
    for term in glossary["terms"]:
        note = term.get("note")
        items.append(f"- **{md(term['zh'])}** · {md(term['en'])}" + (f" — {md(note[lang])}" if note else "")
                     + f"  \n  {pick(lang, '原文出现位置:', 'Used in: ')}{places(policy, where[term['zh']], lang)}")
    intro = pick(
        lang,
        f"本表收录政策中的 {len(items)} 个术语。中文照录原文用词;英文和说明是本项目的译法和理解,以中文原文为准。"
        "“原文出现位置”由构建时在原文中逐字查找得出,链接到对应句子。",
        f"{len(items)} terms of the policy. The Chinese is the text's own wording; the English and the notes are this "
        "project's rendering and reading (the Chinese text prevails). “Where the text uses it” is found by searching the "
        "verbatim text when the site is built, and links to each sentence.",
    )
    return "\n".join([f"# {pick(lang, '术语表', 'Glossary')}", "", md(intro), "", "\n".join(items), ""])
