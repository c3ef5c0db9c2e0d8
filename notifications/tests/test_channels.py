"""The channel registry: a channel is one registration; the outbox writes, publishes and
republishes its deliveries without knowing it."""

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from notifications import channels, services
from notifications.channels import Channel
from notifications.models import Delivery, NotificationSettings
from notifications.services import NotificationRow
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def pigeon(monkeypatch):
    """A third channel that reaches only the users in `reached` and records what it is given."""
    published: list[list[int]] = []
    reached: set[int] = set()
    monkeypatch.setitem(
        channels._channels,
        "pigeon",
        Channel(
            name="pigeon",
            preference="telegram_enabled",
            is_configured=lambda: True,
            publish=published.append,
            reachable_user_ids=lambda *, user_ids: reached,
            default_rank=-1,  # the channel on by default, as Telegram is with a bot
        ),
    )
    return published, reached


def _row(user, key="k"):
    return NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=key)


def test_a_registered_channel_gets_deliveries_for_the_users_it_reaches(
    pigeon, django_capture_on_commit_callbacks
):
    published, reached = pigeon
    near, far, declined = UserFactory(), UserFactory(), UserFactory()
    reached.update({near.pk, declined.pk})
    NotificationSettings.objects.create(user=declined, telegram_enabled=False)  # its preference
    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_write(rows=[_row(near), _row(far), _row(declined)], now=NOW)
    ids = list(Delivery.objects.filter(channel="pigeon").values_list("pk", flat=True))
    assert Delivery.objects.get(pk__in=ids).notification.user == near
    assert published == [ids]


def test_a_channel_the_server_cannot_send_on_gets_no_deliveries(pigeon, monkeypatch):
    _, reached = pigeon
    user = UserFactory()
    reached.add(user.pk)
    unconfigured = replace(channels._channels["pigeon"], is_configured=lambda: False)
    monkeypatch.setitem(channels._channels, "pigeon", unconfigured)
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert not Delivery.objects.filter(channel="pigeon").exists()


def test_the_republish_task_covers_every_registered_channel(pigeon):
    published, reached = pigeon
    user = UserFactory()
    reached.add(user.pk)
    services.notifications_write(rows=[_row(user)], now=NOW)
    later = NOW + timedelta(minutes=5)
    assert services.deliveries_republish(now=later)["pigeon"] == 1


def test_a_channel_that_fails_to_publish_does_not_stop_the_others(
    pigeon, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    published, reached = pigeon

    def broken(ids):
        raise ConnectionError("broker away")

    # registered before pigeon, so it is published first: its failure must not stop the loop
    working = channels._channels["pigeon"]
    monkeypatch.delitem(channels._channels, "pigeon")
    monkeypatch.setitem(
        channels._channels, "broken", Channel("broken", "telegram_enabled", lambda: True, broken)
    )
    monkeypatch.setitem(channels._channels, "pigeon", working)
    assert [c.name for c in channels.channels_registered()][-2:] == ["broken", "pigeon"]
    user = UserFactory()
    reached.add(user.pk)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        services.notifications_write(rows=[_row(user)], now=NOW)
    assert Delivery.objects.filter(channel="broken").count() == 1  # the row waits for republish
    assert len(published) == 1
    assert "Could not publish broken deliveries" in caplog.text
