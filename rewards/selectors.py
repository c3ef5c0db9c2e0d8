"""Reads of the wallet, the ledger, the rewards, and the export."""

from django.db.models import Case, CharField, OuterRef, QuerySet, Subquery, Value, When

from core.ownership import get_owned_or_404
from habit_instances.models import HabitInstance
from rewards.models import INSTANCE_KINDS, CoinEntry, Redemption, Reward, Wallet


def wallet_balance_for_user(*, user) -> int:
    """0 before the first coin (the wallet row is made by the first credit)."""
    return Wallet.objects.filter(user=user).values_list("balance", flat=True).first() or 0


def coin_entry_list_for_user(*, user) -> QuerySet[CoinEntry]:
    """The ledger newest first, each completion entry with its habit's name (`habit_name`, read
    by a subquery in the same statement: empty when the habit was deleted since)."""
    habit_name = Subquery(
        HabitInstance.objects.filter(pk=OuterRef("reference_id")).values("habit__name")[:1]
    )
    return (
        CoinEntry.objects.filter(user=user)
        .annotate(
            habit_name=Case(
                When(kind__in=INSTANCE_KINDS, then=habit_name),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .order_by("-created_at", "-id")
    )


def reward_list_for_user(*, user, archived: bool | None = None) -> QuerySet[Reward]:
    rewards = Reward.objects.filter(user=user)
    if archived is not None:
        rewards = rewards.filter(is_archived=archived)
    return rewards.order_by("is_archived", "price", "id")


def reward_get_for_user(*, user, reward_id) -> Reward:
    return get_owned_or_404(Reward.objects.all(), user=user, pk=reward_id)


def rewards_export_for_user(user) -> dict:
    """The account export: balance, the whole ledger oldest first, rewards and redemptions."""

    def moment(value):
        return value.isoformat() if value else None

    return {
        "balance": wallet_balance_for_user(user=user),
        "ledger": [
            {
                "id": entry.pk,
                "kind": entry.kind,
                "amount": entry.amount,
                "reference_id": entry.reference_id,
                "reverses": entry.reverses_id,
                "shortfall": entry.shortfall,
                "balance_after": entry.balance_after,
                "note": entry.note,
                "created_at": moment(entry.created_at),
            }
            for entry in CoinEntry.objects.filter(user=user).order_by("created_at", "id")
        ],
        "rewards": [
            {
                "id": reward.pk,
                "name": reward.name,
                "price": reward.price,
                "note": reward.note,
                "is_archived": reward.is_archived,
                "created_at": moment(reward.created_at),
            }
            for reward in Reward.objects.filter(user=user).order_by("id")
        ],
        "redemptions": [
            {
                "id": redemption.pk,
                "reward": redemption.reward_id,
                "reward_name": redemption.reward_name,
                "price": redemption.price,
                "created_at": moment(redemption.created_at),
            }
            for redemption in Redemption.objects.filter(user=user).order_by("created_at", "id")
        ],
    }
