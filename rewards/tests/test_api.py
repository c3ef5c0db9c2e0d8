"""GET /api/wallet/, /api/rewards/ CRUD and redeem: happy paths, 400, 401, another user's 404,
query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rewards.models import CoinEntry, Redemption, Reward
from rewards.services import ledger_credit
from rewards.tests.factories import RewardFactory
from tests_support import assert_error, client_for, open_instance

pytestmark = pytest.mark.django_db

WALLET = reverse("wallet")
REWARDS = reverse("reward-list")


def detail(pk):
    return reverse("reward-detail", args=[pk])


def redeem(pk):
    return reverse("reward-redeem", args=[pk])


def _give(user, amount, reference_id=1):
    return ledger_credit(
        user_id=user.pk,
        amount=amount,
        kind="achievement_bonus",
        reference_id=reference_id,
        now=timezone.now(),
        note="gift",
    )


def test_wallet_before_the_first_coin_is_empty(auth_client):
    body = auth_client.get(WALLET).json()
    assert body["balance"] == 0 and body["count"] == 0 and body["results"] == []


def test_completing_on_the_api_shows_in_the_wallet_newest_first(auth_client, user):
    instance = open_instance(user, name="Read")
    assert auth_client.post(reverse("instance-complete", args=[instance.pk])).status_code == 200
    _give(user, 20)
    body = auth_client.get(WALLET).json()
    assert body["balance"] == 30
    assert [(e["kind"], e["amount"], e["balance_after"]) for e in body["results"]] == [
        ("achievement_bonus", 20, 30),
        ("completion", 10, 10),
    ]
    assert body["results"][1]["habit_name"] == "Read"
    assert body["results"][0]["habit_name"] == ""


def test_wallet_pages_in_constant_queries(auth_client, user, django_assert_max_num_queries):
    _give(user, 5, reference_id=0)
    with django_assert_max_num_queries(6) as few:
        auth_client.get(WALLET)
    for n in range(1, 30):
        _give(user, 5, reference_id=n)
    with django_assert_max_num_queries(len(few.captured_queries) + 1):  # + the COUNT of a full page
        body = auth_client.get(WALLET, {"page_size": 10}).json()
    assert body["count"] == 30 and len(body["results"]) == 10 and body["balance"] == 150


def test_wallet_bad_query_is_400(auth_client):
    assert_error(auth_client.get(WALLET, {"page": "x"}), 400, "invalid")
    assert_error(auth_client.get(WALLET, {"kind": "completion"}), 400, "invalid")


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", WALLET), ("get", REWARDS), ("post", REWARDS), ("post", "/api/rewards/1/redeem/")],
)
def test_no_auth_is_401(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401


def test_reward_create_list_update_archive_delete(auth_client, user, other_user):
    RewardFactory(user=other_user)
    created = auth_client.post(REWARDS, {"name": "An episode", "price": 50}, format="json")
    assert created.status_code == 201
    reward = created.json()
    assert reward["name"] == "An episode" and reward["price"] == 50 and not reward["is_archived"]
    changed = auth_client.patch(
        detail(reward["id"]), {"price": 60, "note": "Friday"}, format="json"
    )
    assert changed.json()["price"] == 60 and changed.json()["note"] == "Friday"
    auth_client.patch(detail(reward["id"]), {"is_archived": True}, format="json")
    listed = auth_client.get(REWARDS).json()
    assert [(r["name"], r["is_archived"]) for r in listed["results"]] == [("An episode", True)]
    assert auth_client.delete(detail(reward["id"])).status_code == 204
    assert not Reward.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "price": 0}, "price"),
        ({"name": "x", "price": -5}, "price"),
        ({"name": "x", "price": "lots"}, "price"),
        ({"name": "", "price": 5}, "name"),
        ({"name": 7, "price": 5}, "name"),
        ({"price": 5}, "name"),
    ],
)
def test_bad_reward_is_400(auth_client, body, field):
    assert_error(auth_client.post(REWARDS, body, format="json"), 400, "invalid", field=field)


def test_another_users_reward_is_404(auth_client, other_user):
    theirs = RewardFactory(user=other_user, price=1)
    _give(other_user, 10)
    assert_error(auth_client.get(detail(theirs.pk)), 404, "not_found")
    assert_error(
        auth_client.patch(detail(theirs.pk), {"price": 2}, format="json"), 404, "not_found"
    )
    assert_error(auth_client.delete(detail(theirs.pk)), 404, "not_found")
    assert_error(auth_client.post(redeem(theirs.pk)), 404, "not_found")
    assert Reward.objects.get(pk=theirs.pk).price == 1 and not Redemption.objects.exists()


def test_rewards_list_in_constant_queries(auth_client, user, django_assert_max_num_queries):
    RewardFactory(user=user)
    with django_assert_max_num_queries(4) as few:
        auth_client.get(REWARDS)
    RewardFactory.create_batch(12, user=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert auth_client.get(REWARDS).json()["count"] == 13


def test_redeem_pays_and_answers_the_new_balance(auth_client, user):
    _give(user, 80)
    reward = RewardFactory(user=user, name="Cinema", price=50)
    response = auth_client.post(redeem(reward.pk))
    assert response.status_code == 201
    body = response.json()
    assert body["balance"] == 30
    assert body["redemption"]["reward_name"] == "Cinema" and body["redemption"]["price"] == 50
    entry = CoinEntry.objects.get(kind="redemption")
    assert (entry.amount, entry.balance_after, entry.reference_id) == (
        -50,
        30,
        body["redemption"]["id"],
    )


def test_redeem_without_enough_coins_is_409_and_writes_nothing(auth_client, user):
    _give(user, 40)
    reward = RewardFactory(user=user, price=50)
    error = assert_error(auth_client.post(redeem(reward.pk)), 409, "insufficient_coins")
    assert error["details"] == {"price": 50, "balance": 40}
    assert not Redemption.objects.exists()
    assert auth_client.get(WALLET).json()["balance"] == 40
    # no wallet at all is the same answer
    other = RewardFactory(price=1)
    assert_error(client_for(other.user).post(redeem(other.pk)), 409, "insufficient_coins")


def test_redeeming_an_archived_reward_is_409(auth_client, user):
    _give(user, 100)
    reward = RewardFactory(user=user, is_archived=True)
    assert_error(auth_client.post(redeem(reward.pk)), 409, "reward_archived")


def test_a_deleted_reward_keeps_its_redemptions_and_ledger(auth_client, user):
    _give(user, 100)
    reward = RewardFactory(user=user, name="Book", price=30)
    auth_client.post(redeem(reward.pk))
    auth_client.delete(detail(reward.pk))
    redemption = Redemption.objects.get()
    assert redemption.reward is None and redemption.reward_name == "Book"
    assert CoinEntry.objects.filter(kind="redemption", note="Book").exists()
