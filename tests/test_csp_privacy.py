"""Content-Security-Policy and privacy of the built site, both editions, in Chromium.

(a) Every built page carries the CSP meta tag, first in <head>, with the directives the site relies on, and
    visiting every page (and using the search, the table and the calculator) fires no securitypolicyviolation.
(b) The policy is enforced: script injected into a page with DOM APIs, inline event handlers, eval and
    javascript: URLs do not run and are reported as violations, while the calculator keeps working.
(c) Privacy: visiting every page of both editions, and the calculator loading, ready, with a result, exported
    and failed, requests nothing from any host but the site's own origin: fonts, scripts, styles, images and
    the Python runtime are all local.

Violations are recorded by an init script (it runs whatever the page's CSP says) into ``window.__violations``.
The figures (pages, requests, external requests, violations) are printed at the end of the module (pytest -s).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser_support import FEES, READY_MS, RESULT_MS

pytestmark = pytest.mark.browser

import playwright.sync_api as playwright_api  # noqa: E402

expect = playwright_api.expect

SCENARIO = "#v=1&as_of=2026-06-01&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({directive: event.effectiveDirective, blocked: event.blockedURI,
                            sample: event.sample, source: event.sourceFile, line: event.lineNumber});
});
"""

REQUIRED = {
    "default-src": {"'self'"},
    "worker-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
}
#: Every source any directive may name: the site itself, data: images, WebAssembly, hashes of inline scripts.
ALLOWED_SOURCE = re.compile(r"^('self'|'none'|data:|'wasm-unsafe-eval'|'sha256-[A-Za-z0-9+/]{43}=')$")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

FIGURES: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def report_figures():
    """The figures the tests record, printed once the module is done (visible with pytest -s)."""
    yield
    print("\nCSP and privacy figures: " + "; ".join(f"{name}: {value}" for name, value in FIGURES.items()))


class _Page(HTMLParser):
    """The CSP meta tags, the position of the first script/style/link, and the inline scripts a browser runs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.csp: list[tuple[int, str]] = []
        self.first_resource: int | None = None
        self.inline: list[str] = []
        self._script: dict | None = None
        self._count = 0

    def handle_starttag(self, tag, attrs):
        self._count += 1
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append((self._count, attrs.get("content") or ""))
        if tag in ("script", "link", "style") and self.first_resource is None:
            self.first_resource = self._count
        if tag == "script":
            executable = "src" not in attrs and (attrs.get("type") or "").lower() not in DATA_SCRIPT_TYPES
            self._script = {"executable": executable, "text": []}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script["executable"]:
                self.inline.append("".join(self._script["text"]))
            self._script = None


def parse_policy(content: str) -> dict[str, list[str]]:
    directives = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def built_pages(site: Path) -> list[str]:
    """Every page of both editions, as the path a reader opens: /, /measures/m2/, /en/404.html ..."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return paths


# ---- (a) every page carries the policy ----------------------------------------------------------------------


def test_every_built_page_of_both_editions_carries_the_csp_meta_tag_with_the_required_directives(built_site):
    pages = built_pages(built_site)
    assert len(pages) >= 60 and "/calculator/" in pages and "/en/calculator/" in pages and "/en/404.html" in pages
    problems = []
    for path in pages:
        file = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        parsed = _Page()
        parsed.feed(file.read_text(encoding="utf-8"))
        if len(parsed.csp) != 1:
            problems.append(f"{path}: {len(parsed.csp)} CSP meta tags")
            continue
        position, content = parsed.csp[0]
        if parsed.first_resource is not None and position > parsed.first_resource:
            problems.append(f"{path}: the CSP comes after a script, style or stylesheet it should govern")
        policy = parse_policy(content)
        for name, sources in REQUIRED.items():
            if set(policy.get(name, [])) != sources:
                problems.append(f"{path}: {name} is {policy.get(name)}, not {sorted(sources)}")
        script = policy.get("script-src", [])
        if script[:2] != ["'self'", "'wasm-unsafe-eval'"]:
            problems.append(f"{path}: script-src starts {script[:2]}")
        for source in (s for sources in policy.values() for s in sources):
            if not ALLOWED_SOURCE.match(source):
                problems.append(f"{path}: source {source} (a host, or unsafe-inline/unsafe-eval)")
        hashes = {s for s in script if s.startswith("'sha256-")}
        needed = {sha256_source(text) for text in parsed.inline}
        if needed - hashes:
            problems.append(f"{path}: inline scripts not allowed by a hash: {sorted(needed - hashes)}")
        if hashes - needed:
            problems.append(f"{path}: hashes of no script on the page: {sorted(hashes - needed)}")
    assert problems == []
    FIGURES["pages with a checked CSP meta tag"] = len(pages)


