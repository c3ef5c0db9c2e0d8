"""What a change to a user's instances makes stale, in one place: the changed habits' cached stats
(stats/cache.py) and the user's lists kept whole (habits.data_version, e.g. Today's)."""

from collections.abc import Iterable

from habit_instances.stats.cache import habit_stats_invalidate
from habits.data_version import habit_data_changed


def instances_changed(*, user_ids: Iterable[int], habit_ids: Iterable[int]) -> None:
    """Instances of these habits, owned by these users, changed in this transaction (a mark, an
    undo, a recorded day, a habit edit, a new zone, new instances, an edit in the admin)."""
    habit_stats_invalidate(habit_ids=habit_ids)
    habit_data_changed(user_ids=user_ids)
