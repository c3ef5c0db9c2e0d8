"""JWTs the server can take back before they expire.

simplejwt checks an access token by its signature alone, so a token lived its full lifetime
whatever happened to the account. Two claims tie every token to state the server can change:

- `ver`, the user's `token_version` when the token was issued. Bumping the version (password
  change or reset, signing out everywhere, deleting the account) refuses every earlier access and
  refresh token at once.
- `sid`, the sign-in session: one per login, kept through refresh rotation. Logging out revokes
  the session, so its access tokens stop working together with its refresh token.

A request needs its user (`request.user`) and must refuse a revoked token or an inactive account.
It reads both from Redis in one round trip: a snapshot of the user row's fields (`token_user:<id>`,
the fields requests read: id, email, the names, timezone, the flags, date_joined, the version)
and whether the session was signed out. On a miss it selects the row, as simplejwt would, and caches
the snapshot. The snapshot becomes a User whose other fields (password, last_login) are deferred:
reading one loads it from the database, so nothing a view reads is ever made up. Every write of
the row (save and delete signals, the version bump's UPDATE) drops the snapshot at once and, once
it commits, puts the committed row's snapshot in its place (a reader that selected the old row
just before the commit cannot put it back: its `add` loses to that `set`, or the `set` overwrites
it), so a new timezone, a deactivation or a revocation counts from the next request.

Logout checks a token without loading its user and reads both from Redis in one round trip. The
version lives under `token_version:<user id>`: filled from the database on a miss with `add`,
replaced by the bump with `set` once the bump commits, so a reader that saw the old row just
before the commit cannot put the old version back (its `add` loses to the bump's `set`, or the
`set` overwrites it).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

from core.models import is_storable_id
from users.models import User

VERSION_CLAIM = "ver"
SESSION_CLAIM = "sid"
# How long a cached version may be trusted without the database (bounds the damage of the rare
# reordering of two concurrent bumps' cache writes).
VERSION_CACHE_SECONDS = 3600
# The fields of a request's user that come from the cached snapshot; the rest load on access.
SNAPSHOT_FIELDS = (
    "id",
    "email",
    "name",
    "display_name",
    "timezone",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "token_version",
)
# Bounds how long a snapshot can outlive the rare reordering of two concurrent writers' sets.
SNAPSHOT_CACHE_SECONDS = 600


def _version_key(user_id: int) -> str:
    return f"token_version:{user_id}"


def _snapshot_key(user_id: int) -> str:
    return f"token_user:{user_id}"


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
    if isinstance(raw, int) and is_storable_id(raw):
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


def _snapshot_of(user_id: int) -> dict | None:
    return User.objects.filter(pk=user_id).values(*SNAPSHOT_FIELDS).first()


def _user_from(snapshot: dict) -> User:
    """A User with the snapshot's fields loaded and the others deferred (loaded on access)."""
    names = [field.attname for field in User._meta.concrete_fields if field.attname in snapshot]
    return User.from_db(DEFAULT_DB_ALIAS, names, [snapshot[name] for name in names])


def token_user(*, payload: dict, read_also=None, found_also: dict | None = None) -> User:
    """The active user a signed token speaks for, checked as token_check does: one Redis read
    (the user's snapshot and the session's revocation) and, on a miss, one query.
    `read_also(user_id)`: more cache keys of that user the caller wants from the same round
    trip; the values found are put in `found_also` (read before the token is judged: they are
    the caller's to use only when this returns)."""
    user_id = _user_id(payload)
    session_id = _session_id(payload)
    snapshot_key = _snapshot_key(user_id)
    keys = [snapshot_key] + ([_revoked_session_key(session_id)] if session_id else [])
    also = list(read_also(user_id)) if read_also else []
    found = cache.get_many(keys + also)
    if found_also is not None:
        found_also.update({key: found[key] for key in also if key in found})
    snapshot = found.get(snapshot_key)
    user = None
    if snapshot is None:
        user = User.objects.filter(pk=user_id).first()
        if user is None:
            raise InvalidToken("The token names no active user.")
        snapshot = {name: getattr(user, name) for name in SNAPSHOT_FIELDS}
        cache.add(snapshot_key, snapshot, timeout=SNAPSHOT_CACHE_SECONDS)
    if not snapshot["is_active"]:
        raise InvalidToken("The token names no active user.")
    signed_out = bool(session_id and found.get(_revoked_session_key(session_id)))
    _refuse_unless_current(payload, signed_out=signed_out, version=snapshot["token_version"])
    return user if user is not None else _user_from(snapshot)


def token_user_forget(*, user_id: int) -> None:
    """The user row changed (or is about to, in this transaction): its snapshot is dropped now,
    and replaced with the committed row's once the transaction commits."""
    key = _snapshot_key(user_id)
    cache.delete(key)

    def replace():
        snapshot = _snapshot_of(user_id)
        if snapshot is None:
            cache.delete(key)
        else:
            cache.set(key, snapshot, timeout=SNAPSHOT_CACHE_SECONDS)

    transaction.on_commit(replace)


def token_version_bump(*, user: User) -> None:
    """Revokes every token issued to the user so far. The cached version is dropped at once
    (readers fall back to the database) and replaced with the new one when the bump commits."""
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    key, version = _version_key(user.pk), user.token_version
    cache.delete(key)
    transaction.on_commit(lambda: cache.set(key, version, timeout=VERSION_CACHE_SECONDS))
    token_user_forget(user_id=user.pk)


def token_session_revoke(*, payload: dict) -> None:
    """Signs out the session a token belongs to, for as long as any token of it could live."""
    session_id = payload.get(SESSION_CLAIM)
    if isinstance(session_id, str):
        lifetime = settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds()
        cache.set(_revoked_session_key(session_id), True, timeout=int(lifetime))
