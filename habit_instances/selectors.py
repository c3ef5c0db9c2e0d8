"""Reads on instances, owner-scoped, with their habit summary in a constant number of queries."""

from datetime import date, datetime

from django.db.models import QuerySet

from habit_instances import sql
from habit_instances.models import FINAL_STATUSES, HabitInstance
from habit_instances.schedule import deadlines_for, next_due_date, week_start
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


def _next_due_date_of(
    habit, today_status: str | None, done_this_week: int, *, today: date, zone, now: datetime
) -> date | None:
    """schedule.next_due_date from the habit's fields and its instances' two facts (read by
    sql.next_due_columns): today is over when today's instance is final, or when there is none
    and its window has closed (item 6 of issue 12)."""
    if today_status is None:
        today_is_over = deadlines_for(habit=habit, day=today, zone=zone).fix_deadline <= now
    else:
        today_is_over = today_status in FINAL_STATUSES
    return next_due_date(
        habit=habit, today=today, today_is_over=today_is_over, done_this_week=done_this_week
    )


def _next_due_changes_at(habit, today_status: str | None, *, today: date, zone, now: datetime):
    """When the next due date read at `now` may change with no write: at today's fix deadline,
    while today is not over. The sweep then expires an open instance (already past, before the
    sweep has run: the answer is in the past, so nothing keeps it); without an instance, the
    window closes. None: not before the day ends (today's instance is final, or its window was
    over with none)."""
    if today_status in FINAL_STATUSES:
        return None
    fix_deadline = deadlines_for(habit=habit, day=today, zone=zone).fix_deadline
    return fix_deadline if today_status is not None or fix_deadline > now else None


class NextDueDates:
    """habits.extras' provider of `next_due_date`: columns for the habit list's own statement
    and the pure function over its rows, or one query for a few habits."""

    def columns(self) -> str:
        return sql.next_due_columns()

    def for_request(self, *, user, now: datetime):
        today, zone = local_today(user=user, now=now), user_zone(user)

        def next_due(habit, values: tuple) -> tuple[date | None, datetime | None]:
            today_status = values[0]
            return (
                _next_due_date_of(habit, *values, today=today, zone=zone, now=now),
                _next_due_changes_at(habit, today_status, today=today, zone=zone, now=now),
            )

        return sql.next_due_params(today), next_due

    def dates(self, *, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
        return habit_next_due_dates(user=user, habit_ids=habit_ids, now=now)


def habit_next_due_dates(*, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
    """`next_due_date` of these habits of `user`, in one query whatever their number (today's
    status and this week's done count alongside, the same columns as the habit list's)."""
    today, zone = local_today(user=user, now=now), user_zone(user)
    habits = sql.habits_with_next_due_columns(user_id=user.pk, habit_ids=habit_ids, today=today)
    return {
        habit.pk: _next_due_date_of(
            habit,
            habit.next_due_today_status,
            habit.next_due_done_this_week,
            today=today,
            zone=zone,
            now=now,
        )
        for habit in habits
    }


def habit_instances_list_for_habit(*, habit) -> QuerySet[HabitInstance]:
    """One habit's instances, newest date first (the caller checked the habit is the user's)."""
    return _with_habit(HabitInstance.objects.filter(habit=habit)).order_by("-date", "-id")


def habit_instance_rows_today_for_user(
    *, user, now: datetime
) -> tuple[list[tuple], datetime | None]:
    """Today's instances as the API's rows (habit_instances.sql): with their habit summaries
    and current streaks, in one query; and the first moment the sweep may move one of the user's
    open instances, read by the same statement (what a kept copy of the rows is valid until)."""
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
