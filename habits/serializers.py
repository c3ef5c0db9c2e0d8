"""Shapes and types of the habit API; the rules live in habits.services."""

from datetime import date

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import (
    LocalTimeField,
    LocalTimesField,
    datetime_renderer,
    render_date,
    render_local_time,
)
from core.models import MAX_ID
from habits.extras import next_due_dates
from habits.models import (
    EDITABLE_FIELDS,
    MAX_EXTRA_REMINDERS,
    MAX_TIMES_PER_WEEK,
    MAX_WINDOW_MINUTES,
    PERIODICITY_CHOICES,
    REPEAT_LIMIT_CHOICES,
    STATE_FIELDS,
    Habit,
    Schedule,
    reminder_times,
    reminder_times_shown,
    reminder_times_text,
    weekdays_list,
    weekdays_mask,
)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "integer", "minimum": 0, "maximum": 6},
        "uniqueItems": True,
        "maxItems": 7,
        "description": "Weekdays the habit is due on (0 = Monday ... 6 = Sunday), sorted; "
        "read only by the `weekdays` schedule, empty under the others.",
    }
)
class WeekdaysField(serializers.Field):
    """A list of distinct weekdays 0-6 in the API, `Habit.weekdays`' bitmask inside."""

    default_error_messages = {
        "not_a_list": "Expected a list of weekdays (0 = Monday ... 6 = Sunday).",
        "out_of_range": "Each weekday is a whole number from 0 (Monday) to 6 (Sunday).",
        "duplicate": "Each weekday may appear once.",
    }

    def to_internal_value(self, data) -> int:
        if not isinstance(data, list):
            self.fail("not_a_list")
        if any(type(day) is not int or not 0 <= day <= 6 for day in data):
            self.fail("out_of_range")
        if len(set(data)) != len(data):
            self.fail("duplicate")
        return weekdays_mask(data)

    def to_representation(self, value: int) -> list[int]:
        return weekdays_list(value)


class ExtraRemindersField(LocalTimesField):
    """`extra_reminders`: local "HH:MM" times in the API, `Habit.extra_reminders`' text inside."""

    def __init__(self, **kwargs):
        super().__init__(max_items=MAX_EXTRA_REMINDERS, **kwargs)

    def to_internal_value(self, data) -> str:
        return reminder_times_text(super().to_internal_value(data))

    def to_representation(self, value: str) -> list[str]:
        return super().to_representation(reminder_times(value))


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
    schedule = serializers.ChoiceField(choices=Schedule.choices, required=False)
    periodicity_days = serializers.ChoiceField(choices=PERIODICITY_CHOICES, required=False)
    weekdays = WeekdaysField(required=False)
    times_per_week = serializers.IntegerField(
        min_value=1, max_value=MAX_TIMES_PER_WEEK, required=False, allow_null=True
    )
    repeat_limit = serializers.ChoiceField(choices=REPEAT_LIMIT_CHOICES, required=False)
    grace_minutes = serializers.IntegerField(
        min_value=0, max_value=MAX_WINDOW_MINUTES, required=False
    )
    fix_minutes = serializers.IntegerField(
        min_value=0, max_value=MAX_WINDOW_MINUTES, required=False
    )
    extra_reminders = ExtraRemindersField(required=False)
    is_public = serializers.BooleanField(required=False)
    is_active = serializers.BooleanField(required=False)
    start_date = serializers.DateField(required=False)


class HabitPauseInputSerializer(serializers.Serializer):
    # `from` is a Python keyword: the field is declared under its API name below.
    until = serializers.DateField(required=False, allow_null=True)


HabitPauseInputSerializer._declared_fields = {
    "from": serializers.DateField(),
    **HabitPauseInputSerializer._declared_fields,
}


class HabitOutputSerializer(serializers.ModelSerializer):
    related_pleasant_habit_name = serializers.SerializerMethodField()
    time_of_day = LocalTimeField(read_only=True)
    weekdays = WeekdaysField(read_only=True)
    extra_reminders = ExtraRemindersField(read_only=True)
    next_due_date = serializers.SerializerMethodField()

    class Meta:
        model = Habit
        # the editable fields, with the related habit's name right after the related habit
        fields = [
            "id",
            *EDITABLE_FIELDS[: EDITABLE_FIELDS.index("related_pleasant_habit") + 1],
            "related_pleasant_habit_name",
            *EDITABLE_FIELDS[EDITABLE_FIELDS.index("related_pleasant_habit") + 1 :],
            *STATE_FIELDS,
            "next_due_date",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_related_pleasant_habit_name(self, habit) -> str | None:
        related = habit.related_pleasant_habit
        return related.name if related else None

    def get_next_due_date(self, habit) -> date | None:
        """The owner's next local date from today on that the habit is due and still ahead;
        null when archived, inactive or paused open-ended (habit_instances.schedule)."""
        found = next_due_dates(user=habit.user, habit_ids=[habit.pk], now=timezone.now())
        day = found.get(habit.pk)
        return render_date(day) if day else None


def habit_rows_data(rows) -> list[dict]:
    """habits.sql.HabitRows' rows (the next due date last) as HabitOutputSerializer renders the
    habits (a test renders the same habits both ways and compares)."""
    date, moment, clock = render_date, datetime_renderer(), render_local_time
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
            "schedule": schedule,
            "periodicity_days": periodicity_days,
            "weekdays": weekdays_list(weekdays),
            "times_per_week": times_per_week,
            "repeat_limit": repeat_limit,
            "grace_minutes": grace_minutes,
            "fix_minutes": fix_minutes,
            "extra_reminders": reminder_times_shown(extras),
            "is_public": bool(is_public),
            "is_active": bool(is_active),
            "start_date": date(start_date),
            "paused_from": date(paused_from) if paused_from else None,
            "paused_until": date(paused_until) if paused_until else None,
            "is_archived": bool(is_archived),
            "next_due_date": date(next_due) if next_due else None,
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
            schedule,
            periodicity_days,
            weekdays,
            times_per_week,
            repeat_limit,
            grace_minutes,
            fix_minutes,
            extras,
            is_public,
            is_active,
            start_date,
            paused_from,
            paused_until,
            is_archived,
            created_at,
            updated_at,
            next_due,
        ) in rows
    ]


class PublicHabitOutputSerializer(serializers.ModelSerializer):
    """A public habit as other users see it: no links into the owner's private habits, and
    nothing of the owner but a display name."""

    # The display name the owner chose for other users to see, "" when none: never their full
    # name or any part of their email address (docs/security.md).
    owner_name = serializers.CharField(source="user.display_name")
    time_of_day = LocalTimeField(read_only=True)
    weekdays = WeekdaysField(read_only=True)

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
            "schedule",
            "periodicity_days",
            "weekdays",
            "times_per_week",
            "repeat_limit",
            "grace_minutes",
            "fix_minutes",
            "created_at",
            "owner_name",
        ]
        read_only_fields = fields
