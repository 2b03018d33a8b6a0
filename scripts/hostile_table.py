#!/usr/bin/env python3
"""Hostile input against the Python side, as bounded subprocess runs, summed up in the table of issue 12.

Usage: python scripts/hostile_table.py [--only TARGET] [--show-all]

Every case runs ``python -m calc`` or ``scripts/validate_policy.py`` in its own process with a 10 s timeout and
a 2 GB address-space limit, one at a time (the machine is shared). Each case says what must happen:

* ``refuse``: a non-zero exit status and a message on standard error (or, for the validator, standard output);
* ``accept``: exit status 0 and an answer (a case may add a check of the output, e.g. no forged line);
* ``quiet``: a closed pipe or output ends with one line on standard error and no traceback.

A run is counted as a traceback if ``Traceback`` or ``Exception ignored`` appears in its output, as a hang if it
outlives the timeout, as wrongly accepted if a ``refuse`` case exits 0 or an ``accept`` case fails its check, as
wrongly refused if an ``accept`` case exits non-zero. Prints the table (Markdown), then every case that was not
clean, and exits 1 if there was one.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
POLICY_PATH = ROOT / "policy" / "suzhou-ai-plus-2026.json"
PYTHON = sys.executable
TIMEOUT_S = 10
MEMORY_BYTES = 2 * 1024**3

ESTIMATE, STREAMS, ENVIRONMENT, POLICY, VALIDATOR = (
    "`python -m calc estimate` (scenarios)", "`python -m calc` (streams)", "`python -m calc` (environment)",
    "`python -m calc --policy FILE`", "`scripts/validate_policy.py`")
TARGETS = (ESTIMATE, STREAMS, ENVIRONMENT, POLICY, VALIDATOR)


@dataclass
class Case:
    target: str
    name: str
    argv: list[str]
    expect: str = "refuse"
    stdin: bytes | None = None
    env: dict = field(default_factory=dict)
    stdout: str = "pipe"  # pipe | broken | closed | full
    check: Callable[[bytes, bytes], str | None] | None = None


@dataclass
class Outcome:
    case: Case
    verdict: str  # clean | traceback | hang | wrongly accepted | wrongly refused
    detail: str
    seconds: float


# ------------------------------------------------------------------------------------------------- inputs

def good_scenario() -> dict:
    return {"as_of": "2026-06-01",
            "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}},
                       {"provision": "m7-2", "inputs": {"doctorates": "1", "masters": "0", "bachelors": "0"}},
                       {"provision": "m4-2", "inputs": {"models": 1, "filing_date": "2026-03-01"}}],
            "other_support": [{"provision": "m2-2", "amount": "150万", "source": "another Suzhou policy"}]}


#: Where a value can be put in the good scenario, as (name, setter).
SLOTS = {
    "money input": lambda s, v: s["claims"][0]["inputs"].__setitem__("compute_rental_fees_paid", v),
    "count input": lambda s, v: s["claims"][1]["inputs"].__setitem__("doctorates", v),
    "other support amount": lambda s, v: s["other_support"][0].__setitem__("amount", v),
    "date input": lambda s, v: s["claims"][2]["inputs"].__setitem__("filing_date", v),
    "as_of": lambda s, v: s.__setitem__("as_of", v),
}

#: JSON number literals (raw text) that must be refused wherever they stand.
BAD_NUMBERS = ["1e1000000", "1e999999999", "1E6", "1e6", "800.5", "0.1", "1.0", "-1", "-0.0", "1e-7", "0e0",
               "9" * 5000, "9" * 25, "123456789012345678901", "-" + "9" * 30, "2e2"]
#: Text values refused in a money field.
BAD_AMOUNTS = ["10²万", "3²", "①", "٣٠٠", "१००", "²", "Ⅷ", "½", "1e6", "NaN", "nan", "Infinity", "-1", "-0", "−5",
               "2_000_000", "800\u0000万", "\u202e008万", "800\u200b万", "9" * 41, "8万亿", "0.001", "1,00,000",
               "", "   ", "<script>alert(1)</script>", "0x10", "1/2", "１e６", "800万万", "万", "¥", "1.2.3",
               "\ud800", "8" * 10_240]
GOOD_AMOUNTS = ["800万", "８００万", " 2000000 ", "8,000,000", "0.08亿", "1.5万元", "¥1200", 2000000, "0", "800.50"]
BAD_COUNTS = ["3²", "٣", "①", "1e3", "-3", "3.0", "99999999999999", "7" * 400, "three", "", "3 4", "\u00b3", True]
GOOD_COUNTS = ["3", "３", 3, " 3 ", 0]
#: Dates as a person may type them (surrounding white space is dropped, as for amounts; full-width digits are read).
GOOD_DATES = ["2026-06-01\n", " 2026-03-01 ", "２０２６-０３-０１"]
BAD_DATES = ["2026-0²-01", "2026-02-30", "0000-00-00", 20260301, "2026-6-1", "01/06/2026",
             "２０２６-０²-０１", "٢٠٢٦-03-01", "2026-06-01T00:00", "", True, None, ["2026-06-01"]]


def dump(value) -> bytes:
    """UTF-8 JSON; lone surrogates as \\u escapes (the only way JSON text can carry them)."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("ascii")


