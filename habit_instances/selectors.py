"""Reads on instances, owner-scoped, with their habit summary in a constant number of queries."""

from datetime import datetime

from django.db.models import QuerySet

from habit_instances import sql
from habit_instances.models import HabitInstance
from users.timezones import local_today


def _with_habit(queryset: QuerySet[HabitInstance]) -> QuerySet[HabitInstance]:
    return queryset.select_related("habit__related_pleasant_habit", "habit__user")


def habit_instances_today_for_user(*, user, now: datetime) -> QuerySet[HabitInstance]:
    """Today's instances in the user's zone, active habits only, by time."""
    return _with_habit(
        HabitInstance.objects.filter(
            habit__user=user, habit__is_active=True, date=local_today(user=user, now=now)
        )
    ).order_by("scheduled_at", "id")


def habit_instances_list_for_habit(*, habit) -> QuerySet[HabitInstance]:
    """One habit's instances, newest date first (the caller checked the habit is the user's)."""
    return _with_habit(HabitInstance.objects.filter(habit=habit)).order_by("-date", "-id")


def habit_instance_rows_today_for_user(*, user, now: datetime) -> list[tuple]:
    """Today's instances as the API's rows (habit_instances.sql): with their habit summaries
    and current streaks, in one query."""
    return sql.instance_rows_of_day(user_id=user.pk, day=local_today(user=user, now=now))


def habit_instance_row(*, instance_id: int) -> tuple:
    """One instance as the API's row (the caller checked the owner)."""
    (row,) = sql.instance_rows_by_id(instance_id=instance_id)
    return row


def habit_instance_get_for_user(*, user, instance_id: int) -> HabitInstance | None:
    """The user's instance with its habit, or None (deleted, or someone else's): what the bot
    shows again after a Done/Skip tap on an old message is refused."""
    return (
        HabitInstance.objects.select_related("habit")
        .filter(pk=instance_id, habit__user=user)
        .first()
    )
