from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5000
MAX_POSITION = 2**31 - 1  # the largest value PositiveIntegerField holds on every database


class Goal(TimeStampedModel):
    """Where the habits lead. `progress` is kept by goals.services.progress in the transaction of
    every stage change; `completed_at` says whether the goal is done."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="Local date in the owner's zone.")
    is_archived = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        default=0, help_text="Percent of the stages done (floor), 0-100."
    )
    position = models.PositiveIntegerField(default=0)
    # The habits that serve this goal (the owner's own: goals.services checks it).
    habits = models.ManyToManyField("habits.Habit", blank=True, related_name="goals")

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            # /api/goals/ and /api/goals/archived/: one owner's goals, archived or not, in order
            models.Index(fields=["user", "is_archived", "position"], name="goal_user_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="goal_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(is_archived=False, archived_at__isnull=True)
                | Q(is_archived=True, archived_at__isnull=False),
                name="goal_archived_has_time",
            ),
        ]

    def __str__(self):
        return self.title


class GoalStage(TimeStampedModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    details = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True, help_text="Local date in the owner's zone.")
    # A stage proposed by the AI breakdown and not yet accepted: it counts for nothing (progress,
    # reorder, ticks) and is listed only when asked for.
    is_draft = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            # a goal's stages in order, and the progress count over them
            models.Index(fields=["goal", "is_draft", "position"], name="goalstage_goal_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_completed=False, completed_at__isnull=True)
                | Q(is_completed=True, completed_at__isnull=False),
                name="goalstage_completed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(is_draft=False) | Q(is_completed=False),
                name="goalstage_draft_not_completed",
            ),
        ]

    def __str__(self):
        return self.title


class Attachment(models.Model):
    """A file attached to a goal (proof of the result). The bytes live in the object storage
    (core.storage) under `key`; the row is what the API lists, exports and deletes."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="attachments")
    key = models.CharField(max_length=255, unique=True, help_text="Object key in the storage.")
    content_type = models.CharField(max_length=100, help_text="Read from the content.")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(help_text="Bytes stored (after images are re-encoded).")
    sha256 = models.CharField(max_length=64, help_text="Hex digest of the bytes stored.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # a goal's attachments, newest first (the list endpoint and the export)
            models.Index(fields=["goal", "-created_at", "-id"], name="attachment_goal_idx"),
        ]

    def __str__(self):
        return self.original_name


class AiBreakdownJobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class AiBreakdownJob(models.Model):
    """One request to break a goal into stages with the AI provider (goals.services.ai_breakdown).
    Its proposals are the goal's draft stages listed in `stage_ids`; the user accepts or discards
    them (goals.services.goal_stages_accept_drafts)."""

    Status = AiBreakdownJobStatus

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ai_breakdown_jobs")
    # who asked: the daily limit counts a user's jobs, whichever goal they were for
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ai_breakdown_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error_code = models.CharField(max_length=40, blank=True)
    # the draft stages this job wrote (ids, not a key on GoalStage: accepting makes them plain
    # stages, and a later job's drafts replace them)
    stage_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # the daily limit: one user's jobs since their local midnight
            models.Index(fields=["user", "created_at"], name="aijob_user_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "succeeded", "failed"]),
                name="aijob_status_known",
            ),
        ]

    def __str__(self):
        return f"AI breakdown {self.pk} of goal {self.goal_id}: {self.status}"


class GoalReminder(models.Model):
    """A goal's reminder: at `remind_time` on the owner's clock, on `anchor_date` and every
    `every_n_days` after it, while the goal is open, not archived and not past its deadline.
    goals.services.reminders holds the rule; `last_sent_for` makes each due moment send once."""

    class Every(models.IntegerChoices):
        DAY = 1, "Every day"
        OTHER_DAY = 2, "Every other day"
        THIRD_DAY = 3, "Every 3 days"

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="reminder")
    remind_time = models.TimeField(help_text="Local wall-clock time in the owner's zone.")
    every_n_days = models.PositiveSmallIntegerField(choices=Every.choices, default=Every.DAY)
    active = models.BooleanField(default=True)
    # The first local day it is due; reset whenever the time, the period or `active` changes, to
    # the first day whose `remind_time` is still ahead, so saving never sends at once.
    anchor_date = models.DateField()
    # The due moment (UTC) last sent: a moment is sent only when it is later than this, set by a
    # compare-and-set in the transaction that writes the notification.
    last_sent_for = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            # the beat task's candidates: the active reminders
            models.Index(fields=["active"], condition=Q(active=True), name="goalreminder_active"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_n_days__in=[1, 2, 3]), name="goalreminder_every_1_to_3_days"
            ),
        ]

    def __str__(self):
        return f"Reminder of {self.goal}"
