"""The pages generated from the policy JSON at build time (never committed).

Plain functions of the policy: the MkDocs hook (hooks.on_files) adds them to the build in memory, and
``make pages`` (scripts/write_pages.py) writes them out as Markdown files.
"""

from __future__ import annotations

from .glossary import load_glossary
from .names import agency_source, examples_source, measure_source
from .render_about import render_about
from .render_agency import render_agency, render_agency_index
from .render_calculator import render_calculator
from .render_developers import render_developers
from .render_downloads import render_downloads
from .render_glossary import render_glossary
from .render_home import render_home
from .render_measure import render_measure
from .render_provisions import render_provisions
from .render_schema_reference import render_schema_reference
from .render_worked_examples import render_worked_examples


def generated_pages(policy: dict, lang: str, site_url: str | None = None) -> dict[str, str]:
    """Source path -> Markdown, for every generated page in ``lang``."""
    pages = {
        "index.md": render_home(policy, lang),
        "about.md": render_about(policy, lang),
        "calculator.md": render_calculator(policy, lang),
        examples_source(): render_worked_examples(policy, lang),
    }
    for measure in policy["measures"]:
        pages[measure_source(measure["id"])] = render_measure(policy, measure, lang)
    pages["provisions.md"] = render_provisions(policy, lang)
    pages["agencies/index.md"] = render_agency_index(policy, lang)
    for agency in policy["agencies"]:
        pages[agency_source(agency["id"])] = render_agency(policy, agency, lang)
    pages["glossary.md"] = render_glossary(policy, load_glossary(), lang)
    pages["downloads.md"] = render_downloads(policy, lang, site_url)
    pages["developers.md"] = render_developers(policy, lang, site_url)
    pages["reference.md"] = render_schema_reference(lang)
    return pages