# ---- the crawl: every page, both editions, with the service worker as a reader gets it --------------------------


class Crawl:
    def __init__(self, browser, origin: str, service_workers: str = "allow"):
        self.origin = origin
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                           service_workers=service_workers)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.requests: list[str] = []
        self.external: list[str] = []
        self.errors: list[str] = []
        self.violations: list[tuple[str, dict]] = []
        self.context.on("request", self._request)
        # Anything for another host is recorded above and never leaves the machine.
        self.context.route(lambda url: not self._local(url), lambda route: route.abort())
        self.page = self.new_page()

    def _local(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))

    def _request(self, request):
        self.requests.append(request.url)
        if not self._local(request.url):
            self.external.append(request.url)

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: uncaught {e}"))
        return page

    def collect(self, page=None):
        page = page or self.page
        for violation in page.evaluate("window.__violations || []"):
            self.violations.append((page.url, violation))
        page.evaluate("window.__violations = []")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def crawl(browser, origin, built_site):
    """Every page of both editions opened in turn, in one browser profile; then some ordinary use."""
    c = Crawl(browser, origin)
    pages = built_pages(built_site)
    page = c.page
    for path in pages:
        page.goto(origin + path)
        page.wait_for_load_state("load")
        if path.endswith("/calculator/"):
            expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        else:
            page.wait_for_timeout(150)  # the module scripts that enhance the page have run
        c.collect()
    # Ordinary use: search (its worker and index), the provisions table, a language switch.
    page.goto(origin + "/")
    page.locator(".md-search__input").click()
    page.fill(".md-search__input", "算力券")
    page.press(".md-search__input", "End")  # Material searches on keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_MS)
    c.collect()
    page.goto(origin + "/en/provisions/")
    page.locator("th button.sort-button").nth(1).click()
    expect(page.locator("th[aria-sort]").first).to_be_visible()
    c.collect()
    page.goto(origin + "/measures/m2/")
    page.locator(".md-header .md-select").first.hover()  # the language menu opens on hover
    page.locator('.md-select a[hreflang="en"]').first.click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    c.collect()
    c.pages = pages
    yield c
    c.close()


def test_no_page_of_either_edition_violates_the_policy_in_ordinary_use(crawl):
    assert crawl.violations == []
    assert crawl.errors == []
    FIGURES["pages visited"] = len(crawl.pages)
    FIGURES["violations while visiting them"] = len(crawl.violations)


# ---- (c) privacy ---------------------------------------------------------------------------------------------


def test_visiting_every_page_requests_nothing_from_any_other_host(crawl):
    assert crawl.external == []
    assert len(crawl.requests) > 5 * len(crawl.pages)  # the requests were seen: pages, styles, scripts, images
    kinds = {url.split("?")[0].rsplit(".", 1)[-1] for url in crawl.requests}
    assert {"css", "js", "mjs", "wasm", "json", "png"} <= kinds, kinds
    FIGURES["requests while visiting every page"] = len(crawl.requests)
    FIGURES["external requests while visiting every page"] = len(crawl.external)


