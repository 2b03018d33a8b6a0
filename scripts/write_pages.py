#!/usr/bin/env python3
"""Write every generated page of both editions out as Markdown (``make pages``).

Usage: python scripts/write_pages.py [OUT]   (default: build/pages)

The Chinese pages go to ``OUT/``, the English ones to ``OUT/en/``, each at the path MkDocs gives it in memory
(``measures/m5.md``). The text comes from the same render functions the MkDocs hook uses
(scripts/sitegen/pages.generated_pages), for the site address in ``SITE_URL`` as ``make build`` reads it. The
folder is replaced on each run and never committed. A policy file that fails validation writes nothing and
exits 1 with every problem and its JSON path.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.policy_checks import POLICY_PATH, ROOT, load_valid_policy  # noqa: E402
from scripts.sitegen.languages import LANGUAGES, edition_url  # noqa: E402
from scripts.sitegen.pages import generated_pages  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "pages"


def write_pages(out: Path, policy: dict, site_url: str | None = None) -> list[Path]:
    """Replace ``out`` with the generated pages of every edition; returns the files written."""
    shutil.rmtree(out, ignore_errors=True)
    written = []
    for lang in LANGUAGES:
        edition = out if lang == "zh" else out / lang
        for src_uri, markdown in generated_pages(policy, lang, edition_url(site_url, lang)).items():
            path = edition / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    try:
        policy = load_valid_policy(POLICY_PATH)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    written = write_pages(out, policy, os.environ.get("SITE_URL") or None)
    print(f"wrote {len(written)} Markdown pages ({', '.join(LANGUAGES)}) into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
