"""Accessibility in Chromium: axe-core on every built page of both editions, in the light and the dark colour
scheme, including the calculator in use and the provisions index filtered; and the calculator used with the
keyboard alone (announcements, labels, focus that stays put and stays visible, the skip link).

axe-core comes from node_modules (pinned in package.json / package-lock.json, installed by `npm ci`) and is
evaluated in the page through Playwright (the DevTools protocol), which the page's Content-Security-Policy
does not govern (no bypass_csp): the pages keep their CSP and nothing is fetched from another host. No rule is
turned off: axe's default run (WCAG 2.0/2.1/2.2 A and AA, and its best practices), plus the WCAG A/AA rules axe
leaves off by default (target-size, WCAG 2.2 2.5.8). The light scheme is checked at 1280×800, the dark one on a
390×844 phone; every failure is reported with its page, state, rule, impact and the elements concerned.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.sitegen.render_calculator import MONETARY
from tests.browser_support import FEES as FEES_SELECTOR
from tests.browser_support import READY_MS, RESULT_MS, Watched

pytestmark = pytest.mark.browser

import playwright.sync_api as playwright_api  # noqa: E402 - after the marker, for readability

expect = playwright_api.expect

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FEES = FEES_SELECTOR.removeprefix("#")  # the field's id
#: Every kind of page the site has, so a page type that stopped being built cannot go unnoticed.
SAMPLE_PAGES = ["/", "/calculator/", "/measures/m2/", "/provisions/", "/agencies/", "/agencies/data-bureau/",
                "/glossary/", "/downloads/", "/reference/", "/about/", "/404.html"]
#: The desktop run is in the light scheme and the phone run in the dark one, so that both palettes and both layouts
#: are checked in two passes (the phone layout hides the navigation in a drawer and shows tables as cards).
SCHEMES = {"light": {"width": 1280, "height": 800}, "dark": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (axe-core is pinned in package.json)")
    return AXE.read_text(encoding="utf-8")


def site_pages(site: Path) -> list[str]:
    """Every page of both editions as a URL path: each index.html, and the two 404 pages."""
    pages = sorted("/" if index.parent == site else f"/{index.parent.relative_to(site).as_posix()}/"
                   for index in site.rglob("index.html"))
    return pages + [f"/{p.relative_to(site).as_posix()}" for p in sorted(site.rglob("404.html"))]


class Axe:
    """Runs axe-core in a page and keeps every violation, with the page and the state it was found in."""

    def __init__(self, source: str, scheme: str):
        self.source = source
        self.scheme = scheme
        self.found: list[str] = []
        self.runs = 0
        self.rules: set[str] = set()

    def check(self, page, where: str) -> None:
        settle(page)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source + "\n;undefined")
        result = page.evaluate("""async () => {
            // axe's default run, plus the WCAG 2.x A/AA rules it leaves off by default (target-size, WCAG 2.2 AA)
            const wcag = axe.getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
                .filter(rule => !rule.tags.includes('deprecated'));
            const r = await axe.run(document, {resultTypes: ['violations'],
                                               rules: Object.fromEntries(wcag.map(rule => [rule.ruleId, {enabled: true}]))});
            return {rules: [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map(x => x.id),
                    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' ')), summary: v.nodes[0].failureSummary}))};
        }""")
        self.runs += 1
        self.rules.update(result["rules"])
        scheme = page.evaluate("document.body.dataset.mdColorScheme || ''")
        for v in result["violations"]:
            targets = ", ".join(v["targets"][:6]) + (f" (+{len(v['targets']) - 6} more)" if len(v["targets"]) > 6 else "")
            self.found.append(f"[{self.scheme}/{scheme}] {where}: {v['id']} ({v['impact']}) {v['help']} — "
                              f"{len(v['targets'])} node(s): {targets}\n      {v['summary'].splitlines()[-1].strip()}")

    def report(self) -> str:
        return f"{len(self.found)} axe-core violation(s):\n" + "\n".join(self.found)


def settle(page, timeout_ms: int = 3000) -> None:
    """Wait (at most ``timeout_ms``) until no CSS transition runs: Material fades its back-to-top button in and
    out after a scroll, and axe-core measures a colour caught mid-fade as too faint, which no reader sees."""
    running = "() => document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"
    for _ in range(timeout_ms // 100):
        if not page.evaluate(running):
            return
        page.wait_for_timeout(100)


def wait_ready(page) -> None:
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)


def wait_results(page, seq_before: str) -> None:
    results = page.locator("#calc-results")
    expect(results).not_to_have_attribute("data-seq", seq_before, timeout=RESULT_MS)
    expect(results).not_to_have_attribute("aria-busy", "true", timeout=RESULT_MS)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_of_both_editions_and_the_calculator_in_use_have_no_axe_violations(
        scheme, browser, origin, built_site, axe_source):
    pages = site_pages(built_site)
    for sample in SAMPLE_PAGES:
        assert sample in pages and "/en" + sample in pages, f"{sample} is missing from one edition of the built site"
    context = browser.new_context(viewport=SCHEMES[scheme], color_scheme=scheme, service_workers="block")
    watch = Watched(context, origin)
    page = watch.page
    axe = Axe(axe_source, scheme)
    try:
        for path in pages:
            page.goto(origin + path)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
            if path.endswith("/calculator/"):
                wait_ready(page)
                axe.check(page, f"{path} (runtime ready, the first profile question)")
                page.check("#calc-a-small_firm")
                page.click("#calc-q-who .md-button--primary")
                page.click("#calc-q-run .md-button--primary")
                page.check("#calc-a-rented_compute")
                page.click("#calc-q-did .md-button--primary")
                expect(page.locator("#calc-match-m1-2")).to_be_hidden()
                axe.check(page, f"{path} (profile answered, the matching list narrowed)")
                page.check("#calc-m2-2-include")
                seq = page.locator("#calc-results").get_attribute("data-seq")
                page.fill(f"#{FEES}", "-5")
                wait_results(page, seq)
                expect(page.locator(f"#{FEES}")).to_have_attribute("aria-invalid", "true")
                axe.check(page, f"{path} (an amount refused, its error shown)")
                seq = page.locator("#calc-results").get_attribute("data-seq")
                page.fill(f"#{FEES}", "800万")
                wait_results(page, seq)
                result = page.locator('#calc-results article.calc-item[data-provision="m2-2"]')
                expect(result).to_be_visible()
                result.locator(".calc-item-details > summary").click()
                page.locator("#calc-m2-2-box .calc-conditions-box > summary").click()
                axe.check(page, f"{path} (a result shown for 800万 in m2-2, its details and conditions open)")
            elif path.endswith("/provisions/"):
                expect(page.locator("form.table-filters")).to_be_visible()
                axe.check(page, path)
                page.select_option("select[name=measure]", "m2")
                page.fill("input[name=q]", "comput" if path.startswith("/en/") else "算力")
                expect(page.locator("#provisions-table tbody tr:not([hidden])")).not_to_have_count(0)
                expect(page.locator("#provisions-table tbody tr[hidden]")).not_to_have_count(0)
                page.select_option("select[name=sort]", "4:desc")
                axe.check(page, f"{path} (filtered by measure and words, sorted by amount)")
            else:
                axe.check(page, path)
    finally:
        context.close()
    assert axe.runs == len(pages) + 2 * 3 + 2 * 1, "some page or state was not checked"
    assert len(pages) >= 2 * 30, pages
    # the run covers WCAG 2.x A and AA: a few of its rules, to be sure it really ran them
    assert {"color-contrast", "label", "link-in-text-block", "aria-dialog-name", "landmark-unique",
            "label-content-name-mismatch", "document-title", "html-lang-valid", "target-size", "aria-valid-attr-value",
            "scrollable-region-focusable", "nested-interactive", "list", "th-has-data-cells"} <= axe.rules
    assert len(axe.rules) >= 90, sorted(axe.rules)
    assert not axe.found, axe.report()
    assert watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_calculator_without_its_runtime_has_no_axe_violations(scheme, browser, origin, axe_source):
    """The runtime blocked: the matching list, a chosen provision's fields and the message saying why no estimate."""
    context = browser.new_context(viewport=SCHEMES[scheme], color_scheme=scheme, service_workers="block")
    page = context.new_page()
    page.route("**/pyodide/**", lambda route: route.abort())
    axe = Axe(axe_source, scheme)
    try:
        for edition in ("", "/en"):
            page.goto(f"{origin}{edition}/calculator/#v=2&a=small_firm,rented_compute&p=m2-2")
            expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=READY_MS)
            expect(page.locator("#calc-retry")).to_be_visible()
            expect(page.locator("#calc-match-m2-2")).to_be_visible()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
            page.wait_for_timeout(500)  # the theme's colour transitions (a link's colour fades in over 125 ms)
            axe.check(page, f"{edition}/calculator/ (runtime blocked, a provision chosen)")
    finally:
        context.close()
    assert axe.runs == 2
    assert not axe.found, axe.report()


