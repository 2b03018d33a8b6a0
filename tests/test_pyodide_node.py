"""The calculator gives the same answers in Pyodide as in CPython, byte for byte, started either way.

The site's runtime is bundled exactly as the build does it (``scripts/sitegen/runtime.py``), then one Node
process (``tests/node/run_pyodide.mjs``) runs every golden case and 1,000 random valid scenarios through
Pyodide twice: started plainly with ``loadPackage`` (the wheel's package, ``suzhou-ai-plus``) through the site's lock file, and restored from
the site's memory snapshot. CPython's ``calc.browser`` answers the same JSON texts; the strings must match.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import calc.browser
from scripts.policy_checks import POLICY_PATH
from scripts.sitegen import runtime
from tests.conftest import ROOT
from tests.scenarios import random_scenarios

pytestmark = pytest.mark.node

RUNNER = ROOT / "tests" / "node" / "run_pyodide.mjs"
CASES = sorted((ROOT / "policy" / "cases").glob("*.json"))
RANDOM_COUNT = 1000
SEED = 20260131


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    site = tmp_path_factory.mktemp("runtime-site")
    manifest = runtime.bundle_runtime(site, POLICY_PATH)
    return site / runtime.RUNTIME_DIR, manifest


@pytest.fixture(scope="module")
def scenarios(policy_pristine) -> list[tuple[str, str]]:
    """(name, scenario as JSON text): the golden cases first, then the random ones."""
    named = [(path.stem, json.loads(path.read_text(encoding="utf-8"))["scenario"]) for path in CASES]
    named += [(f"random #{i} (seed {SEED})", s) for i, s in enumerate(random_scenarios(policy_pristine, RANDOM_COUNT, SEED))]
    return [(name, json.dumps(s, ensure_ascii=False)) for name, s in named]


@pytest.fixture(scope="module")
def cpython(scenarios) -> dict:
    policy_text = POLICY_PATH.read_text(encoding="utf-8")
    policy_answer = calc.browser.load_policy_json(policy_text)
    return {"policy_text": policy_text, "policy": policy_answer,
            "answers": [calc.browser.estimate_json(text) for _, text in scenarios]}


@pytest.fixture(scope="module")
def pyodide(bundled, scenarios, cpython, tmp_path_factory) -> dict:
    runtime_dir, _ = bundled
    work = tmp_path_factory.mktemp("node-io")
    (work / "in.json").write_text(json.dumps({"policy_text": cpython["policy_text"],
                                             "scenarios": [text for _, text in scenarios],
                                             "modes": ["plain", "snapshot"]}), encoding="utf-8")
    node = shutil.which("node")
    assert node, "Node.js is required for these tests"
    result = subprocess.run([node, str(RUNNER), "--runtime", str(runtime_dir), "--input", str(work / "in.json"),
                             "--output", str(work / "out.json")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads((work / "out.json").read_text(encoding="utf-8"))


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at character {at}: CPython …{a[max(0, at - 80):at + 80]}… Pyodide …{b[max(0, at - 80):at + 80]}…"


def assert_same(mode: str, pyodide: dict, cpython: dict, scenarios) -> None:
    got = pyodide[mode]
    assert got["policy"] == cpython["policy"]
    assert len(got["answers"]) == len(scenarios)
    different = [i for i, (a, b) in enumerate(zip(cpython["answers"], got["answers"])) if a != b]
    if different:
        i = different[0]
        pytest.fail(f"{mode}: {len(different)} of {len(scenarios)} answers differ; first: {scenarios[i][0]}\n"
                    f"scenario: {scenarios[i][1]}\n{first_difference(cpython['answers'][i], got['answers'][i])}")


def test_the_golden_cases_are_there_to_run():
    assert len(CASES) >= 50, "policy/cases/*.json: the golden cases are missing"


def test_every_random_scenario_is_valid_so_the_comparison_covers_estimates_not_only_errors(cpython, scenarios):
    answers = cpython["answers"][len(CASES):]
    assert len(answers) == RANDOM_COUNT
    refused = [scenarios[len(CASES) + i] for i, a in enumerate(answers) if not json.loads(a)["ok"]]
    assert not refused, f"{len(refused)} random scenarios were refused, e.g. {refused[0]}"


def test_plain_pyodide_with_the_lockfile_wheel_answers_like_cpython(pyodide, cpython, scenarios):
    assert_same("plain", pyodide, cpython, scenarios)


def test_the_memory_snapshot_restores_in_node_and_answers_like_cpython_without_the_stdlib(pyodide, cpython, scenarios):
    """Restored with an empty zip in place of the stdlib, as the worker does until "ready" has been reached."""
    assert_same("snapshot", pyodide, cpython, scenarios)


def test_both_starts_run_the_wheel_the_lockfile_names_on_pyodides_python(pyodide, bundled):
    runtime_dir, manifest = bundled
    lock = json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    for mode in ("plain", "snapshot"):
        assert pyodide[mode]["wheel_sha256"] == lock["packages"][manifest["wheel"]["package"]]["sha256"] == manifest["wheel"]["sha256"]
        assert pyodide[mode]["python"] == lock["info"]["python"]


def test_after_a_snapshot_start_the_real_stdlib_goes_in_and_new_modules_import(pyodide):
    assert pyodide["snapshot"]["late_import"] == "4/3"
