"""Shared fixtures: the policy, its schema and the text of record."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TEXT = ROOT / "policy" / "source" / "suzhou-ai-plus-2026.zh.txt"
#: The project's shared copy of the text of record, beside the repository on the team's machines.
SHARED_SOURCE_TEXT = ROOT.parent / "shared" / "source" / "suzhou-ai-plus-2026.zh.txt"
POLICY_FILE = ROOT / "policy" / "suzhou-ai-plus-2026.json"
SCHEMA_FILE = ROOT / "policy" / "policy.schema.json"


@pytest.fixture(scope="session")
def policy_pristine() -> dict:
    return json.loads(POLICY_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def policy(policy_pristine) -> dict:
    """A fresh copy each test may change."""
    return copy.deepcopy(policy_pristine)


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def source_text() -> str:
    """The text of record, as committed in policy/source/."""
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Both editions built once per test process with ``mkdocs build --strict`` (see tests/sitebuild.py)."""
    from tests import sitebuild

    return sitebuild.build()


@pytest.fixture(scope="session")
def origin(built_site) -> str:
    """The built site served on 127.0.0.1, e.g. http://127.0.0.1:41234 (no trailing slash)."""
    from tests import sitebuild

    return sitebuild.serve(built_site).rstrip("/")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for every in-process browser test."""
    from tests.browser_support import launch_chromium

    with launch_chromium() as chromium:
        yield chromium
