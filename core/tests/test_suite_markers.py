"""The suite's own markers (conftest.py) do what they say."""

import tomllib
from pathlib import Path

import pytest
from django.db import connection


@pytest.mark.postgresql_only(reason="checks the marker itself")
def test_a_postgresql_only_test_runs_on_postgresql_and_is_skipped_elsewhere():
    assert connection.vendor == "postgresql"


def test_every_app_with_tests_is_in_the_suites_testpaths():
    """`make test` runs pytest without paths, so it collects only `testpaths`: an app left out
    there has tests that never run (nine apps were, until this test)."""
    root = Path(__file__).resolve().parents[2]
    settings = tomllib.loads((root / "pyproject.toml").read_text())
    testpaths = set(settings["tool"]["pytest"]["ini_options"]["testpaths"])
    not_python = {"frontend", "node_modules", ".venv", "var", ".git"}
    with_tests = {
        folder.name
        for folder in root.iterdir()
        if folder.is_dir()
        and folder.name not in not_python
        # scripts/test_env.py is a helper named like tests, not tests
        and any("\ndef test_" in path.read_text() for path in folder.rglob("test_*.py"))
    }
    assert with_tests - testpaths == set()
