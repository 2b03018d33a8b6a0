"""Files the build publishes beside the pages, under stable URLs: data/<file>.

The policy JSON is published once, at data/suzhou-ai-plus-2026.json; the downloads page and the
calculator's Web Worker both use that one file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.policy_checks import POLICY_PATH

DATA_DIR = "data"


def publish_policy(site_dir: str) -> Path:
    """Copy the policy JSON to <site>/data/ and return its path."""
    target = Path(site_dir) / DATA_DIR / POLICY_PATH.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(POLICY_PATH, target)
    return target
