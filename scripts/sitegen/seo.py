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

from .catalog import translate
from .describe import agency_list, amount_summary, measure_name, measure_numeral, provisions_of, tx
from .markdown import html
from .names import agency_source, examples_source, measure_source
from .worked_examples import load_examples

MAX_DESCRIPTION = 160


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def measure_description(policy: dict, measure: dict, lang: str) -> str:
    parts = [translate(lang, "seo.measure_part", label=tx(p["label"], lang), amount=amount_summary(p, lang))
             for p in provisions_of(policy, measure) if p["kind"] != "non_monetary"]
    head = translate(lang, "seo.measure_head", measure=measure_name(measure, lang), title=tx(measure["title"], lang))
    return head + translate(lang, "list.group_sep").join(parts)


#: The glossary terms the glossary page's description names: Chinese terms, the same in both editions
#: (the English one glosses the first; the Chinese one writes the last as it is searched, without "、").
GLOSSARY_EXAMPLES = {"zh": ("算力券", "语料券", "智能工厂", "就高不重复"),
                     "en": ("算力券 (compute voucher)", "语料券", "智能工厂", "就高、不重复")}

#: Descriptions of the fixed pages: source path -> catalog key (``{count}`` is the number of provisions).
FIXED = {"provisions.md": "seo.provisions", "agencies/index.md": "seo.agencies", "glossary.md": "seo.glossary",
         "downloads.md": "seo.downloads", "reference.md": "seo.reference", "about.md": "seo.about"}


def agency_description(policy: dict, agency: dict, lang: str) -> str:
    numbers = [measure_numeral(m, lang) for m in policy["measures"] if agency["id"] in m["agencies"]]
    return translate(lang, "seo.agency", agency=tx(agency["name"], lang),
                     measures=translate(lang, "list.item_sep").join(numbers))


def examples_description(policy: dict, lang: str) -> str:
    """The worked examples page: how many applicants, and who they are, as many as the description holds (then how
    many more), so no name is cut in two."""
    examples = load_examples(policy)
    names = [tx(example.name, lang) for example in examples]

    def text(shown: int) -> str:
        listed = translate(lang, "list.item_sep").join(names[:shown])
        more = translate(lang, "seo.examples_more", n=len(names) - shown) if shown < len(names) else ""
        return translate(lang, "seo.examples", count=len(names), names=listed + more)

    shown = len(names)
    while shown > 1 and len(text(shown)) > MAX_DESCRIPTION:
        shown -= 1
    return text(shown)


def description(policy: dict, src_uri: str, lang: str) -> str | None:
    """A plain-text description of a generated page, or None to keep the site's description."""
    if src_uri == examples_source():
        return examples_description(policy, lang)
    by_measure = {measure_source(m["id"]): m for m in policy["measures"]}
    by_agency = {agency_source(a["id"]): a for a in policy["agencies"]}
    if src_uri in by_measure:
        return measure_description(policy, by_measure[src_uri], lang)
    if src_uri in by_agency:
        return agency_description(policy, by_agency[src_uri], lang)
    if src_uri not in FIXED:
        return None
    examples = translate(lang, "list.item_sep").join(GLOSSARY_EXAMPLES[lang])
    return translate(lang, FIXED[src_uri], count=len(policy["provisions"]), examples=examples)


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
        "alternateName": f"{document['title']['zh']} {measure_name(measure, 'zh')}",
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
    measure = next((m for m in policy["measures"] if src_uri == measure_source(m["id"])), None)
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
