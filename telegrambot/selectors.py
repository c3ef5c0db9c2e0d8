"""Reads about Telegram bindings."""

from django.conf import settings

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


def telegram_reachable_user_ids(*, user_ids) -> dict[int, int]:
    """user id → chat id for the users the bot can write to now."""
    if not telegram_is_configured():
        return {}
    rows = TelegramProfile.objects.filter(
        user_id__in=user_ids, is_bound=True, is_active=True
    ).values_list("user_id", "chat_id")
    return dict(rows)


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
