import datetime as dt

import pytest
import time_machine
from django.db import InterfaceError, OperationalError
from django_celery_beat.models import PeriodicTask

from atomic_habits_tracker.celery import app
from habit_instances import services
from habit_instances.models import HabitInstance
from habit_instances.tasks import (
    ADVANCE_STATUSES,
    GENERATE_TODAY,
    habit_instances_advance_task,
    habit_instances_generate_chunk_task,
    habit_instances_generate_today_task,
)
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def eager(settings):
    settings.HABIT_GENERATION_CHUNK_SIZE = 2
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_generate_today_fans_out_in_chunks_and_is_idempotent(eager):
    users = [UserFactory(timezone=zone) for zone in ["UTC", "Asia/Kolkata", "Pacific/Pago_Pago"]]
    for user in users:
        HabitFactory(user=user, time_of_day=dt.time(12, 0))
    with time_machine.travel(NOW, tick=False):
        assert habit_instances_generate_today_task() == 2  # 3 users, chunks of 2
        first = sorted(HabitInstance.objects.values_list("habit__user__timezone", "date"))
        habit_instances_generate_today_task()
    assert sorted(HabitInstance.objects.values_list("habit__user__timezone", "date")) == first
    assert first == [
        ("Asia/Kolkata", dt.date(2026, 3, 10)),
        ("Pacific/Pago_Pago", dt.date(2026, 3, 9)),
        ("UTC", dt.date(2026, 3, 10)),
    ]


def test_advance_task_twice_gives_the_same_result(eager):
    user = UserFactory()
    HabitFactory(user=user, time_of_day=dt.time(1, 0))
    with time_machine.travel(NOW, tick=False):
        habit_instances_generate_today_task()
        assert habit_instances_advance_task() == {"fix_expired": 0, "pending": 1, "grace_passed": 0}
        assert habit_instances_advance_task() == {"fix_expired": 0, "pending": 0, "grace_passed": 0}
    assert HabitInstance.objects.get().status == "pending"


def test_periodic_tasks_are_registered_with_expiry_below_their_interval():
    tasks = {
        t.task: t for t in PeriodicTask.objects.filter(task__in=[GENERATE_TODAY, ADVANCE_STATUSES])
    }
    assert tasks[GENERATE_TODAY].interval.every == 15
    assert tasks[ADVANCE_STATUSES].interval.every == 1
    for task in tasks.values():
        assert task.enabled
        assert task.expire_seconds < task.interval.every * 60


def _failing_first(monkeypatch, errors):
    """The chunk's service raises these errors on its first calls, then runs for real. A stand-in
    for our own service only because a dropped connection cannot be produced on demand."""
    real = services.habit_instances_generate_for_users
    calls = []

    def generate(**kwargs):
        calls.append(kwargs)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return real(**kwargs)

    monkeypatch.setattr(services, "habit_instances_generate_for_users", generate)
    return calls


@pytest.mark.parametrize("error", [OperationalError("server closed"), InterfaceError("gone")])
def test_generate_chunk_retries_a_transient_database_error(eager, monkeypatch, user, error):
    HabitFactory(user=user, time_of_day=dt.time(12, 0))
    calls = _failing_first(monkeypatch, [error, error])
    with time_machine.travel(NOW, tick=False):
        habit_instances_generate_chunk_task.delay([user.pk])
    assert len(calls) == 3
    assert HabitInstance.objects.count() == 1


def test_generate_chunk_does_not_retry_a_bug(eager, monkeypatch, user):
    calls = _failing_first(monkeypatch, [ValueError("a bug")])
    result = habit_instances_generate_chunk_task.delay([user.pk])
    assert result.failed() and isinstance(result.result, ValueError)
    assert len(calls) == 1
