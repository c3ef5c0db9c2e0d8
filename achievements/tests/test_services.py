"""Awarding from history: once per user and achievement, announced (coins) and written to the
outbox only by the insert that recorded it; the events that queue an evaluation; the backfill
that announces nothing; the catalogue's sync."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from achievements.models import Achievement, AchievementProgress, UserAchievement
from achievements.services import (
    achievements_backfill,
    achievements_evaluate_for_user,
    achievements_mark_seen,
    achievements_sync,
)
from goals.services import goal_complete
from goals.tests.factories import GoalFactory
from habit_instances.services import habit_instance_mark_completed
from habit_instances.tests.factories import HabitInstanceFactory
from habits.events import announce_habit_saved
from habits.tests.factories import HabitFactory
from notifications.models import Notification
from rewards.models import CoinEntry
from rewards.rules import achievement_bonus
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)


def _completed_instance(user, day=dt.date(2026, 3, 10)):
    habit = HabitFactory(user=user)
    return HabitInstanceFactory(habit=habit, date=day, status="completed", completed_at=NOW)


def _earned(user) -> set[str]:
    return set(
        UserAchievement.objects.filter(user=user).values_list("achievement__code", flat=True)
    )


def test_a_first_completion_earns_first_step_with_its_bonus_and_one_notification(catalogue, user):
    _completed_instance(user)
    earned = achievements_evaluate_for_user(user_id=user.pk, now=NOW)
    assert set(earned) == {"first_completion", "first_habit"}
    assert _earned(user) == {"first_completion", "first_habit"}
    notification = Notification.objects.get(user=user, dedupe_key="achievement:first_completion")
    assert notification.kind == "achievement_earned"
    assert notification.title == "🏆 Achievement earned: First step"
    assert notification.payload == {"achievement": "first_completion", "tier": "bronze"}
    bonuses = CoinEntry.objects.filter(user=user, kind="achievement_bonus")
    assert sorted(bonuses.values_list("note", "amount")) == [
        ("first_completion", achievement_bonus(tier="bronze")),
        ("first_habit", achievement_bonus(tier="bronze")),
    ]
    progress = AchievementProgress.objects.get(user=user).measures
    assert (progress["completions"], progress["habits_created"]) == (1, 1)


def test_a_duplicate_evaluation_awards_announces_and_notifies_nothing_more(catalogue, user):
    _completed_instance(user)
    achievements_evaluate_for_user(user_id=user.pk, now=NOW)
    again = achievements_evaluate_for_user(user_id=user.pk, now=NOW + dt.timedelta(minutes=1))
    assert again == []
    assert UserAchievement.objects.filter(user=user).count() == 2
    assert Notification.objects.filter(user=user, kind="achievement_earned").count() == 2
    assert CoinEntry.objects.filter(user=user, kind="achievement_bonus").count() == 2


def test_nothing_is_earned_by_another_users_history(catalogue, user, other_user):
    _completed_instance(other_user)
    assert achievements_evaluate_for_user(user_id=user.pk, now=NOW) == []
    assert achievements_evaluate_for_user(user_id=10**9, now=NOW) == []


def test_a_completion_marked_through_the_service_is_evaluated_after_commit(
    catalogue, tasks_inline, user, django_capture_on_commit_callbacks
):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    with django_capture_on_commit_callbacks(execute=True):
        habit_instance_mark_completed(user=user, instance_id=instance.pk, now=NOW)
    assert "first_completion" in _earned(user)


def test_a_saved_habit_and_a_completed_goal_are_evaluated_after_commit(
    catalogue, tasks_inline, user, django_capture_on_commit_callbacks
):
    habit = HabitFactory(user=user, is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        announce_habit_saved(habit_id=habit.pk, now=NOW)
    assert {"first_habit", "first_public_habit"} <= _earned(user)
    goal = GoalFactory(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        goal_complete(user=user, goal_id=goal.pk, now=NOW)
    assert "first_goal" in _earned(user)


def test_nothing_is_queued_before_the_commit(catalogue, user, django_capture_on_commit_callbacks):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        habit_instance_mark_completed(user=user, instance_id=instance.pk, now=NOW)
    assert not _earned(user)
    assert callbacks  # the evaluation waits for the commit


def test_streaks_and_counts_earn_their_tiers_at_their_targets(catalogue, user):
    habit = HabitFactory(user=user)
    start = dt.date(2026, 3, 1)
    for offset in range(7):
        HabitInstanceFactory(
            habit=habit, date=start + dt.timedelta(days=offset), status="completed"
        )
    earned = set(achievements_evaluate_for_user(user_id=user.pk, now=NOW))
    assert {"streak_3", "streak_7"} <= earned
    assert "streak_21" not in earned


def test_backfill_awards_from_history_in_batches_announcing_nothing(catalogue):
    users = [UserFactory() for _ in range(3)]
    for user in users:
        _completed_instance(user)
    result = achievements_backfill(batch_size=2, now=NOW)
    assert (result["users"], result["awards"]) == (3, 6)
    assert UserAchievement.objects.filter(backfilled=True).count() == 6
    assert not Notification.objects.filter(kind="achievement_earned").exists()
    assert not CoinEntry.objects.filter(kind="achievement_bonus").exists()
    assert achievements_backfill(batch_size=2, now=NOW)["awards"] == 0  # idempotent


def test_backfill_resumes_after_a_user_id(catalogue):
    first, second = UserFactory(), UserFactory()
    _completed_instance(first)
    _completed_instance(second)
    result = achievements_backfill(batch_size=10, now=NOW, after_user_id=first.pk)
    assert result["users"] == 1
    assert not _earned(first) and _earned(second)


def test_sync_is_idempotent_and_unlists_codes_gone_from_the_catalogue(catalogue, user):
    assert achievements_sync() == {"created": 0, "updated": 0, "unlisted": 0}
    Achievement.objects.filter(code="first_habit").update(name="Old name")
    gone = Achievement.objects.create(
        code="gone", name="Gone", tier="bronze", measure="completions"
    )
    assert achievements_sync() == {"created": 0, "updated": 1, "unlisted": 1}
    assert Achievement.objects.get(code="first_habit").name == "A time and a place"
    gone.refresh_from_db()
    assert not gone.is_listed


def test_marking_seen_touches_only_my_unseen_rows(catalogue, user, other_user):
    for owner in (user, other_user):
        _completed_instance(owner)
        achievements_evaluate_for_user(user_id=owner.pk, now=NOW)
    assert achievements_mark_seen(user=user, codes=["first_completion"], now=NOW) == 1
    assert achievements_mark_seen(user=user, codes=["first_completion"], now=NOW) == 0
    assert UserAchievement.objects.filter(seen_at__isnull=False).count() == 1


def test_the_commands_sync_and_backfill_idempotently(catalogue, user):
    _completed_instance(user)
    out = StringIO()
    call_command("achievements_sync", stdout=out)
    assert "0 created, 0 updated, 0 unlisted" in out.getvalue()
    call_command("achievements_backfill", "--batch-size", "1", stdout=out)
    assert "1 users, 2 awards" in out.getvalue()
    call_command("achievements_backfill", "--batch-size", "1", stdout=out)
    assert "1 users, 0 awards" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("achievements_backfill", "--batch-size", "0")
