"""The data as a service, on the built site: one file per provision with its headline and addresses, permanent
versioned copies, the data package (frictionless), the change feed (feedparser), every JSON against its published
schema (jsonschema), and the examples and the package installed from the site served by nginx, run as written."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path

import feedparser
import jsonschema
import pytest
from referencing import Registry, Resource

from scripts import nginx_server
from scripts.sitegen import compress, csv_export, examples, releases, wheel
from scripts.sitegen.downloads import schema_of
from scripts.sitegen.feed import releases as changelog_releases
from tests.conftest import ROOT
from tests.sitebuild import Server, build

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/policy/"
CHANGELOG = (ROOT / "policy" / "CHANGELOG.md").read_text(encoding="utf-8")
NODE = shutil.which("node") or "node"


@pytest.fixture(scope="module")
def site() -> Path:
    return build()


@pytest.fixture(scope="module")
def data(site) -> Path:
    return site / "data"


@pytest.fixture(scope="module")
def served(site):
    """The built site served by Debian's nginx with the project's configuration; its address without the final /."""
    if not nginx_server.available():
        pytest.fail(nginx_server.MISSING)
    with nginx_server.NginxServer(site) as server:
        yield server.url.rstrip("/")


def published(data: Path) -> list[str]:
    """Every file under data/ (paths relative to it), not the server's .gz/.br copies."""
    return sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and not compress.is_copy(p))


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def validator(data: Path, schema_path: str) -> jsonschema.Draft202012Validator:
    """A validator for a published schema, resolving its references among the schemas published beside it."""
    folder = (data / schema_path).parent
    registry = Registry().with_resources((p.name, Resource.from_contents(load(p))) for p in folder.glob("*.schema.json"))
    return jsonschema.Draft202012Validator(load(data / schema_path), registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def largest(provision: dict) -> tuple[str | None, bool | None, str | None]:
    """The largest amount the rule names, whether it is a ceiling and its tier, worked out here from the rule."""
    rule = provision["rule"] or {}
    named = [(Decimal(rule["cap"]), True, None)] if "cap" in rule else []
    named += [(Decimal(rule["amount"]), False, None)] if "amount" in rule else []
    named += [(Decimal(t["amount"]), t["up_to"], t["key"]) for t in rule.get("tiers", [])]
    if not named:
        return None, None, None
    amount, up_to, tier = max(named, key=lambda n: n[0])
    return str(amount), up_to, tier


# ---- every JSON against its published schema ----------------------------------------------------------------


def test_every_json_under_data_follows_its_published_schema(data):
    checked = {"data": 0, "schemas": 0}
    for path in published(data):
        if not path.endswith(".json") or path == "datapackage.json":  # the data package: frictionless, below
            continue
        if path.endswith(".schema.json"):
            jsonschema.Draft202012Validator.check_schema(load(data / path))
            checked["schemas"] += 1
            continue
        schema = schema_of(path)
        assert schema and (data / schema).is_file(), f"{path} has no published schema"
        errors = list(validator(data, schema).iter_errors(load(data / path)))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"
        checked["data"] += 1
    # the policy, glossary, profiles, index and provisions now and in 2.1.0, the cases, two older policies
    assert checked["data"] >= 3 + 2 * 46 + 100 + 2 and checked["schemas"] >= 8 + 1 + 1 + 3, checked


def test_the_schemas_refuse_a_headline_that_breaks_its_rules(data):
    index = load(data / "provisions" / "index.json")
    check = validator(data, "provision-index.schema.json")
    check.validate(index)
    entry = index["provisions"][1]  # m1-2: a ceiling
    for change in ({"largest_amount": 2000000},                    # a number: amounts are text
                   {"largest_amount": None},                       # no amount, yet no reason and a ceiling
                   {"up_to": None},                                # an amount that is neither ceiling nor set
                   {"period": "monthly"}):
        broken = json.loads(json.dumps(index))
        broken["provisions"][1]["headline"] = {**entry["headline"], **change}
        assert list(check.iter_errors(broken)), change
    provision = load(data / "provisions" / "m1-2.json")
    provision["provision"]["kind"] = "lottery"
    assert list(validator(data, "provision.schema.json").iter_errors(provision))


# ---- one file per provision, and the index ------------------------------------------------------------------


def test_there_is_one_file_per_provision_and_the_index_lists_every_one(data, policy):
    ids = [p["id"] for p in policy["provisions"]]
    assert len(ids) == 45
    files = {p.name for p in (data / "provisions").glob("*.json")}
    assert files == {f"{pid}.json" for pid in ids} | {"index.json"}
    index = load(data / "provisions" / "index.json")
    assert index["count"] == 45 and [p["id"] for p in index["provisions"]] == ids
    assert index["dataset"]["version"] == policy["dataset"]["version"]
    for entry in index["provisions"]:
        assert (data / "provisions" / entry["file"]).resolve() == (data / "provisions" / f"{entry['id']}.json").resolve()


def test_each_provision_file_holds_the_provision_verbatim_with_its_sentences_measure_and_agencies(data, policy):
    sentences = {s["id"]: s for m in policy["measures"] for p in m["paragraphs"] for s in p["sentences"]}
    sentences |= {s["id"]: s for s in policy["document"]["closing"]["sentences"]}
    measures = {m["id"]: m for m in policy["measures"]}
    agencies = {a["id"]: a for a in policy["agencies"]}
    for provision in policy["provisions"]:
        document = load(data / "provisions" / f"{provision['id']}.json")
        assert document["provision"] == provision  # text fragments, rule, recipient, date rule ... as in the policy
        assert document["sentences"] == [sentences[sid] for sid in provision["sentences"]]
        measure = measures[provision["measure"]]
        assert document["measure"] == {"id": measure["id"], "number": measure["number"], "title": measure["title"]}
        assert document["agencies"] == [agencies[a] for a in measure["agencies"]]
        assert all(f["zh"] in "".join(s["zh"] for s in document["sentences"]) for f in provision["fragments"])


def test_the_headline_gives_the_largest_amount_its_period_unit_and_ceiling_for_every_kind(data, policy):
    index = {p["id"]: p["headline"] for p in load(data / "provisions" / "index.json")["provisions"]}
    kinds = set()
    for provision in policy["provisions"]:
        headline = load(data / "provisions" / f"{provision['id']}.json")["headline"]
        assert headline == index[provision["id"]]
        amount, up_to, tier = largest(provision)
        assert (headline["largest_amount"], headline["up_to"], headline["tier"]) == (amount, up_to, tier), provision["id"]
        assert headline["period"] == provision["period"]
        assert (headline["unit"] or {}).get("zh") == provision["unit_term"]
        reason = headline["no_amount_reason"]
        assert (reason is None) == (amount is not None)
        if reason:
            assert reason["kind"] == provision["kind"] in ("open_amount", "non_monetary")
        kinds.add(provision["kind"])
    assert kinds == {"share_of_base", "ceiling", "fixed", "tiers", "open_amount", "non_monetary"}
    assert index["m2-2"] | {"text": None} == {"largest_amount": "2000000", "no_amount_reason": None, "up_to": True,
                                             "period": "per_year", "period_label": {"zh": "每年", "en": "per year"},
                                             "unit": None, "tier": None, "text": None}
    assert index["m2-2"]["text"]["zh"] == "每年最高200万元"
    assert (index["m4-2"]["largest_amount"], index["m4-2"]["up_to"], index["m4-2"]["unit"]["zh"]) == ("500000", False, "每个模型")
    assert index["m11-1"]["largest_amount"] is None and index["m11-1"]["no_amount_reason"]["zh"] == "金额未定"


def test_the_csv_carries_the_same_headline_and_both_ends_of_the_date_rule(data):
    index = {p["id"]: p["headline"] for p in load(data / "provisions" / "index.json")["provisions"]}
    rows = list(__import__("csv").DictReader(open(data / "suzhou-ai-plus-2026.csv", encoding="utf-8-sig", newline="")))
    for row in rows:
        headline = index[row["id"]]
        assert row["largest_amount"] == (headline["largest_amount"] or "")
        assert row["largest_amount_up_to"] == {True: "true", False: "false", None: ""}[headline["up_to"]]
        assert row["no_amount_reason"] == (headline["no_amount_reason"] or {}).get("kind", "")
        assert (row["headline_zh"], row["headline_en"]) == (headline["text"]["zh"], headline["text"]["en"])
    dated = [row for row in rows if row["date_rule_term"]]
    assert dated and all(row["date_rule_on_or_before"] == "2027-01-30" for row in dated)


def resolve(site: Path, file: Path, href: str) -> tuple[Path, str]:
    """A link written in a file of the built site, as a browser would follow it: (the file it leads to, anchor)."""
    url = urllib.parse.urljoin(file.as_uri(), href)
    path, _, anchor = url.partition("#")
    target = Path(urllib.parse.unquote(urllib.parse.urlparse(path).path))
    return (target / "index.html" if path.endswith("/") else target), anchor


@pytest.mark.parametrize("folder", ["provisions", "v2.1.0/provisions"])
def test_each_provision_file_links_its_page_its_clause_and_both_copies(site, data, policy, folder):
    for provision in policy["provisions"]:
        file = data / folder / f"{provision['id']}.json"
        links = load(file)["links"]
        for lang in ("zh", "en"):
            page, _ = resolve(site, file, links["page"][lang])
            clause, anchor = resolve(site, file, links["clause"][lang])
            assert page == clause == site / ("en" if lang == "en" else "") / "measures" / provision["measure"] / "index.html"
            assert anchor == provision["id"] and f'id="{anchor}"' in clause.read_text(encoding="utf-8")
        assert resolve(site, file, links["latest"])[0] == data / "provisions" / file.name
        assert resolve(site, file, links["version"])[0] == data / "v2.1.0" / "provisions" / file.name


def test_with_the_sites_address_the_links_are_absolute_and_the_versioned_copies_unchanged(data, policy):
    other = build(SITE_URL) / "data"
    document = load(other / "provisions" / "m2-2.json")
    assert document["links"]["clause"] == {"zh": f"{SITE_URL}measures/m2/#m2-2", "en": f"{SITE_URL}en/measures/m2/#m2-2"}
    assert document["links"]["version"] == f"{SITE_URL}data/v2.1.0/provisions/m2-2.json"
    assert load(other / "provisions" / "index.json")["provisions"][0]["file"] == f"{SITE_URL}data/provisions/m1-1.json"
    feed = feedparser.parse((other / "changes.atom").read_bytes())
    assert versioned_link(feed.entries[0]) == f"{SITE_URL}data/v{policy['dataset']['version']}/suzhou-ai-plus-2026.json"
    # A different build: the permanent copies are the same bytes (the frozen release), the latest files are not.
    for path in published(data):
        if re.match(r"v\d", path):
            assert (other / path).read_bytes() == (data / path).read_bytes(), path
    assert (other / "provisions" / "m2-2.json").read_bytes() != (data / "provisions" / "m2-2.json").read_bytes()


@pytest.mark.parametrize("edition", ["", "en"])
def test_each_measure_page_links_the_json_of_each_of_its_provisions(site, policy, edition):
    for provision in policy["provisions"]:
        page = site / edition / "measures" / provision["measure"] / "index.html"
        hrefs = re.findall(rf'href="([^"]*data/provisions/{re.escape(provision["id"])}\.json)"', page.read_text(encoding="utf-8"))
        assert hrefs, (page, provision["id"])
        assert resolve(site, page, hrefs[0])[0] == site / "data" / "provisions" / f"{provision['id']}.json"


# ---- permanent versioned copies -------------------------------------------------------------------------------


def test_the_versioned_copies_are_the_frozen_releases_byte_for_byte_and_sha256sum_checks_them(data):
    frozen = releases.frozen_files()
    assert {path for path in published(data) if re.match(r"v\d", path)} == set(frozen)
    for name, content in frozen.items():
        assert (data / name).read_bytes() == content, name
    manifest = ROOT / "policy" / "releases" / "SHA256SUMS"
    result = subprocess.run(["sha256sum", "-c", str(manifest)], cwd=data, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.count(": OK") == len(frozen), result.stdout + result.stderr


def test_every_release_in_the_changelog_has_a_permanent_copy_and_the_current_one_is_the_policy(data, policy):
    frozen = releases.frozen_files()
    assert releases.versions(frozen) == sorted((r.version for r in changelog_releases(CHANGELOG)),
                                               key=lambda v: tuple(map(int, v.split("."))))
    version = policy["dataset"]["version"]
    assert frozen[f"v{version}/suzhou-ai-plus-2026.json"] == (ROOT / "policy" / "suzhou-ai-plus-2026.json").read_bytes()
    for old in releases.versions(frozen):
        assert load(data / f"v{old}" / "suzhou-ai-plus-2026.json")["dataset"]["version"] == old


def test_a_later_release_changes_or_removes_no_file_of_an_earlier_one(tmp_path, policy):
    """A new version frozen and published: every earlier versioned file is as it was, the new one is added."""
    frozen_dir = tmp_path / "releases"
    shutil.copytree(releases.RELEASES_DIR, frozen_dir)
    before = releases.frozen_files(frozen_dir)
    later = json.loads(json.dumps(policy))
    later["dataset"]["version"], later["dataset"]["last_updated"] = "2.2.0", "2027-01-01"
    later["provisions"][1]["label"]["en"] = "A relabelled award"
    later_bytes = json.dumps(later, ensure_ascii=False).encode("utf-8")
    releases.freeze(later, later_bytes, frozen_dir)
    after = releases.published_releases(later, later_bytes, frozen_dir)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {name.replace("v2.1.0/", "v2.2.0/") for name in before if name.startswith("v2.1.0/")}
    assert load_bytes(after["v2.2.0/provisions/m1-2.json"])["provision"]["label"]["en"] == "A relabelled award"
    with pytest.raises(releases.ReleaseError, match="already frozen"):
        releases.freeze(later, later_bytes, frozen_dir)
    # The data changed under a released version: the build stops.
    with pytest.raises(releases.ReleaseError, match="differs from the frozen release 2.2.0"):
        releases.published_releases(later, later_bytes + b" ", frozen_dir)


def load_bytes(content: bytes):
    return json.loads(content.decode("utf-8"))


@pytest.mark.parametrize("damage", ["change", "remove", "add"])
def test_a_frozen_file_changed_removed_or_added_by_hand_stops_the_build(tmp_path, damage):
    frozen_dir = tmp_path / "releases"
    shutil.copytree(releases.RELEASES_DIR, frozen_dir)
    target = frozen_dir / "v2.0.0" / "suzhou-ai-plus-2026.csv"
    if damage == "change":
        target.write_bytes(target.read_bytes() + b"\r\n")
    elif damage == "remove":
        target.unlink()
    else:
        (frozen_dir / "v2.0.0" / "extra.json").write_text("{}", encoding="utf-8")
    with pytest.raises(releases.ReleaseError, match={"change": "never changed", "remove": "never removed",
                                                     "add": "does not list"}[damage]):
        releases.frozen_files(frozen_dir)


# ---- the data package and the feed ----------------------------------------------------------------------------


def frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("frictionless")), "validate", "--json", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_frictionless_validates_the_data_package_every_hash_and_the_csv_against_its_table_schema(data):
    package = load(data / "datapackage.json")
    assert package["licenses"][0]["name"] == "MIT" and package["sources"] and package["version"] == load(
        data / "suzhou-ai-plus-2026.json")["dataset"]["version"]
    paths = {r["path"]: r for r in package["resources"]}
    assert {"suzhou-ai-plus-2026.json", "suzhou-ai-plus-2026.csv", "provisions/index.json", "provisions/m2-2.json"} <= set(paths)
    table = paths["suzhou-ai-plus-2026.csv"]["schema"]
    assert [f["name"] for f in table["fields"]] == [c.name for c in csv_export.COLUMNS]
    for path, entry in paths.items():
        content = (data / path).read_bytes()
        assert entry["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}" and entry["bytes"] == len(content)
        if path.endswith(".json") and not path.endswith(".schema.json"):
            assert entry["jsonSchema"] == schema_of(path)
    result = frictionless("datapackage.json", cwd=data)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert len(report["tasks"]) == len(package["resources"])


def test_frictionless_refuses_a_changed_file_and_a_csv_cell_of_the_wrong_type(data, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    (copy / "provisions" / "m2-2.json").write_bytes((copy / "provisions" / "m2-2.json").read_bytes() + b" ")
    changed = json.loads(frictionless("datapackage.json", cwd=copy).stdout)
    assert not changed["valid"]
    assert {e["type"] for task in changed["tasks"] for e in task["errors"]} == {"hash-count", "byte-count"}
    # A boolean column holding "yes", with the package's hash and size updated: only the Table Schema can refuse it.
    csv_path = copy / "suzhou-ai-plus-2026.csv"
    text = csv_path.read_bytes().replace(b",true,", b",yes,", 1)
    csv_path.write_bytes(text)
    (copy / "provisions" / "m2-2.json").write_bytes((data / "provisions" / "m2-2.json").read_bytes())
    package = load(copy / "datapackage.json")
    entry = next(r for r in package["resources"] if r["path"] == "suzhou-ai-plus-2026.csv")
    entry["hash"], entry["bytes"] = f"sha256:{hashlib.sha256(text).hexdigest()}", len(text)
    (copy / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    typed = json.loads(frictionless("datapackage.json", cwd=copy).stdout)
    assert {e["type"] for task in typed["tasks"] for e in task["errors"]} == {"type-error"}


def versioned_link(entry) -> str:
    """The entry's link to its version's permanent copy (rel alternate, JSON)."""
    return next(link.href for link in entry.links if link.rel == "alternate" and link.type == "application/json")


def test_the_feed_has_one_entry_per_release_with_its_date_changes_and_permanent_copy(data):
    feed = feedparser.parse((data / "changes.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title and feed.feed.id.startswith("urn:uuid:")
    sections = changelog_releases(CHANGELOG)
    assert [e.title for e in feed.entries] == [f"Dataset {r.version} ({r.date})" for r in sections]
    assert len({e.id for e in feed.entries} | {feed.feed.id}) == len(sections) + 1
    for entry, section in zip(feed.entries, sections):
        assert entry.id.startswith("urn:uuid:")
        assert "-".join(f"{n:02d}" for n in entry.published_parsed[:3]) <= section.date  # midnight in China, in UTC
        assert load(data / versioned_link(entry))["dataset"]["version"] == section.version  # relative to the feed
        first = re.sub(r"^- |[`*]", "", section.body.splitlines()[0])
        assert html.unescape(re.sub(r"<[^>]+>", "", entry.content[0].value)).lstrip().startswith(first)
    assert feed.feed.updated.startswith(sections[0].date)


def test_the_feed_read_from_the_server_gives_absolute_links(served, policy):
    feed = feedparser.parse(f"{served}/data/changes.atom")
    assert not feed.bozo and feed.status == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert versioned_link(feed.entries[0]) == f"{served}/data/v{policy['dataset']['version']}/suzhou-ai-plus-2026.json"


def test_every_page_links_the_feed_in_its_head_and_the_downloads_page_in_its_text(site):
    pages = [p for p in site.rglob("*.html")
             if "__" not in (path := p.relative_to(site).as_posix()) and not path.startswith(("pyodide", "assets"))]
    assert len(pages) >= 60
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        links = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
        assert len(links) == 1, page
        assert "alternate" in re.search(r'<link rel="([^"]+)" type="application/atom\+xml"', head).group(1).split()
        if page.name == "404.html":  # served for any missing address: its links are absolute paths
            assert links[0].endswith("data/changes.atom")
            continue
        assert resolve(site, page, links[0])[0] == site / "data" / "changes.atom", page
    for edition in ("", "en"):
        page = site / edition / "downloads" / "index.html"
        body = page.read_text(encoding="utf-8").split("</head>", 1)[1]
        href = re.search(r'<a href="([^"]*data/changes\.atom)" type="application/atom\+xml">', body).group(1)
        assert resolve(site, page, href)[0] == site / "data" / "changes.atom"


# ---- the examples and the package, run as the pages show them -------------------------------------------------


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("edition", ["", "en"])
def test_the_pages_show_exactly_the_code_the_tests_run(site, edition):
    lang = "en" if edition else "zh"
    developers = page_text(site / edition / "developers" / "index.html")
    for snippet in (examples.python_example(lang), examples.javascript_example(lang), examples.frictionless_shell(),
                    examples.package_shell(), examples.PACKAGE_PYTHON):
        assert snippet.rstrip("\n") in developers, snippet[:60]
    downloads = page_text(site / edition / "downloads" / "index.html")
    assert examples.package_shell().rstrip("\n") in downloads and examples.QUICKSTART_SHELL.rstrip("\n") in downloads
    assert examples.package_shell().rstrip("\n") in page_text(site / edition / "reference" / "index.html")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert examples.package_shell() in readme


def listed(output: str, index: dict, lang: str) -> None:
    """The examples' output: one line per provision (id, largest amount or why none, headline), then a count."""
    lines = output.splitlines()
    assert len(lines) == 46 and lines[-1] == f"45 provisions, dataset {index['dataset']['version']}"
    for line, entry in zip(lines, index["provisions"]):
        headline = entry["headline"]
        amount = headline["largest_amount"] or headline["no_amount_reason"]["kind"]
        assert line.split("\t") == [entry["id"], amount, headline["text"][lang]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_python_example_verifies_validates_and_lists_every_provision_with_its_largest_amount(served, data, lang):
    result = subprocess.run([sys.executable, "-c", examples.python_example(lang)], capture_output=True, text=True,
                            env={**os.environ, "SITE": served, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert result.returncode == 0, result.stderr
    listed(result.stdout, load(data / "provisions" / "index.json"), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_javascript_example_does_the_same_with_fetch_in_node(served, data, tmp_path, lang):
    script = tmp_path / "list.mjs"
    script.write_text(examples.javascript_example(lang), encoding="utf-8")
    result = subprocess.run([NODE, str(script)], capture_output=True, text=True, env={**os.environ, "SITE": served}, timeout=120)
    assert result.returncode == 0, result.stderr
    listed(result.stdout, load(data / "provisions" / "index.json"), lang)


def test_both_examples_refuse_an_index_whose_checksum_does_not_match(data, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(data, root / "data")
    index = root / "data" / "provisions" / "index.json"
    index.write_bytes(index.read_bytes().replace(b'"2000000"', b'"20000000"', 1))
    server = Server(root)
    try:
        env = {**os.environ, "SITE": server.origin}
        python = subprocess.run([sys.executable, "-c", examples.python_example("en")], capture_output=True, text=True, env=env, timeout=120)
        script = tmp_path / "list.mjs"
        script.write_text(examples.javascript_example("en"), encoding="utf-8")
        node = subprocess.run([NODE, str(script)], capture_output=True, text=True, env=env, timeout=120)
    finally:
        server.stop()
    assert python.returncode != 0 and "provisions/index.json: checksum does not match SHA256SUMS" in python.stderr
    assert node.returncode != 0 and "provisions/index.json: checksum does not match SHA256SUMS" in node.stderr
    assert python.stdout == node.stdout == ""


def test_the_frictionless_line_validates_the_served_package(served):
    env = {**os.environ, "SITE": served, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["sh", "-euc", examples.frictionless_shell()], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "INVALID" not in result.stdout and "VALID" in result.stdout


def test_the_published_wheel_is_the_one_the_browser_runs(site, data):
    manifest = load(site / "pyodide" / "runtime.json")
    name = wheel.wheel_name()
    assert (data / name).read_bytes() == (site / "pyodide" / manifest["wheel"]["file"]).read_bytes()
    assert manifest["wheel"]["file"].endswith("/" + name)


def test_pip_installs_the_package_from_the_served_site_and_its_command_and_library_work(served, tmp_path, policy):
    """The two lines the pages show, run as written in a fresh virtual environment, with no package index."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"SITE": served, "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}", "PIP_NO_INDEX": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_CACHE_DIR": "1", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(["sh", "-euc", examples.package_shell()], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"Successfully installed suzhou-ai-plus-{wheel.project()['version']}" in result.stdout
    ids = re.findall(r"^(m\d+-\d+) ", result.stdout, re.M)
    assert ids == [p["id"] for p in policy["provisions"]]  # `suzhou-ai-plus list`, from the installed package
    assert shutil.which("suzhou-ai-plus", path=str(venv / "bin"))
    version = subprocess.run(["suzhou-ai-plus", "--version"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert version.stdout == f"suzhou-ai-plus {wheel.project()['version']} (dataset {policy['dataset']['version']})\n"
    library = subprocess.run([str(venv / "bin" / "python"), "-c", examples.PACKAGE_PYTHON], cwd=tmp_path,
                             capture_output=True, text=True, env=env, timeout=120)
    assert library.returncode == 0 and library.stdout == "2000000.00 cap\n", library.stderr
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import calc; print(calc.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, env=env)
    assert where.stdout.startswith(str(venv))  # the installed copy, not this checkout
