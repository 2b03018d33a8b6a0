"""Command line: `python -m calc estimate SCENARIO.json` and `python -m calc list`; installed from the wheel, the same
commands are `suzhou-ai-plus estimate ...` and `suzhou-ai-plus list` (pyproject's console script).

estimate reads a scenario (a file, or - for standard input) and prints the result as JSON, or as readable
text with --format text. Errors are printed as JSON on standard error ({"error": ..., "problems": [...]})
with exit status 2 for a bad scenario and 3 for a bad policy; they are never tracebacks. Output that the
terminal's encoding cannot show ends with status 4, a closed pipe (``| head``) with 141, each with one line
on standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import metadata

from .estimate import estimate
from .explain import explain
from .headline import headline
from .jsonin import scenario_from_file
from .policy import load_policy
from .problems import PolicyError, ScenarioError
from .terminal import json_for_terminal, one_line, output_failed, shown

EXIT_SCENARIO, EXIT_POLICY, EXIT_OUTPUT, EXIT_PIPE, EXIT_INTERRUPTED = 2, 3, 4, 141, 130


def dumps(value) -> str:
    """The one JSON encoding used for results, in CPython and in the browser alike."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def _encodable(text: str, stream, errors: str | None = None) -> bool:
    """True when ``stream`` can write ``text`` (with its own error handler, e.g. PYTHONIOENCODING=ascii:replace)."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8", errors or getattr(stream, "errors", None) or "strict")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _error(payload: dict, status: int) -> int:
    """The error as JSON on standard error, \\u-escaped where the stream's encoding cannot show a character."""
    text = json_for_terminal(dumps(payload)) + "\n"
    if not _encodable(text, sys.stderr, "strict"):
        text = json.dumps(payload, ensure_ascii=True, indent=2) + "\n"
    if sys.stderr is not None:
        sys.stderr.write(text)
    return status


class OutputClosed(Exception):
    """Standard output is closed or gone."""


def _out(text: str) -> int:
    """Write the whole output, or nothing and a message if the output's encoding cannot show it."""
    if sys.stdout is None:
        raise OutputClosed
    if not _encodable(text, sys.stdout):
        encoding = getattr(sys.stdout, "encoding", None)
        return _error({"error": "output_encoding", "message":
                       f"standard output uses the {encoding} encoding, which cannot show this output (Chinese text); "
                       "set PYTHONIOENCODING=utf-8 or use a UTF-8 terminal"}, EXIT_OUTPUT)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def cmd_estimate(args) -> int:
    try:
        policy = load_policy(args.policy)
    except PolicyError as error:
        return _error({"error": "invalid_policy", "problems": error.problems}, EXIT_POLICY)
    try:
        scenario = scenario_from_file(args.scenario)
        result = estimate(policy, scenario)
    except OSError as error:
        return _error({"error": "unreadable_scenario", "message": f"cannot read {args.scenario}: {error.strerror or error}"},
                      EXIT_SCENARIO)
    except ScenarioError as error:
        return _error(error.as_dict(), EXIT_SCENARIO)
    if args.format == "text":
        return _out(explain(shown(result), args.lang))
    return _out(json_for_terminal(dumps(result)) + "\n")


def cmd_list(args) -> int:
    try:
        policy = load_policy(args.policy)
    except PolicyError as error:
        return _error({"error": "invalid_policy", "problems": error.problems}, EXIT_POLICY)
    provisions = list(policy.provisions.values())
    if args.format == "json":
        return _out(json_for_terminal(dumps([{"provision": p["id"], "label": p["label"], "kind": p["kind"],
                                 "inputs": [{"name": i["name"], "type": i["type"], "label": i["label"],
                                             **({"options": [o["value"] for o in i["options"]]} if "options" in i else {})}
                                            for i in p["inputs"]],
                                 "conditions": [c["id"] for c in p["conditions"]]} for p in provisions])) + "\n")
    lang, lines = args.lang, []
    for p in shown(provisions):
        label = p["label"][lang] or p["label"]["zh"]
        lines.append(f"{p['id']:<6} {p['kind']:<14} {label}\n")
        lines.append(f"{'':<7}{headline(p, lang)}\n")
        for item in p["inputs"]:
            options = f" [{'|'.join(o['value'] for o in item['options'])}]" if "options" in item else ""
            lines.append(f"{'':<7}input {item['name']} ({item['type']}){options}: {item['label'][lang] or item['label']['zh']}\n")
        for condition in p["conditions"]:
            text = condition["text"]
            words = f"{text['en']} ({text['zh']})" if lang == "en" and text["en"] else text["zh"]
            lines.append(f"{'':<7}condition {condition['id']}: {words}\n")
    return _out("".join(lines))


#: The installed command's name (pyproject.toml [project.scripts]); run as a module, the program is python -m calc.
COMMAND = "suzhou-ai-plus"


def program() -> str:
    """How the user ran us: ``suzhou-ai-plus`` (the console script) or ``python -m calc``."""
    return COMMAND if sys.argv and os.path.basename(sys.argv[0]) == COMMAND else "python -m calc"


def version() -> str:
    """'suzhou-ai-plus 2.1.0 (dataset 2.1.0)': the installed distribution's version and the shipped dataset's."""
    try:
        package = metadata.version(COMMAND)
    except metadata.PackageNotFoundError:
        package = "(not installed)"
    try:
        dataset = load_policy().data["dataset"]["version"]
    except PolicyError:
        dataset = "unreadable"
    return f"{COMMAND} {package} (dataset {dataset})"


class _Version(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        raise _ShowVersion


class _ShowVersion(Exception):
    """--version was asked for."""


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog=program(), description=__doc__.splitlines()[0])
    root.add_argument("--version", nargs=0, action=_Version, help="print the package's and the dataset's version")
    root.add_argument("--policy", help="policy JSON file (default: the policy shipped with calc)")
    commands = root.add_subparsers(dest="command", required=True)
    est = commands.add_parser("estimate", help="estimate a scenario")
    est.add_argument("scenario", help="scenario JSON file, or - for standard input")
    est.add_argument("--format", choices=("json", "text"), default="json")
    est.add_argument("--lang", choices=("zh", "en"), default="zh")
    est.set_defaults(run=cmd_estimate)
    lst = commands.add_parser("list", help="list the provisions with their ids and inputs")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.add_argument("--lang", choices=("zh", "en"), default="zh")
    lst.set_defaults(run=cmd_list)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run a command; a closed pipe, a closed output or Ctrl-C end with one line, never a traceback."""
    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")
    try:
        try:
            args = parser().parse_args(argv)
        except _ShowVersion:
            return _out(version() + "\n")
        return args.run(args)
    except OutputClosed:
        _note("standard output is closed; nothing was written")
        return EXIT_OUTPUT
    except OSError as error:  # a closed pipe (| head), a full disk
        _note(output_failed(error))
        return EXIT_PIPE if isinstance(error, BrokenPipeError) else EXIT_OUTPUT
    except KeyboardInterrupt:
        _note("interrupted")
        return EXIT_INTERRUPTED


def _note(message: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"{program()}: {one_line(message)}\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
