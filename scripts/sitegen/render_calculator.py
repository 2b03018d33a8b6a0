"""The calculator page (calculator.md): the profile questions, the provisions that may apply with their
headline figures, and each chosen provision's questions for the exact estimate, in Chinese or English.

Markup is in templates/calculator.html.j2 and calculator_fields.html.j2, words in catalogs/<lang>.json,
shared ids in names.py. This module only gathers what the templates show, from the policy JSON and
policy/profiles.json; headline figures come from calc.headline. The page is usable before any script runs.

Each provision's fields are not in the page (they were two thirds of it, and the largest cost of showing
it): the build writes them into each edition's ``names.FIELDS_FILE`` (``fields_file``), which the page
fetches when a provision is first chosen; the page carries only what its script must know of them before
(``field_specs``: inputs, options, labels, conditions), to read and write links.
"""

from __future__ import annotations

import json
from calc.headline import headline
from calc.labels import OVERLAP_ANSWER, SUPPORT_LEVEL
from calc.overlap import overlap_sentence

from . import names
from .catalog import script_words, translate
from .describe import agency_list, amount_summary, date_rule_label, measure_name, tx
from .markdown import html
from .markup_tree import tree
from .profiles import answer_provisions, load_valid_profiles, page_data
from .templating import macros, render

#: Kinds the calculator computes an amount for; the others are listed with the reason they are not.
MONETARY = ("share_of_base", "ceiling", "fixed", "tiers")

#: Relative URL from the calculator page to the site root (where pyodide/ and data/ live).
SITE_ROOT = {"zh": "../", "en": "../../"}


def calculator_link(provision: dict, lang: str) -> str | None:
    """A list item for a measure page linking to the calculator, or None for provisions it does not compute.

    A built URL in raw HTML rather than ``../calculator.md#...``: MkDocs would check the fragment as a heading
    anchor and log every link.
    """
    if provision["kind"] not in MONETARY:
        return None
    href = names.calculator_href(provision["id"])
    return f'- <a class="calc-link" href="{html(href)}">{html(translate(lang, "link.estimate_this"))}</a>'


def _input_spec(provision: dict, spec: dict, lang: str) -> dict:
    pid, name = provision["id"], spec["name"]
    element = names.element_id("input", pid=pid, name=name)
    hint = tx(spec.get("hint"), lang)
    rule = provision["date_rule"]
    if rule and rule["input"] == name:
        hint = " ".join(part for part in (hint, date_rule_label(provision, lang)) if part)
    unit = tx(spec.get("unit"), lang)
    label = tx(spec["label"], lang) + (translate(lang, "unit.open", unit=unit) if unit else "")
    return {"id": element, "name": name, "type": spec["type"], "label": label, "unit": unit, "hint": hint,
            "describedby": " ".join(([names.element_id("hint", id=element)] if hint else [])
                                    + [names.element_id("error", id=element)]),
            "options": [{"value": o["value"], "label": tx(o["label"], lang)} for o in spec.get("options", [])]}


def _conditions(provision: dict, lang: str) -> list[dict]:
    return [{"id": names.element_id("condition", pid=provision["id"], name=c["id"]), "name": c["id"],
             "verbatim": c["text"]["zh"], "english": c["text"].get("en", "") if lang == "en" else ""}
            for c in provision["conditions"]]


def _as_person(provision: dict, profiles: dict, lang: str) -> list[dict]:
    pid = provision["id"]
    return [{"title": tx(person["title"], lang),
             "choices": [{"id": c["id"], "label": tx(c["label"], lang), "inputs_json": json.dumps(c["inputs"]),
                          "element": names.element_id("person", pid=pid, name=c["id"])} for c in person["choices"]]}
            for person in profiles["as_person"] if person["provision"] == pid]


def _provision(policy: dict, provision: dict, profiles: dict, lang: str) -> dict:
    pid = provision["id"]
    measure = next(m for m in policy["measures"] if m["id"] == provision["measure"])
    ids = {f"{key}_id": names.element_id(kind, pid=pid) for key, kind in (
        ("box", "box"), ("include", "include"), ("pending", "pending"), ("other", "other"),
        ("other_amount", "otherAmount"), ("other_source", "otherSource"), ("other_level", "otherLevel"),
        ("match", "match"))}
    return {
        "id": pid, "kind": provision["kind"], "monetary": provision["kind"] in MONETARY,
        "label": tx(provision["label"], lang), "headline": headline(provision, lang),
        "pays_for": amount_summary(provision, lang),
        "agencies": translate(lang, "list.item_sep").join(agency_list(policy, measure["agencies"], lang)),
        "clause_href": names.clause_href(provision["measure"], pid),
        "measure_name": measure_name(measure, lang),
        "inputs": [_input_spec(provision, spec, lang) for spec in provision["inputs"]],
        "counts_hint": sum(spec["type"] == "count" for spec in provision["inputs"]) > 1,
        "conditions": _conditions(provision, lang), "open_conditions": False,
        "as_person": _as_person(provision, profiles, lang),
        "levels": [{"value": level, "label": label[lang]} for level, label in SUPPORT_LEVEL.items()],
        **ids,
    }


