"""deploy/postgres/initdb against the real PostgreSQL: a scratch database and roles of its own,
the init script run as the postgres image runs it, migrations as the owner role, and then what
the app role may and may not do."""

import os
import secrets
import shutil
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from psycopg import errors

from core.tests.deployment import REPO

SERVER = settings.DATABASES["default"]
pytestmark = [
    pytest.mark.skipif(
        SERVER["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
    ),
    pytest.mark.skipif(shutil.which("psql") is None, reason="needs the psql client"),
]
INIT_SCRIPT = REPO / "deploy" / "postgres" / "initdb" / "10-roles.sh"


def _connect(database, user, **options):
    return psycopg.connect(
        host=SERVER["HOST"] or "127.0.0.1", port=SERVER["PORT"] or 5432,
        dbname=database, user=user, password=SERVER["PASSWORD"] or None, **options,
    )  # fmt: skip


@pytest.fixture(scope="module")
def scratch():
    """A database and two roles no other test (or checkout sharing the server) uses."""
    suffix = secrets.token_hex(4)
    names = {
        "database": f"aht_roles_{suffix}",
        "owner": f"aht_owner_{suffix}",
        "app": f"aht_app_{suffix}",
    }
    superuser = SERVER["USER"]
    with _connect("postgres", superuser, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{names["database"]}"')
    try:
        yield names
    finally:
        with _connect("postgres", superuser, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{names["database"]}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{names["owner"]}", "{names["app"]}"')


def _run_init_script(names):
    environment = {
        "PATH": os.environ["PATH"],
        "PGHOST": SERVER["HOST"] or "127.0.0.1",
        "PGPORT": str(SERVER["PORT"] or 5432),
        "PGPASSWORD": SERVER["PASSWORD"] or "",
        "POSTGRES_USER": SERVER["USER"],
        "POSTGRES_DB": names["database"],
        "DB_OWNER_ROLE": names["owner"],
        "DB_APP_ROLE": names["app"],
        "DB_OWNER_PASSWORD": secrets.token_urlsafe(16),
        "DB_APP_PASSWORD": secrets.token_urlsafe(16),
    }
    result = subprocess.run(
        ["bash", str(INIT_SCRIPT)], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def _url(names, role):
    host, port = SERVER["HOST"] or "127.0.0.1", SERVER["PORT"] or 5432
    password = f":{SERVER['PASSWORD']}" if SERVER["PASSWORD"] else ""
    return f"postgres://{names[role]}{password}@{host}:{port}/{names['database']}"


def _manage(names, role, *args):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
        "DATABASE_URL": _url(names, role),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def migrated(scratch):
    # A table made by the superuser before the roles existed, as on an older volume.
    with _connect(scratch["database"], SERVER["USER"], autocommit=True) as admin:
        admin.execute("CREATE TABLE legacy_note (id int GENERATED ALWAYS AS IDENTITY, note text)")
    _run_init_script(scratch)
    result = _manage(scratch, "owner", "migrate", "--noinput")
    assert result.returncode == 0, result.stderr[-3000:]
    _run_init_script(scratch)  # again, as after a password change: nothing breaks
    return scratch


def test_the_owner_role_owns_every_table_and_the_app_role_nothing(migrated):
    with _connect(migrated["database"], SERVER["USER"]) as admin:
        owners = dict(
            admin.execute(
                "SELECT pg_get_userbyid(relowner), count(*) FROM pg_class"
                " WHERE relnamespace = 'public'::regnamespace GROUP BY 1"
            ).fetchall()
        )
    assert set(owners) == {migrated["owner"]}
    assert owners[migrated["owner"]] > 20  # the migrated tables, their sequences and indexes


def test_the_app_role_reads_and_writes_rows(migrated):
    with _connect(migrated["database"], migrated["app"]) as app:
        insert = "INSERT INTO django_content_type (app_label, model) VALUES ('probe', 'row')"
        row_id = app.execute(f"{insert} RETURNING id").fetchone()[0]
        app.execute("UPDATE django_content_type SET model = 'changed' WHERE id = %s", [row_id])
        assert app.execute(
            "SELECT model FROM django_content_type WHERE id = %s", [row_id]
        ).fetchone() == ("changed",)
        app.execute("DELETE FROM django_content_type WHERE id = %s", [row_id])
        app.execute("INSERT INTO legacy_note (note) VALUES ('kept from before')")


def test_the_app_runs_with_the_app_role(migrated):
    """The ORM path too: a user written through Django, identity sequences included."""
    result = _manage(
        migrated, "app", "shell", "-c",
        "from users.models import User; "
        "User.objects.create_user(email='a@example.org', password='x'); "
        "print(User.objects.count())",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "1"  # after Django shell's import note


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE intruder (id int)",
        "DROP TABLE django_content_type",
        "ALTER TABLE django_content_type ADD COLUMN intruder int",
        "TRUNCATE django_content_type",
        "CREATE SCHEMA intruder",
        "CREATE TEMPORARY TABLE intruder (id int)",
    ],
)
def test_the_app_role_cannot_change_the_schema(migrated, statement):
    with (
        _connect(migrated["database"], migrated["app"]) as app,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        app.execute(statement)
