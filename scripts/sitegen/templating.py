"""Jinja templates (scripts/sitegen/templates/) for generated pages and markup, with the catalog as ``t``.

HTML templates (``*.html.j2``) escape everything they insert: policy text and catalog words go in as text,
never as markup. Markdown templates (``*.md.j2``) insert nothing unescaped by accident either: they escape
explicitly with the filters ``md`` (inline Markdown), ``cell`` (a table cell) and ``html`` (raw HTML), as the
render functions do (scripts/sitegen/markdown.py). The filters ``error_id`` and ``hint_id`` name a field's
error and hint slots (scripts/sitegen/names.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .catalog import translate
from .markdown import cell, html, md
from .names import element_id

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=_escapes_html,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md, cell=cell, html=html, error_id=lambda id: element_id("error", id=id),
                       hint_id=lambda id: element_id("hint", id=id))
    return env


def _escapes_html(name: str | None) -> bool:
    """Every template but a Markdown one (``*.md.j2``) escapes HTML in what it inserts."""
    return not (name or "").endswith(".md.j2")


def render(template: str, lang: str, **context: object) -> str:
    """Render ``template`` in ``lang``; ``t(key, **values)`` in the template reads the catalog."""
    return environment().get_template(template).render(lang=lang, t=lambda key, **values: translate(lang, key, **values), **context)


def macros(template: str, lang: str, **context: object):
    """The macros of ``template`` in ``lang``, to call one by one (``macros(...).name(args)`` gives markup)."""
    return environment().get_template(template).make_module({"lang": lang, "t": lambda key, **values: translate(lang, key, **values), **context})
