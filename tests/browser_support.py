"""Shared pieces of the in-process browser tests: launching Debian's Chromium and watching a page."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from scripts.runtime_harness import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


def find_browser() -> str:
    """``CHROMIUM`` if set (``make test`` sets it from scripts/find-browser), else what that script finds."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    found = subprocess.run([str(ROOT / "scripts" / "find-browser"), "--no-install"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else found.stderr.strip()


#: The Chromium the in-process browser tests launch (a one-sentence error instead when there is none).
CHROMIUM = find_browser()
#: Pyodide starts in a few seconds; the two CPU cores of CI may be busy with other tests.
READY_MS = 90_000
RESULT_MS = 30_000
#: The calculator's field for m2-2, the compute rental fees paid: the field most tests type into.
FEES = "#calc-m2-2-in-compute_rental_fees_paid"


@contextlib.contextmanager
def launch_chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(CHROMIUM if CHROMIUM.startswith("error:") else f"Chromium not found at {CHROMIUM}; see scripts/find-browser")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_calculator(watch: "Watched", origin: str, fragment: str = "", lang: str = "zh", page=None, state: str = "ready"):
    """Open the calculator (the Chinese or English edition) with ``fragment`` in ``page`` (the watched one by
    default) and wait until it is ``state``: ready, or failed when the test broke the runtime."""
    page = page or watch.page
    page.goto(f"{origin}/{'en/' if lang == 'en' else ''}calculator/{fragment}")
    expect(page.locator("html")).to_have_attribute("data-calc-state", state, timeout=READY_MS)
    return page


class Watched:
    """A browser context with everything its pages logged and requested, to check after the test."""

    def __init__(self, context, origin: str):
        self.context = context
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        context.on("request", self._request)
        self.page = self.new_page()

    def _request(self, request):
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("blob:", "data:"))):
            self.foreign.append(url)

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page


#: The phone the reader-facing browser tests use.
PHONE = {"width": 390, "height": 844}


@contextlib.contextmanager
def phone_watch(browser, origin: str, clean: bool = True, **options):
    """A watched fresh 390x844 context (``options`` as for ``browser.new_context``: locale, timezone_id,
    java_script_enabled, another viewport ...), the service worker blocked. Afterwards: no request left the
    origin, no dialog was opened and, when ``clean``, nothing was logged as an error."""
    context = browser.new_context(**{"viewport": PHONE, **options}, service_workers="block")
    watch = Watched(context, origin)
    try:
        yield watch
    finally:
        for route in HELD.pop(watch.page, []):  # answered before the page goes, so no handler is left waiting
            route.abort()
        context.close()
    assert watch.foreign == [], "requests left the site's origin"
    assert watch.dialogs == []
    if clean:
        assert watch.errors == []


@contextlib.contextmanager
def phone_page(browser, origin: str, clean: bool = True, **options):
    """The page of a ``phone_watch`` context."""
    with phone_watch(browser, origin, clean, **options) as watch:
        yield watch.page


#: Requests for the runtime's files held back, by page (see without_runtime).
HELD: dict = {}


def without_runtime(page) -> None:
    """Keep the calculator's runtime loading: its files are held back until the page's test ends (phone_page)."""
    page.route("**/pyodide/**", lambda route: HELD.setdefault(page, []).append(route))


def edition(lang: str) -> str:
    return "en/" if lang == "en" else ""
