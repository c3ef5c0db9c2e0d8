"""JWTs the server can take back before they expire.

simplejwt checks an access token by its signature alone, so a token lived its full lifetime
whatever happened to the account. Two claims tie every token to state the server can change:

- `ver`, the user's `token_version` when the token was issued. Bumping the version (password
  change or reset, signing out everywhere, deleting the account) refuses every earlier access and
  refresh token at once.
- `sid`, the sign-in session: one per login, kept through refresh rotation. Logging out revokes
  the session, so its access tokens stop working together with its refresh token.

A request selects its user's row anyway (it becomes `request.user`), so it compares `ver` with
that row's version, the committed one, and asks Redis only whether the session was signed out.

Logout checks a token without loading its user and reads both from Redis in one round trip. The
version lives under `token_version:<user id>`: filled from the database on a miss with `add`,
replaced by the bump with `set` once the bump commits, so a reader that saw the old row just
before the commit cannot put the old version back (its `add` loses to the bump's `set`, or the
`set` overwrites it).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

from users.models import User

VERSION_CLAIM = "ver"
SESSION_CLAIM = "sid"
# How long a cached version may be trusted without the database (bounds the damage of the rare
# reordering of two concurrent bumps' cache writes).
VERSION_CACHE_SECONDS = 3600
_BIGINT_MAX = 2**63 - 1


def _version_key(user_id: int) -> str:
    return f"token_version:{user_id}"


def _revoked_session_key(session_id: str) -> str:
    return f"revoked_session:{session_id}"


def tokens_for_user(*, user: User) -> RefreshToken:
    """A refresh token of a new session (its access token carries the same claims)."""
    refresh = RefreshToken.for_user(user)
    refresh[VERSION_CLAIM] = user.token_version
    refresh[SESSION_CLAIM] = uuid.uuid4().hex
    return refresh


def token_user_id(payload: dict) -> int | None:
    """The user id a validly signed token names, or None when it names none we could have
    issued: simplejwt writes it as a string of digits; anything else (a float, a list, "abc",
    a number past bigint) would otherwise reach the database and fail there with a 500."""
    raw = payload.get(api_settings.USER_ID_CLAIM)
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 19:
        raw = int(raw)
    if isinstance(raw, int) and 0 < raw <= _BIGINT_MAX:
        return raw
    return None


def _user_id(payload: dict) -> int:
    user_id = token_user_id(payload)
    if user_id is None:
        raise InvalidToken("The token names no user.")
    return user_id


def _session_id(payload: dict) -> str | None:
    session_id = payload.get(SESSION_CLAIM)
    return session_id if isinstance(session_id, str) else None


def _refuse_unless_current(payload: dict, *, signed_out: bool, version: int) -> None:
    if signed_out:
        raise InvalidToken("This session has been signed out.")
    # Tokens issued before versions existed carry none: they belong to version 0.
    if payload.get(VERSION_CLAIM, 0) != version:
        raise InvalidToken("The token has been revoked.")


def token_check(*, payload: dict) -> int:
    """The id of the user a signed token speaks for, without loading the user; InvalidToken
    (401 `token_not_valid`) when it names no user, its session was signed out, or its user's
    tokens were revoked since. The version comes from the cache, the database on a miss."""
    user_id = _user_id(payload)
    session_id = _session_id(payload)
    version_key = _version_key(user_id)
    keys = [version_key] + ([_revoked_session_key(session_id)] if session_id else [])
    found = cache.get_many(keys)
    version = found.get(version_key)
    if version is None:
        version = User.objects.filter(pk=user_id).values_list("token_version", flat=True).first()
        if version is None:
            raise InvalidToken("The token names no user.")
        cache.add(version_key, version, timeout=VERSION_CACHE_SECONDS)
    signed_out = bool(session_id and found.get(_revoked_session_key(session_id)))
    _refuse_unless_current(payload, signed_out=signed_out, version=version)
    return user_id


def token_user(*, payload: dict) -> User:
    """The active user a signed token speaks for, checked as token_check does, but against the
    version of the row it loads anyway: one query and one Redis read (the session's)."""
    user = User.objects.filter(pk=_user_id(payload), is_active=True).first()
    if user is None:
        raise InvalidToken("The token names no active user.")
    session_id = _session_id(payload)
    signed_out = bool(session_id and cache.get(_revoked_session_key(session_id)))
    _refuse_unless_current(payload, signed_out=signed_out, version=user.token_version)
    return user


def token_version_bump(*, user: User) -> None:
    """Revokes every token issued to the user so far. The cached version is dropped at once
    (readers fall back to the database) and replaced with the new one when the bump commits."""
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    key, version = _version_key(user.pk), user.token_version
    cache.delete(key)
    transaction.on_commit(lambda: cache.set(key, version, timeout=VERSION_CACHE_SECONDS))


def token_session_revoke(*, payload: dict) -> None:
    """Signs out the session a token belongs to, for as long as any token of it could live."""
    session_id = payload.get(SESSION_CLAIM)
    if isinstance(session_id, str):
        lifetime = settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds()
        cache.set(_revoked_session_key(session_id), True, timeout=int(lifetime))
