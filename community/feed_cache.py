"""The first page of the community feed, shared by every viewer, kept in Redis for
COMMUNITY_FEED_CACHE_SECONDS. Only the parts every viewer sees alike are cached; the viewer's own
parts (their kudos, fresh kudos counts, posts hidden or habits made private since) are laid over
it by one query per request (selectors.posts_overlay)."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

FIRST_PAGE_KEY = "community:feed:first-page:v1"


def first_page_get() -> tuple[list[dict], int | None] | None:
    """(rows, next cursor), or None when cold."""
    return cache.get(FIRST_PAGE_KEY)


def first_page_set(page: tuple[list[dict], int | None]) -> None:
    cache.set(FIRST_PAGE_KEY, page, timeout=settings.COMMUNITY_FEED_CACHE_SECONDS)


def first_page_forget_on_commit() -> None:
    """A new post must show at once to its author: the cached page goes once the post is
    committed (never before, or a reader could cache the page again without it)."""
    transaction.on_commit(lambda: cache.delete(FIRST_PAGE_KEY), robust=True)
