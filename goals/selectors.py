"""Reads on goals: owner-scoped lists with stage counts and linked habits, and the export."""

from datetime import datetime, time

from django.db.models import Count, Prefetch, Q, QuerySet

from core.ownership import get_owned_or_404
from goals.models import AiBreakdownJob, Attachment, Goal, GoalReminder, GoalStage
from goals.reminder_schedule import ReminderSchedule, reminder_next_due
from habits.models import Habit
from users.timezones import user_zone

# what GET /api/goals/{id}/reminder/ shows for a goal that has none yet (inactive)
DEFAULT_REMIND_TIME = time(9, 0)


def _goals_with_summaries(*, user) -> QuerySet[Goal]:
    """The owner's goals with their stage counts (one query) and linked habits (one more)."""
    stages = Q(stages__is_draft=False)
    return (
        Goal.objects.filter(user=user)
        .annotate(
            stages_count=Count("stages", filter=stages),
            completed_stages_count=Count("stages", filter=stages & Q(stages__is_completed=True)),
        )
        .prefetch_related(
            Prefetch("habits", queryset=Habit.objects.only("id", "name").order_by("id"))
        )
        .order_by("position", "id")
    )


def goal_list_for_user(*, user, archived: bool) -> QuerySet[Goal]:
    return _goals_with_summaries(user=user).filter(is_archived=archived)


def goal_get_for_user(*, user, goal_id) -> Goal:
    return get_owned_or_404(_goals_with_summaries(user=user), user=user, pk=goal_id)


def goal_get_for_user_without_summaries(*, user, goal_id) -> Goal:
    """The goal's own row, for owner checks and its stages' reads (another user's: 404)."""
    return get_owned_or_404(Goal.objects.all(), user=user, pk=goal_id)


def goal_stage_list_for_goal(*, goal: Goal) -> QuerySet[GoalStage]:
    """The goal's stages in order, drafts among them (goals.filters.GoalStageFilter leaves them
    out unless asked for)."""
    return GoalStage.objects.filter(goal=goal).order_by("position", "id")


def attachment_list_for_goal(*, goal: Goal) -> QuerySet[Attachment]:
    return Attachment.objects.filter(goal=goal).order_by("-created_at", "-id")


def attachment_keys_for_goals(*, goals) -> list[str]:
    """The storage keys of these goals' attachments, read before the goals are deleted."""
    return list(Attachment.objects.filter(goal__in=goals).values_list("key", flat=True))


def attachment_keys_for_user(user) -> list[str]:
    """Every stored file of the user's goals, for the account wipe and deletion."""
    return list(Attachment.objects.filter(goal__user=user).values_list("key", flat=True))


def goal_reminder_get_for_user(*, user, goal_id) -> GoalReminder:
    """The goal's reminder; for a goal without one, an unsaved inactive one with the defaults
    (another user's goal: 404)."""
    goal = get_owned_or_404(Goal.objects.select_related("user"), user=user, pk=goal_id)
    reminder = GoalReminder.objects.filter(goal=goal).first()
    if reminder is None:
        return GoalReminder(goal=goal, remind_time=DEFAULT_REMIND_TIME, active=False)
    reminder.goal = goal
    return reminder


def goal_reminder_next_at(*, reminder: GoalReminder, now: datetime) -> datetime | None:
    """When the reminder goes out next: None while it is off or unsaved, or its goal completed,
    archived or past its deadline."""
    goal = reminder.goal
    if reminder.pk is None or not reminder.active or goal.completed_at or goal.is_archived:
        return None
    schedule = ReminderSchedule(
        anchor_date=reminder.anchor_date,
        every_n_days=reminder.every_n_days,
        remind_time=reminder.remind_time,
    )
    return reminder_next_due(
        schedule=schedule, zone=user_zone(goal.user), now=now, deadline=goal.deadline
    )


def _reminder_export(reminder: GoalReminder | None) -> dict | None:
    if reminder is None:
        return None
    return {
        "remind_time": reminder.remind_time.strftime("%H:%M"),
        "every_n_days": reminder.every_n_days,
        "active": reminder.active,
        "anchor_date": reminder.anchor_date.isoformat(),
        "last_sent_for": reminder.last_sent_for.isoformat() if reminder.last_sent_for else None,
    }


def goals_export_for_user(user) -> list[dict]:
    """The account export: every goal with its reminder, stages, linked habit ids and attachments
    (four queries). Attachments are listed, not embedded: their files stay in the storage."""
    goals = (
        Goal.objects.filter(user=user)
        .select_related("reminder")
        .order_by("id")
        .prefetch_related(
            Prefetch("stages", queryset=GoalStage.objects.order_by("position", "id")),
            Prefetch("habits", queryset=Habit.objects.only("id").order_by("id")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id")),
        )
    )

    def moment(value):
        return value.isoformat() if value else None

    return [
        {
            "id": goal.pk,
            "title": goal.title,
            "description": goal.description,
            "deadline": moment(goal.deadline),
            "progress": goal.progress,
            "completed_at": moment(goal.completed_at),
            "is_archived": goal.is_archived,
            "archived_at": moment(goal.archived_at),
            "position": goal.position,
            "habits": [habit.pk for habit in goal.habits.all()],
            "created_at": moment(goal.created_at),
            "reminder": _reminder_export(getattr(goal, "reminder", None)),
            "stages": [
                {
                    "id": stage.pk,
                    "title": stage.title,
                    "details": stage.details,
                    "position": stage.position,
                    "is_completed": stage.is_completed,
                    "completed_at": moment(stage.completed_at),
                    "due_date": moment(stage.due_date),
                    "is_draft": stage.is_draft,
                }
                for stage in goal.stages.all()
            ],
            "attachments": [
                {
                    "id": attachment.pk,
                    "name": attachment.original_name,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                    "sha256": attachment.sha256,
                    "created_at": moment(attachment.created_at),
                }
                for attachment in goal.attachments.all()
            ],
        }
        for goal in goals
    ]


def ai_breakdown_job_get_for_user(*, user, goal_id, job_id) -> AiBreakdownJob:
    """A job of the owner's goal with its draft stages still waiting (`drafts`, in order): a
    draft accepted or discarded since is no longer listed. Another user's job or goal: 404."""
    goal = goal_get_for_user_without_summaries(user=user, goal_id=goal_id)
    job = get_owned_or_404(AiBreakdownJob.objects.filter(goal=goal), user=user, pk=job_id)
    job.drafts = list(
        GoalStage.objects.filter(goal=goal, pk__in=job.stage_ids, is_draft=True).order_by(
            "position", "id"
        )
    )
    return job
