"""Reads on habits: owner-scoped lists, the public list and the account export."""

from datetime import datetime

from django.db.models import QuerySet

from core.exceptions import NotFound
from core.ownership import get_owned_or_404
from core.replicas import stale_ok
from habits.extras import next_due_provider
from habits.models import Habit, reminder_times_shown, weekdays_list
from habits.sql import HabitRows, habit_of_user


def habit_list_for_user(*, user) -> QuerySet[Habit]:
    return Habit.objects.filter(user=user).select_related("related_pleasant_habit")


def habit_rows_for_user(
    *, user, filters: dict[str, object], ordering: list[str], now: datetime
) -> HabitRows:
    """The same habits as habit_list_for_user (with the view's filters and ordering applied) as
    plain rows for the list endpoint, read a page at a time (habits.sql), each with its next due
    date at `now` computed from columns the same statement reads (habits.extras)."""
    provider = next_due_provider()
    if provider is None:
        return HabitRows(user_id=user.pk, filters=filters, ordering=ordering)
    params, next_due = provider.for_request(user=user, now=now)
    return HabitRows(
        user_id=user.pk,
        filters=filters,
        ordering=ordering,
        extra_columns=provider.columns(),
        extra_params=params,
        next_due=next_due,
    )


def habit_get_for_user(*, user, habit_id) -> Habit:
    habit = get_owned_or_404(habit_list_for_user(user=user), user=user, pk=habit_id)
    # The query matched the owner to `user`: set it, so reading habit.user (the stats need the
    # owner's zone) costs no query on the hot stats path.
    habit.user = user
    return habit


def habit_get_for_user_without_relations(*, user, habit_id: int) -> Habit:
    """Like habit_get_for_user (another user's habit is a 404 like a missing one), for readers
    of the habit's own fields only (the stats): one raw query, no related habit joined."""
    habit = habit_of_user(user_id=user.pk, habit_id=habit_id)
    if habit is None:
        raise NotFound("Habit not found.")
    habit.user = user  # matched by the query: the stats read the owner's zone without a query
    return habit


def habit_public_list() -> QuerySet[Habit]:
    """Other people's public habits: a second stale is fine, so a replica may answer."""
    return stale_ok(
        Habit.objects.filter(is_public=True, is_archived=False)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


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
            "schedule": habit.schedule,
            "periodicity_days": habit.periodicity_days,
            "weekdays": weekdays_list(habit.weekdays),
            "times_per_week": habit.times_per_week,
            "paused_from": habit.paused_from.isoformat() if habit.paused_from else None,
            "paused_until": habit.paused_until.isoformat() if habit.paused_until else None,
            "is_archived": habit.is_archived,
            "repeat_limit": habit.repeat_limit,
            "grace_minutes": habit.grace_minutes,
            "fix_minutes": habit.fix_minutes,
            "extra_reminders": reminder_times_shown(habit.extra_reminders),
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
                    "recorded_late": instance.recorded_late,
                    "note": instance.note,
                }
                for instance in sorted(habit.instances.all(), key=lambda i: i.date)
            ],
        }
        for habit in habits
    ]
