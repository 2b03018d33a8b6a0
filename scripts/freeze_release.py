"""Freeze the current dataset version: write its permanent copy into policy/releases/v<version>/ and append the
files' SHA-256 to policy/releases/SHA256SUMS (commit both). Every later build publishes the copy as it is, under
data/v<version>/, and stops if it ever changes (scripts/sitegen/releases.py).

    .venv/bin/python scripts/freeze_release.py            # once the version's CHANGELOG entry is written
    .venv/bin/python scripts/freeze_release.py --replace  # only for a version that was never published

A version already frozen is refused: a released version never changes; give the data a new version instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.policy_checks import POLICY_PATH, load_valid_policy  # noqa: E402
from scripts.sitegen import releases  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replace", action="store_true",
                        help="freeze the current version again (only if it was never published)")
    args = parser.parse_args(argv)
    try:
        policy = load_valid_policy(POLICY_PATH)
        written = releases.freeze(policy, POLICY_PATH.read_bytes(), replace=args.replace)
    except ValueError as error:
        print(f"freeze_release: {error}", file=sys.stderr)
        return 1
    print(f"froze {policy['dataset']['version']}: {len(written)} files in {releases.RELEASES_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
