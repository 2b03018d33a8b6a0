"""MkDocs hooks: thin dispatchers to the site generator (see scripts/sitegen)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from scripts.policy_checks import POLICY_PATH, load_valid_policy  # noqa: E402
from scripts.sitegen import languages, pages, publish  # noqa: E402

_policy: dict | None = None


def on_config(config):
    global _policy
    try:
        _policy = load_valid_policy(POLICY_PATH)
    except ValueError as error:
        raise PluginError(str(error)) from None
    return languages.configure(config)


def on_files(files, config):
    lang = languages.current(config)
    files = languages.select_language_files(files, config, lang)
    try:
        return pages.add_generated(files, config, _policy, lang)
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    if languages.current(config) == "zh":  # site-wide files live at the root, once
        publish.publish_policy(config["site_dir"])
    languages.build_other_editions(config)
