"""The ledger's writes: each moves the wallet with one conditional statement (rewards.sql) and
appends its entry, in the caller's transaction. Nothing here edits or deletes an entry."""

from datetime import datetime

from django.db import IntegrityError, transaction

from rewards import sql
from rewards.models import CoinEntry


def ledger_credit(
    *,
    user_id: int,
    amount: int,
    kind: str,
    reference_id: int,
    now: datetime,
    note: str = "",
    occurrence: int = 1,
) -> CoinEntry:
    """Coins in (two statements: the wallet's upsert, the entry). The caller holds a transaction:
    a failure of the insert must take the wallet's change back with it."""
    balance = sql.wallet_credit(user_id=user_id, amount=amount, now=now)
    return CoinEntry.objects.create(
        user_id=user_id,
        amount=amount,
        kind=kind,
        reference_id=reference_id,
        occurrence=occurrence,
        balance_after=balance,
        note=note,
        created_at=now,
    )


def ledger_credit_once(**entry) -> CoinEntry | None:
    """A credit that a unique constraint allows once (a bonus per achievement, per goal): a
    repeat, even a concurrent one, changes nothing and answers None. The savepoint takes the
    wallet's change back together with the refused entry."""
    try:
        with transaction.atomic():
            return ledger_credit(**entry)
    except IntegrityError:
        return None


def ledger_debit(
    *,
    user_id: int,
    amount: int,
    kind: str,
    reference_id: int,
    now: datetime,
    note: str = "",
    reverses: CoinEntry | None = None,
    shortfall: int = 0,
) -> CoinEntry | None:
    """Coins out (`amount` >= 0, written as a negative entry), only if the balance covers them:
    the entry, or None when it does not (nothing is written then)."""
    balance = sql.wallet_debit(user_id=user_id, amount=amount, now=now)
    if balance is None:
        return None
    return CoinEntry.objects.create(
        user_id=user_id,
        amount=-amount,
        kind=kind,
        reference_id=reference_id,
        reverses=reverses,
        shortfall=shortfall,
        balance_after=balance,
        note=note,
        created_at=now,
    )
