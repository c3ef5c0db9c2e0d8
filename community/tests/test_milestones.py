"""Automatic milestone posts: opt-in, public habits only, live completions only, one per habit
per milestone however often the event arrives."""

import datetime as dt

import pytest
from django.core.cache import cache

from community.models import CommunitySettings, Post
from community.services import community_settings_update, on_habit_formed, on_instance_marked
from community.tests.factories import PublicHabitFactory
from habit_instances.services import habit_instance_mark_completed
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Habit

pytestmark = pytest.mark.django_db

UTC = dt.UTC
TODAY = dt.date(2026, 3, 10)  # the factory's default instance day; grace until 08:00 UTC
GRACE = dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def habit_one_completion_short_of(streak: int, *, user, public=True):
    """A daily habit completed on the `streak - 1` days before today, with today still open."""
    habit = PublicHabitFactory(user=user, is_public=public)
    for days_back in range(1, streak):
        HabitInstanceFactory(
            habit=habit,
            date=TODAY - dt.timedelta(days=days_back),
            status="completed",
            completed_at=GRACE - dt.timedelta(days=days_back),
        )
    return habit, HabitInstanceFactory(habit=habit, date=TODAY)


@pytest.fixture
def opted_in(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the opt-in reaches Redis on commit
        community_settings_update(user=user, auto_post_milestones=True)
    return user


@pytest.mark.parametrize("streak", [7, 21])
def test_a_live_completion_reaching_a_milestone_posts_it_once(opted_in, streak):
    habit, today = habit_one_completion_short_of(streak, user=opted_in)
    habit_instance_mark_completed(user=opted_in, instance_id=today.pk, now=GRACE)
    post = Post.objects.exclude(milestone="formed").get()  # 21 completions also form the habit
    assert (post.kind, post.milestone, post.author, post.habit) == (
        "milestone",
        f"streak_{streak}",
        opted_in,
        habit,
    )
    assert str(streak) in post.text and habit.name in post.text
    # the event delivered again (a retry, a second worker): still one post
    on_instance_marked(
        habit_id=habit.pk,
        user_id=opted_in.pk,
        status="completed",
        day=TODAY,
        recorded_late=False,
        now=GRACE,
    )
    assert Post.objects.filter(milestone=f"streak_{streak}").count() == 1


def test_a_streak_between_milestones_posts_nothing(opted_in):
    _, today = habit_one_completion_short_of(8, user=opted_in)
    habit_instance_mark_completed(user=opted_in, instance_id=today.pk, now=GRACE)
    assert not Post.objects.exists()


def test_no_milestone_post_without_opting_in(user):
    _, today = habit_one_completion_short_of(7, user=user)
    habit_instance_mark_completed(user=user, instance_id=today.pk, now=GRACE)
    assert not Post.objects.exists()


def test_no_milestone_post_on_a_private_habit(opted_in):
    _, today = habit_one_completion_short_of(7, user=opted_in, public=False)
    habit_instance_mark_completed(user=opted_in, instance_id=today.pk, now=GRACE)
    assert not Post.objects.exists()


def test_a_late_completion_or_a_recorded_day_posts_nothing(opted_in):
    habit, today = habit_one_completion_short_of(7, user=opted_in)
    habit_instance_mark_completed(
        user=opted_in, instance_id=today.pk, now=GRACE + dt.timedelta(minutes=5)
    )
    assert not Post.objects.exists()  # completed_late
    # a day recorded afterwards announces itself recorded_late, whatever streak it makes
    habit, _ = habit_one_completion_short_of(8, user=opted_in)
    on_instance_marked(
        habit_id=habit.pk,
        user_id=opted_in.pk,
        status="completed",
        day=TODAY,
        recorded_late=True,
        now=GRACE,
    )
    assert not Post.objects.exists()


def test_a_formed_habit_is_posted_once(opted_in):
    habit = PublicHabitFactory(user=opted_in)
    for _ in range(2):
        on_habit_formed(habit_id=habit.pk, now=GRACE)
    post = Post.objects.get()
    assert (post.milestone, post.kind) == ("formed", "milestone")


def test_a_formed_habit_made_private_is_not_posted(opted_in):
    habit = PublicHabitFactory(user=opted_in)
    Habit.objects.filter(pk=habit.pk).update(is_public=False)
    on_habit_formed(habit_id=habit.pk, now=GRACE)
    assert not Post.objects.exists()


def test_the_opt_in_lost_from_redis_comes_back_when_the_settings_are_read(opted_in, auth_client):
    """The database row is the truth; Redis only answers the completion's question fast."""
    cache.delete(f"community:auto-post:{opted_in.pk}")  # as if Redis had lost it
    _, today = habit_one_completion_short_of(7, user=opted_in)
    assert auth_client.get("/api/community/settings/").json() == {"auto_post_milestones": True}
    habit_instance_mark_completed(user=opted_in, instance_id=today.pk, now=GRACE)
    assert Post.objects.get().milestone == "streak_7"


def test_a_completion_of_a_user_who_did_not_opt_in_asks_the_database_nothing(
    user, django_assert_num_queries
):
    habit, _ = habit_one_completion_short_of(7, user=user)
    with django_assert_num_queries(0):
        on_instance_marked(
            habit_id=habit.pk,
            user_id=user.pk,
            status="completed",
            day=TODAY,
            recorded_late=False,
            now=GRACE,
        )


def test_a_habit_formed_by_a_user_who_did_not_opt_in_costs_one_query(
    user, django_assert_num_queries
):
    """The event names the habit only: its owner is read (once in the habit's life), nothing
    more."""
    habit = PublicHabitFactory(user=user)
    with django_assert_num_queries(1):
        on_habit_formed(habit_id=habit.pk, now=GRACE)
    assert not Post.objects.exists()


def test_a_stale_yes_in_redis_never_posts_for_someone_who_opted_out(opted_in):
    CommunitySettings.objects.filter(user=opted_in).update(auto_post_milestones=False)
    _, today = habit_one_completion_short_of(7, user=opted_in)
    habit_instance_mark_completed(user=opted_in, instance_id=today.pk, now=GRACE)
    assert not Post.objects.exists()