def test_the_calculator_loading_ready_with_a_result_exported_and_failed_stays_on_the_site(browser, origin):
    # The service worker is blocked so that the failure below can be made with a route.
    c = Crawl(browser, origin, service_workers="block")
    try:
        for lang in ("", "en/"):
            # A tab of its own per edition: Chromium asks before a third download from the same tab (headless, it
            # may refuse without asking), which is the browser's rule, not the page's.
            page = c.new_page() if lang else c.page
            page.goto(f"{origin}/{lang}calculator/{SCENARIO}")  # loading ...
            assert page.locator("html").get_attribute("data-calc-state") in ("loading", "ready")
            expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
            expect(page.locator("#calc-results .calc-total")).to_be_visible(timeout=RESULT_MS)  # with a result
            page.fill(FEES, "100万")
            expect(page.locator("#calc-results .calc-total")).to_contain_text("30万元", timeout=RESULT_MS)
            for button in ("#calc-export-json", "#calc-export-csv"):
                with page.expect_download() as download:
                    page.click(button)
                assert download.value.url.startswith("blob:" + origin)
            c.collect(page)
        # A new tab again: in the first one the same URL would be a same-document (fragment) navigation, not a load.
        page = c.new_page()
        page.route("**/pyodide/pyodide.asm.wasm", lambda route: route.abort())
        page.goto(f"{origin}/calculator/{SCENARIO}")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=READY_MS)
        page.unroute("**/pyodide/pyodide.asm.wasm")
        page.click("#calc-retry")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        c.collect(page)
        assert c.external == []
        assert c.violations == []
        assert c.errors == []
        assert any(url.endswith("/pyodide/pyodide.asm.wasm") for url in c.requests)
        FIGURES["requests in the calculator's states"] = len(c.requests)
        FIGURES["external requests in the calculator's states"] = len(c.external)
    finally:
        c.close()


# ---- (b) the policy is enforced ----------------------------------------------------------------------------------

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__pwned = 'inline script'";
  document.body.append(script);
  const holder = document.createElement("div");
  holder.innerHTML = '<img src="data:," onerror="window.__pwned = \\'inline handler\\'">';
  document.body.append(holder);
  // Later, from the page's own task (code run by the test itself is exempt from the CSP's eval rule):
  setTimeout(() => {
    try { eval("window.__pwned = 'eval'"); window.__eval = "ran"; } catch (error) { window.__eval = error.name; }
    try { new Function("window.__pwned = 'Function'")(); window.__fn = "ran"; } catch (error) { window.__fn = error.name; }
  });
  setTimeout("window.__pwned = 'string timer'");
  const link = document.createElement("a");
  link.href = "javascript:window.__pwned='javascript: URL'";
  document.body.append(link);
  link.click();
}"""


@pytest.mark.parametrize("path", ["/calculator/", "/en/measures/m2/"])
def test_injected_script_does_not_run_is_reported_and_the_calculator_still_works(browser, origin, path):
    c = Crawl(browser, origin, service_workers="block")
    try:
        page = c.page
        page.goto(origin + path + (SCENARIO if "calculator" in path else ""))
        if "calculator" in path:
            expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
            expect(page.locator("#calc-announce")).to_contain_text("200万元(2,000,000.00元)", timeout=RESULT_MS)
        page.wait_for_load_state("load")
        c.collect()
        assert c.violations == [], "violations before anything was injected"
        page.evaluate(INJECT)
        page.wait_for_timeout(500)
        assert page.evaluate("[window.__eval, window.__fn]") == ["EvalError", "EvalError"]
        assert page.evaluate("typeof window.__pwned") == "undefined"
        violations = page.evaluate("window.__violations")
        # Each attempt blocked and reported: the <script> element and the javascript: URL (script-src-elem),
        # the inline handler (script-src-attr), eval, new Function and the string timer (script-src, "eval").
        counts = Counter((v["directive"], v["blocked"]) for v in violations)
        assert counts == {("script-src-elem", "inline"): 2, ("script-src-attr", "inline"): 1,
                          ("script-src", "eval"): 3}, violations
        # The browser logs each refusal; nothing else is logged, nothing is uncaught.
        assert c.errors and all("Content Security Policy" in e and "uncaught" not in e for e in c.errors), c.errors
        if "calculator" in path:  # the calculator keeps working under the very same policy
            page.fill(FEES, "100万")
            expect(page.locator("#calc-announce")).to_contain_text("30万元(300,000.00元)", timeout=RESULT_MS)
        else:
            expect(page.locator(".site-status__today").first).to_be_visible()
        assert c.external == []
    finally:
        c.close()
