"""`make pages`: the generated pages of both editions written out as Markdown, the same as the hook builds them."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from scripts import write_pages
from tests.conftest import ROOT

SITE = "https://example.org/"


def nav_pages(nav) -> set[str]:
    """Every Markdown path in mkdocs.yml's nav, at any depth."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    items = nav.values() if isinstance(nav, dict) else nav
    return set().union(*(nav_pages(item) for item in items))


def hook_pages(lang: str, site_url: str | None) -> dict[str, str]:
    """Source path -> Markdown of the generated pages as the MkDocs hooks (mkdocs.yml's ``hooks:``) add them to
    ``lang``'s build."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_url=site_url)
    config["extra"]["lang"] = lang
    config = config.plugins.on_config(config)  # every plugin's, hooks.py's included, as `mkdocs build` runs them
    files = config.plugins.on_files(Files([]), config=config)
    return {file.src_uri: file.content_string for file in files if file.src_uri.endswith(".md")}


@pytest.fixture(scope="module")
def written(tmp_path_factory, policy_pristine):
    out = tmp_path_factory.mktemp("pages")
    write_pages.write_pages(out, policy_pristine, SITE)
    return out


def test_every_page_of_the_nav_is_written_for_both_editions(written):
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    pages = nav_pages(nav)
    assert "measures/m12.md" in pages and "about.md" in pages
    zh = {p.relative_to(written).as_posix() for p in written.rglob("*.md") if "en" not in p.relative_to(written).parts[:1]}
    en = {p.relative_to(written / "en").as_posix() for p in (written / "en").rglob("*.md")}
    assert pages <= zh, f"nav pages not written (zh): {sorted(pages - zh)}"
    assert pages <= en, f"nav pages not written (en): {sorted(pages - en)}"
    assert zh == en  # both editions have the same pages, agencies' pages included


@pytest.mark.parametrize("lang, edition, site_url", [("zh", ".", SITE), ("en", "en", SITE + "en/")])
def test_the_written_pages_are_what_the_hook_builds(written, lang, edition, site_url):
    built = hook_pages(lang, site_url)
    on_disk = {p.relative_to(written / edition).as_posix(): p.read_text(encoding="utf-8")
               for p in (written / edition).rglob("*.md") if lang == "en" or p.relative_to(written).parts[0] != "en"}
    assert set(on_disk) == set(built)
    assert on_disk["measures/m5.md"] == built["measures/m5.md"]
    assert ("第五条" if lang == "zh" else "Measure 5") in on_disk["measures/m5.md"]
    assert on_disk == built  # every page, not only the measure's


def test_a_second_run_replaces_the_folder(written, policy_pristine, tmp_path):
    stale = tmp_path / "measures" / "m99.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale", encoding="utf-8")
    write_pages.write_pages(tmp_path, policy_pristine)
    assert not stale.exists()
    assert (tmp_path / "en" / "measures" / "m1.md").is_file()


def test_an_invalid_policy_writes_nothing_and_says_where(tmp_path, monkeypatch, capsys, policy):
    import json

    policy["provisions"][1]["rule"]["cap"] = "-5"
    broken = tmp_path / "policy.json"
    broken.write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(write_pages, "POLICY_PATH", broken)
    assert write_pages.main([str(tmp_path / "out")]) == 1
    assert "$.provisions[1].rule.cap" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
