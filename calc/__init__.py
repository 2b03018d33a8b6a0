"""Subsidy calculator for Suzhou's 2026 "AI+" city measures: exact, explained, standard library only.

    >>> from calc import load_policy, estimate
    >>> result = estimate(load_policy(), {"as_of": "2026-06-01", "claims": [
    ...     {"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}]})
    >>> result["items"][0]["amount"], result["items"][0]["bound"]
    ('2000000.00', 'cap')
"""

from .estimate import estimate
from .jsonin import scenario_from_file, scenario_from_json
from .money import format_amount, format_wan, format_yuan, parse_amount, parse_count
from .policy import Policy, load_policy
from .problems import InputProblem, PolicyError, ScenarioError
from .scenario import parse_scenario

__all__ = [
    "Policy",
    "InputProblem",
    "PolicyError",
    "ScenarioError",
    "estimate",
    "format_amount",
    "format_wan",
    "format_yuan",
    "load_policy",
    "parse_amount",
    "parse_count",
    "parse_scenario",
    "scenario_from_file",
    "scenario_from_json",
]
