"""Every write on accounts: registration, sign-in, tokens, profile, passwords, deletion."""

from datetime import datetime

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import authenticate, password_validation, user_logged_in
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from core.exceptions import AuthenticationRefused, RateLimited, ValidationFailed
from core.storage import storage_objects_delete_on_commit
from core.user_data import user_data_sections, user_stored_files
from users.events import announce_user_timezone_changed
from users.models import User, normalize_email
from users.timezones import validate_timezone
from users.tokens import (
    token_check,
    token_session_revoke,
    token_user,
    token_version_bump,
    tokens_for_user,
)


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
    refresh = tokens_for_user(user=user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _refresh_token(raw: str) -> RefreshToken:
    """A signed, unexpired, not blacklisted refresh token; InvalidToken (401) otherwise."""
    try:
        return RefreshToken(raw)
    except TokenError as exc:
        raise InvalidToken(str(exc)) from None


@transaction.atomic
def auth_tokens_refresh(*, refresh: str) -> dict[str, str]:
    """Rotates a refresh token: the presented one is blacklisted, a new one of the same session
    (same claims, new jti and expiry) and a fresh access token are issued."""
    token = _refresh_token(refresh)
    token_user(payload=token.payload)
    access = str(token.access_token)
    token.blacklist()
    token.set_jti()
    token.set_exp()
    token.set_iat()
    token.outstand()
    return {"access": access, "refresh": str(token)}


@transaction.atomic
def auth_tokens_revoke_all(*, user: User) -> None:
    """Signs the user out everywhere: the token version is bumped, so every access and refresh
    token handed out so far is refused (the refresh check compares the version too; blacklisting
    each of the user's outstanding refresh tokens as well would be a write that grows with every
    sign-in and rotation the account ever had, for nothing)."""
    token_version_bump(user=user)


def auth_logout(*, refresh: str, everywhere: bool = False) -> None:
    """Ends the session the refresh token belongs to: the token is blacklisted and the session's
    access tokens refused from now on. The refresh token is the credential (holding it is what
    a session is), so no access token is needed; `everywhere` ends every session of its user."""
    try:
        token = _refresh_token(refresh)
        user_id = token_check(payload=token.payload)
    except InvalidToken:
        raise ValidationFailed(
            fields={"refresh": ["This refresh token is invalid or expired."]}
        ) from None
    if everywhere:
        user = User.objects.filter(pk=user_id).first()
        if user is not None:
            auth_tokens_revoke_all(user=user)
    token.blacklist()
    token_session_revoke(payload=token.payload)


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


def user_authenticate(*, request, email: str, password: str) -> User:
    """Signs in through Django's authenticate(), so the one sign-in policy of every way in
    (users.login_policy: a throttle per address, django-axes' lock per account and address)
    applies, and announces the sign-in as django.contrib.auth.login() would (last_login, and
    axes forgets the failures)."""
    user = authenticate(request, username=normalize_email(email), password=password)
    if user is not None:
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return user
    retry_after = getattr(request, "login_retry_after", None)
    if retry_after:
        raise RateLimited(retry_after=retry_after)
    if getattr(request, "axes_locked_out", False):
        # Each refused attempt restarts the cool-off, so the whole of it is the honest wait.
        raise RateLimited(
            "Too many failed sign-ins. This account is locked for a while; try again later.",
            code="account_locked",
            retry_after=int(get_cool_off(request).total_seconds()),
        )
    raise AuthenticationRefused("No active account found with these credentials.")


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    now: datetime,
    name: str | None = None,
    display_name: str | None = None,
    timezone: str | None = None,
):
    """A new zone is announced in this transaction: the open instances follow it at once."""
    old_timezone = user.timezone
    if timezone is not None:
        _check_timezone(timezone)
        user.timezone = timezone
    if name is not None:
        user.name = name.strip()
    if display_name is not None:
        user.display_name = display_name.strip()
    user.save(update_fields=["name", "display_name", "timezone"])
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
    """Queues the reset mail for any well-formed email, known or not: the request does the same
    work and answers the same way in the same time whether an account exists and whether the
    mail server is up (the worker looks the account up, sends, and retries)."""
    from users.tasks import user_password_reset_mail_send_task  # tasks import this module

    user_password_reset_mail_send_task.delay(email=normalize_email(email))


def user_password_reset_mail_send(*, email: str) -> bool:
    """Mails a reset link when an active account has this email. Returns whether it did; an
    SMTP failure propagates, so the task retries it."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        return False
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
    return True


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
    auth_tokens_revoke_all(user=user)
    stored_files = user_stored_files(user)
    user.delete()
    storage_objects_delete_on_commit(keys=stored_files)


@transaction.atomic
def users_delete_with_files(*, users) -> None:
    """An operator's deletion (the admin): the accounts and, once that has committed, every file
    their data keeps in the object storage, as the user's own deletion does."""
    stored_files = [key for user in users for key in user_stored_files(user)]
    users.delete()
    storage_objects_delete_on_commit(keys=stored_files)


@transaction.atomic
def user_wipe_data(*, user: User) -> None:
    stored_files = user_stored_files(user)
    for section in user_data_sections():
        if section.wipe is not None:
            section.wipe(user)
    storage_objects_delete_on_commit(keys=stored_files)
