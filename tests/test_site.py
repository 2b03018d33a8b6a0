"""The site is generated from the policy JSON and builds cleanly in strict mode."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.site


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.h1: list[str] = []
        self.urls: list[str] = []
        self.lang = None
        self._in_h1 = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    return built_site


def page(site: Path, path: str) -> Page:
    return Page((site / path / "index.html").read_text(encoding="utf-8"))


def test_the_site_language_is_chinese_and_no_font_is_loaded_from_another_host(site):
    home = page(site, "")
    assert home.lang == "zh"
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_page_loads_only_from_its_own_site(site):
    external = []
    for file in site.rglob("*.html"):
        for url in Page(file.read_text(encoding="utf-8")).urls:
            if re.match(r"^(https?:)?//", url):
                external.append((str(file.relative_to(site)), url))
    assert external == []


def test_each_measure_has_a_page_with_its_title_text_and_provision_anchors(site, policy):
    for measure in policy["measures"]:
        built = page(site, f"measures/{measure['id']}")
        assert [h.strip().rstrip("¶").strip() for h in built.h1] == [measure["title"]["zh"]]
        for paragraph in measure["paragraphs"]:
            for sentence in paragraph["sentences"]:
                assert sentence["id"] in built.ids
        for provision in policy["provisions"]:
            if provision["measure"] == measure["id"]:
                assert provision["id"] in built.ids, provision["id"]


def test_measure_pages_show_the_text_verbatim(site, policy):
    for measure in policy["measures"]:
        raw = (site / "measures" / measure["id"] / "index.html").read_text(encoding="utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", raw))
        for paragraph in measure["paragraphs"]:
            assert "".join(s["zh"] for s in paragraph["sentences"]) in text


def test_the_compute_rental_page_shows_rate_cap_period_and_agencies(site):
    raw = (site / "measures" / "m2" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))
    assert "30% × 实际支付智能算力租用费用,最高200万元" in text
    assert "每年" in text
    assert "市科技局" in text and "市数据局" in text


def test_agency_names_with_angle_brackets_are_shown_not_parsed_as_html(site):
    raw = (site / "measures" / "m6" / "index.html").read_text(encoding="utf-8")
    assert "各县级市&lt;区&gt;" in raw
    assert "<区>" not in raw


def test_the_home_page_lists_the_twelve_measures_with_headline_amounts(site, policy):
    raw = (site / "index.html").read_text(encoding="utf-8")
    for measure in policy["measures"]:
        assert f'href="measures/{measure["id"]}/"' in raw
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))
    assert "苏州市人民政府" in text
    assert "2026年1月31日" in text and "2027年1月30日" in text
    assert "单项最高6000万元" in text  # measure 9
    assert "单项最高1亿元" in text  # measure 5


def test_the_about_page_says_what_is_unknown_and_that_ceilings_are_not_promises(site):
    text = html.unescape(re.sub(r"<[^>]+>", "", (site / "about" / "index.html").read_text(encoding="utf-8")))
    assert "不是苏州市人民政府或任何政府机关的网站" in text
    assert "文号" in text and "官方发布网址" in text and "实施细则或申报指南" in text
    assert "不是承诺" in text
    assert "一定运营经费补贴" not in text or "原文未写明金额" in text


def test_the_nav_is_explicit_and_lists_every_measure(policy):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    nav_text = str(config["nav"])
    for measure in policy["measures"]:
        assert f"measures/{measure['id']}.md" in nav_text
    assert config["theme"]["font"] == "false"
    assert config["theme"]["language"] == "zh"
    assert config["site_description"]


def test_generated_pages_are_not_committed():
    docs = ROOT / "docs"
    assert not (docs / "index.md").exists()
    assert not (docs / "measures").exists()
    tracked = subprocess.run(["git", "ls-files", "site", "docs/measures"], cwd=ROOT, capture_output=True, text=True)
    assert tracked.stdout == ""


def test_a_broken_policy_stops_the_build_with_the_json_path(tmp_path, policy):
    """The build validates the policy first: a bad file fails loudly, naming where."""
    import json
    import shutil

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "*.pyc"))
    policy["provisions"][1]["rule"]["cap"] = "-5"
    (project / "policy" / "suzhou-ai-plus-2026.json").write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "$.provisions[1].rule.cap" in result.stderr
