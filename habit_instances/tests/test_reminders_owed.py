"""The sweep owes the reminders of the instances it moved to pending and announces them after its
transaction (services/sweeps.py): once each, never lost, not for an instance marked meanwhile."""

import threading

import pytest
from django.db import connection

from habit_instances.models import HabitInstance, InstanceStatus, ReminderOwed
from habit_instances.services import (
    habit_instances_advance_statuses,
    habit_instances_announce_owed,
    habit_instances_sweep,
    sweeps,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _reminded() -> list[int]:
    return sorted(
        Notification.objects.filter(kind=Notification.Kind.REMINDER).values_list(
            "payload__instance_id", flat=True
        )
    )


def _due(user, count: int) -> list[HabitInstance]:
    return [HabitInstanceFactory(habit=HabitFactory(user=user)) for _ in range(count)]


def test_the_sweep_owes_the_reminders_and_writes_none_in_its_transaction(user):
    due = _due(user, 2)
    moved = habit_instances_sweep(now=due[0].scheduled_at)
    assert moved["pending"] == 2
    assert _reminded() == []
    assert sorted(ReminderOwed.objects.values_list("instance_id", flat=True)) == [
        instance.pk for instance in due
    ]


def test_reminders_owed_by_a_sweep_that_crashed_before_announcing_go_out_once_later(user):
    """The sweep committed, the process died before the announcements: the next run sends them,
    and a second announcing run finds nothing left."""
    due = _due(user, 3)
    now = due[0].scheduled_at
    habit_instances_sweep(now=now)  # ... and the worker died here
    assert habit_instances_advance_statuses(now=now)["pending"] == 0  # the next beat
    assert _reminded() == sorted(instance.pk for instance in due)
    assert habit_instances_announce_owed(now=now) == 0
    assert _reminded() == sorted(instance.pk for instance in due)
    assert not ReminderOwed.objects.exists()


def test_an_instance_marked_before_its_reminder_went_out_gets_none(user):
    done, still_due = _due(user, 2)
    now = done.scheduled_at
    habit_instances_sweep(now=now)
    HabitInstance.objects.filter(pk=done.pk).update(status=InstanceStatus.COMPLETED)
    assert habit_instances_announce_owed(now=now) == 1
    assert _reminded() == [still_due.pk]


def test_an_owed_id_whose_instance_is_gone_is_dropped(user):
    (instance,) = _due(user, 1)
    habit_instances_sweep(now=instance.scheduled_at)
    instance.habit.delete()
    assert habit_instances_announce_owed(now=instance.scheduled_at) == 0
    assert not ReminderOwed.objects.exists()


def test_owed_reminders_are_announced_in_batches_until_none_is_left(user, monkeypatch):
    monkeypatch.setattr(sweeps, "OWED_BATCH", 2)
    due = _due(user, 5)
    habit_instances_advance_statuses(now=due[0].scheduled_at)
    assert _reminded() == sorted(instance.pk for instance in due)
    assert not ReminderOwed.objects.exists()


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_two_drains_at_once_write_each_reminder_once(user, monkeypatch):
    monkeypatch.setattr(sweeps, "OWED_BATCH", 3)
    due = _due(user, 12)
    now = due[0].scheduled_at
    habit_instances_sweep(now=now)
    barrier = threading.Barrier(2)
    announced = []

    def drain():
        try:
            barrier.wait()
            announced.append(habit_instances_announce_owed(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(announced) == 12
    assert _reminded() == sorted(instance.pk for instance in due)
