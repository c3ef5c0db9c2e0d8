"""Shapes and types of the goal API; the rules live in goals.services."""

from rest_framework import serializers

from goals.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Goal, GoalReminder, GoalStage

MAX_ID = 2**63 - 1
MAX_POSITION = 2**31 - 1
MAX_IDS = 1000  # no goal has that many stages or habits; a bound keeps the body's work bounded


def _ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=MAX_IDS, **kwargs
    )


class GoalInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    deadline = serializers.DateField(required=False, allow_null=True)
    position = serializers.IntegerField(min_value=0, max_value=MAX_POSITION, required=False)
    habits = _ids(required=False, help_text="Ids of your habits that serve this goal.")


class GoalHabitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class GoalOutputSerializer(serializers.ModelSerializer):
    is_completed = serializers.SerializerMethodField()
    habits = GoalHabitSerializer(many=True, read_only=True)
    stages_count = serializers.IntegerField(read_only=True, help_text="Stages, drafts not counted.")
    completed_stages_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "deadline",
            "progress",
            "is_completed",
            "completed_at",
            "is_archived",
            "archived_at",
            "position",
            "habits",
            "stages_count",
            "completed_stages_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_completed(self, goal) -> bool:
        return goal.completed_at is not None


class GoalStageInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    details = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)


class GoalStageOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalStage
        fields = [
            "id",
            "goal",
            "title",
            "details",
            "position",
            "is_completed",
            "completed_at",
            "due_date",
            "is_draft",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class GoalStageMarkOutputSerializer(serializers.Serializer):
    """A ticked or unticked stage with what it did to its goal."""

    stage = GoalStageOutputSerializer()
    progress = serializers.IntegerField(min_value=0, max_value=100)
    goal_completed_at = serializers.DateTimeField(allow_null=True)


class IdsInputSerializer(serializers.Serializer):
    ids = _ids(allow_empty=True)


class GoalReminderInputSerializer(serializers.Serializer):
    remind_time = serializers.TimeField(
        input_formats=["%H:%M"], help_text="Local time in your zone, HH:MM."
    )
    every_n_days = serializers.ChoiceField(choices=GoalReminder.Every.choices)
    active = serializers.BooleanField()


class GoalReminderOutputSerializer(serializers.Serializer):
    remind_time = serializers.TimeField(format="%H:%M")
    every_n_days = serializers.ChoiceField(choices=GoalReminder.Every.choices)
    active = serializers.BooleanField()
    next_reminder_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When it goes out next (UTC); null while it is off, or the goal is completed, "
        "archived or past its deadline.",
    )
