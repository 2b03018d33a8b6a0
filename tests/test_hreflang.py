"""hreflang: with a known site address every page names itself in each edition, as absolute URLs; without
one, no page has hreflang links at all (they must be absolute, and the build invents no address)."""

from __future__ import annotations

import re

import pytest

from tests import sitebuild

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/policy/"
LINK = re.compile(r'<link rel="alternate"[^>]*hreflang="([^"]+)"[^>]*>')
HREF = re.compile(r'href="([^"]+)"')


def pages(site):
    """Every page's index.html, but for the theme's own folders (__*); judged below the site folder, whose
    temporary name may itself hold "__" (mkdtemp draws from letters, digits and "_")."""
    return [p for p in site.rglob("index.html") if "__" not in p.relative_to(site).as_posix()]


def test_without_a_site_address_no_page_has_hreflang_links(built_site):
    for page in pages(built_site):
        assert LINK.findall(page.read_text(encoding="utf-8")) == [], page


def test_with_a_site_address_each_page_names_itself_in_both_editions_absolutely():
    site = sitebuild.build(SITE_URL)
    checked = 0
    for page in pages(site):
        relative = page.relative_to(site).as_posix()[: -len("index.html")]
        path = relative[len("en/"):] if relative.startswith("en/") else relative
        links = {code: HREF.search(tag).group(1) for tag in re.findall(r'<link rel="alternate"[^>]*hreflang="[^"]+"[^>]*>',
                                                                       page.read_text(encoding="utf-8"))
                 for code in LINK.findall(tag)}
        assert links == {"zh": SITE_URL + path, "en": f"{SITE_URL}en/{path}", "x-default": SITE_URL + path}, page
        assert (site / path / "index.html").is_file() and (site / "en" / path / "index.html").is_file(), path
        checked += 1
    assert checked >= 60
