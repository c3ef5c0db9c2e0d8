"""Creating the due instances: by the beat for many users, and at once when a habit changes.

An instance is created only while its fix deadline is still ahead: a window that closed before
anyone could act on it (the habit did not exist yet, or the servers were down) records nothing,
instead of an instant `fix_expired` that would break a streak nobody could have kept.
"""

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from habit_instances.models import OPEN_STATUSES, HabitInstance, InstanceStatus
from habit_instances.schedule import deadlines_for, local_moment
from habits.models import Habit
from habits.stats_cache import habit_stats_bulk_written, habit_stats_invalidate
from users.timezones import local_today, user_zone, zone_named


def habit_instance_may_be_generated(*, habit: Habit, day: date, zone: ZoneInfo, now: datetime):
    """Whether generation at `now` would create the habit's instance for `day` if it is missing
    (the stats cache relies on this rule too)."""
    return (
        habit.is_active
        and habit.is_due_on(day)
        and deadlines_for(habit=habit, day=day, zone=zone).fix_deadline > now
    )


def _new_instance(*, habit: Habit, day: date, now: datetime) -> HabitInstance | None:
    zone = user_zone(habit.user)
    if not habit_instance_may_be_generated(habit=habit, day=day, zone=zone, now=now):
        return None
    deadlines = deadlines_for(habit=habit, day=day, zone=zone)
    return HabitInstance(
        habit=habit,
        date=day,
        scheduled_at=deadlines.scheduled_at,
        grace_deadline=deadlines.grace_deadline,
        fix_deadline=deadlines.fix_deadline,
    )


def _insert_missing(candidates: list[HabitInstance]) -> int:
    """bulk_create against the (habit, date) unique constraint: safe to run twice or at once."""
    if not candidates:
        return 0
    existing = set(
        HabitInstance.objects.filter(
            habit_id__in={c.habit_id for c in candidates}, date__in={c.date for c in candidates}
        ).values_list("habit_id", "date")
    )
    missing = [c for c in candidates if (c.habit_id, c.date) not in existing]
    HabitInstance.objects.bulk_create(missing, ignore_conflicts=True)
    habit_stats_invalidate(habit_ids=[c.habit_id for c in missing])
    return len(missing)


def generation_days(*, zone: ZoneInfo, now: datetime) -> set[date]:
    """The zone's local today, plus tomorrow shortly before midnight: a habit at 00:00 then has
    its instance before its time comes, not up to one beat interval later."""
    lookahead = timedelta(minutes=settings.HABIT_GENERATION_LOOKAHEAD_MINUTES)
    return {now.astimezone(zone).date(), (now + lookahead).astimezone(zone).date()}


@transaction.atomic
def habit_instances_generate_for_user(*, user, local_date: date, now: datetime) -> int:
    """Creates the user's instances due on `local_date`; answers how many were new."""
    habits = Habit.objects.filter(user=user, is_active=True).select_related("user")
    candidates = [_new_instance(habit=habit, day=local_date, now=now) for habit in habits]
    return _insert_missing([c for c in candidates if c is not None])


# One statement per chunk. The DST-exact scheduled_at of every (zone, local day, time of day) in
# the chunk comes from Python (`local_moment`: PostgreSQL's AT TIME ZONE resolves an ambiguous
# autumn time to its second occurrence, our rule is the first); the server joins each habit to
# its slot, checks the periodicity and the fix deadline, and inserts against the (habit, date)
# unique constraint. The slots travel as one JSON document (psycopg dumps big arrays slowly).
# The chunk's users come in as an unnested array joined to the habits (an index lookup per user):
# `user_id = ANY(%s)` with a bound array is a linear search per habit row of the whole table.
_GENERATE_SQL = """
WITH slot AS (
    SELECT * FROM json_to_recordset(%(slots)s::json)
        AS s (timezone text, day date, time_of_day time, scheduled_at timestamptz)
)
INSERT INTO {instance} (habit_id, date, status, scheduled_at, grace_deadline, fix_deadline,
                            created_at, updated_at)
    SELECT h.id, s.day, %(status)s, s.scheduled_at,
           s.scheduled_at + make_interval(mins => h.grace_minutes),
           s.scheduled_at + make_interval(mins => h.grace_minutes + h.fix_minutes),
           %(now)s, %(now)s
    FROM (
        -- the chunk's active habits first (OFFSET 0 keeps the planner from joining every user
        -- of a zone to every slot of that zone before it looks at the habits), each user's
        -- through the index (LATERAL), never a scan of the whole habit table per chunk
        SELECT h.*, u.timezone
        FROM unnest(%(user_ids)s::bigint[]) AS chunk (user_id)
        JOIN {user} u ON u.id = chunk.user_id
        CROSS JOIN LATERAL (
            SELECT * FROM {habit} h WHERE h.user_id = u.id AND h.is_active OFFSET 0
        ) h
        OFFSET 0
    ) h
    JOIN slot s ON s.timezone = h.timezone AND s.time_of_day = h.time_of_day
    WHERE s.day >= h.start_date AND (s.day - h.start_date) %% h.periodicity_days = 0
      AND s.scheduled_at + make_interval(mins => h.grace_minutes + h.fix_minutes) > %(now)s
    ORDER BY h.id, s.day
    ON CONFLICT DO NOTHING
"""

