"""The calculator page when its runtime breaks, in Chromium: one test per fault.

Each fault is made with Playwright routing on the browser context (a 404, corrupt bytes, a worker script that
throws), so a reading page opened in the same context meets the same broken server. For each: a clear message in
the status line and a Retry button (or, where there is a fallback, the fallback: a damaged snapshot starts Python
without it and the calculator works); the form stays usable; a measure page opened meanwhile renders fully with
no error; and once the fault is removed, Retry gives a working calculator. No test allows an uncaught error or a
console error: the runtime reports every failure as a message. The offline service worker is blocked here (it
would serve files from its cache, around the routes); it is tested in test_offline.py.
"""

from __future__ import annotations

import fnmatch
import json
import time

import pytest

from tests.browser_support import FEES, READY_MS, RESULT_MS, Watched, open_calculator
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

import playwright.sync_api as playwright_api  # noqa: E402

expect = playwright_api.expect

SCENARIO = "#v=1&as_of=2026-06-01&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
TOTAL = "200万元(2,000,000.00元)"  # the amount; the sentence around it is the page's (catalogs)
#: What the results area says when the runtime failed: the page's own words, from its catalog.
FAILED_HELP = json.loads((ROOT / "scripts" / "sitegen" / "catalogs" / "zh.json").read_text(encoding="utf-8"))["js.failedHelp"]

WASM = "**/pyodide/pyodide.asm.wasm"
SNAPSHOT = "**/pyodide/calc-snapshot-*.bin.gz"
WHEEL = "**/pyodide/wheels/*/*.whl"
POLICY = "**/data/suzhou-ai-plus-2026.json"
WORKER = "**/assets/calculator/worker.mjs"
STDLIB_PLACEHOLDER = "**/pyodide/python_stdlib-placeholder.zip"


def not_found(route):
    route.fulfill(status=404, content_type="text/plain", body="not found")


