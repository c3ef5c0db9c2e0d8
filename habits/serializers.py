"""Shapes and types of the habit API; the rules live in habits.services."""

from rest_framework import serializers

from core.fields import LocalTimeField, render_date, render_datetime, render_local_time
from habits.models import (
    EDITABLE_FIELDS,
    MAX_WINDOW_MINUTES,
    PERIODICITY_CHOICES,
    REPEAT_LIMIT_CHOICES,
    Habit,
)

MAX_ID = 2**63 - 1


class HabitInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    action = serializers.CharField(max_length=255)
    place = serializers.CharField(max_length=255)
    time_of_day = LocalTimeField()
    is_pleasant = serializers.BooleanField(required=False)
    reward_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    related_pleasant_habit = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    periodicity_days = serializers.ChoiceField(choices=PERIODICITY_CHOICES, required=False)
    repeat_limit = serializers.ChoiceField(choices=REPEAT_LIMIT_CHOICES, required=False)
    grace_minutes = serializers.IntegerField(
        min_value=0, max_value=MAX_WINDOW_MINUTES, required=False
    )
    fix_minutes = serializers.IntegerField(
        min_value=0, max_value=MAX_WINDOW_MINUTES, required=False
    )
    is_public = serializers.BooleanField(required=False)
    is_active = serializers.BooleanField(required=False)
    start_date = serializers.DateField(required=False)


class HabitOutputSerializer(serializers.ModelSerializer):
    related_pleasant_habit_name = serializers.SerializerMethodField()
    time_of_day = LocalTimeField(read_only=True)

    class Meta:
        model = Habit
        # the editable fields, with the related habit's name right after the related habit
        fields = [
            "id",
            *EDITABLE_FIELDS[: EDITABLE_FIELDS.index("related_pleasant_habit") + 1],
            "related_pleasant_habit_name",
            *EDITABLE_FIELDS[EDITABLE_FIELDS.index("related_pleasant_habit") + 1 :],
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_related_pleasant_habit_name(self, habit) -> str | None:
        related = habit.related_pleasant_habit
        return related.name if related else None


def habit_rows_data(rows) -> list[dict]:
    """habits.sql.HabitRows' rows as HabitOutputSerializer renders the habits (a test renders
    the same habits both ways and compares)."""
    date, moment, clock = render_date, render_datetime, render_local_time
    return [
        {
            "id": habit_id,
            "name": name,
            "description": description,
            "action": action,
            "place": place,
            "time_of_day": clock(time_of_day),
            "is_pleasant": bool(is_pleasant),
            "reward_text": reward_text,
            "related_pleasant_habit": related_id,
            "related_pleasant_habit_name": related_name,
            "periodicity_days": periodicity_days,
            "repeat_limit": repeat_limit,
            "grace_minutes": grace_minutes,
            "fix_minutes": fix_minutes,
            "is_public": bool(is_public),
            "is_active": bool(is_active),
            "start_date": date(start_date),
            "created_at": moment(created_at),
            "updated_at": moment(updated_at),
        }
        for (
            habit_id,
            name,
            description,
            action,
            place,
            time_of_day,
            is_pleasant,
            reward_text,
            related_id,
            related_name,
            periodicity_days,
            repeat_limit,
            grace_minutes,
            fix_minutes,
            is_public,
            is_active,
            start_date,
            created_at,
            updated_at,
        ) in rows
    ]


class PublicHabitOutputSerializer(serializers.ModelSerializer):
    """A public habit as other users see it: no links into the owner's private habits, and
    nothing of the owner but a display name."""

    # The display name the owner chose for other users to see, "" when none: never their full
    # name or any part of their email address (docs/security.md).
    owner_name = serializers.CharField(source="user.display_name")
    time_of_day = LocalTimeField(read_only=True)

    class Meta:
        model = Habit
        fields = [
            "id",
            "name",
            "description",
            "action",
            "place",
            "time_of_day",
            "is_pleasant",
            "reward_text",
            "periodicity_days",
            "repeat_limit",
            "grace_minutes",
            "fix_minutes",
            "created_at",
            "owner_name",
        ]
        read_only_fields = fields
