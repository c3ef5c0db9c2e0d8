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


def _frontend_url(**env_overrides) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in ("FRONTEND_URL", "WEB_HOST", "WEB_PORT")
    }
    env.update(env_overrides)
    script = "from atomic_habits_tracker.settings import dev; print(dev.FRONTEND_URL)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"WEB_PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"WEB_HOST": "0.0.0.0", "WEB_PORT": "9001"}, "http://127.0.0.1:9001"),
        ({"WEB_HOST": "habits.local", "WEB_PORT": "8080"}, "http://habits.local:8080"),
        (
            {"WEB_PORT": "8123", "FRONTEND_URL": "https://habits.example.org/"},
            "https://habits.example.org",
        ),
    ],
)
def test_frontend_url_follows_the_port_make_run_binds_unless_set(overrides, expected):
    """The password-reset link must open the web app `make run` serves (issue 12, item 11)."""
    assert _frontend_url(**overrides) == expected


@pytest.mark.postgresql_only(reason="JIT is PostgreSQL's")
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """The request statements' streak subplans lift the planner's estimate past jit_above_cost,
    and compiling cost 25 ms of a 26 ms /today/: every connection turns JIT off."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
