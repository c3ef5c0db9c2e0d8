"""An excused day (skipped) counts as not due: in the Python stats, the SQL streak twin and the
overview alike."""

import datetime as dt

import pytest

from habit_instances.models import HabitInstance
from habit_instances.stats.compute import streaks, strength_history
from habit_instances.stats.selectors import (
    habit_current_streaks,
    habit_stats_get,
    stats_overview_for_user,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC)


def _history(habit, statuses, *, last=dt.date(2026, 3, 9)):
    first = last - dt.timedelta(days=len(statuses) - 1)
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=first + dt.timedelta(days=n), status=s)
        for n, s in enumerate(statuses)
    )


def test_a_skipped_day_neither_extends_nor_breaks_a_streak():
    assert streaks(["completed", "skipped", "completed"]) == (2, 2)
    assert streaks(["missed", "skipped"]) == (0, 0)
    assert streaks(["skipped", "skipped"]) == (0, 0)


def test_the_strength_score_passes_over_skipped_days():
    day = dt.date(2026, 3, 1)
    with_skips = [(day, "completed"), (day, "skipped"), (day, "missed"), (day, "skipped")]
    without = [row for row in with_skips if row[1] != "skipped"]
    assert strength_history(with_skips, 1) == strength_history(without, 1)


def test_stats_treat_a_skipped_day_as_not_due_and_show_it_in_the_calendar(user):
    habit = HabitFactory(user=user)
    _history(habit, ["completed", "skipped", "completed", "missed", "completed", "skipped"])
    stats = habit_stats_get(habit=habit, now=NOW)
    assert (stats["current_streak"], stats["max_streak"]) == (1, 2)
    assert habit_current_streaks(user=user, habit_ids=[habit.pk], now=NOW) == {habit.pk: 1}
    assert stats["counts"]["skipped"] == 2
    assert stats["success_rate"] == 0.75
    assert sum(weekday["due"] for weekday in stats["weekdays"]) == 4
    calendar = {entry["date"]: entry["status"] for entry in stats["calendar"]}
    assert calendar["2026-03-09"] == "skipped"
    assert len(stats["strength"]["history"]) == 4


def test_the_overview_rates_leave_skipped_days_out(user):
    habit = HabitFactory(user=user)
    _history(habit, ["completed", "skipped", "skipped", "missed"])
    overview = stats_overview_for_user(user=user, now=NOW)
    assert overview["completion_rate_7d"] == 0.5


def test_the_calendar_flags_days_recorded_afterwards(user):
    habit = HabitFactory(user=user)
    _history(habit, ["completed", "missed"])
    HabitInstance.objects.filter(date=dt.date(2026, 3, 9)).update(recorded_late=True)
    calendar = {entry["date"]: entry for entry in habit_stats_get(habit=habit, now=NOW)["calendar"]}
    assert calendar["2026-03-09"] == {
        "date": "2026-03-09",
        "status": "missed",
        "recorded_late": True,
    }
    assert calendar["2026-03-08"] == {"date": "2026-03-08", "status": "completed"}


def test_todays_progress_leaves_an_excused_instance_out(user):
    HabitInstanceFactory(habit=HabitFactory(user=user), date=dt.date(2026, 3, 10), status="skipped")
    HabitInstanceFactory(
        habit=HabitFactory(user=user), date=dt.date(2026, 3, 10), status="completed"
    )
    assert stats_overview_for_user(user=user, now=NOW)["today"] == {"done": 1, "total": 1}
