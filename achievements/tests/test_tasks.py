"""The beat task caches the share of users per achievement with one aggregate query; it is
registered by migration; running it twice changes nothing."""

import pytest
from django.core.cache import cache
from django_celery_beat.models import PeriodicTask

from achievements.selectors import PERCENTAGES_CACHE_KEY
from achievements.services import achievements_evaluate_for_user
from achievements.tasks import (
    REFRESH_PERCENTAGES,
    achievements_evaluate_user_task,
    achievements_refresh_percentages_task,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_refresh_is_registered_in_beat_by_migration():
    task = PeriodicTask.objects.get(name="achievements.refresh_percentages")
    assert task.task == REFRESH_PERCENTAGES
    assert task.enabled and task.expire_seconds < task.interval.every * 60


def test_the_refresh_counts_holders_of_every_achievement_in_one_query(
    catalogue, django_assert_num_queries
):
    holders = [UserFactory() for _ in range(2)]
    UserFactory()  # holds nothing
    UserFactory(is_active=False)  # not counted
    for user in holders:
        HabitInstanceFactory(habit=HabitFactory(user=user), status="completed")
        achievements_evaluate_for_user(user_id=user.pk, now=user.date_joined)
    cache.delete(PERCENTAGES_CACHE_KEY)
    with django_assert_num_queries(1):
        achievements_refresh_percentages_task()
    cached = cache.get(PERCENTAGES_CACHE_KEY)
    assert cached["users"] == 3
    assert cached["holders"]["first_completion"] == 2
    assert cached["holders"]["streak_100"] == 0
    achievements_refresh_percentages_task()
    assert cache.get(PERCENTAGES_CACHE_KEY) == cached


def test_the_evaluation_task_twice_awards_once(catalogue, user):
    HabitInstanceFactory(habit=HabitFactory(user=user), status="completed")
    assert "first_completion" in achievements_evaluate_user_task(user.pk)
    assert achievements_evaluate_user_task(user.pk) == []
