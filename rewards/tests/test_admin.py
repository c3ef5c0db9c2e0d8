"""Operators read wallets and ledgers in the admin and cannot add, change or delete them."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rewards.models import CoinEntry, Wallet
from rewards.services import ledger_credit
from rewards.tests.factories import RewardFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_ledger_and_wallets_are_read_only(admin_client, user):
    entry = ledger_credit(
        user_id=user.pk, amount=20, kind="goal_bonus", reference_id=5, now=timezone.now()
    )
    for model in ("coinentry", "wallet"):
        listed = admin_client.get(reverse(f"admin:rewards_{model}_changelist"))
        assert listed.status_code == 200 and user.email in listed.content.decode()
        assert admin_client.get(reverse(f"admin:rewards_{model}_add")).status_code == 403
    change = reverse("admin:rewards_coinentry_change", args=[entry.pk])
    assert admin_client.get(change).status_code == 200  # a view, not a form
    admin_client.post(change, {"amount": 9999})
    delete = reverse("admin:rewards_coinentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert CoinEntry.objects.get(pk=entry.pk).amount == 20
    assert Wallet.objects.get(user=user).balance == 20


def test_rewards_are_editable(admin_client):
    reward = RewardFactory(name="Cake")
    assert admin_client.get(reverse("admin:rewards_reward_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:rewards_reward_change", args=[reward.pk])).status_code
        == 200
    )
