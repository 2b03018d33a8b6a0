"""Finding one's way in the built site: search, the provisions index, agencies, glossary, charts, status line and
the metadata for search engines. (The same features in a real browser: test_site_browser_features.py.)"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import jieba
import pytest

from calc.money import format_amount
from scripts.sitegen import glossary as glossary_module
from scripts.sitegen import search_patch
from scripts.sitegen.describe import headline
from tests.conftest import ROOT
from tests.sitebuild import build

pytestmark = pytest.mark.site

ZW = "\u200b"


@pytest.fixture(scope="module")
def site() -> Path:
    return build()


@pytest.fixture(scope="module")
def glossary() -> dict:
    return glossary_module.load_glossary()


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def search_index(site: Path, edition: str = "") -> dict:
    return json.loads((site / edition / "search" / "search_index.json").read_text(encoding="utf-8"))


def tokens(entry: dict) -> set[str]:
    """The words of an index entry as jieba segmented them (zero-width spaces between Chinese words)."""
    text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
    return {t for t in re.split(r"[\s\u200b]+", text) if t}


def entry(index: dict, location: str) -> dict:
    return next(e for e in index["docs"] if e["location"] == location)


# --- search -------------------------------------------------------------------------------------------------


def test_the_chinese_index_has_the_policy_words_as_tokens_where_the_text_uses_them(site):
    index = search_index(site)
    assert "算力" in tokens(entry(index, "measures/m2/#m2-2"))
    assert "算力券" in tokens(entry(index, "measures/m9/#m9-4"))
    assert "语料券" in tokens(entry(index, "measures/m9/#m9-5"))
    assert "数据要素" in tokens(entry(index, "measures/m1/#m1-8"))
    assert {"卓越级", "领航级", "智能工厂"} <= tokens(entry(index, "measures/m5/#m5-6"))


def test_the_user_dictionary_is_what_makes_those_words_whole(glossary):
    """Plain jieba cuts these terms apart; the glossary's search words are what keeps them whole."""
    plain = jieba.Tokenizer()
    assert "语料券" not in plain.lcut("发放算力券、语料券")
    assert "数据要素" not in plain.lcut("国家数据要素大赛")
    assert "智能工厂" not in plain.lcut("国家领航级智能工厂")
    words = glossary_module.search_words(glossary)
    assert {"算力券", "语料券", "数据要素", "智能工厂", "卓越级", "领航级", "就高", "不重复"} <= set(words)
    assert "算力" not in words and "智能算力" not in words  # they would hide 算力 inside longer words


def test_the_english_edition_indexes_english_words_and_the_chinese_beside_them(site):
    zh, en = search_index(site), search_index(site, "en")
    assert zh["config"]["separator"] == en["config"]["separator"]
    assert ZW in zh["config"]["separator"] or "\\u200b" in zh["config"]["separator"]
    assert "stemmer" not in en["config"]["pipeline"]
    voucher = tokens(entry(en, "measures/m9/#m9-4"))
    assert "vouchers" in voucher or "voucher" in voucher
    assert "算力券" in voucher
    assert not any("Copy link" in e["text"] or "复制链接" in e["text"] for e in zh["docs"] + en["docs"])


def test_both_editions_search_workers_are_patched_to_look_up_a_whole_chinese_query(site):
    for edition in ("", "en"):
        workers = list((site / edition).glob(search_patch.WORKER_GLOB))
        assert len(workers) == 1
        assert "<=t.length;o++)t.slice(s,o)in e" in workers[0].read_text(encoding="utf-8")


def test_the_worker_patch_changes_exactly_the_query_segmentation_loop_or_refuses():
    minified = "x;for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);for(let a=0;a<t.length;a++)f(a)"
    assert search_patch.patch_text(minified) == minified.replace("o<t.length", "o<=t.length", 1)
    with pytest.raises(search_patch.PatchError, match="found 0"):
        search_patch.patch_text("for(let i=0;i<q.length;i++)g(i)")


# --- glossary -----------------------------------------------------------------------------------------------


def test_every_glossary_term_is_used_in_the_text_and_the_page_links_each_use(site, glossary, policy):
    usage = glossary_module.usage(policy, glossary)
    raw = read(site, "glossary")
    for term in glossary["terms"]:
        expected = [s["id"] for m in policy["measures"] for p in m["paragraphs"] for s in p["sentences"] if term["zh"] in s["zh"]]
        expected += [s["id"] for s in policy["document"]["closing"]["sentences"] if term["zh"] in s["zh"]]
        assert [u.sentence for u in usage[term["zh"]]] == expected and expected, term["zh"]
        for sentence in expected:
            assert f"#{sentence}" in raw
        assert html.escape(term["en"], quote=False) in read(site, "en/glossary")


