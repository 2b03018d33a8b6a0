"""Printing (issue 18, item 11), in Chinese and English: a printed measure page or estimate carries the page's
address, the date (today in China) and the notice that this is not an official publication and the Chinese
text prevails; no copy-link button; and no page break inside a quote of the text or a step of the estimate.

What a printout shows is checked with the print stylesheet applied and the browser's beforeprint event sent,
as printing does (page.pdf() sends it too, and must make a PDF).
"""

from __future__ import annotations

import pytest

from scripts.sitegen.catalog import translate
from tests.browser_support import READY_MS, RESULT_MS, edition, phone_page

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

LANGS = ["zh", "en"]
#: 23:30 UTC on 1 June is already 2 June in China.
NOW, TODAY_IN_CHINA = "2026-06-01T23:30:00+00:00", "2026-06-02"


def printing(page) -> None:
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")


def done_printing(page) -> None:
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")


def break_inside(page, selector: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, "els => els.map((el) => getComputedStyle(el).breakInside)"))


def says_where_when_and_whose(page, lang: str) -> None:
    meta = page.locator(".print-meta")
    expect(meta).to_be_visible()
    expect(meta.locator(".print-meta__address")).to_have_text(page.url)
    expect(meta.locator(".print-meta__date")).to_have_text(TODAY_IN_CHINA)
    expect(meta.locator(".print-meta__when")).to_contain_text(translate(lang, "print.date").strip())
    expect(meta).to_contain_text(translate(lang, "site.copyright"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_measure_page_says_where_when_and_that_the_chinese_text_prevails(browser, origin, lang):
    with phone_page(browser, origin) as page:
        page.clock.set_fixed_time(NOW)
        page.goto(f"{origin}/{edition(lang)}measures/m2/")
        copy_buttons = page.locator("button.copy-link")
        expect(copy_buttons.first).to_be_visible()  # on screen
        expect(page.locator(".print-meta")).to_be_hidden()
        assert page.pdf()[:5] == b"%PDF-"
        printing(page)
        says_where_when_and_whose(page, lang)
        assert copy_buttons.count() > 0
        for button in copy_buttons.all():
            expect(button).to_be_hidden()
        expect(page.locator(".language-offer")).to_be_hidden()
        assert page.locator("blockquote").count() > 0
        assert break_inside(page, "blockquote") == {"avoid"}
        assert break_inside(page, ".policy-text") == {"avoid"}
        done_printing(page)
        expect(page.locator(".print-meta")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_estimate_carries_its_link_the_date_the_notice_and_whole_steps(browser, origin, lang):
    with phone_page(browser, origin) as page:
        page.clock.set_fixed_time(NOW)
        page.goto(f"{origin}/{edition(lang)}calculator/#v=2&as_of=2026-06-01&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        item = page.locator('#calc-results article.calc-item[data-provision="m2-2"]')
        expect(item).to_be_visible(timeout=RESULT_MS)
        assert page.pdf()[:5] == b"%PDF-"
        expect(item.locator("details.calc-item-details")).not_to_have_attribute("open", "")  # closed again after
        printing(page)
        says_where_when_and_whose(page, lang)
        assert "p=m2-2" in page.locator(".print-meta__address").inner_text(), "the address carries the scenario"
        for hidden in ("#calc-copy", "#calc-share-url", "#calc-print", "#calc-form", "#calc-sticky"):
            expect(page.locator(hidden)).to_be_hidden()
        expect(item.locator(".calc-steps")).to_be_visible()  # the explanation is printed, with its quotes
        expect(item.locator(".calc-step-quote q").first).to_be_visible()
        assert break_inside(page, "#calc-results .calc-steps li") == {"avoid"}
        assert break_inside(page, "#calc-results .calc-item") == {"avoid"}
        done_printing(page)
        expect(item.locator("details.calc-item-details")).not_to_have_attribute("open", "")
        expect(page.locator("#calc-copy")).to_be_visible()