def with_raw(slot: str, raw: str) -> bytes:
    """The good scenario with ``raw`` JSON text standing in the slot (for numbers JSON cannot otherwise hold)."""
    scenario = good_scenario()
    SLOTS[slot](scenario, "@@RAW@@")
    return dump(scenario).replace(b'"@@RAW@@"', raw.encode("utf-8"))


def with_value(slot: str, value) -> bytes:
    scenario = good_scenario()
    SLOTS[slot](scenario, value)
    return dump(scenario)


def no_forged_total(stdout: bytes, stderr: bytes) -> str | None:
    """Text output: no line forged from an input, no raw escape or control character reaches the terminal."""
    text = stdout.decode("utf-8", "replace")
    if any(line.startswith(("合计: 999", "Total: 999")) for line in text.splitlines()):
        return "a forged line reached the output"
    if any(ch in text for ch in "\x1b\x07\x08\x9b\r\u202e\u2028\u2029\x00"):
        return "a raw control character reached the output"
    return None


def json_output(stdout: bytes, stderr: bytes) -> str | None:
    try:
        json.loads(stdout.decode("utf-8"))
    except ValueError:
        return "standard output is not JSON"
    return None


# ------------------------------------------------------------------------------------------------ cases

class Scenario(NamedTuple):
    """A scenario file for ``python -m calc estimate``: its bytes, what must happen, the output format and an
    optional check of the output (JSON output that is accepted must be JSON)."""

    name: str
    data: bytes
    expect: str = "refuse"
    fmt: str = "json"
    check: Callable[[bytes, bytes], str | None] | None = None


def estimate_cases(tmp: Path) -> list[Case]:
    """Every scenario below, each written to its own file in ``tmp`` (scenario-<k>.json, in this order), then the
    paths that are no scenario file."""
    scenarios = [*_number_scenarios(), *_value_scenarios(), *_duplicate_key_scenarios(), *_nesting_scenarios(),
                 *_surrogate_scenarios(), *_terminal_scenarios(), *_shape_scenarios(), *_document_scenarios()]
    return [_scenario_case(tmp, k, s) for k, s in enumerate(scenarios)] + _estimate_path_cases(tmp)


def _scenario_case(tmp: Path, k: int, scenario: Scenario) -> Case:
    path = tmp / f"scenario-{k}.json"
    path.write_bytes(scenario.data)
    argv = ["-m", "calc", "estimate", str(path)] + (["--format", "text"] if scenario.fmt == "text" else [])
    check = scenario.check or (json_output if scenario.expect == "accept" and scenario.fmt == "json" else None)
    return Case(ESTIMATE, scenario.name, argv, scenario.expect, check=check)


def _number_scenarios() -> list[Scenario]:
    """JSON number literals no field accepts (BAD_NUMBERS), in every slot, alone and five in an array."""
    out = []
    for slot in ("money input", "count input", "other support amount", "date input", "as_of"):
        for raw in BAD_NUMBERS:
            out.append(Scenario(f"{slot} = JSON number {raw[:20]}{'…' if len(raw) > 20 else ''}", with_raw(slot, raw)))
        out.append(Scenario(f"five of 1e999999999 in {slot}", with_raw(slot, "[" + ",".join(["1e999999999"] * 5) + "]")))
    return out


def _value_scenarios() -> list[Scenario]:
    """Amounts, counts and dates as a person may type them: the bad ones refused, the good ones accepted."""
    out = []
    for value in BAD_AMOUNTS:
        out.append(Scenario(f"money input = {value!r:.30}", with_value("money input", value)))
        out.append(Scenario(f"other support amount = {value!r:.30}", with_value("other support amount", value)))
    out += [Scenario(f"money input = {value!r:.30} is accepted", with_value("money input", value), "accept")
            for value in GOOD_AMOUNTS]
    out += [Scenario(f"count input = {value!r:.30}", with_value("count input", value)) for value in BAD_COUNTS]
    out += [Scenario(f"count input = {value!r} is accepted", with_value("count input", value), "accept")
            for value in GOOD_COUNTS]
    for value in BAD_DATES:
        out.append(Scenario(f"date input = {value!r:.30}", with_value("date input", value)))
        out.append(Scenario(f"as_of = {value!r:.30}", with_value("as_of", value)))
    for value in GOOD_DATES:
        out.append(Scenario(f"date input = {value!r:.30} is accepted", with_value("date input", value), "accept"))
        out.append(Scenario(f"as_of = {value!r:.30} is accepted", with_value("as_of", value), "accept"))
    return out


