"""habit_instances follows a saved habit (habits.events.HABIT_SAVED) in the same transaction."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from habit_instances.models import HabitInstance
from habit_instances.stats.cache import habit_stats_key
from habit_instances.stats.selectors import habit_stats_get
from habit_instances.tests.factories import HabitInstanceFactory
from habits.events import announce_habit_saved
from habits.models import Habit
from habits.services import habit_update
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db
BODY = {
    "name": "Walk",
    "action": "walk",
    "place": "park",
    "time_of_day": "23:59",
    "reward_text": "tea",
}


def test_creating_a_habit_makes_todays_instance_at_once(auth_client, user):
    body = auth_client.post(reverse("habit-list"), BODY, format="json").json()
    instance = HabitInstance.objects.get(habit_id=body["id"])
    assert instance.date.isoformat() == body["start_date"]


def test_editing_the_time_reschedules_todays_open_instance(auth_client, user):
    habit_id = auth_client.post(reverse("habit-list"), BODY, format="json").json()["id"]
    auth_client.patch(
        reverse("habit-detail", args=[habit_id]), {"time_of_day": "23:58:00"}, format="json"
    )
    assert HabitInstance.objects.get(habit_id=habit_id).scheduled_at.time() == dt.time(23, 58)


def test_the_announcement_forgets_the_cached_stats(user):
    habit = HabitFactory(user=user, time_of_day=dt.time(9, 0))
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)
    habit_stats_get(habit=habit, now=now)
    announce_habit_saved(habit_id=habit.pk, now=now)
    assert cache.get(habit_stats_key(habit.pk)) is None
    assert habit_stats_get(habit=habit, now=now)["counts"]["scheduled"] == 1


def test_todays_instance_rolls_back_with_the_habit(user):
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)
    with pytest.raises(RuntimeError), transaction.atomic():
        habit = HabitFactory(user=user, time_of_day=dt.time(9, 0))
        announce_habit_saved(habit_id=habit.pk, now=now)
        assert HabitInstance.objects.filter(habit=habit).exists()  # made inside the transaction
        raise RuntimeError("the habit's save fails after the announcement")
    assert not Habit.objects.exists()
    assert not HabitInstance.objects.exists()


def test_an_edit_that_changes_no_instance_still_refreshes_the_stats(user):
    """The stats show the habit's own fields too (progress counts towards repeat_limit): the
    announcement forgets them even when today's instance had nothing to follow."""
    user.timezone = "UTC"
    user.save()
    now = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # 09:00's fix window closed at 11:30
    habit = HabitFactory(user=user, time_of_day=dt.time(9, 0), repeat_limit=21)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 10), status="completed")
    assert habit_stats_get(habit=habit, now=now)["progress"]["repeat_limit"] == 21
    before = list(HabitInstance.objects.values_list("pk", "status", "scheduled_at", "updated_at"))

    habit = habit_update(user=user, habit_id=habit.pk, data={"repeat_limit": 30}, now=now)

    assert (
        list(HabitInstance.objects.values_list("pk", "status", "scheduled_at", "updated_at"))
        == before
    )
    assert habit_stats_get(habit=habit, now=now)["progress"] == {
        "completions": 1,
        "repeat_limit": 30,
        "percent": 3.3,
        "formed": False,
    }
