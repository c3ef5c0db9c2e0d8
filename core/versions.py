"""Versions of what a cache entry was computed from: a random token per owner and kind, renewed by
every writer, so an entry stored under an older token is simply never read again.

A token, never a counter: a key lost to eviction or a Redis restart comes back as a token no entry
was stored under, so a lost key can only cost a miss (a counter would start again at a value old
entries were stored under).

A writer renews the token inside its transaction and again once it commits; a reader stores what
it computed under the token it read *before* reading the database. So whatever a reader read in
between is stored under a token that is already gone:
- read the token, then the rows before the commit: the commit's new token orphans the entry;
- read the token renewed inside the transaction, then the new rows: orphaned too, only wasted;
- read the token after the commit: the rows are the committed ones.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

# Longer than any entry lives: an expired version only costs each of its owner's entries a miss.
VERSION_SECONDS = 2 * 24 * 3600


def version_key(kind: str, owner_id: int) -> str:
    return f"{kind}_version:{owner_id}"


def _renew(kind: str, owner_ids: list[int]) -> None:
    if len(owner_ids) == 1:  # a user's own write: one SET (set_many pipelines an EXPIRE per key)
        cache.set(version_key(kind, owner_ids[0]), uuid.uuid4().hex, timeout=VERSION_SECONDS)
        return
    cache.set_many(
        {version_key(kind, owner_id): uuid.uuid4().hex for owner_id in owner_ids},
        timeout=VERSION_SECONDS,
    )


def versions_renew(kind: str, *, owner_ids: Iterable[int]) -> None:
    """What these owners' entries of `kind` were computed from changed (or is changing in this
    transaction): a new token now (one round trip), and another once the transaction commits."""
    owner_ids = sorted(set(owner_ids))
    if not owner_ids:
        return
    _renew(kind, owner_ids)
    transaction.on_commit(lambda: _renew(kind, owner_ids))


def version_current(kind: str, *, owner_id: int, found: str | None) -> str:
    """The owner's current token, given what a read of its key `found`: a missing one is created
    (or, when another reader created it first, that one is used)."""
    if found is not None:
        return found
    key = version_key(kind, owner_id)
    token = uuid.uuid4().hex
    if cache.add(key, token, timeout=VERSION_SECONDS):
        return token
    return cache.get(key) or token
