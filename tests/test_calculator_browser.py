"""The calculator page in Chromium, driven by Playwright, against the built site served on loopback.

Everything is real: the site is built once for the session, served by a small HTTP server on 127.0.0.1,
and the page runs calc in Pyodide in a Web Worker under the site's own Content-Security-Policy. No request
may leave that origin, and no test may produce a console error (except the one that blocks the .wasm).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser_support import FEES, READY_MS, RESULT_MS, Watched

pytestmark = pytest.mark.browser

import playwright.sync_api as playwright_api  # noqa: E402 - after the marker, for readability

expect = playwright_api.expect



@pytest.fixture
def watched(browser, origin):
    # The offline service worker is tested in test_offline.py; here it would hide requests from page.route.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, service_workers="block")
    watch = Watched(context, origin)
    yield watch
    context.close()
    assert watch.foreign == [], "requests left the site's origin"
    assert watch.dialogs == []


def clean(watch: Watched) -> None:
    """No console error and no uncaught exception on any page of the test."""
    assert watch.errors == []


def open_calculator(watch: Watched, origin: str, fragment: str = "", lang: str = "zh", page=None):
    page = page or watch.page
    page.goto(f"{origin}/{'en/' if lang == 'en' else ''}calculator/{fragment}")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    return page


def results_after(page, seq_before: int):
    """Wait until #calc-results has rendered an answer after `seq_before` answers."""
    results = page.locator("#calc-results")
    expect(results).not_to_have_attribute("data-seq", str(seq_before), timeout=RESULT_MS)
    expect(results).not_to_have_attribute("aria-busy", "true", timeout=RESULT_MS)
    return results


def seq(page) -> int:
    return int(page.locator("#calc-results").get_attribute("data-seq"))


def item(page, provision: str):
    return page.locator(f'#calc-results article.calc-item[data-provision="{provision}"]')


def test_an_rd_enterprise_typing_800_wan_of_compute_rental_fees_sees_200_wan_bound_by_the_cap(watched, origin):
    page = open_calculator(watched, origin)
    expect(page.locator("#calc-retry")).to_be_hidden()
    page.select_option("#calc-role", "enterprise")
    expect(page.locator("#calc-m2-2-box")).to_be_visible()
    expect(page.locator("#calc-m2-3-box")).to_be_hidden()  # the compute supplier's subsidy is for another role
    expect(page.locator("#calc-m7-2-box")).to_be_hidden()
    page.locator(FEES).press_sequentially("800万", delay=30)
    results = results_after(page, 0)
    expect(page.locator("#calc-announce")).to_have_text("估算合计 200万元(2,000,000.00元)。")
    expect(page.locator("#calc-m2-2-include")).to_be_checked()

    total = results.locator(".calc-total")
    expect(total.locator(".calc-total-main")).to_have_text("估算合计:200万元(2,000,000.00元)")
    expect(total.locator(".calc-total-up-to")).to_contain_text("经评审确定,不是承诺")
    expect(total.locator(".calc-total-up-to")).to_contain_text("200万元(2,000,000.00元)")
    expect(total.locator(".calc-total-fixed")).to_contain_text("0万元(0.00元)")

    m22 = item(page, "m2-2")
    expect(m22.locator(".calc-item-amount")).to_have_text("200万元(2,000,000.00元)最高")
    facts = m22.locator(".calc-facts")
    expect(facts).to_contain_text("可申请(估算)")
    expect(facts).to_contain_text("决定金额的限制封顶(上限)")
    expect(facts).to_contain_text("期限每年")
    expect(facts).to_contain_text("市科技局、市数据局")
    expect(m22.locator(".calc-to-confirm")).to_contain_text("符合条件的科技研发企业")
    steps = m22.locator(".calc-steps li")
    expect(steps.nth(0).locator(".calc-step-text")).to_have_text("30% × 实际支付智能算力租用费用 8,000,000.00元 = 2,400,000.00元")
    expect(steps.nth(1).locator(".calc-step-text")).to_have_text("超过上限,按上限200万元计")
    expect(steps.nth(1).locator("q")).to_have_text("给予每年最高200万元补贴")
    link = steps.nth(1).locator("a")
    expect(link).to_have_attribute("href", "../measures/m2/#m2-p1-s2")
    expect(m22.locator("h4 a")).to_have_attribute("href", "../measures/m2/#m2-2")
    assert page.evaluate("document.activeElement.id") == FEES[1:], "the recalculation moved the focus"

    link.click()  # the quoted words link to the very sentence on the measure page
    page.wait_for_url("**/measures/m2/#m2-p1-s2")
    expect(page.locator("#m2-p1-s2")).to_have_text("对符合条件的科技研发企业,按实际支付智能算力租用费用的30%,给予每年最高200万元补贴。")
    clean(watched)


