"""Every write of the push app: subscriptions, the test push, and the Done/Skip actions a
notification's buttons send without a JWT (docs/notifications.md, "Web Push")."""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from rest_framework import status

from core.exceptions import Conflict, DomainError, NotFound, ValidationFailed
from core.ownership import get_owned_or_404
from habit_instances.models import HabitInstance
from habit_instances.services import (
    habit_instance_mark_completed,
    habit_instance_mark_skipped,
)
from notifications.models import Notification
from push.endpoints import endpoint_errors, keys_errors
from push.message import action_token_read, test_message
from push.models import PushActionUse, PushSubscription
from push.sender import push_answer_record, push_post
from push.vapid import push_require_configured

logger = logging.getLogger(__name__)

ACTIONS = {"done": habit_instance_mark_completed, "skip": habit_instance_mark_skipped}


class ActionExpired(DomainError):
    """The instance's fix window closed: the token can no longer act (410, as a dead link)."""

    status_code = status.HTTP_410_GONE
    default_code = "action_expired"
    default_message = "This notification's action has expired."


@transaction.atomic
def push_subscription_save(
    *, user, endpoint: str, p256dh: str, auth: str, user_agent: str, now: datetime
) -> tuple[PushSubscription, bool]:
    """Saves the browser's subscription (created True) or refreshes its keys when the user had
    it already. An endpoint is one browser: when another account had subscribed it (a shared
    computer), that account's row goes, so its reminders stop reaching this person."""
    push_require_configured()
    errors: dict = {}
    if messages := endpoint_errors(endpoint):
        errors["endpoint"] = messages
    if key_messages := keys_errors(p256dh=p256dh, auth=auth):
        errors["keys"] = key_messages
    if errors:
        raise ValidationFailed(fields=errors)
    PushSubscription.objects.filter(endpoint=endpoint).exclude(user=user).delete()
    return PushSubscription.objects.update_or_create(
        user=user,
        endpoint=endpoint,
        defaults={"p256dh": p256dh, "auth": auth, "user_agent": user_agent[:200]},
        create_defaults={
            "p256dh": p256dh,
            "auth": auth,
            "user_agent": user_agent[:200],
            "created_at": now,
        },
    )


def push_subscription_delete(*, user, subscription_id) -> None:
    get_owned_or_404(PushSubscription.objects.all(), user=user, pk=subscription_id).delete()


def push_subscriptions_wipe(user) -> None:
    PushSubscription.objects.filter(user=user).delete()


def push_test_send(*, user, now: datetime) -> dict[str, int]:
    """A test message to each of the user's devices, now, outside the outbox (it is not a
    notification of the feed and goes to no other channel). Gone devices are deleted."""
    push_require_configured()
    subscriptions = list(PushSubscription.objects.filter(user=user))
    if not subscriptions:
        raise Conflict(
            "No device of yours is subscribed to push notifications.", code="no_subscription"
        )
    counts = {"sent": 0, "removed": 0, "failed": 0}
    message = test_message()
    for subscription in subscriptions:
        answer = push_post(subscription, message)
        push_answer_record(subscription=subscription, answer=answer, delivery_id=None, now=now)
        key = {"sent": "sent", "gone": "removed"}.get(answer.outcome, "failed")
        counts[key] += 1
        if answer.error:
            logger.info("Test push to subscription %s: %s", subscription.pk, answer.error)
    return counts


def _invalid_token() -> ValidationFailed:
    return ValidationFailed(fields={"token": ["This action link is not valid."]})


@transaction.atomic
def push_action_apply(*, token: str, action: str, now: datetime) -> HabitInstance:
    """Done or Skip from a notification's button: the same services as the API's, on behalf of
    the notification's owner, whom the signed token names. Single use (409 `action_used`), and
    only until the instance's fix deadline (410 `action_expired`)."""
    claims = action_token_read(token)
    if claims is None:
        raise _invalid_token()
    notification_id, instance_id = claims
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.payload.get("instance_id") != instance_id:
        raise NotFound("This notification no longer exists.")
    instance = HabitInstance.objects.filter(
        pk=instance_id, habit__user_id=notification.user_id
    ).first()
    if instance is None:
        raise NotFound("This habit's day no longer exists.")
    if now > instance.fix_deadline:
        raise ActionExpired()
    try:
        with transaction.atomic():
            PushActionUse.objects.create(notification=notification, action=action, used_at=now)
    except IntegrityError:
        raise Conflict("This notification's action was already used.", code="action_used") from None
    return ACTIONS[action](user=notification.user, instance_id=instance_id, now=now)
