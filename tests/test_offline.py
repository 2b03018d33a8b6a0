"""Offline: after a first visit the pages and the calculator work without a network (and say when their data is
the stored copy); after a release no page view shows the old data, and the stored copy is replaced; a page
whose data version differs from the calculator's gets the data again, or says which version it uses.

The site is a copy of the built site served by a server the test can stop, so "offline" is real: the
server is gone and Playwright's offline mode is on. The same sequences run in WebKit and Firefox in
test_engines.py.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts import runtime_harness
from scripts.engines import ChromiumPage
from scripts.site_release import CONTROLLED, KEPT, old_views, views_after_release
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


CACHE_NAMES = "() => caches.keys()"
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
        poll(page, KEPT)  # and what only the fallback start needs was fetched once the calculator was ready

        server.stop()
        context.set_offline(True)

        for path, heading in (("/measures/m5/", "加速创新应用"), ("/en/measures/m9/", "industrial"), ("/about/", "关于本站"),
                              ("/en/provisions/", "provision")):
            page.goto(f"{server.origin}{path}")  # never visited: stored when the service worker was installed
            expect(page.locator("h1").first).to_contain_text(heading)
        offline_page = watch.new_page()
        offline_page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        assert "2,000,000.00" in estimate_on(offline_page, "８００万")
        # the estimate says its data is the copy stored on this device, and which one
        dataset = json.loads((site_copy / "data" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))["dataset"]
        stored = translate("zh", "js.storedData", version=dataset["version"], date=dataset["last_updated"])
        expect(offline_page.locator("#calc-status")).to_have_text(f"{translate('zh', 'js.ready')} {stored}")
        assert watch.foreign == []
    finally:
        context.close()


def test_after_a_release_no_page_view_shows_the_old_data_and_the_stored_copy_is_replaced(browser, site_copy):
    """Two visits (a reading page, the calculator), a release that raises m2-2's cap, then three calculator
    views, the first with no update check forced. sw.js comes slowly from the release on, as over a slow link,
    so the previous service worker answers those views; once the new one takes over, the copy stored before the
    release is gone."""
    page = ChromiumPage(browser.new_context())
    try:
        with runtime_harness.Server(site_copy) as server:
            first_cache = None
            origin = server.url.rstrip("/")

            def before_release():
                nonlocal first_cache
                first_cache = page.evaluate("() => caches.keys()")
                server.set_pace("/sw.js", 1000)

            before, after, release = views_after_release(page, origin, site_copy, before_release=before_release)
            assert before["version"] == release["previous"] and "2,000,000.00" in before["total"]
            assert old_views(after, release) == 0, after
            assert all(view["page"] == view["version"] == release["version"] for view in after), after
            assert len(first_cache) == 1
            page.wait_for(f"async () => !(await caches.keys()).includes({json.dumps(first_cache[0])})", timeout_s=120)
            assert len(page.evaluate("() => caches.keys()")) == 1
        assert page.console_errors() == []
    finally:
        page.close()


def test_a_calculator_whose_data_differs_from_its_page_gets_the_data_again(browser, site_copy):
    """A cache between reader and server kept the previous data for the calculator's first request: the page
    notices (its version is not the data's), fetches the data again from the server and estimates with it."""
    server = Server(site_copy)
    context = browser.new_context(service_workers="block")
    page = Watched(context, server.origin).page
    policy_path = site_copy / "data" / "suzhou-ai-plus-2026.json"
    current = policy_path.read_text(encoding="utf-8")
    policy = json.loads(current)
    policy["dataset"]["version"] = "1.9.9"
    older = json.dumps(policy, ensure_ascii=False)
    asked = []

    def stale_once(route, request):
        asked.append(request.headers.get("cache-control", ""))
        route.fulfill(status=200, content_type="application/json", body=older) if len(asked) == 1 else route.fallback()

    context.route("**/data/suzhou-ai-plus-2026.json", stale_once)
    try:
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        estimate_on(page, "800万")
        expect(page.locator("#calc-status")).to_have_text(translate("zh", "js.ready"))
        assert len(asked) == 2  # asked again (the worker asks past every cache: fetch with cache "reload")
        assert json.loads(current)["dataset"]["version"] in page.locator("#calc-results").inner_text()
    finally:
        context.close()
        server.stop()


def test_a_calculator_whose_data_still_differs_from_its_page_says_which_version_it_uses(browser, site_copy):
    """The server itself has other data than the page (a deploy half done): the reader is told both versions."""
    policy_path = site_copy / "data" / "suzhou-ai-plus-2026.json"
    policy = json.loads(policy_path.read_text(encoding="utf-8"))
    page_version = policy["dataset"]["version"]
    policy["dataset"].update(version="9.9.9", last_updated="2026-12-31")
    policy_path.write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
    server = Server(site_copy)
    context = browser.new_context(service_workers="block")
    page = Watched(context, server.origin).page
    try:
        page.goto(f"{server.origin}/calculator/#v=1&p=m2-2")
        estimate_on(page, "800万")
        differs = translate("zh", "js.dataDiffers", page=page_version, version="9.9.9", date="2026-12-31")
        expect(page.locator("#calc-status")).to_have_text(f"{translate('zh', 'js.ready')} {differs}")
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
