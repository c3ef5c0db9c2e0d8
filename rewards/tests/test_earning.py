"""Coins from the events: live completions pay by the rules, undo and corrections take back with
a compensating entry, goals and achievements pay a bonus once."""

import datetime as dt

import pytest
from django.utils import timezone

from achievements.events import announce_achievement_earned
from goals.services import goal_complete, goal_reopen
from goals.tests.factories import GoalFactory
from habit_instances.services import (
    habit_day_record,
    habit_instance_mark_completed,
    habit_instance_undo,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Habit
from habits.tests.factories import HabitFactory
from rewards import rules
from rewards.models import CoinEntry, Wallet
from rewards.selectors import wallet_balance_for_user
from rewards.services import ledger_debit, on_instance_marked
from tests_support import open_instance

pytestmark = pytest.mark.django_db


def _kinds(user):
    return list(
        CoinEntry.objects.filter(user=user)
        .order_by("created_at", "id")
        .values_list("kind", "amount", "balance_after", "shortfall")
    )


def _complete(user, instance, now):
    return habit_instance_mark_completed(user=user, instance_id=instance.pk, now=now)


def test_the_rule_in_numbers():
    assert rules.completion_coins(streak=1, late=False) == 10
    assert rules.completion_coins(streak=2, late=False) == 11
    assert rules.completion_coins(streak=11, late=False) == 20
    assert rules.completion_coins(streak=400, late=False) == 20
    assert rules.completion_coins(streak=1, late=True) == 5
    assert rules.completion_coins(streak=4, late=True) == 6
    assert rules.completion_payment(worth=12, already_paid=7) == 5
    assert rules.completion_payment(worth=5, already_paid=7) == 0
    assert rules.reversal_taking(outstanding=12, balance=30) == (12, 0)
    assert rules.reversal_taking(outstanding=12, balance=4) == (4, 8)


def test_a_live_completion_pays_and_the_streak_adds(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    for days_ago in (3, 2, 1):  # a streak of three before today
        HabitInstanceFactory(
            habit=instance.habit,
            date=instance.date - dt.timedelta(days=days_ago),
            status="completed",
        )
    _complete(user, instance, now)
    assert _kinds(user) == [("completion", 13, 13, 0)]
    assert wallet_balance_for_user(user=user) == 13


def test_a_late_completion_pays_half(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    _complete(user, instance, instance.grace_deadline + dt.timedelta(minutes=1))
    assert _kinds(user) == [("completion", 5, 5, 0)]


def test_a_repeated_event_pays_once(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    _complete(user, instance, now)
    event = {
        "instance_id": instance.pk,
        "habit_id": instance.habit_id,
        "user_id": user.pk,
        "status": "completed",
        "day": instance.date,
        "recorded_late": False,
        "now": now,
    }
    on_instance_marked(**event)
    on_instance_marked(**event)
    assert _kinds(user) == [("completion", 10, 10, 0)]


def test_recorded_past_days_pay_nothing(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    Habit.objects.filter(pk=instance.habit_id).update(
        start_date=instance.date - dt.timedelta(days=7)
    )
    for days_ago in range(1, 4):
        habit_day_record(
            user=user,
            habit_id=instance.habit_id,
            day=instance.date - dt.timedelta(days=days_ago),
            status="completed",
            now=now,
        )
    assert _kinds(user) == []
    # they do count toward the streak of the next live completion
    _complete(user, instance, now)
    assert _kinds(user) == [("completion", 13, 13, 0)]


def test_undo_writes_a_compensating_entry_and_a_redo_pays_again(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    _complete(user, instance, now)
    habit_instance_undo(user=user, instance_id=instance.pk, now=now + dt.timedelta(seconds=5))
    reversal = CoinEntry.objects.get(kind="completion_reversed")
    assert reversal.reverses == CoinEntry.objects.get(kind="completion")
    _complete(user, instance, now + dt.timedelta(seconds=10))
    assert _kinds(user) == [
        ("completion", 10, 10, 0),
        ("completion_reversed", -10, 0, 0),
        ("completion", 10, 10, 0),
    ]


def test_undo_of_spent_coins_takes_down_to_zero_and_a_redo_cannot_farm(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    _complete(user, instance, now)
    ledger_debit(
        user_id=user.pk, amount=8, kind="redemption", reference_id=1, now=now, note="spent"
    )
    habit_instance_undo(user=user, instance_id=instance.pk, now=now + dt.timedelta(seconds=5))
    _complete(user, instance, now + dt.timedelta(seconds=10))
    assert _kinds(user) == [
        ("completion", 10, 10, 0),
        ("redemption", -8, 2, 0),
        ("completion_reversed", -2, 0, 8),
        # the instance already netted 8: the redo pays only what brings it to one completion
        ("completion", 2, 2, 0),
    ]
    assert Wallet.objects.get(user=user).balance == 2


def test_a_live_completion_corrected_to_missed_afterwards_is_taken_back(user):
    now = timezone.now()
    instance = open_instance(user, now=now)
    _complete(user, instance, now)
    tomorrow = now + dt.timedelta(days=1)
    habit_day_record(
        user=user, habit_id=instance.habit_id, day=instance.date, status="missed", now=tomorrow
    )
    # and recorded as done again afterwards, it pays nothing (a recorded day)
    habit_day_record(
        user=user, habit_id=instance.habit_id, day=instance.date, status="completed", now=tomorrow
    )
    assert _kinds(user) == [("completion", 10, 10, 0), ("completion_reversed", -10, 0, 0)]


def test_a_goal_pays_its_bonus_once_and_only_when_it_was_set_a_day_before(user):
    now = timezone.now()
    fresh = GoalFactory(user=user)  # created now: a to-do, not a goal
    goal_complete(user=user, goal_id=fresh.pk, now=now)
    assert _kinds(user) == []
    old = GoalFactory(user=user)
    later = now + dt.timedelta(hours=rules.GOAL_MIN_AGE_HOURS, minutes=1)
    goal_complete(user=user, goal_id=old.pk, now=later)
    goal_reopen(user=user, goal_id=old.pk, now=later)
    goal_complete(user=user, goal_id=old.pk, now=later + dt.timedelta(minutes=1))
    assert _kinds(user) == [("goal_bonus", rules.GOAL_BONUS, rules.GOAL_BONUS, 0)]
    assert CoinEntry.objects.get(user=user).note == old.title


def test_an_achievement_pays_its_tier_once_and_an_unknown_tier_nothing(user, caplog):
    now = timezone.now()
    for _ in range(2):
        announce_achievement_earned(
            user_id=user.pk,
            achievement_code="streak_7",
            tier="silver",
            user_achievement_id=41,
            now=now,
        )
    announce_achievement_earned(
        user_id=user.pk, achievement_code="odd", tier="platinum", user_achievement_id=42, now=now
    )
    assert _kinds(user) == [("achievement_bonus", 50, 50, 0)]
    assert "unknown tier" in caplog.text


def test_a_completion_after_its_week_pays_by_the_streak_of_its_own_week(user):
    """The completion's event brings the streak as of the owner's current week; a Sunday's
    instance completed on Monday (its windows still open) is worth its streak as of Sunday's
    week, which the coins then read themselves. For a times_per_week habit the two differ:
    Sunday's week is unfinished as of Sunday (the two met weeks before it count) and short as
    of Monday (nothing counts)."""
    sunday = dt.date(2026, 3, 15)
    habit = HabitFactory(
        user=user,
        schedule="times_per_week",
        times_per_week=2,
        start_date=dt.date(2026, 2, 23),
    )
    for day in (
        dt.date(2026, 2, 24),
        dt.date(2026, 2, 25),
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 4),
    ):
        HabitInstanceFactory(habit=habit, date=day, status="completed")
    monday = dt.datetime(2026, 3, 16, 0, 30, tzinfo=dt.UTC)  # the user is in UTC
    instance = HabitInstanceFactory(
        habit=habit,
        date=sunday,
        status="pending",
        scheduled_at=monday - dt.timedelta(hours=1),
        grace_deadline=monday + dt.timedelta(minutes=30),
        fix_deadline=monday + dt.timedelta(hours=1),
    )
    completed = _complete(user, instance, monday)
    assert completed.row[-1] == 0  # the answer's streak, as of Monday's week
    assert _kinds(user) == [("completion", 11, 11, 0)]  # the base + 1: a streak of two weeks
