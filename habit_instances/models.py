from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class InstanceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    PENDING = "pending", "Pending"
    COMPLETED = "completed", "Completed"
    COMPLETED_LATE = "completed_late", "Completed late"
    MISSED = "missed", "Missed"
    FIX_EXPIRED = "fix_expired", "Fix window expired"
    SKIPPED = "skipped", "Skipped (excused)"


OPEN_STATUSES = frozenset({InstanceStatus.SCHEDULED, InstanceStatus.PENDING})
DONE_STATUSES = frozenset({InstanceStatus.COMPLETED, InstanceStatus.COMPLETED_LATE})
FINAL_STATUSES = frozenset(InstanceStatus) - OPEN_STATUSES
# An excused day counts as not due: it neither extends nor breaks a streak and stays out of the
# rates and the strength score (docs/habits.md).
EXCUSED_STATUSES = frozenset({InstanceStatus.SKIPPED})
# The final statuses that count as a due day: the denominators of the rates, and the streak rule.
RATED_STATUSES = FINAL_STATUSES - EXCUSED_STATUSES
# The marks a user makes (and may undo while the fix window is open); fix_expired is the sweep's.
USER_MARK_STATUSES = frozenset(
    {
        InstanceStatus.COMPLETED,
        InstanceStatus.COMPLETED_LATE,
        InstanceStatus.MISSED,
        InstanceStatus.SKIPPED,
    }
)

# The streak rule's two sets (stats.compute and its SQL twin in habit_instances.sql read only
# these): a status that extends a run, one that breaks it; any other (the open ones, and the
# excused ones, which count as not due) neither. A new status joins or leaves a set here.
STREAK_EXTENDING_STATUSES = DONE_STATUSES
STREAK_BREAKING_STATUSES = RATED_STATUSES - DONE_STATUSES

# The whole state machine: status -> the statuses it may move to. The services (services/
# transitions.py, services/sweeps.py) derive the allowed source statuses of every compare-and-set
# UPDATE from this table. A user's mark goes back to an open status by undo (back to `pending` or
# `scheduled` as the clock says); the sweep's fix_expired is final for good. (Recording a past
# day, services/past_days.py, writes a day's status outright and is not a transition.)
_UNDO_TARGETS = OPEN_STATUSES
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    InstanceStatus.SCHEDULED: frozenset(
        {
            InstanceStatus.PENDING,
            InstanceStatus.FIX_EXPIRED,
            *USER_MARK_STATUSES,
        }
    ),
    InstanceStatus.PENDING: frozenset({InstanceStatus.FIX_EXPIRED, *USER_MARK_STATUSES}),
    **dict.fromkeys(USER_MARK_STATUSES, _UNDO_TARGETS),
    InstanceStatus.FIX_EXPIRED: frozenset(),
}

# What a past day may be recorded as afterwards (services/past_days.py): done, not done, excused.
RECORDABLE_STATUSES = (InstanceStatus.COMPLETED, InstanceStatus.MISSED, InstanceStatus.SKIPPED)
RECORDABLE_STATUS_CHOICES = [(status.value, status.label) for status in RECORDABLE_STATUSES]


def statuses_that_may_become(target: str) -> list[str]:
    return sorted(source for source, targets in ALLOWED_TRANSITIONS.items() if target in targets)


# A check-in note's longest text.
NOTE_MAX_LENGTH = 1000


class HabitInstance(TimeStampedModel):
    # No index of its own: the unique (habit, date) constraint leads with habit_id and serves every
    # lookup by habit (and the cascade); one index fewer on the table's hottest writes.
    habit = models.ForeignKey(
        "habits.Habit", on_delete=models.CASCADE, related_name="instances", db_index=False
    )
    date = models.DateField(help_text="The owner's local date this instance is due on.")
    status = models.CharField(
        max_length=20, choices=InstanceStatus.choices, default=InstanceStatus.SCHEDULED
    )
    # Stored, not derived: later edits of the habit never rewrite history.
    scheduled_at = models.DateTimeField()
    grace_deadline = models.DateTimeField()
    fix_deadline = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # Set by the sweep's compare-and-set UPDATE: the "grace passed" nudge goes out once.
    grace_announced_at = models.DateTimeField(null=True, blank=True)
    # Set when the owner recorded (or corrected) this past day afterwards (PUT /habits/{id}/days/
    # {date}/): stats can tell, and DELETE may clear only such a day.
    recorded_late = models.BooleanField(default=False, db_default=False)
    # The owner's note on this check-in (PATCH /instances/{id}/note/). A database default, so the
    # generation's bulk INSERT and the sweeps never name the column.
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True, default="", db_default="")

    class Meta:
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["habit", "date"], name="instance_one_per_habit_day"),
            models.CheckConstraint(
                condition=Q(scheduled_at__lte=models.F("grace_deadline"))
                & Q(grace_deadline__lte=models.F("fix_deadline")),
                name="instance_deadlines_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in InstanceStatus]),
                name="instance_status_known",
            ),
        ]
        indexes = [
            # sweep: scheduled -> pending (status = scheduled AND scheduled_at <= now)
            models.Index(
                fields=["scheduled_at"],
                name="instance_due_sweep_idx",
                condition=Q(status="scheduled"),
            ),
            # sweep: open -> fix_expired and the grace announcement
            models.Index(
                fields=["fix_deadline"],
                name="instance_open_sweep_idx",
                condition=Q(status__in=["scheduled", "pending"]),
            ),
            # No (habit, status, date) index: stats, streaks and /habits/{id}/instances/ read one
            # habit's rows by date through the unique (habit, date) and take the status from the
            # row. One index fewer is one entry fewer per generated instance and per sweep move
            # (docs/performance.md, issue 11 third pass).
            # No (date, habit) index: /instances/today/, the overview and the digest read one
            # date across one user's habits, a probe per habit into the unique (habit, date).
        ]

    def __str__(self):
        return f"{self.habit_id} on {self.date} ({self.status})"


class ReminderOwed(models.Model):
    """An instance the deadline sweep moved to pending whose INSTANCE_PENDING announcement (its
    reminder) has not been made yet: the sweep's durable promise, written in the sweep's own
    transaction, deleted by the transaction that announces it (services/sweeps.py).

    Why not announce inside the sweep: at 100,000 due instances, writing every reminder in the
    sweep's transaction held it for ~3 s; marking them owed costs a narrow row each, and the
    reminders follow in short transactions right after. A crash in between loses nothing: the
    next sweep announces what is still owed.

    A plain id, not a foreign key: no per-row constraint check at commit and no cascade query on
    every instance deletion; an owed id whose instance is gone is dropped when it is drained."""

    instance_id = models.BigIntegerField(primary_key=True)

    def __str__(self):
        return f"reminder owed for instance {self.instance_id}"
