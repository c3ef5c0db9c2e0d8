"""Stats under the schedule kinds and pauses (issue 12, items 1 and 2; docs/habits.md)."""

import datetime as dt

import pytest

from habit_instances.models import HabitInstance
from habit_instances.services import habit_instances_generate_for_users
from habit_instances.stats.compute import strength_multiplier, weekly_streaks
from habit_instances.stats.selectors import habit_current_streaks, habit_stats_get
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Schedule, weekdays_mask
from habits.services import habit_pause, habit_resume
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 6, 1)  # a Monday; the weeks below start on MON, MON + 7, ...


def _week(n: int) -> dt.date:
    return MON + dt.timedelta(days=7 * n)


def _rows(*weeks: list[str]) -> list[tuple[dt.date, str]]:
    """Week n's statuses on its first days."""
    return [
        (_week(n) + dt.timedelta(days=k), status)
        for n, statuses in enumerate(weeks)
        for k, status in enumerate(statuses)
    ]


def _store(habit, rows):
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=day, status=status) for day, status in rows
    )


MET = ["completed", "completed_late"]
SHORT = ["completed", "missed"]


@pytest.mark.parametrize(
    ("weeks", "this_week", "expected"),
    [
        ([MET, MET, MET], 3, (3, 3)),
        ([MET, SHORT, MET], 3, (1, 1)),
        ([MET, MET, SHORT, MET], 4, (1, 2)),
        # the current week (2) counts once met ...
        ([MET, MET, MET], 2, (3, 3)),
        # ... and while short it neither extends nor breaks
        ([MET, MET, ["completed", "pending"]], 2, (2, 2)),
        ([MET, MET, ["missed"]], 2, (2, 2)),
        # a finished week that fell short breaks, even the one just before this week
        ([MET, MET, ["missed"]], 3, (0, 2)),
        # a week with no instance at all (a pause) is skipped over
        ([MET, [], MET], 3, (2, 2)),
        ([], 0, (0, 0)),
    ],
)
def test_weekly_streak_counts_weeks_that_met_the_target(weeks, this_week, expected):
    assert weekly_streaks(_rows(*weeks), target=2, this_week=_week(this_week)) == expected


def test_a_times_per_week_habit_streak_rate_and_strength(user):
    habit = HabitFactory(
        user=user, schedule=Schedule.TIMES_PER_WEEK, times_per_week=2, start_date=MON
    )
    _store(habit, _rows(MET, SHORT, MET + ["missed"], ["completed"]))
    now = dt.datetime.combine(_week(3) + dt.timedelta(days=2), dt.time(12), tzinfo=dt.UTC)
    stats = habit_stats_get(habit=habit, now=now)
    assert (stats["current_streak"], stats["max_streak"]) == (1, 1)
    # Weeks 0-2 are judged (2 + 1 + 2 of 3 targets of 2), week 3 is short and still running.
    assert stats["success_rate"] == round(5 / 6, 4)
    m = strength_multiplier(2 / 7)
    score = 0.0
    for value in [1, 1, 1, 0, 1, 1, 0, 1]:
        score = score * m + value * (1 - m)
    assert stats["strength"]["score"] == pytest.approx(score, abs=1e-4)
    # The instance lists' SQL streak agrees.
    assert habit_current_streaks(user=user, habit_ids=[habit.pk], now=now) == {habit.pk: 1}


def test_a_weekdays_habit_streak_counts_its_due_instances_and_strength_takes_its_frequency(user):
    habit = HabitFactory(
        user=user, schedule=Schedule.WEEKDAYS, weekdays=weekdays_mask([0, 2, 4]), start_date=MON
    )
    days = [MON, MON + dt.timedelta(days=2), MON + dt.timedelta(days=4), _week(1)]
    _store(habit, [(day, "completed") for day in days])
    now = dt.datetime.combine(_week(1), dt.time(23), tzinfo=dt.UTC)
    stats = habit_stats_get(habit=habit, now=now)
    assert (stats["current_streak"], stats["success_rate"]) == (4, 1.0)
    m = strength_multiplier(3 / 7)
    assert stats["strength"]["score"] == pytest.approx(
        1 - m**4, abs=1e-4
    )  # four done from 0: 1 - m^4
    assert [day["due"] for day in stats["weekdays"]] == [2, 0, 1, 0, 1, 0, 0]


def test_days_in_a_pause_neither_extend_nor_break_a_streak(
    user, django_capture_on_commit_callbacks
):
    """A pause leaves its days without instances: the streak runs on across it."""

    habit = HabitFactory(user=user, start_date=MON, time_of_day=dt.time(8))
    _store(habit, [(MON + dt.timedelta(days=n), "completed") for n in range(3)])
    # Paused on day 3 for days 3..5; the beat runs every day of the pause.
    day3 = dt.datetime.combine(MON + dt.timedelta(days=3), dt.time(0, 30), tzinfo=dt.UTC)
    habit_pause(
        user=user,
        habit_id=habit.pk,
        paused_from=MON + dt.timedelta(days=3),
        paused_until=MON + dt.timedelta(days=5),
        now=day3,
    )
    for n in range(3, 6):
        at = dt.datetime.combine(MON + dt.timedelta(days=n), dt.time(6), tzinfo=dt.UTC)
        assert habit_instances_generate_for_users(user_ids=[user.pk], now=at) == 0
    day6 = dt.datetime.combine(MON + dt.timedelta(days=6), dt.time(6), tzinfo=dt.UTC)
    assert habit_instances_generate_for_users(user_ids=[user.pk], now=day6) == 1
    HabitInstance.objects.filter(habit=habit, date=day6.date()).update(status="completed")
    habit_resume(user=user, habit_id=habit.pk, now=day6)
    stats = habit_stats_get(habit=habit, now=day6)
    assert (stats["current_streak"], stats["max_streak"]) == (4, 4)
    assert habit_current_streaks(user=user, habit_ids=[habit.pk], now=day6) == {habit.pk: 4}
    calendar = {entry["date"]: entry["status"] for entry in stats["calendar"]}
    assert [calendar[str(MON + dt.timedelta(days=n))] for n in range(7)] == [
        "completed",
        "completed",
        "completed",
        None,
        None,
        None,
        "completed",
    ]
