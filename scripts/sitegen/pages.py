"""The pages generated from the policy JSON at build time (never committed)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from .render_about import render_about
from .render_home import render_home
from .render_measure import render_measure


def generated_pages(policy: dict, lang: str) -> dict[str, str]:
    """Source path -> Markdown, for every generated page in ``lang``."""
    pages = {
        "index.md": render_home(policy, lang),
        "about.md": render_about(policy, lang),
    }
    for measure in policy["measures"]:
        pages[f"measures/{measure['id']}.md"] = render_measure(policy, measure, lang)
    return pages


def add_generated(files: Files, config, policy: dict, lang: str) -> Files:
    """Add the generated pages to the build; a hand-written file at the same path is an error."""
    for src_uri, markdown in generated_pages(policy, lang).items():
        if files.get_file_from_path(src_uri):
            raise ValueError(f"docs/{src_uri} exists but that page is generated from the policy JSON; remove the file")
        files.append(File.generated(config, src_uri, content=markdown))
    return files
