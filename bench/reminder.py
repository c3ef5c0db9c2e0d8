"""The reminder rows: from the commit of scheduled -> pending to `sendMessage` at a fake Bot API.

The real `manage.py runbot` runs as a subprocess with the bench's production settings against
the fake Telegram server of the end-to-end tests (in this process, on a loopback port, recording
when each sendMessage arrives). Latencies are monotonic-clock differences inside this process:
the commit time is taken by the first on-commit callback of the sweep's transaction, before the
outbox publishes, and the receive time by the fake server's thread.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, timedelta
from datetime import time as clock_time
from pathlib import Path

import redis
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from bench.rows import latency_summary
from telegrambot.tests.fake_telegram import FakeTelegram

TOKEN = "123456:BENCH-TOKEN"
BOT_NAME = "fake_habits_bot"
BURST = int(os.environ.get("BENCH_REMINDERS", "200"))
SINGLES = 20  # one due reminder at a time: the pipeline's floor without queueing
RATE = os.environ.get("BENCH_TELEGRAM_RATE", "0")  # runbot's TELEGRAM_SEND_RATE_PER_SECOND
CHAT_BASE = 900_000_000  # chat ids: CHAT_BASE + user id, far from anything else in the database


class RecordingTelegram(FakeTelegram):
    """The tests' fake Bot API, also noting when each sendMessage arrived (monotonic clock)."""

    def __init__(self, token: str):
        super().__init__(token)
        self.arrivals: list[tuple[float, int]] = []  # (monotonic time, chat_id)
        self._arrivals_lock = threading.Lock()

    def _api_sendMessage(self, params):  # noqa: N802 - FakeTelegram's dispatch by method name
        with self._arrivals_lock:
            self.arrivals.append((time.monotonic(), int(params.get("chat_id"))))
        return super()._api_sendMessage(params)

    def arrivals_for(self, chat_ids: set[int]) -> list[tuple[float, int]]:
        with self._arrivals_lock:
            return [arrival for arrival in self.arrivals if arrival[1] in chat_ids]

    def wait_for_chats(self, chat_ids: set[int], *, timeout: float) -> list[tuple[float, int]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.arrivals_for(chat_ids)
            if {chat for _, chat in found} >= chat_ids:
                return found
            time.sleep(0.005)
        return self.arrivals_for(chat_ids)


class Bot:
    """`manage.py runbot` with the bench settings, pointed at the fake; killed by pid on exit."""

    def __init__(self, *, root: Path, env: dict, fake: RecordingTelegram):
        self.root, self.fake = root, fake
        self.env = {
            **env,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BOT_NAME": BOT_NAME,
            "TELEGRAM_API_BASE_URL": fake.url,
            "TELEGRAM_POLL_TIMEOUT": "10",
            # Telegram's ~30 messages/s per bot lifted: the fake has no limit, and the row
            # measures our pipeline. At the real limit a burst of 200 takes ~6.7 s whatever we do
            # (docs/performance.md); BENCH_TELEGRAM_RATE=30 measures that.
            "TELEGRAM_SEND_RATE_PER_SECOND": RATE,
            "PYTHONUNBUFFERED": "1",
        }
        self.log = root / "logs" / "bench-runbot.log"
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> "Bot":
        self.log.parent.mkdir(exist_ok=True)
        self.started_at = time.monotonic()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runbot"],
                cwd=self.root,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_listening(self, *, channel: str, timeout: float = 30) -> float:
        """Until the bot long-polls and its outbox listener is subscribed; answers the seconds
        since start."""
        client = redis.Redis.from_url(self.env["REDIS_URL"])
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"runbot exited with {self.process.returncode}; see {self.log}"
                    )
                polling = bool(self.fake.calls_of("getUpdates"))
                subscribed = dict(client.pubsub_numsub(channel)).get(channel.encode(), 0) > 0
                if polling and subscribed:
                    return time.monotonic() - self.started_at
                time.sleep(0.02)
        finally:
            client.close()
        raise RuntimeError(f"runbot was not polling and subscribed within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def _users_with_due_later(*, count: int, prefix: str, now) -> tuple[list[int], dict[int, int]]:
    """`count` users (UTC), each bound to its own chat, with one habit and today's instance
    scheduled an hour from now. Answers the instance ids and instance id -> chat id."""
    from habit_instances.models import HabitInstance
    from habits.models import Habit
    from telegrambot.models import TelegramProfile
    from users.models import User

    users = User.objects.bulk_create(
        User(email=f"{prefix}{number}@bench.example", name=f"Bench {number}", timezone="UTC")
        for number in range(count)
    )
    TelegramProfile.objects.bulk_create(
        TelegramProfile(
            user=user,
            telegram_id=CHAT_BASE + user.pk,
            chat_id=CHAT_BASE + user.pk,
            is_bound=True,
            is_active=True,
            bound_at=now,
        )
        for user in users
    )
    habits = Habit.objects.bulk_create(
        Habit(
            user=user,
            name="Stretch",
            action="stretch",
            place="the mat",
            time_of_day=clock_time(7, 0),
            reward_text="tea",
            start_date=now.astimezone(UTC).date(),
        )
        for user in users
    )
    later = now + timedelta(hours=1)
    instances = HabitInstance.objects.bulk_create(
        HabitInstance(
            habit=habit,
            date=now.astimezone(UTC).date(),
            status="scheduled",
            scheduled_at=later,
            grace_deadline=later + timedelta(minutes=30),
            fix_deadline=later + timedelta(minutes=150),
        )
        for habit in habits
    )
    chats = {habit.pk: CHAT_BASE + habit.user_id for habit in habits}
    return [i.pk for i in instances], {i.pk: chats[i.habit_id] for i in instances}


def _make_due(instance_ids: list[int]) -> None:
    from habit_instances.models import HabitInstance

    HabitInstance.objects.filter(pk__in=instance_ids).update(
        scheduled_at=timezone.now() - timedelta(seconds=1)
    )


def _sweep() -> tuple[float, int]:
    """One `habit_instances_advance_statuses`; answers the monotonic time just after its
    COMMIT (the first on-commit callback, ahead of the outbox publish) and how many moved."""
    from habit_instances.services import habit_instances_advance_statuses

    committed: list[float] = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.monotonic()))
        moved = habit_instances_advance_statuses(now=timezone.now())
    return committed[0], moved.get("pending", 0)


