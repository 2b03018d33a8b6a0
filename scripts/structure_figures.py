#!/usr/bin/env python3
"""Figures on where the site's words and names live, for a git revision or the working tree (issue 13).

Usage: python scripts/structure_figures.py [REV ...]    (no REV: the working tree)

For each tree it prints:
- ``pick calls``: ``pick(lang, zh, en)`` calls in scripts/sitegen/ (prose written as Python);
- ``copied policy phrases``: how many times phrases of the policy text (12 or more characters between
  punctuation) stand in the site's or calculator's code (scripts/sitegen/, docs/assets/, calc/) instead of being
  taken from the policy JSON;
- ``names in Python and JS``: element ids (``calc-…``) and page addresses (``measures/``, ``calculator/``)
  spelled both in Python or a template and in the page's JavaScript;
- ``largest function``: the longest Python function (calc/, scripts/) and JavaScript function (docs/assets/),
  in lines;
- ``repeated blocks``: pairs of places sharing six or more lines, as the ``duplicates`` tool counts them
  (when it is installed);
- ``lines``: of Python, JavaScript and CSS in tracked files.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("scripts/sitegen", "docs/assets", "calc")
PHRASE = re.compile(r"[^,。;:、“”()《》,.;:()\s]{12,}")
PICK_CALL = re.compile(r"(?<!def )\bpick\(")
ID_OR_ADDRESS = re.compile(r"calc-[a-z]+(?:-[a-z]+)*|(?:\.\./)*(?:measures|calculator)/")
JS_FUNCTION = re.compile(r"^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*(\w+)|^\s*(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\([^)]*\)\s*=>\s*\{")


def export(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def tracked(tree: Path, suffixes: tuple[str, ...], under: tuple[str, ...] = ("",)) -> list[Path]:
    return sorted(path for path in tree.rglob("*") if path.is_file() and path.suffix in suffixes
                  and ".venv" not in path.parts and "node_modules" not in path.parts and "site" not in path.parts[:1]
                  and any(str(path.relative_to(tree)).startswith(prefix) for prefix in under))


def pick_calls(tree: Path) -> int:
    return sum(len(PICK_CALL.findall(path.read_text(encoding="utf-8"))) for path in tracked(tree, (".py",), ("scripts/sitegen",)))


def copied_phrases(tree: Path) -> int:
    policy = json.loads((tree / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))
    sentences = [s["zh"] for m in policy["measures"] for p in m["paragraphs"] for s in p["sentences"]]
    sentences += [s["zh"] for s in policy["document"]["closing"]["sentences"]]
    phrases = {phrase for sentence in sentences for phrase in PHRASE.findall(sentence)}
    code = "\n".join(path.read_text(encoding="utf-8")
                     for path in tracked(tree, (".py", ".mjs", ".js", ".j2", ".json", ".html"), CODE_DIRS))
    return sum(code.count(phrase) for phrase in phrases)


def _code(paths: list[Path]) -> str:
    """The files' lines that are not comments (a line starting with #, //, /*, * or {#)."""
    return "\n".join(line for path in paths for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith(("#", "//", "/*", "*", "{#")))


def names_in_both(tree: Path) -> list[str]:
    python = _code(tracked(tree, (".py", ".j2"), ("scripts/sitegen",)))
    script = _code(tracked(tree, (".mjs",), ("docs/assets",)))
    return sorted(set(ID_OR_ADDRESS.findall(python)) & set(ID_OR_ADDRESS.findall(script)))


def largest_python(tree: Path) -> tuple[int, str]:
    best = (0, "")
    for path in tracked(tree, (".py",), ("calc", "scripts")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                best = max(best, (node.end_lineno - node.lineno + 1, f"{path.relative_to(tree)}:{node.name}"))
    return best


def largest_javascript(tree: Path) -> tuple[int, str]:
    """Counts from a function's first line to the line where its braces balance (strings and comments aside)."""
    best = (0, "")
    for path in tracked(tree, (".mjs", ".js"), ("docs/assets",)):
        lines = path.read_text(encoding="utf-8").splitlines()
        for start, line in enumerate(lines):
            match = JS_FUNCTION.match(line)
            if match:
                length = _braced_length(lines, start)
                best = max(best, (length, f"{path.relative_to(tree)}:{match.group(1) or match.group(2)}"))
    return best


def _braced_length(lines: list[str], start: int) -> int:
    depth, opened = 0, False
    for index in range(start, len(lines)):
        code = re.sub(r"//.*$|'(?:\\.|[^'])*'|\"(?:\\.|[^\"])*\"|`(?:\\.|[^`])*`", "", lines[index])
        depth += code.count("{") - code.count("}")
        opened = opened or "{" in code
        if opened and depth <= 0:
            return index - start + 1
    return len(lines) - start


def repeated_blocks(tree: Path) -> str:
    if not shutil.which("duplicates"):
        return "n/a (duplicates not installed)"
    out = subprocess.run(["duplicates", "--repo", str(tree), "--most", "1", "--seconds", "120"],
                         capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "n/a"


def line_counts(tree: Path) -> dict[str, int]:
    kinds = {"Python": (".py",), "JavaScript": (".mjs", ".js"), "CSS": (".css",)}
    return {kind: sum(len(p.read_text(encoding="utf-8").splitlines()) for p in tracked(tree, suffixes))
            for kind, suffixes in kinds.items()}


def figures(tree: Path) -> dict[str, object]:
    return {
        "pick calls": pick_calls(tree),
        "copied policy phrases": copied_phrases(tree),
        "names in Python and JS": (lambda names: f"{len(names)}: {', '.join(names)}")(names_in_both(tree)),
        "largest Python function": "{} lines ({})".format(*largest_python(tree)),
        "largest JS function": "{} lines ({})".format(*largest_javascript(tree)),
        "repeated blocks": repeated_blocks(tree),
        "lines": line_counts(tree),
    }


def main(argv: list[str]) -> int:
    for rev in argv or [None]:
        if rev is None:
            print("working tree:", json.dumps(figures(ROOT), ensure_ascii=False, indent=1))
            continue
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["git", "init", "-q", tmp], check=True)  # duplicates reads a checkout's files
            print(f"{rev}:", json.dumps(figures(export(rev, Path(tmp))), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
