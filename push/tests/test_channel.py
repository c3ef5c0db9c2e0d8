"""Push as the outbox's third channel: deliveries written with the notification for users with a
device and push on; check-ins too; the switch in the notification settings; the keys' command."""

import json
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from atomic_habits_tracker.vapid_file import vapid_keys_from_file
from notifications.checkins import checkin_schedule_update, checkins_send
from notifications.models import CheckinSchedule, Delivery, NotificationSettings
from notifications.services import NotificationRow, notifications_write
from push.sender import PUSH
from push.tasks import delivery_send_push_task
from tests_support import assert_error, open_instance

pytestmark = pytest.mark.django_db


def _write(user, key="k"):
    notifications_write(
        rows=[NotificationRow(user_id=user.pk, kind="digest", title="T", body="B", dedupe_key=key)],
        now=timezone.now(),
    )
    return Delivery.objects.filter(notification__user=user, channel=PUSH)


def test_a_user_with_a_device_gets_a_push_delivery_published_after_commit(
    user, other_user, subscribe, push_service, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(delivery_send_push_task, "delay", queued.append)
    subscribe(user, "phone")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        deliveries = _write(user)
        assert not _write(other_user, key="k2").exists()  # no device: no push delivery
    assert deliveries.count() == 1 and queued == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert queued == [deliveries.get().pk]


def test_push_turned_off_in_the_settings_gets_no_delivery(user, subscribe, push_service):
    subscribe(user, "phone")
    NotificationSettings.objects.create(user=user, push_enabled=False)
    assert not _write(user).exists()


def test_a_server_without_keys_writes_no_push_delivery(user, subscribe, push_service, settings):
    subscribe(user, "phone")
    settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    assert not _write(user).exists()


def test_check_ins_reach_push_too(user, subscribe, push_service):
    subscribe(user, "phone")
    now = timezone.now()
    open_instance(user, now=now)
    checkin_schedule_update(
        user=user, times=[time(0, 0)], frequency="daily", weekday=None, now=now - timedelta(days=2)
    )
    CheckinSchedule.objects.filter(user=user).update(next_checkin_at=now - timedelta(minutes=1))
    checkins_send(now=now)
    delivery = Delivery.objects.get(
        notification__user=user, notification__kind="checkin", channel=PUSH
    )
    assert delivery_send_push_task(delivery.pk) == Delivery.Status.SENT
    assert push_service.received[0].payload["kind"] == "checkin"


def test_the_settings_take_push_enabled_and_say_whether_push_works(
    auth_client, user, subscribe, push_service
):
    subscribe(user, "phone")
    shown = auth_client.get("/api/settings/notifications/").json()
    assert shown["push_enabled"] is True and shown["push_available"] is True
    assert "push" in shown["delivering_channels"]
    body = {
        "telegram_enabled": False,
        "email_enabled": False,
        "push_enabled": False,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
    }
    saved = auth_client.put("/api/settings/notifications/", body, format="json").json()
    assert saved["push_enabled"] is False and "push" not in saved["delivering_channels"]
    del body["push_enabled"]  # a client that does not know push keeps the choice
    assert (
        auth_client.put("/api/settings/notifications/", body, format="json").json()["push_enabled"]
        is False
    )


def test_push_enabled_must_be_a_json_boolean(auth_client):
    body = {
        "telegram_enabled": False,
        "email_enabled": False,
        "push_enabled": "yes",
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
    }
    assert_error(
        auth_client.put("/api/settings/notifications/", body, format="json"),
        400,
        "invalid",
        "push_enabled",
    )


def test_without_keys_the_settings_say_push_is_unavailable(auth_client):
    assert auth_client.get("/api/settings/notifications/").json()["push_available"] is False


def test_the_keys_command_prints_a_pair_and_writes_the_file_the_settings_read(tmp_path, capsys):
    call_command("push_vapid_keys")
    printed = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    assert (
        len(printed["WEBPUSH_VAPID_PUBLIC_KEY"]) == 87
        and len(printed["WEBPUSH_VAPID_PRIVATE_KEY"]) == 43
    )
    path = tmp_path / "var" / "webpush-vapid.json"
    call_command("push_vapid_keys", "--write", str(path))
    stored = vapid_keys_from_file(path)
    assert stored == json.loads(path.read_text()) and stored["private_key"]
    assert path.stat().st_mode & 0o077 == 0  # the owner's only
    assert vapid_keys_from_file(tmp_path / "missing.json") == {}


def test_export_and_wipe(user, subscribe, push_service):
    from core.user_data import user_data_sections

    subscribe(user, "phone")
    section = next(s for s in user_data_sections() if s.name == "push_subscriptions")
    exported = section.export(user)
    assert exported[0]["user_agent"] == "Test browser phone" and "auth" not in exported[0]
    section.wipe(user)
    assert section.export(user) == []
