"""The downloads under data/: the CSV round-trips to the JSON, every checksum matches, and the README's lines work."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tomllib
from decimal import Decimal

import pytest

from calc.headline import headline
from calc.labels import UNIT_TERMS
from scripts.sitegen import compress, csv_export, render_downloads
from scripts.sitegen.downloads import CHECKSUMS, downloads
from tests.conftest import ROOT
from tests.sitebuild import build

pytestmark = pytest.mark.site

DATA_NAMES = ["suzhou-ai-plus-2026.json", "suzhou-ai-plus-2026.csv", "policy.schema.json", "SHA256SUMS"]


@pytest.fixture(scope="module")
def site():
    return build()


@pytest.fixture(scope="module")
def data(site):
    return site / "data"


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split(cell: str, separator: str = ";") -> list[str]:
    return cell.split(separator) if cell else []


def boolean(cell: str) -> bool | None:
    return {"true": True, "false": False, "": None}[cell]


def text(value: dict | None, lang: str) -> str:
    return value[lang] if value else ""


def test_the_csv_starts_with_a_bom_and_has_one_row_per_provision_in_the_json_order(data, policy):
    raw = (data / "suzhou-ai-plus-2026.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw[3:].startswith(b"\xef\xbb\xbf")
    rows = read_csv(data / "suzhou-ai-plus-2026.csv")
    assert [row["id"] for row in rows] == [p["id"] for p in policy["provisions"]]


def test_every_csv_column_reads_back_to_the_json_values(data, policy):
    """Each cell, parsed back (lists split, booleans read), equals the JSON value it came from."""
    rows = {row["id"]: row for row in read_csv(data / "suzhou-ai-plus-2026.csv")}
    measures = {m["id"]: m for m in policy["measures"]}
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    checked_columns = set()
    for provision in policy["provisions"]:
        row = rows[provision["id"]]
        measure = measures[provision["measure"]]
        rule = provision["rule"] or {}
        tiers = rule.get("tiers", [])
        beneficiary = provision["beneficiary"]["text"] if provision["beneficiary"] else None
        # The largest amount, worked out here from the rule's own fields (the CSV's comes from calc.headline).
        named = [(Decimal(rule[key]), None, key == "cap" or None) for key in ("cap", "amount") if key in rule]
        named += [(Decimal(t["amount"]), t["key"], t["up_to"]) for t in tiers]
        largest, top_tier, up_to = max(named, key=lambda n: n[0]) if named else (None, None, None)
        largest = str(largest) if largest is not None else None
        up_to = bool(up_to) if largest else None
        expected = {
            "id": provision["id"],
            "measure": provision["measure"],
            "measure_number": measure["number"],
            "measure_title_zh": measure["title"]["zh"],
            "measure_title_en": measure["title"]["en"],
            "label_zh": provision["label"]["zh"],
            "label_en": provision["label"]["en"],
            "kind": provision["kind"],
            "support_type": provision["support_type"],
            "beneficiary_zh": text(beneficiary, "zh"),
            "beneficiary_en": text(beneficiary, "en"),
            "roles": provision["roles"],
            "period": provision["period"],
            "unit_term": provision["unit_term"] or "",
            "rate": rule.get("rate", ""),
            "rate_is_ceiling": rule.get("rate_is_ceiling"),
            "base_zh": text(rule.get("base"), "zh"),
            "base_en": text(rule.get("base"), "en"),
            "cap": rule.get("cap", ""),
            "cap_is_ceiling": rule.get("cap_is_ceiling"),
            "amount": rule.get("amount", ""),
            "tier_keys": [t["key"] for t in tiers],
            "tier_labels_zh": [t["label"]["zh"] for t in tiers],
            "tier_labels_en": [t["label"]["en"] for t in tiers],
            "tier_amounts": [t["amount"] for t in tiers],
            "tier_up_to": [t["up_to"] for t in tiers],
            "up_to_terms": provision["up_to_terms"],
            "largest_amount": largest or "",
            "largest_amount_up_to": up_to,
            "largest_amount_tier": top_tier or "",
            "no_amount_reason": "" if largest else provision["kind"],
            "unit_en": UNIT_TERMS[provision["unit_term"]] if provision["unit_term"] else "",
            "headline_zh": headline(provision, "zh"),
            "headline_en": headline(provision, "en"),
            "date_rule_term": provision["date_rule"]["term"] if provision["date_rule"] else "",
            "date_rule_on_or_after": provision["date_rule"]["on_or_after"] if provision["date_rule"] else "",
            "date_rule_on_or_before": provision["date_rule"]["on_or_before"] if provision["date_rule"] else "",
            "conditions_zh": [c["text"]["zh"] for c in provision["conditions"]],
            "conditions_en": [c["text"]["en"] for c in provision["conditions"]],
            "agencies": measure["agencies"],
            "agencies_zh": [names[a]["zh"] for a in measure["agencies"]],
            "agencies_en": [names[a]["en"] for a in measure["agencies"]],
            "overlap_groups": [g["id"] for g in policy["overlap_groups"] if provision["id"] in g["provisions"]],
            "sentences": provision["sentences"],
            "text_zh": [f["zh"] for f in provision["fragments"]],
            "text_en": [f["en"] for f in provision["fragments"]],
            "page": f"measures/{provision['measure']}/#{provision['id']}",
        }
        assert set(row) == set(expected), "a CSV column is not checked here (or a checked one is missing)"
        for column, value in expected.items():
            cell = row[column]
            if column in ("text_zh", "text_en"):
                parsed = split(cell, " … ")
                value = value if any(value) else []  # fragments without any translation read back as none
            elif column == "tier_up_to":
                parsed = [boolean(c) for c in split(cell)]
            elif isinstance(value, list):
                parsed = split(cell)
            elif isinstance(value, bool) or value is None:
                parsed = boolean(cell)
            elif isinstance(value, int):
                parsed = int(cell)
            else:
                parsed = cell
            assert parsed == value, f"{provision['id']}.{column}: {cell!r}"
            checked_columns.add(column)
    assert checked_columns == {c.name for c in csv_export.COLUMNS}


def test_the_csv_refuses_a_value_that_contains_its_list_separator(policy):
    policy["provisions"][1]["conditions"][0]["text"]["zh"] = "可流通;交易"
    with pytest.raises(ValueError, match="conditions_zh"):
        csv_export.provisions_csv(policy)


def checksum_lines(data) -> dict[str, str]:
    lines = (data / CHECKSUMS).read_text(encoding="ascii").splitlines()
    parsed = [re.fullmatch(r"([0-9a-f]{64})  (\S+)", line) for line in lines]
    assert all(parsed), lines
    return {m.group(2): m.group(1) for m in parsed}


def test_sha256sums_lists_every_file_under_data_and_each_checksum_matches(data):
    sums = checksum_lines(data)
    files = {p.relative_to(data).as_posix() for p in data.rglob("*")
             if p.is_file() and not compress.is_copy(p)} - {CHECKSUMS}  # not the server's .gz/.br copies
    assert set(sums) == files
    for name, digest in sums.items():
        assert hashlib.sha256((data / name).read_bytes()).hexdigest() == digest, name


def test_sha256sum_c_accepts_the_files_and_rejects_a_changed_one(data, tmp_path):
    result = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=data, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(checksum_lines(data))
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    (copy / "suzhou-ai-plus-2026.csv").write_bytes((copy / "suzhou-ai-plus-2026.csv").read_bytes() + b"\r\n")
    tampered = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=copy, capture_output=True, text=True)
    assert tampered.returncode != 0
    assert "suzhou-ai-plus-2026.csv: FAILED" in tampered.stdout


def test_the_published_json_schemas_and_golden_cases_are_the_project_files_byte_for_byte(data):
    schemas = sorted((ROOT / "policy").glob("*.schema.json"))
    cases = sorted((ROOT / "policy" / "cases").glob("*.json"))
    assert {"policy.schema.json"} <= {s.name for s in schemas}
    for source in schemas:
        assert (data / source.name).read_bytes() == source.read_bytes()
    for source in cases:
        assert (data / "cases" / source.name).read_bytes() == source.read_bytes()
    assert (data / "suzhou-ai-plus-2026.json").read_bytes() == (ROOT / "policy" / "suzhou-ai-plus-2026.json").read_bytes()
    assert (data / "CHANGELOG.md").read_bytes() == (ROOT / "policy" / "CHANGELOG.md").read_bytes()
    assert (data / "profiles.json").read_bytes() == (ROOT / "policy" / "profiles.json").read_bytes()
    assert {"profiles.schema.json", "scenario.schema.json", "result.schema.json"} <= {s.name for s in schemas}


def test_the_quickstart_lines_download_verify_and_load_the_data(site, tmp_path, policy):
    """The README's and the downloads page's lines, run as written against the built site."""
    work = tmp_path / "work"
    work.mkdir()
    shell = subprocess.run(["sh", "-euc", render_downloads.QUICKSTART_SHELL], cwd=work, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "SITE": site.as_uri()}, timeout=60)
    assert shell.returncode == 0, shell.stdout + shell.stderr
    assert all(f"{name}: OK" in shell.stdout for name in ("suzhou-ai-plus-2026.json", "suzhou-ai-plus-2026.csv", "policy.schema.json"))
    load = subprocess.run([sys.executable, "-c", render_downloads.QUICKSTART_PYTHON], cwd=work, capture_output=True,
                          text=True, timeout=60)
    assert load.returncode == 0, load.stderr
    first = load.stdout.splitlines()[0]
    count = len(policy["provisions"])
    assert first == f"{policy['dataset']['version']} {count} {count}"
    assert "'cap': '2000000'" in load.stdout
    valid = subprocess.run([sys.executable, "-c", render_downloads.VALIDATE_PYTHON], cwd=work, capture_output=True,
                           text=True, timeout=60)
    assert valid.returncode == 0, valid.stderr
    broken = json.loads((work / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))
    broken["provisions"][0]["kind"] = "lottery"
    (work / "suzhou-ai-plus-2026.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    invalid = subprocess.run([sys.executable, "-c", render_downloads.VALIDATE_PYTHON], cwd=work, capture_output=True,
                             text=True, timeout=60)
    assert invalid.returncode != 0 and "ValidationError" in invalid.stderr


def test_the_readme_gives_the_same_lines_and_the_stable_addresses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for snippet in (render_downloads.QUICKSTART_SHELL, render_downloads.QUICKSTART_PYTHON, render_downloads.VALIDATE_PYTHON):
        assert snippet in readme
    for name in DATA_NAMES + ["scenario.schema.json", "result.schema.json", "cases/", "CHANGELOG.md", "datapackage.json",
                              "provisions/index.json", "provisions/<id>.json", "changes.atom", "v<version>/",
                              "provision.schema.json", "provision-index.schema.json", "case.schema.json",
                              "suzhou_ai_plus-<version>-py3-none-any.whl"]:
        assert f"data/{name}" in readme
    assert "SITE_URL" in readme


def page_text(path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("edition", ["", "en"])
def test_the_downloads_page_lists_every_file_with_its_size_and_checksum(site, edition, policy):
    page_dir = site / edition / "downloads"
    raw = (page_dir / "index.html").read_text(encoding="utf-8")
    for download in downloads(policy):
        if download.title not in ("downloads.file_case", "downloads.file_provision", "downloads.file_versioned"):
            assert download.sha256 in raw, download.path
        href = re.search(rf'href="([^"]*data/{re.escape(download.path)})"', raw)
        assert href, download.path
        assert (page_dir / href.group(1)).resolve() == (site / "data" / download.path).resolve()
    assert (page_dir / re.search(r'href="([^"]*data/SHA256SUMS)"', raw).group(1)).resolve().is_file()


def test_the_changelog_starts_with_the_dataset_version_and_date(policy):
    changelog = (ROOT / "policy" / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert first.groups() == (policy["dataset"]["version"], policy["dataset"]["last_updated"])


def test_the_licence_statement_cites_article_5_and_the_licence_the_package_declares(site):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    assert declared == "MIT"
    zh = page_text(site / "downloads" / "index.html")
    en = page_text(site / "en" / "downloads" / "index.html")
    assert "《中华人民共和国著作权法》第五条" in zh and "官方正式译文" in zh
    assert "Article 5 of the Copyright Law of the People's Republic of China" in en
    assert "not an official translation, so Article 5 does not cover it" in en
    assert f"{declared} licence" in en and f"{declared} 许可" in zh


def test_the_csv_opens_in_the_standard_library_with_the_utf8_sig_codec_only(data):
    raw = (data / "suzhou-ai-plus-2026.csv").read_bytes()
    with_bom_kept = next(csv.reader(io.StringIO(raw.decode("utf-8"))))[0]
    assert with_bom_kept == "\ufeffid"  # the BOM is there for Excel; utf-8-sig strips it
    assert next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[0] == "id"