def test_a_share_link_opened_in_a_new_page_restores_the_same_scenario_and_result(watched, origin, browser):
    page = open_calculator(watched, origin)
    page.fill("#calc-as-of", "2026-06-01")
    page.fill(FEES, "800万")
    page.check("#calc-m2-2-if-meets_conditions-yes")
    page.locator("#calc-m2-2-other summary").click()
    page.fill("#calc-m2-2-other-amount", "150万")
    page.fill("#calc-m2-2-other-source", "某区算力政策")
    page.fill("#calc-m9-4-in-compute_costs", "10万")
    results = results_after(page, 0)
    expect(item(page, "m9-4")).to_have_attribute("data-status", "set_aside", timeout=RESULT_MS)
    overlap = item(page, "m9-4").locator(".calc-overlap")
    expect(overlap).to_contain_text("本项不计入")
    expect(overlap.locator(".calc-overlap-basis")).to_have_attribute("data-basis", "interpretation")
    expect(overlap).to_contain_text("这是本项目的解读")
    expect(item(page, "m2-2").locator(".calc-overlap")).to_contain_text("本项适用")
    expect(page.locator(".calc-other-report")).to_contain_text("某区算力政策")
    expect(page.locator(".calc-other-report")).to_contain_text("150万")
    expected_text = results.text_content()
    url = page.url
    assert "#v=1&" in url and "as_of=2026-06-01" in url and "p=m2-2,m9-4" in url
    expect(page.locator("#calc-share-url")).to_have_value(url)
    english = page.locator('a[hreflang="en"]').first.get_attribute("href")
    assert english.endswith("/en/calculator/" + url[url.index("#"):]), "the language switch keeps the scenario"

    fresh = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")  # a new browser profile, a phone
    try:
        other = Watched(fresh, origin)
        shared = open_calculator(other, origin, page=other.page, fragment=url[url.index("#"):])
        results_after(shared, 0)
        expect(shared.locator("#calc-as-of")).to_have_value("2026-06-01")
        expect(shared.locator(FEES)).to_have_value("800万")
        expect(shared.locator("#calc-m2-2-if-meets_conditions-yes")).to_be_checked()
        expect(shared.locator("#calc-m2-2-other-amount")).to_have_value("150万")
        expect(shared.locator("#calc-m2-2-other-source")).to_have_value("某区算力政策")
        expect(shared.locator("#calc-m9-4-include")).to_be_checked()
        assert shared.locator("#calc-results").text_content() == expected_text
        assert shared.url == url
        assert shared.evaluate("document.documentElement.scrollWidth") <= 390, "the page is wider than the phone"
        assert other.errors == [] and other.foreign == []
    finally:
        fresh.close()

    page.reload()  # and a reload restores it too
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    results_after(page, 0)
    assert page.locator("#calc-results").text_content() == expected_text
    clean(watched)


def test_blocking_the_wasm_shows_the_failure_and_a_retry_button_and_the_page_stays_readable(watched, origin):
    page = watched.page
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(f"{origin}/calculator/")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "failed", timeout=READY_MS)
    status = page.locator("#calc-status")
    expect(status).to_contain_text("计算器未能加载")
    expect(status).to_contain_text("重试")
    retry = page.locator("#calc-retry")
    expect(retry).to_be_visible()
    expect(retry).to_have_text("重试")
    # The page stays readable and the form editable.
    expect(page.locator("h1")).to_contain_text("补贴估算器")
    expect(page.locator("#calc-m2-2-box .calc-quote")).to_contain_text("给予每年最高200万元补贴")
    page.fill(FEES, "800万")
    expect(page.locator(FEES)).to_have_value("800万")
    expect(page.locator("#calc-results")).to_contain_text("重试")
    assert "m2-2.compute_rental_fees_paid=800" in page.url

    page.unroute("**/*.wasm")  # Retry, now that the runtime can be downloaded, gives the estimate
    retry.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    expect(retry).to_be_hidden()
    results_after(page, 0)
    expect(item(page, "m2-2").locator(".calc-item-amount")).to_contain_text("200万元(2,000,000.00元)")
    # Only the blocked download itself may be logged (the browser's "Failed to load resource"); nothing uncaught:
    # the worker reports what Pyodide leaves unhandled as a warning (see tests/test_faults.py).
    unexpected = [e for e in watched.errors if not ("Failed to load resource" in e or "ERR_FAILED" in e)]
    assert unexpected == []


