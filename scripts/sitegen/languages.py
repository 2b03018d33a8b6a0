"""Two editions from one configuration: Chinese at the site root, English under ``en/``.

The Chinese build runs as usual; when it has finished, it builds the English edition into ``<site>/en``
from the same ``mkdocs.yml`` with ``extra.lang`` set to ``en`` (the approach of mkdocs-static-i18n, which
cannot take pages generated in memory). Hand-written pages come in pairs: ``page.md`` (Chinese) and
``page.en.md`` (English).
"""

from __future__ import annotations

import os

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

LANGUAGES = ("zh", "en")

NAV_TITLES = {
    "首页": "Home",
    "补贴估算器": "Subsidy estimator",
    "十二条措施": "The twelve measures",
    "关于": "About",
    "条款索引": "All provisions",
    "责任单位": "Responsible agencies",
    "术语表": "Glossary",
    "数据下载": "Data and downloads",
}

COPYRIGHT_EN = (
    "Unofficial site. The Chinese text issued by the Suzhou Municipal People’s Government prevails; "
    "the English is this project’s own translation."
)

SITE_NAME_EN = "Suzhou “AI+” City Measures (2026), unofficial English"

SITE_DESCRIPTION_EN = (
    "Suzhou's 2026 “AI+” city measures, word for word, with an unofficial English translation, "
    "downloadable data and a subsidy estimator that explains every number."
)


def current(config) -> str:
    """The language of this build: extra.lang, zh by default."""
    lang = config["extra"].get("lang", "zh")
    if lang not in LANGUAGES:
        raise ValueError(f"extra.lang must be one of {LANGUAGES}, not {lang!r}")
    return lang


def translate_nav(nav):
    """Section and page titles of the nav, in English."""
    if isinstance(nav, list):
        return [translate_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {NAV_TITLES.get(title, title): translate_nav(value) for title, value in nav.items()}
    return nav


def configure(config):
    """Language-specific settings; the language switcher links to the same page in the other edition."""
    lang = current(config)
    set_alternates(config)
    if lang == "en":
        config["theme"]["language"] = "en"
        config["site_description"] = SITE_DESCRIPTION_EN
        config["site_name"] = SITE_NAME_EN
        config["nav"] = translate_nav(config["nav"])
        config["copyright"] = COPYRIGHT_EN
    return config


def set_alternates(config) -> None:
    """Each edition's home, for the theme's hreflang links in <head>.

    The header's language switcher (theme override partials/alternate.html) links to the same page in the
    other edition instead; it computes that link from the page's base_url.
    """
    english = current(config) == "en"
    config["extra"]["alternate"] = [
        {"name": "中文", "lang": "zh", "link": "../" if english else "./"},
        {"name": "English", "lang": "en", "link": "./" if english else "en/"},
    ]


def select_language_files(files: Files, config, lang: str) -> Files:
    """Keep the hand-written pages of this language: ``x.en.md`` replaces ``x.md`` in English."""
    kept = []
    english = {f.src_uri[: -len(".en.md")] + ".md": f for f in files if f.src_uri.endswith(".en.md")}
    for file in files:
        if file.src_uri.endswith(".en.md"):
            continue
        if lang == "en" and file.src_uri in english:
            replacement = english[file.src_uri]
            kept.append(File(replacement.src_uri, replacement.src_dir, config["site_dir"], config["use_directory_urls"],
                             dest_uri=file.dest_uri))
            continue
        kept.append(file)
    return Files(kept)


def build_other_editions(config) -> None:
    """After the Chinese build, build the English edition into <site_dir>/en."""
    if current(config) != "zh":
        return
    from mkdocs.commands.build import build

    english = load_config(config.config_file_path, site_dir=os.path.join(config["site_dir"], "en"))
    english["extra"]["lang"] = "en"
    english["strict"] = config["strict"]
    if config.get("site_url"):
        english["site_url"] = edition_url(config["site_url"], "en")
    build(english, dirty=False)


def edition_url(site_url: str | None, lang: str) -> str | None:
    """The public address of ``lang``'s edition: the site's own for zh, ``<site>/en/`` for English."""
    if not site_url or lang == "zh":
        return site_url
    return site_url.rstrip("/") + f"/{lang}/"
