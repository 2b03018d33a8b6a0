#!/usr/bin/env python3
"""Benchmark the calculator in CPython: a scenario claiming every provision, timed many times.

Prints the median and p95 of each step measured side by side in one run (load the policy, parse the
scenario, estimate, and the browser's JSON-in/JSON-out entry), and their ratios, so the figures can be
compared on a shared, noisy machine. Not a test: nothing here passes or fails.

Usage: python scripts/bench_calc.py [--runs N]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calc import estimate, load_policy, parse_scenario  # noqa: E402
from calc.browser import estimate_json, load_policy_json  # noqa: E402
from calc.policy import default_policy_text  # noqa: E402


def every_provision_scenario(policy) -> dict:
    claims = []
    for provision in policy.data["provisions"]:
        inputs = {}
        for spec in provision["inputs"]:
            inputs[spec["name"]] = {"money": "800万", "count": "3", "date": "2026-03-01", "dates": "2026-03-01", "boolean": True}.get(
                spec["type"], spec["options"][-1]["value"] if spec["type"] == "choice" else None)
        claims.append({"provision": provision["id"], "inputs": inputs})
    return {"as_of": "2026-06-30", "claims": claims,
            "other_support": [{"provision": "m2-2", "amount": "150万", "source": "bench"}]}


def timed(function, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 300
    text = default_policy_text()
    policy = load_policy(text)
    scenario = every_provision_scenario(policy)
    scenario_text = json.dumps(scenario, ensure_ascii=False)
    load_policy_json(text)
    rows = {
        "load policy": timed(lambda: load_policy(text), runs),
        "parse scenario": timed(lambda: parse_scenario(policy, scenario), runs),
        "estimate (all provisions)": timed(lambda: estimate(policy, scenario), runs),
        "estimate_json (browser entry)": timed(lambda: estimate_json(scenario_text), runs),
    }
    base = statistics.median(rows["estimate (all provisions)"])
    print(f"CPython {sys.version.split()[0]}, {len(scenario['claims'])} claims, {runs} runs each")
    print(f"{'step':<32}{'median ms':>11}{'p95 ms':>10}{'× estimate':>12}")
    for name, samples in rows.items():
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(f"{name:<32}{statistics.median(samples):>11.3f}{p95:>10.3f}{statistics.median(samples) / base:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
