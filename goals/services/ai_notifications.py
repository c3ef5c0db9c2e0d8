"""The notification that an AI breakdown ended, written to the outbox in the transaction that
ended the job (goals.apps subscribes on_ai_breakdown_finished to AI_BREAKDOWN_FINISHED).

A job that succeeded says its proposed stages are ready and lists them; one that failed says so
in a line, with the reason the user can act on. Both carry the button that opens the goal's
stages. The dedupe key names the job, so a job notifies once however often its end is announced.
"""

from datetime import datetime

from goals.models import TITLE_MAX_LENGTH, AiBreakdownJob, GoalStage
from goals.services.reminders import OPEN_STAGES
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write

# What a failed job's note says, per error code; a code not listed gets FAILURE_DEFAULT.
FAILURE_REASONS = {
    "ai_invalid_answer": "The AI's answer could not be used. Try again.",
    "ai_rate_limited": "The AI service is busy. Try again in a while.",
    "ai_timeout": "The AI service took too long. Try again in a while.",
    "ai_unavailable": "The AI service could not be reached. Try again in a while.",
    "ai_rejected": "The AI service refused the request; the server's AI settings need a look.",
    "ai_disabled": "The AI breakdown was switched off on this server.",
}
FAILURE_DEFAULT = "Something went wrong. Try again."


def _titled(prefix: str, goal_title: str, suffix: str = "") -> str:
    """The goal's title between prefix and suffix, shortened so that the whole fits."""
    room = TITLE_MAX_LENGTH - len(prefix) - len(suffix)
    title = goal_title if len(goal_title) <= room else goal_title[: room - 1] + "…"
    return prefix + title + suffix


def _row(job: AiBreakdownJob, *, succeeded: bool) -> NotificationRow:
    if succeeded:
        drafts = GoalStage.objects.filter(pk__in=job.stage_ids, is_draft=True).order_by("position")
        titles = [
            f"{number}. {title}"
            for number, title in enumerate(drafts.values_list("title", flat=True), 1)
        ]
        title = _titled("Proposed stages for ", job.goal.title, " are ready")
        body = "\n".join([*titles, "Keep the ones you want in the web app."])
    else:
        title = _titled("Could not propose stages for ", job.goal.title)
        body = FAILURE_REASONS.get(job.error_code, FAILURE_DEFAULT)
    return NotificationRow(
        user_id=job.user_id,
        kind=Notification.Kind.GOAL_AI_READY,
        title=title,
        body=body,
        dedupe_key=f"goal_ai:{job.pk}",
        payload={"goal_id": job.goal_id, "job_id": job.pk, "actions": [OPEN_STAGES]},
    )


def goal_ai_breakdown_notify(*, job_id: int, succeeded: bool, now: datetime) -> int:
    """Writes the job's notification, in the caller's transaction; answers how many were
    written (0 when the job or its goal is gone, or it was written before)."""
    job = AiBreakdownJob.objects.select_related("goal").filter(pk=job_id).first()
    if job is None:
        return 0
    return len(notifications_write(rows=[_row(job, succeeded=succeeded)], now=now))


def on_ai_breakdown_finished(*, job_id: int, goal_id: int, succeeded: bool, now: datetime) -> None:
    goal_ai_breakdown_notify(job_id=job_id, succeeded=succeeded, now=now)
