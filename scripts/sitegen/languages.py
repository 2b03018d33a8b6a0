"""Two editions from one configuration: Chinese at the site root, English under ``en/``.

The Chinese build runs as usual; when it has finished, it builds the English edition into ``<site>/en``
from the same ``mkdocs.yml`` with ``extra.lang`` set to ``en`` (the approach of mkdocs-static-i18n, which
cannot take pages generated in memory). Every page is generated in each language (scripts/sitegen/pages.py),
and the edition's name, description, notice and nav titles come from the catalogs (catalog.py).
"""

from __future__ import annotations

import os

from mkdocs.config import load_config

from .catalog import LANGUAGES, catalog, translate  # noqa: F401 - LANGUAGES is declared once, in catalog.py


def current(config) -> str:
    """The language of this build: extra.lang, zh by default."""
    lang = config["extra"].get("lang", "zh")
    if lang not in LANGUAGES:
        raise ValueError(f"extra.lang must be one of {LANGUAGES}, not {lang!r}")
    return lang


def nav_titles(lang: str) -> dict[str, str]:
    """The nav's section and page titles as mkdocs.yml spells them (Chinese) -> in ``lang`` (catalog keys nav.*)."""
    return {translate("zh", key): translate(lang, key) for key in catalog("zh") if key.startswith("nav.")}


def translate_nav(nav, titles: dict[str, str]):
    """The nav with its titles in another language."""
    if isinstance(nav, list):
        return [translate_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(title, title): translate_nav(value, titles) for title, value in nav.items()}
    return nav


def configure(config):
    """Language-specific settings, words from the catalog (mkdocs.yml holds the same Chinese, for tools that
    read it without the hooks); the language switcher links to the same page in the other edition."""
    lang = current(config)
    set_alternates(config)
    config["extra"]["language_offer"] = language_offer(lang)
    config["theme"]["language"] = lang
    config["site_name"] = translate(lang, "site.name")
    config["site_description"] = translate(lang, "site.description")
    config["copyright"] = translate(lang, "site.copyright")
    if lang != "zh":
        config["nav"] = translate_nav(config["nav"], nav_titles(lang))
    return config


def other_edition(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


#: Where the browser keeps the editions whose offer the reader dismissed (read in <head>, written on dismissal).
LANGUAGE_OFFER_DISMISSED = "suzhou-ai-plus.language-offer.dismissed"


def language_offer(lang: str) -> dict:
    """The offer of the same page in the other edition (partials/language-offer.html), in the other edition's
    language: it is shown only to a reader whose browser prefers that language (partials/language-offer-head.html)
    and has not dismissed it (the languages dismissed, space-separated, under ``storage_key`` in localStorage)."""
    other = other_edition(lang)
    return {"lang": other, "html_lang": "zh-CN" if other == "zh" else other, "storage_key": LANGUAGE_OFFER_DISMISSED,
            **{part: translate(other, f"language_offer.{part}") for part in ("text", "link", "dismiss")}}


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
