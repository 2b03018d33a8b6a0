"""Measure the calculator page as a phone user meets it (issue 10), side by side for two builds in one run.

    .venv/bin/python scripts/measure_calculator_page.py BEFORE_URL AFTER_URL     # e.g. two local servers

For each URL (the site's root) and each edition, in Chromium at 390x844: the DOM elements of the calculator
page, the time from navigation to the matching list (the list drawn for the page's answers; the page before
issue 10 has none), for six personas the phone screens from the first question to the total, and for two
(issue 18) the screens from the first question to the provisions they came for in the matching list (null:
not listed, or folded away). Prints JSON, with the after/before ratio of each figure. The page before issue 10
is driven through its role selector.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.runtime_harness import launch_chromium  # noqa: E402
PHONE = {"width": 390, "height": 844}
READY_MS = 120_000

#: persona -> (role on the old page, "show all" needed there, answers on the new page, fields, person choices)
PERSONAS = {
    "startup renting compute": ("enterprise", False, ["small_firm", "rented_compute"],
                                {"#calc-m2-2-in-compute_rental_fees_paid": "800万"}, {}),
    "dataset buyer with corpus vouchers": ("data_unit", True, ["bought_data", "holds_vouchers"],
                                           {"#calc-m1-3-in-approved_contract_amount": "100万", "#calc-m9-5-in-corpus_costs": "50万"}, {}),
    "firm that filed a model in 2026": ("enterprise", False, ["ai_firm", "filed_model"],
                                        {"#calc-m4-2-in-models": "1", "#calc-m4-2-in-filing_date": "2026-03-01"}, {}),
    "PhD graduate": ("graduate", False, ["graduate"], {"#calc-m7-2-in-doctorates": "1"}, {"m7-2": "doctorate"}),
    "park operator": ("park_operator", False, ["park_operator"], {"#calc-m9-3-in-park_class": "benchmark"}, {}),
    "bank lending to tech firms": ("financial_institution", False, ["financial_institution"], {}, {"m8-3": None}),
    # issue 18: the figure a reader carries away (whose money, which period, "up to"); no page before issue 10 had them
    "OPC founder with compute rental and both vouchers": (None, False, ["small_firm", "rented_compute", "holds_vouchers"],
        {"#calc-m2-2-in-compute_rental_fees_paid": "50万", "#calc-m9-4-in-compute_costs": "20万", "#calc-m9-5-in-corpus_costs": "10万"}, {}),
    "manufacturer with an excellence-level factory and provincial support": (None, False, ["manufacturer", "won_honour"],
        {"#calc-m5-6-in-factory_level": "excellence", "#calc-m5-6-in-honour_date": "2026-03-01",
         "#calc-m5-6-other-amount": "50万", "#calc-m5-6-other-level": "province"}, {}),
    "employer hiring graduates": (None, False, ["employer", "hired_graduates"],
        {"#calc-m7-2-in-doctorates": "1", "#calc-m7-2-in-masters": "2", "#calc-m7-2-in-bachelors": "0"}, {}),
}


#: persona -> (answers, the provisions they came for): how far down the matching list each one is (issue 18).
LIST_PERSONAS = {
    "OPC founder": (["small_firm", "rented_compute", "holds_vouchers"], ["m2-2", "m9-4", "m9-5"]),
    "manufacturer with a smart factory": (["manufacturer", "won_honour"], ["m5-4", "m5-5", "m5-6"]),
}


def fill(page, selector: str, value: str) -> None:
    if "-other-" in selector:  # other support sits behind its disclosure
        details = page.locator(selector.split("-other-")[0] + "-other")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
    if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
        page.select_option(selector, value)
    else:
        page.fill(selector, value)


def old_flow(page, role, show_all, fields, persons) -> tuple[str, str]:
    page.select_option("#calc-role", role)
    if show_all:
        page.check("#calc-show-all")
    for selector, value in fields.items():
        if selector.endswith("-in-masters") or selector.endswith("-in-bachelors"):
            continue
        fill(page, selector, value)
    for pid in persons:
        page.check(f"#calc-{pid}-include")
    if "#calc-m7-2-in-doctorates" in fields:  # the old page needs every count
        page.fill("#calc-m7-2-in-masters", "0")
        page.fill("#calc-m7-2-in-bachelors", "0")
    return "#calc-role", "#calc-results .calc-total"


def answer(page, answers) -> None:
    """Answer the profile one question at a time (an answer the page does not offer is left out)."""
    for question in page.locator(".calc-question").all():
        for box in question.locator('input[name="a"]').all():
            if box.get_attribute("value") in answers:
                box.check()
        question.locator(".md-button--primary").click()


def screens_to_matches(page, answers, provisions) -> dict:
    """Phone screens from the first question to each provision's item in the matching list (null if not shown)."""
    answer(page, answers)
    return page.evaluate("""([pids, height]) => {
        const top = document.getElementById("calc-profile").getBoundingClientRect().top;
        return Object.fromEntries(pids.map((pid) => {
          const item = document.getElementById(`calc-match-${pid}`);
          const seen = item && item.checkVisibility();  // false when folded away (a closed group) or not listed
          return [pid, seen ? Math.round((item.getBoundingClientRect().top - top) / height * 10) / 10 : null];
        }));
    }""", [provisions, PHONE["height"]])


