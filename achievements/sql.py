"""The award as one statement: INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING, the same text
on PostgreSQL and SQLite (3.35+). The unique constraint (user, achievement) decides who earned
what: a duplicate or concurrent evaluation inserts nothing and gets nothing back, so it announces
nothing. Table and column names come from the models' _meta."""

from datetime import datetime

from django.db import connection

from achievements.models import Achievement, UserAchievement


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def user_achievements_insert(
    *, user_id: int, codes: list[str], now: datetime, backfilled: bool
) -> list[tuple[int, int]]:
    """Inserts the user's rows for the listed achievements of these codes that they do not hold
    yet; answers (user achievement id, achievement id) of the rows this call inserted."""
    if not codes:
        return []
    quote = connection.ops.quote_name
    earned = UserAchievement
    statement = (
        f"INSERT INTO {quote(earned._meta.db_table)} "
        f"({_column(earned, 'user')}, {_column(earned, 'achievement')}, "
        f"{_column(earned, 'earned_at')}, {_column(earned, 'backfilled')}) "
        f"SELECT %s, a.{_column(Achievement, 'id')}, %s, %s "
        f"FROM {quote(Achievement._meta.db_table)} a "
        f"WHERE a.{_column(Achievement, 'code')} IN ({', '.join(['%s'] * len(codes))}) "
        f"AND a.{_column(Achievement, 'is_listed')} "
        # a fixed order: two evaluations of one user take the index entries in the same order
        f"ORDER BY a.{_column(Achievement, 'id')} "
        f"ON CONFLICT ({_column(earned, 'user')}, {_column(earned, 'achievement')}) DO NOTHING "
        f"RETURNING {_column(earned, 'id')}, {_column(earned, 'achievement')}"
    )
    params = [user_id, connection.ops.adapt_datetimefield_value(now), backfilled, *codes]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [(row[0], row[1]) for row in cursor.fetchall()]
