"""MkDocs hooks: thin dispatchers to the site generator (see scripts/sitegen)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts.policy_checks import POLICY_PATH, load_valid_policy  # noqa: E402
from scripts.sitegen import catalog, csp, languages, names, offline, pages, publish, runtime  # noqa: E402
from scripts.sitegen import downloads, feed, glossary, search_patch, search_terms, seo, serving, site_status  # noqa: E402
from scripts.sitegen.render_calculator import fields_file  # noqa: E402

_policy: dict | None = None


@event_priority(50)  # before the search plugin's on_config: it reads the theme language and the jieba dictionary
def on_config(config):
    global _policy
    try:
        _policy = load_valid_policy(POLICY_PATH)
        search_terms.configure(config, glossary.load_glossary())
    except ValueError as error:
        raise PluginError(str(error)) from None
    site_status.configure(config, _policy, languages.current(config))
    feed.configure(config, languages.current(config))
    return languages.configure(config)


def on_files(files, config):
    lang = languages.current(config)
    files.append(File.generated(config, "assets/names.mjs", content=names.names_module()))
    for path, prefixes in catalog.WORD_MODULES.items():
        files.append(File.generated(config, path, content=catalog.words_module(prefixes)))
    files.append(File.generated(config, names.FIELDS_FILE, content=fields_file(_policy, lang)))
    try:
        return _add_generated(files, config, lang)
    except ValueError as error:
        raise PluginError(str(error)) from None


def _add_generated(files: Files, config, lang: str) -> Files:
    """Add the generated pages to the build; a hand-written file at the same path is an error."""
    for src_uri, markdown in pages.generated_pages(_policy, lang, config.get("site_url")).items():
        if files.get_file_from_path(src_uri):
            raise ValueError(f"docs/{src_uri} exists but that page is generated from the policy JSON; remove the file")
        files.append(File.generated(config, src_uri, content=markdown))
    return files


def on_page_context(context, page, config, nav):
    seo.annotate(page, _policy, languages.current(config))
    return context


def on_post_page(output, page, config):
    output = seo.alternates(output, page.url, languages.current(config), config.get("site_url"))
    return csp.add_csp(output)


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    return csp.add_csp(seo.alternates(output, None, languages.current(config), config.get("site_url")))


def on_post_build(config):
    if languages.current(config) == "zh":  # site-wide files live at the root, once
        publish.publish_policy(config["site_dir"])
        try:
            downloads.publish_downloads(config["site_dir"], _policy, config.get("site_url"))
        except ValueError as error:  # releases.ReleaseError: a frozen release changed, or the data under one
            raise PluginError(str(error)) from None
        seo.write_robots(config["site_dir"], config.get("site_url"))
        try:
            runtime.bundle_runtime(config["site_dir"], POLICY_PATH)
        except runtime.BundleError as error:
            raise PluginError(str(error)) from None
    try:
        search_patch.patch_search_worker(config["site_dir"])
    except search_patch.PatchError as error:
        raise PluginError(str(error)) from None
    languages.build_other_editions(config)
    if languages.current(config) == "zh":  # last: it lists every file of both editions
        offline.write_service_worker(config["site_dir"])
        serving.write_server_files(config["site_dir"])  # .gz/.br copies, _headers, nginx locations
