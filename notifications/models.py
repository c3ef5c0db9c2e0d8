from django.conf import settings
from django.db import models
from django.db.models import Q


class Notification(models.Model):
    """What the user is told, kept for the web feed. Its deliveries are the outbox."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        NUDGE = "nudge", "Grace period over"
        HABIT_FORMED = "habit_formed", "Habit formed"
        DIGEST = "digest", "Daily digest"
        # an AI breakdown of a goal ended: its proposed stages are ready, or it failed
        GOAL_AI_READY = "goal_ai_ready", "Goal stages proposed"
        # the user's chosen check-in slots ("3 of 5 habits left today"): notifications.checkins
        CHECKIN = "checkin", "Check-in"
        # a habit's extra reminder before its grace deadline: notifications.extra_reminders
        EXTRA_REMINDER = "extra_reminder", "Extra reminder"
        # the user earned an achievement (achievements.services; the bot sends title and body)
        ACHIEVEMENT_EARNED = "achievement_earned", "Achievement earned"
        # the daily "how was your day?" at the user's journal_nudge_time (journal.services.nudges)
        JOURNAL_NUDGE = "journal_nudge", "Journal nudge"
        # a long habits-mood report computed by Celery is ready (reports.services.habits_mood)
        REPORT_READY = "report_ready", "Report ready"
        # the user's weekly summary on their chosen day (reports.services.weekly)
        WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"

    # No index of its own: the unique (user, dedupe_key) and the (user, -created_at) feed index
    # both lead with the user; a third would cost every reminder a sweep writes one more entry.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    # What this notification is about ("reminder:91", "digest:2026-11-22"): the same cause
    # never notifies twice, however often the event or the beat task fires.
    dedupe_key = models.CharField(max_length=100)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_dedupe"),
        ]
        indexes = [
            # the feed: newest first per user
            models.Index(fields=["user", "-created_at"], name="notification_feed"),
            # the unread count
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notif_unread"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.user}: {self.title}"


class Delivery(models.Model):
    """One channel's attempt to deliver a notification: pending → sending → sent / failed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    # a registered channel's name (notifications.channels); registering Web Push or any other
    # channel needs no change here
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Not sent before this time: quiet hours and Telegram's retry_after push it forward.
    not_before = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "deliveries"  # not Django's "deliverys"
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_per_channel"
            ),
        ]
        indexes = [
            # the republish task: open deliveries by status and due time
            models.Index(
                fields=["status", "not_before"],
                condition=Q(status__in=["pending", "sending"]),
                name="delivery_open",
            ),
        ]

    def __str__(self):
        return f"{self.channel} delivery of notification {self.notification_id}: {self.status}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    telegram_enabled = models.BooleanField(default=True)
    email_enabled = models.BooleanField(default=False)
    # on by default (channels: push's default_on): it reaches only devices the user subscribed
    push_enabled = models.BooleanField(default=True)
    # Local wall-clock times; a window may wrap midnight (22:00 → 07:00).
    quiet_hours_start = models.TimeField(null=True, blank=True)
    quiet_hours_end = models.TimeField(null=True, blank=True)
    digest_time = models.TimeField(null=True, blank=True)
    # the daily journal nudge's local time; null (the default) is off
    journal_nudge_time = models.TimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notification settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(quiet_hours_start__isnull=True, quiet_hours_end__isnull=True)
                | Q(quiet_hours_start__isnull=False, quiet_hours_end__isnull=False),
                name="quiet_hours_both_or_neither",
            ),
        ]

    def __str__(self):
        return f"Notification settings of {self.user}"


class CheckinSchedule(models.Model):
    """When a user wants a check-in on how much of today is left (notifications.checkins).

    `next_checkin_at` is the next slot as a UTC instant, precomputed so that the one beat task
    finds every user due with an index range scan instead of evaluating everyone's zone each
    minute; null when check-ins are off."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Once a week"
        OFF = "off", "Off"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_schedule"
    )
    # local "HH:MM" slots, sorted and comma-separated (as Habit.extra_reminders)
    times = models.CharField(max_length=40)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)  # 0 = Monday; weekly only
    next_checkin_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(frequency="weekly") | Q(weekday__gte=0, weekday__lte=6),
                name="checkin_weekly_has_weekday",
            ),
            models.CheckConstraint(
                condition=~Q(frequency="off") | Q(next_checkin_at__isnull=True),
                name="checkin_off_has_no_next",
            ),
        ]
        indexes = [
            # the beat task: schedules whose next slot is due (next_checkin_at <= now)
            models.Index(
                fields=["next_checkin_at"],
                condition=Q(next_checkin_at__isnull=False),
                name="checkin_due",
            ),
        ]

    def __str__(self):
        return f"Check-ins of {self.user}: {self.frequency} at {self.times}"