def test_a_bad_amount_is_shown_beside_its_field_and_cleared_once_corrected(watched, origin):
    page = open_calculator(watched, origin)
    page.fill("#calc-as-of", "2026-06-01")
    page.fill(FEES, "800万")
    results_after(page, 0)
    # Two claims: m2-2 is claims[0], m4-2 claims[1]; its problem must land beside m4-2's field, not m2-2's.
    page.fill("#calc-m4-2-in-filing_date", "2026-03-01")
    models = page.locator("#calc-m4-2-in-models")
    models.focus()
    before = seq(page)
    page.keyboard.type("abc")
    results_after(page, before)
    error = page.locator("#calc-m4-2-in-models-err")
    expect(error).to_be_visible()
    expect(error).to_have_text("请填写整数,如 3。")
    expect(models).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"{FEES}-err")).to_be_hidden()
    expect(page.locator("#calc-results .calc-problems")).to_contain_text("新获得备案的模型数量(个):请填写整数,如 3。")
    expect(page.locator("#calc-announce")).to_have_text("有 1 处输入需要更正。")
    expect(page.locator("#calc-export-json")).to_be_disabled()
    assert page.evaluate("document.activeElement.id") == "calc-m4-2-in-models"

    fees = page.locator(FEES)
    fees.fill("-5")
    expect(page.locator(f"{FEES}-err")).to_have_text("金额不能为负数。", timeout=RESULT_MS)
    expect(error).to_have_text("请填写整数,如 3。")
    expect(page.locator("#calc-announce")).to_have_text("有 2 处输入需要更正。")

    fees.fill("800万")
    models.fill("2")
    expect(page.locator("#calc-announce")).to_contain_text("估算合计 300万元", timeout=RESULT_MS)
    expect(error).to_be_hidden()
    expect(models).not_to_have_attribute("aria-invalid", "true")
    expect(item(page, "m4-2").locator(".calc-steps")).to_contain_text("50万元 × 2 = 1,000,000.00元")

    page.locator("#calc-m2-2-other summary").click()
    page.fill("#calc-m2-2-other-amount", "abc")
    other_error = page.locator("#calc-m2-2-other-amount-err")
    expect(other_error).to_contain_text("无法识别的金额", timeout=RESULT_MS)
    clean(watched)


def test_a_condition_not_met_makes_the_item_not_eligible_with_the_reason_using_the_keyboard_only(watched, origin):
    page = open_calculator(watched, origin)
    include = page.locator("#calc-m2-2-include")
    include.focus()
    page.keyboard.press("Space")
    expect(include).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == FEES[1:]
    page.keyboard.type("800万")
    results_after(page, 0)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calc-m2-2-if-meets_conditions-unset"
    before = seq(page)
    page.keyboard.press("ArrowRight")  # 符合
    page.keyboard.press("ArrowRight")  # 不符合
    expect(page.locator("#calc-m2-2-if-meets_conditions-no")).to_be_checked()
    results_after(page, before)
    expect(item(page, "m2-2")).to_have_attribute("data-status", "not_eligible", timeout=RESULT_MS)
    expect(item(page, "m2-2").locator(".calc-reasons")).to_contain_text("原文条件“符合条件的科技研发企业”未满足,因此不符合。")
    expect(page.locator("#calc-announce")).to_have_text("估算合计 0万元(0.00元)。")
    assert page.evaluate("document.activeElement.id") == "calc-m2-2-if-meets_conditions-no"
    assert "m2-2.if.meets_conditions=no" in page.url
    clean(watched)


def test_the_english_page_works_in_english(watched, origin, policy_pristine):
    provision = next(p for p in policy_pristine["provisions"] if p["id"] == "m2-2")
    page = open_calculator(watched, origin, lang="en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#calc-status")).to_have_text("The calculator is ready. Results update as you type.")
    page.select_option("#calc-role", "enterprise")
    expect(page.locator("label[for='calc-m2-2-in-compute_rental_fees_paid']")).to_have_text(
        f"{provision['inputs'][0]['label']['en']} (yuan)")
    page.fill(FEES, "800万")
    results_after(page, 0)
    m22 = item(page, "m2-2")
    expect(m22.locator(".calc-item-amount")).to_have_text("2,000,000.00 yuan (200万元)up to")
    expect(m22.locator(".calc-facts")).to_contain_text("the cap")
    expect(m22.locator(".calc-steps li").nth(0).locator(".calc-step-text")).to_have_text(
        f"30% × {provision['rule']['base']['en']} 8,000,000.00 yuan = 2,400,000.00 yuan")
    expect(m22.locator(".calc-steps li").nth(1).locator("q")).to_have_text("给予每年最高200万元补贴")
    expect(m22.locator("h4 a")).to_have_attribute("href", "../measures/m2/#m2-2")
    page.fill(FEES, "abc")
    expect(page.locator(f"{FEES}-err")).to_contain_text("Amount not understood", timeout=RESULT_MS)
    expect(page.locator("#calc-announce")).to_have_text("1 input needs correcting.")
    clean(watched)


