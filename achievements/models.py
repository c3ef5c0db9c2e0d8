from django.conf import settings
from django.db import models
from django.db.models import Q

from achievements.catalogue import TIERS


class Achievement(models.Model):
    """A row per achievement of achievements.catalogue, written by achievements_sync (the data
    migration and `manage.py achievements_sync`): the code is the definition, the row gives
    UserAchievement something to point at and the admin something to count."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    icon = models.CharField(max_length=40)
    tier = models.CharField(max_length=10, choices=[(tier, tier.title()) for tier in TIERS])
    measure = models.CharField(max_length=40)
    target = models.PositiveIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)
    # False once its definition left the catalogue: kept, so earned rows stay, never awarded again
    is_listed = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tier__in=list(TIERS)), name="achievement_tier_known"
            ),
            models.CheckConstraint(condition=Q(target__gte=1), name="achievement_target_positive"),
        ]

    def __str__(self):
        return self.name


class UserAchievement(models.Model):
    """A user earned an achievement, once: the unique constraint decides, in the INSERT (a
    duplicate or concurrent event inserts nothing and announces nothing)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="achievements"
    )
    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="earned")
    earned_at = models.DateTimeField()
    # when the web app showed it (its toast); null: not shown yet
    seen_at = models.DateTimeField(null=True, blank=True)
    # awarded by achievements_backfill from history: it announced nothing (no coins, no message)
    backfilled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-earned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "achievement"], name="userachievement_once_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.achievement_id} of {self.user_id}"


class AchievementProgress(models.Model):
    """The user's measures as last evaluated (achievements.measures), so that GET
    /api/achievements/ shows progress with one read instead of re-evaluating the history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="achievement_progress",
    )
    measures = models.JSONField(default=dict)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "achievement progress"

    def __str__(self):
        return f"Achievement progress of {self.user_id}"