# ---- the calculator with the keyboard alone ---------------------------------------------------------------

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    const box = el.getBoundingClientRect();
    return {id: el.id, tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
            text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
            visible: outline || shadow,
            // Tab stops inside a date field (day, month, year, calendar button); on the last one the field
            // itself matches neither :focus nor :focus-visible, only :focus-within
            focusVisible: el.matches(':focus-visible') || (el.type === 'date' && el.matches(':focus-within')),
            onScreen: box.width > 0 && box.height > 0,
            inMain: Boolean(el.closest('.md-content'))};
}"""


def tab_until(page, predicate, seen: list, limit: int, key: str = "Tab") -> dict:
    """Press Tab (or another key) until the focused element satisfies predicate; record every stop."""
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        if state:
            seen.append(state)
        if state and predicate(state):
            return state
    pytest.fail(f"{key} ×{limit} never reached the element; stops: {[s['id'] or s['text'] for s in seen[-limit:]]}")


def active_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_the_calculator_works_with_the_keyboard_alone_announcing_results_and_errors_without_moving_the_focus(
        browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    watch = Watched(context, origin)
    page = watch.page
    seen: list[dict] = []
    try:
        page.goto(origin + "/calculator/")
        wait_ready(page)

        # the skip link is the first stop, shows itself, and skips the header and the navigation
        skip = tab_until(page, lambda s: True, seen, 1)
        assert "md-skip" in skip["cls"] and skip["onScreen"], skip
        expect(page.locator("a.md-skip")).to_be_in_viewport()
        page.keyboard.press("Enter")  # (the calculator then writes its scenario back into the fragment)
        expect(page.locator("h1")).to_be_in_viewport()
        first = tab_until(page, lambda s: True, seen, 1)
        assert first["inMain"], f"after the skip link, Tab went to {first} instead of the page's content"

        # the profile: an answer ticked with the space bar, the questions stepped through with Enter
        tab_until(page, lambda s: s["id"] == "calc-a-ai_firm", seen, 60)
        page.keyboard.press("Space")
        expect(page.locator("#calc-a-ai_firm")).to_be_checked()
        for question in ("who", "run", "did"):
            tab_until(page, lambda s: "md-button--primary" in (s["cls"] or ""), seen, 15)
            page.keyboard.press("Enter")
            if question != "did":
                expect(page.locator(f"#calc-q-{question}")).to_be_hidden()
        expect(page.locator("#calc-match-m2-3")).to_be_hidden()  # another kind of reader's provision is left out
        expect(page.locator("#calc-match-count")).not_to_be_empty()

        # a provision chosen with the space bar: its first field takes the focus (Tab skips what is left out)
        tab_until(page, lambda s: s["id"] == "calc-m2-2-include", seen, 120)
        page.keyboard.press("Space")
        expect(page.locator("#calc-m2-2-include")).to_be_checked()
        expect(page.locator(f"#{FEES}")).to_be_focused()

        # its amount typed; while the results re-render, the focus stays
        announce = page.locator("#calc-announce")
        assert announce.get_attribute("aria-live") == "polite" and announce.get_attribute("role") == "status"
        assert announce.get_attribute("aria-atomic") == "true"
        page.evaluate("""() => {
            window.__focusDuringRender = [];
            const log = () => window.__focusDuringRender.push(document.activeElement.id || document.activeElement.tagName);
            const watch = new MutationObserver(log);
            for (const id of ['calc-results', 'calc-announce'])
                watch.observe(document.getElementById(id), {childList: true, subtree: true, characterData: true, attributes: true});
        }""")
        seq = page.locator("#calc-results").get_attribute("data-seq")
        page.keyboard.type("800万", delay=40)
        wait_results(page, seq)
        expect(announce).to_have_text("估算合计:每年:最高200万元(2,000,000.00元)。")
        expect(page.locator('#calc-results article.calc-item[data-provision="m2-2"] .calc-item-amount')).to_contain_text("200万元")
        # the sticky total that appears at the bottom of the window does not cover the field (WCAG 2.4.11)
        assert page.evaluate("""() => {
            const bar = document.getElementById('calc-sticky');
            return bar.hidden || document.activeElement.getBoundingClientRect().bottom <= bar.getBoundingClientRect().top;
        }"""), "the sticky total covers the field being typed in"

        # a refused amount: the error beside the field, the field marked invalid and described by it, announced
        page.keyboard.press("Control+A")
        seq = page.locator("#calc-results").get_attribute("data-seq")
        page.keyboard.type("-5")
        wait_results(page, seq)
        field = page.locator(f"#{FEES}")
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator(f"#{FEES}-err")
        expect(error).to_be_visible()
        expect(error).not_to_be_empty()
        assert f"{FEES}-err" in field.get_attribute("aria-describedby").split()
        expect(field).to_have_accessible_description(re.compile(re.escape(error.inner_text().strip()[:8])))
        expect(announce).to_have_text("有 1 处输入需要更正。")

        # corrected: the error goes, the total is announced again
        page.keyboard.press("Control+A")
        seq = page.locator("#calc-results").get_attribute("data-seq")
        page.keyboard.type("300万")
        wait_results(page, seq)
        expect(field).not_to_have_attribute("aria-invalid", "true")
        expect(error).to_be_hidden()
        expect(announce).to_have_text("估算合计:每年:90万元(900,000.00元)。")
        focus_log = page.evaluate("window.__focusDuringRender")
        assert len(focus_log) > 3, "the results were not re-rendered"
        assert set(focus_log) == {FEES}, f"the focus moved while the results re-rendered: {set(focus_log)}"
        assert active_id(page) == FEES
        expect(field).to_have_value("300万")

        # a condition answered with the arrow keys within its radio group; Shift+Tab goes back
        tab_until(page, lambda s: s["tag"] == "summary", seen, 5)
        page.keyboard.press("Enter")  # the conditions' disclosure opens
        tab_until(page, lambda s: s["id"].startswith("calc-m2-2-if-meets_conditions-"), seen, 5)
        seq = page.locator("#calc-results").get_attribute("data-seq")
        page.keyboard.press("ArrowRight")
        expect(page.locator("#calc-m2-2-if-meets_conditions-yes")).to_be_checked()
        wait_results(page, seq)
        tab_until(page, lambda s: s["id"] == FEES, seen, 5, key="Shift+Tab")

        # every stop on the way showed where the focus was
        invisible = [s for s in seen if not (s["visible"] and s["focusVisible"])]
        assert not invisible, f"focus not visible on: {invisible}"
        assert watch.errors == [] and watch.foreign == []
    finally:
        context.close()


INTERACTIVE_ROLES = {"textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "button", "spinbutton",
                     "slider", "switch", "link", "menuitem", "tab", "date", "DateTime", "InputTime"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_control_of_the_calculator_has_a_label_and_an_accessible_name(lang, browser, origin, policy_pristine):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    try:
        chosen = ",".join(p["id"] for p in policy_pristine["provisions"] if p["kind"] in MONETARY)
        page.goto(origin + ("/en" if lang == "en" else "") + f"/calculator/#v=2&p={chosen}")  # every provision's fields
        wait_ready(page)
        for summary in page.locator("#calc-form details > summary").all():
            summary.evaluate("s => s.parentElement.open = true")  # the fields folded away are checked too
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('#calc input, #calc select, #calc textarea')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => el.id || el.name)""")
        assert unlabelled == []
        controls = page.evaluate("document.querySelectorAll('#calc input, #calc select').length")
        cdp = context.new_cdp_session(page)
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
        checked, nameless = 0, []
        for node in tree:
            role = (node.get("role") or {}).get("value")
            if node.get("ignored") or role not in INTERACTIVE_ROLES:
                continue
            checked += 1
            name = str((node.get("name") or {}).get("value") or "").strip()
            if not name:
                nameless.append((role, node.get("backendDOMNodeId")))
        assert checked >= controls > 100, (checked, controls)
        assert nameless == [], f"controls without an accessible name: {nameless}"
    finally:
        context.close()


def test_focus_is_visible_on_every_stop_of_a_measure_page_and_the_provisions_index(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    try:
        for path in ("/measures/m2/", "/en/provisions/"):
            page.goto(origin + path)
            page.wait_for_load_state("load")
            seen: list[dict] = []
            stops = page.evaluate("document.querySelectorAll('a[href], button, input, select, summary, [tabindex]').length")
            for _ in range(min(stops, 400)):
                page.keyboard.press("Tab")
                state = page.evaluate(FOCUS_STATE)
                if state is None:
                    break
                seen.append(state)
            kinds = {s["cls"].split()[0] if s["cls"] else s["tag"] for s in seen}
            # the header's language switcher, the content's links and the copy-link buttons are among the stops
            assert {"md-select__link", "copy-link"} <= kinds, kinds
            invisible = [s for s in seen if s["onScreen"] and not (s["visible"] and s["focusVisible"])]
            assert not invisible, f"{path}: focus not visible on {invisible[:10]}"
            assert len(seen) > 50
    finally:
        context.close()
