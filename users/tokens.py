"""JWTs the server can take back before they expire.

simplejwt checks an access token by its signature alone, so a token lived its full lifetime
whatever happened to the account. Two claims tie every token to state the server can change:

- `ver`, the user's `token_version` when the token was issued. Bumping the version (password
  change or reset, signing out everywhere, deleting the account) refuses every earlier access and
  refresh token at once.
- `sid`, the sign-in session: one per login, kept through refresh rotation. Logging out revokes
  the session, so its access tokens stop working together with its refresh token.

Both are read from Redis in one round trip per request. The version lives under
`token_version:<user id>`: filled from the database on a miss with `add`, replaced by the bump
with `set` once the bump commits, so a reader that saw the old row just before the commit cannot
put the old version back (its `add` loses to the bump's `set`, or the `set` overwrites it). That
lets a later change trust the cached version without selecting the user row on every request.
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


def _current_version(user_id: int, *, cached: int | None, user: User | None) -> int | None:
    if cached is not None:
        return cached
    if user is not None:
        version = user.token_version
    else:
        version = User.objects.filter(pk=user_id).values_list("token_version", flat=True).first()
    if version is not None:
        cache.add(_version_key(user_id), version, timeout=VERSION_CACHE_SECONDS)
    return version


def token_check(*, payload: dict, user: User | None = None) -> int:
    """The id of the user a signed token speaks for; InvalidToken (401 `token_not_valid`) when
    it names no user, its session was signed out, or its user's tokens were revoked since.
    A caller that has loaded the user's row anyway passes it, so a cache miss costs no query."""
    user_id = token_user_id(payload)
    if user_id is None or (user is not None and user.pk != user_id):
        raise InvalidToken("The token names no user.")
    session_id = payload.get(SESSION_CLAIM)
    keys = [_version_key(user_id)]
    if isinstance(session_id, str):
        keys.append(_revoked_session_key(session_id))
    found = cache.get_many(keys)
    if isinstance(session_id, str) and found.get(_revoked_session_key(session_id)):
        raise InvalidToken("This session has been signed out.")
    version = _current_version(user_id, cached=found.get(_version_key(user_id)), user=user)
    if version is None:
        raise InvalidToken("The token names no user.")
    # Tokens issued before versions existed carry none: they belong to version 0.
    if payload.get(VERSION_CLAIM, 0) != version:
        raise InvalidToken("The token has been revoked.")
    return user_id


def token_user(*, payload: dict) -> User:
    """The active user a signed token speaks for, checked as token_check does."""
    user_id = token_user_id(payload)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise InvalidToken("The token names no active user.")
    token_check(payload=payload, user=user)
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
