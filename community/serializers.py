from rest_framework import serializers

from community.models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, PostKind
from core.fields import StrictBooleanField, StrictCharField


class PostInputSerializer(serializers.Serializer):
    habit = serializers.IntegerField(min_value=1, help_text="One of your own public habits.")
    text = StrictCharField(max_length=TEXT_MAX_LENGTH, trim_whitespace=True)
    image = serializers.FileField(
        required=False,
        allow_empty_file=False,
        help_text="Multipart only: a JPEG, PNG or WebP photo (told by its content), stored "
        "re-encoded without its metadata (EXIF, GPS).",
    )


class PostUpdateInputSerializer(serializers.Serializer):
    text = StrictCharField(max_length=TEXT_MAX_LENGTH, trim_whitespace=True)


class ReportInputSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=REASON_MAX_LENGTH, trim_whitespace=True)


class CommunitySettingsSerializer(serializers.Serializer):
    auto_post_milestones = StrictBooleanField(
        help_text="Post streaks of 7, 21, 66 and 100 and a formed habit automatically (public "
        "habits only)."
    )


class PostHabitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PostOutputSerializer(serializers.Serializer):
    """Rendered from the selectors' rows (plain dicts); the author is shown by display name
    only, never by email."""

    id = serializers.IntegerField()
    author_name = serializers.CharField()
    habit = PostHabitSerializer()
    kind = serializers.ChoiceField(choices=PostKind.choices)
    milestone = serializers.CharField(
        help_text='"" for a manual post; "streak_7", "streak_21", "streak_66", "streak_100" or '
        '"formed" for an automatic one.'
    )
    text = serializers.CharField()
    image_url = serializers.CharField(
        allow_null=True, help_text="A short-lived signed link to the image, or null."
    )
    kudos_count = serializers.IntegerField()
    kudosed_by_me = serializers.BooleanField(help_text="Whether you gave this post kudos.")
    is_mine = serializers.BooleanField()
    is_hidden = serializers.BooleanField(
        help_text="Hidden by a moderator (only its author sees it)."
    )
    created_at = serializers.DateTimeField()


class PostPageSerializer(serializers.Serializer):
    results = PostOutputSerializer(many=True)
    next_cursor = serializers.IntegerField(
        allow_null=True, help_text="Pass as ?cursor= for the next (older) page; null at the end."
    )


class KudosOutputSerializer(serializers.Serializer):
    kudos_count = serializers.IntegerField()
    kudosed_by_me = serializers.BooleanField()


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField(source="post_id")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()
