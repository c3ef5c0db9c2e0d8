"""The wallet's two writes as single statements with RETURNING (PostgreSQL, and SQLite >= 3.35):
the balance moves and is read back in the same statement, so the entry's balance_after is the
balance that statement made, and no second round trip is needed. Private to rewards.

Both are conditional: PostgreSQL's UPDATE takes the row's lock and, when another transaction
changed the row first, evaluates the WHERE again on the row as that one committed it (READ
COMMITTED), so two debits at once never both pass a check that only one of them may pass.
SQLite runs one writer at a time. Table and column names come from Wallet._meta.
"""

from datetime import datetime

from django.db import connection

from rewards.models import Wallet


def _names() -> dict[str, str]:
    quote = connection.ops.quote_name
    fields = {field.name: field.column for field in Wallet._meta.concrete_fields}
    return {
        "table": quote(Wallet._meta.db_table),
        "user": quote(fields["user"]),
        "balance": quote(fields["balance"]),
        "updated_at": quote(fields["updated_at"]),
    }


def wallet_credit(*, user_id: int, amount: int, now: datetime) -> int:
    """Adds `amount` (> 0) to the user's wallet, creating it on the first coin; the new balance."""
    n = _names()
    statement = (
        f"INSERT INTO {n['table']} ({n['user']}, {n['balance']}, {n['updated_at']}) "
        "VALUES (%s, %s, %s) "
        f"ON CONFLICT ({n['user']}) DO UPDATE SET "
        f"{n['balance']} = {n['table']}.{n['balance']} + excluded.{n['balance']}, "
        f"{n['updated_at']} = excluded.{n['updated_at']} "
        f"RETURNING {n['balance']}"
    )
    moment = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(statement, [user_id, amount, moment])
        return cursor.fetchone()[0]


def wallet_debit(*, user_id: int, amount: int, now: datetime) -> int | None:
    """Takes `amount` (>= 0) from the user's wallet if the balance covers it; the new balance,
    or None when it does not (or the user has no wallet yet)."""
    n = _names()
    statement = (
        f"UPDATE {n['table']} SET {n['balance']} = {n['balance']} - %s, {n['updated_at']} = %s "
        f"WHERE {n['user']} = %s AND {n['balance']} >= %s RETURNING {n['balance']}"
    )
    moment = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(statement, [amount, moment, user_id, amount])
        row = cursor.fetchone()
    return None if row is None else row[0]
