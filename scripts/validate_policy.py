#!/usr/bin/env python3
"""Validate policy files: JSON Schema, then cross-references.

Usage: python scripts/validate_policy.py [PATH ...]   (default: the project's policy file)

Prints every problem with its JSON path and exits 1 if any file has a problem, 0 otherwise. A missing,
non-JSON or truncated file is reported as such, never as a traceback. What the file holds is shown, never
obeyed: control characters in a problem appear escaped (``\\x1b``); characters the output's encoding cannot
show appear as ``\\u`` escapes; a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calc.terminal import one_line, output_failed  # noqa: E402
from scripts.policy_checks import POLICY_PATH, check_file  # noqa: E402


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [POLICY_PATH]
    failed = False
    for path in paths:
        problems = check_file(path)
        shown = one_line(os.fsdecode(path))
        if problems:
            failed = True
            print(f"{shown}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for problem in problems:
                print(f"  {one_line(str(problem))}")
        else:
            print(f"{shown}: valid")
    sys.stdout.flush()
    return 1 if failed else 0


def run(argv: list[str]) -> int:
    """main(), ending with one line on standard error when the output is closed, broken or full."""
    if sys.stdout is None:
        sys.stderr.write("validate_policy: standard output is closed; nothing was written\n")
        return 1
    sys.stdout.reconfigure(errors="backslashreplace")
    try:
        return main(argv)
    except OSError as error:  # a closed pipe (| head), a full disk
        sys.stderr.write(f"validate_policy: {output_failed(error)}\n")
        return 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