def _duplicate_key_scenarios() -> list[Scenario]:
    """The good scenario with one key written twice, at each level: refused (which value would count?)."""
    good = dump(good_scenario()).decode("utf-8")
    duplicates = {
        "as_of": good.replace('"as_of": "2026-06-01"', '"as_of": "2026-06-01", "as_of": "2026-07-01"'),
        "a claim's provision": good.replace('"provision": "m2-2", "inputs"', '"provision": "m2-2", "provision": "m2-3", "inputs"'),
        "an input": good.replace('"compute_rental_fees_paid": "800万"', '"compute_rental_fees_paid": "800万", "compute_rental_fees_paid": "1"'),
        "other support's amount": good.replace('"amount": "150万"', '"amount": "150万", "amount": "999万"'),
        "claims": good.replace('"claims": [', '"claims": [], "claims": ['),
    }
    out = []
    for where, text in duplicates.items():
        assert text != good, where
        out.append(Scenario(f"duplicate key: {where}", text.encode("utf-8")))
    return out


def _nesting_scenarios() -> list[Scenario]:
    """Arrays and objects nested ever deeper, alone and in a claim, and an unterminated one."""
    out = []
    for depth in (33, 100, 1000, 100_000):
        out.append(Scenario(f"[ nested {depth} deep", b"[" * depth + b"]" * depth))
        out.append(Scenario(f"{{ nested {depth} deep", b'{"a":' * depth + b"1" + b"}" * depth))
        out.append(Scenario(f"[ nested {depth} deep in a claim", with_raw("money input", "[" * depth + "]" * depth)))
    out.append(Scenario("[ nested 100,000 deep, unterminated", b"[" * 100_000))
    return out


def _surrogate_scenarios() -> list[Scenario]:
    """Lone or reversed surrogate escapes (no character of UTF-8 text) in a string, a key, a date and an id."""
    out = []
    for name, raw in [("a lone high surrogate in the source", '"\\ud800"'), ("a lone low surrogate in the source", '"\\udfff"'),
                      ("a reversed pair in the source", '"\\udc00\\ud800"')]:
        data = dump(good_scenario()).replace(b'"another Suzhou policy"', raw.encode())
        out.append(Scenario(name, data))
        out.append(Scenario(name + " (text output)", data, fmt="text"))
    good = dump(good_scenario()).decode("utf-8")
    out.append(Scenario("a lone surrogate as a key", good.replace('{"as_of"', '{"\\ud800": 1, "as_of"', 1).encode()))
    out.append(Scenario("a lone surrogate as the date", with_raw("as_of", '"\\ud800"')))
    out.append(Scenario("a lone surrogate as a provision id",
                        good.replace('"provision": "m2-2", "inputs"', '"provision": "\\ud800", "inputs"').encode()))
    return out


def _terminal_scenarios() -> list[Scenario]:
    """Line breaks and control characters in a source that is echoed: accepted, and nothing forged or raw reaches
    the terminal in text output."""
    out = []
    for name, source in [("a newline forging a total line", "x\n合计: 999,999,999.00元"),
                         ("an ANSI escape", "\x1b[2J\x1b[31mred"), ("a bell and a backspace", "a\x07\x08b"),
                         ("a right-to-left override", "\u202e政策"), ("a carriage return", "abc\r合计: 999"),
                         ("a C1 control", "a\x9b31mb"), ("a line separator", "a\u2028合计: 999"),
                         ("a valid emoji pair", "\U0001f600 policy")]:
        scenario = good_scenario()
        scenario["other_support"][0]["source"] = source
        out.append(Scenario(f"{name} in a source (text output)", dump(scenario), "accept", "text", no_forged_total))
        out.append(Scenario(f"{name} in a source (JSON output)", dump(scenario), "accept", "json"))
    return out


def _shape_scenarios() -> list[Scenario]:
    """A list, date or entry of the wrong type, or a list over its 200 entries."""
    wrong_shapes = {"claims = {}": ("claims", {}), "claims = 'x'": ("claims", "x"), "claims = null": ("claims", None),
                    "claims = 5": ("claims", 5), "other_support = {}": ("other_support", {}),
                    "other_support = [5]": ("other_support", [5]), "as_of = []": ("as_of", []),
                    "as_of = {}": ("as_of", {}), "claims = [[]]": ("claims", [[]]),
                    "claims = 201 copies": ("claims", [good_scenario()["claims"][0]] * 201),
                    "other_support = 201 entries": ("other_support", [good_scenario()["other_support"][0]] * 201)}
    out = []
    for name, (key, value) in wrong_shapes.items():
        scenario = good_scenario()
        scenario[key] = value
        out.append(Scenario(name, dump(scenario)))
    return out


