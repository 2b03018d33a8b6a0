"""The calculator on a 390x844 phone, in Chinese and English (issue 18, item 10): each question's heading below
the theme's fixed header, the estimate dated today in China, counts of standards not called numbers of people,
the runtime's progress shown where the reader waits for the estimate and in plain words, and "JavaScript is
off" said only where it is.
"""

from __future__ import annotations

import pytest

from scripts.sitegen.catalog import translate
from tests.browser_support import READY_MS, edition, phone_page, without_runtime

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

LANGS = ["zh", "en"]
LOCALE = {"zh": "zh-CN", "en": "en-US"}

#: Where a heading sits against the fixed header: {top, bottom, header, height} in CSS pixels.
PLACE = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, header: document.querySelector(".md-header").getBoundingClientRect().bottom,
             height: innerHeight };
}"""


def heading_clear_of_the_header(page, question: str) -> None:
    selector = f"#calc-q-{question} legend"
    page.wait_for_function(f"() => {{ const p = ({PLACE})('{selector}'); return p.top >= p.header && p.bottom <= p.height; }}",
                           timeout=5_000)
    place = page.evaluate(PLACE, selector)
    assert place["header"] <= place["top"] and place["bottom"] <= place["height"], place
    expect(page.locator(selector)).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_heading_shows_below_the_fixed_header_after_start_and_next(browser, origin, lang):
    with phone_page(browser, origin, locale=LOCALE[lang]) as page:
        without_runtime(page)
        page.goto(f"{origin}/{edition(lang)}")
        page.locator("a.home-offer-start").click()  # 开始估算: to the first question
        page.wait_for_url("**/calculator/#calc-q-who")
        heading_clear_of_the_header(page, "who")
        for current, following in (("who", "run"), ("run", "did")):
            page.locator(f"#calc-q-{current} .calc-step-nav .md-button--primary").click()  # 下一题
            heading_clear_of_the_header(page, following)
            expect(page.locator(f"#calc-q-{following} input").first).to_be_focused()
        page.locator("#calc-q-did .calc-step-nav .md-button--primary").click()
        page.locator("#calc-profile-edit").click()  # 修改回答: back to the first question
        heading_clear_of_the_header(page, "who")


@pytest.mark.parametrize("lang", LANGS)
def test_the_estimate_is_dated_today_in_china_whatever_the_browsers_time_zone(browser, origin, lang):
    """At 20:30 on 1 June in Los Angeles it is already 2 June in Suzhou: the estimate's date is China's, as the
    status line says."""
    with phone_page(browser, origin, locale=LOCALE[lang], timezone_id="America/Los_Angeles") as page:
        page.clock.set_fixed_time("2026-06-01T20:30:00-07:00")
        without_runtime(page)
        page.goto(f"{origin}/{edition(lang)}calculator/#v=2&p=m2-2")
        assert page.evaluate("new Date().getDate()") == 1, "the browser's own date is still 1 June"
        expect(page.locator("#calc-as-of")).to_have_value("2026-06-02")
        expect(page.locator(".site-status__today")).to_contain_text("2026-06-02")


@pytest.mark.parametrize("lang", LANGS)
def test_counts_of_standards_are_not_called_numbers_of_people(browser, origin, lang):
    with phone_page(browser, origin, locale=LOCALE[lang]) as page:
        without_runtime(page)
        page.goto(f"{origin}/{edition(lang)}calculator/#v=2&p=m11-2,m7-2")
        for pid in ("m11-2", "m7-2"):
            hint = page.locator(f"#calc-{pid}-box .calc-hint", has_text=translate(lang, "estimate.counts_hint"))
            expect(hint).to_have_count(1)
            expect(hint).to_be_visible()
        words = page.locator("#calc-m11-2-box").inner_text()
        assert "人数" not in words and "persons" not in words and "people" not in words


@pytest.mark.parametrize("lang", LANGS)
def test_while_the_runtime_loads_its_progress_shows_beside_the_estimate_awaited(browser, origin, lang):
    """A measure page's link opens the calculator at the provision's fields: the runtime's progress is in view
    there (it used to be two screens above), and nothing on the page says JavaScript is off."""
    with phone_page(browser, origin, locale=LOCALE[lang]) as page:
        without_runtime(page)  # its files never arrive: the page stays loading
        page.goto(f"{origin}/{edition(lang)}calculator/#v=2&p=m2-2")
        fees = page.locator("#calc-m2-2-in-compute_rental_fees_paid")
        expect(fees).to_be_focused()
        fees.fill("800万")
        status = page.locator("#calc-status")
        expect(status).to_be_in_viewport()
        loading = {translate(lang, "js.loading"), translate(lang, "runtime.stage.runtime")}
        assert status.inner_text() in loading
        expect(page.locator("#calc-results")).to_contain_text(translate(lang, "js.waitingForRuntime"))
        gap = page.evaluate("""() => document.getElementById("calc-results-section").getBoundingClientRect().top
            - document.getElementById("calc-status-box").getBoundingClientRect().bottom""")
        assert 0 <= gap <= 60, "the status line is right above the results"
        assert "JavaScript" not in page.locator("body").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_runtimes_start_is_plain_and_none_says_javascript_is_off(browser, origin, lang):
    """From the page's first paint to ready, every text of the status line (recorded as it changes): no
    "JavaScript", no "Python"; the stages in the catalog's words."""
    record = """window.__statusTexts = [];
        const seen = () => { const s = document.getElementById("calc-status");
            if (s && window.__statusTexts.at(-1) !== s.textContent) window.__statusTexts.push(s.textContent); };
        new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });"""
    with phone_page(browser, origin, locale=LOCALE[lang]) as page:
        page.add_init_script(record)
        page.goto(f"{origin}/{edition(lang)}calculator/#v=2&p=m2-2")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        texts = page.evaluate("window.__statusTexts")
        assert texts[0] == translate(lang, "js.loading") and texts[-1] == translate(lang, "js.ready"), texts
        assert not [text for text in texts if "JavaScript" in text or "Python" in text], texts
        stages = {translate(lang, f"runtime.stage.{stage}") for stage in ("runtime", "python", "policy")}
        assert any(text.startswith(tuple(stages)) for text in texts), texts


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_page_says_so_and_lists_every_provision_in_the_texts_order(browser, origin, policy_pristine, lang):
    with phone_page(browser, origin, locale=LOCALE[lang], java_script_enabled=False) as page:
        page.goto(f"{origin}/{edition(lang)}calculator/")
        expect(page.locator(".calc-nojs")).to_have_text(translate(lang, "status.initial"))
        expect(page.locator(".calc-nojs")).to_be_visible()
        expect(page.locator("#calc-status")).to_be_hidden()
        order = [p["id"] for p in policy_pristine["provisions"]]
        listed = page.eval_on_selector_all("#calc-match-list > li", "items => items.map((li) => li.dataset.provision)")
        assert listed == order
        expect(page.locator(f"#calc-match-{order[-1]}")).to_be_visible()
        expect(page.locator("#calc-match-more")).to_be_hidden()
