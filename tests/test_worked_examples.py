"""Worked examples (issue 20): typical applicants in policy/examples/, computed by calc when the site is built.

The files are checked against their schema and the calculator's scenario schema (jsonschema, directly); a broken
file stops the build naming the file and the field; together the examples claim a provision of every measure with
money; and on the built pages (both editions) every figure of every example is calc's result for its scenario,
computed here again from the file, the link to the calculator carries the same answers and inputs, measure pages
and the home page link to the examples, and the search finds them under the words an applicant types.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from referencing import Registry, Resource

from calc import estimate, load_policy
from scripts.sitegen import worked_examples
from scripts.sitegen.calculator_fragment import encode_value
from scripts.sitegen.names import FRAGMENT_VERSION
from scripts.sitegen.profiles import answers as profile_answers, load_profiles
from scripts.sitegen.render_calculator import MONETARY
from tests.conftest import ROOT
from tests.sitebuild import build

EXAMPLES = ROOT / "policy" / "examples"
FILES = sorted(p for p in EXAMPLES.glob("*.json") if p.name != "example.schema.json")
CALC_POLICY = load_policy()


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def example_files() -> dict[str, dict]:
    return {path.stem: read_json(path) for path in FILES}


# --- the files ---------------------------------------------------------------------------------------------


def test_there_are_eight_to_twelve_examples_each_named_by_its_id():
    examples = example_files()
    assert 8 <= len(examples) <= 12
    assert all(example["id"] == stem for stem, example in examples.items())


def test_every_example_validates_against_its_schema_and_its_scenario_against_the_calculators():
    schema = read_json(EXAMPLES / "example.schema.json")
    scenario_schema = read_json(ROOT / "policy" / "scenario.schema.json")
    registry = Registry().with_resources([(schema["$id"], Resource.from_contents(schema)),
                                          (scenario_schema["$id"], Resource.from_contents(scenario_schema))])
    jsonschema.Draft202012Validator.check_schema(schema)
    for stem, example in example_files().items():
        jsonschema.Draft202012Validator(schema, registry=registry).validate(example)
        jsonschema.Draft202012Validator(scenario_schema).validate(example["scenario"])


def test_every_measure_with_money_is_covered_by_an_example(policy):
    claimed = {claim["provision"] for example in example_files().values() for claim in example["scenario"]["claims"]}
    kinds = {p["id"]: p["kind"] for p in policy["provisions"]}
    assert all(kinds[pid] in MONETARY for pid in claimed)
    with_money = {p["measure"] for p in policy["provisions"] if p["kind"] in MONETARY}
    covered = {p["measure"] for p in policy["provisions"] if p["id"] in claimed}
    assert with_money == {m["id"] for m in policy["measures"]}  # all twelve name an amount today
    assert with_money <= covered, f"no example for {sorted(with_money - covered)}"


def test_the_issues_applicants_are_among_the_examples():
    """An OPC founder with compute rental and both vouchers, a data company buying and selling datasets, a firm
    filing two models, a manufacturer with an excellence-level factory and provincial support, an employer hiring
    graduates, a lab leading standards, an event organiser, a park operator, a national pilot's lead and partner."""
    claims = {stem: {c["provision"]: c for c in e["scenario"]["claims"]} for stem, e in example_files().items()}
    others = {stem: e["scenario"].get("other_support", []) for stem, e in example_files().items()}
    wanted = [
        lambda c, o: {"m2-2", "m9-4", "m9-5"} <= set(c),
        lambda c, o: {"m1-2", "m1-3"} <= set(c),
        lambda c, o: "m4-2" in c and c["m4-2"]["inputs"]["models"] == "2",
        lambda c, o: c.get("m5-6", {}).get("inputs", {}).get("factory_level") == "excellence" and any(x["level"] == "province" for x in o),
        lambda c, o: "m7-2" in c,
        lambda c, o: "m11-2" in c,
        lambda c, o: "m10-1" in c,
        lambda c, o: "m9-3" in c,
        lambda c, o: "m5-1" in c,
        lambda c, o: "m5-2" in c,
    ]
    for number, applicant in enumerate(wanted):
        assert any(applicant(claims[stem], others[stem]) for stem in claims), number


