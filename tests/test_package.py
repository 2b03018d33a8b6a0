"""The installable package: its own name, a version tied to the dataset's by the stated rule, one command."""

from __future__ import annotations

import json
import tomllib

import pytest

from calc import cli
from scripts.sitegen import wheel
from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_distribution_has_the_projects_name_and_no_dependencies():
    assert PROJECT["name"] == "suzhou-ai-plus" != "calc"
    assert PROJECT["dependencies"] == []
    assert wheel.wheel_name() == f"suzhou_ai_plus-{PROJECT['version']}-py3-none-any.whl"


def test_the_package_version_follows_the_datasets_by_the_stated_rule(policy):
    assert wheel.follows_dataset(PROJECT["version"], policy["dataset"]["version"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "the package's version is the dataset's version" in readme
    assert "the package's version is the dataset's version" in (ROOT / "pyproject.toml").read_text(encoding="utf-8").replace("\n# ", " ")


@pytest.mark.parametrize(("package", "dataset", "follows"), [
    ("2.1.0", "2.1.0", True),
    ("2.1.0.1", "2.1.0", True),
    ("2.1.0.12", "2.1.0", True),
    ("2.1.1", "2.1.0", False),       # a newer dataset than the one shipped
    ("2.0.0.1", "2.1.0", False),     # an older one
    ("2.1.0.post1", "2.1.0", False),  # post releases are not the rule
    ("2.1.0.0", "2.1.0", False),     # the fourth number counts from 1
    ("2.1", "2.1.0", False),
    ("12.1.0", "2.1.0", False),
])
def test_the_rule_accepts_the_dataset_version_and_code_only_releases_and_nothing_else(package, dataset, follows):
    assert wheel.follows_dataset(package, dataset) is follows


def test_a_version_that_breaks_the_rule_stops_the_build(tmp_path):
    (tmp_path / "policy").mkdir()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8").replace(f'version = "{PROJECT["version"]}"', 'version = "9.9.9"')
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "policy" / "suzhou-ai-plus-2026.json").write_bytes((ROOT / "policy" / "suzhou-ai-plus-2026.json").read_bytes())
    with pytest.raises(RuntimeError, match="9.9.9 does not follow the dataset's"):
        wheel.check_version(tmp_path)


def test_the_one_command_is_named_after_the_package_and_runs_the_cli(capsys, monkeypatch):
    assert PROJECT["scripts"] == {cli.COMMAND: "calc.cli:main"}
    assert cli.COMMAND == PROJECT["name"]
    monkeypatch.setattr("sys.argv", [f"/somewhere/bin/{cli.COMMAND}", "--version"])
    assert cli.main(["--version"]) == 0
    dataset = json.loads((ROOT / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))["dataset"]["version"]
    assert capsys.readouterr().out == f"{cli.COMMAND} {PROJECT['version']} (dataset {dataset})\n"
    assert cli.program() == cli.COMMAND
    monkeypatch.setattr("sys.argv", ["/checkout/calc/__main__.py"])
    assert cli.program() == "python -m calc"
