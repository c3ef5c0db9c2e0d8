"""The test suite: real PostgreSQL and Redis from DATABASE_URL / REDIS_URL, mail kept in memory."""

import os

from .base import *  # noqa: F403
from .base import (
    CACHES,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    LOG_DIR,
    LOGGING,
    REST_FRAMEWORK,
    STORAGES,
    VAR_DIR,
    database_from_url,
    env,
    object_storage_config,
)

# Tests run against the real local servers unless scripts/test_env.py chose others.
DATABASES = {
    "default": database_from_url(
        env("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/atomic_habits")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database file, not Django's shared-cache in-memory one: shared cache locks whole
    # tables (SQLITE_LOCKED) and ignores the busy timeout, so tests with concurrent writers
    # (claims racing, the bot process) would fail by chance instead of waiting their turn.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
# No replicas from the environment: the replica tests make their own streaming replica
# (core/tests/replication.py) and point the router at it.
DATABASE_REPLICAS = []
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES["default"]["LOCATION"] = REDIS_URL
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL

DEBUG = False
SECRET_KEY = "ci-only-secret-key-not-used-anywhere-else-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashing passwords properly costs ~100 ms each; the tests do not test PBKDF2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Web Push is off unless a test turns it on (push/tests/conftest.py): a key pair that `make run`
# left in var/ must not switch a third channel on under the other apps' tests.
WEBPUSH_VAPID_PUBLIC_KEY = ""
WEBPUSH_VAPID_PRIVATE_KEY = ""

# Each test process gets its own Redis namespace, so parallel workers (and other checkouts on the
# same machine) never see or clear each other's keys. A subprocess started by a test (the bot) is
# handed its parent's namespace in TEST_REDIS_NAMESPACE.
REDIS_NAMESPACE = env(
    "TEST_REDIS_NAMESPACE",
    default=f"test-{os.getpid()}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
)
CACHES["default"]["KEY_PREFIX"] = REDIS_NAMESPACE
CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = f"{REDIS_NAMESPACE}:"
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "register": "20/hour",
    "login": "30/minute",
    "forgot_password": "5/hour",
    "ical_feed": "60/hour",
    "post_create": "30/hour",
}
# LOGGING was built from base's LOG_FILE_NAME; point its file handler at the tests' own log.
LOGGING["handlers"]["file"]["filename"] = str(LOG_DIR / "test.log")
# No collectstatic before tests: serve static files by their plain names, and no STATIC_ROOT for
# WhiteNoise to look into (in a fresh clone it does not exist, and WhiteNoise would warn each time).
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT = None
# Tests never write into make run's files, whatever S3_* the environment holds; the S3 tests
# point STORAGES at the suite's own local S3 server (the `s3_storage` fixture).
STORAGE_ROOT = VAR_DIR / "test-storage"
STORAGES["default"] = object_storage_config(bucket="", root=STORAGE_ROOT)