def _questions(profiles: dict, lang: str) -> list[dict]:
    resolved = answer_provisions(profiles)
    return [{"id": q["id"], "title": tx(q["title"], lang), "element": names.element_id("question", name=q["id"]),
             "answers": [{"id": a["id"], "label": tx(a["label"], lang), "provisions": resolved[a["id"]],
                          "element": names.element_id("answer", name=a["id"])} for a in q["answers"]]}
            for q in profiles["questions"]]


def _overlap_groups(policy: dict, lang: str) -> list[dict]:
    """Each overlap group's question (from the policy JSON) with the answers calc reads; shown when all its
    provisions are chosen. Not sure is the default, as in calc."""
    return [{"id": group["id"], "element": names.element_id("overlap", name=group["id"]),
             "provisions": " ".join(group["provisions"]), "question": tx(group["question"], lang),
             "answers": [{"value": value, "label": label[lang]} for value, label in OVERLAP_ANSWER.items()]}
            for group in policy["overlap_groups"]]


def _script_json(value: object) -> str:
    """JSON for a <script type="application/json"> block: '<' escaped so no text can close the element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _provisions(policy: dict, profiles: dict, lang: str) -> list[dict]:
    """Every provision as the templates show it, in the text's order: the page's order before any answer, and
    without JavaScript; the script reorders the list by the answers (profiles.ranked)."""
    return [_provision(policy, p, profiles, lang) for p in policy["provisions"]]


def field_specs(provisions: list[dict]) -> dict[str, dict]:
    """What the page's script knows of each monetary provision's fields before they are loaded: its label, its
    inputs (name, type, label, element id, the values of a choice) and its conditions."""
    return {p["id"]: {"label": p["label"], "conditions": [c["name"] for c in p["conditions"]],
                      "inputs": [{"name": i["name"], "type": i["type"], "label": i["label"], "id": i["id"],
                                  "options": [o["value"] for o in i["options"]]} for i in p["inputs"]]}
            for p in provisions if p["monetary"]}


def fields_file(policy: dict, lang: str) -> str:
    """``names.FIELDS_FILE``: each monetary provision's fields (calculator_fields.html.j2), as JSON {id: tree}
    (markup_tree: the page builds them without parsing HTML)."""
    profiles = load_valid_profiles(policy)
    fields = macros("calculator_fields.html.j2", lang, classes=names.CLASSES,
                    overlap_sentence=tx(overlap_sentence(policy["document"]["closing"]["sentences"]), lang))
    t = lambda key, **values: translate(lang, key, **values)  # noqa: E731 - the catalog, as templates call it
    markup = {p["id"]: "\n".join(line for line in str(fields.provision_fields(p, t)).splitlines() if line.strip())
              for p in _provisions(policy, profiles, lang) if p["monetary"]}
    return json.dumps({pid: tree(text) for pid, text in markup.items()}, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_calculator(policy: dict, lang: str) -> str:
    """Markdown (the title, the lead and one raw HTML block) for calculator.md."""
    profiles = load_valid_profiles(policy)
    provisions = _provisions(policy, profiles, lang)
    body = render("calculator.html.j2", lang, ids=names.IDS, classes=names.CLASSES, html_lang="zh-CN" if lang == "zh" else "en",
                  site_root=SITE_ROOT[lang], dataset=policy["dataset"], questions=_questions(profiles, lang),
                  provisions=provisions, in_force=policy["document"]["in_force"],
                  overlap_groups=_overlap_groups(policy, lang),
                  overlap_sentence=tx(overlap_sentence(policy["document"]["closing"]["sentences"]), lang),
                  label_sep=translate(lang, "list.label_sep"), words_json=_script_json(script_words(lang)),
                  profile_json=_script_json(page_data(profiles)), field_specs_json=_script_json(field_specs(provisions)))
    return "\n".join(["---", "hide:", "  - toc", "---", "", f"# {translate(lang, 'page.title')}", "",
                      f'<p class="lead">{html(translate(lang, "page.lead"))}</p>', "",
                      "\n".join(line for line in body.splitlines() if line.strip()), ""])
