"""The community feed's bench row: posts seeded on public habits of the seeded users, then the
warm first page of GET /api/community/feed/ replayed by wrk like the other HTTP rows."""

from django.utils import timezone

FEED_KEY = "http_feed"
FEED_NAME = "HTTP GET /api/community/feed/ (warm first page of 500 posts, kudos on some)"
POSTS = 500
AUTHORS = 50


def seed_posts(user_ids: list[int]) -> None:
    """POSTS posts by the first AUTHORS seeded users on one public habit each, and kudos from
    every viewer on some of them, so the overlay query has rows to find."""
    from community.models import Kudos, Post
    from habits.models import Habit

    if Post.objects.exists():  # BENCH_REUSE_DB: seeded by an earlier run
        return
    habits = []
    for user_id in user_ids[:AUTHORS]:
        habit = Habit.objects.filter(user_id=user_id, is_archived=False).order_by("id").first()
        if habit is not None:
            habits.append(habit)
    Habit.objects.filter(pk__in=[habit.pk for habit in habits]).update(is_public=True)
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            author_id=habits[n % len(habits)].user_id,
            habit=habits[n % len(habits)],
            text=f"Day {n}: kept the habit going, one small step at a time.",
            created_at=now,
        )
        for n in range(POSTS)
    )
    newest = posts[-20:]
    Kudos.objects.bulk_create(
        Kudos(user_id=user_id, post=post, created_at=now)
        for user_id in user_ids[: len(user_ids) // 2]
        for post in newest[::4]
    )
    for post in newest[::4]:
        post.kudos_count = Kudos.objects.filter(post=post).count()
    Post.objects.bulk_update(newest[::4], ["kudos_count"])
