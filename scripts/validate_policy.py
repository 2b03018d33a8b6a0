#!/usr/bin/env python3
"""Validate policy files: JSON Schema, then cross-references.

Usage: python scripts/validate_policy.py [PATH ...]   (default: the project's policy file)

Prints every problem with its JSON path and exits 1 if any file has a problem, 0 otherwise. A missing,
non-JSON or truncated file is reported as such, never as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.policy_checks import POLICY_PATH, check_file  # noqa: E402


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [POLICY_PATH]
    failed = False
    for path in paths:
        problems = check_file(path)
        if problems:
            failed = True
            print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
