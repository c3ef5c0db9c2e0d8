"""Every write on accounts: registration, sign-in with lockout, profile, passwords, deletion."""

import logging
import math
import time
from datetime import datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from core.exceptions import AuthenticationRefused, RateLimited, ValidationFailed
from core.user_data import user_data_sections
from users.events import announce_user_timezone_changed
from users.models import User, normalize_email
from users.timezones import validate_timezone

logger = logging.getLogger(__name__)


def _check_password_strength(*, password: str, user: User, field: str) -> None:
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ValidationFailed(fields={field: list(exc.messages)}) from None


def _check_timezone(timezone: str) -> None:
    try:
        validate_timezone(timezone)
    except DjangoValidationError as exc:
        raise ValidationFailed(fields={"timezone": list(exc.messages)}) from None


def auth_tokens_issue(*, user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def auth_tokens_revoke_all(*, user: User, keep_jti: str | None = None) -> None:
    """Blacklists every refresh token the user holds (but `keep_jti`)."""
    tokens = OutstandingToken.objects.filter(user=user)
    if keep_jti:
        tokens = tokens.exclude(jti=keep_jti)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token_id=token_id) for token_id in tokens.values_list("id", flat=True)],
        ignore_conflicts=True,
    )


def auth_logout(*, user: User, refresh: str) -> None:
    """Blacklists the user's own refresh token; another user's or an invalid one is a 400."""
    try:
        token = RefreshToken(refresh)
        if str(token.get("user_id")) != str(user.pk):
            raise TokenError("Token belongs to another user.")
        token.blacklist()
    except TokenError:
        raise ValidationFailed(
            fields={"refresh": ["This refresh token is invalid or expired."]}
        ) from None


@transaction.atomic
def user_register(
    *, email: str, password: str, name: str = "", timezone: str | None = None
) -> User:
    email = normalize_email(email)
    timezone = timezone or settings.DEFAULT_USER_TIMEZONE
    _check_timezone(timezone)
    if User.objects.filter(email=email).exists():
        raise ValidationFailed(fields={"email": ["An account with this email already exists."]})
    user = User(email=email, name=name.strip(), timezone=timezone)
    _check_password_strength(password=password, user=user, field="password")
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent registration with the same email won the race
        raise ValidationFailed(
            fields={"email": ["An account with this email already exists."]}
        ) from None
    return user


def _failures_key(email: str) -> str:
    return f"login_failures:{email}"


def _lock_key(email: str) -> str:
    return f"login_locked_until:{email}"


def _count_failure(key: str, *, window: int) -> int:
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr(): this failure starts a new window
        cache.set(key, 1, timeout=window)
        return 1


def user_authenticate(*, email: str, password: str) -> User:
    """Checks the credentials. After LOGIN_LOCKOUT_THRESHOLD failures within the lockout window
    the email is refused, even with the right password, until the window passes."""
    email = normalize_email(email)
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    locked_until = cache.get(_lock_key(email))
    if locked_until and locked_until > time.time():
        raise RateLimited(
            "Too many failed sign-ins. This account is locked for a while; try again later.",
            code="account_locked",
            retry_after=math.ceil(locked_until - time.time()),
        )
    user = User.objects.filter(email=email).first()
    if user is None:
        # Hash anyway, as Django's ModelBackend does: an unknown email must take as long as a
        # wrong password, or the answer time tells which emails have accounts.
        User().set_password(password)
    if user is None or not user.is_active or not user.check_password(password):
        failures = _count_failure(_failures_key(email), window=window)
        logger.info("Failed sign-in for %s (%d in the window)", email, failures)
        if failures >= settings.LOGIN_LOCKOUT_THRESHOLD:
            cache.set(_lock_key(email), time.time() + window, timeout=window)
            cache.delete(_failures_key(email))
        raise AuthenticationRefused("No active account found with these credentials.")
    cache.delete(_failures_key(email))
    return user


@transaction.atomic
def user_update_profile(
    *, user: User, now: datetime, name: str | None = None, timezone: str | None = None
):
    """A new zone is announced in this transaction: the open instances follow it at once."""
    old_timezone = user.timezone
    if timezone is not None:
        _check_timezone(timezone)
        user.timezone = timezone
    if name is not None:
        user.name = name.strip()
    user.save(update_fields=["name", "timezone"])
    if user.timezone != old_timezone:
        announce_user_timezone_changed(
            user_id=user.pk, old_timezone=old_timezone, new_timezone=user.timezone, now=now
        )
    return user


@transaction.atomic
def user_change_password(*, user: User, current_password: str, new_password: str) -> dict:
    if not user.check_password(current_password):
        raise ValidationFailed(fields={"current_password": ["The current password is wrong."]})
    _check_password_strength(password=new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    auth_tokens_revoke_all(user=user)
    return auth_tokens_issue(user=user)


def user_request_password_reset(*, email: str) -> None:
    """Mails a reset link when the account exists; says nothing either way to the caller."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{settings.FRONTEND_URL}/reset-password?uid={uid}&token={token}"
    send_mail(
        subject="Reset your Atomic Habits password",
        message=(
            f"Someone asked to reset the password of {user.email}.\n\n"
            f"Open this link within an hour to choose a new one:\n{link}\n\n"
            "If it was not you, ignore this email; nothing changes."
        ),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def user_reset_password(*, uid: str, token: str, new_password: str) -> User:
    invalid = ValidationFailed(
        "This reset link is invalid or has expired.",
        fields={"token": ["This reset link is invalid or has expired."]},
    )
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        raise invalid from None
    if not default_token_generator.check_token(user, token):
        raise invalid
    _check_password_strength(password=new_password, user=user, field="new_password")
    # Changing the password changes the hash the token is derived from: the link now fails.
    user.set_password(new_password)
    user.save(update_fields=["password"])
    auth_tokens_revoke_all(user=user)
    return user


@transaction.atomic
def user_delete(*, user: User, password: str) -> None:
    if not user.check_password(password):
        raise ValidationFailed(fields={"password": ["The password is wrong."]})
    user.delete()


@transaction.atomic
def user_wipe_data(*, user: User) -> None:
    for section in user_data_sections():
        if section.wipe is not None:
            section.wipe(user)