# --- a broken file stops the build -------------------------------------------------------------------------


def _change(path: Path, change) -> None:
    data = read_json(path)
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


BROKEN = {
    "not JSON": ("opc-founder-compute-and-vouchers.json", None, "$"),
    "an input as a number": ("opc-founder-compute-and-vouchers.json",
                             lambda d: d["scenario"]["claims"][0]["inputs"].update(compute_rental_fees_paid=1200000),
                             "$.scenario.claims[0].inputs.compute_rental_fees_paid"),
    "an amount calc refuses": ("opc-founder-compute-and-vouchers.json",
                               lambda d: d["scenario"]["claims"][0]["inputs"].update(compute_rental_fees_paid="1e6"),
                               "$.scenario.claims[0].inputs.compute_rental_fees_paid"),
    "a missing input": ("lab-leading-standards.json", lambda d: d["scenario"]["claims"][1].pop("inputs"),
                        "$.scenario.claims[1].inputs"),
    "an unknown answer": ("bank-tech-loan-losses.json", lambda d: d["answers"].append("astronaut"), "$.answers[1]"),
    "answers that do not lead to the provision": ("bank-tech-loan-losses.json", lambda d: d.update(answers=["graduate"]),
                                                  "$.scenario.claims[0].provision"),
    "a provision the calculator does not compute": ("bank-tech-loan-losses.json",
                                                    lambda d: d["scenario"]["claims"].append({"provision": "m8-4"}),
                                                    "$.scenario.claims[1].provision"),
    "an id that is not the file's name": ("bank-tech-loan-losses.json", lambda d: d.update(id="a-bank"), "$.id"),
    "a figure typed into the description": ("bank-tech-loan-losses.json",
                                            lambda d: d["description"].update(zh="最高1000万元"), "$.description.zh"),
    "an overlap answer the page would not ask": ("opc-founder-compute-and-vouchers.json",
                                                 lambda d: d["scenario"].update(overlaps={"corpus-costs": "same"}),
                                                 "$.scenario.overlaps.corpus-costs"),
    "two other supports for one provision": ("manufacturer-excellence-smart-factory.json",
                                             lambda d: d["scenario"]["other_support"].append({"provision": "m5-6", "amount": "1万"}),
                                             "$.scenario.other_support[1].provision"),
}


@pytest.fixture
def examples_copy(tmp_path):
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_example_file_is_refused_naming_the_file_and_the_field(case, examples_copy, policy_pristine):
    name, change, field = BROKEN[case]
    path = examples_copy / name
    if change is None:
        path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    else:
        _change(path, change)
    with pytest.raises(worked_examples.ExampleError) as caught:
        worked_examples.compute_examples(policy_pristine, examples_copy)
    lines = [line for line in str(caught.value).splitlines() if name in line]
    assert lines and all(line.startswith(f"{path}: ") for line in lines), str(caught.value)
    assert any(line.startswith(f"{path}: {field}") for line in lines), str(caught.value)
    others = [line for line in str(caught.value).splitlines()[1:] if name not in line]
    assert others == []  # only the broken file is named


def test_a_broken_example_stops_the_build_with_that_message(examples_copy, monkeypatch):
    """Through the MkDocs hooks, as `mkdocs build` runs them."""
    _change(examples_copy / "compute-supplier.json", lambda d: d["scenario"]["claims"][0]["inputs"].update(compute_contract_amount="lots"))
    monkeypatch.setattr(worked_examples, "EXAMPLES_DIR", examples_copy)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError) as caught:
        config.plugins.on_files(Files([]), config=config)
    assert f"{examples_copy / 'compute-supplier.json'}: $.scenario.claims[0].inputs.compute_contract_amount" in str(caught.value)


# --- the link to the calculator ----------------------------------------------------------------------------


def fragment_pairs(fragment: str) -> list[tuple[str, str]]:
    return [(key, unquote(value)) for key, value in (part.split("=", 1) for part in fragment.split("&"))]


