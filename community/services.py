"""Every write of the community: posts (with their image), kudos, reports, the user's setting,
moderation, automatic milestone posts and the account wipe."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from community import feed_cache, opt_in
from community.models import (
    FORMED_MILESTONE,
    STREAK_MILESTONES,
    CommunitySettings,
    Kudos,
    Post,
    PostKind,
    PostReport,
    streak_milestone,
)
from core.exceptions import NotFound, PayloadTooLarge, ServiceUnavailable, ValidationFailed
from core.models import is_storable_id
from core.ownership import get_owned_or_404
from core.storage import (
    storage_key_new,
    storage_object_save,
    storage_objects_delete,
    storage_objects_delete_on_commit,
)
from core.uploads import EXTENSIONS, UnreadableImage, image_without_metadata, sniffed_content_type
from habit_instances.models import InstanceStatus
from habit_instances.stats.selectors import habit_current_streak_on
from habits.models import Habit

logger = logging.getLogger(__name__)

IMAGE_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")


def post_image_size_check(*, size: int | None) -> None:
    """413 over POST_IMAGE_MAX_BYTES; the view also calls it with the declared request length,
    so a huge upload is refused before it is read."""
    limit = settings.POST_IMAGE_MAX_BYTES
    if size is not None and size > limit:
        raise PayloadTooLarge(
            f"The image is larger than {limit} bytes.",
            code="file_too_large",
            fields={"image": [f"Images may be at most {limit // (1024 * 1024)} MB."]},
            details={"max_bytes": limit},
        )


def _checked_image(data: bytes) -> tuple[bytes, str]:
    content_type = sniffed_content_type(data)
    if content_type not in IMAGE_CONTENT_TYPES:
        raise ValidationFailed(
            code="unsupported_file_type",
            fields={"image": ["Attach a photo or screenshot (JPEG, PNG or WebP)."]},
            details={"detected_type": content_type},
        )
    try:
        return image_without_metadata(data, content_type), content_type
    except UnreadableImage:
        raise ValidationFailed(
            code="unreadable_image",
            fields={"image": ["This image could not be read; it may be damaged."]},
        ) from None


def _public_habit_of(*, user, habit_id: int, lock: bool = False) -> Habit:
    """The user's own habit (another user's: 404), which must be public to be posted about."""
    queryset = Habit.objects.select_for_update() if lock else Habit.objects.all()
    habit = get_owned_or_404(
        queryset.only("pk", "user_id", "is_public", "is_archived"), user=user, pk=habit_id
    )
    if not habit.is_public or habit.is_archived:
        raise ValidationFailed(
            "Only a public habit can be posted about.",
            code="habit_not_public",
            fields={"habit": ["Make this habit public first."]},
        )
    return habit


def post_create(*, user, habit_id: int, text: str, image=None, now: datetime) -> Post:
    """A manual post. The image (if any) is stored before the row, outside any transaction (a
    slow storage must not hold a lock); if the row cannot be written, the image is removed."""
    _public_habit_of(user=user, habit_id=habit_id)
    key, content_type = "", ""
    if image is not None:
        post_image_size_check(size=image.size)
        data, content_type = _checked_image(image.read())
        key = storage_key_new(prefix=f"posts/{user.pk}", extension=EXTENSIONS[content_type])
        try:
            storage_object_save(key=key, data=data, content_type=content_type)
        except Exception:
            logger.exception("storage: could not save %s", key)
            raise ServiceUnavailable(
                "The image could not be stored. Try again later.", code="storage_unavailable"
            ) from None
    try:
        with transaction.atomic():
            # locked and checked again: a habit made private meanwhile gets no post
            habit = _public_habit_of(user=user, habit_id=habit_id, lock=True)
            post = Post.objects.create(
                author=user,
                habit=habit,
                kind=PostKind.NOTE,
                text=text,
                image_key=key,
                image_content_type=content_type,
                created_at=now,
            )
            feed_cache.first_page_forget_on_commit()
            return post
    except BaseException:
        if key:
            storage_objects_delete(keys=[key])
        raise


@transaction.atomic
def post_update(*, user, post_id: int, text: str) -> Post:
    """The author edits the text; another user's post is a 404."""
    updated = Post.objects.filter(pk=post_id, author=user).update(text=text)
    if not updated:
        raise NotFound("Post not found.")
    feed_cache.first_page_forget_on_commit()
    return Post.objects.get(pk=post_id)


