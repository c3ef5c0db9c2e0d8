"""The HTTP rows of `make bench`: gunicorn + wrk, each row next to a baseline measured with it.

The box is shared and its load moves absolute numbers by 2x from one run to the next, so every
wrk row runs interleaved with the baseline (`GET /api/bench/baseline/`, bench/urls.py: JWT check,
DRF, a constant) in short slices — baseline, row, row, baseline, baseline, row, … — and reports its
requests per second as a fraction of the baseline's in those same slices. The baseline row itself
sums all of its slices.
"""

import json
import os
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import httpx
from django.db import connection
from django.utils import timezone

from bench import community_rows, report_rows
from bench.rows import bench_row, latency_summary, missing_apps, unavailable_row

WORKERS = 2
SLICE_SECONDS = 2
WRK_CONNECTIONS = 4
BASELINE_KEY, BASELINE_PATH = "http_baseline", "/api/bench/baseline/"
SETTINGS_MODULE = "bench.settings"  # production's, with the baseline endpoint (bench/urls.py)
STATS_NAME = "stats {}: GET /api/habits/{{id}}/stats/, 3 years daily"


class Gunicorn:
    """gunicorn with 2 sync workers on 127.0.0.1:<port>, production settings and the baseline
    view mounted; stopped by pid."""

    def __init__(self, *, root: Path, env: dict, port: int):
        self.root, self.env, self.port = root, env, port
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(self.root) / ".venv" / "bin" / "gunicorn"),
                "atomic_habits_tracker.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=self.root,
            env={**self.env, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz within 30 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def _access_token(user_id: int) -> str:
    from rest_framework_simplejwt.tokens import AccessToken

    from users.models import User

    return str(AccessToken.for_user(User(pk=user_id)))


def _wrk(*, server: Gunicorn, lines: list[str], seconds: int, scratch: Path) -> dict:
    scratch.write_text("\n".join(lines) + "\n")
    threads = 1
    script = Path(__file__).resolve().parent / "wrk" / "replay.lua"
    load_before = _load()
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(script),
            server.base,
            "--",
            str(scratch),
            str(threads),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["load"] = [load_before, _load()]
    return result


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def merge_slices(slices: list[dict]) -> dict:
    """wrk results of several slices (or of merged ones) as one: requests, time and errors
    summed; each latency percentile the highest of the slices (wrk gives no histogram to merge,
    and the worst slice is the honest upper bound)."""
    requests = sum(part["requests"] for part in slices)
    duration_us = sum(part["duration_us"] for part in slices)
    errors = {name: sum(part["errors"][name] for part in slices) for name in slices[0]["errors"]}
    latency = {
        name: max(part["latency_us"][name] for part in slices)
        for name in ("p50", "p95", "p99", "max")
    }
    latency["mean"] = (
        sum(part["latency_us"]["mean"] * part["requests"] for part in slices) / requests
        if requests
        else 0.0
    )
    return {
        "requests": requests,
        "duration_us": duration_us,
        "errors": errors,
        "latency_us": latency,
        "rps": requests / (duration_us / 1e6) if duration_us else 0.0,
        "error_count": sum(errors.values()),
        "slices": sum(part.get("slices", 1) for part in slices),
        "load": [slices[0]["load"][0], slices[-1]["load"][1]],
    }


def slice_plan(seconds: int) -> list[int]:
    """The row's `seconds` cut into slices of about SLICE_SECONDS (at least one second each)."""
    count = max(1, round(seconds / SLICE_SECONDS))
    base, extra = divmod(max(seconds, count), count)
    return [base + (1 if number < extra else 0) for number in range(count)]


def interleaved(
    *,
    server: Gunicorn,
    lines: list[str],
    baseline: list[str],
    seconds: int,
    scratch: Path,
    consumes: bool = False,
) -> tuple[dict, dict]:
    """(row, baseline): the two measured alternately, slice by slice, each for `seconds` in all.
    The order flips every slice (B R, R B, …) so neither always follows the other. A row whose
    requests `consumes` its lines (each POST completes one instance) skips the lines a slice may
    have sent: the answered ones and one in flight per connection."""
    row_parts, baseline_parts, used = [], [], 0
    for number, length in enumerate(slice_plan(seconds)):
        order = ["baseline", "row"] if number % 2 == 0 else ["row", "baseline"]
        for side in order:
            if side == "baseline":
                baseline_parts.append(
                    _wrk(server=server, lines=baseline, seconds=length, scratch=scratch)
                )
                continue
            if not lines[used:]:
                raise RuntimeError("the row ran out of lines to send")
            part = _wrk(server=server, lines=lines[used:], seconds=length, scratch=scratch)
            if consumes:
                used += part["requests"] + WRK_CONNECTIONS
            row_parts.append(part)
    return merge_slices(row_parts), merge_slices(baseline_parts)


def _http_text(result: dict) -> str:
    latency = {name: value / 1000 for name, value in result["latency_us"].items()}
    load = result["load"]
    return (
        f"{result['rps']:,.0f} req/s; p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms, "
        f"p99 {latency['p99']:.1f} ms; {result['error_count']} errors "
        f"({result['requests']:,} requests; load {load[0]:.1f} -> {load[1]:.1f})"
    )


def http_row(
    key: str, name: str, result: dict, *, baseline: dict | None, target: dict | None = None
) -> dict:
    """One wrk row. `target`: any of the least `ratio` of the baseline's req/s, the least `rps`,
    the highest `p99_ms` and `errors` allowed."""
    latency = {name: value / 1000 for name, value in result["latency_us"].items()}
    ratio = result["rps"] / baseline["rps"] if baseline and baseline["rps"] else None
    budget, met = "", None
    if target:
        parts, met = [], True
        if "ratio" in target:
            parts.append(f">= {target['ratio']} x baseline")
            met = ratio is not None and ratio >= target["ratio"]
        if "rps" in target:  # an absolute floor, besides or instead of the share of the baseline
            parts.append(f">= {target['rps']} req/s")
            met = met and result["rps"] >= target["rps"]
        if "p99_ms" in target:
            parts.append(f"p99 < {target['p99_ms']} ms")
            met = met and latency["p99"] < target["p99_ms"]
        if "errors" in target:
            parts.append(f"{target['errors']} errors")
            met = met and result["error_count"] <= target["errors"]
        budget = ", ".join(parts)
    return bench_row(
        key,
        name,
        result=_http_text(result),
        budget=budget,
        met=met,
        ratio=ratio,
        rps=result["rps"],
        latency_ms=latency,
        errors=result["errors"],
        requests=result["requests"],
        load=result["load"],
        baseline_rps=baseline["rps"] if baseline else None,
    )


def _complete_targets(user_ids: list[int], *, days: int) -> list[tuple[int, int]]:
    """Open instances the POST rows complete, one request each: the HTTP users' habits on the
    next `days` local days (completing early is allowed), scheduled like the generation does.
    The seed writes a year of history without living through it, so a habit whose history
    reached its repeat_limit is marked formed first, as the completion that reached it would have
    done: otherwise nearly every request of the row would be that habit's forming completion
    (with its notification), which happens once per habit in its life."""
    from habit_instances.models import HabitInstance

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE habits_habit h SET formed_at = %(now)s
            WHERE h.user_id = ANY(%(ids)s) AND h.formed_at IS NULL AND h.repeat_limit <= (
                SELECT COUNT(*) FROM habit_instances_habitinstance i
                WHERE i.habit_id = h.id AND i.status IN ('completed', 'completed_late'))
            """,
            {"now": now, "ids": user_ids},
        )
        cursor.execute(
            """
            INSERT INTO habit_instances_habitinstance (habit_id, date, status, scheduled_at,
                grace_deadline, fix_deadline, created_at, updated_at)
            SELECT h.id, d.day, 'scheduled', s.at,
                   s.at + make_interval(mins => h.grace_minutes),
                   s.at + make_interval(mins => h.grace_minutes + h.fix_minutes), %(now)s, %(now)s
            FROM habits_habit h JOIN users_user u ON u.id = h.user_id,
                 LATERAL (SELECT (%(now)s AT TIME ZONE u.timezone)::date + k AS day
                          FROM generate_series(1, %(days)s) k) d,
                 LATERAL (SELECT (d.day + h.time_of_day) AT TIME ZONE u.timezone AS at) s
            WHERE u.id = ANY(%(ids)s) AND h.is_active
            ON CONFLICT DO NOTHING
            """,
            {"now": now, "ids": user_ids, "days": days},
        )
    return list(
        HabitInstance.objects.filter(
            habit__user_id__in=user_ids, status__in=["scheduled", "pending"], fix_deadline__gt=now
        )
        .order_by("id")
        .values_list("habit__user_id", "id")
    )


def _stats_habit():
    """One user with one daily habit and 3 years (1,095 rows) of history; made once per bench
    database (BENCH_REUSE_DB finds it again)."""
    from demo.services import demo_history_create, demo_users_create
    from habit_instances.models import HabitInstance
    from habit_instances.services.generation import habit_instances_generate_for_users
    from habits.models import Habit

    now = timezone.now()
    habit = Habit.objects.filter(user__email="stats@demo.example").select_related("user").first()
    if habit is not None:
        habit_instances_generate_for_users(user_ids=[habit.user_id], now=now)
        return habit, HabitInstance.objects.filter(habit=habit).count()
    (user,) = demo_users_create(
        count=1, email_prefix="stats", password="bench-password", now=now, days=3 * 365
    )
    habit = Habit.objects.create(
        user=user,
        name="Read",
        action="read 10 pages",
        place="armchair",
        time_of_day="07:30",
        reward_text="tea",
        start_date=now.date() - timedelta(days=3 * 365),
    )
    history = demo_history_create(habits=[habit], now=now)
    # Today's instance, as the beat makes it: without it the stats entry is never fresh while
    # today's window is open (habit_instances/stats/freshness.py), and "warm" would be cold.
    history += habit_instances_generate_for_users(user_ids=[user.pk], now=now)
    return Habit.objects.select_related("user").get(pk=habit.pk), history


def _sweep_as_the_beat_would(now) -> None:
    """Once an instance is due (the stats habit's at 07:30 in its user's zone) only the sweep
    moves it on; with no beat in the bench it would stay behind its deadline, and neither a stats
    entry nor a kept list is fresh past an open instance's next deadline (freshness.py,
    habits/kept.py): warm rows would be measured cold, as stats warm was at 08:50 UTC on
    2026-12-02 (208 req/s). The sweep row may have run already: then little is left to move."""
    from habit_instances.services.sweeps import habit_instances_sweep

    habit_instances_sweep(now=now)


def _stats_cold_row(server: Gunicorn, habit, history: int) -> dict:
    """Cold: the Redis entry deleted before each of 30 requests, over HTTP (what a client waits
    for) and in-process (the selector alone, without HTTP, auth and JSON). Serial requests: a
    latency, not a throughput."""
    from django.core.cache import cache

    from habit_instances.stats.cache import habit_stats_key
    from habit_instances.stats.selectors import habit_stats_get

    url = f"{server.base}/api/habits/{habit.pk}/stats/"
    headers = {"Authorization": f"Bearer {_access_token(habit.user_id)}"}
    key = habit_stats_key(habit.pk)
    http, selector = [], []
    with httpx.Client(headers=headers, timeout=10) as client:
        client.get(url).raise_for_status()  # both workers' connections and imports warmed
        client.get(url).raise_for_status()
        for _ in range(30):
            cache.delete(key)
            started = time.perf_counter()
            client.get(url).raise_for_status()
            http.append((time.perf_counter() - started) * 1000)
    for _ in range(30):
        cache.delete(key)
        started = time.perf_counter()
        habit_stats_get(habit=habit, now=timezone.now())
        selector.append((time.perf_counter() - started) * 1000)
    http_summary, selector_summary = latency_summary(http), latency_summary(selector)
    return bench_row(
        "stats_cold",
        f"{STATS_NAME.format('cold')} ({history} rows)",
        result=f"p50 {http_summary['p50']:.1f} ms, p95 {http_summary['p95']:.1f} ms "
        f"over HTTP; selector alone p50 {selector_summary['p50']:.2f} ms",
        budget="< 15 ms",
        met=http_summary["p50"] < 15,
        http_ms=http_summary,
        selector_ms=selector_summary,
    )


def _last_week_path() -> str:
    """The web app's Last days list: a week of local dates ending today (UTC's; the seeded
    users' zones are a day either side, and their history fills the week either way)."""
    today = timezone.now().date()
    return f"/api/instances/?date_from={today - timedelta(days=6)}&date_to={today}"


