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
    "periodicity_days",
    "repeat_limit",
    "grace_minutes",
    "fix_minutes",
    "is_public",
    "is_active",
    "start_date",
)


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
    periodicity_days = models.PositiveSmallIntegerField(choices=PERIODICITY_CHOICES, default=1)
    repeat_limit = models.PositiveSmallIntegerField(choices=REPEAT_LIMIT_CHOICES, default=21)
    grace_minutes = models.PositiveIntegerField(default=30)
    fix_minutes = models.PositiveIntegerField(default=120)
    is_public = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    start_date = models.DateField(help_text="Local date of the first due day.")
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
