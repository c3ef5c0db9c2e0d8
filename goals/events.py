"""What happens to goals that higher apps act on, one named function per kind.

Each is called inside the transaction that made the change, so subscribers write in that same
transaction. Callers never call core.events directly.
"""

from datetime import datetime

from core.events import event, publish

GOAL_COMPLETED = event("goal.completed")
STAGE_COMPLETED = event("goal.stage_completed")


def announce_goal_completed(*, goal_id: int, now: datetime) -> None:
    """A goal became completed at `now`: its last open stage was ticked, or it was completed by
    hand (announced once per completion; a reopened goal announces again when done again)."""
    publish(GOAL_COMPLETED, goal_id=goal_id, now=now)


def announce_stage_completed(*, stage_id: int, goal_id: int, now: datetime) -> None:
    """A stage was ticked at `now`."""
    publish(STAGE_COMPLETED, stage_id=stage_id, goal_id=goal_id, now=now)


AI_BREAKDOWN_FINISHED = event("goal.ai_breakdown_finished")


def announce_ai_breakdown_finished(
    *, job_id: int, goal_id: int, succeeded: bool, now: datetime
) -> None:
    """An AI breakdown job ended at `now`: its draft stages are ready (or it failed)."""
    publish(AI_BREAKDOWN_FINISHED, job_id=job_id, goal_id=goal_id, succeeded=succeeded, now=now)