@transaction.atomic
def post_delete(*, user, post_id: int) -> None:
    """The author deletes a post; its kudos and reports go with it, its image after commit."""
    post = get_owned_or_404(
        Post.objects.only("pk", "image_key"), user=user, pk=post_id, owner_field="author"
    )
    _posts_delete(Post.objects.filter(pk=post.pk))


def _posts_delete(posts) -> int:
    keys = [key for key in posts.values_list("image_key", flat=True) if key]
    deleted, _ = posts.delete()
    storage_objects_delete_on_commit(keys=keys)
    return deleted


@transaction.atomic
def posts_delete_by_moderator(*, post_ids) -> int:
    return _posts_delete(Post.objects.filter(pk__in=list(post_ids)))


@transaction.atomic
def posts_set_hidden(*, post_ids, hidden: bool) -> int:
    """Moderation. A hidden post leaves every feed at once (the overlay query filters it); one
    shown again returns to the cached first page when that is read anew, so it is emptied."""
    changed = (
        Post.objects.filter(pk__in=list(post_ids))
        .exclude(is_hidden=hidden)
        .update(is_hidden=hidden)
    )
    feed_cache.first_page_forget_on_commit()
    return changed


def _visible_post_of_someone_else(*, user, post_id: int, refusal: str) -> Post:
    post = (
        Post.objects.filter(
            pk=post_id, is_hidden=False, habit__is_public=True, habit__is_archived=False
        )
        .only("pk", "author_id")
        .first()
    )
    if post is None:
        raise NotFound("Post not found.")
    if post.author_id == user.pk:
        raise ValidationFailed(refusal, code="own_post")
    return post


@transaction.atomic
def kudos_give(*, user, post_id: int, now: datetime) -> int:
    """Idempotent: a second kudos changes nothing. The count moves in the same transaction as
    the row, and only when a row was really inserted (ignore_conflicts on the unique pair)."""
    post = _visible_post_of_someone_else(
        user=user, post_id=post_id, refusal="You cannot give kudos to your own post."
    )
    try:
        with transaction.atomic():  # a savepoint: a double click's second insert only fails
            Kudos.objects.create(user=user, post=post, created_at=now)
    except IntegrityError:
        return _kudos_count(post.pk)  # given before: nothing changes
    Post.objects.filter(pk=post.pk).update(kudos_count=F("kudos_count") + 1)
    return _kudos_count(post.pk)


@transaction.atomic
def kudos_take_back(*, user, post_id: int) -> int:
    """Idempotent: taking back kudos never given changes nothing."""
    if not is_storable_id(post_id):  # the foreign key filter below would overflow on SQLite
        raise NotFound("Post not found.")
    deleted, _ = Kudos.objects.filter(user=user, post_id=post_id).delete()
    if deleted:
        Post.objects.filter(pk=post_id, kudos_count__gt=0).update(kudos_count=F("kudos_count") - 1)
    elif not Post.objects.filter(pk=post_id).exists():
        raise NotFound("Post not found.")
    return _kudos_count(post_id)


def _kudos_count(post_id: int) -> int:
    return Post.objects.filter(pk=post_id).values_list("kudos_count", flat=True).get()


@transaction.atomic
def post_report(*, user, post_id: int, reason: str, now: datetime) -> tuple[PostReport, bool]:
    """One report per reporter per post: reporting again answers the first report."""
    post = _visible_post_of_someone_else(
        user=user, post_id=post_id, refusal="You cannot report your own post."
    )
    try:
        with transaction.atomic():  # a savepoint: a second report of a double click only fails
            report = PostReport.objects.create(
                reporter=user, post=post, reason=reason, created_at=now
            )
    except IntegrityError:
        return PostReport.objects.get(reporter=user, post=post), False
    Post.objects.filter(pk=post.pk).update(reports_count=F("reports_count") + 1)
    return report, True


