"""Every write on Telegram bindings: one-time codes, binding a chat, unbinding, deactivation."""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from rest_framework import status

from core.exceptions import Conflict, DomainError, RateLimited, ValidationFailed
from telegrambot.models import TelegramProfile
from telegrambot.selectors import telegram_is_configured

logger = logging.getLogger(__name__)

BIND_FAILURE_WINDOW = 3600  # seconds: wrong codes are counted per Telegram user per hour


class TelegramDisabled(DomainError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "telegram_disabled"
    default_message = "The Telegram bot is not configured on this server (no TELEGRAM_BOT_TOKEN)."


def _new_code() -> str:
    # 16 url-safe characters: fits Telegram's start parameter (A-Z a-z 0-9 _ -, ≤ 64).
    return secrets.token_urlsafe(12)


@transaction.atomic
def telegram_bind_code_create(*, user, now: datetime) -> dict:
    """A fresh single-use code for the deep link; it replaces any earlier code of the user."""
    if not telegram_is_configured():
        raise TelegramDisabled()
    profile, _ = TelegramProfile.objects.select_for_update().get_or_create(user=user)
    profile.bind_code = _new_code()
    profile.bind_code_expires_at = now + timedelta(minutes=settings.TELEGRAM_BIND_CODE_MINUTES)
    profile.save(update_fields=["bind_code", "bind_code_expires_at", "updated_at"])
    bot = settings.TELEGRAM_BOT_NAME
    return {
        "code": profile.bind_code,
        "expires_at": profile.bind_code_expires_at,
        "deep_link": f"https://t.me/{bot}?start={profile.bind_code}" if bot else "",
    }


def _failures_key(telegram_id: int) -> str:
    return f"telegram_bind_failures:{telegram_id}"


def _check_bind_rate(telegram_id: int) -> None:
    failures = cache.get(_failures_key(telegram_id), 0)
    if failures >= settings.TELEGRAM_BIND_FAILURES_PER_HOUR:
        raise RateLimited(
            "Too many wrong codes. Wait an hour, then ask the web app for a new code.",
            code="bind_rate_limited",
            retry_after=BIND_FAILURE_WINDOW,
        )


def _count_bind_failure(telegram_id: int) -> None:
    key = _failures_key(telegram_id)
    if not cache.add(key, 1, timeout=BIND_FAILURE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=BIND_FAILURE_WINDOW)


def telegram_profile_bind(
    *, code: str, telegram_id: int, chat_id: int, username: str, now: datetime
) -> TelegramProfile:
    """Binds the chat to the account that asked for `code`.

    Wrong and expired codes count against the Telegram user (RateLimited after
    TELEGRAM_BIND_FAILURES_PER_HOUR). A Telegram account bound to another web account must be
    unbound there first (Conflict). Binding again from a new chat moves the binding to it.
    """
    _check_bind_rate(telegram_id)
    code = (code or "").strip()
    invalid = ValidationFailed(
        "This code is wrong or has expired. Ask the web app for a new one.",
        code="bind_code_invalid",
    )
    profile = (
        TelegramProfile.objects.select_related("user")
        .filter(bind_code=code, bind_code_expires_at__gt=now, user__is_active=True)
        .first()
        if code
        else None
    )
    if profile is None:
        _count_bind_failure(telegram_id)
        raise invalid
    taken = (
        TelegramProfile.objects.filter(
            Q(telegram_id=telegram_id) | Q(chat_id=chat_id), is_bound=True
        )
        .exclude(user=profile.user)
        .exists()
    )
    if taken:
        raise Conflict(
            "This Telegram account is already linked to another account. "
            "Send /unbind here first, then use the new code.",
            code="telegram_already_bound",
        )
    try:
        with transaction.atomic():
            # Compare-and-set on the code: of two concurrent uses, one wins.
            updated = TelegramProfile.objects.filter(pk=profile.pk, bind_code=code).update(
                bind_code=None,
                bind_code_expires_at=None,
                telegram_id=telegram_id,
                chat_id=chat_id,
                telegram_username=(username or "")[:64],
                is_bound=True,
                is_active=True,
                bound_at=now,
                updated_at=now,
            )
    except IntegrityError:  # another account bound this Telegram account in the meantime
        raise Conflict(
            "This Telegram account is already linked to another account.",
            code="telegram_already_bound",
        ) from None
    if not updated:
        raise invalid
    profile.refresh_from_db()
    logger.info("Telegram chat %s bound to user %s", chat_id, profile.user_id)
    return profile


def _unbind(queryset) -> int:
    return queryset.filter(is_bound=True).update(
        is_bound=False, telegram_id=None, chat_id=None, telegram_username="", bound_at=None
    )


@transaction.atomic
def telegram_profile_unbind(*, user) -> None:
    _unbind(TelegramProfile.objects.filter(user=user))


@transaction.atomic
def telegram_profile_unbind_chat(*, chat_id: int) -> bool:
    return _unbind(TelegramProfile.objects.filter(chat_id=chat_id)) > 0


def telegram_profile_deactivate_chat(*, chat_id: int, reason: str) -> None:
    """Telegram said this chat cannot be written to (blocked, deleted): stop trying."""
    updated = TelegramProfile.objects.filter(chat_id=chat_id, is_bound=True, is_active=True).update(
        is_active=False
    )
    if updated:
        logger.warning("Telegram chat %s deactivated: %s", chat_id, reason)


def telegram_profile_reactivate_chat(*, chat_id: int) -> None:
    """The chat wrote to the bot, so it can be written to again."""
    TelegramProfile.objects.filter(chat_id=chat_id, is_bound=True, is_active=False).update(
        is_active=True
    )


def telegram_bind_codes_expire(*, now: datetime) -> int:
    return TelegramProfile.objects.filter(bind_code_expires_at__lte=now).update(
        bind_code=None, bind_code_expires_at=None
    )


def telegram_profile_wipe(user) -> None:
    TelegramProfile.objects.filter(user=user).delete()