def _document_scenarios() -> list[Scenario]:
    """Files that are no scenario object (other JSON values, not JSON, too large, unknown keys or provision),
    refused unless the name says accepted; last the good scenario, accepted in both formats."""
    documents = [("an array", b"[]"), ("a string", b'"x"'), ("a number", b"5"), ("null", b"null"), ("empty", b""),
                 ("whitespace", b"  \n "), ("NaN", b'{"as_of": NaN}'), ("Infinity", b'{"as_of": Infinity}'),
                 ("-Infinity", b'{"as_of": -Infinity}'), ("truncated", dump(good_scenario())[:40]),
                 ("a trailing comma", b'{"as_of": "2026-06-01", "claims": [],}'), ("comments", b'{"as_of": "2026-06-01" /* x */}'),
                 ("single quotes", b"{'as_of': '2026-06-01'}"), ("a raw tab in a string", b'{"as_of": "2026-06-01\t", "claims": []}'),
                 ("two documents", b'{"as_of": "2026-06-01", "claims": []} {}'), ("a leading zero", with_raw("count input", "01")),
                 ("over 1 MB", b'{"as_of": "2026-06-01", "claims": [], "x": "' + b"a" * 1_000_001 + b'"}'),
                 ("a 900 kB amount", with_value("other support amount", "a" * 900_000)),
                 ("10,000 unknown keys", dump({f"k{i}": i for i in range(10_000)})),
                 ("an unknown provision", with_value("money input", "1").replace(b'"m2-2"', b'"m99-1"', 1)),
                 ("a UTF-8 BOM is accepted", b"\xef\xbb\xbf" + dump(good_scenario()))]
    out = [Scenario(name, data, "accept" if "accepted" in name else "refuse") for name, data in documents]
    out.append(Scenario("the good scenario is accepted", dump(good_scenario()), "accept"))
    out.append(Scenario("the good scenario is accepted (text output)", dump(good_scenario()), "accept", "text",
                        no_forged_total))
    return out


def _estimate_path_cases(tmp: Path) -> list[Case]:
    """Paths that are no readable scenario file: missing, a directory, endless devices."""
    return [Case(ESTIMATE, "a missing file", ["-m", "calc", "estimate", str(tmp / "missing.json")]),
            Case(ESTIMATE, "a directory", ["-m", "calc", "estimate", str(tmp)]),
            Case(ESTIMATE, "/dev/zero (endless NUL bytes)", ["-m", "calc", "estimate", "/dev/zero"]),
            Case(ESTIMATE, "/dev/urandom (endless noise)", ["-m", "calc", "estimate", "/dev/urandom"])]


def stream_cases(tmp: Path) -> list[Case]:
    cases: list[Case] = []
    stdin_inputs = {
        "an invalid byte 0xff": b'{"as_of": "2026-06-01\xff", "claims": []}',
        "a truncated sequence": b'{"as_of": "2026-06-01", "claims": [], "x": "\xc3("}',
        "an overlong encoding": b'{"as_of": "2026-06-01", "claims": [], "x": "\xc0\xaf"}',
        "an encoded surrogate": b'{"as_of": "2026-06-01", "claims": [], "x": "\xed\xa0\x80"}',
        "a code point above U+10FFFF": b'{"as_of": "2026-06-01", "claims": [], "x": "\xf4\x90\x80\x80"}',
        "UTF-16 JSON": json.dumps(good_scenario(), ensure_ascii=False).encode("utf-16"),
        "UTF-16 LE without BOM": json.dumps(good_scenario(), ensure_ascii=False).encode("utf-16-le"),
        "GBK-encoded Chinese": json.dumps(good_scenario(), ensure_ascii=False).encode("gbk"),
        "Latin-1 bytes": b'{"as_of": "2026-06-01", "claims": [], "x": "caf\xe9"}',
        "NUL bytes": b"\x00" * 100,
        "empty": b"",
        "only a BOM": b"\xef\xbb\xbf",
        "only whitespace": b" \n\t\r ",
        "5 MB of spaces": b" " * 5_000_000,
        "5 MB of [": b"[" * 5_000_000,
        "5 MB of digits": b"9" * 5_000_000,
        "a 5 MB string": b'"' + b"a" * 5_000_000 + b'"',
        "truncated in a character": json.dumps(good_scenario(), ensure_ascii=False).encode("utf-8")[:-3] + b"\xe4\xb8",
        "a valid scenario with a BOM is accepted": b"\xef\xbb\xbf" + dump(good_scenario()),
        "a valid scenario is accepted": dump(good_scenario()),
        "a valid scenario in CRLF lines is accepted": json.dumps(good_scenario(), indent=1).replace("\n", "\r\n").encode(),
    }
    for name, data in stdin_inputs.items():
        expect = "accept" if "accepted" in name else "refuse"
        for fmt in ("json", "text"):
            cases.append(Case(STREAMS, f"stdin: {name} ({fmt})", ["-m", "calc", "estimate", "-", "--format", fmt], expect,
                              stdin=data, check=no_forged_total if expect == "accept" and fmt == "text" else None))
    for command in (["list"], ["list", "--format", "json"], ["estimate", "-"], ["estimate", "-", "--format", "text"]):
        for how in ("broken", "closed", "full"):
            cases.append(Case(STREAMS, f"{' '.join(command)} with standard output {how}", ["-m", "calc", *command],
                              "quiet", stdin=dump(good_scenario()), stdout=how))
    cases.append(Case(STREAMS, "estimate - with standard input closed", ["-m", "calc", "estimate", "-"], stdin=None))
    cases.append(Case(STREAMS, "an error with standard output broken", ["-m", "calc", "estimate", "-"], "refuse",
                      stdin=b"{", stdout="broken"))
    cases.append(Case(STREAMS, "a file name that is not UTF-8", ["-m", "calc", "estimate", os.fsdecode(bytes(tmp) + b"/\xff.json")]))
    cases.append(Case(STREAMS, "a policy file name with a C1 control", ["-m", "calc", "--policy", "a\u0085b", "list"]))
    cases.append(Case(STREAMS, "an unknown command", ["-m", "calc", "nosuch"]))
    cases.append(Case(STREAMS, "no command", ["-m", "calc"]))
    cases.append(Case(STREAMS, "an unknown format", ["-m", "calc", "estimate", "-", "--format", "xml"], stdin=b"{}"))
    return cases


