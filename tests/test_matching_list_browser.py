"""The matching list on a 390x844 phone, in Chinese and English (issue 18): the provisions the answers point at
come first, the others they reach are folded into "also open to you (N)", every answer changes the list, and the
leads follow the text. The page's order is checked against policy/profiles.json's rule (profiles.ranked); the
runtime is kept from loading, since the list needs none.
"""

from __future__ import annotations

import pytest

from scripts.sitegen.catalog import translate
from scripts.sitegen.profiles import answers, load_profiles, ranked
from tests.browser_support import PHONE, edition, phone_page, without_runtime

pytestmark = pytest.mark.browser

from playwright.sync_api import expect  # noqa: E402

PROFILES = load_profiles()
LANGS = ["zh", "en"]


@pytest.fixture(scope="module")
def order(policy_pristine) -> list[str]:
    return [p["id"] for p in policy_pristine["provisions"]]


def open_list(page, origin: str, lang: str, fragment: str = "") -> None:
    without_runtime(page)
    page.goto(f"{origin}/{edition(lang)}calculator/{fragment}")
    expect(page.locator("#calc-match-count")).not_to_be_empty()


def answer_profile(page, chosen: list[str], dropped: tuple[str, ...] = ()) -> None:
    """One question at a time, as a reader does: tick (or untick), then 下一题 (the last: see the provisions).
    Answers already given are kept; after the first time, 修改回答 brings the questions back."""
    if page.locator("#calc-profile-edit").is_visible():
        page.locator("#calc-profile-edit").click()
    for question in PROFILES["questions"]:
        for answer in question["answers"]:
            if answer["id"] in chosen:
                page.check(f"#calc-a-{answer['id']}")
            if answer["id"] in dropped:
                page.uncheck(f"#calc-a-{answer['id']}")
        page.locator(f"#calc-q-{question['id']} .calc-step-nav .md-button--primary").click()


def set_answers(page, chosen: list[str]) -> None:
    """Answers set through the link (as a shared link does), once the page has taken them in."""
    page.evaluate("(fragment) => { location.hash = fragment; }", "v=2&a=" + ",".join(chosen))
    page.wait_for_function("""(chosen) => {
        const checked = [...document.querySelectorAll('input[name="a"]:checked')].map((box) => box.value).sort();
        return JSON.stringify(checked) === JSON.stringify(chosen);
    }""", arg=sorted(chosen))


def shown(page) -> tuple[list[str], list[str]]:
    """(first, folded): the provisions listed, in the page's order."""
    return tuple(page.evaluate("""(id) => [...document.getElementById(id).children]
        .filter((li) => !li.hidden).map((li) => li.dataset.provision)""", list_id)
                 for list_id in ("calc-match-list", "calc-match-more-list"))


def screens_below_the_list_title(page, pid: str) -> float:
    return page.evaluate("""([pid, height]) => (document.getElementById(`calc-match-${pid}`).getBoundingClientRect().top
        - document.getElementById("calc-matches-title").getBoundingClientRect().top) / height""", [pid, PHONE["height"]])


@pytest.mark.parametrize("lang", LANGS)
def test_an_opc_founder_sees_the_compute_rental_subsidy_and_both_vouchers_first(browser, origin, order, lang):
    chosen = ["small_firm", "rented_compute", "holds_vouchers"]
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang)
        answer_profile(page, chosen)
        first, folded = shown(page)
        assert set(first[:3]) == {"m2-2", "m9-4", "m9-5"} and len(first) == 3
        assert (first, folded) == ranked(PROFILES, set(chosen), order)
        for pid in ("m2-2", "m9-4", "m9-5"):
            expect(page.locator(f"#calc-match-{pid}")).to_be_visible()
            assert screens_below_the_list_title(page, pid) < 1.2, pid
        group = page.locator("#calc-match-more")
        expect(group).to_be_visible()
        expect(group).not_to_have_attribute("open", "")
        expect(group.locator("summary")).to_have_text(translate(lang, "matches.more") + translate(lang, "js.matchMoreCount").format(n=len(folded)))
        expect(page.locator("#calc-match-m4-2")).to_be_hidden()  # an AI firm's provision: open to a small firm, folded
        group.locator("summary").click()
        expect(page.locator("#calc-match-m4-2")).to_be_visible()
        expect(page.locator("#calc-match-count")).to_have_text(
            translate(lang, "js.matchLead").format(lead=3, more=len(folded), total=len(order)))


