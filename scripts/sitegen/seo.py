"""For search engines and sharing: a description per page, schema.org JSON-LD on measure pages, robots.txt.

Only facts from the policy JSON go into the structured data: no URL is invented (``url`` only when the
site's address is configured, ``legislationIdentifier`` and ``sameAs`` only when the JSON has the document
number or the official URL, which today it does not). The theme (main.html) writes the meta description,
the Open Graph tags and the JSON-LD from what :func:`annotate` puts in ``page.meta``.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from .describe import agency_list, amount_summary, pick, provisions_of, tx
from .markdown import html

MAX_DESCRIPTION = 160


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def measure_description(policy: dict, measure: dict, lang: str) -> str:
    sep = pick(lang, ";", "; ")
    parts = [f"{tx(p['label'], lang)}{pick(lang, '(', ' (')}{amount_summary(p, lang)}{pick(lang, ')', ')')}"
             for p in provisions_of(policy, measure) if p["kind"] != "non_monetary"]
    head = pick(lang, f"第{measure['numeral']}条 {tx(measure['title'], lang)}:", f"Measure {measure['number']}, {tx(measure['title'], lang)}: ")
    return head + sep.join(parts)


def description(policy: dict, src_uri: str, lang: str) -> str | None:
    """A plain-text description of a generated page, or None to keep the site's description."""
    count = len(policy["provisions"])
    by_measure = {f"measures/{m['id']}.md": m for m in policy["measures"]}
    by_agency = {f"agencies/{a['id']}.md": a for a in policy["agencies"]}
    if src_uri in by_measure:
        return measure_description(policy, by_measure[src_uri], lang)
    if src_uri in by_agency:
        agency = by_agency[src_uri]
        numbers = [m for m in policy["measures"] if agency["id"] in m["agencies"]]
        listed = pick(lang, "、", ", ").join(pick(lang, m["numeral"], str(m["number"])) for m in numbers)
        return pick(lang, f"{tx(agency['name'], 'zh')}作为责任单位的措施(第{listed}条)及其全部条款。",
                    f"The measures ({listed}) for which the {tx(agency['name'], 'en')} is a responsible agency, and all their provisions.")
    fixed = {
        "provisions.md": (f"全部 {count} 项条款一览:受益主体、类型、比例、上限、金额、期限和责任单位,可筛选、排序。",
                          f"All {count} provisions at a glance: beneficiary, kind, rate, cap, amount, period and responsible agencies; filter and sort."),
        "agencies/index.md": ("各责任单位及其负责的措施和条款。", "The responsible agencies and the measures and provisions each is named for."),
        "glossary.md": ("政策术语表:中文、英文译法及其在原文中的出现位置,如算力券、语料券、智能工厂、就高不重复。",
                        "Glossary of the policy's terms in Chinese and English, with where the text uses each: 算力券 (compute voucher), 语料券, 智能工厂, 就高、不重复 …"),
        "downloads.md": ("下载政策数据:JSON、CSV(每项条款一行)、JSON Schema、估算器标准用例、更新记录和 SHA256SUMS 校验文件。",
                         "Download the policy as data: JSON, CSV (one row per provision), JSON Schemas, golden calculator cases, changelog and SHA256SUMS."),
        "reference.md": ("政策数据 JSON 与 CSV 的全部字段说明,由 JSON Schema 生成。",
                         "Every field of the policy JSON and CSV, generated from the JSON Schemas."),
        "about.md": ("关于本站:非官方发布,原文来源,尚不清楚的事项,以及如何理解金额。",
                     "About this site: unofficial, the source of record, what is not known and how to read the amounts."),
    }
    return pick(lang, *fixed[src_uri]) if src_uri in fixed else None


def legislation(policy: dict, measure: dict, lang: str, url: str | None) -> dict:
    """schema.org Legislation for one measure, part of the whole document."""
    document = policy["document"]
    issuer = {"@type": "GovernmentOrganization", "name": document["issuer"]["zh"]}
    whole = {
        "@type": "Legislation",
        "name": document["title"]["zh"],
        "legislationPassedBy": issuer,
        "datePublished": document["released"],
        "legislationDateOfApplicability": document["in_force"]["from"],
        "temporalCoverage": f"{document['in_force']['from']}/{document['in_force']['to']}",
        "inLanguage": "zh-CN",
    }
    if document["document_number"]:
        whole["legislationIdentifier"] = document["document_number"]
    if document["official_url"]:
        whole["sameAs"] = document["official_url"]
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": tx(measure["title"], lang),
        "alternateName": f"{document['title']['zh']} 第{measure['numeral']}条",
        "inLanguage": "zh-CN" if lang == "zh" else "en",
        "isPartOf": whole,
        "legislationPassedBy": issuer,
        "legislationResponsible": [{"@type": "GovernmentOrganization", "name": name}
                                   for name in agency_list(policy, measure["agencies"], "zh")],
        "datePublished": document["released"],
        "legislationDateOfApplicability": document["in_force"]["from"],
        "temporalCoverage": f"{document['in_force']['from']}/{document['in_force']['to']}",
        "legislationLegalValue": "https://schema.org/UnofficialLegalValue",
        "text": "".join(s["zh"] for p in measure["paragraphs"] for s in p["sentences"]),
    }
    if lang == "en":
        data["translationOfWork"] = {"@type": "Legislation", "name": measure["title"]["zh"], "inLanguage": "zh-CN"}
    if url:
        data["url"] = url
    return data


def script_json(data: dict) -> str:
    """JSON safe inside <script>: <, > and & are written as \\u escapes, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def annotate(page, policy: dict, lang: str) -> None:
    """Set page.meta['description'] (HTML-escaped, the theme prints it as is) and, on measure pages, 'jsonld'."""
    src_uri = page.file.src_uri
    text = description(policy, src_uri, lang)
    if text and not page.meta.get("description"):
        page.meta["description"] = html(shorten(text))
    measure = next((m for m in policy["measures"] if src_uri == f"measures/{m['id']}.md"), None)
    if measure:
        page.meta["jsonld"] = script_json(legislation(policy, measure, lang, page.canonical_url))


def write_robots(site_dir: str, site_url: str | None) -> Path:
    """robots.txt; with a known site address it names both editions' sitemaps (absolute URLs are required)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        root = site_url.rstrip("/")
        lines += ["", f"Sitemap: {root}/sitemap.xml", f"Sitemap: {root}/en/sitemap.xml"]
    target = Path(site_dir) / "robots.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


_THEME_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def alternates(html: str, page_url: str | None, lang: str, site_url: str | None) -> str:
    """hreflang links in <head>: with a known site address, the same page in each edition as an absolute URL
    (zh, en, and x-default: the Chinese text prevails); without one, none (an hreflang link must be
    absolute, and the build does not invent an address). The theme's own links, which point at each
    edition's home page whatever the page, are removed either way."""
    html = _THEME_ALTERNATE.sub("", html)
    if not site_url or page_url is None:
        return html
    root = site_url.rstrip("/") + "/"
    if lang == "en" and root.endswith("/en/"):
        root = root[: -len("en/")]
    links = [("zh", root + page_url), ("en", f"{root}en/{page_url}"), ("x-default", root + page_url)]
    tags = "".join(f'<link rel="alternate" hreflang="{code}" href="{escape(href, quote=True)}">' for code, href in links)
    head_end = html.find("</head>")
    return html if head_end < 0 else html[:head_end] + tags + html[head_end:]
