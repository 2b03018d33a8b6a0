"""Two editions that mirror each other: every page in Chinese and in English, linked to each other, and every
English page marked as the project's own translation, with the Chinese text beside it."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.sitegen.languages import nav_titles
from tests.conftest import ROOT
from tests.sitebuild import build

pytestmark = pytest.mark.site

HAN = re.compile(r"[\u3400-\u9fff]")
NOT_PAGES = ("assets/", "search/", "data/", "pyodide/", "en/")


class Parsed(HTMLParser):
    """Ids, links with their attributes, the language, h1 text, nav link texts and the edition note."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict] = []
        self.lang = None
        self.h1 = ""
        self.nav_texts: list[str] = []
        self.edition_note = ""
        self._stack: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("meta", "link", "img", "br", "input", "hr", "source", "path", "circle", "line", "rect", "polyline"):
            self._stack.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs)

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def _inside(self, tag: str | None = None, cls: str | None = None) -> bool:
        return any((tag is None or t == tag) and (cls is None or cls in (a.get("class") or "").split())
                   for t, a in self._stack)

    def handle_data(self, data):
        if self._inside("h1"):
            self.h1 += data
        if self._inside("a", "md-nav__link") and self._inside(cls="md-nav--primary"):
            self.nav_texts.append(data.strip())
        if self._inside(cls="edition-note"):
            self.edition_note += data


@pytest.fixture(scope="module")
def site() -> Path:
    return build()


def pages(site: Path, edition: str) -> dict[str, Path]:
    """Relative path -> file, for every HTML page of one edition."""
    base = site / edition if edition else site
    out = {}
    for file in base.rglob("*.html"):
        rel = file.relative_to(base).as_posix()
        if not rel.startswith(NOT_PAGES):
            out[rel] = file
    return out


@functools.cache
def parse(file: Path) -> Parsed:
    return Parsed(file.read_text(encoding="utf-8"))


def text_of(file: Path) -> str:
    """The visible text of the page's article (not the head, whose JSON-LD repeats the Chinese text)."""
    raw = file.read_text(encoding="utf-8")
    article = raw[raw.index("<article"):raw.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def test_every_page_exists_in_both_editions_at_the_same_path(site):
    chinese, english = pages(site, ""), pages(site, "en")
    assert set(chinese) == set(english)
    assert len(chinese) >= 12 + 12 + 6  # measures, agencies, and home, provisions, glossary, downloads, reference, about


def test_the_language_switcher_goes_to_the_same_page_in_the_other_edition(site):
    for edition, other in (("", "en"), ("en", "")):
        for rel, file in pages(site, edition).items():
            if rel == "404.html":
                continue
            switch = {a["hreflang"]: a["href"] for a in parse(file).links if "md-select__link" in (a.get("class") or "")}
            target = (file.parent / switch["en" if other else "zh"]).resolve()
            expected = ((site / other) if other else site) / rel
            assert target / "index.html" == expected.resolve() or target == expected.resolve(), (edition, rel, switch)


def test_every_english_page_says_it_is_the_projects_translation_and_the_chinese_prevails(site):
    for rel, file in pages(site, "en").items():
        page = parse(file)
        assert page.lang == "en", rel
        note = " ".join(page.edition_note.split())
        assert "this project’s own translation" in note and "The Chinese text issued by" in note and "prevails" in note, rel
        chinese_link = next(a for a in page.links if a.get("hreflang") == "zh" and "md-select__link" not in (a.get("class") or ""))
        if rel != "404.html":
            assert (file.parent / chinese_link["href"]).resolve() / "index.html" == (site / rel).resolve(), rel


def test_chinese_pages_carry_no_translation_note(site):
    for rel, file in pages(site, "").items():
        assert parse(file).edition_note == "", rel


def test_english_navigation_has_no_untranslated_titles(site, policy):
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    for title in re.findall(r"^\s+- ([^:\n]+):", nav, re.M):
        assert title in nav_titles("en"), f"nav section {title!r} has no English title (catalog keys nav.*)"
    untranslated = {m["title"]["zh"] for m in policy["measures"] if not m["title"]["en"]}
    for rel, file in pages(site, "en").items():
        texts = [t for t in parse(file).nav_texts if t]
        assert texts, rel
        chinese_only = [t for t in texts if HAN.search(t) and not re.search(r"[A-Za-z]", t)]
        assert set(chinese_only) <= untranslated, (rel, chinese_only)


def test_english_measure_pages_give_each_translation_then_the_verbatim_chinese(site, policy):
    for measure in policy["measures"]:
        file = site / "en" / "measures" / measure["id"] / "index.html"
        page, text = parse(file), text_of(file)
        if measure["title"]["en"]:
            assert page.h1.strip().rstrip("¶").strip() == measure["title"]["en"]
        for paragraph in measure["paragraphs"]:
            chinese = "".join(s["zh"] for s in paragraph["sentences"])
            assert chinese in text, paragraph["id"]
            english = " ".join(s["en"] for s in paragraph["sentences"] if s["en"])
            if english:
                assert english in text, paragraph["id"]
                assert text.index(english) < text.index(chinese), paragraph["id"]
            for sentence in paragraph["sentences"]:
                assert sentence["id"] in page.ids


def test_every_provision_is_on_its_english_measure_page_with_its_english_name(site, policy):
    for provision in policy["provisions"]:
        file = site / "en" / "measures" / provision["measure"] / "index.html"
        page, text = parse(file), text_of(file)
        assert provision["id"] in page.ids
        assert (provision["label"]["en"] or provision["label"]["zh"]) in text
        for fragment in provision["fragments"]:
            assert fragment["zh"] in text
            if fragment["en"]:
                assert fragment["en"] in text


def test_the_english_index_lists_every_provision_with_a_link_to_its_anchor(site, policy):
    file = site / "en" / "provisions" / "index.html"
    page = parse(file)
    hrefs = {a["href"] for a in page.links}
    for provision in policy["provisions"]:
        href = f"../measures/{provision['measure']}/#{provision['id']}"
        assert href in hrefs, provision["id"]
        target = parse(file.parent / f"../measures/{provision['measure']}/index.html")
        assert provision["id"] in target.ids


def resolve(file: Path, href: str, site: Path) -> tuple[Path, str] | None:
    """The file and fragment a relative link points to, or None for links elsewhere or to non-pages."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    target = file if not parts.path else (file.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_in_both_editions_resolves(site):
    broken = []
    for edition in ("", "en"):
        for rel, file in pages(site, edition).items():
            if rel == "404.html":  # served for any missing address, so its links are absolute by design
                continue
            for attrs in parse(file).links:
                resolved = resolve(file, attrs["href"], site)
                if resolved is None:
                    continue
                target, fragment = resolved
                if not target.exists():
                    broken.append((edition, rel, attrs["href"]))
                    continue
                if fragment and "=" not in fragment and target.suffix == ".html":  # a=b: page state, not an anchor
                    ids = parse(target.resolve()).ids
                    if fragment not in ids:
                        broken.append((edition, rel, attrs["href"]))
    assert broken == []


def test_agency_pages_have_the_agency_name_in_each_language(site, policy):
    for agency in policy["agencies"]:
        zh = parse(site / "agencies" / agency["id"] / "index.html")
        en = parse(site / "en" / "agencies" / agency["id"] / "index.html")
        assert zh.h1.strip().rstrip("¶").strip() == agency["name"]["zh"]
        assert en.h1.strip().rstrip("¶").strip() == (agency["name"]["en"] or agency["name"]["zh"])
