"""Problems with input: one named problem per field, and errors that carry all of them at once.

Every message exists in Chinese and English, and says where the problem is (``field`` is a path such as
``claims[0].inputs.compute_rental_fees_paid``), so the CLI and the browser form can show it beside the
field that caused it. Nothing here ever returns a partial result: a scenario with any problem is refused
whole.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputProblem(Exception):
    """One thing wrong with one field."""

    field: str
    code: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.field}: {self.en}"

    def at(self, path: str) -> "InputProblem":
        """The same problem, reported under ``path`` instead of the bare field name."""
        return InputProblem(field=path, code=self.code, zh=self.zh, en=self.en)

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "zh": self.zh, "en": self.en}


#: Problems listed at most in one error: a scenario with thousands of unknown keys gets a list a person can read.
MAX_PROBLEMS = 100


class ScenarioError(ValueError):
    """A scenario that cannot be estimated; ``problems`` lists every problem found, not just the first.

    ``error`` is ``invalid_json`` when the text itself is refused (calc.jsonin), else ``invalid_scenario``."""

    def __init__(self, problems: list[InputProblem], error: str = "invalid_scenario"):
        problems = list(problems)
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [InputProblem(
                "$", "more_problems", f"另有{more}个问题未列出;请先改正以上问题。",
                f"{more} more problems are not listed; correct the ones above first.")]
        self.problems = problems
        self.error = error
        super().__init__("; ".join(str(p) for p in self.problems))

    def as_dict(self) -> dict:
        return {"error": self.error, "problems": [p.as_dict() for p in self.problems]}


class PolicyError(ValueError):
    """A policy file the calculator cannot use; the message names the JSON path of each problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid policy: " + "; ".join(self.problems))
