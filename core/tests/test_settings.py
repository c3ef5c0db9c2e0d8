import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def _manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_production_settings_pass_the_deploy_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="atomic_habits_tracker.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="habits.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="atomic_habits_tracker.settings.prod")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def _env_example_value(name: str) -> str:
    lines = (settings.BASE_DIR / ".env.example").read_text().splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith(f"{name}="))


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (_env_example_value("DJANGO_SECRET_KEY"), "published placeholder"),
        ("dev-only-insecure-key-change-me-in-production", "published placeholder"),
        ("0123456789abcdef" * 3 + "0", "49 characters"),  # one short of the minimum,
    ],
)
def test_production_settings_refuse_a_published_or_short_secret_key(key, reason):
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="atomic_habits_tracker.settings.prod",
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS="habits.example.org",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY" in result.stderr
    assert reason in result.stderr


def test_importing_settings_makes_no_directory_and_the_log_file_makes_its_own(tmp_path):
    log_dir = tmp_path / "not" / "yet" / "logs"
    script = f"""
import logging, logging.config, pathlib
from atomic_habits_tracker.settings import dev
assert not pathlib.Path({str(log_dir)!r}).exists(), "importing the settings made LOG_DIR"
logging.config.dictConfig(dev.LOGGING)
logging.getLogger("check").warning("first line")
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR, env={**env, "LOG_DIR": str(log_dir)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "first line" in (log_dir / "app.log").read_text()
