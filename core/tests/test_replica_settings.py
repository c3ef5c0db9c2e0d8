"""DATABASE_REPLICA_URLS and DATABASE_TRANSACTION_POOLING as the settings read them, and the
router's decisions where no server is needed (these run on SQLite too)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import router

from core.replicas import _is_write, read_alias, replica_reads, replica_scope, stale_ok
from habits.models import Habit

PRINT_DATABASES = """
import json
from atomic_habits_tracker.settings import dev
print(json.dumps({"replicas": dev.DATABASE_REPLICAS, "databases": dev.DATABASES}, default=str))
"""


def _settings_with(**env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", PRINT_DATABASES],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_replica_urls_become_replica_aliases_parsed_like_the_primary():
    result = _settings_with(
        DATABASE_URL="postgres://app:secret@primary:5432/aht",
        DATABASE_REPLICA_URLS="postgres://app:secret@replica-a:5432/aht,"
        "postgres://app:secret@replica-b:5433/aht",
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["replicas"] == ["replica_1", "replica_2"]
    primary, first, second = (
        parsed["databases"][alias] for alias in ("default", "replica_1", "replica_2")
    )
    assert (first["HOST"], second["HOST"], second["PORT"]) == ("replica-a", "replica-b", 5433)
    for replica in (first, second):
        assert replica["OPTIONS"] == primary["OPTIONS"]
        assert replica["OPTIONS"] == {"options": "-c jit=off", "prepare_threshold": 5}
        assert replica["CONN_MAX_AGE"] == primary["CONN_MAX_AGE"]
        assert replica["CONN_HEALTH_CHECKS"] is True


def test_behind_a_transaction_pooler_no_connection_sends_startup_options():
    result = _settings_with(
        DATABASE_URL="postgres://app@pgbouncer:6432/aht",
        DATABASE_REPLICA_URLS="postgres://app@pgbouncer:6432/aht_replica",
        DATABASE_TRANSACTION_POOLING="true",
    )
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout)["databases"]
    for alias in ("default", "replica_1"):
        assert "options" not in databases[alias].get("OPTIONS", {})
        assert databases[alias]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_without_replica_urls_there_are_no_replicas():
    result = _settings_with(DATABASE_URL="postgres://app@primary:5432/aht")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["replicas"] == [] and list(parsed["databases"]) == ["default"]


def test_replicas_of_sqlite_are_refused_at_start():
    result = _settings_with(
        DATABASE_URL="sqlite:///var/x.sqlite3", DATABASE_REPLICA_URLS="sqlite:///var/y.sqlite3"
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS: replicas of PostgreSQL only" in result.stderr


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "habits_habit"."id" FROM "habits_habit"', False),
        ("  select 1", False),
        ("(SELECT 1) UNION (SELECT 2)", False),
        ('SELECT "id" FROM "habits_habit" WHERE "id" = %s FOR UPDATE', True),
        ('SELECT "id" FROM "t" FOR NO KEY UPDATE SKIP LOCKED', True),
        ('SELECT "id" FROM "t" FOR SHARE', True),
        ('INSERT INTO "habits_habit" ("name") VALUES (%s)', True),
        ('UPDATE "habits_habit" SET "name" = %s', True),
        ('DELETE FROM "habits_habit"', True),
        ("WITH moved AS (UPDATE t SET x = 1 RETURNING id) SELECT id FROM moved", True),
        ('SAVEPOINT "s1"', True),
        ("SET LOCAL jit = off", True),
    ],
)
def test_statements_that_pin_a_scope_to_the_primary(sql, writes):
    assert _is_write(sql) is writes


def test_without_replicas_the_router_leaves_everything_to_django():
    assert settings.DATABASE_REPLICAS == []
    with replica_scope(), replica_reads():
        assert router.db_for_read(Habit) == "default"
        assert read_alias() == "default"
        assert stale_ok(Habit.objects.all()).db == "default"
    assert router.allow_migrate_model("default", Habit) is True