def scenario_from_pairs(pairs: list[tuple[str, str]]) -> tuple[list[str], dict]:
    """What the calculator page reads from a fragment (fragment.mjs, scenario.mjs), rebuilt here independently."""
    values = dict(pairs)
    answers = values.pop("a").split(",")
    chosen = values.pop("p").split(",")
    assert values.pop("v") == str(FRAGMENT_VERSION)
    scenario = {"as_of": values.pop("as_of"), "claims": [{"provision": pid} for pid in chosen]}
    claims = {claim["provision"]: claim for claim in scenario["claims"]}
    others: dict[str, dict] = {}
    for key, value in values.items():
        if key.startswith("o."):
            scenario.setdefault("overlaps", {})[key[2:]] = value
            continue
        pid, *rest = key.split(".")
        if rest[0] == "if":
            claims[pid].setdefault("conditions", {})[rest[1]] = value == "yes"
        elif rest[0] == "other":
            others.setdefault(pid, {"provision": pid})[rest[1]] = value
        else:
            claims[pid].setdefault("inputs", {})[rest[0]] = value
    if others:
        scenario["other_support"] = list(others.values())
    return answers, scenario


def normalised(scenario: dict) -> dict:
    out = copy.deepcopy(scenario)
    out["claims"] = sorted(out["claims"], key=lambda c: c["provision"])
    out["overlaps"] = {group: answer for group, answer in out.get("overlaps", {}).items() if answer != "unsure"}
    return out


@pytest.mark.parametrize("stem", [p.stem for p in FILES])
def test_each_examples_link_carries_its_answers_and_its_scenario(stem, policy_pristine):
    example = next(e for e in worked_examples.load_examples(policy_pristine) if e.id == stem)
    answers, scenario = scenario_from_pairs(fragment_pairs(example.fragment))
    source = read_json(EXAMPLES / f"{stem}.json")
    assert set(answers) == set(source["answers"])
    assert answers == [a for a in profile_answers(load_profiles()) if a in answers]  # in the page's order
    assert normalised(scenario) == normalised(source["scenario"])


