"""Reads of per-habit stats (cached in Redis) and the overview across a user's habits."""

import json
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Q

from habit_instances import sql
from habit_instances.models import (
    DONE_STATUSES,
    EXCUSED_STATUSES,
    RATED_STATUSES,
    HabitInstance,
)
from habit_instances.schedule import week_start
from habit_instances.selectors import habit_instances_today_for_user
from habit_instances.stats import freshness
from habit_instances.stats.cache import (
    habit_stats_cache_read,
    habit_stats_cache_set_many,
    habit_stats_key,
    habit_stats_owner_key,
    habit_stats_owner_set,
    habit_stats_render,
)
from habit_instances.stats.compute import compute_habit_stats
from habits.data_version import BULK_WRITTEN_KEY, habit_data_version, habit_data_version_key
from habits.kept import is_fresh, stamp
from habits.models import Habit
from habits.selectors import habit_get_for_user_without_relations
from users.timezones import local_today, zone_named

__all__ = [
    "habit_current_streaks",
    "habit_current_streak_on",
    "habit_stats_get",
    "habit_stats_get_many",
    "habit_stats_json_for_user",
    "habit_stats_json_get",
    "habit_stats_keys_for_user",
    "stats_overview_for_user",
]

OVERVIEW_TOP = 3


def _habit_stats_bodies(
    *, habits: list[Habit], now: datetime
) -> dict[int, tuple[bytes, dict | None]]:
    """Per habit the rendered JSON of its stats, with the stats dict when it was just computed
    (None when the bytes came from the cache): one Redis round trip, plus one query for the rows
    of every habit whose entry is missing or stale (stats/freshness.py says when)."""
    if not habits:
        return {}
    zone_name = habits[0].user.timezone
    zone = zone_named(zone_name)
    today = now.astimezone(zone).date()
    cached, written = habit_stats_cache_read(habit.pk for habit in habits)
    result: dict[int, tuple[bytes, dict | None]] = {
        habit_id: (entry["body"], None)
        for habit_id, entry in cached.items()
        if is_fresh(entry, today=today, zone_name=zone_name, now=now, written=written)
    }
    stale = [habit for habit in habits if habit.pk not in result]
    if not stale:
        return result
    rows: dict[int, list] = {habit.pk: [] for habit in stale}
    sweep_at: dict[int, datetime | None] = {habit.pk: None for habit in stale}
    recorded_late: dict[int, set] = {habit.pk: set() for habit in stale}
    instances = (
        HabitInstance.objects.filter(habit__in=stale)
        .order_by("habit_id", "date")
        .values_list("habit_id", "date", "status", "recorded_late", freshness.next_sweep_at())
    )
    for habit_id, day, status, late, row_sweep_at in instances:
        rows[habit_id].append((day, status))
        if late:
            recorded_late[habit_id].add(day)
        sweep_at[habit_id] = freshness.earliest_sweep(sweep_at[habit_id], row_sweep_at)
    entries = {}
    for habit in stale:
        stats = compute_habit_stats(
            habit=habit,
            rows=rows[habit.pk],
            today=today,
            recorded_late_days=recorded_late[habit.pk],
        )
        body = habit_stats_render(stats)
        until = freshness.valid_until(
            habit=habit,
            dates={day for day, _ in rows[habit.pk]},
            done_dates=[day for day, status in rows[habit.pk] if status in DONE_STATUSES],
            sweep_at=sweep_at[habit.pk],
            zone=zone,
            now=now,
        )
        entries[habit.pk] = {
            **stamp(today=today, zone_name=zone_name, valid_until=until),
            "body": body,
        }
        result[habit.pk] = (body, stats)
    habit_stats_cache_set_many(entries)
    return result


def habit_stats_get_many(*, habits: list[Habit], now: datetime) -> dict[int, dict]:
    """Stats of several habits of one user (cached in Redis as their rendered JSON)."""
    return {
        habit_id: stats if stats is not None else json.loads(body)
        for habit_id, (body, stats) in _habit_stats_bodies(habits=habits, now=now).items()
    }


def habit_stats_get(*, habit: Habit, now: datetime) -> dict:
    """The stats of one habit, as /api/habits/{id}/stats/ answers them (cached in Redis)."""
    return habit_stats_get_many(habits=[habit], now=now)[habit.pk]


def habit_stats_json_get(*, habit: Habit, now: datetime) -> bytes:
    """The same stats already rendered, byte for byte what `Response(habit_stats_get(...))`
    sends: the view answers a warm request without rendering (stats/cache.py)."""
    return _habit_stats_bodies(habits=[habit], now=now)[habit.pk][0]


def habit_stats_keys_for_user(*, user_id: int, habit_id: int) -> list[str]:
    """What a warm read of one habit's stats needs, in one round trip: the entry, who it was
    last found to belong to, the user's data version, the bulk writers' mark."""
    return [
        habit_stats_key(habit_id),
        habit_stats_owner_key(habit_id),
        habit_data_version_key(user_id),
        BULK_WRITTEN_KEY,
    ]


