"""Reads about Telegram bindings, and what the bot reads to send."""

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery

from notifications.models import Delivery
from telegrambot.models import TelegramProfile


def telegram_is_configured() -> bool:
    return bool(settings.TELEGRAM_BOT_TOKEN)


def telegram_profile_get_for_user(*, user) -> TelegramProfile | None:
    return TelegramProfile.objects.filter(user=user).first()


def telegram_profile_get_for_chat(*, chat_id: int) -> TelegramProfile | None:
    """The bound profile speaking from this chat, with its user, or None."""
    return (
        TelegramProfile.objects.select_related("user")
        .filter(chat_id=chat_id, is_bound=True, user__is_active=True)
        .first()
    )


def telegram_status_for_user(*, user) -> dict:
    return _status(telegram_profile_get_for_user(user=user))


def _status(profile: TelegramProfile | None) -> dict:
    bound = bool(profile and profile.is_bound)
    return {
        "enabled": telegram_is_configured(),
        "bot_name": settings.TELEGRAM_BOT_NAME,
        "is_bound": bound,
        "is_active": bound and profile.is_active,
        "telegram_username": profile.telegram_username if bound else "",
        "bound_at": profile.bound_at if bound else None,
    }


def _reachable() -> QuerySet[TelegramProfile]:
    """Profiles the bot can write to now: bound, and the chat not gone."""
    return TelegramProfile.objects.filter(is_bound=True, is_active=True)


def telegram_reachable_user_ids(*, user_ids) -> set[int]:
    """Of `user_ids` (anything `user_id__in=` takes), the users the bot can write to now."""
    if not telegram_is_configured():
        return set()
    return set(_reachable().filter(user_id__in=user_ids).values_list("user_id", flat=True))


def telegram_deliveries_get(*, delivery_ids: list[int]) -> list[Delivery]:
    """The deliveries with their notification and, as `chat_id`, the chat the bot may write to
    now (None when the user is not bound or not reachable): one query for a batch."""
    chat = _reachable().filter(user_id=OuterRef("notification__user_id")).values("chat_id")[:1]
    return list(
        Delivery.objects.filter(pk__in=delivery_ids)
        .select_related("notification")
        .annotate(chat_id=Subquery(chat))
        .order_by("id")
    )


def telegram_export_for_user(user) -> dict:
    profile = telegram_profile_get_for_user(user=user)  # once: the status reads the same row
    status = _status(profile)
    bound = status["is_bound"]
    return {
        "is_bound": status["is_bound"],
        "is_active": status["is_active"],
        "telegram_username": status["telegram_username"],
        "telegram_id": profile.telegram_id if bound else None,
        "chat_id": profile.chat_id if bound else None,
        "bound_at": status["bound_at"].isoformat() if status["bound_at"] else None,
    }
