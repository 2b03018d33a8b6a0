"""The "copy link" button beside each provision (made to work by assets/copy-link.mjs)."""

from __future__ import annotations

from .catalog import translate
from .markdown import html


def copy_button(provision_id: str, lang: str, href: str) -> str:
    """A button that copies the provision's full link; hidden until the script makes it work.

    Its accessible name starts with the visible words, as speech input needs (WCAG 2.5.3), and names the provision.
    """
    return (f'<button type="button" class="copy-link" data-href="{html(href)}" data-search-exclude hidden '
            f'aria-label="{html(translate(lang, "copy_link.label", provision=provision_id))}">'
            f'{html(translate(lang, "copy_link.text"))}</button>')
