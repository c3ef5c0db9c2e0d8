"""Reads of the community: the feed, a public habit's posts, one post, the export."""

from django.db import connection
from django.db.models import Q, QuerySet
from rest_framework import serializers

from community import feed_cache, opt_in
from community.models import CommunitySettings, Kudos, Post, PostReport
from core.exceptions import NotFound
from core.replicas import replica_reads
from core.storage import storage_object_signed_url
from core.uploads import EXTENSIONS
from habits.models import Habit

PAGE_SIZE = 20

_VISIBLE = {"is_hidden": False, "habit__is_public": True, "habit__is_archived": False}


# The rows leave the selectors ready for JSON (the feed's warm page is rendered without a
# serializer pass: it is the hot path, docs/motivation.md); this is DRF's own datetime rendering.
_DATETIME = serializers.DateTimeField()


def _shared_row(post: Post) -> dict:
    """What every viewer sees of a post, as the API renders it (PostOutputSerializer documents
    the shape); `author_id` is for `is_mine` and is not sent. The signed image link lives
    longer (STORAGE_SIGNED_URL_SECONDS) than the cached page that holds it."""
    image_url = None
    if post.image_key:
        image_url = storage_object_signed_url(
            key=post.image_key,
            content_type=post.image_content_type,
            filename=f"post-{post.pk}{EXTENSIONS.get(post.image_content_type, '')}",
        )
    return {
        "id": post.pk,
        "author_id": post.author_id,
        "author_name": post.author.display_name,
        "habit": {"id": post.habit_id, "name": post.habit.name},
        "kind": post.kind,
        "milestone": post.milestone,
        "text": post.text,
        "image_url": image_url,
        "kudos_count": post.kudos_count,
        "is_hidden": post.is_hidden,
        "created_at": _DATETIME.to_representation(post.created_at),
    }


def _shared_rows(queryset: QuerySet[Post], *, before: int | None) -> tuple[list[dict], int | None]:
    """One page (one query, newest first) and the cursor of the next page, if there is one."""
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    posts = list(
        queryset.select_related("author", "habit")
        .only(
            *(f.name for f in Post._meta.concrete_fields if f.name not in ("author", "habit")),
            "author_id",
            "habit_id",
            "author__display_name",
            "habit__name",
        )
        .order_by("-id")[: PAGE_SIZE + 1]
    )
    next_cursor = posts[PAGE_SIZE - 1].pk if len(posts) > PAGE_SIZE else None
    return [_shared_row(post) for post in posts[:PAGE_SIZE]], next_cursor


_OVERLAY_SQL = """
    SELECT p.id, p.kudos_count,
           EXISTS (SELECT 1 FROM {kudos} k WHERE k.post_id = p.id AND k.user_id = %s)
    FROM {post} p JOIN {habit} h ON h.id = p.habit_id
    WHERE p.id IN ({ids}) {visible}
"""


def _fresh_kudos(*, viewer_id: int, ids: list[int], visible_only: bool) -> dict[int, tuple]:
    """{post id: (kudos_count, kudosed_by_me)} of those still visible. Written in SQL because it
    runs on every feed request, a cached one included, and building the ORM's Exists subquery
    cost four times what running it does (profiled: 1.6 ms against 0.35 ms; docs/performance.md).
    The ids are parameters; only table names are formatted in."""
    statement = _OVERLAY_SQL.format(
        kudos=Kudos._meta.db_table,
        post=Post._meta.db_table,
        habit=Habit._meta.db_table,
        ids=", ".join(["%s"] * len(ids)),
        visible="AND NOT p.is_hidden AND h.is_public AND NOT h.is_archived" if visible_only else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [viewer_id, *ids])
        return {pk: (count, bool(given)) for pk, count, given in cursor.fetchall()}


def posts_overlay(*, viewer, rows: list[dict], visible_only: bool = True) -> list[dict]:
    """The page as this viewer sees it, in one query: fresh kudos counts, whether they gave
    kudos, `is_mine`; posts hidden, deleted or whose habit went private since the page was read
    (it may come from the cache) are left out."""
    if not rows:
        return []
    fresh = _fresh_kudos(
        viewer_id=viewer.pk, ids=[row["id"] for row in rows], visible_only=visible_only
    )
    page = []
    for row in rows:
        if row["id"] not in fresh:
            continue
        shown = {key: value for key, value in row.items() if key != "author_id"}
        shown["kudos_count"], shown["kudosed_by_me"] = fresh[row["id"]]
        shown["is_mine"] = row["author_id"] == viewer.pk
        page.append(shown)
    return page


