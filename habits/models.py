from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel

PERIODICITY_CHOICES = [
    (1, "Every day"),
    (2, "Every 2 days"),
    (3, "Every 3 days"),
    (5, "Every 5 days"),
    (7, "Every week"),
]
REPEAT_LIMIT_CHOICES = [(21, "21 times"), (30, "30 times"), (45, "45 times")]
MAX_WINDOW_MINUTES = 24 * 60  # a grace or fix window longer than a day would overlap the next one


class Schedule(models.TextChoices):
    EVERY_N_DAYS = "every_n_days", "Every N days"
    WEEKDAYS = "weekdays", "On chosen weekdays"
    TIMES_PER_WEEK = "times_per_week", "N times per week"


ALL_WEEKDAYS_MASK = 0b1111111  # bit d set: due on weekday d (Monday = 0)
MAX_TIMES_PER_WEEK = 6  # seven a week is every day: every_n_days with periodicity 1


def weekdays_mask(weekdays) -> int:
    """[0, 2, 4] (Mon, Wed, Fri) -> 0b10101: how `Habit.weekdays` stores a set of weekdays."""
    mask = 0
    for weekday in weekdays:
        mask |= 1 << weekday
    return mask


MAX_EXTRA_REMINDERS = 3  # Loop offers several reminders a day; three before a deadline is plenty


def reminder_times(text: str) -> list[time]:
    """`Habit.extra_reminders` ("07:00,12:30") as sorted local times; "" is none."""
    return [time.fromisoformat(part) for part in text.split(",") if part]


def reminder_times_text(times) -> str:
    """Sorted local times as `Habit.extra_reminders` stores them: "HH:MM,HH:MM"."""
    return ",".join(moment.strftime("%H:%M") for moment in sorted(times))


def reminder_times_shown(text: str) -> list[str]:
    """`Habit.extra_reminders` as the API and the export show it: ["07:00", "12:30"]."""
    return [part for part in text.split(",") if part]


def weekdays_list(mask: int) -> list[int]:
    """The stored bitmask as the API shows it: the weekdays, sorted."""
    return [weekday for weekday in range(7) if mask >> weekday & 1]


# What an owner may set on a habit, in the order the API shows them: the services, the list's SQL
# and the output serializer all take their field lists from here.
EDITABLE_FIELDS = (
    "name",
    "description",
    "action",
    "place",
    "time_of_day",
    "is_pleasant",
    "reward_text",
    "related_pleasant_habit",
    "schedule",
    "periodicity_days",
    "weekdays",
    "times_per_week",
    "repeat_limit",
    "grace_minutes",
    "fix_minutes",
    "extra_reminders",
    "is_public",
    "is_active",
    "start_date",
)

# Set by their own endpoints (pause, resume, archive, unarchive), read-only in the output, shown
# after the editable fields.
STATE_FIELDS = ("paused_from", "paused_until", "is_archived")


