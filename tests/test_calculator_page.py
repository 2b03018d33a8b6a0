"""The calculator page as built: profile, matching list and estimate fields generated from the policy JSON
and policy/profiles.json, readable before any script runs.

These tests read the built HTML (no browser): the profile's answers with the provisions they lead to, every
provision in the list with its headline figure (from calc.headline), what it pays for and its clause, in the
text's order (the script reorders it by the answers); every monetary provision's inputs (in the edition's fields
file, which the page loads when a provision is chosen) with the labels, units, options and hints from the JSON,
its conditions in the text's words, both languages, one label per control, the module script only on this page,
and links between the measure pages and the calculator.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calc import estimate, load_policy
from calc.headline import headline
from scripts.sitegen.catalog import translate
from scripts.sitegen.describe import amount_summary, date_rule_label, tx
from scripts.sitegen.markup_tree import markup, tree
from scripts.sitegen.names import FIELDS_FILE, FRAGMENT_VERSION
from scripts.sitegen.profiles import answer_provisions, load_profiles, page_data
from scripts.sitegen.render_calculator import MONETARY, calculator_link, fields_file, render_calculator
from tests.conftest import ROOT

pytestmark = pytest.mark.site

CONTROL_TAGS = ("input", "select", "textarea")
#: The page's own modules (client.mjs and worker.mjs belong to the runtime).
PAGE_MODULES = ("actions.mjs", "app.mjs", "dom.mjs", "estimate.mjs", "export.mjs", "form.mjs", "fragment.mjs", "profile.mjs",
                "render.mjs", "runtime.mjs", "scenario.mjs", "status.mjs", "strings.mjs")
#: The runtime's modules the page may use (issue 11's): the client, and how the status line shows a failure.
RUNTIME_MODULES = ("client.mjs", "runtime-status.mjs")
#: Written by the build (scripts/sitegen/names.py, catalog.py), imported by the page's modules.
GENERATED_MODULES = ("../names.mjs",)
#: The site's own modules the page shares (today's date in China, as the status line says).
SITE_MODULES = ("../site-status.mjs",)


class Form(HTMLParser):
    """Ids, labels, controls, legends, links and scripts of a built page."""

    def __init__(self, text: str):
        super().__init__()
        self.elements: dict[str, dict] = {}
        self.duplicate_ids: list[str] = []
        self.labels: dict[str, str] = {}
        self.controls: list[dict] = []
        self.scripts: list[dict] = []
        self.stylesheets: list[str] = []
        self.links: list[str] = []
        self.legends: list[str] = []
        self._label_for: str | None = None
        self._label_text = ""
        self._legend_depth = 0
        self._legend_text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.elements:
                self.duplicate_ids.append(attrs["id"])
            self.elements[attrs["id"]] = {"tag": tag, **attrs}
        if tag == "label" and "for" in attrs:
            self._label_for, self._label_text = attrs["for"], ""
        if tag == "legend":
            self._legend_depth += 1
            self._legend_text = ""
        if tag in CONTROL_TAGS and attrs.get("type") != "hidden":
            self.controls.append({"tag": tag, **attrs})
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", ""))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "label" and self._label_for is not None:
            assert self._label_for not in self.labels, f"two labels for {self._label_for}"
            self.labels[self._label_for] = " ".join(self._label_text.split())
            self._label_for = None
        if tag == "legend" and self._legend_depth:
            self._legend_depth -= 1
            self.legends.append(" ".join(self._legend_text.split()))

    def handle_data(self, data):
        if self._label_for is not None:
            self._label_text += data
        if self._legend_depth:
            self._legend_text += data


@pytest.fixture(scope="session")
def built(built_site) -> Path:
    return built_site


def fields(built: Path, lang: str) -> dict[str, str]:
    """The edition's fields file: each monetary provision's fields, {id: markup} (the file holds trees)."""
    trees = json.loads((built / ("en/" if lang == "en" else "") / FIELDS_FILE).read_text(encoding="utf-8"))
    return {pid: markup(node) for pid, node in trees.items()}


def calculator(built: Path, lang: str) -> tuple[str, Form]:
    """The calculator page with every provision's fields, as the page shows them once chosen."""
    path = built / ("en/" if lang == "en" else "") / "calculator" / "index.html"
    text = path.read_text(encoding="utf-8")
    start = text.index('<div class="calc" id="calc"')
    end = text.index("</script>", text.index('<script type="module"', start))
    shown = "".join(f'<div class="fields-of-{pid}">{markup}</div>' for pid, markup in fields(built, lang).items())
    # the calculator, without the theme's header
    return text + shown, Form(text[start:end] + "</script>" + shown + "</div>")


