"""Redemptions at once against a balance that pays for one: exactly one succeeds, the balance
never goes below zero (PostgreSQL: the wallet's conditional UPDATE under row locks)."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.exceptions import Conflict
from rewards.models import CoinEntry, Redemption, Wallet
from rewards.services import ledger_credit, on_achievement_earned, reward_redeem
from rewards.tests.factories import RewardFactory

THREADS = 10


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_ten_redeems_at_once_against_a_balance_for_one_let_exactly_one_through(user):
    ledger_credit(user_id=user.pk, amount=70, kind="goal_bonus", reference_id=1, now=timezone.now())
    reward = RewardFactory(user=user, price=50)
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def buy():
        try:
            barrier.wait()
            reward_redeem(user=user, reward_id=reward.pk, now=timezone.now())
            outcomes.append("redeemed")
        except Conflict as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["insufficient_coins"] * (THREADS - 1) + ["redeemed"]
    assert Wallet.objects.get(user=user).balance == 20
    assert Redemption.objects.count() == 1
    entries = list(CoinEntry.objects.filter(user=user).order_by("id"))
    assert [(e.amount, e.balance_after) for e in entries] == [(70, 70), (-50, 20)]


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_the_same_bonus_announced_at_once_pays_once(user):
    barrier = threading.Barrier(4)

    def announce():
        try:
            barrier.wait()
            with transaction.atomic():
                on_achievement_earned(
                    user_id=user.pk,
                    achievement_code="first_completion",
                    tier="bronze",
                    user_achievement_id=9,
                    now=timezone.now(),
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=announce) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Wallet.objects.get(user=user).balance == 20
    assert CoinEntry.objects.filter(user=user).count() == 1
