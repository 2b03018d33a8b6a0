"""Reader-facing words of the generated pages: one JSON message catalog per language (catalogs/<lang>.json).

Keys are shared by both catalogs (a test checks they match); ``{name}`` marks a value filled in at use. Keys
starting with ``js.`` are the calculator script's words, written into the page for it (see render_calculator),
with the few words it shares with the pages (``SHARED_WITH_SCRIPT``), which have one key each.
The site's other scripts read their words from ES modules the build writes from the catalogs (``WORD_MODULES``):
``script.*`` for the scripts on every page, ``runtime.*`` for the calculator's runtime (its page and worker).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CATALOGS = Path(__file__).parent / "catalogs"
LANGUAGES = ("zh", "en")


@cache
def catalog(lang: str) -> dict[str, str]:
    return json.loads((CATALOGS / f"{lang}.json").read_text(encoding="utf-8"))


def translate(lang: str, key: str, **values: object) -> str:
    """The catalog's text for ``key`` with its ``{name}`` placeholders filled; a missing key is an error."""
    text = catalog(lang)[key]
    return text.format_map(values) if values else text


#: Word modules the build writes into each edition: path -> the key prefixes it carries.
WORD_MODULES = {
    "assets/site-words.mjs": ("script.",),
    "assets/calculator/runtime-words.mjs": ("runtime.",),
}


def words_module(prefixes: tuple[str, ...]) -> str:
    """An ES module exporting ``WORDS`` ({key: {zh, en}}) for the keys under ``prefixes``, and ``fill`` for placeholders.

    Both languages travel together: the runtime's messages are chosen by the reader's language where they are shown.
    """
    words = {key: {lang: catalog(lang)[key] for lang in LANGUAGES} for key in catalog("zh") if key.startswith(prefixes)}
    return "\n".join([
        "// Generated from scripts/sitegen/catalogs at build time (scripts/sitegen/catalog.py); never edited by hand.",
        f"export const WORDS = Object.freeze({json.dumps(words, ensure_ascii=False, indent=1)});",
        "/** The text with its {name} placeholders filled from values. */",
        "export function fill(text, values) {",
        "  return text.replace(/\\{(\\w+)\\}/g, (_, key) => String(values[key]));",
        "}",
    ]) + "\n"


#: Words the calculator's script shares with the pages (separators, fact labels), by the names the script uses.
SHARED_WITH_SCRIPT = {"listSep": "list.item_sep", "labelSep": "list.label_sep", "agencies": "describe.fact_agencies",
                      "period": "describe.fact_period", "nature": "measure.fact_up_to", "asOf": "as_of.label"}


def script_words(lang: str) -> dict[str, str]:
    """The words the calculator's script needs: keys ``js.*`` without the prefix, and the words it shares."""
    words = {key[3:]: text for key, text in catalog(lang).items() if key.startswith("js.")}
    return {**words, **{name: translate(lang, key) for name, key in SHARED_WITH_SCRIPT.items()}}
