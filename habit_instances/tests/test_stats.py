import datetime as dt
import math

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from habit_instances.models import HabitInstance
from habit_instances.services import habit_instance_mark_completed
from habit_instances.stats.cache import habit_stats_key
from habit_instances.stats.compute import streaks, strength_multiplier
from habit_instances.stats.selectors import (
    habit_current_streaks,
    habit_stats_get,
    stats_overview_for_user,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC)  # before today's instance is due


def _history(habit, statuses, *, last=dt.date(2026, 3, 10)):
    first = last - dt.timedelta(days=len(statuses) - 1)
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=first + dt.timedelta(days=n), status=s)
        for n, s in enumerate(statuses)
    )


def test_streaks_skip_open_instances_and_break_on_missed_or_expired():
    assert streaks(["completed", "missed", "completed", "completed_late", "pending"]) == (2, 2)
    assert streaks(["completed"] * 3 + ["fix_expired"] + ["completed"]) == (1, 3)
    assert streaks([]) == (0, 0)


def test_strength_multiplier_follows_loop_habit_tracker():
    assert strength_multiplier(1) == pytest.approx(0.5 ** (1 / 13))
    assert strength_multiplier(1 / 7) == pytest.approx(0.5 ** (math.sqrt(1 / 7) / 13))


def test_stats_of_a_mixed_history(user):
    habit = HabitFactory(user=user, repeat_limit=21)
    _history(
        habit, ["completed", "completed_late", "missed", "completed", "completed", "scheduled"]
    )
    stats = habit_stats_get(habit=habit, now=NOW)
    assert (stats["current_streak"], stats["max_streak"]) == (2, 2)
    assert stats["counts"] == {
        "scheduled": 1,
        "pending": 0,
        "completed": 3,
        "completed_late": 1,
        "missed": 1,
        "fix_expired": 0,
        "skipped": 0,
    }
    assert stats["success_rate"] == 0.8
    assert stats["progress"] == {
        "completions": 4,
        "repeat_limit": 21,
        "percent": 19.0,
        "formed": False,
    }
    m = strength_multiplier(1)
    score = 0.0
    for v in [1, 1, 0, 1, 1]:
        score = score * m + v * (1 - m)
    assert stats["strength"]["score"] == pytest.approx(score, abs=1e-4)
    assert len(stats["strength"]["history"]) == 5
    assert len(stats["calendar"]) == 365
    assert stats["calendar"][-1] == {"date": "2026-03-10", "status": "scheduled"}
    assert stats["calendar"][0] == {"date": "2025-03-11", "status": None}
    tuesday = stats["weekdays"][1]  # 2026-03-10 is a Tuesday, its instance is still open
    assert tuesday["name"] == "Tue" and tuesday["due"] == 0
    assert sum(day["due"] for day in stats["weekdays"]) == 5


def test_formed_when_completions_reach_the_limit(user):
    habit = HabitFactory(user=user, repeat_limit=21)
    _history(habit, ["completed"] * 21)
    assert habit_stats_get(habit=habit, now=NOW)["progress"]["formed"] is True


def test_three_years_of_history_is_one_query_then_cached(user, django_assert_num_queries):
    habit = HabitFactory(user=user, start_date=dt.date(2023, 3, 12))
    _history(habit, ["completed", "completed", "missed"] * 365)
    with django_assert_num_queries(1):
        stats = habit_stats_get(habit=habit, now=NOW)
    assert stats["max_streak"] == 2
    with django_assert_num_queries(0):
        assert habit_stats_get(habit=habit, now=NOW) == stats


def test_a_mark_invalidates_the_cache(user):
    habit = HabitFactory(user=user)
    instance = HabitInstanceFactory(habit=habit)
    assert habit_stats_get(habit=habit, now=NOW)["current_streak"] == 0
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=NOW)
    assert cache.get(habit_stats_key(habit.pk)) is None
    assert habit_stats_get(habit=habit, now=NOW)["current_streak"] == 1


def test_editing_the_habit_invalidates_the_cache(auth_client, user):
    habit = HabitFactory(user=user)
    habit_stats_get(habit=habit, now=NOW)
    auth_client.patch(reverse("habit-detail", args=[habit.pk]), {"repeat_limit": 45}, format="json")
    assert cache.get(habit_stats_key(habit.pk)) is None


