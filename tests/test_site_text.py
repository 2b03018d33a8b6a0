"""scripts/site_text.py: the comparison that shows a restructuring changed nothing a reader sees.

Two small sites on disk: markup that changes no text is no difference; a changed word, a changed hidden
template, a changed aria-label or a changed download is one; a new runtime snapshot alone is not.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.site_text import compare, page_text

PAGE = """<html><head><meta name="description" content="政策"><script>var x = "code";</script>
<style>p { color: red }</style></head><body><h1 id="t">标题</h1><p class="a">每年最高<strong>200万元</strong></p>
<template id="tpl"><label>金额</label></template><button aria-label="复制链接(条款 m2-2)">复制链接</button>
<script type="application/json">{"ready": "计算器已就绪。"}</script></body></html>"""


def site(root: Path, page: str = PAGE, data: str = "a,b\n", snapshot: str = "0123456789abcdef") -> Path:
    (root / "data").mkdir(parents=True)
    (root / "pyodide").mkdir()
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / "data" / "x.csv").write_text(data, encoding="utf-8")
    (root / "pyodide" / f"calc-snapshot-{snapshot}.bin.gz").write_bytes(snapshot.encode())
    (root / "pyodide" / "runtime.json").write_text(json.dumps({"snapshot": {"file": f"calc-snapshot-{snapshot}.bin.gz"}, "wheel": "w"}))
    (root / "sw.js").write_text(f'const VERSION = "{snapshot}";\nconst FILES = ["calc-snapshot-{snapshot}.bin.gz"];\n')
    return root


def test_a_page_text_holds_what_readers_and_screen_readers_meet_and_no_code(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    assert page_text(page) == ["[description] 政策", "标题", "每年最高", "200万元", "金额", "[aria-label] 复制链接(条款 m2-2)", "复制链接",
                     '{"ready": "计算器已就绪。"}']


def test_the_same_site_rebuilt_with_another_snapshot_and_other_markup_is_no_difference(tmp_path):
    before = site(tmp_path / "before")
    after = site(tmp_path / "after", page=PAGE.replace('class="a"', 'class="b"').replace("<h1 id=\"t\">", "<h1>"),
                 snapshot="fedcba9876543210")
    assert compare(before, after) == (1, [])


def test_a_changed_word_template_label_or_download_is_reported(tmp_path):
    before = site(tmp_path / "before")
    for name, page, data in (("word", PAGE.replace("每年最高", "每年"), "a,b\n"),
                             ("template", PAGE.replace("金额", "数额"), "a,b\n"),
                             ("label", PAGE.replace('aria-label="复制链接(', 'aria-label="复制('), "a,b\n"),
                             ("download", PAGE, "a,c\n")):
        pages, report = compare(before, site(tmp_path / name, page=page, data=data))
        assert pages == 1 and report, name
        assert report[0] == ("bytes differ: data/x.csv" if name == "download" else "text differs: index.html"), name
