"""The daily journal nudge: off by default, at the user's local time through the outbox, once a
day, not when the day already has an entry; set through the notification settings API."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse

from journal.services.nudges import journal_nudges_send
from journal.tests.factories import JournalEntryFactory
from notifications.models import Notification, NotificationSettings
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = reverse("notification-settings")


def _nudged(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user, kind="journal_nudge").values_list(
            "dedupe_key", flat=True
        )
    )


def test_a_nudge_at_the_users_local_time_once_a_day():
    user = UserFactory(timezone="Asia/Kolkata")
    NotificationSettings.objects.create(user=user, journal_nudge_time=time(21, 0))
    UserFactory()  # no settings: off by default
    before = datetime(2026, 4, 1, 15, 29, tzinfo=UTC)  # 20:59 in Kolkata
    at = datetime(2026, 4, 1, 15, 30, tzinfo=UTC)  # 21:00
    assert journal_nudges_send(now=before) == 0
    assert journal_nudges_send(now=at) == 1
    assert journal_nudges_send(now=at) == 0  # run twice: once
    assert _nudged(user) == ["journal_nudge:2026-04-01"]
    assert Notification.objects.count() == 1
    # more than the window late (beat was down): not sent
    late = datetime(2026, 4, 2, 16, 31, tzinfo=UTC)
    assert journal_nudges_send(now=late) == 0


def test_no_nudge_when_the_day_already_has_an_entry():
    user = UserFactory(timezone="America/New_York")
    NotificationSettings.objects.create(user=user, journal_nudge_time=time(22, 0))
    JournalEntryFactory(user=user, date=date(2026, 3, 8))
    assert journal_nudges_send(now=datetime(2026, 3, 9, 2, 5, tzinfo=UTC)) == 0  # 22:05 EDT
    assert journal_nudges_send(now=datetime(2026, 3, 10, 2, 5, tzinfo=UTC)) == 1  # next day
    assert _nudged(user) == ["journal_nudge:2026-03-09"]


def test_the_nudge_time_is_a_notification_setting_kept_when_left_out(auth_client, user):
    assert auth_client.get(SETTINGS).json()["journal_nudge_time"] is None
    body = {
        "telegram_enabled": True,
        "email_enabled": False,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
    }
    response = auth_client.put(SETTINGS, {**body, "journal_nudge_time": "21:30"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["journal_nudge_time"] == "21:30:00"
    assert auth_client.put(SETTINGS, body, format="json").json()["journal_nudge_time"] == "21:30:00"
    off = auth_client.put(SETTINGS, {**body, "journal_nudge_time": None}, format="json")
    assert off.json()["journal_nudge_time"] is None
    bad = auth_client.put(SETTINGS, {**body, "journal_nudge_time": "9pm"}, format="json")
    assert bad.status_code == 400 and "journal_nudge_time" in bad.json()["error"]["fields"]