def test_stats_api_answers_the_cached_shape(auth_client, user):
    habit = HabitFactory(user=user)
    _history(habit, ["completed"] * 3)
    body = auth_client.get(reverse("habit-stats", args=[habit.pk])).json()
    assert body["habit_id"] == habit.pk
    assert set(body) == {
        "habit_id",
        "current_streak",
        "max_streak",
        "counts",
        "success_rate",
        "weekdays",
        "progress",
        "strength",
        "calendar",
    }


def test_stats_of_another_users_habit_is_404(auth_client, other_user):
    assert_error(
        auth_client.get(reverse("habit-stats", args=[HabitFactory(user=other_user).pk])),
        404,
        "not_found",
    )


@pytest.mark.parametrize("pk", [0, 2**63 - 1, 2**63, 10**30])
def test_stats_of_a_missing_or_impossible_habit_id_is_404(auth_client, pk):
    assert_error(auth_client.get(reverse("habit-stats", args=[pk])), 404, "not_found")


def test_warm_stats_need_no_query(auth_client, user, django_assert_num_queries):
    habit = HabitFactory(user=user)
    # Real time (the token is issued now): the history up to tomorrow is final, so the entry
    # stays fresh (freshness.py) whatever the hour.
    _history(
        habit, ["completed", "missed", "completed"], last=timezone.localdate() + dt.timedelta(1)
    )
    url = reverse("habit-stats", args=[habit.pk])
    cold = auth_client.get(url).json()
    # The user comes from its cached snapshot (users.tokens), the habit's owner from the cache
    # while the user's data version holds (stats/cache.py, habit_stats_owner_key).
    with django_assert_num_queries(0):
        assert auth_client.get(url).json() == cold


def test_overview_across_my_habits(user, other_user):
    strong = HabitFactory(user=user, name="Strong")
    weak = HabitFactory(user=user, name="Weak")
    _history(strong, ["completed"] * 9 + ["scheduled"])
    _history(weak, ["missed"] * 9 + ["completed"])
    _history(HabitFactory(user=other_user), ["completed"] * 10)
    overview = stats_overview_for_user(user=user, now=NOW)
    assert overview["today"] == {"done": 1, "total": 2}
    # last 7 days: strong 6 done of 6 final, weak 1 done of 7 final
    assert overview["completion_rate_7d"] == round(7 / 13, 4)
    # last 30 days: the whole history, strong 9 of 9, weak 1 of 10
    assert overview["completion_rate_30d"] == round(10 / 19, 4)
    assert overview["best_streaks"][0] == {
        "habit_id": strong.pk,
        "name": "Strong",
        "current_streak": 9,
    }
    assert overview["strongest"][0]["habit_id"] == strong.pk
    assert overview["weakest"][0]["habit_id"] == weak.pk


def test_overview_api(auth_client, user):
    HabitFactory(user=user)
    body = auth_client.get(reverse("stats-overview")).json()
    assert set(body) == {
        "today",
        "completion_rate_7d",
        "completion_rate_30d",
        "best_streaks",
        "strongest",
        "weakest",
    }


@pytest.mark.parametrize(
    "statuses",
    [
        [],
        ["completed"],
        ["missed"],
        ["completed", "completed_late", "pending"],
        ["completed", "missed", "completed", "fix_expired", "completed", "completed"],
        ["completed", "completed", "fix_expired", "scheduled"],
        ["missed", "completed", "pending", "completed_late"],
    ],
)
def test_current_streaks_in_one_query_match_the_stats(user, statuses, django_assert_num_queries):
    habit = HabitFactory(user=user)
    _history(habit, statuses)
    other = HabitFactory(user=user)
    _history(other, ["completed", "missed", "completed"])
    with django_assert_num_queries(1):
        found = habit_current_streaks(user=user, habit_ids=[habit.pk, other.pk], now=NOW)
    assert found == {
        habit.pk: habit_stats_get(habit=habit, now=NOW)["current_streak"],
        other.pk: 1,
    }
