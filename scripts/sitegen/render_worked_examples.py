"""The worked examples page (examples.md): typical applicants, each answered by calc at build time.

For each example (policy/examples/, scripts/sitegen/worked_examples.py): who the applicant is, the profile answers
and the inputs given (illustrative, as a reader would type them), then calc's figures in calc's words: the
applicant's totals by period apart from money paid to talents themselves, one row per provision with whose money
it is, and calc's list of what would change the answer; and a link that opens the calculator with the same answers
and inputs. Nothing here computes or formats a figure. Markup: templates/worked_examples.md.j2 and
worked_example.html.j2; words: catalogs (``examples.*``, and the calculator's own words for the same things).
"""

from __future__ import annotations

from calc.labels import SUPPORT_LEVEL

from .catalog import translate
from .describe import tx
from .names import calculator_page, measure_page
from .profiles import answers as profile_answers, load_profiles
from .templating import render
from .worked_examples import WorkedExample, load_examples

#: From the examples page (<edition>/examples/) to another page of the same edition.
UP = "../"


def _condition_text(condition: dict, lang: str) -> str:
    text = condition["text"]
    return f"{text['en']} ({text['zh']})" if lang == "en" and text.get("en") else text["zh"]


def _given(provision: dict, claim: dict, lang: str) -> dict:
    """One claimed provision as the reader answered it: its inputs as typed (a choice by its option's label) and
    the conditions confirmed or not met, in the text's words."""
    inputs, conditions = claim.get("inputs", {}), claim.get("conditions", {})
    entries = []
    for spec in provision["inputs"]:
        value = inputs[spec["name"]]
        option = next((o for o in spec.get("options", []) if o["value"] == value), None)
        entries.append({"label": tx(spec["label"], lang), "value": tx(option["label"], lang) if option else value})
    return {"id": provision["id"], "label": tx(provision["label"], lang), "href": UP + measure_page(provision["measure"], provision["id"]),
            "entries": entries,
            "confirmed": [_condition_text(c, lang) for c in provision["conditions"] if conditions.get(c["id"]) is True],
            "not_met": [_condition_text(c, lang) for c in provision["conditions"] if conditions.get(c["id"]) is False]}


def _other_support(entry: dict, lang: str) -> dict:
    """Support from another policy as calc reports it: the amount, where it comes from, what calc did with it."""
    level = entry.get("level_label") or SUPPORT_LEVEL[entry.get("level", "city")]
    outcome = tx(entry["note"], lang) if entry.get("note") else ""
    return {"provision": entry["provision"], "amount": tx(entry["display"]["text"], lang), "level": tx(level, lang),
            "source": entry.get("source", ""), "outcome": outcome}


def _totals(result: dict, lang: str) -> list[dict]:
    """The totals as the calculator shows them: the applicant's (unless only talents are paid), then the talents'."""
    own, paid = result["period_totals"], result["talent_period_totals"]
    groups = []
    if own or not paid:
        groups.append({"party": "applicant", "title": translate(lang, "js.totalsTitle"),
                       "texts": [tx(p["text"], lang) for p in own] or [translate(lang, "js.totalsNone")]})
    if paid:
        groups.append({"party": "talent", "title": translate(lang, "js.totalsTalent"), "texts": [tx(p["text"], lang) for p in paid]})
    return groups


def _item(item: dict, lang: str) -> dict:
    counted = item["status"] == "eligible"
    shown = item.get("wording") and item["status"] in ("eligible", "set_aside")
    return {"id": item["provision"], "label": tx(item["label"], lang), "href": UP + measure_page(item["measure"], item["provision"]),
            "status": item["status"], "amount": tx(item["wording"], lang) if shown else tx(item["status_label"], lang),
            "counted": counted, "party": item["recipient"]["party"] if item.get("recipient") else "",
            "recipient": tx(item["recipient"]["label"], lang) if item.get("recipient") else "",
            "reasons": [tx(reason, lang) for reason in item["reasons"]]}


def example_view(example: WorkedExample, policy: dict, lang: str) -> dict:
    """What the template shows of one example; every figure is a string calc wrote into the result."""
    provisions = {p["id"]: p for p in policy["provisions"]}
    claims = {claim["provision"]: claim for claim in example.scenario["claims"]}
    labels = {a["id"]: a["label"] for a in profile_answers(load_profiles()).values()}
    result = example.result
    return {
        "id": example.id, "name": tx(example.name, lang), "title": tx(example.title, lang),
        "description": tx(example.description, lang),
        "answers": [tx(labels[a], lang) for a in labels if a in example.answers],
        "given": [_given(provisions[p["id"]], claims[p["id"]], lang) for p in policy["provisions"] if p["id"] in claims],
        "other_support": [_other_support(entry, lang) for entry in result["other_support"]],
        "questions": [{"question": tx(q["question"], lang), "answer": tx(q["answer_label"], lang)} for q in result["overlap_questions"]],
        "totals": _totals(result, lang),
        "rows": [_item(item, lang) for item in result["items"]],
        "changes": [{"kind": change["kind"], "text": change[lang] or change["zh"]} for change in result["what_would_change"]],
        "calculator_href": UP + calculator_page(example.fragment),
        "as_of": result["as_of"], "version": result["policy"]["version"],
    }


def _block(html: str) -> str:
    """Raw HTML for the Markdown page without blank lines, which would end the HTML block."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_worked_examples(policy: dict, lang: str) -> str:
    """Markdown for examples.md."""
    examples = load_examples(policy)
    views = [example_view(example, policy, lang) for example in examples]
    for view in views:
        view["block"] = _block(render("worked_example.html.j2", lang, e=view))
    return render("worked_examples.md.j2", lang, examples=views, notice=tx(examples[0].result["notice"], lang))