def habit_stats_json_for_user(*, user, habit_id: int, now: datetime, found: dict | None) -> bytes:
    """/api/habits/{id}/stats/: the rendered stats of `user`'s habit, a 404 for anyone else's or
    a missing one. Warm, with no query: the entry is fresh and the habit was found to be the
    user's at the user's current data version (stats/cache.py, habit_stats_owner_key). Else the
    database says whose the habit is, first. `found`: habit_stats_keys_for_user already read
    (with the token check, users.authentication), or None."""
    stats_key, owner_key, version_key, _ = keys = habit_stats_keys_for_user(
        user_id=user.pk, habit_id=habit_id
    )
    if found is None:
        found = cache.get_many(keys)
    version = habit_data_version(user_id=user.pk, found=found.get(version_key))
    owner, entry = found.get(owner_key), found.get(stats_key)
    if owner == (user.pk, version) and isinstance(entry, dict):
        today = now.astimezone(zone_named(user.timezone)).date()
        written = found.get(BULK_WRITTEN_KEY)
        if is_fresh(entry, today=today, zone_name=user.timezone, now=now, written=written):
            return entry["body"]
    # The version was read before this: a delete after it sets a new one, never this one.
    habit = habit_get_for_user_without_relations(user=user, habit_id=habit_id)
    body = habit_stats_json_get(habit=habit, now=now)
    if owner != (user.pk, version):
        habit_stats_owner_set(habit_id=habit_id, user_id=user.pk, version=version)
    return body


def habit_current_streaks(*, user, habit_ids, now: datetime) -> dict[int, int]:
    """The current streak of each of these habits of `user` in one query, without building its
    stats (the instance lists show only this). The same rule as `compute.habit_streaks` over the
    whole history, in SQL because a page of instances must not load every habit's history
    (habit_instances.sql)."""
    habit_ids = sorted(set(habit_ids))
    if not habit_ids:
        return {}
    this_week = week_start(local_today(user=user, now=now))
    found = sql.current_streaks(habit_ids=habit_ids, this_week=this_week)
    return {habit_id: found.get(habit_id, 0) for habit_id in habit_ids}


def habit_current_streak_on(*, habit_id: int, day: date) -> int:
    """One habit's current streak as of the week of its local `day` (one query, no user row):
    for a subscriber to a mark that knows the instance's day but not the owner's clock (the
    coins of a completion, rewards.rules)."""
    return sql.current_streaks(habit_ids=[habit_id], this_week=week_start(day)).get(habit_id, 0)


def _completion_rates(*, user, today) -> dict[str, float]:
    """Done / final instances over the last 7 and 30 local days, counted by one aggregate
    (excused days are not due: out of both)."""
    spans = {"completion_rate_7d": 7, "completion_rate_30d": 30}
    aggregates = {}
    for key, days in spans.items():
        recent = Q(date__gte=today - timedelta(days=days - 1))
        aggregates[f"{key}_final"] = Count("pk", filter=recent & Q(status__in=RATED_STATUSES))
        aggregates[f"{key}_done"] = Count("pk", filter=recent & Q(status__in=DONE_STATUSES))
    counts = HabitInstance.objects.filter(
        habit__user=user, date__gte=today - timedelta(days=max(spans.values()) - 1), date__lte=today
    ).aggregate(**aggregates)
    return {
        key: round(counts[f"{key}_done"] / final, 4) if (final := counts[f"{key}_final"]) else 0.0
        for key in spans
    }


def stats_overview_for_user(*, user, now: datetime) -> dict:
    """Across all my active, unarchived habits: today's progress, recent completion rates, best
    streaks, strongest and weakest habits."""
    today = local_today(user=user, now=now)
    habits = list(
        Habit.objects.filter(user=user, is_active=True, is_archived=False).select_related("user")
    )
    stats = habit_stats_get_many(habits=habits, now=now)
    # Today's list is what /instances/today/ and the reminders show: the selector says which.
    today_statuses = list(
        habit_instances_today_for_user(user=user, now=now)
        .order_by()
        .values_list("status", flat=True)
    )
    by_score = sorted(habits, key=lambda h: (-stats[h.pk]["strength"]["score"], h.pk))
    by_streak = sorted(habits, key=lambda h: (-stats[h.pk]["current_streak"], h.pk))

    def scored(habit):
        return {
            "habit_id": habit.pk,
            "name": habit.name,
            "score": stats[habit.pk]["strength"]["score"],
        }

    return {
        "today": {
            "done": sum(1 for status in today_statuses if status in DONE_STATUSES),
            # an excused instance is not due: out of the day's total
            "total": sum(1 for status in today_statuses if status not in EXCUSED_STATUSES),
        },
        **_completion_rates(user=user, today=today),
        "best_streaks": [
            {"habit_id": h.pk, "name": h.name, "current_streak": stats[h.pk]["current_streak"]}
            for h in by_streak[:OVERVIEW_TOP]
            if stats[h.pk]["current_streak"] > 0
        ],
        "strongest": [scored(h) for h in by_score[:OVERVIEW_TOP]],
        "weakest": [scored(h) for h in reversed(by_score[-OVERVIEW_TOP:])],
    }
