"""The one input boundary for JSON: scenarios and policy files alike, from a path, standard input, bytes or text.

Checked in this order, each before anything costly (issue 12):

1. size: at most ``limit`` bytes, before decoding or parsing;
2. strict UTF-8 (a leading byte-order mark is allowed and dropped);
3. nesting depth: at most :data:`MAX_DEPTH` levels, found by a linear scan before the parser sees the text;
4. JSON syntax (``NaN`` and ``Infinity`` are not JSON and are refused);
5. every value: duplicate keys refused; lone surrogates (``"\\ud800"``) refused; numbers kept as their text
   until checked: an exponent (``1e6``) or a fraction (``800.5``) is refused (write amounts as text, e.g.
   ``"800.50"``), and an integer of more than :data:`MAX_INTEGER_DIGITS` digits is refused before it becomes
   an ``int``. Which places take an integer at all is the schema's business, checked after this.

Every problem of step 5 is collected with its JSON path (``JsonProblem.parts``), so one message lists them all.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .problems import InputProblem, ScenarioError
from .schema import json_path

#: Deepest nesting of arrays and objects accepted; the policy needs 8, a scenario 4.
MAX_DEPTH = 32
#: Longest integer literal accepted (amounts stay below 10^12 yuan; the rest is far smaller).
MAX_INTEGER_DIGITS = 20
#: Largest scenario accepted, in bytes (200 claims with every input fit in well under 100 kB).
MAX_SCENARIO_BYTES = 1_000_000

_BOM = "\ufeff"
_DEPTH_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}]', re.DOTALL)


@dataclass(frozen=True)
class JsonProblem:
    """One thing wrong with the JSON, where it is (``parts``: keys and indexes from the root) and what it is."""

    parts: tuple
    code: str
    zh: str
    en: str

    def path(self, root: str = "$") -> str:
        """('claims', 0, 'inputs') -> '$.claims[0].inputs' (or 'claims[0].inputs' with ``root=''``)."""
        return json_path(self.parts, root)


class JsonInputError(ValueError):
    """JSON that is refused, with every problem found."""

    def __init__(self, problems: list[JsonProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.path()}: {p.en}" for p in self.problems))


def _whole(code: str, zh: str, en: str) -> JsonInputError:
    return JsonInputError([JsonProblem((), code, zh, en)])


def read_bytes(source: str | Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a file, or of standard input for ``-`` (so an endless stream stops)."""
    if str(source) == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise _whole("unreadable", "无法读取标准输入(已关闭)。", "Standard input is closed.")
        return stream.read(limit + 1)
    with open(source, "rb") as handle:
        return handle.read(limit + 1)


def decode(data: bytes, limit: int, what: str = "the JSON") -> str:
    """Strict UTF-8 text of at most ``limit`` bytes."""
    if len(data) > limit:
        raise _whole("too_large", f"内容过大(超过{limit:,}字节)。", f"{what} is too large (more than {limit:,} bytes).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _whole("not_utf8", f"内容不是 UTF-8 文字(第{error.start}字节有误)。",
                     f"{what} is not UTF-8 text (invalid byte at offset {error.start}).") from None
    return text


def parse_bytes(data: bytes, limit: int, what: str = "the JSON") -> object:
    """Parse JSON bytes under every rule of this module."""
    return parse_text(decode(data, limit, what), limit, what)


def parse_text(text: str, limit: int, what: str = "the JSON") -> object:
    """Parse JSON text under every rule of this module (``limit`` counts characters for text)."""
    if not isinstance(text, str):
        raise _whole("type", "需要 JSON 文字。", f"{what} must be JSON text.")
    if len(text) > limit:
        raise _whole("too_large", f"内容过大(超过{limit:,}个字符)。", f"{what} is too large (more than {limit:,} characters).")
    text = text.removeprefix(_BOM)
    if not text.strip():
        raise _whole("empty", "内容为空。", f"{what} is empty.")
    _check_depth(text, what)
    try:
        raw = json.loads(text, object_pairs_hook=_Pairs, parse_int=_Number, parse_float=_Number,
                         parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()):
            raise _whole("invalid_json", f"JSON 不完整(第{error.lineno}行第{error.colno}列处提前结束,可能被截断)。",
                         f"{what} is not complete JSON: it ends too early ({where}); it may be truncated.") from None
        raise _whole("invalid_json", f"不是有效的 JSON:第{error.lineno}行第{error.colno}列有误。",
                     f"{what} is not valid JSON: {error.msg} at {where}.") from None
    except _Constant as constant:
        raise _whole("invalid_json", f"{constant.name} 不是 JSON 数值。",
                     f"{what} is not valid JSON: {constant.name} is not a JSON number.") from None
    problems: list[JsonProblem] = []
    value = _clean(raw, (), problems)
    if problems:
        raise JsonInputError(problems)
    return value


