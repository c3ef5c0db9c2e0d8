"""Evaluations of one user at once (the same completion's event delivered to several workers):
exactly one row per achievement, one notification, one bonus (PostgreSQL: the unique index
makes the second INSERT wait for the first and then insert nothing)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from achievements.models import UserAchievement
from achievements.services import achievements_evaluate_for_user, achievements_sync
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.models import Notification
from rewards.models import CoinEntry

THREADS = 8


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_eight_evaluations_at_once_award_each_achievement_once(user):
    achievements_sync()
    HabitInstanceFactory(habit=HabitFactory(user=user), status="completed")
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def evaluate():
        try:
            barrier.wait()
            results.append(achievements_evaluate_for_user(user_id=user.pk, now=timezone.now()))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=evaluate) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    awarded = sorted(code for codes in results for code in codes)
    assert awarded == ["first_completion", "first_habit"]  # once, across all threads
    assert UserAchievement.objects.filter(user=user).count() == 2
    assert Notification.objects.filter(user=user, kind="achievement_earned").count() == 2
    assert CoinEntry.objects.filter(user=user, kind="achievement_bonus").count() == 2