@pytest.mark.parametrize("lang", LANGS)
def test_a_manufacturer_is_led_to_the_enablement_centre_the_typical_cases_and_the_smart_factories(browser, origin, order, lang):
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang)
        answer_profile(page, ["manufacturer"])
        first, _ = shown(page)
        assert first == ["m5-4", "m5-5", "m5-6"]
        answer_profile(page, ["won_honour"])  # back through the questions: an honour won too
        first, folded = shown(page)
        assert first[:2] == ["m5-5", "m5-6"] and "m5-4" in folded
        assert (first, folded) == ranked(PROFILES, {"manufacturer", "won_honour"}, order)


@pytest.mark.parametrize("lang", LANGS)
def test_the_park_operator_is_led_to_the_park_subsidy_but_an_opc_community_is_not(browser, origin, lang):
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang)
        answer_profile(page, ["park_operator"])
        assert shown(page)[0] == ["m9-3"]
        expect(page.locator("#calc-match-m9-3")).to_be_visible()
        answer_profile(page, ["opc_community"], dropped=("park_operator",))
        expect(page.locator("#calc-match-m9-3")).to_be_hidden()
        assert "m9-3" not in sum(shown(page), [])
        assert shown(page)[0] == ["m9-2"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_answer_the_text_opens_a_provision_to_reaches_it(browser, origin, lang):
    """University → m1-3, m1-8; AI firm → m10-1, m11-1, m12-1; data holder → m1-4: listed, folded or not."""
    leads = {"university": ["m1-3", "m1-8"], "ai_firm": ["m10-1", "m11-1", "m12-1"], "data_holder": ["m1-4"]}
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang)
        for answer, provisions in leads.items():
            set_answers(page, [answer])
            group = page.locator("#calc-match-more")
            if group.is_visible() and group.get_attribute("open") is None:
                group.locator("summary").click()
            for pid in provisions:
                expect(page.locator(f"#calc-match-{pid}")).to_be_visible()
                assert pid in sum(shown(page), []), (answer, pid)


@pytest.mark.parametrize("lang", LANGS)
def test_every_answer_changes_the_list_as_the_data_says(browser, origin, order, lang):
    """Each answer alone narrows the list; added to an AI firm's answers (the AI firm to a compute renter's), it
    narrows or reorders it; and the page's order is the data's (profiles.ranked), in both groups."""
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang)
        assert shown(page) == (order, [])
        for answer in answers(PROFILES):
            base = ["rented_compute"] if answer == "ai_firm" else ["ai_firm"]
            lists = {}
            for chosen in ([answer], base, base + [answer]):
                set_answers(page, chosen)
                lists[tuple(chosen)] = shown(page)
                assert lists[tuple(chosen)] == ranked(PROFILES, set(chosen), order), chosen
            alone = lists[(answer,)]
            assert len(alone[0]) + len(alone[1]) < len(order), answer
            assert lists[tuple(base + [answer])] != lists[tuple(base)], answer


@pytest.mark.parametrize("lang", LANGS)
def test_a_folded_provision_chosen_for_the_estimate_stays_listed_and_its_group_open(browser, origin, lang):
    with phone_page(browser, origin) as page:
        open_list(page, origin, lang, "#v=2&a=small_firm,rented_compute")
        page.locator("#calc-match-more summary").click()
        page.check("#calc-m4-2-include")
        expect(page.locator("#calc-m4-2-box")).to_be_visible()  # its fields
        page.evaluate("location.hash = 'v=2&a=small_firm,rented_compute&p=m4-2'")  # as a shared link opens it
        page.reload()
        expect(page.locator("#calc-match-more")).to_have_attribute("open", "")
        expect(page.locator("#calc-match-m4-2")).to_be_visible()
        expect(page.locator("#calc-m4-2-include")).to_be_checked()