_SLOTS_SQL = """
SELECT DISTINCT u.timezone, h.time_of_day
FROM unnest(%(user_ids)s::bigint[]) AS chunk (user_id)
JOIN {user} u ON u.id = chunk.user_id
CROSS JOIN LATERAL (
    SELECT h.time_of_day FROM {habit} h WHERE h.user_id = u.id AND h.is_active OFFSET 0
) h
"""


def _generate_in_sql(*, user_ids: list[int], now: datetime) -> int:
    user_table = connection.ops.quote_name(get_user_model()._meta.db_table)
    habit_table = connection.ops.quote_name(Habit._meta.db_table)
    with connection.cursor() as cursor:
        # No JIT for this transaction's two statements: they touch a few thousand rows in tens
        # of milliseconds, but the planner's estimate for a chunk of 500 users x their habits
        # can pass jit_above_cost (seen with stale statistics after bulk creation: 505,000),
        # and compiling with inlining and optimization took ~190 ms per statement, more than
        # the work itself. SET LOCAL ends with the chunk's transaction.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            _SLOTS_SQL.format(user=user_table, habit=habit_table), {"user_ids": user_ids}
        )
        combos = cursor.fetchall()
    slots = []
    days_of_zone: dict[str, set[date]] = {}
    for timezone, at in combos:
        if timezone not in days_of_zone:
            days_of_zone[timezone] = generation_days(zone=zone_named(timezone), now=now)
        for day in days_of_zone[timezone]:
            moment = local_moment(day=day, at=at, zone=zone_named(timezone))
            slots.append(
                {
                    "timezone": timezone,
                    "day": day.isoformat(),
                    "time_of_day": at.isoformat(),
                    "scheduled_at": moment.isoformat(),
                }
            )
    if not slots:
        return 0
    sql = _GENERATE_SQL.format(
        instance=connection.ops.quote_name(HabitInstance._meta.db_table),
        habit=habit_table,
        user=user_table,
    )
    params = {
        "slots": json.dumps(slots),
        "status": InstanceStatus.SCHEDULED,
        "now": now,
        "user_ids": user_ids,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inserted = cursor.rowcount
    if inserted:
        habit_stats_bulk_written(now=now)
    return inserted


@transaction.atomic
def habit_instances_generate_for_users(*, user_ids: Iterable[int], now: datetime) -> int:
    """The beat's chunk: every active habit of these users gets its instance for the owner's
    current local day (and tomorrow's when it is minutes away). On PostgreSQL two queries (the
    distinct zone and time slots, then one INSERT ... SELECT); elsewhere the same rules in
    Python with one bulk insert."""
    user_ids = list(user_ids)
    if connection.vendor == "postgresql":
        return _generate_in_sql(user_ids=user_ids, now=now)
    habits = Habit.objects.filter(user_id__in=user_ids, is_active=True).select_related("user")
    candidates = [
        _new_instance(habit=habit, day=day, now=now)
        for habit in habits
        for day in generation_days(zone=user_zone(habit.user), now=now)
    ]
    return _insert_missing([c for c in candidates if c is not None])


def habit_instances_user_ids_with_active_habits() -> list[int]:
    return list(
        Habit.objects.filter(is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


@transaction.atomic
def habit_instance_sync_today(*, habit: Habit, now: datetime) -> None:
    """After a habit is created or edited: today's instance matches the habit at once.

    Today's open instance follows the new time and windows (its status stays: a reminder already
    sent is not taken back), or disappears when today is no longer due, the habit is inactive or
    the new fix window is already over. Final instances are history and are never touched.
    """
    today = local_today(user=habit.user, now=now)
    wanted = _new_instance(habit=habit, day=today, now=now)
    open_today = HabitInstance.objects.filter(habit=habit, date=today, status__in=OPEN_STATUSES)
    if wanted is None:
        if open_today.delete()[0]:
            habit_stats_invalidate(habit_ids=[habit.pk])
        return
    moved = open_today.update(
        scheduled_at=wanted.scheduled_at,
        grace_deadline=wanted.grace_deadline,
        fix_deadline=wanted.fix_deadline,
        updated_at=now,
    )
    if moved:
        # A grace deadline moved into the future may pass again, and is announced again then.
        open_today.filter(grace_deadline__gt=now).update(grace_announced_at=None)
        habit_stats_invalidate(habit_ids=[habit.pk])
        return
    _insert_missing([wanted])
