"""scripts/find-browser: which Chromium `make test` uses on a fresh machine, and what it says when there is none.

Each case runs the script with a PATH and HOME made for it (fake executables), so it never depends on what
this machine has installed, and never installs anything.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "find-browser"


def fake(folder: Path, name: str, body: str = "exit 0") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def run(tmp_path: Path, *args: str, env: dict | None = None, uid: int = 1000) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "id", f'[ "$1" = "-u" ] && echo {uid}')
    environment = {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), **(env or {})}
    return subprocess.run(["/bin/sh", str(SCRIPT), *args], env=environment, capture_output=True, text=True, timeout=60)


def test_chromium_named_by_the_environment_comes_first(tmp_path):
    chosen = fake(tmp_path / "elsewhere", "my-chrome")
    fake(tmp_path / "bin", "chromium")
    result = run(tmp_path, env={"CHROMIUM": str(chosen)})
    assert result.returncode == 0 and result.stdout.strip() == str(chosen)


def test_a_chromium_variable_that_names_nothing_is_an_error_that_says_so(tmp_path):
    fake(tmp_path / "bin", "chromium")
    result = run(tmp_path, env={"CHROMIUM": str(tmp_path / "missing")})
    assert result.returncode == 1 and result.stdout == ""
    assert "CHROMIUM" in result.stderr and str(tmp_path / "missing") in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_playwrights_own_chromium_comes_before_the_path(tmp_path):
    own = fake(tmp_path / "home" / ".cache" / "ms-playwright" / "chromium-1187" / "chrome-linux", "chrome")
    fake(tmp_path / "bin", "chromium")
    result = run(tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == str(own)


def test_the_path_is_searched_in_order(tmp_path):
    fake(tmp_path / "bin", "google-chrome")
    assert run(tmp_path).stdout.strip() == str(tmp_path / "bin" / "google-chrome")
    fake(tmp_path / "bin", "chromium-browser")
    assert run(tmp_path).stdout.strip() == str(tmp_path / "bin" / "chromium-browser")
    fake(tmp_path / "bin", "chromium")
    assert run(tmp_path).stdout.strip() == str(tmp_path / "bin" / "chromium")


def test_without_any_browser_it_stops_at_once_with_one_sentence_saying_how_to_get_one(tmp_path):
    marker = tmp_path / "apt-get-ran"
    fake(tmp_path / "bin", "apt-get", f"touch {marker}")
    result = run(tmp_path, uid=1000)  # not root: nothing is installed
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install chromium" in lines[0] and "playwright install chromium" in lines[0]
    assert "CHROMIUM=" in lines[0]
    assert not marker.exists()


def test_as_root_on_debian_it_installs_debians_chromium_and_uses_it(tmp_path):
    installed = tmp_path / "bin" / "chromium"
    log = tmp_path / "apt-get.log"
    fake(tmp_path / "bin", "apt-get",
         f'echo "$@" >> {log}\ncase "$*" in *install*chromium*) printf "#!/bin/sh\\n" > {installed}; /bin/chmod 755 {installed};; esac')
    result = run(tmp_path, uid=0)
    if not Path("/etc/debian_version").is_file():  # the script installs only on Debian (CI is Debian)
        assert result.returncode == 1 and not log.exists()
        return
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(installed)
    assert "update" in log.read_text() and "install -y -qq chromium" in log.read_text()
    assert "installing Debian's chromium" in result.stderr


def test_no_install_stops_even_as_root(tmp_path):
    fake(tmp_path / "bin", "apt-get", f"touch {tmp_path / 'ran'}")
    result = run(tmp_path, "--no-install", uid=0)
    assert result.returncode == 1 and not (tmp_path / "ran").exists()


def test_make_test_runs_the_browser_search_first():
    dry = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "MAKEFLAGS": ""})
    assert "scripts/find-browser" in dry.stdout
