"""INSTANCE_MARKED: the one event the motivation apps listen to, once per mark that took effect."""

import datetime as dt

import pytest

from core.events import subscribe, unsubscribe
from core.exceptions import Conflict
from habit_instances.events import INSTANCE_MARKED
from habit_instances.services import (
    habit_day_record,
    habit_instance_mark_completed,
    habit_instance_mark_failed,
    habit_instance_mark_skipped,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# The default factory instance: Tuesday 2026-03-10, grace until 08:00 UTC, fix until 10:00.
TUESDAY = dt.date(2026, 3, 10)
GRACE = dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def marks():
    seen = []

    def record(**payload):
        seen.append(payload)

    subscribe(INSTANCE_MARKED, record)
    yield seen
    unsubscribe(INSTANCE_MARKED, record)


@pytest.mark.parametrize(
    ("mark", "at", "status"),
    [
        (habit_instance_mark_completed, GRACE, "completed"),
        (habit_instance_mark_completed, GRACE + dt.timedelta(minutes=1), "completed_late"),
        (habit_instance_mark_failed, GRACE, "missed"),
        (habit_instance_mark_skipped, GRACE, "skipped"),
    ],
)
def test_each_live_mark_announces_itself_once(user, marks, mark, at, status):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    mark(user=user, instance_id=instance.pk, now=at)
    assert marks == [
        {
            "instance_id": instance.pk,
            "habit_id": instance.habit_id,
            "user_id": user.pk,
            "status": status,
            "day": TUESDAY,
            "recorded_late": False,
            "now": at,
            # a completion brings the streak it read for its answer (the coins use it)
            "current_streak": 1 if mark is habit_instance_mark_completed else None,
        }
    ]
    with pytest.raises(Conflict):  # a refused second mark announces nothing
        mark(user=user, instance_id=instance.pk, now=at)
    assert len(marks) == 1


def test_a_recorded_day_announces_itself_as_recorded_late_and_only_when_it_changes(user, marks):
    habit = HabitFactory(user=user)
    HabitInstanceFactory(habit=habit)  # today, Tuesday
    monday = dt.date(2026, 3, 9)
    record = {"user": user, "habit_id": habit.pk, "day": monday, "now": GRACE}
    created = habit_day_record(status="completed", **record)
    habit_day_record(status="completed", **record)  # the same status again: nothing changed
    habit_day_record(status="missed", **record)
    assert [(m["instance_id"], m["status"], m["day"], m["recorded_late"]) for m in marks] == [
        (created.pk, "completed", monday, True),
        (created.pk, "missed", monday, True),
    ]
