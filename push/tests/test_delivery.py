"""The push channel against the local push service: one delivery per notification, fanned out
to the user's devices, sent once, retried with backoff, gone subscriptions deleted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Delivery
from notifications.services import NotificationRow, deliveries_republish, notifications_write
from push.models import PushSend, PushSubscription
from push.sender import PUSH, delivery_send_push
from push.tasks import delivery_send_push_task
from tests_support import open_instance

pytestmark = pytest.mark.django_db


def _reminder(user, *, instance=None, kind="reminder", key="reminder:1", now=None) -> Delivery:
    payload = {}
    if instance is not None:
        payload = {
            "instance_id": instance.pk,
            "habit_id": instance.habit_id,
            "actions": ["done", "skip"],
        }
    notifications_write(
        rows=[
            NotificationRow(
                user_id=user.pk,
                kind=kind,
                title="Time to read",
                body="Time to read at home.",
                dedupe_key=key,
                payload=payload,
            )
        ],
        now=now or timezone.now(),
    )
    return Delivery.objects.get(channel=PUSH, notification__dedupe_key=key)


def test_a_reminder_reaches_each_device_once_signed_and_encrypted(user, subscribe, push_service):
    now = timezone.now()
    instance = open_instance(user, now=now)
    subscribe(user, "phone")
    subscribe(user, "laptop")
    delivery = _reminder(user, instance=instance, now=now)

    assert delivery_send_push(delivery_id=delivery.pk, now=now) == Delivery.Status.SENT

    assert push_service.refused == []
    assert sorted(r.device for r in push_service.received) == ["laptop", "phone"]
    got = push_service.for_device("phone")[0]
    assert got.payload["title"] == "Time to read"
    assert got.payload["instance_id"] == instance.pk
    assert [a["action"] for a in got.payload["actions"]] == ["done", "skip"]
    assert got.payload["token"] and got.payload["tag"] == f"instance-{instance.pk}"
    # TTL: until the fix deadline (two hours); within an hour of it would be high
    assert 7100 <= int(got.headers["TTL"]) <= 7200
    assert got.headers["Urgency"] == "normal"
    assert got.headers["Topic"] == f"instance-{instance.pk}"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1
    assert PushSend.objects.filter(delivery=delivery, outcome="sent").count() == 2


def test_a_reminder_close_to_its_deadline_is_urgent(user, subscribe, push_service):
    now = timezone.now()
    instance = open_instance(user, now=now)
    subscribe(user, "phone")
    delivery = _reminder(user, instance=instance, now=now)
    later = instance.fix_deadline - timedelta(minutes=30)
    delivery_send_push(delivery_id=delivery.pk, now=later)
    headers = push_service.received[0].headers
    assert headers["Urgency"] == "high" and 1700 <= int(headers["TTL"]) <= 1800


def test_a_reminder_past_its_fix_deadline_is_not_pushed(user, subscribe, push_service):
    now = timezone.now()
    instance = open_instance(user, now=now)
    subscribe(user, "phone")
    delivery = _reminder(user, instance=instance, now=now)
    status = delivery_send_push(
        delivery_id=delivery.pk, now=instance.fix_deadline + timedelta(seconds=1)
    )
    assert status == Delivery.Status.FAILED and push_service.received == []


def test_a_check_in_has_its_own_topic_and_a_short_ttl(user, subscribe, push_service):
    subscribe(user, "phone")
    delivery = _reminder(user, kind="checkin", key="checkin:1")
    delivery_send_push(delivery_id=delivery.pk, now=timezone.now())
    got = push_service.received[0]
    assert got.headers["Topic"] == "checkin" and got.headers["TTL"] == "3600"
    assert "token" not in got.payload


def test_the_task_run_twice_sends_once(user, subscribe, push_service):
    subscribe(user, "phone")
    delivery = _reminder(user)
    assert delivery_send_push_task(delivery.pk) == Delivery.Status.SENT
    assert delivery_send_push_task(delivery.pk) == "skipped"
    assert len(push_service.received) == 1


def test_a_gone_subscription_is_deleted(user, subscribe, push_service):
    gone = subscribe(user, "old-phone")
    subscribe(user, "laptop")
    push_service.answer("old-phone", 410)
    delivery = _reminder(user)
    assert delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.SENT
    assert not PushSubscription.objects.filter(pk=gone.pk).exists()
    assert [r.device for r in push_service.received] == ["laptop"]


def test_a_404_with_no_other_device_fails_the_delivery(user, subscribe, push_service):
    subscribe(user, "phone")
    push_service.answer("phone", 404)
    delivery = _reminder(user)
    assert delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.FAILED
    assert not PushSubscription.objects.filter(user=user).exists()


def test_429_is_retried_after_backoff_and_only_to_the_device_that_asked(
    user, subscribe, push_service, settings
):
    settings.WEBPUSH_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATIONS_REPUBLISH_AFTER_SECONDS = 0
    subscribe(user, "phone")
    subscribe(user, "laptop")
    push_service.answer("phone", 429, retry_after=30)
    push_service.answer("laptop", 503)
    push_service.answer("laptop", 503)
    now = timezone.now()
    delivery = _reminder(user, now=now)

    assert delivery_send_push(delivery_id=delivery.pk, now=now) == Delivery.Status.PENDING
    delivery.refresh_from_db()
    assert delivery.not_before == now + timedelta(seconds=60)  # backoff beats Retry-After 30
    assert "429" in delivery.last_error and "503" in delivery.last_error
    # not due before its backoff: a run now is refused by the claim
    assert delivery_send_push(delivery_id=delivery.pk, now=now + timedelta(seconds=59)) == "skipped"

    second = now + timedelta(seconds=60)
    assert delivery_send_push(delivery_id=delivery.pk, now=second) == Delivery.Status.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.not_before == second + timedelta(seconds=120)
    assert [r.device for r in push_service.received] == ["phone"]

    third = second + timedelta(seconds=120)
    # the republish task finds it due again and hands it to the channel
    assert deliveries_republish(now=third)[PUSH] == 1
    assert delivery_send_push(delivery_id=delivery.pk, now=third) == Delivery.Status.SENT
    assert sorted(r.device for r in push_service.received) == ["laptop", "phone"]


def test_retry_after_longer_than_the_backoff_is_honoured(user, subscribe, push_service, settings):
    settings.WEBPUSH_RETRY_BASE_SECONDS = 60
    subscribe(user, "phone")
    push_service.answer("phone", 429, retry_after=600)
    now = timezone.now()
    delivery = _reminder(user, now=now)
    delivery_send_push(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db()
    assert delivery.not_before == now + timedelta(seconds=600)


def test_retries_give_up_after_the_maximum_attempts(user, subscribe, push_service, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1
    subscribe(user, "phone")
    push_service.answer("phone", 500)
    delivery = _reminder(user)
    delivery_send_push(delivery_id=delivery.pk, now=timezone.now())
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and "gave up" in delivery.last_error


def test_413_is_refused_for_good_not_retried(user, subscribe, push_service):
    subscription = subscribe(user, "phone")
    push_service.answer("phone", 413)
    delivery = _reminder(user)
    assert delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.FAILED
    delivery.refresh_from_db()
    assert "413" in delivery.last_error
    assert PushSend.objects.get(delivery=delivery).outcome == PushSend.Outcome.REJECTED
    assert PushSubscription.objects.filter(pk=subscription.pk).exists()


def test_an_unreachable_push_service_is_retried(user, subscribe, push_service):
    subscription = subscribe(user, "phone")
    PushSubscription.objects.filter(pk=subscription.pk).update(endpoint="http://127.0.0.1:9/push/x")
    delivery = _reminder(user)
    assert (
        delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.PENDING
    )


def test_a_push_signed_with_another_key_is_refused_by_the_push_service(
    user, subscribe, push_service, settings, vapid_keys
):
    subscribe(user, "phone")
    push_service.vapid_public_key = "another-key"
    delivery = _reminder(user)
    assert delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.FAILED
    assert push_service.refused == ["k is not the server's public key"]


def test_push_switched_off_after_writing_fails_the_delivery_clearly(
    user, subscribe, push_service, settings
):
    subscribe(user, "phone")
    delivery = _reminder(user)
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert delivery_send_push(delivery_id=delivery.pk, now=timezone.now()) == Delivery.Status.FAILED
    delivery.refresh_from_db()
    assert delivery.last_error == "push is not configured"