def test_a_glossary_term_the_text_does_not_use_stops_the_build(policy, glossary):
    glossary = {**glossary, "terms": glossary["terms"] + [{"zh": "数字人民币", "en": "e-CNY", "search_word": True}]}
    with pytest.raises(ValueError, match="数字人民币"):
        glossary_module.usage(policy, glossary)


def test_an_invalid_glossary_is_refused_with_its_json_path(tmp_path):
    bad = json.loads(glossary_module.GLOSSARY_PATH.read_text(encoding="utf-8"))
    bad["terms"][2]["search_word"] = "yes"
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=r"\$\.terms\[2\]\.search_word"):
        glossary_module.load_glossary(path)


# --- provisions index and agencies -------------------------------------------------------------------------


ROW = re.compile(r'<tr id="row-(?P<id>[^"]+)" data-measure="(?P<measure>[^"]+)" data-kind="(?P<kind>[^"]+)" '
                 r'data-period="(?P<period>[^"]+)" data-agencies="(?P<agencies>[^"]*)">(?P<cells>.*?)</tr>')


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_provisions_index_has_one_row_per_provision_with_what_filters_and_sorting_need(site, policy, edition):
    raw = read(site, f"{edition}provisions")
    rows = {m["id"]: m for m in ROW.finditer(raw)}
    assert list(rows) == [p["id"] for p in policy["provisions"]]
    measures = {m["id"]: m for m in policy["measures"]}
    for provision in policy["provisions"]:
        row = rows[provision["id"]]
        assert row["measure"] == provision["measure"] and row["kind"] == provision["kind"]
        assert row["period"] == provision["period"]
        assert row["agencies"].split() == measures[provision["measure"]]["agencies"]
        figure = headline(provision)
        assert f'data-sort="{figure if figure is not None else -1}"' in row["cells"]
        assert f'href="../measures/{provision["measure"]}/#{provision["id"]}"' in row["cells"]
    form = re.search(r'<form class="table-filters"[^>]*>', raw).group(0)
    assert " hidden" in form  # shown only by the script: without JavaScript the page is the plain table
    assert not re.search(r"<tr[^>]* hidden", raw)


def test_each_agency_page_lists_every_provision_of_the_measures_it_is_named_for(site, policy):
    for agency in policy["agencies"]:
        raw = read(site, f"agencies/{agency['id']}")
        article = raw[raw.index("<article"):]
        listed = set(re.findall(r'href="\.\./\.\./measures/m\d+/#(m\d+-\d+)"', article))
        expected = {p["id"] for p in policy["provisions"]
                    for m in policy["measures"] if m["id"] == p["measure"] and agency["id"] in m["agencies"]}
        assert listed == expected, agency["id"]
    index = read(site, "agencies")
    for agency in policy["agencies"]:
        assert f'href="{agency["id"]}/"' in index


def test_measure_pages_link_their_agencies_and_give_each_provision_a_copy_button(site, policy):
    for measure in policy["measures"]:
        raw = read(site, f"measures/{measure['id']}")
        for agency in measure["agencies"]:
            assert f'href="../../agencies/{agency}/"' in raw
        for provision in policy["provisions"]:
            if provision["measure"] == measure["id"]:
                assert re.search(rf'<button type="button" class="copy-link" data-href="#{provision["id"]}" data-search-exclude hidden', raw)


# --- charts -------------------------------------------------------------------------------------------------


FIGURE = re.compile(r'<figure class="chart-figure" id="chart-(?P<id>[^"]+)" data-search-exclude(?: data-cap-point="(?P<cap_point>[^"]+)")?>'
                    r"(?P<svg><svg.*?</svg>)<figcaption>(?P<caption>.*?)</figcaption></figure>", re.S)


def check_accessible(svg: str) -> None:
    assert 'role="img"' in svg
    labelled = re.search(r'aria-labelledby="([^"]+) ([^"]+)"', svg)
    title = re.search(rf'<title id="{labelled.group(1)}">([^<]+)</title>', svg)
    desc = re.search(rf'<desc id="{labelled.group(2)}">([^<]+)</desc>', svg)
    assert title and desc and title.group(1).strip() and desc.group(1).strip()
    assert "currentColor" in svg
    assert "<script" not in svg and " style=" not in svg and "http://www.w3.org/2000/svg" in svg


