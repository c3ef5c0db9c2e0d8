"""Shapes and types of the achievements API."""

from rest_framework import serializers

from achievements.catalogue import CATALOGUE, CODES, TIERS

MAX_SEEN_CODES = len(CATALOGUE)


class AchievementProgressSerializer(serializers.Serializer):
    current = serializers.IntegerField()
    target = serializers.IntegerField()


class AchievementOutputSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=CODES)
    name = serializers.CharField()
    description = serializers.CharField()
    icon = serializers.CharField(help_text="An MUI icon name (the web app maps it to its icon).")
    tier = serializers.ChoiceField(choices=list(TIERS))
    earned = serializers.BooleanField()
    earned_at = serializers.DateTimeField(allow_null=True)
    seen = serializers.BooleanField(
        help_text="Earned and already shown by the web app (POST achievements/seen/)."
    )
    progress = AchievementProgressSerializer(
        allow_null=True, help_text="Toward a countable achievement; null for a one-off."
    )
    percent_of_users = serializers.FloatField(
        allow_null=True,
        help_text="Share of users holding it, 0–100, cached for a day; null before the first "
        "computation and on instances with fewer than ACHIEVEMENTS_MIN_USERS_FOR_PERCENT users.",
    )


class SeenInputSerializer(serializers.Serializer):
    codes = serializers.ListField(
        child=serializers.ChoiceField(choices=CODES),
        allow_empty=False,
        min_length=1,  # what the schema publishes as minItems (allow_empty alone is not)
        max_length=MAX_SEEN_CODES,
        help_text="The earned achievements the app has shown.",
    )


class SeenOutputSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unseen until now.")
