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
