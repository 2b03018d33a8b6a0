"""Text for a terminal: what comes from a scenario or a policy file is shown, never obeyed (issue 12).

Control characters (C0, C1, DEL), format characters (bidirectional overrides, zero-width marks), line and
paragraph separators, surrogates, private-use and unassigned code points are written as visible escapes
(``\\n``, ``\\x1b``, ``\\u202e``), so an escape sequence never reaches the terminal and a newline in a source
cannot forge a line such as ``合计: 999,999,999.00元``: every field stays on its own line.
"""

from __future__ import annotations

import os
import sys
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def one_line(text: str) -> str:
    """``text`` with every character that could move the cursor, change the terminal or hide text escaped."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def shown(value):
    """``value`` (a result, any JSON value) with every string passed through :func:`one_line`."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        return {key: shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shown(item) for item in value]
    return value


def json_for_terminal(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with the same characters written as JSON ``\\uXXXX`` escapes
    (``json.dumps`` escapes only C0): the same JSON value, inert in a terminal. Its own newlines are kept."""
    if text.isascii() and "\x7f" not in text:
        return text
    return "".join(_json_escape(ch) if ch != "\n" and unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def output_failed(error: OSError) -> str:
    """Why writing standard output failed, in one line; standard output is pointed at /dev/null, so that Python's
    final flush does not fail again (and print a traceback) on the closed pipe or the full disk."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass
    if isinstance(error, BrokenPipeError):
        return "the output was closed before it was complete (broken pipe); nothing more was written"
    return f"cannot write the output: {error.strerror or error}"