def _first_arrivals(arrivals, *, since: float) -> tuple[list[float], int]:
    """Latency of the first sendMessage per chat, in ms after `since`, and the duplicates."""
    first: dict[int, float] = {}
    for at, chat in sorted(arrivals):
        first.setdefault(chat, at)
    duplicates = sum(count - 1 for count in Counter(chat for _, chat in arrivals).values())
    return sorted((at - since) * 1000 for at in first.values()), duplicates


def _settle(fake: RecordingTelegram, chats: set[int], seconds: float = 1.0):
    """A moment more, so a late duplicate would be seen too."""
    time.sleep(seconds)
    return fake.arrivals_for(chats)


def measure(*, root: Path, env: dict, bot_down: bool) -> dict:
    """Runs the measurements; answers the numbers for the rows (see scenarios.reminder_rows)."""
    from notifications.models import Delivery
    from telegrambot.channel import telegram_pubsub_channel

    results: dict = {"burst": BURST, "singles": SINGLES}
    now = timezone.now()
    fake = RecordingTelegram(TOKEN).start()
    bot = Bot(root=root, env=env, fake=fake)
    # The bench process writes the deliveries: it must see Telegram as configured, as the
    # worker running the sweep does in production.
    with override_settings(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BOT_NAME=BOT_NAME):
        try:
            burst_ids, burst_chats = _users_with_due_later(count=BURST, prefix="rem", now=now)
            single_ids, single_chats = _users_with_due_later(count=SINGLES, prefix="one", now=now)
            channel = telegram_pubsub_channel()

            if bot_down:
                down_ids, down_chats = _users_with_due_later(count=BURST, prefix="down", now=now)
                _make_due(down_ids)
                committed, moved = _sweep()
                bot.start()
                ready = bot.wait_listening(channel=channel)
                chats = set(down_chats.values())
                fake.wait_for_chats(chats, timeout=60)
                arrivals = _settle(fake, chats)
                from_start, duplicates = _first_arrivals(arrivals, since=bot.started_at)
                results["down"] = {
                    "moved": moved,
                    "received": len(from_start),
                    "duplicates": duplicates,
                    "ready_s": ready,
                    "from_start_ms": latency_summary(from_start),
                    "downtime_s": bot.started_at - committed,
                }
            else:
                bot.start()
                bot.wait_listening(channel=channel)

            # Hot path: the bot is up, subscribed and has sent before (warm connections).
            singles = []
            for instance_id in single_ids:
                _make_due([instance_id])
                committed, _ = _sweep()
                chat = single_chats[instance_id]
                got = fake.wait_for_chats({chat}, timeout=5)
                if got:
                    singles.append((got[0][0] - committed) * 1000)
            results["single_ms"] = latency_summary(singles)
            results["single_received"] = len(singles)

            _make_due(burst_ids)
            committed, moved = _sweep()
            chats = set(burst_chats.values())
            fake.wait_for_chats(chats, timeout=30 + BURST * 0.1)
            arrivals = _settle(fake, chats)
            latencies, duplicates = _first_arrivals(arrivals, since=committed)
            gaps = [b - a for a, b in zip(latencies, latencies[1:], strict=False)]
            results["burst_result"] = {
                "moved": moved,
                "received": len(latencies),
                "duplicates": duplicates,
                "latency_ms": latency_summary(latencies),
                "first_ms": latencies[0] if latencies else None,
                "per_message_ms": sum(gaps) / len(gaps) if gaps else None,
            }
            statuses = Counter(
                Delivery.objects.filter(
                    notification__dedupe_key__in=[f"reminder:{pk}" for pk in burst_ids]
                ).values_list("status", flat=True)
            )
            results["burst_result"]["delivery_statuses"] = dict(statuses)
        finally:
            bot.stop()
            fake.stop()
    return results
