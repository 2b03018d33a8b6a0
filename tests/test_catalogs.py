"""The message catalogs (scripts/sitegen/catalogs/): one per language, the only home of the site's words.

Both catalogs have the same keys and placeholders; the English one holds Chinese only as quoted terms; the
Chinese that mkdocs.yml spells (for tools that read it without the hooks) is the catalog's; and the word
modules the build writes for the site's scripts carry the catalog's words exactly.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from calc.labels import UNIT_TERMS
from scripts.sitegen.catalog import WORD_MODULES, catalog, translate, words_module
from scripts.sitegen.languages import nav_titles
from tests.conftest import ROOT


def test_the_catalogs_have_the_same_keys_and_placeholders_in_both_languages():
    zh, en = catalog("zh"), catalog("en")
    assert set(zh) == set(en)
    for key in zh:
        if key == "measure.number":  # 第{numeral}条 / Measure {number}: the Chinese numeral, the Arabic number
            continue
        assert set(re.findall(r"\{(\w+)\}", zh[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key
        assert zh[key] and en[key], key  # a separator may be a space; nothing may be empty


def test_every_unit_term_of_the_policy_has_english(policy):
    assert {p["unit_term"] for p in policy["provisions"] if p["unit_term"]} <= set(UNIT_TERMS)


def test_the_english_catalog_has_no_chinese_outside_quoted_terms():
    for key, text in catalog("en").items():
        outside = re.sub(r"\([^)]*\)|“[^”]*”|[0-9]+万元|万元", "", text)
        assert not re.search(r"[\u4e00-\u9fff]", outside), (key, text)


def _nav_titles(nav) -> list[str]:
    titles = []
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                if isinstance(value, list):
                    titles += _nav_titles(value)
    return titles


def test_mkdocs_yml_spells_the_chinese_catalogs_words():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for field, key in (("site_name", "site.name"), ("site_description", "site.description"), ("copyright", "site.copyright")):
        assert config[field] == translate("zh", key), field
    titles = _nav_titles(config["nav"])
    assert sorted(titles) == sorted(nav_titles("zh")), "every nav title of mkdocs.yml is a nav.* key, and every key a title"
    assert all(nav_titles("en")[title] != title for title in titles)


@pytest.mark.parametrize("path", sorted(WORD_MODULES))
def test_the_word_modules_carry_the_catalogs_words_and_fill_placeholders(path, tmp_path):
    module = tmp_path / "words.mjs"
    module.write_text(words_module(WORD_MODULES[path]), encoding="utf-8")
    script = ("const m = await import(process.argv[1]);"
              "console.log(JSON.stringify({words: m.WORDS, filled: m.fill('{a} and {b}', {a: 1, b: '万'})}));")
    out = subprocess.run(["node", "--input-type=module", "-e", script, module.as_uri()], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    result = json.loads(out)
    expected = {key: {"zh": text, "en": catalog("en")[key]} for key, text in catalog("zh").items()
                if key.startswith(WORD_MODULES[path])}
    assert result["words"] == expected and expected
    assert result["filled"] == "1 and 万"


def test_no_words_of_the_site_say_that_up_to_means_after_review():
    """最高 names a ceiling; only 择优 or 经评审认定 in a provision's own text speak of review (calc.labels.up_to_label)."""
    assert not [key for key, text in catalog("zh").items() if "经评审后的上限" in text or "经评审确定" in text]
    assert not [key for key, text in catalog("en").items() if re.search(r"ceilings? (decided|set) after review", text)]
