"""Fixtures of the replica and pooler tests: one primary with its streaming replica per test
session (started only when such a test runs), a PgBouncer in front of the primary, and Django
pointed at them for one test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from atomic_habits_tracker.settings.base import database_from_url
from core.tests import replication
from tests_support import migrations_fingerprint


@pytest.fixture(scope="session")
def streaming_replica():
    """A fresh primary with the app's schema, and its replica made by pg_basebackup -R (which
    then receives everything by streaming); removed at the end of the session."""
    reason = replication.missing_binaries()
    if reason:
        pytest.skip(reason)
    with replication.replication_started() as setup:
        with replication.connect(setup.primary_port) as primary:
            # what docs/operations.md asks of a database behind PgBouncer (the app then sends
            # no jit startup parameter)
            primary.execute(f"ALTER DATABASE {replication.DATABASE} SET jit = off")
        _schema_loaded(setup.primary_port)
        setup.wait_until_replayed()
        yield setup


def _schema_loaded(port: int) -> None:
    """`manage.py migrate` against the primary, as a deployment runs it (on the primary only),
    the first time; its result is kept in var/ as a dump for these migration files and loaded
    in a second the next times (migrating takes a minute on a busy box), as --reuse-db does for
    the suite's own database."""
    dump = Path(settings.VAR_DIR) / f"replication-schema-{migrations_fingerprint()[:16]}.sql"
    if dump.is_file():
        replication.run_client(
            "psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", dump, replication.url(port)
        )
        return
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env["DATABASE_URL"] = replication.url(port)
    env["DJANGO_SETTINGS_MODULE"] = "atomic_habits_tracker.settings.ci"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    partial = dump.with_suffix(f".{os.getpid()}.partial")
    replication.run_client("pg_dump", "--no-owner", "-f", partial, replication.url(port))
    partial.replace(dump)  # atomic: another test process may be writing the same dump
    for stale in Path(settings.VAR_DIR).glob("replication-schema-*.sql"):
        if stale != dump:
            stale.unlink(missing_ok=True)


@pytest.fixture
def replica_databases(streaming_replica, django_db_blocker):
    """Django as a deployment with DATABASE_REPLICA_URLS sees it: `default` is the fresh primary,
    `replica_1` its replica. Rows written here are committed (replication only carries
    committed rows): tests use rows of their own."""
    databases = {
        "default": database_from_url(replication.url(streaming_replica.primary_port)),
        "replica_1": database_from_url(replication.url(streaming_replica.replica_port)),
    }
    with (
        override_settings(DATABASE_REPLICAS=["replica_1"]),
        replication.django_databases(databases),
        django_db_blocker.unblock(),
    ):
        yield streaming_replica


@pytest.fixture(scope="session")
def pgbouncer_port(streaming_replica):
    if not replication.PGBOUNCER.is_file():
        pytest.skip(f"PgBouncer not found ({replication.PGBOUNCER}; set PGBOUNCER)")
    with replication.pgbouncer_started(
        server_port=streaming_replica.primary_port, directory=streaming_replica.directory
    ) as port:
        yield port


@pytest.fixture
def pooled_database(pgbouncer_port, django_db_blocker):
    """Django's default database reached through PgBouncer in transaction mode, configured as
    DATABASE_TRANSACTION_POOLING=true configures it."""
    databases = {
        "default": database_from_url(replication.url(pgbouncer_port), transaction_pooling=True)
    }
    with replication.django_databases(databases), django_db_blocker.unblock():
        yield pgbouncer_port
