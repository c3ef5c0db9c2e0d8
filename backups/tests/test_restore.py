"""A restore is proven, not assumed: data in every app, a backup, the database and the files
wiped, the restore, and every row of every table and every stored file compared."""

import datetime as dt
import json
import os
import subprocess
import sys
import uuid

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from backups.archive_format import BACKUPS_PREFIX
from backups.models import BackupStatus
from backups.services.backups import backup_create, backups_list
from backups.tests.support import database_snapshot, site_data_make, stored_files_snapshot
from core.storage import storage_keys_list, storage_objects_delete

pytestmark = pytest.mark.django_db(transaction=True)

_PRINT_SNAPSHOT = (
    "import json; from django.core.serializers.json import DjangoJSONEncoder; "
    "from django.db import connection; from backups.tests.support import database_snapshot; "
    'cursor = connection.cursor(); cursor.execute("SELECT count(*) FROM pg_tables WHERE '
    "schemaname = 'public' AND tableowner <> current_user\"); "
    "assert cursor.fetchone()[0] == 0, 'tables of another role'; "
    "print(json.dumps(database_snapshot(), cls=DjangoJSONEncoder))"
)
NOW = dt.datetime(2026, 3, 12, 3, 0, tzinfo=dt.UTC)


def _database_wipe() -> None:
    """Every table gone, as on a server whose disk was lost."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def _files_wipe() -> None:
    storage_objects_delete(
        keys=[key for key in storage_keys_list() if not key.startswith(BACKUPS_PREFIX)]
    )


def _assert_restored(before: dict, after: dict, *, run_name: str) -> None:
    assert after.keys() == before.keys()
    for label, rows in before.items():
        if label == "backups.Backup":
            # the restored log also holds the run that made this backup, settled as succeeded
            assert after[label][: len(rows)] == rows
            (own_run,) = after[label][len(rows) :]
            assert own_run["name"] == run_name
            assert own_run["status"] == BackupStatus.SUCCEEDED
        else:
            assert after[label] == rows, label


def test_backup_wipe_restore_gives_back_every_row_and_every_file(backup_storage, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    site_data_make(users=3)
    before = database_snapshot()
    files_before = stored_files_snapshot()
    filled = [label for label, rows in before.items() if rows]
    assert {
        "users.User",
        "habits.Habit",
        "habit_instances.HabitInstance",
        "goals.Goal",
        "goals.Attachment",
        "journal.JournalEntry",
        "journal.JournalPhoto",
        "journal.JournalEntry_tags",
    } <= set(filled)
    assert len(files_before) == 6  # an attachment and a photo per user

    run = backup_create(now=NOW)
    assert run.status == BackupStatus.SUCCEEDED, run.error
    assert run.files_count == 6 and run.size_bytes > 0
    assert backups_list() == [run.name]

    _database_wipe()
    _files_wipe()
    assert stored_files_snapshot() == {}

    call_command("restore", run.name, "--noinput")

    _assert_restored(before, database_snapshot(), run_name=run.name)
    assert stored_files_snapshot() == files_before


def test_a_restore_removes_what_came_after_the_backup(backup_storage):
    site_data_make(users=1)
    before = database_snapshot()
    files_before = stored_files_snapshot()
    run = backup_create(now=NOW)
    site_data_make(users=1)  # a later user, with files of their own

    call_command("restore", run.name, "--noinput")

    _assert_restored(before, database_snapshot(), run_name=run.name)
    assert stored_files_snapshot() == files_before


@pytest.mark.postgresql_only(reason="the role and database of a fresh PostgreSQL server")
def test_restore_onto_a_fresh_server_as_a_role_that_is_not_superuser(moto_s3_storage, settings):
    """The docs' procedure: a new empty database owned by the app's ordinary role, the same S3
    settings, and `manage.py restore` in a process of its own; no migrate, no superuser."""
    settings.BACKUP_ENCRYPTION_KEY = "q0Xk2J2tS3w8dqv6b8P0sQ2HkqB3oFm3wz0yPZ7pQ1s="
    site_data_make(users=2)
    before = database_snapshot()
    run = backup_create(now=NOW)
    assert run.status == BackupStatus.SUCCEEDED, run.error and run.encrypted

    suffix = uuid.uuid4().hex[:8]
    role, database = f"aht_restore_{suffix}", f"aht_fresh_{suffix}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        cursor.execute(f"CREATE DATABASE {database} OWNER {role}")
    own = connection.settings_dict
    try:
        environment = {
            **os.environ,
            **moto_s3_storage,
            "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.dev",
            "DATABASE_URL": f"postgres://{role}@{own['HOST']}:{own['PORT']}/{database}",
            "BACKUP_ENCRYPTION_KEY": settings.BACKUP_ENCRYPTION_KEY,
            "LOG_DIR": str(settings.LOG_DIR),
        }
        refused = subprocess.run(
            [sys.executable, "manage.py", "restore", run.name],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert refused.returncode != 0 and "cancelled" in refused.stderr
        restored = subprocess.run(
            [sys.executable, "manage.py", "restore", run.name, "--noinput"],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert restored.returncode == 0, restored.stderr

        # the fresh server reads its own database back, in a process of its own
        snapshot = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v0", "-c", _PRINT_SNAPSHOT],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert snapshot.returncode == 0, snapshot.stderr
        after = json.loads(snapshot.stdout)
        before = json.loads(json.dumps(before, cls=DjangoJSONEncoder))
        _assert_restored(before, after, run_name=run.name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            cursor.execute(f"DROP ROLE IF EXISTS {role}")
