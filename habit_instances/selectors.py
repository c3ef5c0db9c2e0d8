"""Reads on instances, owner-scoped, with their habit summary in a constant number of queries."""

from datetime import date, datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from habit_instances import sql
from habit_instances.models import DONE_STATUSES, FINAL_STATUSES, HabitInstance
from habit_instances.schedule import deadlines_for, next_due_date, week_start
from habits.models import Habit
from users.timezones import local_today, user_zone


def _with_habit(queryset: QuerySet[HabitInstance]) -> QuerySet[HabitInstance]:
    return queryset.select_related("habit__related_pleasant_habit", "habit__user")


def habit_instances_today_for_user(*, user, now: datetime) -> QuerySet[HabitInstance]:
    """Today's instances in the user's zone, active and unarchived habits only, by time."""
    return _with_habit(
        HabitInstance.objects.filter(
            habit__user=user,
            habit__is_active=True,
            habit__is_archived=False,
            date=local_today(user=user, now=now),
        )
    ).order_by("scheduled_at", "id")


def habit_next_due_dates(*, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
    """habits.extras' provider of `next_due_date` (schedule.next_due_date): per habit of
    `user`, one query for all of them (today's status and this week's done count alongside)."""
    today = local_today(user=user, now=now)
    zone = user_zone(user)
    today_status = HabitInstance.objects.filter(habit=OuterRef("pk"), date=today).values("status")
    # A correlated count over this week's done instances only (the (habit, status, date) index):
    # a join with a filtered aggregate would read every instance of every habit on the page.
    done_this_week = (
        HabitInstance.objects.filter(
            habit=OuterRef("pk"),
            status__in=DONE_STATUSES,
            date__gte=week_start(today),
            date__lte=today,
        )
        .order_by()
        .values("habit")
        .annotate(done=Count("pk"))
        .values("done")
    )
    habits = Habit.objects.filter(user=user, pk__in=habit_ids).annotate(
        today_status=Subquery(today_status[:1]),
        done_this_week=Coalesce(Subquery(done_this_week), 0),
    )
    result = {}
    for habit in habits:
        if habit.today_status is None:
            # No instance: today is over once its window has closed (item 6 of issue 12).
            closes = deadlines_for(habit=habit, day=today, zone=zone).fix_deadline
            today_is_over = closes <= now
        else:
            today_is_over = habit.today_status in FINAL_STATUSES
        result[habit.pk] = next_due_date(
            habit=habit,
            today=today,
            today_is_over=today_is_over,
            done_this_week=habit.done_this_week,
        )
    return result


def habit_instances_list_for_habit(*, habit) -> QuerySet[HabitInstance]:
    """One habit's instances, newest date first (the caller checked the habit is the user's)."""
    return _with_habit(HabitInstance.objects.filter(habit=habit)).order_by("-date", "-id")


def habit_instance_rows_today_for_user(*, user, now: datetime) -> list[tuple]:
    """Today's instances as the API's rows (habit_instances.sql): with their habit summaries
    and current streaks, in one query."""
    return sql.instance_rows_of_day(user_id=user.pk, day=local_today(user=user, now=now))


def habit_instance_rows_in_range_for_user(
    *, user, date_from: date, date_to: date, habit_ids: list[int] | None, now: datetime
) -> list[tuple]:
    """The user's instances of the local dates `date_from`…`date_to` as the API's rows, of the
    habits `habit_ids` or else of all unarchived habits, in one query (the caller bounded the
    range and the ids)."""
    return sql.instance_rows_in_range(
        user_id=user.pk,
        date_from=date_from,
        date_to=date_to,
        habit_ids=habit_ids,
        this_week=week_start(local_today(user=user, now=now)),
    )


def habit_instance_row(*, user, instance_id: int, now: datetime) -> tuple:
    """One instance of `user` as the API's row (the caller checked the owner)."""
    this_week = week_start(local_today(user=user, now=now))
    (row,) = sql.instance_rows_by_id(instance_id=instance_id, this_week=this_week)
    return row


def habit_instance_get_for_user(*, user, instance_id: int) -> HabitInstance | None:
    """The user's instance with its habit, or None (deleted, or someone else's): what the bot
    shows again after a Done/Skip tap on an old message is refused."""
    return (
        HabitInstance.objects.select_related("habit")
        .filter(pk=instance_id, habit__user=user)
        .first()
    )