@transaction.atomic
def reports_resolve(*, post_ids) -> int:
    """Moderation: the open reports of these posts are dealt with (the post stays as it is;
    hiding is its own action). The queue shows unresolved reports first."""
    return PostReport.objects.filter(post_id__in=list(post_ids), resolved=False).update(
        resolved=True
    )


@transaction.atomic
def community_settings_update(*, user, auto_post_milestones: bool) -> CommunitySettings:
    found, _ = CommunitySettings.objects.update_or_create(
        user=user, defaults={"auto_post_milestones": auto_post_milestones}
    )
    opt_in.remember_on_commit(user_id=user.pk, auto_post=auto_post_milestones)
    return found


def milestone_post_create(*, habit_id: int, milestone: str, text: str, now: datetime) -> bool:
    """The automatic post of a milestone, when the habit is public and its owner opted in.
    Idempotent: the unique (habit, milestone) pair makes a second delivery insert nothing.
    Runs inside the announcer's transaction (ON CONFLICT DO NOTHING keeps it usable)."""
    habit = (
        Habit.objects.filter(pk=habit_id, is_public=True, is_archived=False)
        .only("pk", "user_id", "name")
        .first()
    )
    # Redis answers the usual "did not opt in" (community.opt_in); the row, the truth, is read
    # only when it says yes, so a stale yes never posts for someone who opted out.
    if habit is None or not opt_in.auto_post(user_id=habit.user_id):
        return False
    if not CommunitySettings.objects.filter(
        user_id=habit.user_id, auto_post_milestones=True
    ).exists():
        return False
    created = Post.objects.bulk_create(
        [
            Post(
                author_id=habit.user_id,
                habit=habit,
                kind=PostKind.MILESTONE,
                milestone=milestone,
                text=text.format(habit=habit.name),
                created_at=now,
            )
        ],
        ignore_conflicts=True,
    )
    feed_cache.first_page_forget_on_commit()
    return bool(created)


def on_habit_formed(*, habit_id: int, now: datetime, **_) -> None:
    milestone_post_create(
        habit_id=habit_id,
        milestone=FORMED_MILESTONE,
        text="Formed the habit “{habit}”: it is part of who I am now.",
        now=now,
    )


def on_instance_marked(
    *,
    habit_id: int,
    user_id: int,
    status: str,
    day,
    recorded_late: bool,
    now: datetime,
    current_streak: int | None = None,
    **_,
) -> None:
    """Live completions only: a day recorded afterwards does not announce a streak."""
    if status != InstanceStatus.COMPLETED or recorded_late:
        return

    # Most marks are by users who did not opt in: for them this costs one Redis read and no
    # query (community.opt_in), so a completion's query count does not grow.
    if not opt_in.auto_post(user_id=user_id):
        return
    # the completion read it already when its week is the owner's current one (as for the coins)
    streak = (
        current_streak
        if current_streak is not None
        else habit_current_streak_on(habit_id=habit_id, day=day)
    )
    if streak in STREAK_MILESTONES:
        milestone_post_create(
            habit_id=habit_id,
            milestone=streak_milestone(streak),
            text=f"A streak of {streak} on “{{habit}}”.",
            now=now,
        )


@transaction.atomic
def community_wipe_for_user(user) -> None:
    """The account data wipe: the kudos the user gave are taken back (counts follow), their
    reports and setting go, and their posts with the kudos and reports on them. Images are
    removed by the account services (core.user_data stored_files)."""
    Post.objects.filter(kudos__user=user).update(kudos_count=F("kudos_count") - 1)
    Kudos.objects.filter(user=user).delete()
    PostReport.objects.filter(reporter=user).delete()
    CommunitySettings.objects.filter(user=user).delete()
    opt_in.remember_on_commit(user_id=user.pk, auto_post=False)
    Post.objects.filter(author=user).delete()
    feed_cache.first_page_forget_on_commit()
