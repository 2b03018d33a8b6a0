"""Worked examples in Chromium at 390x844 (issue 20): every example's link opens the calculator with the same
answers and inputs, and the calculator shows the figures calc gives for the example's scenario (computed here
again from the file); the site's search finds the examples under the words an applicant types."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from calc import estimate, load_policy
from tests.browser_support import READY_MS, RESULT_MS, phone_watch
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

import playwright.sync_api as playwright_api  # noqa: E402 - after the marker, for readability

expect = playwright_api.expect

EXAMPLES = {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "policy" / "examples").glob("*.json")) if path.name != "example.schema.json"}
POLICY = load_policy()


@pytest.fixture
def phone(browser, origin):
    with phone_watch(browser, origin) as watch:
        yield watch


def texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "nodes => nodes.map((n) => n.textContent.trim())")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", list(EXAMPLES))
def test_each_examples_link_opens_the_calculator_with_calcs_figures_for_it(phone, origin, stem, lang):
    result = estimate(POLICY, EXAMPLES[stem]["scenario"])
    edition = "en/" if lang == "en" else ""
    page = phone.page
    page.goto(f"{origin}/{edition}examples/#{stem}")
    link = page.locator(f'.worked-example[data-example="{stem}"] .worked-example-open a')
    expect(link).to_be_visible()
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    results = page.locator("#calc-results")
    expect(results).not_to_have_attribute("data-seq", "0", timeout=RESULT_MS)
    expect(results).not_to_have_attribute("aria-busy", "true", timeout=RESULT_MS)
    assert urlsplit(page.url).path == f"/{edition}calculator/"
    assert page.evaluate("location.hash") == f"#{fragment}"  # the page writes the same link for the state it read
    assert texts(page, "#calc-link-problems li") == []
    own = [p["text"][lang] for p in result["period_totals"]]
    paid = [p["text"][lang] for p in result["talent_period_totals"]]
    if own or not paid:
        assert texts(page, '.calc-period-totals[data-recipient="applicant"] li') == (own or [{"zh": "无", "en": "none"}[lang]])
    assert texts(page, '.calc-period-totals[data-recipient="talent"] li') == paid
    rows = page.eval_on_selector_all("article.calc-item", "rows => rows.map((row) => row.dataset.provision)")
    assert rows == [item["provision"] for item in result["items"]]
    for item in result["items"]:
        row = page.locator(f'article.calc-item[data-provision="{item["provision"]}"]')
        expect(row.locator(".calc-item-amount strong")).to_have_text(item["wording"][lang])
        expect(row.locator(".calc-recipient")).to_have_text(item["recipient"]["label"][lang])
    assert texts(page, ".calc-changes li") == [change[lang] for change in result["what_would_change"]]


#: (edition, query, the example a reader typing it should find among the first results)
QUERIES = [("", "算力补贴", "opc-founder-compute-and-vouchers"), ("", "智能工厂", "manufacturer-excellence-smart-factory"),
           ("", "应届生补贴", "employer-hiring-graduates-and-talent"), ("en/", "smart factory", "manufacturer-excellence-smart-factory"),
           ("en/", "graduate subsidy", "employer-hiring-graduates-and-talent"), ("en/", "compute voucher", "opc-founder-compute-and-vouchers")]


@pytest.mark.parametrize("edition, query, stem", QUERIES)
def test_the_search_box_finds_the_example_under_the_words_an_applicant_types(browser, origin, edition, query, stem):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(f"{origin}/{edition}")
    page.locator(".md-search__input").click()
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=RESULT_MS)
    found = [urlsplit(link.get_attribute("href")) for link in page.locator(".md-search-result__link").all()[:10]]
    context.close()
    assert (f"/{edition}examples/", stem) in [(url.path, url.fragment) for url in found], found
