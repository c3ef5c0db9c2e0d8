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
    with_tests = {
        path.relative_to(root).parts[0]
        for path in root.glob("*/**/test_*.py")
        if not {"node_modules", ".venv", "frontend"} & set(path.relative_to(root).parts)
        and "\ndef test_" in path.read_text()  # scripts/test_env.py is a helper, not tests
    }
    assert with_tests - testpaths == set()
