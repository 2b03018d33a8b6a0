"""The pages generated from the policy JSON at build time (never committed)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from .glossary import load_glossary
from .render_about import render_about
from .render_agency import agency_url, render_agency, render_agency_index
from .render_calculator import render_calculator
from .render_downloads import render_downloads
from .render_glossary import render_glossary
from .render_home import render_home
from .render_measure import render_measure
from .render_provisions import render_provisions
from .render_schema_reference import render_schema_reference


def generated_pages(policy: dict, lang: str, site_url: str | None = None) -> dict[str, str]:
    """Source path -> Markdown, for every generated page in ``lang``."""
    pages = {
        "index.md": render_home(policy, lang),
        "about.md": render_about(policy, lang),
        "calculator.md": render_calculator(policy, lang),
    }
    for measure in policy["measures"]:
        pages[f"measures/{measure['id']}.md"] = render_measure(policy, measure, lang)
    pages["provisions.md"] = render_provisions(policy, lang)
    pages["agencies/index.md"] = render_agency_index(policy, lang)
    for agency in policy["agencies"]:
        pages[agency_url(agency)] = render_agency(policy, agency, lang)
    pages["glossary.md"] = render_glossary(policy, load_glossary(), lang)
    pages["downloads.md"] = render_downloads(policy, lang, site_url)
    pages["reference.md"] = render_schema_reference(lang)
    return pages


def add_generated(files: Files, config, policy: dict, lang: str) -> Files:
    """Add the generated pages to the build; a hand-written file at the same path is an error."""
    for src_uri, markdown in generated_pages(policy, lang, config.get("site_url")).items():
        if files.get_file_from_path(src_uri):
            raise ValueError(f"docs/{src_uri} exists but that page is generated from the policy JSON; remove the file")
        files.append(File.generated(config, src_uri, content=markdown))
    return files