@pytest.mark.parametrize("edition", ["", "en/"])
def test_each_share_with_a_cap_has_a_chart_with_the_point_where_the_cap_binds(site, policy, edition):
    lang = "en" if edition else "zh"
    shares = [p for p in policy["provisions"] if p["kind"] == "share_of_base"]
    assert shares
    for provision in shares:
        raw = read(site, f"{edition}measures/{provision['measure']}")
        figure = next(f for f in FIGURE.finditer(raw) if f["id"] == provision["id"])
        cap, rate = Decimal(provision["rule"]["cap"]), Decimal(provision["rule"]["rate"])
        cap_point = Decimal(figure["cap_point"])
        assert cap_point == (cap / rate).quantize(Decimal("0.01"))
        check_accessible(figure["svg"])
        assert html.escape(format_amount(cap_point, lang), quote=False) in figure["caption"]
        points = [tuple(map(float, p.split(","))) for p in re.search(r'<polyline[^>]* points="([^"]+)"', figure["svg"]).group(1).split()]
        circle = re.search(r'<circle[^>]* cx="([\d.]+)" cy="([\d.]+)"', figure["svg"])
        start, knee, end = points
        assert (knee[0], knee[1]) == (float(circle.group(1)), float(circle.group(2)))
        assert knee[1] == end[1] < start[1]  # rises to the cap, then flat
        assert knee[0] - start[0] == pytest.approx(end[0] - knee[0], abs=0.2)  # the axis runs to twice the cap point


def test_the_compute_rental_chart_marks_6667_thousand_yuan_of_fees(site):
    raw = read(site, "measures/m2")
    figure = next(f for f in FIGURE.finditer(raw) if f["id"] == "m2-2")
    assert figure["cap_point"] == "6666666.67"
    assert "约666.67万元" in figure["svg"] and "200万元" in figure["svg"]


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_home_page_charts_each_measures_figures_on_a_log_scale(site, policy, edition):
    lang = "en" if edition else "zh"
    raw = read(site, edition.rstrip("/")) if edition else (site / "index.html").read_text(encoding="utf-8")
    figure = next(f for f in FIGURE.finditer(raw) if f["id"] == "headlines")
    check_accessible(figure["svg"])
    desc = html.unescape(re.search(r"<desc[^>]*>([^<]+)</desc>", figure["svg"]).group(1))
    for measure in policy["measures"]:
        figures = {headline(p) for p in policy["provisions"] if p["measure"] == measure["id"]} - {None}
        for amount in figures:
            assert format_amount(amount, lang) in desc
    bars = re.findall(r'<rect class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', figure["svg"])
    assert len(bars) == len(policy["measures"])
    widths = [float(w) for _, w in bars]
    assert widths[4] == max(widths)  # measure 5 names the largest figure, 1亿元, at the end of the axis


# --- status line, metadata ----------------------------------------------------------------------------------


