"""The community feed and a public habit's posts: what is shown, the cursor, the constant number
of queries, and the shared first page cached in Redis with each viewer's own parts laid over it."""

import pytest
from django.core.cache import cache

from community import feed_cache
from community.models import Post
from community.selectors import PAGE_SIZE
from community.tests.factories import KudosFactory, PostFactory, PublicHabitFactory
from habits.models import Habit
from habits.tests.factories import HabitFactory
from tests_support import assert_error, client_for

pytestmark = pytest.mark.django_db

FEED = "/api/community/feed/"


def ids(response):
    assert response.status_code == 200, response.content
    return [post["id"] for post in response.json()["results"]]


def test_the_feed_shows_visible_posts_on_public_habits_newest_first(auth_client, user):
    older, newer = PostFactory(), PostFactory()
    PostFactory(is_hidden=True)
    went_private = PostFactory()
    Habit.objects.filter(pk=went_private.habit_id).update(is_public=False)
    archived = PostFactory()
    Habit.objects.filter(pk=archived.habit_id).update(is_archived=True)
    response = auth_client.get(FEED)
    assert ids(response) == [newer.pk, older.pk]
    assert response.json()["next_cursor"] is None
    assert "@" not in response.content.decode()  # display names, never emails


def test_the_cursor_walks_the_whole_feed_once(auth_client):
    posts = PostFactory.create_batch(PAGE_SIZE * 2 + 3)
    seen, cursor = [], None
    while True:
        response = auth_client.get(FEED, {"cursor": cursor} if cursor else {})
        seen += ids(response)
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted((post.pk for post in posts), reverse=True)


@pytest.mark.parametrize("cursor", ["abc", "0", "-3", "", "1.5", "\u0661"])
def test_a_bad_cursor_is_a_400(auth_client, cursor):
    assert_error(auth_client.get(FEED, {"cursor": cursor}), 400, "invalid", "cursor")


def test_an_unknown_query_parameter_is_a_400(auth_client):
    assert_error(auth_client.get(FEED, {"page": 2}), 400, "invalid", "page")


def test_my_kudos_and_my_posts_are_marked_for_me_only(user, other_user):
    mine = PostFactory(habit=PublicHabitFactory(user=user))
    theirs = PostFactory(habit=PublicHabitFactory(user=other_user))
    KudosFactory(post=theirs, user=user)
    Post.objects.filter(pk=theirs.pk).update(kudos_count=1)
    for viewer, expected in [
        (user, {mine.pk: (True, False), theirs.pk: (False, True)}),
        (other_user, {mine.pk: (False, False), theirs.pk: (True, False)}),
    ]:
        results = client_for(viewer).get(FEED).json()["results"]
        assert {p["id"]: (p["is_mine"], p["kudosed_by_me"]) for p in results} == expected
        assert {p["id"]: p["kudos_count"] for p in results} == {mine.pk: 0, theirs.pk: 1}


@pytest.mark.parametrize("count", [3, 30])
def test_the_feed_costs_the_same_queries_for_3_and_30_posts(django_assert_num_queries, user, count):
    client = client_for(user)
    for post in PostFactory.create_batch(count):
        KudosFactory(post=post, user=user)
    client.get("/api/community/settings/")  # the signed-in user is now cached (users.tokens)
    # cold: the shared page and the viewer's overlay; warm: the overlay alone
    with django_assert_num_queries(2):
        assert len(ids(client.get(FEED))) == min(count, PAGE_SIZE)
    with django_assert_num_queries(1) as warm:
        assert len(ids(client.get(FEED))) == min(count, PAGE_SIZE)
    # a cache hit reads no page: its one query is the overlay by id, without author or habit
    overlay = warm.captured_queries[0]["sql"]
    assert "users_user" not in overlay and "habits_habit" in overlay  # (public habits only)
    cursor = {"cursor": 10**9}  # an older page is never cached
    with django_assert_num_queries(2):
        assert len(ids(client.get(FEED, cursor))) == min(count, PAGE_SIZE)


def test_a_warm_first_page_still_shows_fresh_counts_kudos_and_hides(auth_client, other_user):
    post, hidden_later = PostFactory(), PostFactory()
    assert feed_cache.first_page_get() is None
    ids(auth_client.get(FEED))
    assert feed_cache.first_page_get() is not None
    client_for(other_user).post(f"/api/posts/{post.pk}/kudos/")
    Post.objects.filter(pk=hidden_later.pk).update(is_hidden=True)
    results = auth_client.get(FEED).json()["results"]
    assert [(p["id"], p["kudos_count"]) for p in results] == [(post.pk, 1)]


def test_a_new_post_empties_the_cached_page_once_committed(
    auth_client, user, django_capture_on_commit_callbacks
):
    PostFactory()
    ids(auth_client.get(FEED))
    habit = PublicHabitFactory(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/posts/", {"habit": habit.pk, "text": "new"}).json()
    assert ids(auth_client.get(FEED))[0] == created["id"]


def test_the_cached_page_expires_by_the_setting(settings, auth_client):
    settings.COMMUNITY_FEED_CACHE_SECONDS = 15
    PostFactory()
    ids(auth_client.get(FEED))
    ttl = cache._cache.get_client().ttl(cache.make_and_validate_key(feed_cache.FIRST_PAGE_KEY))
    assert 0 < ttl <= 15


def test_a_public_habit_lists_its_visible_posts(auth_client, other_user):
    habit = PublicHabitFactory(user=other_user)
    shown = PostFactory(habit=habit)
    PostFactory(habit=habit, is_hidden=True)
    PostFactory()  # another habit
    assert ids(auth_client.get(f"/api/habits/public/{habit.pk}/posts/")) == [shown.pk]


def test_a_private_or_missing_habit_has_no_public_posts(auth_client, user):
    private = HabitFactory(user=user)
    for habit_id in [private.pk, 999999]:
        assert_error(auth_client.get(f"/api/habits/public/{habit_id}/posts/"), 404, "not_found")


@pytest.mark.parametrize("count", [1, 30])
def test_a_public_habits_posts_cost_the_same_queries_for_1_and_30(
    django_assert_num_queries, user, count
):
    habit = PublicHabitFactory()
    PostFactory.create_batch(count, habit=habit)
    client = client_for(user)
    client.get("/api/community/settings/")  # the signed-in user is now cached
    with django_assert_num_queries(3):  # the habit, the page, the overlay
        assert len(ids(client.get(f"/api/habits/public/{habit.pk}/posts/"))) == min(
            count, PAGE_SIZE
        )


@pytest.mark.parametrize("url", [FEED, "/api/habits/public/{habit}/posts/"])
def test_a_cursor_past_any_id_is_simply_the_newest_page(auth_client, url):
    """Older than an id larger than the database can hold: every post (no overflow, no 500)."""
    post = PostFactory()
    response = auth_client.get(url.format(habit=post.habit_id), {"cursor": "9" * 30})
    assert response.status_code == 200
    assert ids(response) == [post.pk]
