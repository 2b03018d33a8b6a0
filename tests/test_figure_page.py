"""On a 390x844 phone, the figure a reader carries away from the calculator page (issue 18, items 1, 7, 8, 10):
whose money each row is, the applicant's totals apart from money paid to talents, every total and the sticky bar
saying its period in words and "up to" where it is a ceiling, 亿 from 1亿, a provision set aside by a "not sure"
overlap keeping its figure on its row, and an open 计算过程 staying open while the reader edits.

Expected words come from calc itself (the same scenario estimated in CPython), so the page is held to showing what
calc says, in both editions.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from calc import estimate, load_policy
from tests.browser_support import RESULT_MS, open_calculator, phone_page

pytestmark = pytest.mark.browser

POLICY = load_policy()
AS_OF = "2026-06-01"


@pytest.fixture
def phone(browser, origin):
    with phone_page(browser, origin) as page:
        yield page


def open_on_phone(page, origin: str, fragment: str, lang: str = "zh"):
    return open_calculator(None, origin, fragment, lang=lang, page=page)


def link(claims: dict[str, dict[str, str]]) -> str:
    """A calculator link choosing ``claims`` (provision -> inputs as typed)."""
    parts = [f"v=2&as_of={AS_OF}&p={','.join(claims)}"]
    parts += [f"{pid}.{name}={quote(value, safe='')}" for pid, inputs in claims.items() for name, value in inputs.items()]
    return "#" + "&".join(parts)


def calc_result(claims: dict[str, dict[str, str]]) -> dict:
    return estimate(POLICY, {"as_of": AS_OF, "claims": [{"provision": pid, "inputs": inputs} for pid, inputs in claims.items()]})


def row(page, pid: str):
    return page.locator(f'#calc-results article.calc-item[data-provision="{pid}"]')


def wait_for_result(page):
    expect(page.locator("#calc-results .calc-total, #calc-results .calc-problems")).to_be_visible(timeout=RESULT_MS)


EMPLOYER = {"m2-2": {"compute_rental_fees_paid": "800万"},
            "m7-2": {"doctorates": "1", "masters": "2", "bachelors": "0"},
            "m7-5": {"talents": "2"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_employer_sees_whose_money_each_row_is_and_its_own_totals_apart_from_the_talents(phone, origin, lang):
    page = open_on_phone(phone, origin, link(EMPLOYER), lang=lang)
    wait_for_result(page)
    result = calc_result(EMPLOYER)
    own = page.locator('#calc-results .calc-period-totals[data-recipient="applicant"]')
    paid = page.locator('#calc-results .calc-period-totals[data-recipient="talent"]')
    expect(own).to_have_text([t["text"][lang] for t in result["period_totals"]][0])
    expect(paid.locator("li")).to_have_text([t["text"][lang] for t in result["talent_period_totals"]])
    for item in result["items"]:
        expect(row(page, item["provision"]).locator(".calc-recipient")).to_have_text(item["recipient"]["label"][lang])
        expect(row(page, item["provision"]).locator(".calc-item-amount strong")).to_have_text(item["wording"][lang])
    talent_words = {"zh": "不付给用人单位", "en": "not to the employer"}[lang]
    expect(row(page, "m7-5").locator(".calc-recipient")).to_contain_text(talent_words)
    # the sticky bar, shown once the results are out of view, keeps the two apart and says "up to"
    page.locator("#calc-profile").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    sticky = page.locator("#calc-sticky-text")
    expect(sticky).to_contain_text({"zh": "每年:最高200万元", "en": "per year: up to 2,000,000 yuan"}[lang])
    expect(sticky).to_contain_text({"zh": "付给人才本人", "en": "to the talents themselves"}[lang])
    expect(page.locator("#calc-sticky")).to_be_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_total_never_loses_up_to_and_reads_in_yi_from_one_yi(phone, origin, lang):
    claims = {"m5-1": {}, "m5-4": {}}
    page = open_on_phone(phone, origin, link(claims), lang=lang)
    wait_for_result(page)
    [total] = calc_result(claims)["period_totals"]
    expect(page.locator("#calc-results .calc-total li")).to_have_text(total["text"][lang])
    text = page.locator("#calc-results .calc-total").inner_text()
    assert {"zh": "期限未写明:最高1.02亿元", "en": "period not stated in the text: up to 102,000,000.00 yuan (1.02亿元)"}[lang] in text
    assert "10200万元" not in text and "原文未写明" not in text
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator("#calc-sticky-text")).to_have_text(total["short"][lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_not_sure_keeps_the_lower_provision_on_its_row_and_says_which_one_the_total_counts(phone, origin, lang):
    claims = {"m2-2": {"compute_rental_fees_paid": "50万"}, "m9-4": {"compute_costs": "20万"}}
    page = open_on_phone(phone, origin, link(claims), lang=lang)
    wait_for_result(page)
    rental, voucher = calc_result(claims)["items"]
    assert rental["status"] == "set_aside" and voucher["status"] == "eligible"
    expect(row(page, "m2-2").locator(".calc-item-amount")).to_have_attribute("data-counted", "no")
    expect(row(page, "m2-2").locator(".calc-item-amount strong")).to_have_text(rental["wording"][lang])
    expect(row(page, "m2-2").locator(".calc-item-amount")).to_contain_text({"zh": "不计入合计", "en": "not counted"}[lang])
    expect(row(page, "m2-2").locator(".calc-reasons")).to_contain_text(rental["reasons"][0][lang])
    expect(row(page, "m9-4").locator(".calc-item-amount")).to_have_attribute("data-counted", "yes")
    counted = row(page, "m9-4").locator(".calc-overlap-counted")
    expect(counted).to_contain_text("m2-2")
    expect(counted).to_contain_text(rental["display_before_overlap"]["text"][lang])
    # the total counts the voucher only, and says what "different costs" would add
    expect(page.locator("#calc-results .calc-total")).to_contain_text(voucher["display"]["text"][lang])
    expect(page.locator("#calc-results .calc-interpretation")).to_contain_text(rental["display_before_overlap"]["text"][lang])


def test_an_open_calculation_stays_open_while_the_reader_edits(phone, origin):
    claims = {"m2-2": {"compute_rental_fees_paid": "50万"}}
    page = open_on_phone(phone, origin, link(claims))
    wait_for_result(page)
    details = row(page, "m2-2").locator("details.calc-item-details")
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    seq = page.locator("#calc-results").get_attribute("data-seq")
    page.fill("#calc-m2-2-in-compute_rental_fees_paid", "60万")
    expect(page.locator("#calc-results")).not_to_have_attribute("data-seq", seq, timeout=RESULT_MS)
    expect(row(page, "m2-2").locator(".calc-item-amount strong")).to_contain_text("18万元", timeout=RESULT_MS)
    expect(row(page, "m2-2").locator("details.calc-item-details")).to_have_attribute("open", "")
    expect(row(page, "m2-2").locator(".calc-steps")).to_be_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_under_each_estimate_the_page_says_what_would_change_it_in_calcs_words(phone, origin, lang):
    claims = {"m2-2": {"compute_rental_fees_paid": "500万"}, "m9-4": {"compute_costs": "20万"}}
    page = open_on_phone(phone, origin, link(claims), lang=lang)
    wait_for_result(page)
    changes = calc_result(claims)["what_would_change"]
    assert {c["kind"] for c in changes} >= {"cap_point", "condition", "overlap_answer", "expiry"}
    expect(page.locator("#calc-results .calc-changes li")).to_have_text([c[lang] for c in changes])
