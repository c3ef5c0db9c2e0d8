"""The rows of `make bench` (bench/rows.py says what a row is), and run_all, which runs them.
Runs inside Django (bench.run sets it up on the bench database)."""

import os
import signal
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from bench import http_rows
from bench.rows import bench_row, missing_apps, unavailable_row

HTTP_SECONDS_DEFAULT = 60
SEED_NAME = "seed_demo 1,000 users x 10 habits x 365 days"


# --- seed -------------------------------------------------------------------------------------


def seed_scale(state: dict) -> dict:
    """seed_demo's own promise: 1,000 users x 10 habits x 365 days. These users then serve the
    HTTP rows, so those read realistic data (a year of history behind every habit)."""
    from demo.services import demo_data_seed

    started = time.perf_counter()
    result = demo_data_seed(
        users=1000,
        habits_per_user=10,
        days=365,
        now=timezone.now(),
        password="bench-password",
        email_prefix="http",
    )
    elapsed = time.perf_counter() - started
    state["http_users"] = result.user_ids
    return bench_row(
        "seed",
        SEED_NAME,
        result=f"{elapsed:.1f} s ({result.instances:,} instances, "
        f"{result.instances / elapsed:,.0f}/s)",
        budget="< 60 s",
        met=elapsed < 60,
        seconds=elapsed,
        instances=result.instances,
    )


# --- generation and sweep ---------------------------------------------------------------------

GENERATION_USERS = 10_000
GENERATION_HABITS_PER_USER = 10


def _habits_due_later_today(*, user_ids: list[int], now: datetime) -> None:
    """Every habit starts today (so it is due today whatever its periodicity) at a local time
    0-5 hours ahead, capped at 23:59: the generation then has an instance to make for each of the
    100,000, in every timezone, at any hour the bench runs."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE habits_habit h SET
                start_date = (%(now)s AT TIME ZONE u.timezone)::date,
                time_of_day = time '00:00' + make_interval(mins => LEAST(
                    EXTRACT(HOUR FROM (%(now)s AT TIME ZONE u.timezone)) * 60
                        + EXTRACT(MINUTE FROM (%(now)s AT TIME ZONE u.timezone))
                        + h.id %% 300,
                    23 * 60 + 59)::int)
            FROM users_user u WHERE u.id = h.user_id AND u.id = ANY(%(ids)s)
            """,
            {"now": now, "ids": user_ids},
        )


