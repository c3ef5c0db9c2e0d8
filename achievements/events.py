"""What happens to achievements that higher apps act on (rewards pays a bonus for each).

Called inside the transaction that recorded the achievement, so subscribers write in that same
transaction. Callers never call core.events directly.
"""

from datetime import datetime

from core.events import event, publish

ACHIEVEMENT_EARNED = event("achievement.earned")


def announce_achievement_earned(
    *, user_id: int, achievement_code: str, tier: str, user_achievement_id: int, now: datetime
) -> None:
    """The user earned the achievement `achievement_code` (of `tier`: bronze, silver, gold) at
    `now`; announced once per user and achievement, by the insert that recorded it."""
    publish(
        ACHIEVEMENT_EARNED,
        user_id=user_id,
        achievement_code=achievement_code,
        tier=tier,
        user_achievement_id=user_achievement_id,
        now=now,
    )
