"""The Web Push channel: one delivery per notification, as every channel's, fanned out to the
user's subscribed devices with pywebpush (VAPID-signed, aes128gcm-encrypted).

Sent once: the delivery is claimed compare-and-set like email's (a second task run, or the
republish task racing a retry, finds it taken), and each device's answer is written as a
PushSend row as soon as it arrives, so a retry of the delivery (a 429 or 5xx from one device's
push service) goes only to the devices that have not answered for good yet. A worker that dies
between a push service's 201 and that row sends to that one device again after the lease; the
notification's tag (= the topic) makes the browser replace it rather than show it twice.

Answers: 201/202 sent; 404/410 the subscription is gone (deleted); 429/5xx and network errors are
retried with backoff; 413 and other 4xx are refused for good for that device.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from django.conf import settings
from pywebpush import WebPushException, webpush

from notifications.models import Delivery
from notifications.services import (
    delivery_claim,
    delivery_mark_failed,
    delivery_mark_sent,
    delivery_release,
)
from push.message import PushMessage, push_message_for
from push.models import PushSend, PushSubscription
from push.vapid import push_configured, vapid_signer

logger = logging.getLogger(__name__)

PUSH = "push"
GONE = frozenset({404, 410})


@dataclass(frozen=True)
class Answer:
    """What one push service said about one message to one device."""

    outcome: str  # "sent" | "gone" | "retry" | "rejected"
    status_code: int = 0  # 0: no HTTP answer (network error)
    retry_after: int | None = None
    error: str = ""


def _retry_after(response) -> int | None:
    value = (response.headers or {}).get("Retry-After", "")
    return int(value) if value.strip().isdigit() else None


def push_post(subscription: PushSubscription, message: PushMessage) -> Answer:
    """POSTs `message` to the subscription's push service and sorts the answer."""
    try:
        response = webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=message.encoded(),
            vapid_private_key=vapid_signer(),
            # a new dict each time: webpush writes the audience and expiry into it
            vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
            ttl=message.ttl,
            headers={"Urgency": message.urgency, "Topic": message.topic},
            timeout=settings.WEBPUSH_TIMEOUT_SECONDS,
        )
    except WebPushException as exc:
        response = exc.response
        if response is None:  # keys pywebpush cannot encrypt to: nothing a retry changes
            return Answer("rejected", error=f"cannot encrypt: {exc.message}")
    except requests.RequestException as exc:
        return Answer("retry", error=f"{type(exc).__name__}: {exc}")
    code = response.status_code
    if code <= 202:
        return Answer("sent", code)
    error = f"{code} {response.reason}: {response.text[:200]}"
    if code in GONE:
        return Answer("gone", code, error=error)
    if code == 429 or code >= 500:
        return Answer("retry", code, retry_after=_retry_after(response), error=error)
    return Answer("rejected", code, error=error)  # 413 too large, 400, 401/403 (a key mismatch)


def retry_delay(*, attempts: int, retry_after: int | None) -> timedelta:
    """Exponential backoff from the delivery's attempts, or the push service's Retry-After when
    it asks for longer; never more than WEBPUSH_RETRY_MAX_SECONDS."""
    backoff = settings.WEBPUSH_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    seconds = max(backoff, retry_after or 0)
    return timedelta(seconds=min(seconds, settings.WEBPUSH_RETRY_MAX_SECONDS))


def push_answer_record(
    *, subscription: PushSubscription, answer: Answer, delivery_id: int | None, now: datetime
) -> None:
    """What an answer changes: a gone subscription is deleted; a final answer to a delivery is
    written down so that a retry skips that device."""
    if answer.outcome == "gone":
        logger.info("Push subscription %s is gone (%s): deleted", subscription.pk, answer.error)
        PushSubscription.objects.filter(pk=subscription.pk).delete()
        return
    if answer.outcome == "sent":
        PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
    if answer.outcome in ("sent", "rejected") and delivery_id is not None:
        PushSend.objects.bulk_create(
            [
                PushSend(
                    delivery_id=delivery_id,
                    subscription_id=subscription.pk,
                    outcome=answer.outcome,
                    status_code=answer.status_code,
                    created_at=now,
                )
            ],
            ignore_conflicts=True,
        )


def delivery_send_push(*, delivery_id: int, now: datetime) -> str:
    """Sends one push delivery to every device of its user that has not answered for good.
    Returns the resulting status ("skipped" when another sender has it)."""
    if not delivery_claim(delivery_id=delivery_id, channel=PUSH, now=now):
        return "skipped"
    delivery = Delivery.objects.select_related("notification").get(pk=delivery_id)
    if not push_configured():
        delivery_mark_failed(delivery_id=delivery_id, error="push is not configured")
        return Delivery.Status.FAILED
    message = push_message_for(delivery.notification, now=now)
    if message is None:
        delivery_mark_failed(delivery_id=delivery_id, error="its fix deadline passed")
        return Delivery.Status.FAILED
    answered = PushSend.objects.filter(delivery_id=delivery_id).values("subscription_id")
    pending = PushSubscription.objects.filter(user_id=delivery.notification.user_id).exclude(
        pk__in=answered
    )
    retries, errors = [], []
    for subscription in pending:
        answer = push_post(subscription, message)
        push_answer_record(
            subscription=subscription, answer=answer, delivery_id=delivery_id, now=now
        )
        if answer.outcome == "retry":
            retries.append(answer)
        if answer.error:
            errors.append(f"subscription {subscription.pk}: {answer.error}")
    if retries:
        delay = retry_delay(
            attempts=delivery.attempts,
            retry_after=max(a.retry_after or 0 for a in retries),
        )
        delivery_release(
            delivery_id=delivery_id, error="; ".join(errors), now=now, retry_at=now + delay
        )
        return Delivery.Status.PENDING
    if PushSend.objects.filter(delivery_id=delivery_id, outcome=PushSend.Outcome.SENT).exists():
        delivery_mark_sent(delivery_id=delivery_id, now=now)
        return Delivery.Status.SENT
    delivery_mark_failed(delivery_id=delivery_id, error="; ".join(errors) or "no subscribed device")
    return Delivery.Status.FAILED
