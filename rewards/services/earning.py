"""Coins earned and taken back, from other apps' events (subscribed in rewards/apps.py; the
services that raise the events never call this). The amounts come from rewards.rules.

Each subscriber runs inside the transaction of the change it hears about, so the coins commit or
roll back with the completion, the undo, the goal or the achievement."""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum

from goals.models import Goal
from habit_instances.models import DONE_STATUSES, InstanceStatus
from habit_instances.stats.selectors import habit_current_streak_on
from rewards import rules
from rewards.models import INSTANCE_KINDS, CoinEntry, Wallet
from rewards.services.ledger import ledger_credit, ledger_credit_once, ledger_debit

logger = logging.getLogger(__name__)


def _instance_paid(instance_id: int) -> tuple[int, int]:
    """(what the instance's completions have paid less what their reversals took back, how many
    reversals it had), in one query."""
    found = CoinEntry.objects.filter(kind__in=INSTANCE_KINDS, reference_id=instance_id).aggregate(
        total=Sum("amount"),
        reversals=Count("pk", filter=Q(kind=CoinEntry.Kind.COMPLETION_REVERSED)),
    )
    return found["total"] or 0, found["reversals"]


def coins_pay_completion(
    *,
    user_id: int,
    instance_id: int,
    habit_id: int,
    status: str,
    day,
    now: datetime,
    current_streak: int | None = None,
) -> CoinEntry | None:
    """Pays a live completion (rules.completion_coins). Four statements: the streak (none when
    the event brought it: `current_streak`), what the instance paid before, the wallet, the
    entry. A repeated event finds the instance paid and pays nothing; two events of one
    instance never run at once (each runs in the transaction that changed the instance's row,
    which holds that row's lock)."""
    if current_streak is None:
        current_streak = habit_current_streak_on(habit_id=habit_id, day=day)
    worth = rules.completion_coins(
        streak=current_streak, late=status == InstanceStatus.COMPLETED_LATE
    )
    already_paid, reversals = _instance_paid(instance_id)
    amount = rules.completion_payment(worth=worth, already_paid=already_paid)
    if not amount:
        return None
    return ledger_credit(
        user_id=user_id,
        amount=amount,
        kind=CoinEntry.Kind.COMPLETION,
        reference_id=instance_id,
        occurrence=reversals + 1,
        now=now,
    )


def coins_reverse_completion(*, instance_id: int, now: datetime) -> CoinEntry | None:
    """Takes back what the instance's last unreversed completion paid, with a compensating entry.
    Coins already spent are taken down to a balance of zero and the rest recorded as the
    entry's `shortfall` (rules.reversal_taking); a later completion of the same instance pays
    only what the instance has not netted already (rules.completion_payment)."""
    paid = (
        CoinEntry.objects.filter(
            kind=CoinEntry.Kind.COMPLETION, reference_id=instance_id, reversal__isnull=True
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if paid is None:  # nothing paid (a recorded day, a repeat of the event): nothing to take
        return None
    outstanding = max(_instance_paid(instance_id)[0], 0)
    # the row lock (PostgreSQL) keeps the balance read here true until the debit below
    balance = Wallet.objects.select_for_update().get(user_id=paid.user_id).balance
    taken, shortfall = rules.reversal_taking(outstanding=outstanding, balance=balance)
    try:
        with transaction.atomic():  # one reversal per completion: a repeat is refused, not applied
            entry = ledger_debit(
                user_id=paid.user_id,
                amount=taken,
                kind=CoinEntry.Kind.COMPLETION_REVERSED,
                reference_id=instance_id,
                reverses=paid,
                shortfall=shortfall,
                now=now,
            )
    except IntegrityError:
        return None
    if shortfall:
        logger.info(
            "coins: reversal of instance %s left %s coins already spent", instance_id, shortfall
        )
    return entry


def on_instance_marked(
    *, instance_id, habit_id, user_id, status, day, recorded_late, now, current_streak=None, **_
) -> None:
    """A live completion pays. A day recorded afterwards pays nothing: recording a week of
    past days in a minute would otherwise be a coin farm (docs/motivation.md). A past
    day corrected to not done takes back what its live completion paid."""
    if status in DONE_STATUSES:
        if not recorded_late:
            coins_pay_completion(
                user_id=user_id,
                instance_id=instance_id,
                habit_id=habit_id,
                status=status,
                day=day,
                now=now,
                current_streak=current_streak,
            )
    elif recorded_late:
        coins_reverse_completion(instance_id=instance_id, now=now)


def on_instance_mark_undone(*, instance_id, undone_status, now, **_) -> None:
    if undone_status in DONE_STATUSES:
        coins_reverse_completion(instance_id=instance_id, now=now)


def on_goal_completed(*, goal_id, now, **_) -> CoinEntry | None:
    """rules.GOAL_BONUS once per goal, for a goal set at least GOAL_MIN_AGE_HOURS before."""
    goal = Goal.objects.filter(pk=goal_id).values("user_id", "created_at", "title").first()
    if goal is None or now - goal["created_at"] < timedelta(hours=rules.GOAL_MIN_AGE_HOURS):
        return None
    return ledger_credit_once(
        user_id=goal["user_id"],
        amount=rules.GOAL_BONUS,
        kind=CoinEntry.Kind.GOAL_BONUS,
        reference_id=goal_id,
        note=goal["title"][:200],
        now=now,
    )


def on_achievement_earned(
    *, user_id, achievement_code, tier, user_achievement_id, now, **_
) -> CoinEntry | None:
    bonus = rules.achievement_bonus(tier=tier)
    if bonus is None:
        logger.warning("coins: achievement %s has the unknown tier %r", achievement_code, tier)
        return None
    return ledger_credit_once(
        user_id=user_id,
        amount=bonus,
        kind=CoinEntry.Kind.ACHIEVEMENT_BONUS,
        reference_id=user_achievement_id,
        note=achievement_code[:200],
        now=now,
    )


__all__ = [
    "coins_pay_completion",
    "coins_reverse_completion",
    "on_achievement_earned",
    "on_goal_completed",
    "on_instance_mark_undone",
    "on_instance_marked",
]