def corrupt(route):
    """The real file with one byte flipped in the middle, as if damaged in transit."""
    response = route.fetch()
    body = bytearray(response.body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(response=response, body=bytes(body))


def throwing_worker(route):
    route.fulfill(status=200, content_type="text/javascript",
                  body='throw new Error("the worker crashed while starting");\n')


@pytest.fixture
def watched(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    watch = Watched(context, origin)
    watch.requests = []
    context.on("request", lambda request: watch.requests.append(request.url))
    yield watch
    context.close()
    assert watch.foreign == [], "requests left the site's origin"
    assert watch.dialogs == []


@pytest.fixture(scope="module")
def m2_sentences(policy_pristine) -> int:
    measure = next(m for m in policy_pristine["measures"] if m["id"] == "m2")
    return sum(len(paragraph["sentences"]) for paragraph in measure["paragraphs"])


def assert_failed_clearly(page, message: str):
    status = page.locator("#calc-status")
    expect(status).to_contain_text("计算器未能加载")
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("重试")
    retry = page.locator("#calc-retry")
    expect(retry).to_be_visible()
    expect(retry).to_have_text("重试")
    results = page.locator("#calc-results")
    expect(results).to_contain_text(FAILED_HELP)
    expect(results).not_to_contain_text("估算合计")  # no estimate is shown that the runtime did not give
    # The form stays usable and keeps what is typed (in the link too).
    page.fill(FEES, "900万")
    expect(page.locator(FEES)).to_have_value("900万")
    assert "m2-2.compute_rental_fees_paid=900" in page.url
    expect(results).to_contain_text(FAILED_HELP)


def assert_reading_page_whole(watch: Watched, origin: str, sentences: int):
    """A measure page opened in the same (broken) context: the text, the chart, the scripts that enhance it."""
    page = watch.new_page()
    page.goto(f"{origin}/measures/m2/")
    expect(page.locator("h1")).to_contain_text("降低智能算力使用成本")
    expect(page.locator(".policy-text .sentence")).to_have_count(sentences)
    expect(page.locator("#m2-p1-s2")).to_have_text(
        "对符合条件的科技研发企业,按实际支付智能算力租用费用的30%,给予每年最高200万元补贴。")
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator(".site-status__today").first).to_be_visible()  # site-status.mjs ran
    expect(page.locator("button.copy-link").first).to_be_visible()  # copy-link.mjs ran
    expect(page.locator('a.calc-link[href$="p=m2-2"]')).to_be_visible()
    page.wait_for_load_state("load")
    page.close()


def retry_recovers(page):
    page.locator("#calc-retry").click()
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    expect(page.locator("#calc-retry")).to_be_hidden()
    expect(page.locator("#calc-status")).to_have_text("计算器已就绪。结果随输入自动更新。")
    page.fill(FEES, "800万")
    expect(page.locator("#calc-announce")).to_contain_text(TOTAL, timeout=RESULT_MS)


def fetched(watch: Watched, pattern: str) -> list[str]:
    """The requests whose address (without its query) matches a route pattern."""
    return [url for url in watch.requests if fnmatch.fnmatch(url.split("?")[0], pattern.replace("**/", "*/"))]


def test_a_missing_wasm_fails_with_a_message_and_retry_and_no_uncaught_error(watched, origin, m2_sentences):
    watched.context.route(WASM, not_found)
    page = open_calculator(watched, origin, SCENARIO, state="failed")
    assert_failed_clearly(page, "计算器运行环境(pyodide/ 下的文件)无法载入")
    assert_reading_page_whole(watched, origin, m2_sentences)
    assert watched.errors == []
    watched.context.unroute(WASM)
    retry_recovers(page)
    assert watched.errors == []


def test_a_wasm_download_cut_off_fails_with_a_message_and_no_uncaught_error(watched, origin):
    """The known issue: with the .wasm (and the snapshot) blocked, Pyodide used to raise an unhandled
    "TypeError: Failed to fetch" inside the worker, reported as an uncaught page error."""
    watched.context.route(WASM, lambda route: route.abort())
    watched.context.route(SNAPSHOT, lambda route: route.abort())
    page = open_calculator(watched, origin, SCENARIO, state="failed")
    assert_failed_clearly(page, "计算器运行环境(pyodide/ 下的文件)无法载入")
    page.wait_for_timeout(500)  # anything left unhandled in the worker would be reported by now
    assert watched.errors == []
    watched.context.unroute(WASM)
    watched.context.unroute(SNAPSHOT)
    retry_recovers(page)
    assert watched.errors == []


def test_a_corrupt_snapshot_falls_back_to_a_plain_start_and_the_calculator_works(watched, origin, m2_sentences):
    watched.context.route(SNAPSHOT, corrupt)
    page = open_calculator(watched, origin, SCENARIO, state="ready")
    expect(page.locator("#calc-retry")).to_be_hidden()
    expect(page.locator("#calc-announce")).to_contain_text(TOTAL, timeout=RESULT_MS)
    assert fetched(watched, SNAPSHOT), "the snapshot was tried"
    assert fetched(watched, WHEEL), "the plain start installed the wheel"
    page.fill(FEES, "100万")
    expect(page.locator("#calc-announce")).to_contain_text("30万元(300,000.00元)", timeout=RESULT_MS)
    assert_reading_page_whole(watched, origin, m2_sentences)
    assert watched.errors == []


FAULTS = [
    # (routes: pattern -> handler, the message the reader sees, a file that must still have been requested)
    pytest.param({POLICY: not_found}, "政策数据(data/suzhou-ai-plus-2026.json)无法载入或无效", None,
                 id="a missing policy file"),
    pytest.param({SNAPSHOT: not_found, WHEEL: not_found}, "计算器程序包(calc)无法安装:文件缺失或校验值不符", None,
                 id="a missing wheel when the snapshot cannot be used"),
    pytest.param({SNAPSHOT: corrupt, WHEEL: corrupt}, "计算器程序包(calc)无法安装:文件缺失或校验值不符", WHEEL,
                 id="a wheel with a wrong hash, refused by its SHA-256 (downloaded, not missing)"),
    pytest.param({WORKER: not_found}, "浏览器无法启动计算器的后台线程(Web Worker)", None, id="a missing worker script"),
    pytest.param({WORKER: throwing_worker}, "浏览器无法启动计算器的后台线程(Web Worker)", None,
                 id="a worker that throws while starting"),
]


@pytest.mark.parametrize("routes, message, must_fetch", FAULTS)
def test_a_fault_fails_with_a_clear_message_leaves_reading_pages_whole_and_retry_recovers(
        watched, origin, m2_sentences, routes, message, must_fetch):
    for pattern, handler in routes.items():
        watched.context.route(pattern, handler)
    page = open_calculator(watched, origin, SCENARIO, state="failed")
    assert_failed_clearly(page, message)
    if must_fetch:
        assert fetched(watched, must_fetch)
    assert_reading_page_whole(watched, origin, m2_sentences)
    for pattern in routes:
        watched.context.unroute(pattern)
    retry_recovers(page)
    assert watched.errors == []


def test_a_worker_that_dies_mid_session_is_detected_and_retry_recovers(watched, origin):
    """The worker ends (as a crashed one would) after the calculator is ready: the next estimate gets no
    answer. The page must not sit "busy" forever showing the last result as if it were the new one."""
    page = open_calculator(watched, origin, SCENARIO, state="ready")
    expect(page.locator("#calc-announce")).to_contain_text(TOTAL, timeout=RESULT_MS)
    workers = [w for w in page.workers if w.url.endswith("/assets/calculator/worker.mjs")]
    assert len(workers) == 1
    workers[0].evaluate("self.close()")
    page.fill(FEES, "100万")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=READY_MS)
    assert_failed_clearly(page, "计算器的后台线程(Web Worker)已停止响应")
    expect(page.locator("#calc-results")).not_to_have_attribute("aria-busy", "true")
    retry_recovers(page)
    assert watched.errors == []