HOSTILE = [
    ("#v=1&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8", "编码有误"),  # cut off in the middle of 万
    ("#v=1&p=m99-1,m2-2", "条款 m99-1 不存在"),
    ("#v=2&p=m2-2", "格式版本“2”"),
    ("#v=1&p=m1-1", "m1-1 不计算金额"),
    ("#v=1&" + "x" * 20000 + "=1", "链接过长"),
    ("#v=1&__proto__=1&constructor.prototype=1", "无法识别"),
    ("#v=1&m2-2.__proto__=1", "没有输入项"),
    ("#v=1&m1-8.prize_level=gold", "没有选项"),
    ("#v=1&m2-2.if.meets_conditions=maybe", "yes 或 no"),
    ("#v=1&role=admin", "身份“admin”不存在"),
    ("#v=1&as_of=tomorrow", "不是 YYYY-MM-DD"),
    ("#%%%", "无法识别"),
]


def test_a_malformed_truncated_hostile_or_oversized_link_gives_a_clear_message_and_never_throws(watched, origin):
    page = watched.page
    for fragment, message in HOSTILE:
        page.goto(f"{origin}/calculator/{fragment}")
        problems = page.locator("#calc-link-problems")
        expect(problems).to_be_visible()
        expect(problems).to_contain_text(message)
        expect(page.locator("#calc-form")).to_be_visible()
    # Markup in a shared link is shown as text, never run.
    source = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    page.goto(f"{origin}/calculator/#v=1&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
              f"&m2-2.other.amount=1%E4%B8%87&m2-2.other.source={quote(source)}")
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    results_after(page, 0)
    expect(page.locator("#calc-m2-2-other-source")).to_have_value(source)
    expect(page.locator(".calc-other-report")).to_contain_text(source)
    assert page.locator("#calc-results img, #calc-results script").count() == 0
    clean(watched)


def test_a_measure_page_link_opens_the_calculator_with_the_provision_preselected(watched, origin):
    page = watched.page
    page.goto(f"{origin}/measures/m2/")
    page.locator('a.calc-link[href$="p=m2-2"]').click()
    page.wait_for_url("**/calculator/#v=1&p=m2-2*")
    expect(page.locator("#calc-m2-2-include")).to_be_checked()
    expect(page.locator(FEES)).to_be_focused()
    expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
    expect(page.locator("#calc-results")).to_contain_text("尚缺")
    clean(watched)


def test_the_estimate_exports_as_json_and_as_csv_with_a_bom_and_prints_without_the_form(watched, origin):
    page = open_calculator(watched, origin, fragment="#v=1&as_of=2026-06-01&p=m2-2,m7-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
                                                    "&m7-2.doctorates=1&m7-2.masters=2&m7-2.bachelors=0")
    results_after(page, 0)
    with page.expect_download() as download_info:
        page.click("#calc-export-json")
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert download_info.value.suggested_filename == "suzhou-ai-plus-estimate-2026-06-01.json"
    assert exported["scenario"]["claims"][0] == {"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}
    assert exported["result"]["total"] == "2160000.00"
    assert exported["link"] == page.url

    with page.expect_download() as download_info:
        page.click("#calc-export-csv")
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["条款", "措施", "名称", "状态", "金额(元)"]
    assert [row[0] for row in rows[1:]] == ["m2-2", "m7-2"]
    assert rows[1][4:7] == ["2000000.00", "2,000,000.00", "200"]
    assert rows[2][4] == "160000.00"

    page.emulate_media(media="print")
    expect(page.locator("#calc-form")).to_be_hidden()
    expect(page.locator(".calc-actions")).to_be_hidden()
    expect(page.locator("#calc-results")).to_be_visible()
    expect(page.locator(".calc-notice")).to_be_visible()
    clean(watched)
