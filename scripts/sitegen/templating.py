"""Jinja templates (scripts/sitegen/templates/) for generated markup, with the catalog as ``t``.

Autoescaping is on: policy text and catalog words go in as text, never as markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .catalog import translate

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def render(template: str, lang: str, **context: object) -> str:
    """Render ``template`` in ``lang``; ``t(key, **values)`` in the template reads the catalog."""
    return environment().get_template(template).render(lang=lang, t=lambda key, **values: translate(lang, key, **values), **context)
