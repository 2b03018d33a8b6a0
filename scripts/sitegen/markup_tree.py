"""Markup the build rendered from a template, as a JSON tree the page's script builds with ``h()`` (dom.mjs), so
that the script never parses HTML: ``[tag, {attribute: value}, child, ...]``, a child being such a list or a
text (entities decoded: the script puts text in as text). A boolean attribute (``checked``) is ``true``.

    tree('<p class="x">a &amp; b<input checked></p>')   # ["p", {"class": "x"}, "a & b", ["input", {"checked": true}]]
    markup(tree(text)) == text                           # for markup written as the templates write it
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

#: Elements with no content and no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root: list = ["", {}]
        self.open: list[list] = [self.root]

    def handle_starttag(self, tag, attrs):
        node = [tag, {name: True if value is None else value for name, value in attrs}]
        self.open[-1].append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if len(self.open) < 2 or self.open[-1][0] != tag:
            raise ValueError(f"</{tag}> closes <{self.open[-1][0] or 'nothing'}>")
        self.open.pop()

    def handle_data(self, data):
        self.open[-1].append(data)


def tree(text: str) -> list:
    """The one element ``text`` holds (blank text around it dropped), as a tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    if len(builder.open) != 1:
        raise ValueError(f"<{builder.open[-1][0]}> is never closed")
    children = [child for child in builder.root[2:] if not (isinstance(child, str) and not child.strip())]
    if len(children) != 1 or isinstance(children[0], str):
        raise ValueError("the markup must hold one element")
    return children[0]


def markup(node: list | str) -> str:
    """The tree as HTML again (for tests and tools that read markup)."""
    if isinstance(node, str):
        return html.escape(node, quote=False)
    tag, attributes, *children = node
    attrs = "".join(f" {name}" if value is True else f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
    return f"<{tag}{attrs}>" if tag in VOID else f"<{tag}{attrs}>{''.join(markup(child) for child in children)}</{tag}>"
