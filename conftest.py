"""Fixtures every app's tests share (`user`, `other_user`, `api_client`, `auth_client`,
`other_client`, `telegram_on`, `file_storage`, `s3_storage`), the `postgresql_only` and `slow`
markers, and the reuse of the test database between runs. Helpers a test imports by name live
in tests_support.py."""

import hashlib
import sys
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_migrate
from pytest_django.plugin import blocking_manager_key
from rest_framework.test import APIClient

from atomic_habits_tracker.object_storage import object_storage_config
from tests_support import TELEGRAM_TEST_TOKEN, client_for, migrations_fingerprint
from users.tests.factories import UserFactory


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """`slow` tests first. pytest-django then sorts by kind (database tests, transactional ones,
    the rest) keeping this order within each kind, so the parallel workers share out the slow
    tests at the start of each kind instead of one worker finishing them while the other idles."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_runtest_setup(item):
    """`@pytest.mark.postgresql_only(reason=...)`: a test of something only PostgreSQL has (row
    locks taken concurrently, a SQL path compared with its Python twin) is skipped on SQLite, with
    the reason in the report, instead of passing without having run."""
    marker = item.get_closest_marker("postgresql_only")
    if marker is None or connection.vendor == "postgresql":
        return
    reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
    if not reason:
        raise pytest.UsageError(f"{item.nodeid}: postgresql_only needs a reason")
    pytest.skip(f"PostgreSQL only: {reason}")


@pytest.fixture(scope="session")
def _test_database_stamp(django_db_modify_db_settings) -> Path:
    """The file where this checkout notes which migrations this process's test database (one per
    xdist worker) was made with."""
    database = connection.settings_dict
    name = database["TEST"].get("NAME") or f"test_{database['NAME']}"
    identity = f"{database['ENGINE']} {database['HOST']} {database['PORT']} {name}"
    return Path(settings.VAR_DIR) / f"test-db-{hashlib.sha256(identity.encode()).hexdigest()[:16]}"


@pytest.fixture(scope="session")
def django_db_createdb(request, _test_database_stamp) -> bool:
    """pyproject's --reuse-db keeps the test databases between runs, and Django's migrate applies
    only the migrations a kept database lacks, so an edited migration would go unnoticed. The
    database is made anew when the migration files differ from those it was made with, when it
    was never noted (a fresh clone), or on --create-db."""
    made_with = _test_database_stamp.read_text() if _test_database_stamp.is_file() else None
    return request.config.getvalue("create_db") or made_with != migrations_fingerprint()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, _test_database_stamp):
    """pytest-django's setup, then the note of the migrations the database now has; written only
    once the setup succeeded, so a failed one is made anew next time.

    A transactional test ends with a flush, which also empties what data migrations wrote (the
    beat schedule) and migrate will not write again: the flush's post_migrate signal removes the
    note, so such a database is made anew next time. Runs of database tests alone reuse it."""

    def forget_the_database(**kwargs):
        _test_database_stamp.unlink(missing_ok=True)
        post_migrate.disconnect(dispatch_uid=forget_the_database.__name__)

    _test_database_stamp.parent.mkdir(exist_ok=True)
    _test_database_stamp.write_text(migrations_fingerprint())
    post_migrate.connect(forget_the_database, dispatch_uid=forget_the_database.__name__, weak=False)
    yield


def _register_migration_periodic_tasks() -> None:
    """What the data migrations registered in django-celery-beat (each migration module's
    `TASKS`), written again: a transactional test ends by emptying every table, and tests that
    run after it in the same worker read the beat schedule the migrations made."""
    from django.db.migrations.loader import MigrationLoader

    from core.periodic_tasks import periodic_tasks_register

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for migration in loader.disk_migrations.values():
        specs = getattr(sys.modules[migration.__module__], "TASKS", None)
        if specs:
            periodic_tasks_register(apps, specs)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's teardown (its flush is the last fixture to go), the
    migrations' beat schedule is written again for the tests after it in this worker."""
    result = yield
    marker = item.get_closest_marker("django_db")
    flushed = "transactional_db" in getattr(item, "fixturenames", ()) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if flushed:
        with item.config.stash[blocking_manager_key].unblock():
            _register_migration_periodic_tasks()
    return result


@pytest.fixture(autouse=True)
def _clean_redis_namespace():
    """Each test starts with an empty cache in this process's own Redis namespace (throttles,
    lockouts and cached stats must not leak from one test into another)."""
    yield
    client = cache._cache.get_client(write=True)
    prefix = cache.make_key("")
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def auth_client(user):
    return client_for(user)


@pytest.fixture
def other_client(other_user):
    return client_for(other_user)


@pytest.fixture
def telegram_on(settings):
    """The Telegram channel switched on (a bot token and name configured)."""
    settings.TELEGRAM_BOT_TOKEN = TELEGRAM_TEST_TOKEN
    settings.TELEGRAM_BOT_NAME = "fake_habits_bot"
    return settings


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible HTTP server (moto's server mode) on a free local port, for this test
    process; the S3 storage path is tested against it over HTTP, not through a patched client."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_server):
    """The object storage switched to a fresh bucket on the local S3 server; answers a boto3
    client of that server, for looking at the bucket from outside the storage layer."""
    import boto3

    bucket = f"test-{uuid.uuid4().hex}"
    credentials = {"access_key": "test-key", "secret_key": "test-secret", "region": "us-east-1"}
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=credentials["access_key"],
        aws_secret_access_key=credentials["secret_key"],
        region_name=credentials["region"],
    )
    client.create_bucket(Bucket=bucket)
    config = object_storage_config(
        bucket=bucket, root=settings.STORAGE_ROOT, endpoint_url=s3_server, **credentials
    )
    settings.STORAGES = {**settings.STORAGES, "default": config}
    client.bucket = bucket
    return client


@pytest.fixture
def file_storage(settings, tmp_path):
    """The object storage on the file system, in a directory of this test's own."""
    config = object_storage_config(bucket="", root=tmp_path / "storage")
    settings.STORAGES = {**settings.STORAGES, "default": config}
    settings.STORAGE_ROOT = tmp_path / "storage"
    return tmp_path / "storage"
