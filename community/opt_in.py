"""Who opted in to automatic milestone posts, kept in Redis beside the database row.

Every live completion asks this question (INSTANCE_MARKED), and almost every answer is "no": a
Redis read answers it without adding a query to the completion (its query count is tested in
habit_instances). The row in CommunitySettings stays the truth: the key is written after every
commit that changes it and again whenever the user's settings are read
(selectors.community_settings_get, which the Community page does), so a key lost with Redis
comes back the next time its owner opens the page; until then that user gets no milestone post.
"""

from django.core.cache import cache
from django.db import transaction


def _key(user_id: int) -> str:
    return f"community:auto-post:{user_id}"


def auto_post(*, user_id: int) -> bool:
    return bool(cache.get(_key(user_id)))


def remember(*, user_id: int, auto_post: bool) -> None:
    if auto_post:
        cache.set(_key(user_id), 1, timeout=None)
    else:
        cache.delete(_key(user_id))


def remember_on_commit(*, user_id: int, auto_post: bool) -> None:
    transaction.on_commit(lambda: remember(user_id=user_id, auto_post=auto_post), robust=True)
