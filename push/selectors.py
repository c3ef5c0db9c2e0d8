"""Reads of the push app."""

from django.db.models import QuerySet

from push.models import PushSubscription


def push_subscription_list_for_user(*, user) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("-created_at", "-id")


def push_reachable_user_ids(*, user_ids) -> set[int]:
    """The channel's reach: users with at least one subscribed device."""
    return set(
        PushSubscription.objects.filter(user_id__in=user_ids)
        .values_list("user_id", flat=True)
        .distinct()
    )


def push_subscriptions_export_for_user(user) -> list[dict]:
    """The devices, without their keys (they are of use only to this server)."""
    return [
        {
            "endpoint": subscription.endpoint,
            "user_agent": subscription.user_agent,
            "created_at": subscription.created_at.isoformat(),
        }
        for subscription in push_subscription_list_for_user(user=user)
    ]
