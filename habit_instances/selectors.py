"""Reads on instances, owner-scoped, with their habit summary in a constant number of queries."""

from datetime import datetime

from django.db.models import QuerySet

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