def feed_page_for_viewer(*, viewer, before: int | None) -> tuple[list[dict], int | None]:
    """The community feed: visible posts on habits still public, newest first. The first page
    comes from the shared cache when it is warm (one query: the overlay)."""
    if before is None:
        cached = feed_cache.first_page_get()
        if cached is None:
            cached = _shared_rows(Post.objects.filter(**_VISIBLE), before=None)
            feed_cache.first_page_set(cached)
        rows, next_cursor = cached
    else:
        # Older pages may be a second stale (a replica). The first page is not read there: it
        # is cached for everyone, and a new post must show at once to its author.
        with replica_reads():
            rows, next_cursor = _shared_rows(Post.objects.filter(**_VISIBLE), before=before)
    return posts_overlay(viewer=viewer, rows=rows), next_cursor


def public_habit_posts_page(
    *, viewer, habit_id: int, before: int | None
) -> tuple[list[dict], int | None]:
    """The visible posts of one public habit (a private, archived or missing habit: 404)."""
    if not Habit.objects.filter(pk=habit_id, is_public=True, is_archived=False).exists():
        raise NotFound("Habit not found.")
    with replica_reads():  # the page may be a second stale; the 404 above may not
        rows, next_cursor = _shared_rows(
            Post.objects.filter(habit_id=habit_id, is_hidden=False), before=before
        )
    return posts_overlay(viewer=viewer, rows=rows), next_cursor


def post_get_for_viewer(*, viewer, post_id: int) -> dict:
    """A visible post is public to every signed-in user; its author also sees it hidden or on a
    habit made private. Anything else is a 404."""
    rows, _ = _shared_rows(
        Post.objects.filter(Q(author=viewer) | Q(**_VISIBLE), pk=post_id), before=None
    )
    if not rows:
        raise NotFound("Post not found.")
    return posts_overlay(viewer=viewer, rows=rows, visible_only=False)[0]


def post_of_author_or_404(*, user, post_id: int) -> None:
    if not Post.objects.filter(pk=post_id, author=user).exists():
        raise NotFound("Post not found.")


def post_visible_or_404(*, post_id: int) -> None:
    if not Post.objects.filter(pk=post_id, **_VISIBLE).exists():
        raise NotFound("Post not found.")


def community_settings_get(*, user) -> CommunitySettings:
    """The user's settings (defaults when never changed). Reading them also writes the opt-in
    back to Redis, where a completion looks it up (community.opt_in)."""
    found = CommunitySettings.objects.filter(user=user).first() or CommunitySettings(user=user)
    opt_in.remember(user_id=user.pk, auto_post=found.auto_post_milestones)
    return found


def post_image_keys_for_user(user) -> list[str]:
    """Every stored image of the user's posts, for the account wipe and deletion."""
    return list(
        Post.objects.filter(author=user).exclude(image_key="").values_list("image_key", flat=True)
    )


def community_export_for_user(user) -> dict:
    return {
        "settings": {
            "auto_post_milestones": community_settings_get(user=user).auto_post_milestones
        },
        "posts": [
            {
                "id": post.pk,
                "habit": post.habit_id,
                "kind": post.kind,
                "milestone": post.milestone,
                "text": post.text,
                "has_image": bool(post.image_key),
                "kudos_count": post.kudos_count,
                "is_hidden": post.is_hidden,
                "created_at": post.created_at.isoformat(),
            }
            for post in Post.objects.filter(author=user).order_by("id")
        ],
        "kudos_given": [
            {"post": post_id, "created_at": created_at.isoformat()}
            for post_id, created_at in Kudos.objects.filter(user=user)
            .order_by("id")
            .values_list("post_id", "created_at")
        ],
        "reports": [
            {"post": post_id, "reason": reason, "created_at": created_at.isoformat()}
            for post_id, reason, created_at in PostReport.objects.filter(reporter=user)
            .order_by("id")
            .values_list("post_id", "reason", "created_at")
        ],
    }
