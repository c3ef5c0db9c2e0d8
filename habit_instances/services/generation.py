"""Creating the due instances: by the beat for many users, and at once when a habit changes.

Which instances may exist is the schedule rule (habit_instances.schedule); on PostgreSQL the beat
applies it in SQL (habit_instances.sql), elsewhere in Python, with the same outcome
(tests/test_twin_paths.py).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection, transaction

from habit_instances import sql
from habit_instances.changes import instances_changed
from habit_instances.models import DONE_STATUSES, OPEN_STATUSES, HabitInstance
from habit_instances.schedule import (
    TIMES_PER_WEEK,
    deadlines_for,
    done_this_week,
    generation_days,
    habit_instance_may_be_generated,
    local_moment,
    schedule_kind_of,
    week_start,
)
from habit_instances.stats.cache import habit_stats_invalidate
from habits.data_version import habit_data_bulk_written, habit_data_changed
from habits.models import Habit
from users.timezones import local_today, user_zone, zone_named


def _done_in_weeks(*, habits: list[Habit], days: set[date]) -> dict[int, list[date]]:
    """The done dates of the times_per_week habits among `habits` in the ISO weeks of `days`
    (one query; none when no habit counts per week): what `done_this_week` counts from."""
    weekly = [habit.pk for habit in habits if schedule_kind_of(habit) == TIMES_PER_WEEK]
    if not weekly or not days:
        return {}
    done: dict[int, list[date]] = {}
    for habit_id, day in HabitInstance.objects.filter(
        habit_id__in=weekly,
        status__in=DONE_STATUSES,
        date__gte=week_start(min(days)),
        date__lt=max(days),
    ).values_list("habit_id", "date"):
        done.setdefault(habit_id, []).append(day)
    return done


def _new_instance(
    *, habit: Habit, day: date, now: datetime, done_dates: list[date] = ()
) -> HabitInstance | None:
    """The instance generation would create for `day` at `now`, or None. `done_dates`: the
    habit's done dates around `day` (_done_in_weeks), for a times_per_week habit."""
    zone = user_zone(habit.user)
    if not habit_instance_may_be_generated(
        habit=habit, day=day, zone=zone, now=now, done_this_week=done_this_week(done_dates, day)
    ):
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
    instances_changed(
        user_ids=[c.habit.user_id for c in missing], habit_ids=[c.habit_id for c in missing]
    )
    return len(missing)


def _generated_habits():
    """The habits generation creates instances for: active and not archived."""
    return Habit.objects.filter(is_active=True, is_archived=False).select_related("user")


@transaction.atomic
def habit_instances_generate_for_user(*, user, local_date: date, now: datetime) -> int:
    """Creates the user's instances due on `local_date`; answers how many were new."""
    habits = list(_generated_habits().filter(user=user))
    done = _done_in_weeks(habits=habits, days={local_date})
    candidates = [
        _new_instance(habit=habit, day=local_date, now=now, done_dates=done.get(habit.pk, ()))
        for habit in habits
    ]
    return _insert_missing([c for c in candidates if c is not None])


def _generate_in_sql(*, user_ids: list[int], now: datetime) -> int:
    """PostgreSQL: two statements per chunk, whatever its size (habit_instances.sql). Python only
    computes the DST-exact scheduled_at of each distinct (zone, local day, time of day)."""
    slots = []
    days_of_zone: dict[str, set[date]] = {}
    for zone_name, at in sql.generation_slots(user_ids=user_ids):
        zone = zone_named(zone_name)
        if zone_name not in days_of_zone:
            days_of_zone[zone_name] = generation_days(zone=zone, now=now)
        for day in days_of_zone[zone_name]:
            slots.append(
                {
                    "timezone": zone_name,
                    "day": day.isoformat(),
                    "time_of_day": at.isoformat(),
                    "scheduled_at": local_moment(day=day, at=at, zone=zone).isoformat(),
                }
            )
    if not slots:
        return 0
    inserted = sql.insert_generated(user_ids=user_ids, slots=slots, now=now)
    if inserted:
        habit_data_bulk_written(now=now)
        # The INSERT does not say whose rows it made: every user of the chunk gets a new version
        # (one round trip; their kept lists are read again once).
        habit_data_changed(user_ids=user_ids)
    return inserted


def _generate_in_python(*, user_ids: list[int], now: datetime) -> int:
    """Elsewhere (SQLite, small embedded installs): the schedule rule per habit, one bulk insert."""
    habits = list(_generated_habits().filter(user_id__in=user_ids))
    days_of = {habit.pk: generation_days(zone=user_zone(habit.user), now=now) for habit in habits}
    done = _done_in_weeks(habits=habits, days=set().union(*days_of.values()))
    candidates = [
        _new_instance(habit=habit, day=day, now=now, done_dates=done.get(habit.pk, ()))
        for habit in habits
        for day in days_of[habit.pk]
    ]
    return _insert_missing([c for c in candidates if c is not None])


