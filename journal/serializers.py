"""Shapes of the journal API. `tags` are names both ways: an entry is written with the names of
its activities (a name the user has not used yet becomes a new tag) and answered with them."""

from rest_framework import serializers

from core.fields import LocalTimeField, StrictCharField
from core.storage import storage_object_signed_url
from journal.models import MOOD_MAX, MOOD_MIN, NOTE_MAX_LENGTH, TAG_NAME_MAX_LENGTH, JournalPhoto
from journal.rendering import note_html
from journal.services.entries import MAX_TAGS_PER_ENTRY


class TagNameField(StrictCharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=TAG_NAME_MAX_LENGTH, trim_whitespace=True, **kwargs)


class JournalEntryInputSerializer(serializers.Serializer):
    date = serializers.DateField(
        input_formats=["iso-8601"],
        required=False,
        help_text="Your local date; today in your time zone when left out. Not after today.",
    )
    time = LocalTimeField(required=False, help_text="Local time of day; now when left out.")
    mood = serializers.IntegerField(min_value=MOOD_MIN, max_value=MOOD_MAX)
    energy = serializers.IntegerField(
        min_value=MOOD_MIN, max_value=MOOD_MAX, required=False, allow_null=True
    )
    note = StrictCharField(
        max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, trim_whitespace=False
    )
    tags = serializers.ListField(
        child=TagNameField(),
        required=False,
        max_length=MAX_TAGS_PER_ENTRY,
        help_text="Tag names (any case matches an existing tag; a new name creates a tag). "
        "On PATCH it replaces the entry's tags.",
    )


class JournalPhotoOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    url = serializers.SerializerMethodField(
        help_text="A short-lived signed link to the photo (STORAGE_SIGNED_URL_SECONDS)."
    )

    class Meta:
        model = JournalPhoto
        fields = ["id", "name", "content_type", "size", "created_at", "url"]
        read_only_fields = fields

    def get_url(self, photo: JournalPhoto) -> str:
        return storage_object_signed_url(
            key=photo.key, content_type=photo.content_type, filename=photo.original_name
        )


class JournalEntryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    time = LocalTimeField()
    mood = serializers.IntegerField()
    energy = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(help_text="Markdown, as written.")
    note_html = serializers.SerializerMethodField(
        help_text="The note rendered to HTML and sanitised (nh3): safe to insert in a page."
    )
    tags = serializers.SerializerMethodField()
    photos = JournalPhotoOutputSerializer(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_note_html(self, entry) -> str:
        return note_html(entry.note)

    def get_tags(self, entry) -> list[str]:
        return [tag.name for tag in entry.tags.all()]


class JournalPhotoInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=False,
        help_text="A photo (JPEG, PNG, WebP), told by its content; stored re-encoded without "
        "its metadata (EXIF, GPS).",
    )


class JournalTagInputSerializer(serializers.Serializer):
    name = TagNameField()

    def validate_name(self, value: str) -> str:
        if not value:
            raise serializers.ValidationError("This field may not be blank.")
        return value


class JournalTagOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    entries_count = serializers.IntegerField(help_text="How many entries carry it.")


class JournalCalendarQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=1900, max_value=2200, required=False, help_text="Your current year by default."
    )


class JournalCalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    mood = serializers.FloatField(help_text="The mean mood of the day's entries (1-5).")
    entries = serializers.IntegerField()


class JournalCalendarOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    days = JournalCalendarDaySerializer(many=True, help_text="Only the days with entries.")


class _MoodCountSerializer(serializers.Serializer):
    mood = serializers.IntegerField()
    count = serializers.IntegerField()


class _WeekdaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = Monday ... 6 = Sunday.")
    mean_mood = serializers.FloatField(allow_null=True)
    entries = serializers.IntegerField()


class _StreakSerializer(serializers.Serializer):
    current = serializers.IntegerField(
        help_text="Consecutive local days with an entry, up to today (or yesterday: a day not "
        "over yet breaks nothing)."
    )
    longest = serializers.IntegerField()


class JournalStatsOutputSerializer(serializers.Serializer):
    entries = serializers.IntegerField()
    days_with_entries = serializers.IntegerField()
    mean_mood = serializers.FloatField(allow_null=True)
    distribution = _MoodCountSerializer(many=True)
    by_weekday = _WeekdaySerializer(many=True)
    streak = _StreakSerializer()
