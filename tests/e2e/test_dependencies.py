"""The dependency lock: it agrees with pyproject.toml, every install uses it, and it gives the same decks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:          # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
WORKFLOWS = ROOT / ".github" / "workflows"
PROJECT_FILES = ["generator", "content", "templates", "pyproject.toml", "README.md", "requirements.lock"]


def locked() -> dict[str, list[tuple[str, str, int]]]:
    """name -> [(version, marker, number of hashes)] of every pin in the lock."""
    pins: dict[str, list[tuple[str, str, int]]] = {}
    for block in re.split(r"\n(?=\S)", LOCK.read_text(encoding="utf-8")):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)(?: ; ([^\\\n]+))?", block)
        if match:
            pins.setdefault(canonicalize_name(match[1]), []).append(
                (match[2], (match[3] or "").strip(), block.count("--hash=sha256:")))
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = (project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
             + project["build-system"]["requires"])
    return [Requirement(name) for name in names]


def test_the_lock_pins_every_declared_dependency_within_its_range_with_hashes():
    pins = locked()
    assert pins, "no pins found in requirements.lock"
    for requirement in declared():
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is in pyproject.toml but not in the lock: run 'make lock'"
        for version, _, _ in versions:
            assert requirement.specifier.contains(version, prereleases=True), \
                f"the lock pins {requirement.name}=={version}, outside {requirement.specifier}: run 'make lock'"
    for name, versions in pins.items():
        for version, _, hashes in versions:
            assert hashes >= 1, f"{name}=={version} has no hash"


def test_the_lock_holds_one_version_of_each_package_for_every_python():
    """One version for all supported Pythons: decks do not depend on which Python built them."""
    several = {name: versions for name, versions in locked().items() if len(versions) > 1}
    assert not several, several


def test_make_installs_only_the_lock_and_checks_its_hashes():
    recipe = re.search(r"^\$\(VENV\)/\.installed:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "the Makefile has no .venv/.installed rule"
    lines = recipe.group(1)
    assert "venv --clear" in lines
    assert "--require-hashes --no-deps -r $(LOCK)" in lines
    assert re.search(r"pip install .*--no-deps .*-e \.", lines)
    installs = [line for line in lines.splitlines() if "pip install" in line]
    assert all("--no-deps" in line for line in installs), installs


def test_the_workflows_install_from_the_lock_and_key_their_cache_on_it():
    decks = (WORKFLOWS / "decks.yml").read_text(encoding="utf-8")
    assert "pip install" not in decks, "decks.yml installs packages outside the lock; use 'make .venv/.installed'"
    for workflow in WORKFLOWS.glob("*.yml"):
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/setup-python") and "cache" in step.get("with", {}):
                    assert step["with"]["cache-dependency-path"] == "requirements.lock", (workflow.name, step)


def test_the_tests_run_on_every_supported_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lowest = re.fullmatch(r">=3\.(\d+)", project["project"]["requires-python"])
    assert lowest, project["project"]["requires-python"]
    workflow = yaml.safe_load((WORKFLOWS / "decks.yml").read_text(encoding="utf-8"))
    tested = workflow["jobs"]["test"]["strategy"]["matrix"]["python"]
    assert tested == [f"3.{minor}" for minor in range(int(lowest[1]), 14)]


def test_the_upstream_workflow_tests_the_newest_and_the_lowest_versions_weekly():
    workflow = yaml.safe_load((WORKFLOWS / "upstream.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"], "no schedule"          # PyYAML reads the key 'on' as True
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test-newest" in commands and "make test-oldest" in commands


# ---------------------------------------------------------------- two machines, one lock

def _fresh_install(home: Path) -> tuple[Path, Path]:
    """A copy of the project and a new virtualenv holding the lock's packages and the generator."""
    project, venv = home / "project", home / "venv"
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps"]
    subprocess.run(pip + ["--require-hashes", "-r", str(project / "requirements.lock")], check=True)
    subprocess.run(pip + ["--no-build-isolation", str(project)], check=True, cwd=home)
    return project, venv


def _build_every_locale(project: Path, venv: Path, out: Path, env: dict) -> dict[str, bytes]:
    deck = str(venv / "bin" / "deck")
    for args in (["--all-locales"], ["--locale", "qps-ploc"]):
        subprocess.run([deck, "build", *args, "--quiet", "--out", str(out)], cwd=project, env=env, check=True,
                       capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.pptx"))}


@pytest.mark.slow
def test_two_virtualenvs_from_the_lock_build_byte_identical_decks(tmp_path):
    first_env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"}
    second_env = {**os.environ, "TZ": "Pacific/Chatham", "LC_ALL": "C", "PYTHONHASHSEED": "4242"}
    decks = []
    for name, env in (("first", first_env), ("second", second_env)):
        env.pop("SOURCE_DATE_EPOCH", None)
        project, venv = _fresh_install(tmp_path / name)
        decks.append(_build_every_locale(project, venv, tmp_path / name / "build", env))
    assert len(decks[0]) >= 7, sorted(decks[0])
    assert sorted(decks[0]) == sorted(decks[1])
    differing = [name for name in decks[0] if decks[0][name] != decks[1][name]]
    assert not differing, differing
