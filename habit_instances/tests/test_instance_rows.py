"""The instance API's two renderings agree: habit_instances.sql's rows rendered by
instance_rows_data (/instances/today/, the marks' answers) and InstanceOutputSerializer (the
schema, the habit's history) give the same JSON for the same instances."""

import datetime as dt

import pytest

from habit_instances import selectors
from habit_instances.serializers import InstanceOutputSerializer, instance_rows_data
from habit_instances.stats.selectors import habit_current_streaks
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory, PleasantHabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def _serialized(instances) -> list[dict]:
    streaks = habit_current_streaks(
        user=instances[0].habit.user,
        habit_ids={instance.habit_id for instance in instances},
        now=NOW,
    )
    return InstanceOutputSerializer(instances, many=True, context={"streak_by_habit": streaks}).data


def test_rows_render_exactly_as_the_serializer():
    user = UserFactory(timezone="Asia/Kathmandu")
    pleasant = PleasantHabitFactory(user=user, name="Coffee", time_of_day=dt.time(6, 5, 9))
    paired = HabitFactory(
        user=user, reward_text="", related_pleasant_habit=pleasant, name='Read \u00e9 "q"'
    )
    rewarded = HabitFactory(user=user, reward_text="a walk", time_of_day=dt.time(23, 59))
    for day in (5, 6, 8, 9):
        HabitInstanceFactory(habit=paired, date=dt.date(2026, 3, day), status="completed")
    HabitInstanceFactory(habit=paired, date=dt.date(2026, 3, 7), status="missed")
    HabitInstanceFactory(
        habit=paired,
        date=dt.date(2026, 3, 10),
        status="completed_late",
        completed_at=dt.datetime(2026, 3, 10, 9, 1, 2, 345678, tzinfo=dt.UTC),
    )
    HabitInstanceFactory(habit=pleasant, date=dt.date(2026, 3, 10), status="pending")
    HabitInstanceFactory(habit=rewarded, date=dt.date(2026, 3, 10), status="fix_expired")
    # What today's list leaves out: a paused habit's instance, another user's, another day's.
    paused = HabitFactory(user=user, is_active=False)
    HabitInstanceFactory(habit=paused, date=dt.date(2026, 3, 10), status="scheduled")
    stranger = HabitFactory(user=UserFactory(timezone="Asia/Kathmandu"))
    HabitInstanceFactory(habit=stranger, date=dt.date(2026, 3, 10), status="scheduled")
    HabitInstanceFactory(habit=rewarded, date=dt.date(2026, 3, 11), status="scheduled")

    rows, _ = selectors.habit_instance_rows_today_for_user(user=user, now=NOW)
    # the ORM selector is the definition of which instances and in which order
    instances = list(selectors.habit_instances_today_for_user(user=user, now=NOW))
    assert [instance.date for instance in instances] == [dt.date(2026, 3, 10)] * 3
    rendered = instance_rows_data(rows)
    assert rendered == _serialized(instances)
    # the cases cover what differs between rows: a related habit or none, a completion time with
    # microseconds or none, a streak or none
    assert {row["habit"]["current_streak"] for row in rendered} == {0, 3}
    assert {row["completed_at"] is None for row in rendered} == {True, False}
    assert {row["habit"]["related_pleasant_habit_name"] for row in rendered} == {None, "Coffee"}


def test_one_row_by_id_renders_as_the_serializer():
    instance = HabitInstanceFactory(habit=HabitFactory(), status="completed")
    row = selectors.habit_instance_row(user=instance.habit.user, instance_id=instance.pk, now=NOW)
    (rendered,) = instance_rows_data([row])
    assert rendered == _serialized([instance])[0]
