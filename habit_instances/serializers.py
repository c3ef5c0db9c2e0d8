"""Shapes of the instance API; the current streak comes from habit_current_streaks.

Two renderings of one shape: `InstanceOutputSerializer` (documents the schema; renders model
instances) and `instance_rows_data` (renders habit_instances.sql's instance rows with field
objects made once, for /instances/today/ and the marks' answers). A test renders the same
instances both ways and compares them, so the two cannot drift apart.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import (
    LocalTimeField,
    StrictCharField,
    datetime_renderer,
    render_date,
    render_local_time,
)
from core.models import MAX_ID
from habit_instances.models import NOTE_MAX_LENGTH, RECORDABLE_STATUS_CHOICES, HabitInstance


class HabitSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.CharField()
    place = serializers.CharField()
    time_of_day = LocalTimeField()
    is_pleasant = serializers.BooleanField()
    reward_text = serializers.CharField()
    related_pleasant_habit_name = serializers.SerializerMethodField()
    current_streak = serializers.SerializerMethodField()

    def get_related_pleasant_habit_name(self, habit) -> str | None:
        related = habit.related_pleasant_habit
        return related.name if related else None

    def get_current_streak(self, habit) -> int:
        return self.context.get("streak_by_habit", {}).get(habit.pk, 0)


class InstanceOutputSerializer(serializers.ModelSerializer):
    habit = serializers.SerializerMethodField()

    class Meta:
        model = HabitInstance
        fields = [
            "id",
            "date",
            "status",
            "scheduled_at",
            "grace_deadline",
            "fix_deadline",
            "completed_at",
            "recorded_late",
            "note",
            "habit",
        ]
        read_only_fields = fields

    @extend_schema_field(HabitSummarySerializer)
    def get_habit(self, instance) -> dict:
        return HabitSummarySerializer(instance.habit, context=self.context).data


def instance_rows_data(rows) -> list[dict]:
    """habit_instances.sql's instance rows as InstanceOutputSerializer renders the instances."""
    date, moment, clock = render_date, datetime_renderer(), render_local_time
    return [
        {
            "id": instance_id,
            "date": date(day),
            "status": status,
            "scheduled_at": moment(scheduled_at),
            "grace_deadline": moment(grace_deadline),
            "fix_deadline": moment(fix_deadline),
            "completed_at": moment(completed_at),
            "recorded_late": bool(recorded_late),
            "note": note,
            "habit": {
                "id": habit_id,
                "name": name,
                "action": action,
                "place": place,
                "time_of_day": clock(time_of_day),
                "is_pleasant": bool(is_pleasant),
                "reward_text": reward_text,
                "related_pleasant_habit_name": related_name,
                "current_streak": current_streak,
            },
        }
        for (
            instance_id,
            day,
            status,
            scheduled_at,
            grace_deadline,
            fix_deadline,
            completed_at,
            recorded_late,
            note,
            habit_id,
            name,
            action,
            place,
            time_of_day,
            is_pleasant,
            reward_text,
            related_name,
            current_streak,
        ) in rows
    ]


class InstanceNoteInputSerializer(serializers.Serializer):
    note = StrictCharField(
        max_length=NOTE_MAX_LENGTH,
        allow_blank=True,
        trim_whitespace=False,
        required=False,  # PATCH: a body without it changes nothing
        help_text="Plain text; an empty note removes it.",
    )


class DayStatusSerializer(serializers.Serializer):
    """The body of PUT /habits/{id}/days/{date}/."""

    status = serializers.ChoiceField(choices=RECORDABLE_STATUS_CHOICES)


class DayPathSerializer(serializers.Serializer):
    """The path's date of /habits/{id}/days/{date}/, checked like a field."""

    date = serializers.DateField(input_formats=["iso-8601"])


class DayInputSerializer(DayPathSerializer, DayStatusSerializer):
    """PUT: the path's date and the body's status together."""


# The bounds of GET /instances/: a month of days, and a page of habits (the web app's habit list
# shows at most 24) with room to spare. Together they bound the answer, so it needs no pages.
RANGE_MAX_DAYS = 31
RANGE_MAX_HABITS = 100


class InstanceRangeQuerySerializer(serializers.Serializer):
    """The query of GET /instances/: a local date range and, optionally, the habits."""

    date_from = serializers.DateField(
        input_formats=["iso-8601"], help_text="First local date, inclusive."
    )
    date_to = serializers.DateField(
        input_formats=["iso-8601"],
        help_text=f"Last local date, inclusive; at most {RANGE_MAX_DAYS} days from date_from.",
    )
    habit = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        min_length=1,
        max_length=RANGE_MAX_HABITS,
        help_text="Only these habits (repeat the parameter; archived ones too). "
        "Without it: all unarchived habits.",
    )

    def validate(self, attrs):
        days = (attrs["date_to"] - attrs["date_from"]).days + 1
        if days < 1:
            raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
        if days > RANGE_MAX_DAYS:
            raise serializers.ValidationError(
                {"date_to": [f"At most {RANGE_MAX_DAYS} days from date_from."]}
            )
        return attrs