def _check_depth(text: str, what: str) -> None:
    depth = 0
    for match in _DEPTH_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                raise _whole("too_deep", f"嵌套过深(超过{MAX_DEPTH}层,第{line}行第{column}列)。",
                             f"{what} is nested too deeply (more than {MAX_DEPTH} levels, at line {line}, column {column}).")
        elif token in "]}":
            depth -= 1


class _Pairs(list):
    """An object as the parser read it: its key/value pairs in order, duplicates included."""


class _Number(str):
    """A JSON number, still as the text it was written as."""


class _Constant(Exception):
    def __init__(self, name: str):
        self.name = name


def _refuse_constant(name: str):
    raise _Constant(name)


def _problem(parts, code, zh, en, problems):
    problems.append(JsonProblem(tuple(parts), code, zh, en))


def _text_ok(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clean(value, parts: tuple, problems: list[JsonProblem]):
    """Plain JSON values (dict, list, str, int, bool, None) with every problem added to ``problems``."""
    if isinstance(value, _Number):
        return _number(value, parts, problems)
    if isinstance(value, str):
        if not _text_ok(value):
            _problem(parts, "lone_surrogate", "文字中含有无效的 Unicode 代理字符(如 \\ud800)。",
                     "The text contains an invalid lone surrogate (such as \\ud800).", problems)
        return str(value)
    if isinstance(value, _Pairs):
        out = {}
        for key, item in value:
            if not _text_ok(key):
                _problem(parts, "lone_surrogate", "键名中含有无效的 Unicode 代理字符。",
                         "A key contains an invalid lone surrogate (such as \\ud800).", problems)
                continue
            if key in out:
                shown = json.dumps(key, ensure_ascii=False)[:60]
                _problem((*parts, key), "duplicate_key", f"键 {shown} 出现了不止一次。",
                         f"The key {shown} appears more than once.", problems)
                continue
            out[key] = _clean(item, (*parts, key), problems)
        return out
    if isinstance(value, list):
        return [_clean(item, (*parts, i), problems) for i, item in enumerate(value)]
    return value  # True, False, None


def _number(token: str, parts: tuple, problems: list[JsonProblem]):
    if "e" in token or "E" in token:
        _problem(parts, "number_exponent", "请不要使用科学计数法;金额请写作文字,如 \"800万\"。",
                 "Exponent notation is not accepted; write the number out (amounts as text, e.g. \"800万\").", problems)
        return None
    if "." in token:
        _problem(parts, "number_fraction", "这里的 JSON 数字只能是整数;带小数的金额请写作文字,如 \"800.50\"。",
                 "JSON numbers must be whole numbers here; write an amount with decimals as text, e.g. \"800.50\".",
                 problems)
        return None
    if len(token.lstrip("-")) > MAX_INTEGER_DIGITS:
        _problem(parts, "number_too_long", f"数字过长(超过{MAX_INTEGER_DIGITS}位)。",
                 f"The number is too long (more than {MAX_INTEGER_DIGITS} digits).", problems)
        return None
    return int(token)


def scenario_from_json(source: str | bytes) -> object:
    """A scenario from JSON text or bytes, through every rule of this module.

    Raises ScenarioError (``error: invalid_json``) listing every problem with its field, e.g.
    ``claims[0].inputs.compute_rental_fees_paid`` (``$`` for the whole document)."""
    try:
        if isinstance(source, bytes):
            return parse_bytes(source, MAX_SCENARIO_BYTES, "The scenario")
        return parse_text(source, MAX_SCENARIO_BYTES, "The scenario")
    except JsonInputError as error:
        raise as_scenario_error(error) from None


def scenario_from_file(path: str | Path) -> object:
    """A scenario from a file, or from standard input for ``-``; OSError when the file cannot be read."""
    try:
        data = read_bytes(path, MAX_SCENARIO_BYTES)
    except JsonInputError as error:
        raise as_scenario_error(error) from None
    return scenario_from_json(data)


def as_scenario_error(error: JsonInputError) -> ScenarioError:
    """The problems of the JSON, each under its scenario field (``$`` for the whole document)."""
    return ScenarioError([InputProblem(p.path(""), p.code, p.zh, p.en) for p in error.problems], "invalid_json")