def environment_cases(tmp: Path) -> list[Case]:
    cases: list[Case] = []
    good = dump(good_scenario())
    bad = dump({"as_of": "2026-02-30", "claims": [{"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "十万"}}]})
    commands = {"estimate (JSON)": (["estimate", "-"], good, "accept"),
                "estimate (text)": (["estimate", "-", "--format", "text"], good, "accept"),
                "estimate (text, en)": (["estimate", "-", "--format", "text", "--lang", "en"], good, "accept"),
                "list": (["list"], None, "accept"),
                "list (JSON)": (["list", "--format", "json"], None, "accept"),
                "a bad scenario": (["estimate", "-"], bad, "refuse"),
                "a scenario that is not JSON": (["estimate", "-"], b"{not json \xe4\xb8\xad", "refuse")}
    environments = {"PYTHONIOENCODING=utf-8": {"PYTHONIOENCODING": "utf-8"},
                    "PYTHONIOENCODING=gbk": {"PYTHONIOENCODING": "gbk"},
                    "PYTHONIOENCODING=gb18030": {"PYTHONIOENCODING": "gb18030"},
                    "PYTHONIOENCODING=utf-16": {"PYTHONIOENCODING": "utf-16"}}
    refusing = {"PYTHONIOENCODING=cp1252": {"PYTHONIOENCODING": "cp1252"},
                "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
                "PYTHONIOENCODING=latin-1": {"PYTHONIOENCODING": "latin-1"},
                "PYTHONIOENCODING=cp437": {"PYTHONIOENCODING": "cp437"},
                "PYTHONIOENCODING=ascii:strict": {"PYTHONIOENCODING": "ascii:strict"},
                "LC_ALL=C, PYTHONUTF8=0": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
                "LC_ALL=POSIX, PYTHONUTF8=0": {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}}
    tolerant = {"PYTHONIOENCODING=ascii:replace": {"PYTHONIOENCODING": "ascii:replace"},
                "PYTHONIOENCODING=cp1252:backslashreplace": {"PYTHONIOENCODING": "cp1252:backslashreplace"},
                "PYTHONUTF8=1": {"PYTHONUTF8": "1"}, "LANG=zh_CN.GB18030": {"LANG": "zh_CN.GB18030"},
                "TERM=dumb, COLUMNS=1": {"TERM": "dumb", "COLUMNS": "1"}, "PYTHONHASHSEED=12345": {"PYTHONHASHSEED": "12345"}}
    for env_name, env in {**environments, **refusing, **tolerant}.items():
        for name, (args, stdin, expect) in commands.items():
            if env_name in refusing and expect == "accept":
                expect = "refuse"  # the output cannot be shown: a clear message, status 4
            cases.append(Case(ENVIRONMENT, f"{env_name}: {name}", ["-m", "calc", *args], expect, stdin=stdin, env=env))
    return cases


def policy_mutations() -> list[tuple[str, object, bool]]:
    """(name, policy document or raw bytes, valid?) for --policy and the validator: the published policy, then
    each change below made to a copy of it."""
    base = json.loads(POLICY_PATH.read_text(encoding="utf-8"))
    out: list[tuple[str, object, bool]] = [("the published policy is accepted", base, True)]
    for name, change in _value_changes(base) + _structure_changes() + _reference_changes(base):
        policy = copy.deepcopy(base)
        change(policy)
        out.append((name, policy, False))
    return out


def _setter(*path) -> Callable[[dict, object], None]:
    """A function that sets the value at ``path`` (keys and indexes) of a policy."""
    def change(policy, value):
        node = policy
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return change


def _index_of(base: dict, wanted: Callable[[dict], bool]) -> int:
    return next(i for i, p in enumerate(base["provisions"]) if wanted(p))


def _value_changes(base: dict) -> list[tuple[str, Callable[[dict], None]]]:
    """Caps, ceilings and rates written in ways the schema refuses."""
    share = _index_of(base, lambda p: p["kind"] == "share_of_base")
    ceiling = _index_of(base, lambda p: p["kind"] == "ceiling")
    out = []
    for value in ["1e30", " 2000000 ", "2_000_000", "2000000\n", 2000000, "-1", "１２３", "2²", "NaN", "Infinity",
                  "0.001", "1" * 5000, "", None, [], {}, True, "2,000,000", "200万", "0x10"]:
        out.append((f"a cap of {value!r:.30}", lambda p, v=value: _setter("provisions", share, "rule", "cap")(p, v)))
        out.append((f"a ceiling of {value!r:.30}", lambda p, v=value: _setter("provisions", ceiling, "rule", "cap")(p, v)))
    for value in ["1.5", "0.3\n", "-0.3", "30%", 0.3, "0.3e0", "٠.٣"]:
        out.append((f"a rate of {value!r}", lambda p, v=value: _setter("provisions", share, "rule", "rate")(p, v)))
    return out


def _structure_changes() -> list[tuple[str, Callable[[dict], None]]]:
    """Top-level lists and objects of the wrong type, or missing."""
    out = []
    for key, value in [("document", []), ("provisions", 5), ("provisions", []), ("provisions", [5]), ("measures", "x"),
                       ("agencies", None), ("overlap_groups", {}), ("dataset", 1), ("roles", [None])]:
        out.append((f'"{key}": {json.dumps(value)}', lambda p, k=key, v=value: p.__setitem__(k, v)))
    for key in ("document", "provisions", "measures", "agencies", "overlap_groups", "dataset"):
        out.append((f"no {key}", lambda p, k=key: p.pop(k)))
    return out


def _reference_changes(base: dict) -> list[tuple[str, Callable[[dict], None]]]:
    """One wrong field each: unknown kinds, inputs, agencies, sentences and ids, text that is not the policy's,
    impossible dates and numbers, hidden characters, unknown fields."""
    share = _index_of(base, lambda p: p["kind"] == "share_of_base")
    tiers = _index_of(base, lambda p: p["kind"] == "tiers" and p["rule"]["mode"] == "choose_one")
    open_amount = next(p["id"] for p in base["provisions"] if p["kind"] in ("open_amount", "non_monetary"))
    return [
        ("an unknown kind", lambda p: _setter("provisions", share, "kind")(p, "gift")),
        ("a share without a rule", lambda p: _setter("provisions", share, "rule")(p, None)),
        ("a base input that does not exist", lambda p: _setter("provisions", share, "rule", "base_input")(p, "nosuch")),
        ("a tier input that does not exist", lambda p: _setter("provisions", tiers, "rule", "tier_input")(p, "nosuch")),
        ("tier keys that differ from the options",
         lambda p: _setter("provisions", tiers, "rule", "tiers", 0, "key")(p, "gold")),
        ("a measure naming an unknown agency", lambda p: _setter("measures", 0, "agencies", 0)(p, "city-hall")),
        ("a provision citing an unknown sentence", lambda p: _setter("provisions", share, "sentences", 0)(p, "m1-p9-s9")),
        ("a provision moved to another measure", lambda p: _setter("provisions", share, "measure")(p, "m12")),
        ("a fragment that is not in the text",
         lambda p: _setter("provisions", share, "fragments", 0, "zh")(p, "给予最高1亿元补贴")),
        ("a duplicate provision id", lambda p: _setter("provisions", 1, "id")(p, p["provisions"][0]["id"])),
        ("an overlap group with a provision without amount",
         lambda p: p["overlap_groups"][0]["provisions"].append(open_amount) if p["overlap_groups"] else None),
        ("an impossible start date", lambda p: _setter("document", "in_force", "from")(p, "2026-02-30")),
        ("a superscript in a date", lambda p: _setter("document", "in_force", "from")(p, "2026-0²-31")),
        ("a measure number of 4000 digits", lambda p: _setter("measures", 0, "number")(p, int("1" * 4000))),
        ("a lone surrogate in a label", lambda p: _setter("provisions", share, "label", "zh")(p, "\ud800")),
        ("an unknown field", lambda p: _setter("provisions", share, "amount")(p, "100")),
    ]


def policy_bytes(document) -> bytes:
    return document if isinstance(document, bytes) else dump(document)


def raw_policy_files() -> list[tuple[str, bytes, bool]]:
    text = POLICY_PATH.read_bytes()
    base = json.loads(text)
    label = copy.deepcopy(base)
    label["provisions"][1]["label"]["zh"] = "标签\n合计: 999,999,999.00元\x1b[2J"
    digits = copy.deepcopy(base)
    digits["provisions"][1]["fragments"][0]["zh"] = "9" * 135_000
    return [
        ("a UTF-8 BOM is accepted", b"\xef\xbb\xbf" + text, True),
        ("empty", b"", False), ("truncated", text[: len(text) // 2], False), ("not UTF-8", text.replace("元".encode(), b"\xff", 1), False),
        ("a duplicate key", text.replace(b'"dataset": {', b'"dataset": {}, "dataset": {', 1), False),
        ("a cap of 1e999999999 (number)", text.replace(b'"cap": "2000000"', b'"cap": 1e999999999', 1), False),
        ("a 5000-digit integer", text.replace(b'"number": 1,', b'"number": ' + b"1" * 5000 + b",", 1), False),
        ("five of 1e999999999", text.replace(b'"overlap_groups": [', b'"x": [' + b",".join([b"1e999999999"] * 5) + b'], "overlap_groups": [', 1), False),
        ("[ nested 100,000 deep", b"[" * 100_000 + b"]" * 100_000, False),
        ("[ nested 100,000 deep in a field", text.replace(b'"overlap_groups": [', b'"x": ' + b"[" * 100_000 + b"]" * 100_000 + b', "overlap_groups": [', 1), False),
        ("NaN as a cap", text.replace(b'"cap": "2000000"', b'"cap": NaN', 1), False),
        ("a lone surrogate escape", text.replace("苏州".encode(), b"\\ud800", 1), False),
        ("9 MB of spaces", b" " * 9_000_000, False),
        ("a newline and an escape sequence in a label (text output)", json.dumps(label, ensure_ascii=False).encode(), True),
        ("a 135 kB fragment of digits", json.dumps(digits, ensure_ascii=False).encode(), False),
    ]


def policy_and_validator_cases(tmp: Path) -> list[Case]:
    cases: list[Case] = []
    scenario = tmp / "policy-scenario.json"
    scenario.write_bytes(dump(good_scenario()))
    files = [(name, policy_bytes(doc), valid) for name, doc, valid in policy_mutations()] + raw_policy_files()
    for k, (name, data, valid) in enumerate(files):
        path = tmp / f"policy-{k}.json"
        path.write_bytes(data)
        expect = "accept" if valid else "refuse"
        text_check = no_forged_total if "text output" in name else None
        cases.append(Case(POLICY, f"{name}: list", ["-m", "calc", "--policy", str(path), "list"], expect, check=text_check))
        # An accepted policy whose text is not the policy's own (a forged label) is fine for the calculator, which
        # trusts the schema; the validator's cross-checks refuse it.
        if "text output" not in name:
            cases.append(Case(POLICY, f"{name}: estimate", ["-m", "calc", "--policy", str(path), "estimate", str(scenario)],
                              expect))
        else:
            cases.append(Case(POLICY, f"{name}: estimate --format text",
                              ["-m", "calc", "--policy", str(path), "estimate", str(scenario), "--format", "text"],
                              expect, check=text_check))
        validator_expect = "accept" if valid and "text output" not in name else "refuse"
        cases.append(Case(VALIDATOR, name, [str(ROOT / "scripts" / "validate_policy.py"), str(path)], validator_expect))
    validate = str(ROOT / "scripts" / "validate_policy.py")
    broken = tmp / "policy-broken-everywhere.json"  # many problems, with Chinese and control characters in them
    document = json.loads(POLICY_PATH.read_text(encoding="utf-8"))
    for provision in document["provisions"]:
        provision["fragments"][0]["zh"] += "\x1b[2J最高\u202e"
    broken.write_bytes(dump(document))
    for how in ("broken", "closed", "full"):
        cases.append(Case(VALIDATOR, f"many problems with standard output {how}", [validate, str(broken)], "quiet", stdout=how))
    for env_name, env in {"PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
                          "PYTHONIOENCODING=cp1252": {"PYTHONIOENCODING": "cp1252"},
                          "LC_ALL=C, PYTHONUTF8=0": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}}.items():
        cases.append(Case(VALIDATOR, f"{env_name}: many problems", [validate, str(broken)], env=env,
                          check=no_forged_total))
        cases.append(Case(VALIDATOR, f"{env_name}: the published policy is accepted", [validate, str(POLICY_PATH)],
                          "accept", env=env))
    cases.append(Case(VALIDATOR, "control characters in problems are escaped", [validate, str(broken)],
                      check=no_forged_total))
    for name, path in [("a missing file", tmp / "none.json"), ("a directory", tmp), ("/dev/zero", Path("/dev/zero"))]:
        cases.append(Case(POLICY, name, ["-m", "calc", "--policy", str(path), "list"]))
        cases.append(Case(VALIDATOR, name, [str(ROOT / "scripts" / "validate_policy.py"), str(path)]))
    return cases


def all_cases(tmp: Path) -> list[Case]:
    return estimate_cases(tmp) + stream_cases(tmp) + environment_cases(tmp) + policy_and_validator_cases(tmp)


# ------------------------------------------------------------------------------------------------- running

def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run(case: Case) -> Outcome:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "LC_", "PYTHONUTF8"))}
    env.update(case.env)
    stdout_target, closer = subprocess.PIPE, None
    if case.stdout == "broken":
        read_end, write_end = os.pipe()
        os.close(read_end)
        stdout_target, closer = write_end, write_end
    elif case.stdout == "full":
        stdout_target = closer = os.open("/dev/full", os.O_WRONLY)
    argv = [PYTHON, *case.argv]
    if case.stdout == "closed":
        argv = ["/bin/sh", "-c", 'exec "$@" >&-', "sh", *argv]
    start = time.monotonic()
    try:
        proc = subprocess.run(argv, input=case.stdin, stdin=None if case.stdin is not None else subprocess.DEVNULL,
                              stdout=stdout_target, stderr=subprocess.PIPE, timeout=TIMEOUT_S, cwd=ROOT, env=env,
                              preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        return Outcome(case, "hang", f"still running after {TIMEOUT_S} s", time.monotonic() - start)
    finally:
        if closer is not None:
            os.close(closer)
    seconds = time.monotonic() - start
    out, err = proc.stdout or b"", proc.stderr or b""
    if any(word in out + err for word in (b"Traceback (most recent call last)", b"Exception ignored", b"Fatal Python error")):
        return Outcome(case, "traceback", err.decode("utf-8", "replace")[-300:], seconds)
    is_validator = "validate_policy" in case.argv[0]
    message = (out if is_validator else err).strip()
    if case.expect == "quiet":
        lines = err.decode("utf-8", "replace").strip().splitlines()
        if len(lines) != 1 or proc.returncode == 0:
            return Outcome(case, "wrongly accepted", f"status {proc.returncode}, stderr {err[:200]!r}", seconds)
        return Outcome(case, "clean", lines[0], seconds)
    if case.expect == "refuse":
        if proc.returncode == 0:
            return Outcome(case, "wrongly accepted", (out + err).decode("utf-8", "replace")[:200], seconds)
        if not message:
            return Outcome(case, "wrongly accepted", f"status {proc.returncode} without a message", seconds)
        if case.check and (reason := case.check(out, err)):
            return Outcome(case, "wrongly accepted", reason, seconds)
        return Outcome(case, "clean", _summary(message.decode("utf-8", "replace")), seconds)
    if proc.returncode != 0:
        return Outcome(case, "wrongly refused", f"status {proc.returncode}: {(err or out).decode('utf-8', 'replace')[:300]}", seconds)
    if case.check and (reason := case.check(out, err)):
        return Outcome(case, "wrongly accepted", reason, seconds)
    return Outcome(case, "clean", "accepted", seconds)


def _summary(message: str) -> str:
    """The error and the codes of its problems (JSON from calc), else the first lines of the message."""
    try:
        error = json.loads(message)
    except ValueError:
        return " / ".join(message.splitlines()[:3])[:200]
    problems = error.get("problems") or [error.get("message", "")]
    codes = [p.get("code", "") + "@" + p.get("field", "") if isinstance(p, dict) else str(p)[:90] for p in problems]
    return f"{error.get('error')}: " + ", ".join(codes[:4]) + (f" (+{len(codes) - 4})" if len(codes) > 4 else "")


VERDICTS = ("clean", "traceback", "hang", "wrongly accepted", "wrongly refused")


def table(outcomes: list[Outcome]) -> str:
    lines = ["| target | cases | clean message | traceback | hang (> 10 s) | wrongly accepted | wrongly refused |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for target in TARGETS + ("total",):
        rows = [o for o in outcomes if target == "total" or o.case.target == target]
        if not rows:
            continue
        count = Counter(o.verdict for o in rows)
        lines.append(f"| {target} | {len(rows)} | " + " | ".join(str(count[v]) for v in VERDICTS) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose target contains this text")
    parser.add_argument("--show-all", action="store_true", help="print every case, not only those that were not clean")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        cases = [c for c in all_cases(Path(tmp)) if not args.only or args.only in c.target]
        started = time.monotonic()
        outcomes = []
        for case in cases:
            outcomes.append(run(case))
        elapsed = time.monotonic() - started
    print(table(outcomes))
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(f"\n{len(outcomes)} cases in {elapsed:.0f} s; slowest {slowest.seconds:.1f} s ({slowest.case.name[:60]})")
    bad = [o for o in outcomes if o.verdict != "clean"]
    for outcome in outcomes if args.show_all else bad:
        print(f"- [{outcome.verdict}] {outcome.case.target} :: {outcome.case.name[:100]} :: {outcome.detail[:300]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