def monetary(policy: dict) -> list[dict]:
    return [p for p in policy["provisions"] if p["kind"] in MONETARY]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_monetary_input_is_in_the_form_with_its_label_unit_and_hint_from_the_json(built, policy, lang):
    raw, form = calculator(built, lang)
    for provision in monetary(policy):
        for spec in provision["inputs"]:
            control_id = f"calc-{provision['id']}-in-{spec['name']}"
            control = form.elements.get(control_id)
            assert control is not None, control_id
            assert control["tag"] == ("select" if spec["type"] == "choice" else "input")
            if spec["type"] == "date":
                assert control["type"] == "date"
            label = form.labels[control_id]
            assert tx(spec["label"], lang) in label
            if spec.get("unit"):
                assert tx(spec["unit"], lang) in label, label
            if spec.get("hint"):
                hint = form.elements[f"{control_id}-hint"]
                assert hint["id"] in control["aria-describedby"].split()
                assert html.escape(tx(spec["hint"], lang), quote=True) in raw
            for option in spec.get("options", []):
                assert f'<option value="{option["value"]}">{html.escape(tx(option["label"], lang))}</option>' in raw
            assert f"{control_id}-err" in form.elements
            assert f"{control_id}-err" in control["aria-describedby"].split()


def match_items(raw: str) -> list[str]:
    """The provision ids of the matching list, in the page's order."""
    return re.findall(r'<li class="calc-match" id="calc-match-([a-z0-9-]+)"', raw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_provision_is_listed_with_its_headline_what_it_pays_for_and_a_link_to_its_clause(built, policy, lang):
    raw, form = calculator(built, lang)
    for provision in policy["provisions"]:
        pid = provision["id"]
        item = form.elements[f"calc-match-{pid}"]
        assert item["tag"] == "li" and item["data-provision"] == pid
        segment = raw[raw.index(f'id="calc-match-{pid}"'):raw.index("</li>", raw.index(f'id="calc-match-{pid}"'))]
        assert f"<strong>{headline(provision, lang)}</strong>" in html.unescape(segment)
        assert amount_summary(provision, lang) in html.unescape(segment)
        assert f'href="../measures/{provision["measure"]}/#{pid}"' in segment
        if provision["kind"] in MONETARY:
            assert form.elements[f"calc-{pid}-include"]["type"] == "checkbox"
            assert f"calc-{pid}-include" in segment
            assert f'id="calc-{pid}-box"' in fields(built, lang)[pid]
            assert f"calc-{pid}-other-amount" in form.labels and f"calc-{pid}-other-source" in form.labels
        else:
            assert f"calc-{pid}-include" not in form.elements
            key = "matches.not_computed_open" if provision["kind"] == "open_amount" else "matches.not_computed_none"
            assert translate(lang, key) in html.unescape(segment)


def test_headlines_use_the_texts_own_terms(policy):
    by_id = {p["id"]: p for p in policy["provisions"]}
    assert headline(by_id["m2-2"], "zh") == "每年最高200万元"
    assert headline(by_id["m4-2"], "zh") == "每个模型一次性50万元"
    assert headline(by_id["m5-7"], "zh") == "金额未定"
    assert headline(by_id["m2-2"], "en") == "up to 2,000,000 yuan (200万元) a year"
    assert "per model" in headline(by_id["m4-2"], "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_before_any_answer_and_without_javascript_the_list_is_in_the_texts_order(built, policy, lang):
    raw, form = calculator(built, lang)
    assert match_items(raw) == [p["id"] for p in policy["provisions"]]
    assert "hidden" in form.elements["calc-match-more"], "nothing is folded away before the script has run"
    start = raw.index('<script type="application/json" id="calc-profile-data">') + len('<script type="application/json" id="calc-profile-data">')
    assert json.loads(raw[start:raw.index("</script>", start)]) == page_data(load_profiles())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_javascript_is_said_to_be_off_only_where_it_is_and_the_runtimes_progress_waits_with_the_results(built, lang):
    """Issue 18: the status line said 需要浏览器启用 JavaScript while the script was loading."""
    raw, form = calculator(built, lang)
    noscript = re.findall(r"<noscript>(.*?)</noscript>", raw, re.S)
    assert len(noscript) == 1 and html.escape(translate(lang, "status.initial"), quote=False) in noscript[0]
    outside = re.sub(r"<noscript>.*?</noscript>", "", raw, flags=re.S)
    assert "JavaScript" not in html.unescape(re.sub(r"<[^>]+>", "", outside))
    assert re.search(rf'id="calc-status"[^>]*>{re.escape(html.escape(translate(lang, "js.loading"), quote=False))}<', raw)
    form_end, box, said, section = (raw.index(mark) for mark in ("</form>", 'id="calc-status-box"', "<noscript>", 'id="calc-results-section"'))
    assert form_end < box < said < section, "between the fields and the results, where the reader waits for the estimate"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_profile_offers_every_answer_with_the_provisions_it_leads_to(built, lang):
    raw, form = calculator(built, lang)
    profiles = load_profiles()
    resolved = answer_provisions(profiles)
    questions = re.findall(r'<fieldset class="calc-question"', raw)
    assert 1 <= len(questions) == len(profiles["questions"]) <= 6
    for question in profiles["questions"]:
        for answer in question["answers"]:
            box = form.elements[f"calc-a-{answer['id']}"]
            assert box["type"] == "checkbox" and box["name"] == "a" and box["value"] == answer["id"]
            assert box["data-provisions"].split() == resolved[answer["id"]]
            assert form.labels[f"calc-a-{answer['id']}"] == tx(answer["label"], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conditions_are_in_the_texts_own_words_with_three_answers(built, policy, lang):
    _, form = calculator(built, lang)
    for provision in monetary(policy):
        for condition in provision["conditions"]:
            base = f"calc-{provision['id']}-if-{condition['id']}"
            assert form.elements[base]["tag"] == "fieldset"
            assert any(condition["text"]["zh"] in legend for legend in form.legends)
            for answer in ("unset", "yes", "no"):
                radio = form.elements[f"{base}-{answer}"]
                assert radio["type"] == "radio" and radio["name"] == f"{provision['id']}.if.{condition['id']}"
                assert f"{base}-{answer}" in form.labels
            assert "checked" in form.elements[f"{base}-unset"]


def test_date_rules_are_stated_beside_the_date_they_need(built, policy):
    raw, _ = calculator(built, "zh")
    for provision in monetary(policy):
        if provision["date_rule"]:
            hint_id = f"calc-{provision['id']}-in-{provision['date_rule']['input']}-hint"
            assert re.search(rf'id="{re.escape(hint_id)}">[^<]*{re.escape(html.escape(date_rule_label(provision, "zh"), quote=True))}', raw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_control_has_exactly_one_label_and_ids_are_unique(built, lang):
    _, form = calculator(built, lang)
    assert form.duplicate_ids == []
    unlabelled = [c.get("id") for c in form.controls if c.get("id") not in form.labels]
    assert unlabelled == []
    for element in form.elements.values():
        for ref in element.get("aria-describedby", "").split():
            assert ref in form.elements, f"{element['id']} is described by missing {ref}"
        if element.get("tag") == "label":
            assert element["for"] in form.elements
    for control in form.controls:  # two labels for one control would have failed in the parser
        assert control.get("id")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_have_the_ids_scripts_rely_on_and_the_words_are_the_catalogs(built, lang):
    raw, form = calculator(built, lang)
    results = form.elements["calc-results"]
    assert results["data-seq"] == "0"
    assert form.elements["calc-announce"]["aria-live"] == "polite"
    assert form.elements["calc-status"]["role"] == "status"
    assert form.elements["calc-retry"]["tag"] == "button" and "hidden" in form.elements["calc-retry"]
    assert form.elements["calc-as-of"]["type"] == "date"
    root = form.elements["calc"]
    assert root["data-lang"] == lang
    site_root = posixpath.normpath(posixpath.join("/en/calculator/" if lang == "en" else "/calculator/", root["data-site-root"]))
    assert site_root == "/"
    assert (built / "data" / "suzhou-ai-plus-2026.json").is_file()
    start = raw.index('<script type="application/json" id="calc-words">') + len('<script type="application/json" id="calc-words">')
    words = json.loads(raw[start:raw.index("</script>", start)])
    assert words["ready"] == translate(lang, "js.ready")
    assert "<" not in raw[start:raw.index("</script>", start)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_it_is_an_estimate_and_the_chinese_text_prevails(built, lang):
    raw, _ = calculator(built, lang)
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))
    if lang == "zh":
        assert "估算,不是决定" in text and "中文原文" in text and "不是承诺" in text
        assert "补贴估算器" in text
    else:
        assert "an estimate, not a decision" in text and "Chinese text" in text and "not promises" in text
        assert "Subsidy estimator" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_module_script_and_styles_load_on_the_calculator_page_only(built, lang):
    _, form = calculator(built, lang)
    modules = [s["src"] for s in form.scripts if s.get("type") == "module"]
    assert modules == ["../assets/calculator/app.mjs"]
    raw, _ = calculator(built, lang)
    head = raw[:raw.index("</head>")]  # styled from the first paint: nothing moves when it arrives
    assert '<link rel="stylesheet" href="../assets/calculator/calculator.css">' in head
    edition = built / "en" if lang == "en" else built
    assert (edition / "assets" / "calculator" / "app.mjs").is_file()
    assert (edition / "assets" / "calculator" / "calculator.css").is_file()
    for page in edition.rglob("*.html"):
        if page.relative_to(edition).parts[:1] in (("calculator",), ("en",)):
            continue
        text = page.read_text(encoding="utf-8")
        assert "assets/calculator/" not in text, page
        assert not re.search(r"""(src|href)=["'][^"']*pyodide""", text, re.I), page


def test_the_app_imports_only_its_own_modules_and_never_parses_html():
    folder = ROOT / "docs" / "assets" / "calculator"
    for name in PAGE_MODULES:
        source = (folder / name).read_text(encoding="utf-8")
        for target in re.findall(r"""(?:from|import)\s*\(?\s*["']([^"']+)["']""", source):
            own = target.startswith("./") and target[2:] in PAGE_MODULES + RUNTIME_MODULES
            assert own or target in GENERATED_MODULES + SITE_MODULES, f"{name} imports {target}"
        assert source.startswith("// Owns "), f"{name} says in its first line what it owns"
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "outerHTML" not in source, name
        assert "document.write" not in source and "eval(" not in source, name
        assert not re.search(r"https?://", source), name


def test_shared_names_reach_the_script_from_python_through_the_generated_module(built):
    for edition in (built, built / "en"):
        module = (edition / "assets" / "names.mjs").read_text(encoding="utf-8")
        assert f"export const FRAGMENT_VERSION = {FRAGMENT_VERSION};" in module
    assert not (ROOT / "docs" / "assets" / "names.mjs").exists(), "generated, never committed"
    source = (ROOT / "docs" / "assets" / "calculator" / "fragment.mjs").read_text(encoding="utf-8")
    assert "export const VERSION = FRAGMENT_VERSION;" in source


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_measure_pages_link_each_monetary_provision_to_the_calculator_preselected(built, policy, lang):
    edition = built / "en" if lang == "en" else built
    for measure in policy["measures"]:
        raw = (edition / "measures" / measure["id"] / "index.html").read_text(encoding="utf-8")
        links = set(re.findall(r'href="(\.\./\.\./calculator/#[^"]*)"', raw))
        expected = {f"../../calculator/#v={FRAGMENT_VERSION}&amp;p={p['id']}"
                    for p in policy["provisions"] if p["measure"] == measure["id"] and p["kind"] in MONETARY}
        assert links == expected, measure["id"]
        for link in links:
            target = posixpath.normpath(posixpath.join(f"/measures/{measure['id']}/", link.split("#")[0]))
            assert (edition / target.lstrip("/") / "index.html").is_file()


def test_the_calculator_is_in_the_nav_of_both_editions(built):
    assert 'href="calculator/"' in (built / "index.html").read_text(encoding="utf-8")
    english = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="calculator/"' in english and "Subsidy estimator" in english


def test_text_from_the_policy_is_escaped_in_the_generated_form(policy):
    provision = next(p for p in policy["provisions"] if p["id"] == "m2-2")
    provision["inputs"][0]["label"]["zh"] = "<b>费用</b>"
    provision["conditions"][0]["text"]["zh"] = "条件<script>alert(1)</script>"
    page = render_calculator(policy, "zh")
    assert "<b>费用</b>" not in page and "<script>alert(1)</script>" not in page
    fields = json.loads(fields_file(policy, "zh"))["m2-2"]

    def nodes(node):
        yield node
        for child in node[2:] if isinstance(node, list) else []:
            yield from nodes(child)

    assert [n[0] for n in nodes(fields) if isinstance(n, list) and n[0] in ("b", "script")] == []
    texts = [n for n in nodes(fields) if isinstance(n, str)]
    assert "<b>费用</b>" in " ".join(texts) and any("条件<script>alert(1)</script>" in text for text in texts)


def test_a_provision_gets_a_calculator_link_exactly_when_calc_computes_an_amount_for_it(policy):
    """Checked against calc itself, not against the page's own list of kinds: a claim with neutral inputs
    either yields an amount or says the text gives none (open amount, non-monetary)."""
    neutral = {"money": "100万", "count": "1", "date": "2026-03-01", "dates": "2026-03-01", "boolean": True}
    loaded = load_policy(policy)
    linked = 0
    for provision in policy["provisions"]:
        inputs = {spec["name"]: spec["options"][0]["value"] if spec["type"] == "choice" else neutral[spec["type"]]
                  for spec in provision["inputs"]}
        [item] = estimate(loaded, {"as_of": "2026-06-01", "claims": [{"provision": provision["id"], "inputs": inputs}]})["items"]
        has_link = calculator_link(provision, "zh") is not None
        assert has_link == (item["amount"] is not None), provision["id"]
        linked += has_link
    assert 0 < linked < len(policy["provisions"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fields_file_holds_each_provisions_fields_as_a_tree_the_script_builds_without_parsing_html(built, policy, lang):
    """The page loads the fields when a provision is chosen; the file is a tree of tags, attributes and texts
    (scripts/sitegen/markup_tree.py), which form.mjs builds with dom.mjs's h(), and the page states only what
    its script must know of them before (their specs), never their markup."""
    trees = json.loads((built / ("en/" if lang == "en" else "") / FIELDS_FILE).read_text(encoding="utf-8"))
    assert sorted(trees) == sorted(p["id"] for p in monetary(policy))
    raw = (built / ("en/" if lang == "en" else "") / "calculator" / "index.html").read_text(encoding="utf-8")
    for pid, node in trees.items():
        assert node[0] == "fieldset" and node[1]["id"] == f"calc-{pid}-box"
        assert tree(markup(node)) == node
        assert f'id="calc-{pid}-box"' not in raw and f'id="calc-{pid}-other-amount"' not in raw
    specs = json.loads(re.search(r'<script type="application/json" id="calc-field-specs">(.*?)</script>', raw, re.S).group(1))
    for provision in monetary(policy):
        spec = specs[provision["id"]]
        assert [i["name"] for i in spec["inputs"]] == [i["name"] for i in provision["inputs"]]
        assert spec["conditions"] == [c["id"] for c in provision["conditions"]]
    assert tree('<p class="x">a &amp; b<input checked></p>') == ["p", {"class": "x"}, "a & b", ["input", {"checked": True}]]
    with pytest.raises(ValueError):
        tree("<p><span></p>")
