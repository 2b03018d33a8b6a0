"""Reader-facing words of the generated pages: one JSON message catalog per language (catalogs/<lang>.json).

Keys are shared by both catalogs (a test checks they match); ``{name}`` marks a value filled in at use. Keys
starting with ``js.`` are the calculator script's words, written into the page for it (see render_calculator).
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


def script_words(lang: str) -> dict[str, str]:
    """The words the calculator's script needs (keys ``js.*``, without the prefix)."""
    return {key[3:]: text for key, text in catalog(lang).items() if key.startswith("js.")}
