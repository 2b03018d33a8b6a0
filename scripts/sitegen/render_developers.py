"""The "use the data" page: the files a program reads, and examples in Python and JavaScript that download,
verify, validate and list every provision with its largest amount (templates/developers.md.j2).

The code comes from examples.py, where the tests take it from too: what the page shows is what they run.
"""

from __future__ import annotations

from . import examples
from .datapackage import PACKAGE_NAME
from .feed import FEED_NAME
from .provision_files import INDEX_SCHEMA, provision_path, versioned_dir
from .publish import DATA_DIR
from .render_downloads import site_line
from .templating import render


def render_developers(policy: dict, lang: str, site_url: str | None = None) -> str:
    """Markdown for developers.md (data links relative to developers/, en/developers/ in English)."""
    version = policy["dataset"]["version"]
    first = policy["provisions"][0]["id"]
    site = site_line(site_url, lang)
    return render("developers.md.j2", lang, up="../" if lang == "zh" else "../../", data_dir=DATA_DIR, version=version,
                  index=examples.INDEX_PATH, index_schema=INDEX_SCHEMA, provision=provision_path(first),
                  versioned=f"{versioned_dir(version)}/{examples.INDEX_PATH}", package=PACKAGE_NAME, feed=FEED_NAME,
                  python=examples.python_example(lang).rstrip("\n"),
                  javascript=examples.javascript_example(lang).rstrip("\n"),
                  frictionless=site + examples.frictionless_shell().rstrip("\n"),
                  package_shell=site + examples.package_shell().rstrip("\n"),
                  package_python=examples.PACKAGE_PYTHON.rstrip("\n"))
