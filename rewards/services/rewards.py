"""The user's rewards and buying them with coins."""

from datetime import datetime

from django.db import transaction

from core.exceptions import Conflict
from core.ownership import get_owned_or_404
from rewards.models import CoinEntry, Redemption, Reward, Wallet
from rewards.services.ledger import ledger_debit

_EDITABLE = ("name", "price", "note", "is_archived")


def _owned(*, user, reward_id) -> Reward:
    return get_owned_or_404(Reward.objects.all(), user=user, pk=reward_id)


@transaction.atomic
def reward_create(*, user, data: dict, now: datetime) -> Reward:
    values = {field: data[field] for field in _EDITABLE if field in data}
    return Reward.objects.create(user=user, created_at=now, updated_at=now, **values)


@transaction.atomic
def reward_update(*, user, reward_id, data: dict, now: datetime) -> Reward:
    """Price changes apply from the next redemption; past ones keep the price they paid."""
    reward = _owned(user=user, reward_id=reward_id)
    for field in _EDITABLE:
        if field in data:
            setattr(reward, field, data[field])
    reward.updated_at = now
    reward.save()
    return reward


@transaction.atomic
def reward_delete(*, user, reward_id) -> None:
    """The reward goes; its redemptions and their ledger entries stay, with its name."""
    _owned(user=user, reward_id=reward_id).delete()


@transaction.atomic
def reward_redeem(*, user, reward_id, now: datetime) -> tuple[Redemption, int]:
    """Buys the reward: (the redemption, the new balance). The wallet's conditional UPDATE is the
    whole concurrency story (rewards.sql): of two redemptions at once that the balance pays for
    only one, the second finds the balance short after the first commits, and answers 409
    `insufficient_coins` with nothing written."""
    reward = _owned(user=user, reward_id=reward_id)
    if reward.is_archived:
        raise Conflict(
            "This reward is archived: restore it before redeeming it.", code="reward_archived"
        )
    redemption = Redemption.objects.create(
        user=user, reward=reward, reward_name=reward.name, price=reward.price, created_at=now
    )
    entry = ledger_debit(
        user_id=user.pk,
        amount=reward.price,
        kind=CoinEntry.Kind.REDEMPTION,
        reference_id=redemption.pk,
        note=reward.name,
        now=now,
    )
    if entry is None:
        # the exception rolls the redemption row back with the transaction
        balance = Wallet.objects.filter(user=user).values_list("balance", flat=True).first() or 0
        raise Conflict(
            f"Not enough coins: {reward.name} costs {reward.price} and you have {balance}.",
            code="insufficient_coins",
            details={"price": reward.price, "balance": balance},
        )
    return redemption, entry.balance_after


def rewards_wipe_for_user(user) -> None:
    """The account's data wipe: the one path that deletes ledger entries (with the wallet)."""
    CoinEntry.objects.filter(user=user).delete()
    Wallet.objects.filter(user=user).delete()
    Redemption.objects.filter(user=user).delete()
    Reward.objects.filter(user=user).delete()
