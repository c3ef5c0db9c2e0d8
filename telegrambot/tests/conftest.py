"""The Telegram tests' fixtures: the fake Bot API and the real bot process run against it."""

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from telegrambot.bot.poller_lock import poller_lock_key
from telegrambot.tests.fake_telegram import FakeTelegram
from tests_support import TELEGRAM_TEST_TOKEN, subprocess_database_url

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def fake_telegram():
    fake = FakeTelegram(TELEGRAM_TEST_TOKEN).start()
    yield fake
    fake.stop()


class BotProcess:
    def __init__(self, fake: FakeTelegram):
        self.fake = fake
        self.process: subprocess.Popen | None = None
        # open for the life of the bot process, closed in kill()
        self.log = tempfile.NamedTemporaryFile(prefix="runbot-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self, *, wait: bool = True, extra_env: dict | None = None) -> "BotProcess":
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
            "TEST_REDIS_NAMESPACE": django_settings.REDIS_NAMESPACE,
            "DATABASE_URL": subprocess_database_url(),
            "REDIS_URL": django_settings.REDIS_URL,
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TEST_TOKEN,
            "TELEGRAM_BOT_NAME": "fake_habits_bot",
            "TELEGRAM_API_BASE_URL": self.fake.url,
            "TELEGRAM_POLL_TIMEOUT": "1",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runbot"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if wait:
            try:
                # A generous bound: Django's start-up alone took over 15 s on a loaded 2-core
                # box; a bot that starts waits no longer for it.
                self.fake.wait_for("setMyCommands", timeout=45)
                self.fake.wait_for("getUpdates", timeout=15)
            except AssertionError:
                raise AssertionError(f"the bot did not start:\n{self.output()}") from None
        return self

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self, *, timeout: float = 10) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            raise AssertionError(f"the bot ignored SIGTERM:\n{self.output()}") from None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
            # a killed bot leaves its poller lease to expire: the next test's bot must not wait
            redis.Redis.from_url(django_settings.REDIS_URL).delete(poller_lock_key())
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


@pytest.fixture
def bot(transactional_db, fake_telegram, telegram_on):
    """The real `manage.py runbot` against the fake Bot API, the test database and Redis."""
    process = BotProcess(fake_telegram)
    yield process
    process.kill()
