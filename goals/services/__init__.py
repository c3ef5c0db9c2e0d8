"""Every write on goals and their stages. Split by sub-domain; import from here."""

from goals.services.ai_breakdown import (
    ai_breakdown_enabled,
    ai_breakdowns_used_today,
    goal_ai_breakdown_run,
    goal_ai_breakdown_start,
)
from goals.services.goals import (
    goal_archive,
    goal_complete,
    goal_create,
    goal_delete,
    goal_reopen,
    goal_unarchive,
    goal_update,
    goals_delete_with_files,
    goals_wipe_for_user,
)
from goals.services.progress import goal_progress_refresh
from goals.services.reminders import goal_reminder_put, goal_reminders_send
from goals.services.stages import (
    goal_stage_complete,
    goal_stage_create,
    goal_stage_delete,
    goal_stage_uncomplete,
    goal_stage_update,
    goal_stages_accept_drafts,
    goal_stages_reorder,
)

__all__ = [
    "ai_breakdown_enabled",
    "ai_breakdowns_used_today",
    "goal_ai_breakdown_run",
    "goal_ai_breakdown_start",
    "goal_archive",
    "goal_complete",
    "goal_create",
    "goal_delete",
    "goals_delete_with_files",
    "goal_progress_refresh",
    "goal_reminder_put",
    "goal_reminders_send",
    "goal_reopen",
    "goal_stage_complete",
    "goal_stage_create",
    "goal_stage_delete",
    "goal_stage_uncomplete",
    "goal_stage_update",
    "goal_stages_accept_drafts",
    "goal_stages_reorder",
    "goal_unarchive",
    "goal_update",
    "goals_wipe_for_user",
]