def new_flow(page, answers, fields, persons) -> tuple[str, str]:
    answer(page, answers)
    for selector in fields:
        page.check(f"#calc-{selector.split('-in-')[0].split('-other-')[0][len('#calc-'):]}-include")
    for pid, choice in persons.items():
        page.check(f"#calc-{pid}-include")
        if choice:
            page.check(f"#calc-{pid}-person-{choice}")
    for selector, value in fields.items():
        if not persons or selector.split("-in-")[0][len("#calc-"):] not in persons:
            fill(page, selector, value)
    return "#calc-profile", "#calc-results .calc-total"


def screens(page, first: str, total: str) -> float:
    page.wait_for_selector(total, timeout=READY_MS)
    top = page.evaluate(f"document.querySelector('{first}').getBoundingClientRect().top + scrollY")
    bottom = page.evaluate(f"document.querySelector('{total}').getBoundingClientRect().top + scrollY")
    return round((bottom - top) / PHONE["height"], 1)


def measure_edition(browser, base: str, lang: str) -> dict:
    url = f"{base}/{'en/' if lang == 'en' else ''}calculator/"
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("#calc", state="attached", timeout=READY_MS)
    new = page.locator("#calc-profile").count() > 0
    matching_ms = None
    if new:
        page.locator("#calc-match-count").filter(has_text="4").wait_for(timeout=READY_MS)  # "…45 项" once the list is drawn
        matching_ms = round((time.perf_counter() - started) * 1000)
    page.wait_for_selector("html[data-calc-state=ready]", state="attached", timeout=READY_MS)
    out = {"dom_elements": page.evaluate("document.getElementsByTagName('*').length"), "navigation_to_matching_list_ms": matching_ms,
           "screens_first_question_to_total": {}, "sticky_total": {}}
    for name, (role, show_all, answers, fields, persons) in PERSONAS.items():
        if not new and role is None:
            continue
        page.goto("about:blank")
        page.goto(url + "#v=1&as_of=2026-06-01")
        page.wait_for_selector("html[data-calc-state=ready]", state="attached", timeout=READY_MS)
        first, total = new_flow(page, answers, fields, persons) if new else old_flow(page, role, show_all, fields, persons)
        out["screens_first_question_to_total"][name] = screens(page, first, total)
        page.wait_for_timeout(1000)  # the last edit's estimate (150 ms after it) has been drawn
        expect(page.locator("#calc-results")).not_to_have_attribute("aria-busy", "true", timeout=READY_MS)
        out["sticky_total"][name] = page.locator("#calc-sticky-text").text_content()
    if new:
        out["screens_first_question_to_match"] = {}
        for name, (answers, provisions) in LIST_PERSONAS.items():
            page.goto("about:blank")
            page.goto(url + "#v=1&as_of=2026-06-01")
            out["screens_first_question_to_match"][name] = screens_to_matches(page, answers, provisions)
    context.close()
    return out


def main(urls: list[str]) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        results = {url: {lang: measure_edition(browser, url.rstrip("/"), lang) for lang in ("zh", "en")} for url in urls}
        browser.close()
    if len(urls) == 2:
        before, after = (results[u] for u in urls)
        results["ratio_after_to_before"] = {lang: {
            "dom_elements": round(after[lang]["dom_elements"] / before[lang]["dom_elements"], 2),
            "screens": {name: round(after[lang]["screens_first_question_to_total"][name] / max(before[lang]["screens_first_question_to_total"][name], 0.1), 2)
                        for name in PERSONAS if name in before[lang]["screens_first_question_to_total"]}} for lang in ("zh", "en")}
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:] or ["http://127.0.0.1:8000"])
