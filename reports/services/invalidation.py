"""The writers' events that make a user's cached reports stale (reports.cache). Each runs in the
writer's transaction and only bumps the user's report version."""

from datetime import date, datetime

from habits.models import Habit
from reports.cache import reports_invalidate


def on_instance_marked(*, user_id: int, **_payload) -> None:
    reports_invalidate(user_id=user_id)


def on_instance_mark_undone(*, user_id: int, **_payload) -> None:
    reports_invalidate(user_id=user_id)


def on_habit_saved(*, habit_id: int, now: datetime) -> None:
    """A rename shows in the report's rows; an edited schedule may regenerate today's instance."""
    _invalidate_owner_of(habit_id)


def on_journal_changed(*, user_id: int, dates: list[date], now: datetime) -> None:
    reports_invalidate(user_id=user_id)


def _invalidate_owner_of(habit_id: int) -> None:
    user_id = Habit.objects.filter(pk=habit_id).values_list("user_id", flat=True).first()
    if user_id is not None:
        reports_invalidate(user_id=user_id)
