"""Drive the built site in Chromium and print what a reader sees, as JSON (run by test_site_browser_features.py).

It runs in its own process because Playwright's sync API allows one instance per process, and other test
modules keep theirs open for the whole session. Usage: python tests/browser_checks.py BASE_URL
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.runtime_harness import launch_chromium  # noqa: E402
TIMEOUT = 30_000


def search(page, base: str, edition: str, query: str) -> list[str]:
    page.goto(base + edition)
    page.locator(".md-search__input").click()
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT)
    return [link.get_attribute("href") for link in page.locator(".md-search-result__link").all()[:6]]


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#provisions-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id.slice(4))")


def provisions(page, base: str) -> dict:
    page.goto(base + "provisions/")
    out = {"form_visible": page.locator("form.table-filters").is_visible(), "initial": visible_rows(page),
           "count": page.locator(".table-count").inner_text()}
    page.select_option("select[name=measure]", "m2")
    out["measure_m2"] = visible_rows(page)
    out["count_m2"] = page.locator(".table-count").inner_text()
    page.select_option("select[name=measure]", "")
    page.select_option("select[name=kind]", "share_of_base")
    page.select_option("select[name=agencies]", "data-bureau")
    out["share_and_data_bureau"] = visible_rows(page)
    page.select_option("select[name=kind]", "")
    page.select_option("select[name=agencies]", "")
    page.fill("input[name=q]", "算力券")
    out["words"] = visible_rows(page)
    page.fill("input[name=q]", "复制")  # the buttons' label is not a word of the table
    out["button_words"] = visible_rows(page)
    page.fill("input[name=q]", "")
    page.select_option("select[name=sort]", "4:desc")
    out["amount_desc"] = visible_rows(page)[:3]
    page.select_option("select[name=sort]", "")
    out["text_order"] = visible_rows(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    header = page.locator("#provisions-table th").nth(4)
    header.locator("button").click()
    out["header_asc"] = (header.get_attribute("aria-sort"), visible_rows(page)[-1])
    header.locator("button").click()
    out["header_desc"] = (header.get_attribute("aria-sort"), visible_rows(page)[0])
    return out


def copy_link(browser, base: str) -> dict:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    page = context.new_page()
    page.goto(base + "measures/m2/")
    button = page.locator('button.copy-link[data-href="#m2-2"]')
    visible = button.is_visible()
    button.click()
    page.wait_for_function("() => document.querySelector('button.copy-link[data-href=\"#m2-2\"]').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    return {"visible": visible, "copied": copied}


def status(browser, base: str, instants: list[str]) -> dict:
    out = {}
    for instant in instants:
        for edition in ("", "en/"):
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.clock.set_fixed_time(instant)
            page.goto(base + edition + "measures/m9/")
            today = page.locator(".site-status__today")
            today.wait_for(state="visible", timeout=TIMEOUT)
            out[f"{edition}{instant}"] = {"state": today.get_attribute("data-state"), "text": today.inner_text()}
            context.close()
    return out


def without_javascript(browser, base: str) -> dict:
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    page = context.new_page()
    page.goto(base + "provisions/")
    out = {
        "form_visible": page.locator("form.table-filters").is_visible(),
        "copy_buttons_visible": page.locator("button.copy-link").first.is_visible(),
        "rows_visible": page.locator("#provisions-table tbody tr:visible").count(),
        "status_text": page.locator(".site-status").inner_text(),
        "today_visible": page.locator(".site-status__today").is_visible(),
    }
    context.close()
    return out


def main(base: str) -> dict:
    origin = urlsplit(base).netloc
    foreign: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("request", lambda request: urlsplit(request.url).netloc not in (origin, "") and foreign.append(request.url))
        result = {
            "search": {
                "zh 算力券": search(page, base, "", "算力券"),
                "zh 算力": search(page, base, "", "算力"),
                "en 算力券": search(page, base, "en/", "算力券"),
                "en compute voucher": search(page, base, "en/", "compute voucher"),
                "en subsidy": search(page, base, "en/", "subsidy"),
            },
            "provisions": provisions(page, base),
            "copy_link": copy_link(browser, base),
            "status": status(browser, base, ["2026-01-30T15:59:00Z", "2026-01-30T16:00:00Z",
                                             "2027-01-30T15:59:00Z", "2027-01-30T16:00:00Z"]),
            "no_js": without_javascript(browser, base),
        }
        browser.close()
    result["foreign_requests"] = foreign
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False))
