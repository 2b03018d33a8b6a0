#!/usr/bin/env python3
"""Compare what two builds of the site say, page by page.

Usage: python scripts/site_text.py BEFORE_SITE AFTER_SITE

A page's text is every text node a reader or a screen reader can meet (hidden ``<template>`` fields and the
words in ``application/json`` and ``application/ld+json`` scripts included, other scripts and styles left out),
plus the reader-facing attributes (``alt``, ``title``, ``aria-label``, ``placeholder``, ``content`` of
``<meta name=description>``), one line each with whitespace collapsed. Markup that changes no text is not a
difference. Every other file is compared byte for byte.

Prints one line per page or file that differs, with a unified diff of the page's text, and a count of pages
compared. Exit status 0 when nothing differs, 1 otherwise.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
SPACE = re.compile(r"\s+")
#: Files that differ on every build whatever the source says: the compressed sitemap's timestamp and the
#: runtime snapshot (a memory image), whose content hash also appears in the files that name it.
ALWAYS_NEW = ("sitemap.xml.gz",)
SNAPSHOT_NAME = re.compile(rb"calc-snapshot-[0-9a-f]{16}")
SERVICE_WORKER_VERSION = re.compile(rb'const VERSION = "[0-9a-f]+"')


class TextParser(HTMLParser):
    """Collects a page's text nodes and reader-facing attributes in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "style" or (tag == "script" and "json" not in (values.get("type") or "")):
            self.skipping += 1
        for name in ATTRIBUTES:
            if values.get(name):
                self._add(f"[{name}] {values[name]}")
        if tag == "meta" and values.get("name") == "description":
            self._add(f"[description] {values.get('content') or ''}")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data)

    def _add(self, text: str) -> None:
        text = SPACE.sub(" ", text).strip()
        if text:
            self.lines.append(text)


def page_text(path: Path) -> list[str]:
    parser = TextParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.lines


def files(site: Path) -> dict[str, Path]:
    """Every file by its path in the site, the snapshot's hash in its name left out."""
    return {SNAPSHOT_NAME.sub(b"calc-snapshot", str(path.relative_to(site)).encode()).decode(): path
            for path in sorted(site.rglob("*")) if path.is_file()}


def digest(path: Path) -> str:
    """SHA-256 of the file, leaving out what follows from the snapshot: its name, its entry in
    runtime.json and the service worker's version (a hash over every file, the snapshot included)."""
    data = SNAPSHOT_NAME.sub(b"calc-snapshot", path.read_bytes())
    if path.name == "runtime.json":
        manifest = json.loads(data)
        manifest.pop("snapshot", None)
        data = json.dumps(manifest, sort_keys=True).encode()
    elif path.name == "sw.js":
        data = SERVICE_WORKER_VERSION.sub(b"const VERSION = \"\"", data)
    return hashlib.sha256(data).hexdigest()


def compare(before: Path, after: Path) -> tuple[int, list[str]]:
    """(pages compared, report lines); the report is empty when the two sites say the same."""
    old, new = files(before), files(after)
    report = [f"only in {before}: {name}" for name in sorted(old.keys() - new.keys())]
    report += [f"only in {after}: {name}" for name in sorted(new.keys() - old.keys())]
    pages = 0
    for name in sorted(old.keys() & new.keys()):
        if name.endswith(".html"):
            pages += 1
            diff = list(difflib.unified_diff(page_text(old[name]), page_text(new[name]), name, name, lineterm="", n=1))
            if diff:
                report.append(f"text differs: {name}")
                report += [f"    {line}" for line in diff]
        elif (not name.endswith(ALWAYS_NEW) and not name.startswith("pyodide/calc-snapshot")
              and not (name.endswith((".gz", ".br")) and name[:-3] in old)
              and digest(old[name]) != digest(new[name])):
            report.append(f"bytes differ: {name}")
    return pages, report


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(Path(arg).is_dir() for arg in argv):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    pages, report = compare(Path(argv[0]), Path(argv[1]))
    print("\n".join(report))
    print(f"{pages} pages compared; {sum(line.startswith('text differs') for line in report)} differ in text; "
          f"{sum(line.startswith(('bytes differ', 'only in')) for line in report)} other files differ or are missing")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
