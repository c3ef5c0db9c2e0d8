import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import redis
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone

from habit_instances.services import habit_instances_advance_statuses
from notifications import habit_events, services
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.services import NotificationRow, quiet_hours_end_after
from notifications.tasks import (
    deliveries_republish_task,
    delivery_send_email_task,
    notifications_digests_create_task,
)
from telegrambot.channel import telegram_pubsub_channel
from tests_support import bind, open_instance

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _row(user, key="k", **kwargs):
    return NotificationRow(
        user_id=user.pk, kind="reminder", title="Time", body="Body", dedupe_key=key, **kwargs
    )


def _channels(user):
    return sorted(
        Delivery.objects.filter(notification__user=user).values_list("channel", flat=True)
    )


def test_no_channel_without_binding_or_email(user, telegram_on):
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert Notification.objects.filter(user=user).count() == 1
    assert _channels(user) == []


def test_telegram_and_email_deliveries_when_enabled_and_available(user, telegram_on):
    bind(user, chat_id=1)
    NotificationSettings.objects.create(user=user, email_enabled=True)
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert _channels(user) == ["email", "telegram"]


def test_telegram_off_without_a_token_or_when_turned_off(user, other_user, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    bind(user, chat_id=1)
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert _channels(user) == ["email"]  # without a bot, email is the default channel
    settings.TELEGRAM_BOT_TOKEN = "t"
    bind(other_user, chat_id=2)
    NotificationSettings.objects.create(user=other_user, telegram_enabled=False)
    services.notifications_write(rows=[_row(other_user)], now=NOW)
    assert _channels(other_user) == []


def test_email_switches_itself_off_with_the_dummy_backend(user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    NotificationSettings.objects.create(user=user, email_enabled=True)
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert _channels(user) == []


def test_the_same_cause_notifies_once(user, telegram_on):
    bind(user, chat_id=1)
    services.notifications_write(rows=[_row(user), _row(user)], now=NOW)
    services.notifications_write(rows=[_row(user)], now=NOW)
    assert Notification.objects.count() == 1 and Delivery.objects.count() == 1


def test_quiet_hours_defer_delivery_to_their_end(user, telegram_on):
    user.timezone = "Asia/Kolkata"  # +5:30: 12:00 UTC is 17:30 local
    user.save()
    bind(user, chat_id=1)
    NotificationSettings.objects.create(
        user=user, quiet_hours_start=time(17, 0), quiet_hours_end=time(19, 0)
    )
    services.notifications_write(rows=[_row(user)], now=NOW)
    delivery = Delivery.objects.get()
    assert delivery.not_before == datetime(2026, 11, 22, 13, 30, tzinfo=UTC)
    assert services.delivery_claim(delivery_id=delivery.pk, channel="telegram", now=NOW) is False
    later = NOW + timedelta(hours=2)
    assert services.delivery_claim(delivery_id=delivery.pk, channel="telegram", now=later)


KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14


@pytest.mark.parametrize(
    "local,expected",
    [
        (
            datetime(2026, 1, 1, 23, 0, tzinfo=KIRITIMATI),
            datetime(2026, 1, 2, 7, 0, tzinfo=KIRITIMATI),
        ),
        (
            datetime(2026, 1, 2, 6, 59, tzinfo=KIRITIMATI),
            datetime(2026, 1, 2, 7, 0, tzinfo=KIRITIMATI),
        ),
        (datetime(2026, 1, 2, 7, 0, tzinfo=KIRITIMATI), None),
        (datetime(2026, 1, 2, 21, 59, tzinfo=KIRITIMATI), None),
    ],
)
def test_quiet_hours_that_wrap_midnight(local, expected):
    got = quiet_hours_end_after(start=time(22, 0), end=time(7, 0), tz=KIRITIMATI, now=local)
    assert got == expected


def test_claims_are_compare_and_set(user, telegram_on):
    bind(user, chat_id=1)
    services.notifications_write(rows=[_row(user)], now=NOW)
    delivery_id = Delivery.objects.get().pk
    assert services.delivery_claim(delivery_id=delivery_id, channel="telegram", now=NOW)
    assert not services.delivery_claim(delivery_id=delivery_id, channel="telegram", now=NOW)
    assert services.delivery_mark_sent(delivery_id=delivery_id, now=NOW)
    assert not services.delivery_mark_sent(delivery_id=delivery_id, now=NOW)
    assert not services.delivery_release(delivery_id=delivery_id, error="x", now=NOW)
    assert Delivery.objects.get().status == "sent"


def test_republish_releases_stale_claims_and_publishes_old_pending_ones(
    user, telegram_on, django_capture_on_commit_callbacks
):
    bind(user, chat_id=1)
    services.notifications_write(rows=[_row(user, "a"), _row(user, "b")], now=NOW)
    stale, fresh = Delivery.objects.order_by("id")
    services.delivery_claim(delivery_id=stale.pk, channel="telegram", now=NOW)
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    pubsub = client.pubsub()
    pubsub.subscribe(telegram_pubsub_channel())
    pubsub.get_message(timeout=1)  # the subscription confirmation
    later = NOW + timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.deliveries_republish(now=later)
    assert result == {"released": 1, "telegram": 2, "email": 0, "push": 0}
    message = pubsub.get_message(timeout=2)
    assert sorted(json.loads(message["data"])["delivery_ids"]) == [stale.pk, fresh.pk]
    pubsub.close()
    client.close()


def test_republish_leaves_recent_and_live_claims_alone(user, telegram_on):
    bind(user, chat_id=1)
    services.notifications_write(rows=[_row(user, "a"), _row(user, "b")], now=NOW)
    claimed = Delivery.objects.order_by("id").first()
    services.delivery_claim(delivery_id=claimed.pk, channel="telegram", now=NOW)
    assert services.deliveries_republish(now=NOW + timedelta(seconds=30)) == {
        "released": 0,
        "telegram": 0,
        "email": 0,
        "push": 0,
    }
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):  # run twice: idempotent
        assert deliveries_republish_task() == {
            "released": 1,
            "telegram": 2,
            "email": 0,
            "push": 0,
        }
        assert deliveries_republish_task() == {
            "released": 0,
            "telegram": 2,
            "email": 0,
            "push": 0,
        }


def test_email_delivery_goes_through_the_email_backend_once(user):
    NotificationSettings.objects.create(user=user, email_enabled=True)
    services.notifications_write(rows=[_row(user)], now=timezone.now())
    delivery = Delivery.objects.get(channel="email")
    assert delivery_send_email_task(delivery.pk) == "sent"
    assert delivery_send_email_task(delivery.pk) == "skipped"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Time"


def test_email_unavailable_at_send_time_fails_clearly(user, settings):
    NotificationSettings.objects.create(user=user, email_enabled=True)
    services.notifications_write(rows=[_row(user)], now=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    delivery = Delivery.objects.get(channel="email")
    assert delivery_send_email_task(delivery.pk) == "failed"
    assert mail.outbox == []


# --- habit events -------------------------------------------------------------------------


def test_an_instance_becoming_pending_writes_a_reminder_in_the_same_transaction(user, telegram_on):
    bind(user, chat_id=1)
    instance = open_instance(
        user, status="scheduled", action="read", place="the armchair", reward_text="tea"
    )
    habit_instances_advance_statuses(now=instance.scheduled_at + timedelta(seconds=1))
    reminder = Notification.objects.get(user=user, kind="reminder")
    assert reminder.title == "Time to read"
    assert reminder.body == "Time to read at the armchair.\nYour reward: tea."
    assert reminder.payload == {
        "instance_id": instance.pk,
        "habit_id": instance.habit_id,
        "actions": ["done", "skip"],
    }
    assert _channels(user) == ["telegram"]


def test_a_pleasant_habit_is_named_in_the_reminder(user):
    from habits.tests.factories import PleasantHabitFactory

    coffee = PleasantHabitFactory(user=user, name="Coffee")
    instance = open_instance(user, reward_text="", related_pleasant_habit=coffee)
    habit_events.notifications_reminders_create(instance_ids=[instance.pk], now=NOW)
    assert "Then enjoy: Coffee." in Notification.objects.get().body


def test_the_grace_nudge_says_how_long_the_fix_window_lasts(user):
    instance = open_instance(user, action="run", place="the park")
    habit_events.notifications_nudges_create(instance_ids=[instance.pk], now=NOW)
    nudge = Notification.objects.get(kind="nudge")
    assert "The fix window lasts 60 minutes" in nudge.body


def test_no_nudge_for_an_instance_already_done(user):
    instance = open_instance(user, status="completed")
    assert habit_events.notifications_nudges_create(instance_ids=[instance.pk], now=NOW) == 0


def test_a_formed_habit_is_congratulated_once(user):
    instance = open_instance(user)
    habit_events.notifications_habit_formed_create(habit_id=instance.habit_id, now=NOW)
    habit_events.notifications_habit_formed_create(habit_id=instance.habit_id, now=NOW)
    assert Notification.objects.get(kind="habit_formed").title.startswith("Habit formed")


def test_the_digest_goes_out_once_at_the_users_local_time(user):
    user.timezone = "America/Sao_Paulo"  # -3
    user.save()
    NotificationSettings.objects.create(user=user, digest_time=time(20, 0))
    at_seven_pm = datetime(2026, 11, 22, 22, 0, tzinfo=UTC)
    assert habit_events.notifications_digests_create(now=at_seven_pm) == 0
    at_eight_pm = datetime(2026, 11, 22, 23, 5, tzinfo=UTC)
    assert habit_events.notifications_digests_create(now=at_eight_pm) == 1
    assert habit_events.notifications_digests_create(now=at_eight_pm) == 0
    digest = Notification.objects.get(kind="digest")
    assert digest.dedupe_key == "digest:2026-11-22"
    with time_machine.travel(at_eight_pm, tick=False):
        assert notifications_digests_create_task() == 0
