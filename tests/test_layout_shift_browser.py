"""Nothing moves once a page is drawn (cumulative layout shift, on a 390x844 phone and on Lighthouse's
412x823 one). Two things the scripts show used to push the whole page down after the first paint: the status
line's "today" (one more line at phone widths, for every reader: 0.13 on the calculator) and the offer of the
other edition (for a reader whose browser prefers it: 0.12 more). Both are now decided or kept before the first
paint (partials/language-offer-head.html; the status line's reserved line in features.css)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import phone_page, without_runtime

pytestmark = pytest.mark.browser

#: The layout shifts of the page so far (the browser's own record, buffered from the start of the load).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})"""
#: Google's "good" cumulative layout shift is at most 0.1; what the scripts add must stay far below it.
MOST = 0.02


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 412, "height": 823}], ids=["390", "412"])
@pytest.mark.parametrize("locale, offered", [("zh-CN", False), ("en-US", True)])
@pytest.mark.parametrize("path", ["", "calculator/", "measures/m2/"])
def test_a_page_does_not_move_once_drawn(browser, origin, path, locale, offered, viewport):
    with phone_page(browser, origin, locale=locale, viewport=viewport) as page:
        without_runtime(page)
        page.goto(f"{origin}/{path}")
        expect(page.locator(".site-status__today")).to_be_visible()  # site-status.mjs filled it in
        offer = expect(page.locator(".language-offer"))
        offer.to_be_visible() if offered else offer.to_be_hidden()
        assert page.evaluate(LAYOUT_SHIFT) < MOST