class CeleryWorker:
    """`celery worker --concurrency 2` as compose starts it, with the bench's settings, broker
    and Redis namespace; in its own process group, killed on exit."""

    def __init__(self, *, root: Path, env: dict, log: Path):
        self.root, self.env, self.log = root, env, log
        self.name = f"bench-{env.get('REDIS_NAMESPACE', 'aht')}@%h"
        self.process = None

    def __enter__(self):
        from django.conf import settings

        from atomic_habits_tracker.celery import app

        self.output = self.log.open("wb")
        self.process = subprocess.Popen(
            [
                str(Path(self.root) / ".venv" / "bin" / "celery"),
                "-A",
                "atomic_habits_tracker",
                "worker",
                "--concurrency",
                "2",
                "--queues",
                ",".join(settings.TASK_QUEUE_NAMES),  # every queue, as `make run`'s worker
                "--loglevel",
                self.env.get("BENCH_WORKER_LOGLEVEL", "WARNING"),
                "-n",
                self.name,
            ],
            cwd=self.root,
            env={**self.env, "LOG_FILE_NAME": "bench-worker.log"},
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the worker exited, see {self.log}")
                if app.control.ping(timeout=0.5):
                    return self
            raise RuntimeError("the Celery worker did not answer a ping within 60 s")
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.output.close()


def _queue_length(env: dict) -> int:
    """Tasks waiting in every queue of the Redis broker (core.queues asks any broker, at the
    cost of a connection per call: too much for a poll every 25 ms)."""
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = [f"{env['REDIS_NAMESPACE']}:{queue}" for queue in settings.TASK_QUEUE_NAMES]
    with client.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.llen(key)
        return sum(pipe.execute())


def _instances_after(after_id: int) -> int:
    """The rows committed since: an index-only range scan of the primary key (the planner would
    otherwise scan the 3 million rows of the seed, ~200 ms a poll on this box)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(
            "SELECT COUNT(*) FROM habit_instances_habitinstance WHERE id > %s", [after_id]
        )
        return cursor.fetchone()[0]


def _generate_today_by_worker(*, root: Path, env: dict, after_id: int) -> dict:
    """Sends habit_instances.generate_today to a fresh worker and polls the instance count: the
    time from the send to the poll that first saw the final count (the queue empty and the count
    unchanged for 2 s after it; bounded by 120 s). BENCH_WORKER_LOGLEVEL=INFO keeps each task's
    duration in the worker's log (TMPDIR/aht-bench-worker-<namespace>.log)."""
    from habit_instances.tasks import (
        habit_instances_generate_chunk_task,
        habit_instances_generate_today_task,
    )

    log = Path(env.get("TMPDIR", "/tmp")) / f"aht-bench-worker-{env['REDIS_NAMESPACE']}.log"
    with CeleryWorker(root=root, env=env, log=log):
        # Each worker process opens its database connection and imports once, as a worker that
        # has been up for a while has already done: two empty chunks, then a moment.
        for _ in range(2):
            habit_instances_generate_chunk_task.delay([])
        time.sleep(2)
        started = time.perf_counter()
        habit_instances_generate_today_task.delay()
        # While chunks wait in the broker's queue, the count is read only twice a second (it
        # costs the database a little); once the queue is empty, every 50 ms.
        count, last_change, polls, polling, counted = 0, started, 0, 0.0, started
        deadline = started + 120
        while time.perf_counter() < deadline:
            time.sleep(0.025)
            queued = _queue_length(env)
            if queued and time.perf_counter() - counted < 0.5:
                continue
            if not queued and time.perf_counter() - counted < 0.05:
                continue
            counted = time.perf_counter()
            seen = _instances_after(after_id)
            polls, polling = polls + 1, polling + time.perf_counter() - counted
            if seen != count:
                count, last_change = seen, time.perf_counter()
            elif count and not queued and time.perf_counter() - last_change > 2:
                break
        else:
            raise RuntimeError(f"generation by the worker did not settle in 120 s ({count} rows)")
    return {
        "instances": count,
        "seconds": last_change - started,
        "polls": polls,
        "poll_ms": polling / polls * 1000 if polls else 0,
    }


def generation_and_sweep(state: dict, *, root: Path, env: dict) -> list[dict]:
    budget_generation, budget_sweep = ">= 50,000 instances/s", "< 2 s"
    name_generation = "generation: 100,000 active habits, 10,000 users, 24 timezones"
    name_sweep = "deadline sweep: 100,000 due instances"
    why = missing_apps("habits", "habit_instances")
    if why:
        return [
            unavailable_row("generation", name_generation, why, budget_generation),
            unavailable_row("sweep", name_sweep, why, budget_sweep),
        ]
    from django.conf import settings

    from demo.services import demo_habits_create, demo_users_create
    from habit_instances.models import HabitInstance
    from habit_instances.services import (
        habit_instances_announce_owed,
        habit_instances_generate_for_users,
        habit_instances_sweep,
        habit_instances_user_ids_with_active_habits,
    )

    now = timezone.now()
    users = demo_users_create(
        count=GENERATION_USERS, email_prefix="gen", password="bench-password", now=now, days=0
    )
    demo_habits_create(users=users, per_user=GENERATION_HABITS_PER_USER, days=0, now=now)
    user_ids = [user.pk for user in users]
    _habits_due_later_today(user_ids=user_ids, now=now)
    user_id_set = set(user_ids)
    size = settings.HABIT_GENERATION_CHUNK_SIZE

    # As deployed: the real habit_instances.generate_today sent to the broker, run by a real
    # worker (concurrency 2, as compose and `make run` start it), which fans out one chunk task
    # per HABIT_GENERATION_CHUNK_SIZE users to its two processes.
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM habit_instances_habitinstance")
        (before_id,) = cursor.fetchone()
    fanned = _generate_today_by_worker(root=root, env=env, after_id=before_id)
    fanned_rate = fanned["instances"] / fanned["seconds"] if fanned["seconds"] else 0

    # The same chunks one after another in this process, on the same habits (the worker's rows
    # deleted first), for comparison with the earlier runs; its rows feed the sweep below.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM habit_instances_habitinstance WHERE id > %s", [before_id])
        cursor.execute("VACUUM ANALYZE habit_instances_habitinstance")
    started = time.perf_counter()
    listed = [pk for pk in habit_instances_user_ids_with_active_habits() if pk in user_id_set]
    created = 0
    for start in range(0, len(listed), size):
        created += habit_instances_generate_for_users(
            user_ids=listed[start : start + size], now=now
        )
    elapsed = time.perf_counter() - started
    rate = created / elapsed if elapsed else 0
    generation = bench_row(
        "generation",
        name_generation,
        result=f"{fanned_rate:,.0f} instances/s ({fanned['instances']:,} in "
        f"{fanned['seconds']:.2f} s: generate_today fanned out to a Celery worker, concurrency "
        f"2, chunks of {size} users); one process, chunks one after another: {rate:,.0f}/s "
        f"({created:,} in {elapsed:.2f} s)",
        budget=budget_generation,
        met=fanned_rate >= 50_000 and fanned["instances"] >= created,
        instances=fanned["instances"],
        seconds=fanned["seconds"],
        per_second=fanned_rate,
        chunk_size=size,
        worker=fanned,
        one_process={"instances": created, "seconds": elapsed, "per_second": rate},
    )

    # Make every one of them due now, then time one sweep.
    sweep_now = timezone.now()
    due = HabitInstance.objects.filter(habit__user_id__in=user_ids).update(
        status="scheduled",
        scheduled_at=sweep_now - timedelta(minutes=1),
        grace_deadline=sweep_now + timedelta(minutes=29),
        fix_deadline=sweep_now + timedelta(minutes=149),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE habit_instances_habitinstance")
    started = time.perf_counter()
    moved = habit_instances_sweep(now=sweep_now)
    elapsed = time.perf_counter() - started
    reminded = habit_instances_announce_owed(now=sweep_now)
    all_written = time.perf_counter() - started
    sweep = bench_row(
        "sweep",
        name_sweep,
        result=f"{elapsed:.2f} s to move {moved.get('pending', 0):,} of {due:,} "
        f"(scheduled -> pending, their reminders owed in the same transaction); all "
        f"{reminded:,} reminders written {all_written:.2f} s after the sweep began",
        budget=budget_sweep,
        met=elapsed < 2 and moved.get("pending", 0) >= due and reminded >= due,
        seconds=elapsed,
        reminders_written_after=all_written,
        moved=moved,
    )
    return [generation, sweep]


# --- reminder latency -------------------------------------------------------------------------


def reminder_rate_label() -> str:
    from bench import reminder

    if reminder.RATE in ("", "0"):
        return "Telegram's 30/s send limit lifted: our pipeline alone"
    return f"send limit {reminder.RATE}/s"


def reminder_rows(*, root: Path, env: dict, bot_down: bool) -> list[dict]:
    """The real runbot against the fake Bot API (bench/reminder.py). The budget row: a burst of
    BENCH_REMINDERS (200) reminders made pending by one sweep while the bot is up; with it, the
    floor (one reminder per sweep, 20 times). The bot-down row, without a budget: the same burst
    committed while no bot runs, timed from the bot's start."""
    rate = reminder_rate_label()
    name = f"reminder latency: commit -> sendMessage at the fake Telegram server ({rate})"
    name_down = "reminder catch-up: written while the bot was down, from runbot start"
    budget = "p95 < 1 s"
    why = missing_apps("telegrambot", "notifications", "habit_instances")
    if why:
        return [
            unavailable_row("reminder", name, why, budget),
            unavailable_row("reminder_bot_down", name_down, why),
        ]
    from bench import reminder

    measured = reminder.measure(root=root, env=env, bot_down=bot_down)
    burst, single = measured["burst_result"], measured["single_ms"]
    latency = burst["latency_ms"]
    complete = burst["received"] == measured["burst"] and burst["duplicates"] == 0
    rows = [
        bench_row(
            "reminder",
            name,
            result=(
                f"{measured['burst']} at once: p50 {latency['p50']:.0f} ms, "
                f"p95 {latency['p95']:.0f} ms, max {latency['max']:.0f} ms "
                f"(first {burst['first_ms']:.0f} ms, then one per "
                f"{burst['per_message_ms']:.1f} ms); {burst['received']}/{measured['burst']} "
                f"received, {burst['duplicates']} duplicates; one at a time: "
                f"p50 {single['p50']:.0f} ms, p95 {single['p95']:.0f} ms"
            )
            if latency["p95"] is not None
            else f"0/{measured['burst']} received",
            budget=budget,
            met=complete and latency["p95"] < 1000,
            **{k: v for k, v in measured.items() if k != "down"},
        )
    ]
    if "down" in measured:
        down = measured["down"]
        since = down["from_start_ms"]
        rows.append(
            bench_row(
                "reminder_bot_down",
                name_down,
                result=(
                    f"{measured['burst']} pending: p50 {since['p50'] / 1000:.2f} s, "
                    f"p95 {since['p95'] / 1000:.2f} s, max {since['max'] / 1000:.2f} s after "
                    f"start (polling and subscribed at {down['ready_s']:.2f} s); "
                    f"{down['received']}/{measured['burst']} received, "
                    f"{down['duplicates']} duplicates"
                )
                if since["p50"] is not None
                else f"0/{measured['burst']} received",
                **down,
            )
        )
    return rows


def seeded_users_again(state: dict) -> dict:
    """BENCH_REUSE_DB: the previous run's seeded users (and today's instances, which the day may
    have moved past since). A row without a number: the seed was not measured."""
    from habit_instances.services.generation import habit_instances_generate_for_users
    from users.models import User

    state["http_users"] = list(
        User.objects.filter(email__startswith="http", email__endswith="@demo.example")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not state["http_users"]:
        return seed_scale(state)
    made = habit_instances_generate_for_users(user_ids=state["http_users"], now=timezone.now())
    return bench_row(
        "seed",
        SEED_NAME,
        result=f"not measured: BENCH_REUSE_DB kept {len(state['http_users'])} seeded users "
        f"({made} instances of today added)",
    )


def run_all(*, only: set[str], root: Path, env: dict, reuse: bool = False) -> list[dict]:
    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", HTTP_SECONDS_DEFAULT))
    port = int(os.environ.get("BENCH_PORT", "8300"))
    state: dict = {}
    rows: list[dict] = []

    def wanted(*keys):
        return not only or any(key in only for key in keys)

    steps = [
        (("seed", *http_rows.SEEDED_KEYS), seeded_users_again if reuse else seed_scale),
        (("generation", "sweep"), lambda state: generation_and_sweep(state, root=root, env=env)),
        (
            http_rows.ORDER,
            lambda state: http_rows.http_rows(
                state, root=root, env=env, seconds=seconds, port=port, wanted=wanted
            ),
        ),
        (
            ("reminder", "reminder_bot_down"),
            lambda state: reminder_rows(root=root, env=env, bot_down=wanted("reminder_bot_down")),
        ),
    ]
    for keys, step in steps:
        if not wanted(*keys):
            continue
        print(f"-- {', '.join(keys)}", flush=True)
        started = time.perf_counter()
        result = step(state)
        for row in result if isinstance(result, list) else [result]:
            if wanted(row["key"]):
                rows.append(row)
                print(
                    f"   {row['name']}: {row.get('result') or row.get('unavailable')}", flush=True
                )
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return rows
