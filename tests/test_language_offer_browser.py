"""The other edition offered to a reader whose browser prefers its language (issue 18, item 12), on a 390x844
phone: a reader of English landing on a Chinese page is offered the same page in English, in English, with a
link to it; no redirect, no request elsewhere, the words the catalogs' (languages.language_offer), on every
page; dismissed, it stays away. A reader of Chinese on a Chinese page is offered nothing.
"""

from __future__ import annotations

import json

import pytest

from scripts.sitegen.catalog import translate
from tests.browser_support import phone_page, without_runtime

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

#: Chinese pages of every kind: home, a measure, the calculator, the index, an agency, the glossary, the downloads.
PAGES = ["", "measures/m9/", "calculator/", "provisions/", "agencies/data-bureau/", "glossary/", "downloads/"]


def offer(page):
    return page.locator(".language-offer")


@pytest.mark.parametrize("path", PAGES)
def test_a_browser_preferring_english_is_offered_the_same_page_in_english(browser, origin, path):
    with phone_page(browser, origin, locale="en-US") as page:
        without_runtime(page)
        page.goto(f"{origin}/{path}")
        expect(offer(page)).to_be_visible()
        assert page.url.split("#")[0] == f"{origin}/{path}", "no redirect"
        expect(offer(page)).to_have_attribute("lang", "en")
        expect(offer(page).locator("p")).to_have_text(
            f"{translate('en', 'language_offer.text')} {translate('en', 'language_offer.link')}")
        expect(offer(page).locator("button")).to_have_accessible_name(translate("en", "language_offer.dismiss"))
        link = offer(page).get_by_role("link", name=translate("en", "language_offer.link"))
        expect(link).to_have_attribute("hreflang", "en")
        link.click()
        page.wait_for_url(f"{origin}/en/{path}**")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(offer(page)).to_be_hidden()  # the English page is what this reader prefers


def test_dismissed_the_offer_stays_away_on_every_page(browser, origin):
    with phone_page(browser, origin, locale="en-GB") as page:
        page.goto(f"{origin}/measures/m2/")
        expect(offer(page)).to_be_visible()
        offer(page).get_by_role("button", name=translate("en", "language_offer.dismiss")).click()
        expect(offer(page)).to_be_hidden()
        page.reload()
        expect(page.locator("button.copy-link").first).to_be_visible()  # the page's scripts have run
        expect(offer(page)).to_be_hidden()
        page.goto(f"{origin}/glossary/")
        expect(page.locator(".site-status__today")).to_be_visible()
        expect(offer(page)).to_be_hidden()


@pytest.mark.parametrize("languages, lang, shown", [
    (["zh-CN"], "zh", False),  # a reader of Chinese on a Chinese page
    (["zh-CN", "en"], "zh", False),  # Chinese first
    (["fr-FR", "en", "zh"], "zh", True),  # English before Chinese
    (["zh-TW"], "en", True),  # a reader of Chinese on an English page is offered the Chinese one, in Chinese
    (["en-US"], "en", False),
])
def test_the_offer_follows_the_order_of_the_browsers_languages(browser, origin, languages, lang, shown):
    with phone_page(browser, origin, locale=languages[0]) as page:
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{ get: () => {json.dumps(languages)} }});")
        page.goto(f"{origin}/{'en/' if lang == 'en' else ''}measures/m2/")
        expect(page.locator(".site-status__today")).to_be_visible()  # the page's scripts have run
        if shown:
            other = "en" if lang == "zh" else "zh"
            expect(offer(page)).to_be_visible()
            expect(offer(page).locator("p")).to_contain_text(translate(other, "language_offer.text"))
            expect(offer(page)).to_have_attribute("lang", "zh-CN" if other == "zh" else "en")
            offer(page).locator("a").click()
            page.wait_for_url(f"{origin}/{'en/' if other == 'en' else ''}measures/m2/")
        else:
            expect(offer(page)).to_be_hidden()
