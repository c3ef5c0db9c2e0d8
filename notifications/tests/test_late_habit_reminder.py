"""A habit made (or moved) after its time today is reminded once (issue 12, item 16): the sweep
that finds its instance already past grace writes one reminder to the outbox, not "Time to…"
and "Still time to…" in the same minute, and no nudge follows later."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from habit_instances.models import HabitInstance
from habit_instances.tasks import habit_instances_advance_task
from notifications.models import Delivery, Notification
from tests_support import bind, client_for

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # the user's zone is UTC
BODY = {
    "name": "Stretch",
    "action": "stretch",
    "place": "the desk",
    "reward_text": "tea",
    "grace_minutes": 30,
}


def _sweep(at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        habit_instances_advance_task()


def _outbox(user) -> list[tuple[str, str]]:
    return sorted(
        Delivery.objects.filter(notification__user=user).values_list(
            "notification__kind", "channel"
        )
    )


def test_a_habit_created_after_its_grace_today_sends_one_reminder(user, telegram_on):
    bind(user, chat_id=7)
    with time_machine.travel(NOW, tick=False):
        auth_client = client_for(user)
        created = auth_client.post(
            reverse("habit-list"), {**BODY, "time_of_day": "10:00"}, format="json"
        )
    assert created.status_code == 201, created.content
    _sweep(NOW + timedelta(seconds=30))
    _sweep(NOW + timedelta(seconds=90))  # twice: idempotent
    _sweep(NOW + timedelta(minutes=20))  # later sweeps do not nudge either
    instance = HabitInstance.objects.get(habit_id=created.json()["id"])
    assert instance.status == "pending"
    assert list(Notification.objects.filter(user=user).values_list("kind", "title")) == [
        ("reminder", "Time to stretch")
    ]
    assert _outbox(user) == [("reminder", "telegram")]


def test_moving_todays_time_into_the_past_sends_one_reminder(user, telegram_on):
    bind(user, chat_id=7)
    with time_machine.travel(NOW, tick=False):
        auth_client = client_for(user)
        habit_id = auth_client.post(
            reverse("habit-list"), {**BODY, "time_of_day": "18:00"}, format="json"
        ).json()["id"]
        moved = auth_client.patch(
            reverse("habit-detail", args=[habit_id]), {"time_of_day": "11:00"}, format="json"
        )
    assert moved.status_code == 200, moved.content
    _sweep(NOW + timedelta(seconds=30))
    assert _outbox(user) == [("reminder", "telegram")]


def test_a_habit_due_later_today_still_gets_its_reminder_and_then_its_nudge(user, telegram_on):
    """The ordinary day is unchanged: the reminder at its time, the nudge when grace passes."""
    bind(user, chat_id=7)
    with time_machine.travel(NOW, tick=False):
        auth_client = client_for(user)
        auth_client.post(reverse("habit-list"), {**BODY, "time_of_day": "12:10"}, format="json")
    _sweep(NOW + timedelta(minutes=10, seconds=30))
    assert _outbox(user) == [("reminder", "telegram")]
    _sweep(NOW + timedelta(minutes=41))
    assert _outbox(user) == [("nudge", "telegram"), ("reminder", "telegram")]
