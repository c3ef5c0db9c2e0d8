"""Reads on habits: owner-scoped lists, the public list, cached stats and the overview."""

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    Q,
    QuerySet,
    When,
)

from core.ownership import get_owned_or_404
from habit_instances.models import DONE_STATUSES, FINAL_STATUSES, HabitInstance, InstanceStatus
from habit_instances.schedule import local_moment
from habit_instances.services.generation import (
    generation_days,
    habit_instance_may_be_generated,
)
from habits.models import Habit
from habits.stats import compute_habit_stats
from habits.stats_cache import (
    habit_stats_cache_read,
    habit_stats_cache_set_many,
    habit_stats_render,
)
from users.timezones import local_today, zone_named

OVERVIEW_TOP = 3
BREAK_STATUSES = sorted(FINAL_STATUSES - DONE_STATUSES)


def habit_list_for_user(*, user) -> QuerySet[Habit]:
    return Habit.objects.filter(user=user).select_related("related_pleasant_habit")


def habit_get_for_user(*, user, habit_id) -> Habit:
    habit = get_owned_or_404(habit_list_for_user(user=user), user=user, pk=habit_id)
    # The query matched the owner to `user`: reading habit.user (the stats need its timezone)
    # then costs no query (it was one per warm stats request, ~1 ms of ~3.5 in-process).
    habit.user = user
    return habit


def habit_public_list() -> QuerySet[Habit]:
    return (
        Habit.objects.filter(is_public=True).select_related("user").order_by("-created_at", "-id")
    )


# An entry computed while the generation may still add a missing instance is never reused.
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def _generation_bound(
    *, habit: Habit, dates: set, zone: ZoneInfo, now: datetime
) -> datetime | None:
    """Until when the generation beat cannot add an instance to these rows (None: not before
    the local day, and so the entry, changes anyway)."""
    days = generation_days(zone=zone, now=now)
    for day in days:
        if day not in dates and habit_instance_may_be_generated(
            habit=habit, day=day, zone=zone, now=now
        ):
            return _NEVER
    today = min(days)
    if len(days) > 1:
        return None
    midnight = local_moment(day=today + timedelta(days=1), at=time(0, 0), zone=zone)
    return midnight - timedelta(minutes=settings.HABIT_GENERATION_LOOKAHEAD_MINUTES)


