"""Names shared by the generated pages and the site's scripts, declared once here.

The build writes the scripts' share into ``assets/names.mjs`` (``names_module``), stored with the pages for
offline use, which the scripts import: element ids and classes, the link format's version, and the condition
ids renamed since links of version 1 were written. The addresses of measure pages and clauses are also spelled
only here.
"""

from __future__ import annotations

import json

#: Version of the scenario in the calculator's URL fragment. Version 2 adds the profile answers (``a=``);
#: the page still reads every version-1 link (role=, all=, the old condition ids).
FRAGMENT_VERSION = 2

#: Element ids; ``{pid}`` is a provision id, ``{name}`` an input or condition id.
IDS = {
    "root": "calc",
    "form": "calc-form",
    "status": "calc-status",
    "retry": "calc-retry",
    "linkProblems": "calc-link-problems",
    "results": "calc-results",
    "resultsTitle": "calc-results-title",
    "announce": "calc-announce",
    "share": "calc-share-url",
    "copy": "calc-copy",
    "exportJson": "calc-export-json",
    "exportCsv": "calc-export-csv",
    "print": "calc-print",
    "sticky": "calc-sticky",
    "stickyText": "calc-sticky-text",
    "stickyButton": "calc-sticky-button",
    "asOf": "calc-as-of",
    "profile": "calc-profile",
    "profileSummary": "calc-profile-summary",
    "matches": "calc-matches",
    "matchList": "calc-match-list",
    "matchCount": "calc-match-count",
    "matchMore": "calc-match-more",
    "matchMoreList": "calc-match-more-list",
    "matchMoreCount": "calc-match-more-count",
    "fields": "calc-fields",
    "overlaps": "calc-overlaps",
    "estimateEmpty": "calc-estimate-empty",
    "words": "calc-words",
    "profileData": "calc-profile-data",
    "fieldSpecs": "calc-field-specs",
    "profileEdit": "calc-profile-edit",
    "estimate": "calc-estimate",
    "matchesTitle": "calc-matches-title",
    "resultsSection": "calc-results-section",
}

#: Ids that depend on a provision (and an input, condition or answer), a question, or another id (its
#: error and hint slots).
ID_PATTERNS = {
    "box": "calc-{pid}-box",
    "include": "calc-{pid}-include",
    "input": "calc-{pid}-in-{name}",
    "condition": "calc-{pid}-if-{name}",
    "other": "calc-{pid}-other",
    "otherAmount": "calc-{pid}-other-amount",
    "otherSource": "calc-{pid}-other-source",
    "otherLevel": "calc-{pid}-other-level",
    "overlap": "calc-overlap-{name}",
    "pending": "calc-{pid}-pending",
    "match": "calc-match-{pid}",
    "answer": "calc-a-{name}",
    "person": "calc-{pid}-person-{name}",
    "question": "calc-q-{name}",
    "error": "{id}-err",
    "hint": "{id}-hint",
}

#: Classes of the generated markup that the script looks for.
CLASSES = {
    "match": "calc-match",
    "question": "calc-question",
    "provisionTitle": "calc-ptitle",
    "conditionsBox": "calc-conditions-box",
    "error": "calc-error",
}

#: Pages, from the edition's root; ``{measure}`` is a measure id.
PAGES = {
    "examples": "examples/",
    "measure": "measures/{measure}/",
    "agency": "agencies/{agency}/",
    "calculator": "calculator/",
}

#: Each provision's fields for the estimate, from the edition's root (written by the build, fetched by the
#: calculator page when a provision is first chosen; see render_calculator.fields_file).
FIELDS_FILE = "assets/calculator/fields.json"

#: HTTP header the service worker sets on a stored copy it answers because the server could not be reached
#: (sw.js): the calculator then tells the reader its data is the stored copy, with its version and date.
STORED_COPY_HEADER = "X-Stored-Copy"

#: Condition ids renamed in the policy data since version-1 links were written: provision -> {old: new}.
RENAMED_CONDITIONS = {"m1-8": {"national_final_prize": "took_part_in_contest"}}


def element_id(kind: str, **parts: str) -> str:
    return ID_PATTERNS[kind].format(**parts)


def measure_page(measure: str, anchor: str | None = None) -> str:
    """A measure page, or a clause on it, from the edition's root: ``measures/<id>/#<anchor>``."""
    return PAGES["measure"].format(measure=measure) + (f"#{anchor}" if anchor else "")


def agency_page(agency: str) -> str:
    """An agency's page from the edition's root: ``agencies/<id>/``."""
    return PAGES["agency"].format(agency=agency)


def agency_source(agency: str) -> str:
    """The generated Markdown source of an agency's page: ``agencies/<id>.md``."""
    return PAGES["agency"].format(agency=agency).rstrip("/") + ".md"


def calculator_page(anchor: str | None = None) -> str:
    """The calculator page, or a place on it, from the edition's root: ``calculator/#<anchor>``."""
    return PAGES["calculator"] + (f"#{anchor}" if anchor else "")


def examples_page(anchor: str | None = None) -> str:
    """The worked examples page, or one example on it, from the edition's root: ``examples/#<id>``."""
    return PAGES["examples"] + (f"#{anchor}" if anchor else "")


def examples_source() -> str:
    """The generated Markdown source of the worked examples page, for Markdown links MkDocs resolves: ``examples.md``."""
    return PAGES["examples"].rstrip("/") + ".md"


def measure_source(measure: str) -> str:
    """The generated Markdown source of a measure page, for Markdown links MkDocs resolves: ``measures/<id>.md``."""
    return PAGES["measure"].format(measure=measure).rstrip("/") + ".md"


def clause_href(measure: str, anchor: str | None = None) -> str:
    """From the calculator page (<edition>/calculator/) to a measure page, or a clause on it."""
    return "../" + measure_page(measure, anchor)


def calculator_href(provision_id: str) -> str:
    """From a measure page (measures/<id>/) to the calculator with this provision chosen."""
    return "../../" + calculator_page(f"v={FRAGMENT_VERSION}&p={provision_id}")


def names_module() -> str:
    """The ES module the calculator script imports (generated; never committed)."""
    values = {"FRAGMENT_VERSION": FRAGMENT_VERSION, "IDS": IDS, "ID_PATTERNS": ID_PATTERNS, "CLASSES": CLASSES,
              "PAGES": PAGES, "RENAMED_CONDITIONS": RENAMED_CONDITIONS, "STORED_COPY_HEADER": STORED_COPY_HEADER,
              "FIELDS_FILE": FIELDS_FILE}
    lines = ["// Generated by scripts/sitegen/names.py at build time: names shared with the generated page."]
    for name, value in values.items():
        text = json.dumps(value, ensure_ascii=False)
        lines.append(f"export const {name} = {f'Object.freeze({text})' if isinstance(value, dict) else text};")
    lines.append("export function elementId(kind, parts) {")
    lines.append("  return ID_PATTERNS[kind].replace(/\\{(\\w+)\\}/g, (_, key) => parts[key]);")
    lines.append("}")
    return "\n".join(lines) + "\n"
