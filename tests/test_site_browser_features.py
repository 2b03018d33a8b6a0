"""The site's finding aids in Chromium: search, the provisions index, copy-link buttons and the in-force line.

The browser runs in a child process (tests/browser_checks.py) against the built site served on loopback;
these tests check what it saw.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.sitebuild import build, serve

pytestmark = pytest.mark.browser

CHECKS = Path(__file__).with_name("browser_checks.py")


@pytest.fixture(scope="module")
def seen() -> dict:
    base = serve(build())
    result = subprocess.run([sys.executable, str(CHECKS), base], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)


def first_clause(hrefs: list[str]) -> str:
    """The first search result that points at a section of a page (path#anchor)."""
    url = next(urlsplit(h) for h in hrefs if urlsplit(h).fragment)
    return f"{url.path}#{url.fragment}"


def test_searching_for_the_compute_voucher_lands_on_its_clause_in_both_editions(seen):
    assert first_clause(seen["search"]["zh 算力券"]) == "/measures/m9/#m9-4"
    assert first_clause(seen["search"]["en 算力券"]) == "/en/measures/m9/#m9-4"
    assert first_clause(seen["search"]["en compute voucher"]) == "/en/measures/m9/#m9-4"


def test_searching_for_a_word_inside_longer_words_finds_the_measure_that_uses_it_most(seen):
    assert urlsplit(seen["search"]["zh 算力"][0]).path == "/measures/m2/"
    assert any(urlsplit(h).path.startswith("/en/measures/") for h in seen["search"]["en subsidy"])


def test_the_provisions_index_filters_by_measure_kind_agency_and_words(seen, policy):
    table = seen["provisions"]
    ids = [p["id"] for p in policy["provisions"]]
    assert table["form_visible"] and table["initial"] == ids and table["count"] == f"显示 {len(ids)} / {len(ids)} 项"
    assert table["measure_m2"] == [p["id"] for p in policy["provisions"] if p["measure"] == "m2"]
    assert table["count_m2"] == f"显示 {len(table['measure_m2'])} / {len(ids)} 项"
    data_bureau = {m["id"] for m in policy["measures"] if "data-bureau" in m["agencies"]}
    assert table["share_and_data_bureau"] == [p["id"] for p in policy["provisions"]
                                              if p["kind"] == "share_of_base" and p["measure"] in data_bureau]
    assert table["words"] == ["m9-4"]
    assert table["button_words"] == []


def test_the_provisions_index_sorts_by_amount_and_back_to_the_order_of_the_text(seen, policy):
    from scripts.sitegen.describe import headline

    table = seen["provisions"]
    by_amount = sorted(policy["provisions"], key=lambda p: -(headline(p) or -1))
    assert table["amount_desc"] == [p["id"] for p in by_amount[:3]]
    assert table["text_order"] == [p["id"] for p in policy["provisions"]]
    assert table["header_asc"] == ["ascending", by_amount[0]["id"]]
    assert table["header_desc"] == ["descending", by_amount[0]["id"]]


def test_copy_link_puts_the_provisions_full_address_on_the_clipboard(seen):
    assert seen["copy_link"]["visible"]
    assert urlsplit(seen["copy_link"]["copied"]).path == "/measures/m2/"
    assert urlsplit(seen["copy_link"]["copied"]).fragment == "m2-2"


def test_whether_the_measures_are_in_force_today_follows_the_date_in_china(seen, policy):
    start, end = policy["document"]["in_force"]["from"], policy["document"]["in_force"]["to"]
    assert (start, end) == ("2026-01-31", "2027-01-30")  # the instants below are the last and first minutes in China
    status = seen["status"]
    expected = {"2026-01-30T15:59:00Z": "before", "2026-01-30T16:00:00Z": "during",
                "2027-01-30T15:59:00Z": "during", "2027-01-30T16:00:00Z": "after"}
    for instant, state in expected.items():
        assert status[instant]["state"] == state and status[f"en/{instant}"]["state"] == state
    assert status["2026-01-30T16:00:00Z"]["text"] == "今天(2026-01-31)措施在有效期内"
    assert status["en/2027-01-30T16:00:00Z"]["text"] == "Today (2027-01-31) the measures are no longer in force"


def test_without_javascript_the_index_is_a_plain_table_and_the_dates_are_shown(seen, policy):
    no_js = seen["no_js"]
    assert not no_js["form_visible"] and not no_js["copy_buttons_visible"] and not no_js["today_visible"]
    assert no_js["rows_visible"] == len(policy["provisions"])
    assert "施行期:2026年1月31日至2027年1月30日" in no_js["status_text"]


def test_no_request_leaves_the_sites_own_origin(seen):
    assert seen["foreign_requests"] == []
