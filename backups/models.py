"""The backup run log (operators) and the users' own data archives (account section "archives")."""

from django.conf import settings
from django.db import models


class BackupStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class BackupTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Schedule"
    COMMAND = "command", "Command"


class Backup(models.Model):
    """One run of the whole-site backup: what the admin page shows. The backups themselves are
    objects in the storage (the list `manage.py backups` prints comes from there, so a fresh
    server with an empty database still finds them); this row is the history of the runs."""

    name = models.CharField(max_length=64, unique=True)
    key = models.CharField(max_length=255, blank=True)
    trigger = models.CharField(max_length=16, choices=BackupTrigger.choices)
    status = models.CharField(max_length=16, choices=BackupStatus.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    files_count = models.PositiveIntegerField(null=True, blank=True)
    encrypted = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    pruned_at = models.DateTimeField(null=True, blank=True)  # removed by the retention rule

    class Meta:
        ordering = ["-started_at"]
        # the scheduler's "when did the last one succeed" and the admin's newest-first list
        indexes = [models.Index(fields=["status", "-started_at"], name="backup_status_started")]

    def __str__(self):
        return self.name


class ArchiveFrequency(models.TextChoices):
    OFF = "off", "Off"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class UserArchiveSchedule(models.Model):
    """How often a user wants an archive of their own data; no row means off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="archive_schedule"
    )
    frequency = models.CharField(
        max_length=8, choices=ArchiveFrequency.choices, default=ArchiveFrequency.OFF
    )
    updated_at = models.DateTimeField()

    class Meta:
        # the beat task's "whose archive is due": only the switched-on schedules
        indexes = [
            models.Index(
                fields=["frequency"],
                condition=~models.Q(frequency="off"),
                name="archiveschedule_on",
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class UserArchive(models.Model):
    """One archive of a user's data (the account export, JSON) in the storage, until expires_at."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_archives"
    )
    key = models.CharField(max_length=255, unique=True)
    size_bytes = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [
            # the user's list, newest first
            models.Index(fields=["user", "-created_at"], name="userarchive_user_created"),
            # the expiry sweep
            models.Index(fields=["expires_at"], name="userarchive_expires"),
        ]

    def __str__(self):
        return f"archive of {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"
