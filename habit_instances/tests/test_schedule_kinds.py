"""The schedule kinds, the pause rule and next_due_date (habit_instances.schedule), unit by unit."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from habit_instances.models import InstanceStatus
from habit_instances.schedule import is_due_on, is_paused_on, next_due_date, week_start
from habit_instances.selectors import habit_next_due_dates
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Habit, Schedule, weekdays_list, weekdays_mask
from habits.tests.factories import HabitFactory

MON = dt.date(2026, 6, 15)  # a Monday
MON_WED_FRI = weekdays_mask([0, 2, 4])


def _habit(**fields) -> Habit:
    """An unsaved habit: the rules are pure functions of its fields."""
    return Habit(
        **{
            "start_date": MON,
            "time_of_day": dt.time(7),
            "periodicity_days": 1,
            "is_active": True,
            **fields,
        }
    )


def _days(n: int = 7):
    return [MON + dt.timedelta(days=k) for k in range(n)]


def test_weekdays_mask_round_trips_and_sorts():
    assert weekdays_mask([4, 0, 2]) == 0b10101
    assert weekdays_list(0b10101) == [0, 2, 4]
    assert weekdays_list(0) == []


def test_week_start_is_the_iso_monday():
    assert {week_start(day) for day in _days()} == {MON}
    assert week_start(MON - dt.timedelta(days=1)) == MON - dt.timedelta(days=7)


def test_a_weekdays_habit_is_due_on_its_weekdays_only_from_its_start_date():
    habit = _habit(schedule=Schedule.WEEKDAYS, weekdays=MON_WED_FRI, start_date=MON)
    due = [day.weekday() for day in _days(14) if is_due_on(habit=habit, day=day)]
    assert due == [0, 2, 4, 0, 2, 4]
    assert not is_due_on(habit=habit, day=MON - dt.timedelta(days=3))  # a Friday before start


def test_a_times_per_week_habit_is_due_until_the_weeks_target_is_met():
    habit = _habit(schedule=Schedule.TIMES_PER_WEEK, times_per_week=3)
    assert [is_due_on(habit=habit, day=MON, done_this_week=n) for n in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert not is_due_on(habit=habit, day=MON - dt.timedelta(days=1), done_this_week=0)


def test_every_n_days_ignores_the_weeks_count():
    habit = _habit(periodicity_days=2)
    assert [is_due_on(habit=habit, day=d, done_this_week=9) for d in _days(4)] == [
        True,
        False,
        True,
        False,
    ]


def test_a_pause_includes_both_ends_and_without_an_end_runs_on():
    habit = _habit(paused_from=MON + dt.timedelta(days=1), paused_until=MON + dt.timedelta(days=2))
    assert [is_paused_on(habit=habit, day=d) for d in _days(4)] == [False, True, True, False]
    assert [is_due_on(habit=habit, day=d) for d in _days(4)] == [True, False, False, True]
    open_ended = _habit(paused_from=MON + dt.timedelta(days=1))
    assert [is_due_on(habit=open_ended, day=d) for d in _days(400)].count(True) == 1


@pytest.mark.parametrize(
    ("fields", "today_is_over", "done", "expected"),
    [
        ({}, False, 0, MON),
        ({}, True, 0, MON + dt.timedelta(days=1)),
        ({"periodicity_days": 3}, True, 0, MON + dt.timedelta(days=3)),
        (
            {"periodicity_days": 7, "start_date": MON - dt.timedelta(days=1)},
            False,
            0,
            MON + dt.timedelta(days=6),
        ),
        ({"start_date": MON + dt.timedelta(days=10)}, False, 0, MON + dt.timedelta(days=10)),
        (
            {"schedule": Schedule.WEEKDAYS, "weekdays": MON_WED_FRI},
            True,
            0,
            MON + dt.timedelta(days=2),
        ),
        (
            {"schedule": Schedule.WEEKDAYS, "weekdays": weekdays_mask([0])},
            True,
            0,
            MON + dt.timedelta(days=7),
        ),
        ({"schedule": Schedule.TIMES_PER_WEEK, "times_per_week": 2}, False, 1, MON),
        (
            {"schedule": Schedule.TIMES_PER_WEEK, "times_per_week": 2},
            True,
            1,
            MON + dt.timedelta(days=1),
        ),
        (
            {"schedule": Schedule.TIMES_PER_WEEK, "times_per_week": 2},
            True,
            2,
            MON + dt.timedelta(days=7),
        ),
        (
            {"paused_from": MON, "paused_until": MON + dt.timedelta(days=4)},
            False,
            0,
            MON + dt.timedelta(days=5),
        ),
        (
            {
                "paused_from": MON,
                "paused_until": MON + dt.timedelta(days=2),
                "schedule": Schedule.WEEKDAYS,
                "weekdays": weekdays_mask([0]),
            },
            False,
            0,
            MON + dt.timedelta(days=7),
        ),
        ({"paused_from": MON + dt.timedelta(days=1)}, False, 0, MON),
        ({"paused_from": MON + dt.timedelta(days=1)}, True, 0, None),
        ({"paused_from": MON}, False, 0, None),
        ({"is_archived": True}, False, 0, None),
        ({"is_active": False}, False, 0, None),
    ],
)
def test_next_due_date(fields, today_is_over, done, expected):
    habit = _habit(**fields)
    found = next_due_date(habit=habit, today=MON, today_is_over=today_is_over, done_this_week=done)
    assert found == expected


@pytest.mark.django_db
def test_next_due_dates_read_todays_instance_and_the_window(user):
    """Today is over for a habit whose instance is final, or which has none and whose window
    has closed (the day nobody could act on: item 6 of issue 12); one query for all."""
    now = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)  # user in UTC, MON at noon
    open_today = HabitFactory(user=user, time_of_day=dt.time(18))
    HabitInstanceFactory(habit=open_today, date=MON)
    done_today = HabitFactory(user=user, time_of_day=dt.time(8))
    HabitInstanceFactory(habit=done_today, date=MON, status=InstanceStatus.COMPLETED)
    closed_without_instance = HabitFactory(user=user, time_of_day=dt.time(6), fix_minutes=0)
    open_without_instance = HabitFactory(user=user, time_of_day=dt.time(11), fix_minutes=120)
    weekly = HabitFactory(user=user, schedule=Schedule.TIMES_PER_WEEK, times_per_week=1)
    HabitInstanceFactory(habit=weekly, date=MON, status=InstanceStatus.COMPLETED)
    ids = [
        h.pk
        for h in (open_today, done_today, closed_without_instance, open_without_instance, weekly)
    ]
    with CaptureQueriesContext(connection) as queries:
        found = habit_next_due_dates(user=user, habit_ids=ids, now=now)
    assert len(queries) == 1
    tomorrow = MON + dt.timedelta(days=1)
    assert found == {
        open_today.pk: MON,
        done_today.pk: tomorrow,
        closed_without_instance.pk: tomorrow,
        open_without_instance.pk: MON,
        weekly.pk: MON + dt.timedelta(days=7),
    }
