"""The mood journal: entries with mood, energy, tags, a note and photos (docs/journal.md).

Mood is sensitive: it goes into the owner's export and wipe, never into logs or a public surface.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from core.models import TimeStampedModel

MOOD_MIN, MOOD_MAX = 1, 5
NOTE_MAX_LENGTH = 10_000
TAG_NAME_MAX_LENGTH = 40
PHOTOS_PER_ENTRY = 3


class JournalTag(models.Model):
    """One of the user's own activities ("walk", "friends"), unique per user whatever the case."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_tags"
    )
    name = models.CharField(max_length=TAG_NAME_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            # leads with user_id: also serves the owner's list and the cascade
            models.UniqueConstraint("user", Lower("name"), name="journal_tag_user_name_ci_unique"),
        ]

    def __str__(self):
        return self.name


class JournalEntry(TimeStampedModel):
    """How a day felt. Several entries a day are allowed, and back-dated ones: `date` is the owner's
    local date (today in their zone by default, like instances), `time` the local time of day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    date = models.DateField(help_text="The owner's local date.")
    time = models.TimeField(help_text="The owner's local time of day.")
    mood = models.PositiveSmallIntegerField(help_text="1 (awful) to 5 (great).")
    energy = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 to 5, optional.")
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True, help_text="Markdown.")
    tags = models.ManyToManyField(JournalTag, blank=True, related_name="entries")

    class Meta:
        ordering = ["-date", "-time", "-id"]
        verbose_name_plural = "journal entries"
        indexes = [
            # the list (newest first, date range), the calendar and the reports: one owner by date
            models.Index(
                fields=["user", "-date", "-time", "-id"], name="journal_entry_user_date_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mood__gte=MOOD_MIN, mood__lte=MOOD_MAX), name="journal_entry_mood_range"
            ),
            models.CheckConstraint(
                condition=Q(energy__isnull=True) | Q(energy__gte=MOOD_MIN, energy__lte=MOOD_MAX),
                name="journal_entry_energy_range",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} on {self.date} (mood {self.mood})"


class JournalPhoto(models.Model):
    """A photo of an entry (at most PHOTOS_PER_ENTRY). The bytes live in core.storage under `key`,
    as goal attachments do; the row is what the API lists, exports and deletes."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="photos")
    key = models.CharField(max_length=255, unique=True, help_text="Object key in the storage.")
    content_type = models.CharField(max_length=100, help_text="Read from the content.")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(help_text="Bytes stored (after images are re-encoded).")
    sha256 = models.CharField(max_length=64, help_text="Hex digest of the bytes stored.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["entry", "created_at"], name="journal_photo_entry_idx")]

    def __str__(self):
        return self.original_name