WALLET_ENTRIES = 200  # per seeded user: ten full pages of ledger behind the first


def _seed_ledgers(user_ids: list[int]) -> None:
    """Each user a ledger of WALLET_ENTRIES bonuses and the wallet that sums it (idempotent:
    users who have a wallet keep it). Written as rows: the row measures the read."""
    from rewards.models import CoinEntry, Wallet

    now = timezone.now()
    have = set(Wallet.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    fresh = [user_id for user_id in user_ids if user_id not in have]
    CoinEntry.objects.bulk_create(
        CoinEntry(
            user_id=user_id,
            amount=5,
            kind=CoinEntry.Kind.ACHIEVEMENT_BONUS,
            reference_id=-(user_id * WALLET_ENTRIES + n),  # never a real user-achievement id
            balance_after=5 * (n + 1),
            note="bench",
            created_at=now - timedelta(minutes=WALLET_ENTRIES - n),
        )
        for user_id in fresh
        for n in range(WALLET_ENTRIES)
    )
    Wallet.objects.bulk_create(
        Wallet(user_id=user_id, balance=5 * WALLET_ENTRIES, updated_at=now) for user_id in fresh
    )


ACHIEVEMENTS_EARNED = 8  # per seeded user: a third of the catalogue earned, the rest with progress


def _seed_achievements(user_ids: list[int]) -> None:
    """Each user ACHIEVEMENTS_EARNED earned achievements and their measures (idempotent: users
    with measures keep theirs), then the shares cached as the beat task would: the row measures
    the read, which never computes them."""
    from achievements.catalogue import CATALOGUE
    from achievements.models import Achievement, AchievementProgress, UserAchievement
    from achievements.services import achievements_percentages_refresh, achievements_sync

    achievements_sync()
    now = timezone.now()
    have = set(
        AchievementProgress.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    fresh = [user_id for user_id in user_ids if user_id not in have]
    earned = Achievement.objects.filter(
        code__in=[d.code for d in CATALOGUE[:ACHIEVEMENTS_EARNED]]
    ).values_list("pk", flat=True)
    UserAchievement.objects.bulk_create(
        (
            UserAchievement(user_id=user_id, achievement_id=pk, earned_at=now, seen_at=now)
            for user_id in fresh
            for pk in earned
        ),
        ignore_conflicts=True,
    )
    measures = {d.measure: d.target // 2 for d in CATALOGUE}
    AchievementProgress.objects.bulk_create(
        AchievementProgress(user_id=user_id, measures=measures, updated_at=now) for user_id in fresh
    )
    achievements_percentages_refresh()


JOURNAL_ENTRIES = 365  # per seeded user: a year of daily entries, two tags each


def _seed_journals(user_ids: list[int]) -> None:
    """Each user a year of journal entries with two tags each (idempotent: users who have a
    journal keep it). Written as rows: the row measures the read."""
    from journal.models import JournalEntry, JournalTag

    fresh = set(user_ids) - set(
        JournalEntry.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    if not fresh:
        return
    now = timezone.now()
    today = now.date()
    tags = JournalTag.objects.bulk_create(
        JournalTag(user_id=user_id, name=name) for user_id in fresh for name in ("walk", "work")
    )
    entries = JournalEntry.objects.bulk_create(
        JournalEntry(
            user_id=user_id,
            date=today - timedelta(days=day),
            time=now.time().replace(microsecond=0),
            mood=1 + day % 5,
            note="A *short* note about the day.",
            created_at=now,
            updated_at=now,
        )
        for user_id in fresh
        for day in range(JOURNAL_ENTRIES)
    )
    tags_of = {}
    for tag in tags:
        tags_of.setdefault(tag.user_id, []).append(tag.pk)
    through = JournalEntry.tags.through
    through.objects.bulk_create(
        through(journalentry_id=entry.pk, journaltag_id=tag_id)
        for entry in entries
        for tag_id in tags_of[entry.user_id]
    )


# key: name, the GET path (a function: made at run time; None: built by the row), and the
# target as a share of the baseline.
WRK_ROWS = {
    "http_me": ("HTTP GET /api/auth/me/ (JWT + one query)", "/api/auth/me/", None),
    "http_today": (
        "HTTP GET /api/instances/today/",
        "/api/instances/today/",
        {"ratio": 0.8, "p99_ms": 50, "errors": 0},
    ),
    # The same list read from the database on every request (a page asked for is never kept):
    # what a request after a change, a deadline or a new day costs.
    "http_today_read": (
        "HTTP GET /api/instances/today/?page=1 (not kept: read every time)",
        "/api/instances/today/?page=1",
        None,
    ),
    "http_habits": ("HTTP GET /api/habits/", "/api/habits/", {"ratio": 0.8}),
    "http_range": (
        "HTTP GET /api/instances/ (the last 7 days, all habits)",
        _last_week_path,
        {"ratio": 0.8},
    ),
    "http_complete": ("HTTP POST /api/instances/{id}/complete/", None, {"ratio": 0.5}),
    "stats_warm": (f"{STATS_NAME.format('warm')} (1095 rows), over wrk", None, {"ratio": 0.8}),
    "http_wallet": (
        f"HTTP GET /api/wallet/ (balance + first page of {WALLET_ENTRIES} ledger entries)",
        None,
        {"ratio": 0.8},
    ),
    "http_achievements": (
        f"HTTP GET /api/achievements/ (the whole catalogue, {ACHIEVEMENTS_EARNED} earned, "
        "shares from the cache)",
        None,
        {"ratio": 0.8},
    ),
    "http_journal": (
        f"HTTP GET /api/journal/entries/ (first page of {JOURNAL_ENTRIES} entries, tags, "
        "notes rendered)",
        None,
        {"ratio": 0.5},
    ),
    community_rows.FEED_KEY: (
        community_rows.FEED_NAME,
        "/api/community/feed/",
        # issue 14's budget for a warm first page on 2 workers; the ratio is printed as for all
        {"rps": 500, "errors": 0},
    ),
    report_rows.REPORT_KEY: (
        report_rows.REPORT_NAME,
        report_rows.report_path,
        report_rows.REPORT_TARGET,
    ),
}
ORDER = (BASELINE_KEY, *WRK_ROWS, "stats_cold")
# The rows that replay the seeded users' requests: run_all seeds when one of them is wanted.
SEEDED_KEYS = (BASELINE_KEY, *(key for key in WRK_ROWS if key != "stats_warm"))


def _lines(key: str, *, path, tokens: dict, seconds: int, stats_habit) -> list[str]:
    if callable(path):
        path = path()
    if path:
        return [f"GET {path} {token}" for token in tokens.values()]
    if key == "http_wallet":
        _seed_ledgers(list(tokens))
        return [f"GET /api/wallet/ {token}" for token in tokens.values()]
    if key == "http_achievements":
        _seed_achievements(list(tokens))
        return [f"GET /api/achievements/?page_size=100 {token}" for token in tokens.values()]
    if key == "http_journal":
        _seed_journals(list(tokens))
        return [f"GET /api/journal/entries/ {token}" for token in tokens.values()]
    if key == "stats_warm":
        habit, _ = stats_habit
        return [f"GET /api/habits/{habit.pk}/stats/ {_access_token(habit.user_id)}"]
    # Enough open instances that no request completes the same one twice in `seconds`.
    targets = _complete_targets(list(tokens), days=max(4, seconds // 10))
    return [
        f"POST /api/instances/{instance_id}/complete/ {tokens[user_id]}"
        for user_id, instance_id in targets
    ]


def http_rows(state: dict, *, root: Path, env: dict, seconds: int, port: int, wanted) -> list:
    """The wrk rows replay requests of the seeded users (run_all runs the seed whenever one of
    them is wanted), each interleaved with the baseline; the stats rows make their own habit."""
    habits_missing = missing_apps("habits", "habit_instances")
    no_wrk = None if shutil.which("wrk") else "wrk is not installed"
    why = {key: (habits_missing if key != "http_me" else None) or no_wrk for key in WRK_ROWS}
    rows = {
        key: unavailable_row(key, WRK_ROWS[key][0], why[key])
        for key in WRK_ROWS
        if wanted(key) and why[key]
    }
    wrk_keys = [key for key in WRK_ROWS if wanted(key) and not why[key]]
    cold = wanted("stats_cold")
    if cold and habits_missing:
        rows["stats_cold"] = unavailable_row(
            "stats_cold", STATS_NAME.format("cold"), habits_missing
        )
        cold = False
    if not (wrk_keys or cold):
        return list(rows.values())
    tokens = {user_id: _access_token(user_id) for user_id in state.get("http_users", [])}
    stats_habit = _stats_habit() if cold or "stats_warm" in wrk_keys else None
    _sweep_as_the_beat_would(timezone.now())  # once, after the stats habit's generation
    if community_rows.FEED_KEY in wrk_keys:
        community_rows.seed_posts(state.get("http_users", []))
    baseline_lines = [f"GET {BASELINE_PATH} {token}" for token in tokens.values()] or [
        f"GET {BASELINE_PATH} {_access_token(stats_habit[0].user_id)}"
    ]
    scratch = Path(env.get("TMPDIR", "/tmp")) / f"aht-bench-{port}.txt"
    baseline_slices = []
    with Gunicorn(root=root, env=env, port=port) as server:
        _wrk(server=server, lines=baseline_lines, seconds=1, scratch=scratch)  # warm both workers
        for key in wrk_keys:
            name, path, target = WRK_ROWS[key]
            lines = _lines(key, path=path, tokens=tokens, seconds=seconds, stats_habit=stats_habit)
            row, baseline = interleaved(
                server=server,
                lines=lines,
                baseline=baseline_lines,
                seconds=seconds,
                scratch=scratch,
                consumes=key == "http_complete",
            )
            baseline_slices.append(baseline)
            rows[key] = http_row(key, name, row, baseline=baseline, target=target)
            print(
                f"   {name}: {rows[key]['result']}; {rows[key]['ratio']:.2f} x baseline "
                f"({baseline['rps']:,.0f} req/s)",
                flush=True,
            )
        if cold:
            rows["stats_cold"] = _stats_cold_row(server, *stats_habit)
    scratch.unlink(missing_ok=True)
    if baseline_slices:
        total = merge_slices(baseline_slices)
        rows[BASELINE_KEY] = http_row(
            BASELINE_KEY,
            f"HTTP GET {BASELINE_PATH} (baseline: JWT check + a constant; all its slices)",
            total,
            baseline=total,
        )
    return sorted(rows.values(), key=lambda row: ORDER.index(row["key"]))