def test_every_page_shows_the_data_date_and_the_period_and_leaves_today_to_the_browser(site, policy):
    in_force = policy["document"]["in_force"]
    for file in list(site.rglob("index.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(("assets/", "pyodide/", "en/assets/")):
            continue
        raw = file.read_text(encoding="utf-8")
        status = re.search(r'<p class="site-status"[^>]*data-in-force-from="([^"]+)" data-in-force-to="([^"]+)"', raw)
        assert status and status.groups() == (in_force["from"], in_force["to"]), rel
        assert '<span class="site-status__today" hidden></span>' in raw, rel
    assert "更新于2026年11月29日" in read(site, "measures/m2") or policy["dataset"]["last_updated"] != "2026-11-29"
    assert "施行期:2026年1月31日至2027年1月30日" in read(site, "measures/m2")
    assert "In force from 31 January 2026 to 30 January 2027" in read(site, "en/measures/m2")


def json_ld(raw: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1))


def test_measure_pages_describe_themselves_as_legislation_with_facts_from_the_json_only(site, policy):
    document = policy["document"]
    for measure in policy["measures"]:
        for edition, lang in (("", "zh"), ("en/", "en")):
            data = json_ld(read(site, f"{edition}measures/{measure['id']}"))
            assert data["@type"] == "Legislation" and data["@context"] == "https://schema.org"
            assert data["name"] == (measure["title"][lang] or measure["title"]["zh"])
            assert data["isPartOf"]["name"] == document["title"]["zh"]
            assert data["datePublished"] == document["released"]
            assert data["legislationDateOfApplicability"] == document["in_force"]["from"]
            assert data["legislationLegalValue"] == "https://schema.org/UnofficialLegalValue"
            assert [a["name"] for a in data["legislationResponsible"]] == [
                next(a["name"]["zh"] for a in policy["agencies"] if a["id"] == i) for i in measure["agencies"]]
            assert "url" not in data  # no SITE_URL: no address is invented
            assert ("legislationIdentifier" in data["isPartOf"]) == bool(document["document_number"])
            urls = re.findall(r"https?://[^\"\s]+", json.dumps(data, ensure_ascii=False))
            assert set(urls) <= {"https://schema.org", "https://schema.org/UnofficialLegalValue"}
    assert "ld+json" not in (site / "index.html").read_text(encoding="utf-8")


def meta(raw: str, key: str, attr: str = "name") -> str | None:
    found = re.search(rf'<meta {attr}="{re.escape(key)}" content="([^"]*)"', raw)
    return html.unescape(found.group(1)) if found else None


def test_pages_have_their_own_descriptions_and_sharing_tags(site, policy):
    paths = [f"measures/{m['id']}" for m in policy["measures"]] + ["provisions", "glossary", "downloads", "reference", "agencies"]
    for edition, locale in (("", "zh_CN"), ("en/", "en_GB")):
        descriptions = {}
        for path in paths:
            raw = read(site, edition + path)
            description = meta(raw, "description")
            assert description and len(description) <= 160, path
            assert meta(raw, "og:description", "property") == description
            assert meta(raw, "og:locale", "property") == locale
            assert meta(raw, "og:title", "property")
            assert meta(raw, "og:url", "property") is None and "rel=\"canonical\"" not in raw
            descriptions[path] = description
        assert len(set(descriptions.values())) == len(paths)
    assert "智能算力租用补贴" in meta(read(site, "measures/m2"), "description")


def test_without_a_site_address_the_sitemaps_list_nothing(site):
    for edition in ("", "en"):
        sitemap = (site / edition / "sitemap.xml").read_text(encoding="utf-8")
        assert "<url>" not in sitemap and "<loc>" not in sitemap
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")


def test_with_site_url_the_sitemaps_canonical_links_and_json_ld_use_it():
    site = build("https://example.org/suzhou/")
    zh_map = (site / "sitemap.xml").read_text(encoding="utf-8")
    en_map = (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/suzhou/measures/m2/</loc>" in zh_map
    assert "<loc>https://example.org/suzhou/en/measures/m2/</loc>" in en_map
    raw = read(site, "measures/m2")
    assert meta(raw, "og:url", "property") == "https://example.org/suzhou/measures/m2/"
    assert json_ld(raw)["url"] == "https://example.org/suzhou/measures/m2/"
    assert json_ld(read(site, "en/measures/m2"))["url"] == "https://example.org/suzhou/en/measures/m2/"
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/suzhou/sitemap.xml" in robots
    assert "Sitemap: https://example.org/suzhou/en/sitemap.xml" in robots
    for path in ("downloads", "en/downloads"):
        assert 'SITE="https://example.org/suzhou"' in html.unescape(re.sub(r"<[^>]+>", "", read(site, path)))


def test_site_url_comes_from_the_environment_and_is_documented():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV SITE_URL$", config, re.M)
    assert "SITE_URL" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- home page: what the policy offers, and the way to the calculator ----------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_opens_with_what_the_policy_offers_and_a_button_to_the_first_profile_question(site, policy, lang):
    from calc.headline import headline as headline_words
    from scripts.sitegen.catalog import translate

    raw = (site / ("en" if lang == "en" else "") / "index.html").read_text(encoding="utf-8")
    start = raw.index('<div class="home-offer">')
    offer = html.unescape(raw[start:raw.index("</div>", start)])
    assert raw.index('<div class="home-offer">') < raw.index('id="facts"'), "the offer comes before the key facts"
    named = sorted((p for p in policy["provisions"] if headline(p) is not None), key=lambda p: -headline(p))
    counts = translate(lang, "home.offers", measures=len(policy["measures"]), provisions=len(policy["provisions"]),
                       largest=format_amount(headline(named[0]), lang))
    assert counts in offer and str(len(policy["provisions"])) in counts
    for provision in named[:3]:
        assert headline_words(provision, lang) in offer
        assert f'href="measures/{provision["measure"]}/#{provision["id"]}"' in raw[start:]
    assert 'href="calculator/#calc-q-who"' in raw[start:]
    calculator = (site / ("en" if lang == "en" else "") / "calculator" / "index.html").read_text(encoding="utf-8")
    assert 'id="calc-q-who"' in calculator