def test_a_failure_pyodide_leaves_unhandled_in_the_worker_is_a_warning_not_an_uncaught_error(watched, origin):
    """Pyodide requests the standard library's placeholder early and awaits it later: a 404 there rejects a
    promise nobody handles yet. The worker reports it as a warning; Python restored from the snapshot needs no
    file from it, so the calculator works. (Pyodide itself logs the failed file with console.error.)"""
    warnings: list[str] = []
    watched.page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    watched.context.route(STDLIB_PLACEHOLDER, not_found)
    page = open_calculator(watched, origin, SCENARIO, state="ready")
    expect(page.locator("#calc-announce")).to_contain_text(TOTAL, timeout=RESULT_MS)
    assert [e for e in watched.errors if e.startswith("uncaught")] == []
    assert [e for e in watched.errors if "standard library" not in e and "python_stdlib-placeholder.zip" not in e] == []
    assert any(w.startswith("calculator: a failure inside the runtime was caught") for w in warnings), warnings


def test_a_prestart_script_that_arrives_late_does_not_start_a_second_runtime(watched, origin):
    """prestart.mjs (async, in <head>) normally starts the runtime before app.mjs asks for it; on a slow
    connection it can arrive after app.mjs has started its own: it must not start a second Pyodide."""
    def late(route):
        response = route.fetch()
        time.sleep(1.5)
        route.fulfill(response=response)

    watched.context.route("**/assets/calculator/prestart.mjs", late)
    page = open_calculator(watched, origin, SCENARIO, state="ready")
    expect(page.locator("#calc-announce")).to_contain_text(TOTAL, timeout=RESULT_MS)
    page.wait_for_timeout(1000)
    assert fetched(watched, "**/assets/calculator/prestart.mjs"), "prestart.mjs was loaded"
    assert len(fetched(watched, WORKER)) == 1
    assert len(fetched(watched, WASM)) == 1
    assert len([w for w in page.workers if w.url.endswith("/assets/calculator/worker.mjs")]) == 1
    assert watched.errors == []


def test_the_english_page_says_the_same_in_english(watched, origin):
    watched.context.route(POLICY, not_found)
    page = watched.page
    page.goto(f"{origin}/en/calculator/{SCENARIO}")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=READY_MS)
    expect(page.locator("#calc-status")).to_contain_text("The policy data (data/suzhou-ai-plus-2026.json) could not be loaded")
    expect(page.locator("#calc-retry")).to_be_visible()
    watched.context.unroute(POLICY)
    page.locator("#calc-retry").click()
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    expect(page.locator("#calc-announce")).to_contain_text("2,000,000.00 yuan", timeout=RESULT_MS)
    assert watched.errors == []


def test_the_routes_above_match_the_files_the_build_publishes(built_site):
    """The fault patterns must name real files, or a fault test could pass without breaking anything."""
    manifest = json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
    assert (built_site / "pyodide" / "pyodide.asm.wasm").is_file()
    assert manifest["snapshot"]["file"].startswith("calc-snapshot-") and manifest["snapshot"]["file"].endswith(".bin.gz")
    assert manifest["wheel"]["file"].startswith("wheels/") and manifest["wheel"]["file"].endswith(".whl")
    assert manifest["stdlib_placeholder"]["file"] == "python_stdlib-placeholder.zip"
    assert (built_site / "data" / "suzhou-ai-plus-2026.json").is_file()
    assert (built_site / "assets" / "calculator" / "worker.mjs").is_file()


def wrong_type(route):
    """The real wasm, sent as application/octet-stream (a server without the wasm MIME type)."""
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})


def test_a_server_side_cause_is_told_in_plain_words_with_the_details_for_operators_apart(watched, origin):
    watched.context.route(WASM, wrong_type)
    page = open_calculator(watched, origin, SCENARIO, state="failed")
    status = page.locator("#calc-status")
    expect(status).to_contain_text("这不是您的设备或网络的问题")
    expect(status).not_to_contain_text("application/wasm")
    operator = page.locator("#calc-status-operator")
    expect(operator).to_be_visible()
    expect(operator.locator("summary")).to_have_text("网站管理员须知")
    assert operator.get_attribute("open") is None, "closed until an operator opens it"
    expect(operator).to_contain_text("application/octet-stream")
    expect(operator).to_contain_text("application/wasm")
    watched.context.unroute(WASM)
    retry_recovers(page)
    expect(operator).to_have_count(0)
    assert watched.errors == []
