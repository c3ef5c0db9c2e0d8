"""What a push carries and how the push service should treat it (RFC 8030): the payload the
service worker shows, its TTL, urgency and topic, and the Done/Skip action token.

- TTL: a reminder is worth delivering until its instance's fix deadline, no longer (a phone
  that comes online after it would show a reminder that can no longer be acted on); other
  notifications keep for DEFAULT_TTL, a check-in for CHECKIN_TTL (about "now").
- Urgency: `high` when the deadline is within URGENT_WITHIN (wakes a sleeping phone), `normal`
  for other reminders, `low` for the digest and news that can wait for the charger.
- Topic: one per instance, so the nudge replaces an undelivered reminder of the same instance;
  one for check-ins and one for digests, where only the newest matters.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing

from habit_instances.models import OPEN_STATUSES, HabitInstance
from notifications.models import Notification

ACTION_SALT = "push.action"
DEFAULT_TTL = timedelta(hours=12)
CHECKIN_TTL = timedelta(hours=1)
MAX_TTL = timedelta(days=28)  # what push services keep at most
URGENT_WITHIN = timedelta(hours=1)
BODY_LIMIT = 1000  # a push payload is at most 4 KiB once encrypted
ACTION_TITLES = {"done": "Done", "skip": "Skip"}
ACTIONS_URL = "/api/push/actions/"


@dataclass(frozen=True, kw_only=True)
class PushMessage:
    data: dict
    ttl: int  # seconds
    urgency: str
    topic: str

    def encoded(self) -> str:
        return json.dumps(self.data, separators=(",", ":"))


def action_token(*, notification_id: int, instance_id: int) -> str:
    """Signed with the SECRET_KEY; single use and the expiry are kept by push.services."""
    return signing.dumps({"n": notification_id, "i": instance_id}, salt=ACTION_SALT)


def action_token_read(token: str) -> tuple[int, int] | None:
    """(notification id, instance id) of a token this server signed; None otherwise."""
    try:
        claims = signing.loads(token, salt=ACTION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(claims, dict):
        return None
    notification_id, instance_id = claims.get("n"), claims.get("i")
    if not (isinstance(notification_id, int) and isinstance(instance_id, int)):
        return None
    return notification_id, instance_id


def _instance_of(notification: Notification) -> HabitInstance | None:
    instance_id = (notification.payload or {}).get("instance_id")
    if not isinstance(instance_id, int):
        return None
    return (
        HabitInstance.objects.filter(pk=instance_id, habit__user_id=notification.user_id)
        .only("pk", "fix_deadline", "status")
        .first()
    )


def push_message_for(notification: Notification, *, now: datetime) -> PushMessage | None:
    """The message of `notification`; None when it is about an instance whose fix deadline has
    passed (nothing left to remind of)."""
    payload = notification.payload or {}
    data = {
        "title": notification.title,
        "body": notification.body[:BODY_LIMIT],
        "kind": notification.kind,
        "notification_id": notification.pk,
        "url": "/",
    }
    instance = _instance_of(notification)
    if instance is not None:
        left = instance.fix_deadline - now
        if left <= timedelta(0):
            return None
        topic = f"instance-{instance.pk}"
        actions = [a for a in payload.get("actions", []) if a in ACTION_TITLES]
        if actions and instance.status in OPEN_STATUSES:
            data["instance_id"] = instance.pk
            data["actions"] = [{"action": a, "title": ACTION_TITLES[a]} for a in actions]
            data["action_url"] = ACTIONS_URL
            data["token"] = action_token(notification_id=notification.pk, instance_id=instance.pk)
        return PushMessage(
            data={**data, "tag": topic},
            ttl=int(min(left, MAX_TTL).total_seconds()),
            urgency="high" if left <= URGENT_WITHIN else "normal",
            topic=topic,
        )
    if notification.kind == Notification.Kind.CHECKIN:
        topic, ttl, urgency = "checkin", CHECKIN_TTL, "normal"
    elif notification.kind == Notification.Kind.DIGEST:
        topic, ttl, urgency = "digest", DEFAULT_TTL, "low"
    else:
        topic, ttl, urgency = f"notification-{notification.pk}", DEFAULT_TTL, "normal"
    return PushMessage(
        data={**data, "tag": topic}, ttl=int(ttl.total_seconds()), urgency=urgency, topic=topic
    )


def test_message() -> PushMessage:
    return PushMessage(
        data={
            "title": "Test notification",
            "body": "Push notifications reach this device.",
            "kind": "test",
            "url": "/profile",
            "tag": "test",
        },
        ttl=300,
        urgency="normal",
        topic="test",
    )
