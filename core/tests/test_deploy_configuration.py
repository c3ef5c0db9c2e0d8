"""Every variable the settings read is documented where STYLE.md says: a line of .env.example
and a row of the README's configuration table; and neither documents a variable nothing reads."""

import re

from core.tests.deployment import REPO

# ci.py is left out: its variables are the test suite's own knobs.
SETTINGS_FILES = [
    REPO / "atomic_habits_tracker" / "settings" / f"{name}.py" for name in ("base", "dev", "prod")
]
_SETTINGS_READ = re.compile(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"')
_COMPOSE_READ = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")
_ENV_EXAMPLE_LINE = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def _read_by_settings() -> set[str]:
    return {name for path in SETTINGS_FILES for name in _SETTINGS_READ.findall(path.read_text())}


def _in_env_example() -> set[str]:
    return set(_ENV_EXAMPLE_LINE.findall((REPO / ".env.example").read_text()))


def _in_readme_table() -> set[str]:
    """The variables named in the first column of the README's configuration table."""
    section = (REPO / "README.md").read_text().split("\n## Configuration\n", 1)[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])}


def test_the_checks_find_the_variables():
    read = _read_by_settings()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "LOG_FILE_NAME"} <= read
    assert len(read) > 40


def test_every_variable_the_settings_read_is_in_env_example_and_the_readme():
    read = _read_by_settings()
    assert read - _in_env_example() == set()
    assert read - _in_readme_table() == set()


def test_env_example_and_the_readme_name_only_variables_something_reads():
    compose = set(_COMPOSE_READ.findall((REPO / "docker-compose.yml").read_text()))
    read = _read_by_settings() | compose | {"DJANGO_SETTINGS_MODULE"}  # manage.py, wsgi, celery
    assert _in_env_example() - read == set()
    assert _in_readme_table() - read == set()
