"""Creating the due instances: by the beat for many users, and at once when a habit changes.

An instance is created only while its fix deadline is still ahead: a window that closed before
anyone could act on it (the habit did not exist yet, or the servers were down) records nothing,
instead of an instant `fix_expired` that would break a streak nobody could have kept.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction

from habit_instances.models import OPEN_STATUSES, HabitInstance
from habit_instances.schedule import deadlines_for, local_today, user_zone
from habits.models import Habit
from habits.stats_cache import habit_stats_invalidate


def _new_instance(*, habit: Habit, day: date, now: datetime) -> HabitInstance | None:
    if not (habit.is_active and habit.is_due_on(day)):
        return None
    deadlines = deadlines_for(habit=habit, day=day, zone=user_zone(habit.user))
    if deadlines.fix_deadline <= now:
        return None
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


def _days_to_generate(*, user, now: datetime) -> set[date]:
    """The user's local today, plus tomorrow shortly before midnight: a habit at 00:00 then has
    its instance before its time comes, not up to one beat interval later."""
    lookahead = timedelta(minutes=settings.HABIT_GENERATION_LOOKAHEAD_MINUTES)
    return {local_today(user=user, now=now), local_today(user=user, now=now + lookahead)}


@transaction.atomic
def habit_instances_generate_for_user(*, user, local_date: date, now: datetime) -> int:
    """Creates the user's instances due on `local_date`; answers how many were new."""
    habits = Habit.objects.filter(user=user, is_active=True).select_related("user")
    candidates = [_new_instance(habit=habit, day=local_date, now=now) for habit in habits]
    return _insert_missing([c for c in candidates if c is not None])


@transaction.atomic
def habit_instances_generate_for_users(*, user_ids: Iterable[int], now: datetime) -> int:
    """The beat's chunk: every active habit of these users gets its instance for the owner's
    current local day (and tomorrow's when it is minutes away). Two queries and one insert."""
    habits = Habit.objects.filter(user_id__in=list(user_ids), is_active=True).select_related("user")
    candidates = [
        _new_instance(habit=habit, day=day, now=now)
        for habit in habits
        for day in _days_to_generate(user=habit.user, now=now)
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
