"""Progress posts on public habits, their kudos and reports, and each user's community setting
(docs/motivation.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

TEXT_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 500
# The streak lengths that earn an automatic post (the "formed" milestone is the habit's own).
STREAK_MILESTONES = (7, 21, 66, 100)
FORMED_MILESTONE = "formed"


def streak_milestone(length: int) -> str:
    return f"streak_{length}"


class PostKind(models.TextChoices):
    NOTE = "note", "Note"
    MILESTONE = "milestone", "Milestone"


class Post(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    habit = models.ForeignKey("habits.Habit", on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(max_length=16, choices=PostKind.choices, default=PostKind.NOTE)
    # "" for notes; "streak_7" … "streak_100" or "formed" for automatic ones, unique per
    # habit so an event delivered twice never posts twice.
    milestone = models.CharField(max_length=16, blank=True, default="")
    text = models.CharField(max_length=TEXT_MAX_LENGTH)
    image_key = models.CharField(max_length=255, blank=True, default="")
    image_content_type = models.CharField(max_length=64, blank=True, default="")
    # Kept on the row (F() updates next to the kudos or report row, in its transaction) so
    # neither the feed nor the moderation queue ever counts rows.
    kudos_count = models.PositiveIntegerField(default=0)
    reports_count = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["habit", "milestone"],
                condition=~Q(milestone=""),
                name="post_one_per_habit_milestone",
            ),
            models.CheckConstraint(
                condition=Q(kind="note", milestone="") | (Q(kind="milestone") & ~Q(milestone="")),
                name="post_milestone_matches_kind",
            ),
        ]
        indexes = [
            # the feed: visible posts, newest first, keyset by id
            models.Index(fields=["is_hidden", "-id"], name="post_feed_idx"),
            # /api/habits/public/{id}/posts/
            models.Index(fields=["habit", "-id"], name="post_habit_idx"),
            # the admin's moderation queue: reported posts, most reported first
            models.Index(
                fields=["-reports_count"],
                condition=Q(reports_count__gt=0),
                name="post_reported_idx",
            ),
        ]

    def __str__(self):
        return f"Post {self.pk} by {self.author_id} on habit {self.habit_id}"


class Kudos(models.Model):
    # A deleted account's kudos stay, anonymous, so the counts kept on others' posts stay true
    # (the account deletion knows nothing of this app); the data wipe takes them back instead.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="kudos_given"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="kudos")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "kudos"
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="kudos_one_per_user_post"),
        ]

    def __str__(self):
        return f"Kudos from {self.user_id} on post {self.post_id}"


class PostReport(models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_reports"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=REASON_MAX_LENGTH)
    resolved = models.BooleanField(default=False, help_text="Dealt with by a moderator.")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reporter", "post"], name="report_one_per_user_post"),
        ]

    def __str__(self):
        return f"Report by {self.reporter_id} on post {self.post_id}"


class CommunitySettings(models.Model):
    """Absent until the user changes a setting; the defaults below apply until then."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="community_settings",
    )
    auto_post_milestones = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "community settings"

    def __str__(self):
        return f"Community settings of {self.user_id}"