class Habit(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habits"
    )
    name = models.CharField(max_length=150)
    description = models.TextField(max_length=2000, blank=True)
    action = models.CharField(max_length=255)
    place = models.CharField(max_length=255)
    time_of_day = models.TimeField(help_text="Local wall-clock time in the owner's timezone.")
    is_pleasant = models.BooleanField(default=False)
    reward_text = models.CharField(max_length=255, blank=True)
    # RESTRICT: a pleasant habit others point to is never deleted behind their back (the service
    # answers 409 naming them first), yet deleting the owner cascades through both.
    related_pleasant_habit = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="dependent_habits"
    )
    schedule = models.CharField(
        max_length=20, choices=Schedule.choices, default=Schedule.EVERY_N_DAYS
    )
    # Read only by the every_n_days schedule (kept, not cleared, under the other kinds).
    periodicity_days = models.PositiveSmallIntegerField(choices=PERIODICITY_CHOICES, default=1)
    # A bitmask (weekdays_mask / weekdays_list): one small column keeps the due predicate plain
    # arithmetic on PostgreSQL and SQLite. 0 unless schedule = weekdays.
    weekdays = models.PositiveSmallIntegerField(default=0)
    # 1..MAX_TIMES_PER_WEEK when schedule = times_per_week, else NULL.
    times_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    repeat_limit = models.PositiveSmallIntegerField(choices=REPEAT_LIMIT_CHOICES, default=21)
    grace_minutes = models.PositiveIntegerField(default=30)
    fix_minutes = models.PositiveIntegerField(default=120)
    # Extra nudges on a due day while the instance is open, before its grace deadline: up to
    # MAX_EXTRA_REMINDERS local "HH:MM" times, sorted, comma-separated ("" = none). Plain text
    # rather than JSON: the list's raw SQL reads it alike on PostgreSQL and SQLite.
    extra_reminders = models.CharField(max_length=17, blank=True, default="")
    is_public = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    start_date = models.DateField(help_text="Local date of the first due day.")
    # Set by the pause / resume endpoints only (habits.services.habit_pause): local dates, both
    # days included; no `paused_until` is open-ended. No instance is due inside a pause.
    paused_from = models.DateField(null=True, blank=True, editable=False)
    paused_until = models.DateField(null=True, blank=True, editable=False)
    # Set by archive / unarchive only: out of the lists, Today and generation; history kept.
    is_archived = models.BooleanField(default=False, editable=False)
    # Set once, by a compare-and-set UPDATE, by the completion that reaches repeat_limit: the
    # "habit formed" announcement goes out exactly once.
    formed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["time_of_day", "id"]
        indexes = [
            # the generation beat: active habits, grouped by owner
            models.Index(fields=["is_active", "user"], name="habit_active_user_idx"),
            # /api/habits/public/
            models.Index(fields=["is_public", "-created_at"], name="habit_public_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_pleasant=False)
                | Q(reward_text="", related_pleasant_habit__isnull=True),
                name="habit_pleasant_has_no_reward",
            ),
            models.CheckConstraint(
                condition=Q(is_pleasant=True)
                | (Q(reward_text="") & Q(related_pleasant_habit__isnull=False))
                | (~Q(reward_text="") & Q(related_pleasant_habit__isnull=True)),
                name="habit_useful_has_one_reward",
            ),
            models.CheckConstraint(
                condition=~Q(related_pleasant_habit=models.F("pk")),
                name="habit_not_its_own_related",
            ),
            models.CheckConstraint(
                condition=Q(periodicity_days__in=[value for value, _ in PERIODICITY_CHOICES]),
                name="habit_periodicity_allowed",
            ),
            models.CheckConstraint(
                condition=Q(schedule__in=Schedule.values), name="habit_schedule_known"
            ),
            models.CheckConstraint(
                condition=Q(weekdays__gte=0, weekdays__lte=ALL_WEEKDAYS_MASK)
                & (~Q(schedule=Schedule.WEEKDAYS) | Q(weekdays__gt=0)),
                name="habit_weekdays_valid",
            ),
            models.CheckConstraint(
                condition=Q(times_per_week__isnull=True)
                | Q(times_per_week__gte=1, times_per_week__lte=MAX_TIMES_PER_WEEK),
                name="habit_times_per_week_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(schedule=Schedule.TIMES_PER_WEEK) | Q(times_per_week__isnull=False),
                name="habit_times_per_week_set",
            ),
            models.CheckConstraint(
                condition=Q(paused_until__isnull=True)
                | Q(paused_from__isnull=False, paused_until__gte=models.F("paused_from")),
                name="habit_pause_ordered",
            ),
            models.CheckConstraint(
                condition=Q(repeat_limit__in=[value for value, _ in REPEAT_LIMIT_CHOICES]),
                name="habit_repeat_limit_allowed",
            ),
            models.CheckConstraint(
                condition=Q(grace_minutes__gte=0, grace_minutes__lte=MAX_WINDOW_MINUTES)
                & Q(fix_minutes__gte=0, fix_minutes__lte=MAX_WINDOW_MINUTES),
                name="habit_minutes_in_range",
            ),
        ]

    def __str__(self):
        return self.name
