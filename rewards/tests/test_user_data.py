"""The account export carries the wallet, and the data wipe removes it: the one path that
deletes ledger entries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rewards.models import CoinEntry, Redemption, Reward, Wallet
from rewards.services import ledger_credit, reward_redeem
from rewards.tests.factories import RewardFactory

pytestmark = pytest.mark.django_db


def _wallet_with_history(user):
    ledger_credit(
        user_id=user.pk, amount=60, kind="goal_bonus", reference_id=user.pk, now=timezone.now()
    )
    reward = RewardFactory(user=user, name="Cake", price=25)
    reward_redeem(user=user, reward_id=reward.pk, now=timezone.now())


def test_export_has_balance_ledger_rewards_and_redemptions(auth_client, user, other_user):
    _wallet_with_history(user)
    _wallet_with_history(other_user)
    section = auth_client.get(reverse("account-export")).json()["rewards"]
    assert section["balance"] == 35
    assert [(e["kind"], e["amount"], e["balance_after"]) for e in section["ledger"]] == [
        ("goal_bonus", 60, 60),
        ("redemption", -25, 35),
    ]
    assert [r["name"] for r in section["rewards"]] == ["Cake"]
    assert [(r["reward_name"], r["price"]) for r in section["redemptions"]] == [("Cake", 25)]


def test_wipe_removes_this_users_ledger_and_wallet_only(auth_client, user, other_user):
    _wallet_with_history(user)
    _wallet_with_history(other_user)
    mine = [CoinEntry, Wallet, Reward, Redemption]
    response = auth_client.delete(reverse("account-data"))
    assert response.status_code == 204, response.content
    assert all(not model.objects.filter(user=user).exists() for model in mine)
    assert all(model.objects.filter(user=other_user).exists() for model in mine)