def test_values_are_percent_encoded_as_encode_uri_component_does(tmp_path):
    """The page writes its links with encodeURIComponent (commas kept); the build's links must be the same."""
    texts = ["800万", "8,000,000", "０.０８亿", "a b&c=d#e", "2026-03-16、2026-08-20", "江苏省“智能工厂”奖励 (省级)",
             "~*'()!-_.", "%", "+/?:@", "\u202e", "😀"]
    script = "const t = JSON.parse(process.argv[1]); console.log(JSON.stringify(t.map((s) => encodeURIComponent(s).replace(/%2C/g, ','))))"
    done = subprocess.run(["node", "-e", script, json.dumps(texts)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [encode_value(text) for text in texts] == json.loads(done.stdout)


# --- the built pages ---------------------------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find_all(self, predicate) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if predicate(child):
                    found.append(child)
                found += child.find_all(predicate)
        return found

    def classed(self, name: str) -> list["Node"]:
        return self.find_all(lambda n: name in n.attrs.get("class", "").split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Tree(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@pytest.fixture(scope="module")
def site() -> Path:
    return build()


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def expected_totals(result: dict, lang: str) -> dict[str, list[str]]:
    """What the calculator page shows: the applicant's totals (none: 'none'), and apart, the talents' if any."""
    own = [p["text"][lang] for p in result["period_totals"]]
    paid = [p["text"][lang] for p in result["talent_period_totals"]]
    groups = {} if not own and paid else {"applicant": own or [{"zh": "无", "en": "none"}[lang]]}
    return groups | ({"talent": paid} if paid else {})


@pytest.mark.site
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_of_every_example_on_the_page_is_calcs_result_for_its_scenario(site, lang):
    tree = Tree(page(site, "examples" if lang == "zh" else "en/examples")).root
    blocks = {node.attrs["data-example"]: node for node in tree.classed("worked-example")}
    headings = {node.attrs["id"] for node in tree.find_all(lambda n: n.tag == "h2")}
    sources = example_files()
    assert set(blocks) == set(sources) == headings  # each example under a heading whose id is its slug
    for stem, source in sources.items():
        result = estimate(CALC_POLICY, source["scenario"])
        block = blocks[stem]
        shown = {ul.attrs["data-recipient"]: [li.text().strip() for li in ul.find_all(lambda n: n.tag == "li")]
                 for ul in block.classed("worked-example-period-totals")}
        assert shown == expected_totals(result, lang), stem
        rows = {li.attrs["data-provision"]: li for li in block.classed("worked-example-items")[0].find_all(lambda n: n.tag == "li")}
        assert list(rows) == [item["provision"] for item in result["items"]], stem
        for item in result["items"]:
            row = rows[item["provision"]]
            assert row.attrs["data-status"] == item["status"]
            assert row.classed("worked-example-amount")[0].text() == item["wording"][lang], (stem, item["provision"])
            assert row.classed("worked-example-recipient")[0].text() == item["recipient"]["label"][lang]
            assert bool(row.classed("worked-example-not-counted")) == (item["status"] == "set_aside")
        changes = [li.text() for li in block.classed("worked-example-changes")[0].find_all(lambda n: n.tag == "li")]
        assert changes == [change[lang] for change in result["what_would_change"]], stem
        assert len(changes) >= 1
        [link] = block.classed("worked-example-open")[0].find_all(lambda n: n.tag == "a")
        href = link.attrs["href"]
        assert href.startswith("../calculator/#")
        answers, scenario = scenario_from_pairs(fragment_pairs(href.split("#", 1)[1]))
        assert normalised(scenario) == normalised(source["scenario"]) and set(answers) == set(source["answers"])


@pytest.mark.site
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_the_inputs_are_illustrative_and_describes_every_applicant_for_search_engines(site, lang):
    raw = page(site, "examples" if lang == "zh" else "en/examples")
    lead = {"zh": "都是示例输入", "en": "illustrative inputs"}[lang]
    assert lead in html.unescape(raw)
    description = html.unescape(re.search(r'<meta name="description" content="([^"]*)"', raw).group(1))
    names = [example["name"][lang] for example in example_files().values()]
    named = [name for name in names if name in description]
    more = re.search(r"等(\d+)个|and (\d+) more", description)
    assert len(named) + (int(more.group(1) or more.group(2)) if more else 0) == len(names)
    assert len(description) <= 160 and (lang == "en" or named == names)  # every Chinese name fits
    text = html.unescape(raw)
    for example in example_files().values():
        assert example["title"][lang] in text and example["description"][lang] in text


@pytest.mark.site
@pytest.mark.parametrize("edition", ["", "en/"])
def test_measure_pages_link_each_claimed_provision_to_its_examples_and_the_home_page_to_the_page(site, edition, policy):
    measure_of = {p["id"]: p["measure"] for p in policy["provisions"]}
    for stem, example in example_files().items():
        for claim in example["scenario"]["claims"]:
            measure = page(site, f"{edition}measures/{measure_of[claim['provision']]}")
            section = measure.split(f'id="{claim["provision"]}"', 1)[1].split("<h3", 1)[0]
            assert f'href="../../examples/#{stem}"' in section, (stem, claim["provision"])
    assert 'href="examples/"' in page(site, edition.rstrip("/") or ".")


def tokens(entry: dict) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
    return {t for t in re.split(r"[\s\u200b]+", text) if t}


@pytest.mark.site
def test_the_search_index_holds_each_example_as_a_section_with_the_words_an_applicant_types(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {e["location"]: e for e in index["docs"]}
    for stem in example_files():
        assert f"examples/#{stem}" in entries
    assert {"算力", "补贴"} <= tokens(entries["examples/#opc-founder-compute-and-vouchers"])
    assert "智能工厂" in tokens(entries["examples/#manufacturer-excellence-smart-factory"])
    assert {"应届生", "补贴"} <= tokens(entries["examples/#employer-hiring-graduates-and-talent"])
