"""Helpers the tests of several apps share. Fixtures live in conftest.py files; everything a test
imports by name lives here, so no test module imports another test module or a conftest."""

import hashlib
from datetime import timedelta
from pathlib import Path

import redis
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from telegrambot.models import TelegramProfile
from users.services import auth_tokens_issue
from users.timezones import local_today

# A password every configured validator accepts (the factories' TEST_PASSWORD is for signing in).
STRONG_PASSWORD = "a-long-unusual-passphrase-42"
# The bot token the Telegram tests configure and the fake Bot API expects.
TELEGRAM_TEST_TOKEN = "123456:TEST-TOKEN"


def assert_error(response, status, code, field=None):
    """The response is the one error shape with this status and code (and names `field`)."""
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    if field:
        assert field in error["fields"], error
    return error


def client_for(user) -> APIClient:
    """An API client signed in as `user` with a fresh access token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {auth_tokens_issue(user=user)['access']}")
    return client


def bind(user, *, chat_id: int) -> TelegramProfile:
    """`user`'s account bound to the Telegram chat `chat_id`, active."""
    profile, _ = TelegramProfile.objects.update_or_create(
        user=user,
        defaults={
            "telegram_id": chat_id,
            "chat_id": chat_id,
            "is_bound": True,
            "is_active": True,
            "bound_at": timezone.now(),
        },
    )
    return profile


def redis_commands_counted(monkeypatch) -> list[str]:
    """The names of the Redis commands this process sends from now on (each one still goes to the
    real server): for tests that pin how many round trips a request makes."""
    commands: list[str] = []
    send = redis.Redis.execute_command

    def counted(self, *args, **options):
        commands.append(args[0])
        return send(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    return commands


def zone_where_it_is_morning(now) -> str:
    """A fixed-offset zone whose local time at `now` is 06:xx: a habit at 20:00
    there is due today, its windows still open and tomorrow hours away, whatever the hour the suite
    runs (for a test whose worker process cannot share a frozen clock)."""
    offset = (6 - now.hour + 12) % 24 - 12  # hours east of UTC, within -12..+11
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"  # Etc/GMT names count west as positive


def open_instance(user, *, status="pending", now=None, **habit_fields):
    """Today's instance of a new habit, due a few minutes ago, its windows still open."""
    now = now or timezone.now()
    habit = HabitFactory(user=user, start_date=local_today(user=user, now=now), **habit_fields)
    return HabitInstanceFactory(
        habit=habit,
        date=local_today(user=user, now=now),
        status=status,
        scheduled_at=now - timedelta(minutes=5),
        grace_deadline=now + timedelta(hours=1),
        fix_deadline=now + timedelta(hours=2),
    )


def subprocess_database_url() -> str:
    """The suite's test database as a DATABASE_URL, for a process a test starts (PostgreSQL, or the
    SQLite run's database file)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def migrations_fingerprint() -> str:
    """A digest of the project's migration files (an installed package's migrations change only
    with its version, and migrate adds new ones to a kept database by itself)."""
    digest = hashlib.sha256()
    for app in apps.get_app_configs():
        if Path(app.path).parent != Path(settings.BASE_DIR):
            continue
        for path in sorted(Path(app.path).glob("migrations/*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