@transaction.atomic
def habit_instances_generate_for_users(*, user_ids: Iterable[int], now: datetime) -> int:
    """The beat's chunk: every active habit of these users gets its instance for the owner's
    current local day (and tomorrow's when it is minutes away). On PostgreSQL two queries (the
    distinct zone and time slots, then one INSERT ... SELECT); elsewhere the same rules in
    Python with one bulk insert."""
    user_ids = list(user_ids)
    if connection.vendor == "postgresql":
        return _generate_in_sql(user_ids=user_ids, now=now)
    return _generate_in_python(user_ids=user_ids, now=now)


def habit_instances_user_ids_with_active_habits() -> list[int]:
    return list(
        Habit.objects.filter(is_active=True, is_archived=False)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


@transaction.atomic
def habit_instance_sync_today(*, habit: Habit, now: datetime) -> None:
    """After a habit is created or edited: today's instance matches the habit at once.

    Today's open instance follows the new time and windows (its status stays: a reminder already
    sent is not taken back), or disappears when today is no longer due (a new schedule, a pause),
    the habit is inactive, or the new fix window is already over. An open instance of a later
    day (tomorrow's, generated minutes before midnight) disappears likewise, and an archived
    habit loses every open instance. Final instances are history and are never touched.
    """
    today = local_today(user=habit.user, now=now)
    if habit.is_archived:
        # Whatever their date (one of yesterday may still be open past midnight): an archived
        # habit sends no reminder and shows on no Today.
        if HabitInstance.objects.filter(habit=habit, status__in=OPEN_STATUSES).delete()[0]:
            habit_stats_invalidate(habit_ids=[habit.pk])
        return
    done = _done_in_weeks(habits=[habit], days={today}).get(habit.pk, ())
    ahead = HabitInstance.objects.filter(habit=habit, date__gt=today, status__in=OPEN_STATUSES)
    gone = [i.pk for i in ahead if _new_instance(habit=habit, day=i.date, now=now) is None]
    if gone and HabitInstance.objects.filter(pk__in=gone).delete()[0]:
        habit_stats_invalidate(habit_ids=[habit.pk])
    wanted = _new_instance(habit=habit, day=today, now=now, done_dates=done)
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


_TIMES = ("scheduled_at", "grace_deadline", "fix_deadline")


@transaction.atomic
def habit_instances_follow_timezone(*, user, now: datetime) -> None:
    """After the user's zone changed (`user.timezone` is the new one): the open instances follow
    the new clock at once, by the rules of a habit edit (habit_instance_sync_today).

    - An open instance dated on or after the new local today keeps its date and gets that day's
      times on the new clock. Its status and `grace_announced_at` stay: a reminder or a "grace
      passed" nudge already sent is neither taken back nor sent twice. (An edit announces a grace
      deadline moved into the future again, because the user chose the new time; a move
      elsewhere and back would otherwise nudge twice for the same day.) It is removed when its
      new fix window is already over (or the habit is no longer due that day).
    - An open instance dated before the new local today stays as it is: that day is over on the
      new clock, and its window, still open, was the one the user was told about.
    - Then the new local today (and tomorrow shortly before midnight) get any missing instance
      from the beat's own generation, so today's list is complete at once.
    Final instances are history and are never touched. Changing to the same zone changes nothing.
    """
    today = local_today(user=user, now=now)
    # Locked, so a concurrent mark or sweep waits for us and then re-checks the status instead
    # of a final instance getting new times (on SQLite writes are serialised anyway).
    ahead = list(
        HabitInstance.objects.select_for_update(of=("self",))
        .filter(habit__user=user, date__gte=today, status__in=OPEN_STATUSES)
        .select_related("habit__user")
    )
    removed, moved = [], []
    for instance in ahead:
        wanted = _new_instance(habit=instance.habit, day=instance.date, now=now)
        if wanted is None:
            removed.append(instance.pk)
        elif any(getattr(instance, field) != getattr(wanted, field) for field in _TIMES):
            for field in _TIMES:
                setattr(instance, field, getattr(wanted, field))
            instance.updated_at = now
            moved.append(instance)
    HabitInstance.objects.filter(pk__in=removed).delete()
    HabitInstance.objects.bulk_update(moved, [*_TIMES, "updated_at"])
    habit_instances_generate_for_users(user_ids=[user.pk], now=now)
    # The stats hold the calendar and today's instance on the old clock.
    instances_changed(
        user_ids=[user.pk], habit_ids=Habit.objects.filter(user=user).values_list("pk", flat=True)
    )
