"""The calculator in the engines besides Chromium that Chinese readers use: WebKit (every iOS browser, WeChat on
iOS), through Debian's WebKitWebDriver under Xvfb, and Gecko (Firefox ESR), over WebDriver BiDi
(scripts/engines.py). Marked ``engines``: ``-m engines`` runs only these, ``-m "not engines"`` all but these.

In each engine: the calculator reaches an estimate through nginx with no console error; after a release that
raises a cap, no page view shows the old data (the first one included, with the previous service worker still
in charge); without the server, the stored calculator still estimates and says its data is the stored copy,
with version and date, and a calculator never stored says so at once. WebKitGTK has no network emulation:
there, "offline" is a server that is gone (which the site must handle the same way).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

from scripts import engines, nginx_server
from scripts.runtime_harness import Server
from scripts.site_release import CALCULATOR, CONTROLLED, KEPT, SHOWN, old_views, views_after_release
from scripts.sitegen.catalog import translate

pytestmark = pytest.mark.engines

ENGINES = ["webkit", "firefox"]
#: The total for 800万 of compute rental fees (m2-2): 30 % is 240万, capped at 200万.
TOTAL = "200万元(2,000,000.00元)"
STATUS = "() => document.documentElement.dataset.calcState + '|' + document.getElementById('calc-status').textContent"


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    problem = engines.AVAILABLE[request.param]()
    if problem:
        pytest.fail(problem)
    with engines.ENGINES[request.param]() as browser:
        yield browser


@pytest.fixture
def page(engine):
    page = engine.new_page()
    yield page
    page.close()


@pytest.fixture
def site(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


@pytest.fixture(scope="module")
def nginx(built_site):
    if not nginx_server.brotli_available():
        pytest.fail(nginx_server.MISSING_BROTLI)
    with nginx_server.NginxServer(built_site, brotli=True) as server:
        yield server


def test_the_calculator_reaches_an_estimate_through_nginx_with_no_console_error(page, nginx):
    page.goto(nginx.url + CALCULATOR)
    view = page.wait_for(SHOWN, timeout_s=180)
    assert TOTAL in view["total"], view
    assert page.evaluate(STATUS) == f"ready|{translate('zh', 'js.ready')}"
    errors = page.console_errors()
    assert errors is None or errors == [], errors  # WebKitWebDriver does not report the console: see below


def test_after_a_release_no_page_view_shows_the_old_data(page, site):
    """Two visits (a reading page, the calculator), a release that raises m2-2's cap, then three calculator views.
    sw.js comes slowly from the release on, as over a slow link, so the previous service worker answers them."""
    with Server(site) as server:
        before, after, release = views_after_release(page, server.url.rstrip("/"), site,
                                                     before_release=lambda: server.set_pace("/sw.js", 1000))
    assert TOTAL in before["total"] and before["version"] == release["previous"]
    assert old_views(after, release) == 0, after
    for view in after:
        assert view["page"] == view["version"] == release["version"], view
        assert view["status"] == translate("zh", "js.ready"), view  # nothing to say: page and data agree


def go_offline(page) -> None:
    """The server is gone already; Firefox is also told it is offline (WebKitGTK cannot be)."""
    if page.engine == "firefox":
        page.set_offline(True)


def test_without_the_server_the_stored_calculator_estimates_with_the_stored_data_and_says_so(page, site):
    with Server(site) as server:
        page.goto(server.url)
        page.wait_for(CONTROLLED, timeout_s=60)
        page.goto(server.url + CALCULATOR)
        assert TOTAL in page.wait_for(SHOWN, timeout_s=180)["total"]
        page.wait_for(KEPT, timeout_s=120)
        page.goto(server.url + "measures/m2/")
    go_offline(page)
    page.goto(server.url + "en/measures/m9/")  # never visited: stored when the service worker was installed
    assert "industrial" in page.evaluate("() => document.querySelector('h1').textContent")
    page.goto(server.url + CALCULATOR)
    view = page.wait_for(SHOWN, timeout_s=180)
    assert TOTAL in view["total"]
    dataset = json.loads((site / "data" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))["dataset"]
    stored = translate("zh", "js.storedData", version=dataset["version"], date=dataset["last_updated"])
    assert view["status"] == f"{translate('zh', 'js.ready')} {stored}", view


def test_without_the_server_a_calculator_never_stored_says_so_at_once(page, site):
    with Server(site) as server:
        page.goto(server.url + "measures/m2/")
        page.wait_for(CONTROLLED, timeout_s=60)  # the pages are stored, not the calculator
    go_offline(page)
    began = time.monotonic()
    page.goto(server.url + CALCULATOR)
    status = page.wait_for(f"() => ({STATUS})().startsWith('failed|') && ({STATUS})()", timeout_s=20)
    assert time.monotonic() - began < 20
    assert status == f"failed|{translate('zh', 'script.offline_calculator')}"
    assert page.evaluate("() => !document.getElementById('calc-retry').hidden")


def webkit_console(url: str, ready_path: str, nginx) -> list[str]:
    """What WebKit writes to its console while it loads ``url``: WebKitGTK's MiniBrowser, run directly (its
    automation mode keeps the console to itself), prints each console message; it is stopped once the server
    has sent ``ready_path`` (the page's last script) and a moment more."""
    screen = engines.Screen()
    home = tempfile.mkdtemp(prefix="minibrowser-")
    env = {**os.environ, "DISPLAY": screen.display, "HOME": home, "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home,
           "XDG_CONFIG_HOME": home}
    nginx.reset()
    browser = subprocess.Popen([engines.minibrowser(), "--enable-write-console-messages-to-stdout=true", url],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any(path.endswith(ready_path) for path in nginx.bytes_sent()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert time.monotonic() < deadline, f"WebKit never asked for {ready_path}"
        time.sleep(2)
    finally:
        os.killpg(browser.pid, 15)
        output = browser.communicate(timeout=30)[0]
        screen.close()
        shutil.rmtree(home, ignore_errors=True)
    return [line for line in output.splitlines() if re.search(r"CONSOLE \w* ?(ERROR|SECURITY)", line)]


@pytest.mark.parametrize("path", ["", "en/calculator/", "measures/m2/"])
def test_webkit_logs_no_console_error_on_a_page_its_csp_included(path, nginx):
    """WebKit logs an unknown CSP directive (manifest-src was one) as a security error on every page."""
    problem = engines.webkit_available()
    if problem:
        pytest.fail(problem)
    assert webkit_console(nginx.url + path, "/assets/provisions-table.mjs", nginx) == []
