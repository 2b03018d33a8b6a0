"""Offline: after a first visit the pages and the calculator work without a network, and an update of the
site replaces the stored copy (no stale runtime or policy).

The site is a copy of the built site served by a server the test can stop, so "offline" is real: the
server is gone and Playwright's offline mode is on.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.sitegen import offline
from scripts.sitegen.catalog import translate
from tests.browser_support import FEES, READY_MS, RESULT_MS, Watched
from tests.sitebuild import Server

pytestmark = pytest.mark.browser


def poll(page, expression: str, timeout_s: float = 60):
    """Evaluate until truthy (wait_for_function would need eval, which the site's CSP forbids)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out waiting for: {expression}")


CONTROLLED = "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"
CACHE_NAMES = "() => caches.keys()"
HAS_WHEEL = """async () => {
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) if (request.url.endsWith('.whl')) return true;
  }
  return false;
}"""
HAS_WASM = """async () => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    if (await cache.match(new URL('/pyodide/pyodide.asm.wasm', location.origin).href)) return name;
  }
  return false;
}"""


def estimate_on(page, amount: str) -> str:
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    page.locator(FEES).fill(amount)
    item = page.locator('#calc-results article.calc-item[data-provision="m2-2"]')
    expect(item).to_contain_text("2,000,000.00", timeout=RESULT_MS)
    return item.inner_text()


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_pages_work_offline_after_a_first_visit_and_the_calculator_once_opened(browser, site_copy):
    server = Server(site_copy)
    context = browser.new_context()
    watch = Watched(context, server.origin)
    page = watch.page
    try:
        page.goto(f"{server.origin}/measures/m2/")
        poll(page, CONTROLLED)
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        estimate_on(page, "800万")
        poll(page, HAS_WASM, timeout_s=120)  # the runtime went through the service worker, which kept it
        poll(page, HAS_WHEEL)  # and what only the fallback start needs was fetched once the calculator was ready

        server.stop()
        context.set_offline(True)

        for path, heading in (("/measures/m5/", "加速创新应用"), ("/en/measures/m9/", "industrial"), ("/about/", "关于本站"),
                              ("/en/provisions/", "provision")):
            page.goto(f"{server.origin}{path}")  # never visited: stored when the service worker was installed
            expect(page.locator("h1").first).to_contain_text(heading)
        offline_page = watch.new_page()
        offline_page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        assert "2,000,000.00" in estimate_on(offline_page, "８００万")
        assert watch.foreign == []
    finally:
        context.close()


def test_an_update_of_the_site_replaces_the_stored_runtime_and_policy(browser, site_copy):
    server = Server(site_copy)
    context = browser.new_context()
    page = Watched(context, server.origin).page
    try:
        page.goto(f"{server.origin}/")
        poll(page, CONTROLLED)
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        estimate_on(page, "800万")
        first_cache = poll(page, HAS_WASM, timeout_s=120)
        old_worker = (site_copy / offline.SERVICE_WORKER).read_text(encoding="utf-8")

        # A new release: the policy's version changes, and the build writes a new service worker.
        policy_path = site_copy / "data" / "suzhou-ai-plus-2026.json"
        policy = json.loads(policy_path.read_text(encoding="utf-8"))
        policy["dataset"]["version"] = "9.9.9"
        policy_path.write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
        offline.write_service_worker(str(site_copy))
        assert (site_copy / offline.SERVICE_WORKER).read_text(encoding="utf-8") != old_worker

        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        poll(page, f"async () => !(await caches.keys()).includes({json.dumps(first_cache)})", timeout_s=60)
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        estimate_on(page, "800万")
        version = page.evaluate("""async () => {
            const response = await fetch(new URL('/data/suzhou-ai-plus-2026.json', location.origin));
            return (await response.json()).dataset.version; }""")
        assert version == "9.9.9"
        names = page.evaluate(CACHE_NAMES)
        assert len(names) == 1 and names[0] != first_cache
    finally:
        context.close()
        server.stop()


def test_offline_on_a_calculator_page_this_browser_has_not_stored_says_so_at_once(browser, site_copy):
    """The known case: after one visit to a reading page, the calculator page opens offline from the stored
    pages, but its scripts were never stored; it used to stay on "not loaded yet" with no message."""
    server = Server(site_copy)
    context = browser.new_context()
    page = Watched(context, server.origin).page
    try:
        page.goto(f"{server.origin}/measures/m2/")
        poll(page, CONTROLLED)  # the pages are stored, not the calculator
        server.stop()
        context.set_offline(True)
        began = time.monotonic()
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=10_000)
        assert time.monotonic() - began < 10
        expect(page.locator("#calc-status")).to_have_text(translate("zh", "script.offline_calculator"))
        expect(page.locator("#calc-retry")).to_be_visible()
    finally:
        context.close()


def test_on_a_slow_connection_no_offline_copy_is_downloaded(browser, site_copy):
    """The offline copy (every page, ~1 MB compressed) is fetched only at idle time on a connection that is
    not slow: at 1.6 Mbit/s (Chromium's emulation) the page measures its own downloads and registers nothing."""
    server = Server(site_copy)
    context = browser.new_context()
    page = Watched(context, server.origin).page
    try:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                          "downloadThroughput": 200_000, "uploadThroughput": 90_000})
        page.goto(f"{server.origin}/measures/m2/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(4000)  # past the idle callback that registers the service worker on a good link
        assert page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
        assert page.evaluate(CACHE_NAMES) == []
    finally:
        context.close()
        server.stop()