def _earliest(*moments):
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def _habit_stats_bodies(
    *, habits: list[Habit], now: datetime
) -> dict[int, tuple[bytes, dict | None]]:
    """Per habit the rendered JSON of its stats, with the stats dict when it was just computed
    (None when the bytes came from the cache): one Redis round trip, plus one query for the rows
    of every habit whose cache entry is missing or stale (habits.stats_cache says when)."""
    if not habits:
        return {}
    zone_name = habits[0].user.timezone
    zone = zone_named(zone_name)
    today = now.astimezone(zone).date()
    cached, written = habit_stats_cache_read(habit.pk for habit in habits)
    horizon = max(now, written) if written else now
    result: dict[int, tuple[bytes, dict | None]] = {
        habit_id: (entry["body"], None)
        for habit_id, entry in cached.items()
        if isinstance(entry.get("body"), bytes)  # an entry of the old format (a dict) is a miss
        and entry.get("as_of") == today.isoformat()
        and entry.get("zone") == zone_name
        and (entry.get("valid_until") is None or horizon < entry["valid_until"])
    }
    stale = [habit for habit in habits if habit.pk not in result]
    if stale:
        rows: dict[int, list] = {habit.pk: [] for habit in stale}
        sweep_bound: dict[int, datetime | None] = {habit.pk: None for habit in stale}
        # The moment the sweep may next change an open instance (see habits.stats_cache).
        next_sweep_at = Case(
            When(status=InstanceStatus.SCHEDULED, then=F("scheduled_at")),
            When(status=InstanceStatus.PENDING, then=F("fix_deadline")),
            default=None,
            output_field=DateTimeField(),
        )
        instances = (
            HabitInstance.objects.filter(habit__in=stale)
            .order_by("habit_id", "date")
            .values_list("habit_id", "date", "status", next_sweep_at)
        )
        for habit_id, day, status, sweep_at in instances:
            rows[habit_id].append((day, status))
            sweep_bound[habit_id] = _earliest(sweep_bound[habit_id], sweep_at)
        entries = {}
        for habit in stale:
            stats = compute_habit_stats(habit=habit, rows=rows[habit.pk], today=today)
            body = habit_stats_render(stats)
            dates = {day for day, _ in rows[habit.pk]}
            generation_bound = _generation_bound(habit=habit, dates=dates, zone=zone, now=now)
            entries[habit.pk] = {
                "as_of": today.isoformat(),
                "zone": zone_name,
                "valid_until": _earliest(sweep_bound[habit.pk], generation_bound),
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
    sends: the view answers a warm request without rendering (habits.stats_cache)."""
    return _habit_stats_bodies(habits=[habit], now=now)[habit.pk][0]


_STREAKS_SQL = """
SELECT i.habit_id, COUNT(*)
FROM {instance} i
LEFT JOIN (
    SELECT habit_id, MAX(date) AS last_break
    FROM {instance}
    WHERE habit_id IN ({ids}) AND status IN ({breaks})
    GROUP BY habit_id
) b ON b.habit_id = i.habit_id
WHERE i.habit_id IN ({ids}) AND i.status IN ({done})
  AND (b.last_break IS NULL OR i.date > b.last_break)
GROUP BY i.habit_id
"""


def habit_current_streaks(*, habit_ids) -> dict[int, int]:
    """The current streak of each habit in one query, without building its stats: the done
    instances dated after the habit's last missed / fix_expired one (open instances neither
    extend nor break a streak: habits.stats.streaks says the same over the whole history).
    The last break is computed once per habit (a derived table), not once per done row."""
    habit_ids = sorted(set(habit_ids))
    if not habit_ids:
        return {}
    done = sorted(DONE_STATUSES)

    def marks(values):
        return ", ".join(["%s"] * len(values))

    sql = _STREAKS_SQL.format(
        instance=connection.ops.quote_name(HabitInstance._meta.db_table),
        ids=marks(habit_ids),
        breaks=marks(BREAK_STATUSES),
        done=marks(done),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*habit_ids, *BREAK_STATUSES, *habit_ids, *done])
        found = dict(cursor.fetchall())
    return {habit_id: found.get(habit_id, 0) for habit_id in habit_ids}


def _completion_rates(*, user, today) -> dict[str, float]:
    """Done / final instances over the last 7 and 30 local days, counted by one aggregate."""
    spans = {"completion_rate_7d": 7, "completion_rate_30d": 30}
    aggregates = {}
    for key, days in spans.items():
        recent = Q(date__gte=today - timedelta(days=days - 1))
        aggregates[f"{key}_final"] = Count("pk", filter=recent & Q(status__in=FINAL_STATUSES))
        aggregates[f"{key}_done"] = Count("pk", filter=recent & Q(status__in=DONE_STATUSES))
    counts = HabitInstance.objects.filter(
        habit__user=user, date__gte=today - timedelta(days=max(spans.values()) - 1), date__lte=today
    ).aggregate(**aggregates)
    return {
        key: round(counts[f"{key}_done"] / final, 4) if (final := counts[f"{key}_final"]) else 0.0
        for key in spans
    }


def stats_overview_for_user(*, user, now: datetime) -> dict:
    """Across all my active habits: today's progress, recent completion rates, best streaks,
    strongest and weakest habits."""
    today = local_today(user=user, now=now)
    habits = list(Habit.objects.filter(user=user, is_active=True).select_related("user"))
    stats = habit_stats_get_many(habits=habits, now=now)
    today_statuses = list(
        HabitInstance.objects.filter(
            habit__user=user, habit__is_active=True, date=today
        ).values_list("status", flat=True)
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
            "total": len(today_statuses),
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


def habits_export_for_user(user) -> list[dict]:
    """The account export: every habit with its instances (two queries)."""
    habits = Habit.objects.filter(user=user).order_by("id").prefetch_related("instances")
    return [
        {
            "id": habit.pk,
            "name": habit.name,
            "description": habit.description,
            "action": habit.action,
            "place": habit.place,
            "time_of_day": habit.time_of_day.isoformat(),
            "is_pleasant": habit.is_pleasant,
            "reward_text": habit.reward_text,
            "related_pleasant_habit": habit.related_pleasant_habit_id,
            "periodicity_days": habit.periodicity_days,
            "repeat_limit": habit.repeat_limit,
            "grace_minutes": habit.grace_minutes,
            "fix_minutes": habit.fix_minutes,
            "is_public": habit.is_public,
            "is_active": habit.is_active,
            "start_date": habit.start_date.isoformat(),
            "formed_at": habit.formed_at.isoformat() if habit.formed_at else None,
            "created_at": habit.created_at.isoformat(),
            "instances": [
                {
                    "date": instance.date.isoformat(),
                    "status": instance.status,
                    "scheduled_at": instance.scheduled_at.isoformat(),
                    "grace_deadline": instance.grace_deadline.isoformat(),
                    "fix_deadline": instance.fix_deadline.isoformat(),
                    "completed_at": instance.completed_at.isoformat()
                    if instance.completed_at
                    else None,
                }
                for instance in sorted(habit.instances.all(), key=lambda i: i.date)
            ],
        }
        for habit in habits
    ]
